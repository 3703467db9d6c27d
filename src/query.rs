//! Finding a word, a phrase or a glob in the corpus: the node of collocates
//! and the match of a concordance.
//!
//! A pattern is one or more words separated by spaces. A word with `*` (any
//! characters) or `?` (one character) is a glob, matched against every term of
//! the vocabulary after the same case folding as tokens; any other word goes
//! through the tokenizer, so `Putin’s` finds `putin` and, with split hyphens,
//! `Russia-China` finds `russia china`. A phrase matches consecutive tokens of
//! one sentence.

use crate::parallel::Control;

use ahash::AHashSet;
use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::normalize::normalize_token;
use crate::parallel::{step, CHUNK};
use crate::strings::CharOffsets;
use crate::strings::Strings;
use crate::tokenize::{Tokenizer, TokenizerConfig};

/// The term ids allowed at each position of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    positions: Vec<AHashSet<u32>>,
}

/// One occurrence: document and token range `[start, end)` within it, and
/// the token range of its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub doc: usize,
    pub start: usize,
    pub end: usize,
    pub sentence: (usize, usize),
}

impl Pattern {
    pub fn parse(pattern: &str, tokenizer: &Tokenizer, corpus: &Corpus) -> Result<Pattern> {
        let mut positions = Vec::new();
        for word in pattern.split_whitespace() {
            if word.contains(['*', '?']) {
                positions.push(glob_ids(word, tokenizer, corpus));
            } else {
                for token in tokenizer.tokenize(word).tokens {
                    let ids = corpus.vocab().id(&token.text).into_iter().collect();
                    positions.push(ids);
                }
            }
        }
        if positions.is_empty() {
            return Err(Error::InvalidArgument(format!(
                "pattern '{pattern}' has no words to look for (punctuation alone is not tokenized)"
            )));
        }
        Ok(Pattern { positions })
    }

    pub fn len(&self) -> usize {
        self.positions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// Whether every position allows only ids for which `excluded` holds.
    pub fn only(&self, excluded: impl Fn(u32) -> bool) -> bool {
        self.positions
            .iter()
            .all(|ids| !ids.is_empty() && ids.iter().all(|&id| excluded(id)))
    }

    /// Occurrences in the documents `docs`, in document and text order.
    pub fn find(&self, corpus: &Corpus, docs: &[usize], control: &Control) -> Result<Vec<Match>> {
        if self.positions.iter().any(|ids| ids.is_empty()) {
            return Ok(Vec::new());
        }
        control.expect(docs.len());
        let per_chunk: Vec<Vec<Match>> = docs
            .par_chunks(CHUNK)
            .map(|chunk| {
                step(control, chunk.len())?;
                Ok(chunk
                    .iter()
                    .flat_map(|&d| self.find_in(corpus, d))
                    .collect())
            })
            .collect::<Result<_>>()?;
        Ok(per_chunk.into_iter().flatten().collect())
    }

    fn find_in(&self, corpus: &Corpus, d: usize) -> Vec<Match> {
        let mut found = Vec::new();
        let mut offset = 0;
        for sentence in corpus.doc_sentences(d) {
            let n = self.positions.len();
            for start in 0..(sentence.len() + 1).saturating_sub(n) {
                let hit = self
                    .positions
                    .iter()
                    .zip(&sentence[start..start + n])
                    .all(|(ids, id)| ids.contains(id));
                if hit {
                    found.push(Match {
                        doc: d,
                        start: offset + start,
                        end: offset + start + n,
                        sentence: (offset, offset + sentence.len()),
                    });
                }
            }
            offset += sentence.len();
        }
        found
    }
}

fn glob_ids(glob: &str, tokenizer: &Tokenizer, corpus: &Corpus) -> AHashSet<u32> {
    let folded = normalize_token(glob, tokenizer.config().lowercase);
    let glob: Vec<char> = folded.chars().collect();
    let vocab = corpus.vocab();
    (0..vocab.len() as u32)
        .filter(|&id| {
            let term: Vec<char> = vocab.term(id).chars().collect();
            glob_match(&glob, &term)
        })
        .collect()
}

/// `*` matches any run of characters, `?` one character; everything else itself.
pub fn glob_match(glob: &[char], text: &[char]) -> bool {
    let (mut g, mut t) = (0, 0);
    let mut backtrack: Option<(usize, usize)> = None;
    while t < text.len() {
        if g < glob.len() && (glob[g] == '?' || glob[g] == text[t]) {
            g += 1;
            t += 1;
        } else if g < glob.len() && glob[g] == '*' {
            backtrack = Some((g, t));
            g += 1;
        } else if let Some((star, matched)) = backtrack {
            // Let the last star take one more character and try again.
            g = star + 1;
            t = matched + 1;
            backtrack = Some((star, matched + 1));
        } else {
            return false;
        }
    }
    glob[g..].iter().all(|&c| c == '*')
}

/// Concordance lines: each match with the text around it, as written.
///
/// `start` and `end` are character offsets of the match in its document's
/// text (Python's `str` indices); `left` and `right` are the text from the
/// first of `window` tokens before it, and up to the last of `window` tokens
/// after it, within the document.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Concordance {
    pub doc: Vec<u64>,
    pub start: Vec<u64>,
    pub end: Vec<u64>,
    pub left: Strings,
    pub matched: Strings,
    pub right: Strings,
}

