//! UAX #29 word segments of a chunk of text that holds no whitespace.
//!
//! ASCII chunks, most words of English text, take a fast path that applies the
//! UAX #29 rules for the ASCII characters directly: letters, digits and `_`
//! hold together (WB5, WB8-WB10, WB13a/b); a letter, `.`, `'` or `:` and a
//! letter join (WB6/WB7); a digit, `.`, `'`, `,` or `;` and a digit join
//! (WB11/WB12); every other character is a segment of its own (WB999).
//! Everything else goes to the unicode-segmentation crate;
//! `tests::ascii_fast_path_agrees_with_the_crate` checks the two agree.

use unicode_segmentation::UnicodeSegmentation;

/// `(byte offset, segment)` for each word-boundary segment of `chunk`, into
/// `out` (cleared first).
pub fn segments_into<'a>(chunk: &'a str, out: &mut Vec<(usize, &'a str)>) {
    out.clear();
    if chunk.is_ascii() {
        ascii_segments(chunk, out);
    } else {
        out.extend(chunk.split_word_bound_indices());
    }
}

fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

fn joins(before: u8, middle: u8, after: u8) -> bool {
    let letters = before.is_ascii_alphabetic()
        && after.is_ascii_alphabetic()
        && matches!(middle, b'.' | b'\'' | b':');
    let digits = before.is_ascii_digit()
        && after.is_ascii_digit()
        && matches!(middle, b'.' | b'\'' | b',' | b';');
    letters || digits
}

fn ascii_segments<'a>(chunk: &'a str, out: &mut Vec<(usize, &'a str)>) {
    let bytes = chunk.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        i += 1;
        if is_word_byte(bytes[start]) {
            loop {
                if i < bytes.len() && is_word_byte(bytes[i]) {
                    i += 1;
                } else if i + 1 < bytes.len() && joins(bytes[i - 1], bytes[i], bytes[i + 1]) {
                    i += 2;
                } else {
                    break;
                }
            }
        }
        out.push((start, &chunk[start..i]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_path_agrees_with_the_crate() {
        let alphabet = b"aZq09_.':,;-\"!?()[]/@#$%&*+=<>\\^`{|}~\x00\x07\x7f";
        let mut next = crate::testing::xorshift(0x1234_5678_9ABC_DEF1);
        for _ in 0..50_000 {
            let length = (next() % 12) as usize;
            let chunk: String = (0..length)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char)
                .collect();
            let expected: Vec<(usize, &str)> = chunk.split_word_bound_indices().collect();
            let mut ours = Vec::new();
            ascii_segments(&chunk, &mut ours);
            assert_eq!(ours, expected, "{chunk:?}");
        }
    }

    #[test]
    fn joins_words_and_numbers() {
        let mut segments = Vec::new();
        segments_into("U.S.-led,3.5", &mut segments);
        let words: Vec<&str> = segments.into_iter().map(|(_, s)| s).collect();
        assert_eq!(words, ["U.S", ".", "-", "led", ",", "3.5"]);
    }
}
