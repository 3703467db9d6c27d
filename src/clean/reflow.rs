//! Extraction artefacts: hard-wrapped lines, words hyphenated at a line end,
//! lines of bare URLs and leading metadata such as `date 2023-03-21`.

use super::lines::line_ranges;

/// Hard-wrapped lines are at least this long (90th percentile)...
const MIN_WRAP_WIDTH: usize = 40;
/// ...and at most this long; web text with one paragraph per line has much
/// longer ones.
const MAX_WRAP_WIDTH: usize = 160;
/// Hard-wrapped text has at least this many line breaks inside sentences...
const MIN_WRAP_BREAKS: usize = 3;
/// ...making up at least this share of its non-blank lines.
const MIN_WRAP_SHARE: f64 = 0.3;

/// Does the line end a sentence: `.`, `!`, `?` or `…`, then perhaps closing
/// quotes or brackets?
pub fn ends_sentence(line: &str) -> bool {
    let trimmed = line
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
    trimmed.ends_with(['.', '!', '?', '…'])
}

/// A line holding only a URL (`http://`, `https://` or `www.`).
pub fn is_url_line(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && !line.contains(char::is_whitespace)
        && ["http://", "https://", "www."]
            .iter()
            .any(|p| line.len() > p.len() && line[..p.len()].eq_ignore_ascii_case(p))
}

fn width(line: &str) -> usize {
    line.chars().count()
}

/// The 90th percentile of the lengths of the non-blank lines.
fn wrap_width(lines: &[&str]) -> usize {
    let mut widths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| width(l))
        .collect();
    if widths.is_empty() {
        return 0;
    }
    widths.sort_unstable();
    widths[(widths.len() - 1) * 9 / 10]
}

/// Is the break after `line` (followed by the non-blank `next`) inside a
/// paragraph of hard-wrapped text of width `wrap`?
fn joins(line: &str, next: &str, wrap: usize) -> bool {
    if next.starts_with(char::is_whitespace) || is_url_line(line) || is_url_line(next) {
        return false; // an indented line starts a paragraph; URLs stay on their lines
    }
    // A sentence end on a line well short of the width ends its paragraph.
    !ends_sentence(line) || width(line.trim_end()) * 5 >= wrap * 4
}

/// Is the text hard-wrapped: lines no longer than [`MAX_WRAP_WIDTH`], and
/// enough of them broken inside a sentence on a nearly full line?
pub fn is_hard_wrapped(text: &str) -> bool {
    let lines: Vec<&str> = line_ranges(text)
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .collect();
    let wrap = wrap_width(&lines);
    if !(MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&wrap) {
        return false;
    }
    let non_blank = lines.iter().filter(|l| !l.trim().is_empty()).count();
    let breaks = lines
        .windows(2)
        .filter(|pair| {
            let (line, next) = (pair[0], pair[1]);
            !line.trim().is_empty()
                && !next.trim().is_empty()
                && !ends_sentence(line)
                && width(line) * 2 >= wrap
        })
        .count();
    breaks >= MIN_WRAP_BREAKS && breaks as f64 >= MIN_WRAP_SHARE * non_blank as f64
}

/// What reflowing did to one text.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Reflowed {
    pub text: String,
    /// Line breaks replaced by a space (or nothing, after a hyphen).
    pub joined: usize,
    /// Words hyphenated across a line break and joined without the hyphen,
    /// as `(as printed, as joined)`.
    pub dehyphenated: Vec<(String, String)>,
}

/// Join the lines of hard-wrapped paragraphs; `None` if the text is not
/// hard-wrapped. A word hyphenated at a line end loses its hyphen when
/// `known(joined word)` says the joined word is seen elsewhere; otherwise the
/// hyphen stays (`Russia-` + `China` is `Russia-China`).
pub fn reflow(text: &str, known: impl Fn(&str) -> bool) -> Option<Reflowed> {
    if !is_hard_wrapped(text) {
        return None;
    }
    let lines: Vec<&str> = line_ranges(text)
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .collect();
    let wrap = wrap_width(&lines);
    let mut out = Reflowed {
        text: String::with_capacity(text.len()),
        ..Reflowed::default()
    };
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let Some(next) = continuation(&lines, i, wrap) else {
            out.text.push_str(line);
            if i + 1 < lines.len() {
                out.text.push('\n');
            }
            i += 1;
            continue;
        };
        out.joined += 1;
        let line = line.trim_end();
        let next_line = lines[next];
        i = next;
        let word_hyphen = line
            .strip_suffix('-')
            .is_some_and(|body| body.ends_with(char::is_alphabetic));
        if !word_hyphen {
            out.text.push_str(line);
            out.text.push(' ');
            continue;
        }
        match hyphenated(line, next_line) {
            Some((head, tail)) if known(&format!("{head}{tail}")) => {
                out.dehyphenated
                    .push((format!("{head}-{tail}"), format!("{head}{tail}")));
                out.text.push_str(&line[..line.len() - 1]);
            }
            // Not a word broken by the line end (`Russia-` + `China`): keep the hyphen.
            _ => out.text.push_str(line),
        }
    }
    Some(out)
}