impl From<Concordance> for crate::table::Table {
    fn from(lines: Concordance) -> Self {
        crate::table::Table::new()
            .with("doc", lines.doc)
            .with("start", lines.start)
            .with("end", lines.end)
            .with("left", lines.left)
            .with("match", lines.matched)
            .with("right", lines.right)
    }
}

/// What a case-sensitive concordance keeps: the pattern's words with their
/// case, each compared with a matched token's text normalised in every way
/// but case (so `Putin` finds `Putin’s`, not `PUTIN`).
pub struct Cased {
    keep_case: Tokenizer,
    words: Vec<CasedWord>,
}

enum CasedWord {
    Exact(String),
    Glob(Vec<char>),
}

impl Cased {
    pub fn new(pattern: &str, tokenizer: &Tokenizer) -> Result<Cased> {
        let config = TokenizerConfig {
            lowercase: false,
            ..tokenizer.config().clone()
        };
        let keep_case = Tokenizer::new(config)?;
        let mut words = Vec::new();
        for word in pattern.split_whitespace() {
            if word.contains(['*', '?']) {
                words.push(CasedWord::Glob(word.chars().collect()));
            } else {
                let tokens = keep_case.tokenize(word).tokens;
                words.extend(tokens.into_iter().map(|t| CasedWord::Exact(t.text)));
            }
        }
        Ok(Cased { keep_case, words })
    }

    /// Whether the tokens `spans` of `text` have the pattern's case.
    fn keeps(&self, text: &str, spans: &[(usize, usize)]) -> bool {
        spans.len() == self.words.len()
            && spans.iter().zip(&self.words).all(|(&(start, end), word)| {
                let surface = self.keep_case.normalize_term(&text[start..end]);
                match word {
                    CasedWord::Exact(wanted) => surface == *wanted,
                    CasedWord::Glob(glob) => glob_match(glob, &surface.chars().collect::<Vec<_>>()),
                }
            })
    }
}

impl Concordance {
    /// The lines ordered by `key[doc]`, stably (lines of one key stay in text order).
    pub fn ordered_by(self, key: &[u32]) -> Concordance {
        let mut order: Vec<usize> = (0..self.doc.len()).collect();
        order.sort_by_key(|&i| key[self.doc[i] as usize]);
        let mut out = Concordance::default();
        for i in order {
            out.doc.push(self.doc[i]);
            out.start.push(self.start[i]);
            out.end.push(self.end[i]);
            out.left.push(self.left.get(i));
            out.matched.push(self.matched.get(i));
            out.right.push(self.right.get(i));
        }
        out
    }
}

