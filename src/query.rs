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
use crate::tokenize::Tokenizer;

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

/// Concordance lines: character offsets of each match and of its context of
/// `window` tokens on either side (within the document).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Concordance {
    pub doc: Vec<u64>,
    pub left: Vec<u64>,
    pub start: Vec<u64>,
    pub end: Vec<u64>,
    pub right: Vec<u64>,
}

pub fn concordance(
    corpus: &Corpus,
    pattern: &Pattern,
    window: usize,
    control: &Control,
) -> Result<Concordance> {
    let docs: Vec<usize> = (0..corpus.n_docs()).collect();
    let mut lines = Concordance::default();
    for found in pattern.find(corpus, &docs, control)? {
        let (starts, ends) = corpus.doc_offsets(found.doc);
        let first = found.start.saturating_sub(window);
        let last = (found.end + window).min(starts.len()) - 1;
        lines.doc.push(found.doc as u64);
        lines.left.push(u64::from(starts[first]));
        lines.start.push(u64::from(starts[found.start]));
        lines.end.push(u64::from(ends[found.end - 1]));
        lines.right.push(u64::from(ends[last]));
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
    fn concordance_offsets_point_into_the_text() {
        let text = "One two three Putin’s four five.";
        let (corpus, tokenizer) = setup(&[text]);
        let pattern = Pattern::parse("putin", &tokenizer, &corpus).unwrap();
        let lines = concordance(&corpus, &pattern, 2, &Control::default()).unwrap();
        let slice = |a: u64, b: u64| {
            text.chars()
                .skip(a as usize)
                .take((b - a) as usize)
                .collect::<String>()
        };
        assert_eq!(slice(lines.left[0], lines.start[0]), "two three ");
        assert_eq!(slice(lines.start[0], lines.end[0]), "Putin’s");
        assert_eq!(slice(lines.end[0], lines.right[0]), " four five");
    }
}
