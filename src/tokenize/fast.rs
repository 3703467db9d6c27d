//! The fast path of [`super::rules`]: English news text cut into raw
//! tokens in one pass over its bytes, whitespace and words alike.
//!
//! It takes the whitespace-free chunks made only of ASCII and of the few
//! other characters news text is full of: the curly quotes `‘ ’ “ ”`, the
//! dashes `– —` and the guillemets `« »`. On those it applies the UAX #29
//! word rules directly: letters, digits and `_` hold together (WB5,
//! WB8-WB10, WB13a/b); a letter, then `.`, `'`, `’`, `‘` or `:`, then a letter
//! join (WB6/WB7); a digit, then `.`, `'`, `’`, `‘`, `,` or `;`, then a digit
//! join (WB11/WB12); every other character is a segment of its own (WB999).
//! Then the repairs of `rules::scan_words` (compounds, dotted
//! abbreviations). A chunk holding anything else (another script, a
//! combining mark, an `@`, a URL) goes to the general path;
//! `tests::fast_path_agrees_with_the_general_path` checks that both cut
//! every text alike.

use super::rules::{is_dotted_abbreviation, RawKind, RawToken};

/// What a character is to the word rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// `_`: ExtendNumLet.
    Underscore,
    /// `.`, `'`, `‘`, `’`: joins letters and joins digits.
    MidBoth,
    /// `:`: joins letters.
    MidLetter,
    /// `,`, `;`: joins digits.
    MidDigit,
    /// A segment of its own: other punctuation, symbols, quotes, dashes.
    Other,
    /// ASCII whitespace: ends a chunk.
    Space,
}

impl Class {
    fn is_word(self) -> bool {
        matches!(self, Class::Letter | Class::Digit | Class::Underscore)
    }
}

const fn ascii_classes() -> [Class; 128] {
    let mut classes = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        classes[b] = if c.is_ascii_alphabetic() {
            Class::Letter
        } else if c.is_ascii_digit() {
            Class::Digit
        } else {
            match c {
                b'_' => Class::Underscore,
                b'.' | b'\'' => Class::MidBoth,
                b':' => Class::MidLetter,
                b',' | b';' => Class::MidDigit,
                b' ' | b'\t'..=b'\r' => Class::Space,
                _ => Class::Other,
            }
        };
        b += 1;
    }
    classes
}

static ASCII: [Class; 128] = ascii_classes();

const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const UNDERSCORE: u8 = 4;

/// The word bytes (ASCII letters, digits and `_`) and which they are; 0 for any other byte.
static WORD: [u8; 256] = {
    let mut kinds = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        kinds[b] = if c.is_ascii_alphabetic() {
            LETTER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c == b'_' {
            UNDERSCORE
        } else {
            0
        };
        b += 1;
    }
    kinds
};

/// The class and byte length of the character at `at` (not ASCII
/// whitespace), or None for one the fast path does not know.
fn class_at(bytes: &[u8], at: usize) -> Option<(Class, usize)> {
    let byte = bytes[at];
    if byte < 0x80 {
        return Some((ASCII[byte as usize], 1));
    }
    // The characters taken: E2 80 xx (‘ ’ “ ” – —) and C2 AB/BB (« »).
    match (byte, bytes.get(at + 1), bytes.get(at + 2)) {
        (0xE2, Some(0x80), Some(0x98 | 0x99)) => Some((Class::MidBoth, 3)),
        (0xE2, Some(0x80), Some(0x9C | 0x9D | 0x93 | 0x94)) => Some((Class::Other, 3)),
        (0xC2, Some(0xAB | 0xBB), _) => Some((Class::Other, 2)),
        _ => None,
    }
}

/// A segment: its byte range in the text, and whether it holds a letter, a digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    start: usize,
    end: usize,
    letter: bool,
    digit: bool,
}

impl Segment {
    fn is_alphanumeric(self) -> bool {
        self.letter || self.digit
    }
}

