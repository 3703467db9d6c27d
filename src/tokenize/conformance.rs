//! Word and sentence boundaries checked against the Unicode Consortium's
//! break tests (UAX #29, Unicode 17.0, vendored in `tests/data/unicode/`).
//!
//! Sentences follow the test file exactly. Words follow it except where a
//! boundary touches whitespace: corpuscle cuts at every whitespace character
//! before segmenting (a token never spans one), where UAX #29 keeps runs of
//! horizontal space together (WB3d) and lets a combining mark, format
//! character or joiner cling to a preceding space (WB4). Neither side of such
//! a boundary is a word, so no token changes; the test checks that this is
//! the only difference.

use super::rules::whitespace_chunks;
use super::sentences::sentence_starts;
use super::words::segments_into;

/// One test case: the text and the byte offsets of its boundaries (0 and
/// the text's length included).
struct Case {
    line: usize,
    text: String,
    breaks: Vec<usize>,
}

fn cases(file: &str) -> Vec<Case> {
    let path = format!("{}/tests/data/unicode/{file}", env!("CARGO_MANIFEST_DIR"));
    let content = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = Vec::new();
    for (index, line) in content.lines().enumerate() {
        let rule = line.split('#').next().unwrap().trim();
        if rule.is_empty() {
            continue;
        }
        let mut text = String::new();
        let mut breaks = Vec::new();
        for item in rule.split_whitespace() {
            match item {
                "÷" => breaks.push(text.len()),
                "×" => {}
                hex => {
                    let code = u32::from_str_radix(hex, 16).unwrap();
                    text.push(char::from_u32(code).unwrap());
                }
            }
        }
        out.push(Case {
            line: index + 1,
            text,
            breaks,
        });
    }
    out
}

/// corpuscle's word boundaries: every whitespace character stands alone,
/// and the chunks between them are cut by [`segments_into`].
fn word_breaks(text: &str) -> Vec<usize> {
    let mut breaks = vec![0];
    let mut segments = Vec::new();
    for (offset, c) in text.char_indices() {
        if c.is_whitespace() {
            breaks.push(offset);
            breaks.push(offset + c.len_utf8());
        }
    }
    for (start, chunk) in whitespace_chunks(text) {
        segments_into(chunk, &mut segments);
        breaks.extend(
            segments
                .iter()
                .map(|(offset, segment)| start + offset + segment.len()),
        );
        breaks.push(start);
    }
    breaks.push(text.len());
    breaks.sort_unstable();
    breaks.dedup();
    breaks
}

fn touches_whitespace(text: &str, offset: usize) -> bool {
    let before = text[..offset].chars().next_back();
    let after = text[offset..].chars().next();
    before.is_some_and(char::is_whitespace) || after.is_some_and(char::is_whitespace)
}

fn describe(case: &Case, ours: &[usize]) -> String {
    let codes: Vec<String> = case
        .text
        .chars()
        .map(|c| format!("{:04X}", c as u32))
        .collect();
    format!(
        "line {}: {:?} expected breaks {:?}, got {:?}",
        case.line, codes, case.breaks, ours
    )
}

#[test]
fn sentence_boundaries_pass_every_unicode_test() {
    let cases = cases("SentenceBreakTest-17.0.0.txt");
    assert!(cases.len() > 500, "{} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let mut ours = sentence_starts(&case.text);
            ours.push(case.text.len());
            ours.dedup();
            (ours != case.breaks).then(|| describe(case, &ours))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn word_boundaries_pass_the_unicode_tests_but_beside_whitespace() {
    let cases = cases("WordBreakTest-17.0.0.txt");
    assert!(cases.len() > 1800, "{} cases", cases.len());
    let mut exact = 0;
    let mut failures = Vec::new();
    for case in &cases {
        let ours = word_breaks(&case.text);
        if ours == case.breaks {
            exact += 1;
            continue;
        }
        let differing = ours
            .iter()
            .filter(|b| !case.breaks.contains(b))
            .chain(case.breaks.iter().filter(|b| !ours.contains(b)));
        if differing
            .clone()
            .any(|&b| !touches_whitespace(&case.text, b))
        {
            failures.push(describe(case, &ours));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The whitespace rules matter in a minority of cases: most agree exactly.
    assert!(
        exact * 10 > cases.len() * 8,
        "{exact} of {} exact",
        cases.len()
    );
}

#[test]
fn the_test_files_are_of_the_segmenter_s_unicode_version() {
    // A newer unicode-segmentation needs the newer test files beside it.
    assert_eq!(unicode_segmentation::UNICODE_VERSION, (17, 0, 0));
    assert!(cases("WordBreakTest-17.0.0.txt").len() == 1944);
}
