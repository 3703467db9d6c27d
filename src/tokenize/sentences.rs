//! Sentence boundaries by UAX #29, as byte offsets of sentence starts.
//!
//! The unicode-segmentation crate decides every boundary, but it looks up a
//! table for every character and its rule SB8 scans ahead from each one. A
//! sentence can only break after a terminator or paragraph separator (SB4,
//! SB11), never a letter or digit, so the crate is run only on windows around
//! such characters: from the last ASCII letter or digit before one (where the
//! crate's state carries nothing from further back) to the first ASCII
//! letter after it (where every look-ahead of SB8 has ended). Between windows
//! there are no terminators or separators, so no boundary.
//! `tests::windows_agree_with_the_whole_text` checks the equivalence.

use unicode_segmentation::UnicodeSegmentation;

/// Byte offset at which each sentence of `text` starts (none for an empty text).
pub fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    if text.is_empty() {
        return starts;
    }
    starts.push(0);
    let bytes = text.as_bytes();
    let mut window: Option<(usize, usize)> = None;
    let mut position = 0;
    while let Some(candidate) = next_candidate(text, position) {
        let start = bytes[..candidate]
            .iter()
            .rposition(u8::is_ascii_alphanumeric)
            .unwrap_or(0);
        let end = bytes[candidate..]
            .iter()
            .position(u8::is_ascii_alphabetic)
            .map_or(text.len(), |offset| candidate + offset + 1);
        window = match window {
            // The new window needs context the current one holds: grow it.
            Some((current_start, current_end)) if start < current_end => Some((current_start, end)),
            Some(current) => {
                window_breaks(text, current, &mut starts);
                Some((start, end))
            }
            None => Some((start, end)),
        };
        position = end;
    }
    if let Some(last) = window {
        window_breaks(text, last, &mut starts);
    }
    starts
}

/// Append the sentence starts strictly inside `(start, end)` of `text`.
fn window_breaks(text: &str, (start, end): (usize, usize), starts: &mut Vec<usize>) {
    let window = &text[start..end];
    if window.is_ascii() {
        ascii_breaks(window.as_bytes(), |offset| starts.push(start + offset));
        return;
    }
    for (offset, _) in window.split_sentence_bound_indices() {
        let boundary = start + offset;
        if boundary > start && boundary < end {
            starts.push(boundary);
        }
    }
}

/// The Sentence_Break values of the ASCII characters (UAX #29, table 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sb {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

fn sb(byte: u8) -> Sb {
    match byte {
        b'\r' => Sb::Cr,
        b'\n' => Sb::Lf,
        b'\t' | 0x0B | 0x0C | b' ' => Sb::Sp,
        b'a'..=b'z' => Sb::Lower,
        b'A'..=b'Z' => Sb::Upper,
        b'0'..=b'9' => Sb::Numeric,
        b'.' => Sb::ATerm,
        b'!' | b'?' => Sb::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Sb::Close,
        b',' | b'-' | b':' | b';' => Sb::SContinue,
        _ => Sb::Other,
    }
}

