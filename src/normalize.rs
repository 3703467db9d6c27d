//! Normalisation of one token: invisible characters removed, Unicode NFKC,
//! case folding, one apostrophe.
//!
//! Normalising token by token (rather than the whole text first) keeps every
//! token's offsets in the user's original text exact. Word segmentation never
//! splits a base letter from its combining marks (UAX #29 rule WB4), so
//! composing per token gives the same result as composing the whole text.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Characters used as an apostrophe or single quote inside words, all mapped to `'`.
const APOSTROPHES: [char; 6] = [
    '\u{2019}', '\u{2018}', '\u{02BC}', '\u{FF07}', '\u{0060}', '\u{00B4}',
];

/// The Default_Ignorable_Code_Point ranges of Unicode 17.0
/// (DerivedCoreProperties.txt): characters with no visible form, such as the
/// soft hyphen, zero-width joiners, direction marks, the word joiner, the
/// byte order mark and variation selectors. Scraped text is full of them, and
/// `infor\u{AD}mation` must be `information`. NFKC_Casefold (UAX #44) removes
/// them the same way.
const DEFAULT_IGNORABLE: [(char, char); 17] = [
    ('\u{00AD}', '\u{00AD}'),
    ('\u{034F}', '\u{034F}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{115F}', '\u{1160}'),
    ('\u{17B4}', '\u{17B5}'),
    ('\u{180B}', '\u{180F}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{206F}'),
    ('\u{3164}', '\u{3164}'),
    ('\u{FE00}', '\u{FE0F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFA0}', '\u{FFA0}'),
    ('\u{FFF0}', '\u{FFF8}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0000}', '\u{E0FFF}'),
];

pub fn is_default_ignorable(c: char) -> bool {
    // Below the soft hyphen, the first of them, nothing is: most text stops here.
    c >= '\u{00AD}'
        && DEFAULT_IGNORABLE
            .iter()
            .any(|&(first, last)| first <= c && c <= last)
}

/// Normalise one token: default-ignorable characters removed, NFKC, then (if
/// `lowercase`) full case folding, then every apostrophe variant to U+0027.
///
/// Case folding is Unicode lowercasing plus the folds Python's `str.casefold`
/// adds for running text: `ß`/`ẞ` to `ss` and final sigma `ς` to `σ`.
pub fn normalize_token(token: &str, lowercase: bool) -> String {
    let mut out = String::new();
    normalize_into(token, lowercase, &mut out);
    out
}

/// [`normalize_token`] into a buffer that is cleared first, so a caller can reuse it.
pub fn normalize_into(token: &str, lowercase: bool, out: &mut String) {
    out.clear();
    if token.is_ascii() {
        // Fast path: ASCII is already NFKC and folds byte by byte.
        out.push_str(token);
        if lowercase {
            out.make_ascii_lowercase();
        }
        if out.contains('`') {
            *out = out.replace('`', "'");
        }
        return;
    }
    if token
        .chars()
        .all(|c| c.is_ascii() || c == '\u{2018}' || c == '\u{2019}')
    {
        // Curly single quotes are NFKC and caseless: only the apostrophes change.
        for c in token.chars() {
            out.push(match c {
                '\u{2018}' | '\u{2019}' | '`' => '\'',
                c if lowercase => c.to_ascii_lowercase(),
                c => c,
            });
        }
        return;
    }
    // Removed before composing, so a mark after a soft hyphen still composes.
    let visible: String;
    let token = if token.chars().any(is_default_ignorable) {
        visible = token
            .chars()
            .filter(|&c| !is_default_ignorable(c))
            .collect();
        visible.as_str()
    } else {
        token
    };
    let composed: String = match is_nfkc_quick(token.chars()) {
        IsNormalized::Yes => token.to_owned(),
        _ => token.nfkc().collect(),
    };
    let folded = if lowercase {
        case_fold(&composed)
    } else {
        composed
    };
    out.extend(
        folded
            .chars()
            .map(|c| if APOSTROPHES.contains(&c) { '\'' } else { c }),
    );
}

fn case_fold(text: &str) -> String {
    let lower = text.to_lowercase();
    if !lower.contains(['ß', 'ς']) {
        return lower;
    }
    let mut out = String::with_capacity(lower.len() + 2);
    for c in lower.chars() {
        match c {
            'ß' => out.push_str("ss"),
            'ς' => out.push('σ'),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_paths_agree_with_the_general_rules() {
        // The general rules, spelled out: NFKC, case folding, one apostrophe.
        let general = |token: &str, lowercase: bool| -> String {
            let composed: String = token.nfkc().collect();
            let folded = if lowercase {
                case_fold(&composed)
            } else {
                composed
            };
            folded
                .chars()
                .map(|c| if APOSTROPHES.contains(&c) { '\'' } else { c })
                .collect()
        };
        for token in [
            "Xi",
            "PUTIN’S",
            "it`s",
            "‘Quote’",
            "a‘b’c`D",
            "U.S.",
            "12,000",
            "x_Y",
        ] {
            for lowercase in [true, false] {
                assert_eq!(
                    normalize_token(token, lowercase),
                    general(token, lowercase),
                    "{token}"
                );
            }
        }
    }

    #[test]
    fn folds_case_and_apostrophes() {
        assert_eq!(normalize_token("Xi’s", true), "xi's");
        assert_eq!(normalize_token("Xi's", true), "xi's");
        assert_eq!(normalize_token("XIʼS", true), "xi's");
        assert_eq!(normalize_token("Putin", false), "Putin");
    }

    #[test]
    fn composes_and_folds_unicode() {
        // e + combining acute accent becomes the one code point é.
        assert_eq!(normalize_token("Caf\u{0065}\u{0301}", true), "caf\u{00e9}");
        assert_eq!(normalize_token("Straße", true), "strasse");
        assert_eq!(normalize_token("ΟΔΟΣ", true), "οδοσ");
        // NFKC: full-width letters and ligatures become plain ones.
        assert_eq!(normalize_token("Ｘｉ", true), "xi");
        assert_eq!(normalize_token("ﬁnal", true), "final");
    }

    #[test]
    fn removes_invisible_characters() {
        assert_eq!(normalize_token("infor\u{AD}mation", true), "information");
        assert_eq!(
            normalize_token("\u{5E9}\u{5DC}\u{200F}", true),
            "\u{5E9}\u{5DC}"
        );
        assert_eq!(normalize_token("\u{FEFF}Word\u{2060}s", false), "Words");
        assert_eq!(normalize_token("mi\u{200C}x\u{200D}", true), "mix");
        // A mark separated from its letter by a soft hyphen still composes.
        assert_eq!(normalize_token("e\u{AD}\u{301}", true), "\u{E9}");
        // Visible format-like characters stay.
        assert_eq!(normalize_token("a\u{2010}b", true), "a\u{2010}b");
    }

    #[test]
    fn the_ignorable_table_matches_the_unicode_property() {
        // Spot checks at both ends of every range and just outside it.
        for &(first, last) in &DEFAULT_IGNORABLE {
            assert!(is_default_ignorable(first) && is_default_ignorable(last));
            let before = char::from_u32(first as u32 - 1).unwrap();
            let after = char::from_u32(last as u32 + 1).unwrap();
            assert!(!is_default_ignorable(before), "{:04X}", before as u32);
            assert!(!is_default_ignorable(after), "{:04X}", after as u32);
        }
        assert_eq!(
            DEFAULT_IGNORABLE
                .iter()
                .map(|r| r.1 as u32 - r.0 as u32 + 1)
                .sum::<u32>(),
            4174
        );
    }
}