/// The raw tokens of `text`: each chunk the fast path knows cut here, any
/// other by `general(chunk, its byte offset, out)`.
pub fn raw_tokens<'t>(
    text: &'t str,
    merge_hyphens: bool,
    mut general: impl FnMut(&'t str, usize, &mut Vec<RawToken>),
) -> Vec<RawToken> {
    let bytes = text.as_bytes();
    // About one token per six bytes of English: a guess that saves regrowing.
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut segments = Vec::with_capacity(16);
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte < 0x80 {
            if ASCII[byte as usize] == Class::Space {
                i += 1;
                continue;
            }
        } else if let Some(c) = text[i..].chars().next().filter(|c| c.is_whitespace()) {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let known;
        (i, known) = segment(text, i, &mut segments);
        let chunk = &text[start..i];
        if known && !may_be_special(chunk.as_bytes()) {
            assemble(text, &segments, merge_hyphens, &mut out);
        } else {
            general(chunk, start, &mut out);
        }
    }
    out
}

/// The segments of the chunk that starts at byte `at` of `text`, into
/// `out`: the chunk's end, and whether the fast path knows all of it (no
/// other characters, no `@`). Where it does not, the segments are not made.
fn segment(text: &str, mut i: usize, out: &mut Vec<Segment>) -> (usize, bool) {
    let bytes = text.as_bytes();
    out.clear();
    while i < bytes.len() {
        let Some((class, length)) = class_at(bytes, i) else {
            return (chunk_end(text, i), false);
        };
        if class == Class::Space {
            break;
        }
        let start = i;
        i += length;
        if !class.is_word() {
            if bytes[start] == b'@' {
                return (chunk_end(text, i), false); // a handle or an address
            }
            out.push(Segment {
                start,
                end: i,
                letter: false,
                digit: false,
            });
            continue;
        }
        let (mut letter, mut digit) = (class == Class::Letter, class == Class::Digit);
        let mut last_kind = WORD[bytes[start] as usize];
        loop {
            // The run of ASCII word bytes: one table look-up a byte and no
            // branch but the loop's exit at the end of the run.
            let mut kinds = 0;
            while let Some(&byte) = bytes.get(i) {
                let kind = WORD[byte as usize];
                if kind == 0 {
                    break;
                }
                kinds |= kind;
                last_kind = kind;
                i += 1;
            }
            letter |= kinds & LETTER != 0;
            digit |= kinds & DIGIT != 0;
            let last = match last_kind {
                LETTER => Class::Letter,
                DIGIT => Class::Digit,
                _ => Class::Underscore,
            };
            if i >= bytes.len() {
                break;
            }
            let Some((next, length)) = class_at(bytes, i) else {
                return (chunk_end(text, i), false);
            };
            // A middle character joins when the same kind stands on both sides.
            let joins_letters =
                last == Class::Letter && matches!(next, Class::MidBoth | Class::MidLetter);
            let joins_digits =
                last == Class::Digit && matches!(next, Class::MidBoth | Class::MidDigit);
            if !(joins_letters || joins_digits) || i + length >= bytes.len() {
                break;
            }
            let Some((after, _)) = class_at(bytes, i + length) else {
                return (chunk_end(text, i), false);
            };
            let wanted = if joins_letters {
                Class::Letter
            } else {
                Class::Digit
            };
            if after != wanted {
                break;
            }
            i += length;
        }
        out.push(Segment {
            start,
            end: i,
            letter,
            digit,
        });
    }
    (i, true)
}

/// The end of the chunk holding byte `at`: the next whitespace character.
fn chunk_end(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while at < bytes.len() {
        let byte = bytes[at];
        if byte < 0x80 {
            if ASCII[byte as usize] == Class::Space {
                break;
            }
            at += 1;
        } else {
            // `at` moves by whole characters from a character boundary.
            let c = text[at..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                break;
            }
            at += c.len_utf8();
        }
    }
    at
}