/// The sentence boundaries strictly inside an ASCII `window`, by the rules
/// of UAX #29 as they apply to ASCII (no Extend, Format, Sep or OLetter):
/// a break after a line end (SB4, but not inside CR LF, SB3), and after a
/// terminator with its closing punctuation and spaces (SB11) unless SB6,
/// SB7, SB8 or SB8a keep the sentence going.
/// `tests::ascii_rules_agree_with_the_crate` checks them against the crate.
fn ascii_breaks(window: &[u8], mut push: impl FnMut(usize)) {
    let n = window.len();
    let class = |i: usize| sb(window[i]);
    let mut i = 0;
    while i < n {
        match class(i) {
            Sb::Cr if i + 1 < n && class(i + 1) == Sb::Lf => {}
            Sb::Cr | Sb::Lf if i + 1 < n => push(i + 1),
            term @ (Sb::ATerm | Sb::STerm) => {
                if let Some(at) = after_terminator(window, i, term) {
                    if at < n {
                        push(at);
                    }
                    // A line end that ends the run was consumed with it.
                    i = at.max(i + 1);
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// Where the sentence ends after the terminator at `at`, or None when it goes on.
fn after_terminator(window: &[u8], at: usize, term: Sb) -> Option<usize> {
    let n = window.len();
    let class = |i: usize| sb(window[i]);
    let mut i = at + 1;
    while i < n && class(i) == Sb::Close {
        i += 1;
    }
    while i < n && class(i) == Sb::Sp {
        i += 1;
    }
    if i < n && matches!(class(i), Sb::Cr | Sb::Lf) {
        // SATerm Close* Sp* ParaSep ÷ (SB11), CR LF kept together (SB3).
        let end = if class(i) == Sb::Cr && i + 1 < n && class(i + 1) == Sb::Lf {
            i + 2
        } else {
            i + 1
        };
        return Some(end);
    }
    if i == n {
        return Some(n); // the end of the window: nothing inside it
    }
    let next = class(i);
    let adjacent = i == at + 1;
    if term == Sb::ATerm {
        // SB6: ATerm × Numeric; SB7: (Upper | Lower) ATerm × Upper.
        if adjacent && next == Sb::Numeric {
            return None;
        }
        if adjacent && next == Sb::Upper && at > 0 && matches!(class(at - 1), Sb::Upper | Sb::Lower)
        {
            return None;
        }
        // SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower.
        let mut j = i;
        while j < n
            && !matches!(
                class(j),
                Sb::Upper | Sb::Lower | Sb::Cr | Sb::Lf | Sb::ATerm | Sb::STerm
            )
        {
            j += 1;
        }
        if j < n && class(j) == Sb::Lower {
            return None;
        }
    }
    // SB8a: SATerm Close* Sp* × (SContinue | SATerm).
    if matches!(next, Sb::SContinue | Sb::ATerm | Sb::STerm) {
        return None;
    }
    Some(i)
}

/// The bytes `next_candidate` stops at: the ASCII terminators and line ends,
/// and every byte of a character beyond ASCII.
static STOPS: [bool; 256] = {
    let mut stops = [false; 256];
    let mut b = 0;
    while b < 256 {
        stops[b] = b >= 0x80 || matches!(b as u8, b'.' | b'!' | b'?' | b'\n' | b'\r');
        b += 1;
    }
    stops
};

/// The first character at or after `from` after which a sentence may end.
///
/// UAX #29 breaks a sentence only after a paragraph separator (SB4) or
/// after a terminator and the closing punctuation and spaces that follow it
/// (SB11): `.`, `!`, `?`, CR and LF in ASCII. Beyond ASCII, every character
/// is taken for one but letters, digits and the punctuation of English news
/// that is none (curly quotes, dashes, guillemets, the no-break space).
fn next_candidate(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut position = from;
    while position < bytes.len() {
        // One table look-up a byte: the loop's only branch is the rare exit.
        while position < bytes.len() && !STOPS[bytes[position] as usize] {
            position += 1;
        }
        let Some(&byte) = bytes.get(position) else {
            break;
        };
        if byte < 0x80 {
            return Some(position);
        } else {
            let c = text[position..].chars().next()?;
            let never_ends = c.is_alphanumeric()
                || matches!(
                    c,
                    '\u{2018}'
                        | '\u{2019}'
                        | '\u{201C}'
                        | '\u{201D}'
                        | '\u{2013}'
                        | '\u{2014}'
                        | '\u{AB}'
                        | '\u{BB}'
                        | '\u{A0}'
                );
            if !never_ends {
                return Some(position);
            }
            position += c.len_utf8();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole_text(text: &str) -> Vec<usize> {
        text.split_sentence_bound_indices()
            .map(|(start, _)| start)
            .collect()
    }

    #[test]
    fn windows_agree_with_the_whole_text() {
        let pieces = [
            "a", "b", "Z", "Q", "1", "é", "Σ", "я", "中", "e\u{301}", "\u{93e}", " ", "  ", "\t",
            "\n", "\r\n", "\u{2029}", "\u{85}", ".", "...", "!", "?", "‼", "。", "?!", ",", ";",
            ":", "-", "—", "–", "(", ")", "\"", "“", "”", "'", "’", "‘", "«", "»", "[", "]",
            "\u{a0}", "\u{ad}", "\u{200b}", "U.S.", "etc. ", "3.5", "Mr. ", " A", " b", ". The",
            ". the", "! ", "? ", "🙂",
        ];
        let mut next = crate::testing::xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..100_000 {
            let length = (next() % 30) as usize;
            let text: String = (0..length)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            assert_eq!(sentence_starts(&text), whole_text(&text), "{text:?}");
        }
    }

    #[test]
    fn ascii_rules_agree_with_the_crate() {
        let pieces = [
            "a", "b", "Z", "Q", "1", "9", " ", "  ", "\t", "\x0b", "\n", "\r", "\r\n", ".", "...",
            "!", "?", ",", ";", ":", "-", "(", ")", "\"", "'", "[", "]", "{", "}", "$", "#", "_",
            "U.S.", "etc. ", "3.5", "Mr. ", " A", " b", ". The", ". the", "! ", "? ", ".) ",
            ".\" a", "\x00",
        ];
        let mut next = crate::testing::xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..200_000 {
            let length = (next() % 16) as usize;
            let text: String = (0..length)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            let mut ours = Vec::new();
            ascii_breaks(text.as_bytes(), |offset| ours.push(offset));
            let expected: Vec<usize> = whole_text(&text)
                .into_iter()
                .filter(|&b| b > 0 && b < text.len())
                .collect();
            assert_eq!(ours, expected, "{text:?}");
        }
    }

    #[test]
    fn no_letter_or_digit_ends_a_sentence() {
        // The windows rest on this: a sentence terminator is never alphanumeric.
        for c in (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_alphanumeric())
        {
            let text = format!("Ab{c} Cd");
            assert_eq!(whole_text(&text), [0], "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn news_text() {
        let text = "Xi met Putin. The U.S. officials said “no.” Then? Yes!\n\nNext paragraph";
        // The second line end starts a sentence of its own (rule SB4).
        assert_eq!(sentence_starts(text), whole_text(text));
        assert_eq!(sentence_starts(text).len(), 6);
        for line in include_str!("../../python/corpuscle/datasets/demo.jsonl").lines() {
            assert_eq!(sentence_starts(line), whole_text(line));
        }
    }
}
