//! The rules that cut a text into raw tokens (byte spans with a kind).
//!
//! Whitespace always ends a token. Within a whitespace-free chunk, a URL,
//! e-mail address, @handle or #hashtag is taken whole; the rest is cut by
//! UAX #29 word boundaries and repaired: `word-word` joins into one compound
//! (when hyphens are kept), and an abbreviation with inner dots takes back its
//! final dot (`u.s` + `.` -> `u.s.`). Segments without a letter or digit are
//! punctuation or symbols and are dropped.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawKind {
    Word,
    Number,
    Url,
    Email,
    Handle,
    Hashtag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawToken {
    pub start: usize,
    pub end: usize,
    pub kind: RawKind,
}

/// Hyphen-minus, hyphen and non-breaking hyphen: the characters that join a compound.
/// En and em dashes separate words and are not among them.
const HYPHENS: [&str; 3] = ["-", "\u{2010}", "\u{2011}"];

/// Opening punctuation that may stand before a URL, handle or address.
const OPENERS: &[char] = &[
    '(', '[', '{', '<', '"', '\'', '\u{201C}', '\u{2018}', '\u{00AB}',
];

/// Closing punctuation trimmed from the end of a URL or address.
const TRAILING: &[char] = &[
    '.', ',', ';', ':', '!', '?', '"', '\'', ')', ']', '}', '>', '\u{201D}', '\u{2019}', '\u{00BB}',
];

pub fn raw_tokens(text: &str, merge_hyphens: bool) -> Vec<RawToken> {
    // One buffer of word segments serves every chunk the general path takes.
    let mut segments = Vec::new();
    super::fast::raw_tokens(text, merge_hyphens, |chunk, base, out| {
        scan_chunk(chunk, base, merge_hyphens, &mut segments, out);
    })
}

/// [`raw_tokens`] by the general path alone: what the fast path must equal.
#[cfg(test)]
pub(super) fn general_raw_tokens(text: &str, merge_hyphens: bool) -> Vec<RawToken> {
    let mut out = Vec::new();
    let mut segments = Vec::new();
    for (chunk_start, chunk) in whitespace_chunks(text) {
        scan_chunk(chunk, chunk_start, merge_hyphens, &mut segments, &mut out);
    }
    out
}

/// `(byte offset, chunk)` of each run of non-whitespace characters: the
/// plain definition the fast path is checked against.
#[cfg(test)]
pub(super) fn whitespace_chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(char::is_whitespace)
        .scan(0usize, |offset, piece| {
            let start = *offset;
            // Advance past the piece and the one whitespace character that ended it.
            *offset += piece.len();
            if let Some(ws) = text[*offset..].chars().next() {
                *offset += ws.len_utf8();
            }
            Some((start, piece))
        })
        .filter(|(_, piece)| !piece.is_empty())
}

pub(super) fn scan_chunk<'a>(
    chunk: &'a str,
    base: usize,
    merge_hyphens: bool,
    segments: &mut Vec<(usize, &'a str)>,
    out: &mut Vec<RawToken>,
) {
    let core_start = chunk.len() - chunk.trim_start_matches(OPENERS).len();
    let core = &chunk[core_start..];
    if let Some((length, kind)) = special_token(core) {
        let start = base + core_start;
        out.push(RawToken {
            start,
            end: start + length,
            kind,
        });
        let mut rest = core_start + length;
        if kind == RawKind::Handle {
            rest += possessive_suffix(&chunk[rest..]);
        }
        if rest < chunk.len() {
            scan_words(&chunk[rest..], base + rest, merge_hyphens, segments, out);
        }
        return;
    }
    scan_words(chunk, base, merge_hyphens, segments, out);
}

fn possessive_suffix(rest: &str) -> usize {
    ["'s", "\u{2019}s"]
        .iter()
        .find(|suffix| rest.starts_with(*suffix))
        .map_or(0, |suffix| suffix.len())
}

/// A URL, e-mail address, handle or hashtag at the start of `core`: its byte length and kind.
fn special_token(core: &str) -> Option<(usize, RawKind)> {
    let url_prefix = ["http://", "https://", "www."]
        .into_iter()
        .find(|prefix| starts_with_ignore_case(core, prefix));
    if let Some(prefix) = url_prefix {
        let length = trim_url(core);
        return (length > prefix.len()).then_some((length, RawKind::Url));
    }
    if let Some(rest) = core.strip_prefix('@') {
        let length = word_run(rest);
        return (length > 0).then_some((length + 1, RawKind::Handle));
    }
    if let Some(rest) = core.strip_prefix('#') {
        let length = word_run(rest);
        let has_letter = rest[..length].chars().any(char::is_alphabetic);
        return (length > 0 && has_letter).then_some((length + 1, RawKind::Hashtag));
    }
    email_length(core).map(|length| (length, RawKind::Email))
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Byte length of the run of letters, digits and underscores at the start of `text`.
fn word_run(text: &str) -> usize {
    text.char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(text.len(), |(i, _)| i)
}

/// A URL's length once closing punctuation is trimmed; a `)` stays when the URL opened one.
fn trim_url(core: &str) -> usize {
    let mut url = core;
    while let Some(last) = url.chars().last() {
        let balanced_paren = last == ')' && url.matches('(').count() >= url.matches(')').count();
        if !TRAILING.contains(&last) || balanced_paren {
            break;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
    url.len()
}

/// `local@domain.tld` at the start of `core`, trailing punctuation trimmed.
fn email_length(core: &str) -> Option<usize> {
    let at = core.find('@')?;
    let local = &core[..at];
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "._%+-".contains(c));
    if !local_ok {
        return None;
    }
    let domain_len = core[at + 1..]
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.' || *c == '-'))
        .map_or(core.len() - at - 1, |(i, _)| i);
    let domain = core[at + 1..at + 1 + domain_len].trim_end_matches(['.', '-']);
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2 && labels.iter().all(|label| !label.is_empty());
    domain_ok.then_some(at + 1 + domain.len())
}

fn scan_words<'a>(
    chunk: &'a str,
    base: usize,
    merge_hyphens: bool,
    segments: &mut Vec<(usize, &'a str)>,
    out: &mut Vec<RawToken>,
) {
    super::words::segments_into(chunk, segments);
    let mut i = 0;
    while i < segments.len() {
        let (start, segment) = segments[i];
        if !has_alphanumeric(segment) {
            i += 1;
            continue;
        }
        let mut end = start + segment.len();
        let mut has_letter = segment.chars().any(char::is_alphabetic);
        i += 1;
        // word-word(-word...) joins into one compound.
        while merge_hyphens
            && i + 1 < segments.len()
            && HYPHENS.contains(&segments[i].1)
            && has_alphanumeric(segments[i + 1].1)
        {
            let (next_start, next) = segments[i + 1];
            end = next_start + next.len();
            has_letter |= next.chars().any(char::is_alphabetic);
            i += 2;
        }
        // u.s + . -> u.s. : an abbreviation with inner dots keeps its final dot.
        let word = &chunk[start..end];
        if i < segments.len() && segments[i].1 == "." && is_dotted_abbreviation(word) {
            end += 1;
            i += 1;
        }
        let kind = if has_letter {
            RawKind::Word
        } else {
            RawKind::Number
        };
        out.push(RawToken {
            start: base + start,
            end: base + end,
            kind,
        });
    }
}

fn has_alphanumeric(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// Letters separated by single dots, each part at most three letters: `u.s`, `e.g`, `u.n`.
pub(super) fn is_dotted_abbreviation(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            !part.is_empty() && part.chars().count() <= 3 && part.chars().all(char::is_alphabetic)
        })
}