/// The tokens of one chunk's segments, with the repairs of `rules::scan_words`.
fn assemble(text: &str, segments: &[Segment], merge_hyphens: bool, out: &mut Vec<RawToken>) {
    let bytes = text.as_bytes();
    let is = |segment: Segment, what: u8| {
        segment.end == segment.start + 1 && bytes[segment.start] == what
    };
    let mut i = 0;
    while i < segments.len() {
        let first = segments[i];
        i += 1;
        if !first.is_alphanumeric() {
            continue;
        }
        let mut end = first.end;
        let mut has_letter = first.letter;
        // word-word(-word...) joins into one compound.
        while merge_hyphens
            && i + 1 < segments.len()
            && is(segments[i], b'-')
            && segments[i + 1].is_alphanumeric()
        {
            end = segments[i + 1].end;
            has_letter |= segments[i + 1].letter;
            i += 2;
        }
        // u.s + . -> u.s. : an abbreviation with inner dots keeps its final dot.
        if i < segments.len()
            && is(segments[i], b'.')
            && is_dotted_abbreviation(&text[first.start..end])
        {
            end += 1;
            i += 1;
        }
        let kind = if has_letter {
            RawKind::Word
        } else {
            RawKind::Number
        };
        out.push(RawToken {
            start: first.start,
            end,
            kind,
        });
    }
}

/// Whether the general path must look at `bytes` for a URL or a hashtag
/// (it may find none); `@` sent the chunk there already.
fn may_be_special(bytes: &[u8]) -> bool {
    // Past opening punctuation, as the general path looks.
    let mut at = 0;
    loop {
        match bytes.get(at) {
            Some(b'(' | b'[' | b'{' | b'<' | b'"' | b'\'') => at += 1,
            Some(0xE2) if matches!(bytes.get(at + 1..at + 3), Some([0x80, 0x9C | 0x98])) => at += 3,
            Some(0xC2) if bytes.get(at + 1) == Some(&0xAB) => at += 2,
            _ => break,
        }
    }
    let core = &bytes[at..];
    let starts = |prefix: &[u8]| {
        core.len() >= prefix.len() && core[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    matches!(core.first(), Some(b'#' | b'h' | b'H' | b'w' | b'W'))
        && (core[0] == b'#' || starts(b"http://") || starts(b"https://") || starts(b"www."))
}

#[cfg(test)]
mod tests {
    use super::super::rules::{general_raw_tokens, scan_chunk};
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn random_chunks(alphabet: &[&str], count: usize, mut visit: impl FnMut(&str)) {
        let mut next = crate::testing::xorshift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..count {
            let length = (next() % 14) as usize;
            let chunk: String = (0..length)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            visit(&chunk);
        }
    }

    const ALPHABET: [&str; 37] = [
        "a", "Z", "q", "0", "9", "_", ".", "'", ":", ",", ";", "-", "\"", "!", "?", "(", ")", "$",
        "/", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2013}", "\u{2014}", "\u{AB}",
        "\u{BB}", "u.s", "it's", "3.5", "12,000", "e.g", "\x00", "\x7f", "ab", "x1", "#",
    ];

    #[test]
    fn segments_agree_with_the_crate() {
        random_chunks(&ALPHABET, 100_000, |chunk| {
            let mut ours = Vec::new();
            let (end, known) = segment(chunk, 0, &mut ours);
            assert_eq!(end, chunk_end(chunk, 0));
            if !known {
                return;
            }
            let ours: Vec<(usize, &str)> = ours
                .iter()
                .map(|s| (s.start, &chunk[s.start..s.end]))
                .collect();
            let expected: Vec<(usize, &str)> = chunk.split_word_bound_indices().collect();
            assert_eq!(ours, expected, "{chunk:?}");
        });
    }

    #[test]
    fn fast_path_agrees_with_the_general_path() {
        let mut alphabet = ALPHABET.to_vec();
        alphabet.extend([
            "@", "http://", "www.", "é", "e\u{301}", "\u{2010}", "x@y.z", " ", "  ", "\n",
            "\u{a0}", "\u{3000}",
        ]);
        let mut fast_chunks = 0;
        for merge in [true, false] {
            random_chunks(&alphabet, 100_000, |text| {
                let mut general_chunks = 0;
                let fast = raw_tokens(text, merge, |chunk, base, out| {
                    general_chunks += 1;
                    let mut segments = Vec::new();
                    scan_chunk(chunk, base, merge, &mut segments, out);
                });
                let expected = general_raw_tokens(text, merge);
                assert_eq!(fast, expected, "{text:?}");
                fast_chunks += text.split_whitespace().count() - general_chunks;
            });
        }
        // Most chunks of this alphabet take the fast path.
        assert!(fast_chunks > 100_000, "{fast_chunks}");
    }
}