pub fn concordance(
    corpus: &Corpus,
    pattern: &Pattern,
    window: usize,
    cased: Option<&Cased>,
    control: &Control,
) -> Result<Concordance> {
    let docs: Vec<usize> = (0..corpus.n_docs()).collect();
    let found = pattern.find(corpus, &docs, control)?;
    let mut lines = Concordance::default();
    for in_doc in found.chunk_by(|a, b| a.doc == b.doc) {
        let d = in_doc[0].doc;
        let text = corpus.doc_text(d);
        let spans: Vec<(usize, usize)> = corpus.doc_spans(d).collect();
        let mut chars = CharOffsets::new(text);
        for found in in_doc {
            if cased.is_some_and(|cased| !cased.keeps(text, &spans[found.start..found.end])) {
                continue;
            }
            let first = found.start.saturating_sub(window);
            let last = (found.end + window).min(spans.len()) - 1;
            let (start, end) = (spans[found.start].0, spans[found.end - 1].1);
            lines.doc.push(d as u64);
            lines.start.push(chars.at(start) as u64);
            lines.end.push(chars.at(end) as u64);
            lines.left.push(&text[spans[first].0..start]);
            lines.matched.push(&text[start..end]);
            lines.right.push(&text[end..spans[last].1]);
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::TokenizerConfig;

    fn setup(texts: &[&str]) -> (Corpus, Tokenizer) {
        let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
        let corpus = Corpus::build(texts, &tokenizer, &Control::default()).unwrap();
        (corpus, tokenizer)
    }

    #[test]
    fn globs() {
        let g = |glob: &str, text: &str| {
            glob_match(
                &glob.chars().collect::<Vec<_>>(),
                &text.chars().collect::<Vec<_>>(),
            )
        };
        assert!(g("zelensk*", "zelenskyy"));
        assert!(g("zelensk*", "zelensk"));
        assert!(!g("zelensk*", "zelenksyy"));
        assert!(g("*ski", "zelenski"));
        assert!(g("p?tin", "putin"));
        assert!(g("*a*b*", "xaxxbx"));
        assert!(!g("a?", "a"));
    }

    #[test]
    fn words_phrases_and_globs_match_inside_sentences() {
        let (corpus, tokenizer) = setup(&[
            "Vladimir Putin met Zelensky. Putin’s aide met Zelenskyy.",
            "Vladimir. Putin",
        ]);
        let docs = [0, 1];
        let control = Control::default();
        let find = |p: &str| {
            Pattern::parse(p, &tokenizer, &corpus)
                .unwrap()
                .find(&corpus, &docs, &control)
                .unwrap()
        };
        assert_eq!(find("PUTIN").len(), 3);
        assert_eq!(
            find("vladimir putin"),
            [Match {
                doc: 0,
                start: 0,
                end: 2,
                sentence: (0, 4)
            }]
        );
        assert_eq!(find("zelensk*").len(), 2);
        assert_eq!(
            find("met zelensk*")[1],
            Match {
                doc: 0,
                start: 6,
                end: 8,
                sentence: (4, 8)
            }
        );
        assert!(find("nobody").is_empty());
        assert!(Pattern::parse("—", &tokenizer, &corpus).is_err());
    }

    #[test]
    fn concordance_lines_are_the_text_as_written() {
        let text = "One two three Putin’s four five. PUTIN";
        let (corpus, tokenizer) = setup(&[text]);
        let pattern = Pattern::parse("putin", &tokenizer, &corpus).unwrap();
        let lines = concordance(&corpus, &pattern, 2, None, &Control::default()).unwrap();
        assert_eq!(lines.left.get(0), "two three ");
        assert_eq!(lines.matched.get(0), "Putin’s");
        assert_eq!(lines.right.get(0), " four five");
        // Character offsets: the curly apostrophe is one character, three bytes.
        assert_eq!((lines.start[0], lines.end[0]), (14, 21));
        let slice = |a: u64, b: u64| -> String {
            text.chars()
                .skip(a as usize)
                .take((b - a) as usize)
                .collect()
        };
        assert_eq!(slice(lines.start[1], lines.end[1]), "PUTIN");
        let cased = Cased::new("Putin", &tokenizer).unwrap();
        let kept = concordance(&corpus, &pattern, 2, Some(&cased), &Control::default()).unwrap();
        assert_eq!(kept.matched.to_vec(), ["Putin’s"]);
        let glob = Cased::new("P*", &tokenizer).unwrap();
        let globbed = Pattern::parse("p*", &tokenizer, &corpus).unwrap();
        let kept = concordance(&corpus, &globbed, 0, Some(&glob), &Control::default()).unwrap();
        assert_eq!(kept.matched.to_vec(), ["Putin’s", "PUTIN"]);
    }
}
