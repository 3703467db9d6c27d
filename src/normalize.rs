//! Normalisation of one token: Unicode NFKC, case folding, one apostrophe.
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

/// Normalise one token: NFKC, then (if `lowercase`) full case folding, then
/// every apostrophe variant to U+0027.
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
        out.extend(token.bytes().map(|byte| {
            let c = if lowercase {
                byte.to_ascii_lowercase()
            } else {
                byte
            };
            if c == b'`' {
                '\''
            } else {
                c as char
            }
        }));
        return;
    }
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
}
