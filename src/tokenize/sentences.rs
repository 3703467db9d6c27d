//! Sentence boundaries by UAX #29, as byte offsets of sentence starts.
//!
//! The unicode-segmentation crate decides every boundary, but it looks up a
//! table for every character and its rule SB8 scans ahead from each one. A
//! sentence can only break after a terminator or paragraph separator, both of
//! them neither letter, digit nor space, so the crate is run only on windows
//! around such characters: from the last ASCII letter or digit before one
//! (where the crate's state carries nothing from further back) to the first
//! ASCII letter after it (where every look-ahead of SB8 has ended). Between
//! windows there are only letters, digits and spaces, which never break.
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
    for (offset, _) in text[start..end].split_sentence_bound_indices() {
        let boundary = start + offset;
        if boundary > start && boundary < end {
            starts.push(boundary);
        }
    }
}

/// The first character at or after `from` that is not a letter, digit or ASCII space.
fn next_candidate(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut position = from;
    while position < bytes.len() {
        let byte = bytes[position];
        if byte < 0x80 {
            if !(byte.is_ascii_alphanumeric() || byte == b' ') {
                return Some(position);
            }
            position += 1;
        } else {
            let c = text[position..].chars().next()?;
            if !c.is_alphanumeric() {
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
            ":", "-", "—", "(", ")", "\"", "“", "”", "'", "’", "«", "»", "[", "]", "\u{a0}",
            "\u{ad}", "\u{200b}", "U.S.", "etc. ", "3.5", "Mr. ", " A", " b", ". The", ". the",
            "! ", "? ", "🙂",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let length = (next() % 30) as usize;
            let text: String = (0..length)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            assert_eq!(sentence_starts(&text), whole_text(&text), "{text:?}");
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