/// The index of the line that continues the paragraph of line `i`, if any:
/// the next line when [`joins`] says so, or, across blank lines (a page
/// break), a line that goes on in lower case after a line cut mid-sentence.
fn continuation(lines: &[&str], i: usize, wrap: usize) -> Option<usize> {
    let blank = |l: &str| l.trim().is_empty();
    let line = lines[i];
    let next = *lines.get(i + 1)?;
    if blank(line) {
        return None;
    }
    if !blank(next) {
        return joins(line, next, wrap).then_some(i + 1);
    }
    let after = (i + 1..lines.len()).find(|&k| !blank(lines[k]))?;
    let lower = lines[after].starts_with(char::is_lowercase);
    let cut = !ends_sentence(line) && width(line.trim_end()) * 2 >= wrap;
    (lower && cut && !is_url_line(line)).then_some(after)
}

/// The word parts around a hyphen at the end of `line`, when `next` goes on
/// in lower case: `("estab", "lished")`.
fn hyphenated<'a>(line: &'a str, next: &'a str) -> Option<(&'a str, &'a str)> {
    let body = line.strip_suffix('-')?;
    let head_start = body.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + body[i..].chars().next().map_or(1, char::len_utf8)
    });
    let head = &body[head_start..];
    let tail_end = next
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(next.len());
    let tail = &next[..tail_end];
    let lower = tail.chars().next().is_some_and(char::is_lowercase);
    (!head.is_empty() && lower).then_some((head, tail))
}

/// Leading metadata: `date 2023-03-21`, `Published: 2023-03-21T10:00Z`,
/// `Updated 21 March 2023`... at the very start of the text, possibly
/// several. Returns the byte length of the prefix (with the white space after it).
pub fn metadata_prefix(text: &str) -> usize {
    let mut end = 0;
    loop {
        let rest = &text[end..];
        let start = rest.len() - rest.trim_start().len();
        let Some(length) = metadata_field(&rest[start..]) else {
            break;
        };
        end += start + length;
    }
    if end == 0 {
        return 0;
    }
    let rest = &text[end..];
    end + rest.len() - rest.trim_start().len()
}

const METADATA_KEYS: [&str; 8] = [
    "date",
    "published",
    "updated",
    "last updated",
    "posted",
    "modified",
    "published on",
    "updated on",
];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The length of one `key[:] date` field at the start of `text`.
fn metadata_field(text: &str) -> Option<usize> {
    // Metadata is short: look at the first 64 bytes only.
    let mut head = text.len().min(64);
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    let text = &text[..head];
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return None; // case folding moved byte offsets: not the ASCII metadata we look for
    }
    let key = METADATA_KEYS
        .iter()
        .filter(|k| lower.starts_with(*k))
        .max_by_key(|k| k.len())?;
    let mut i = key.len();
    if lower[i..].starts_with(':') {
        i += 1;
    }
    let spaces = lower[i..].len() - lower[i..].trim_start().len();
    if spaces == 0 && !lower[..i].ends_with(':') {
        return None;
    }
    i += spaces;
    let date = iso_date(&lower[i..]).or_else(|| written_date(&lower[i..]))?;
    Some(i + date)
}

fn digits(text: &str, n: usize) -> bool {
    text.len() >= n && text.as_bytes()[..n].iter().all(u8::is_ascii_digit)
}

/// `2023-03-21`, optionally with `T10:00`, `:00`, `Z` or an offset.
fn iso_date(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let date = digits(text, 4)
        && b.get(4) == Some(&b'-')
        && digits(&text[5..], 2)
        && b.get(7) == Some(&b'-')
        && digits(&text[8..], 2);
    if !date {
        return None;
    }
    let mut i = 10;
    if matches!(b.get(i), Some(b'T' | b't' | b' ')) && digits(text.get(i + 1..)?, 2) {
        let time = &text[i + 1..];
        if time.as_bytes().get(2) == Some(&b':') && digits(&time[3..], 2) {
            i += 6;
            if b.get(i) == Some(&b':') && digits(&text[i + 1..], 2) {
                i += 3;
            }
            if matches!(b.get(i), Some(b'z' | b'Z')) {
                i += 1;
            }
        }
    }
    Some(i)
}

/// `21 march 2023` or `march 21, 2023` (already lower case).
fn written_date(text: &str) -> Option<usize> {
    let words: Vec<&str> = text.splitn(4, ' ').collect();
    let month = |w: &str| MONTHS.contains(&w.trim_end_matches(','));
    let day = |w: &str| {
        let w = w.trim_end_matches(',');
        (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
    };
    let year = |w: &str| w.len() >= 4 && digits(w, 4);
    if words.len() < 3 || !year(words[2]) {
        return None;
    }
    let fits = (day(words[0]) && month(words[1])) || (month(words[0]) && day(words[1]));
    fits.then(|| words[0].len() + words[1].len() + 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WRAPPED: &str = " A title split\nacross two lines\n Here is a paragraph of text that \
        was wrapped at a fixed\nwidth by the PDF extractor, so that each line ends in the\n\
        middle of a sentence. A word like estab-\nlished is hyphenated and Russia-\n\
        China is compound. A page break cuts this\n\nsentence. It ends here.\n Next paragraph, indented, with a short\nline.\n\n\
        https://example.com/a\nhttps://example.com/b\n";

    #[test]
    fn sentence_ends_and_urls() {
        assert!(ends_sentence("He left.”"));
        assert!(ends_sentence("Why? "));
        assert!(!ends_sentence("the war in"));
        assert!(is_url_line(" https://x.org/a-b "));
        assert!(!is_url_line("see https://x.org"));
        assert!(!is_url_line("https://"));
    }

    #[test]
    fn reflow_joins_wrapped_paragraphs() {
        assert!(is_hard_wrapped(WRAPPED));
        let reflowed = reflow(WRAPPED, |w| w == "established").unwrap();
        let lines: Vec<&str> = reflowed.text.lines().collect();
        assert_eq!(lines[0], " A title split across two lines");
        assert!(
            lines[1].starts_with(" Here is a paragraph of text that was wrapped at a fixed width")
        );
        assert!(lines[1].contains("A word like established is hyphenated and Russia-China is"));
        assert!(lines[1].ends_with("A page break cuts this sentence. It ends here."));
        assert_eq!(lines[2], " Next paragraph, indented, with a short line.");
        assert_eq!(
            &lines[3..],
            ["", "https://example.com/a", "https://example.com/b"]
        );
        assert_eq!(
            reflowed.dehyphenated,
            [("estab-lished".to_owned(), "established".to_owned())]
        );
        eprintln!("{:?}", reflowed.text);
        assert_eq!(reflowed.joined, 7);
        assert!(reflowed.text.ends_with('\n'));
    }

    #[test]
    fn paragraph_per_line_text_is_left_alone() {
        let web = "A long paragraph that goes on and on. ".repeat(10)
            + "\n\nHeading\n\nAnother long paragraph. "
            + &"More words here, and more. ".repeat(12);
        assert!(!is_hard_wrapped(&web));
        assert_eq!(reflow(&web, |_| true), None);
        assert!(!is_hard_wrapped("short\nlines\nof a\nlist"));
    }

    #[test]
    fn leading_metadata() {
        let text = " date 2023-03-21 Chinese President Xi";
        assert_eq!(&text[metadata_prefix(text)..], "Chinese President Xi");
        let text = "Published: 2023-03-21T10:05:00Z\nUpdated March 22, 2023\nBody";
        assert_eq!(&text[metadata_prefix(text)..], "Body");
        let text = "Updated 21 March 2023 Body";
        assert_eq!(&text[metadata_prefix(text)..], "Body");
        assert_eq!(metadata_prefix("Dated letters of 2023-03-21"), 0);
        assert_eq!(metadata_prefix("date: soon"), 0);
        assert_eq!(metadata_prefix("İstanbul date 2023-03-21"), 0);
    }
}
