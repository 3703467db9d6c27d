//! N-gram counting: per group of documents, with document frequencies.
//!
//! N-grams are windows of `n` consecutive tokens inside one sentence; they
//! never cross a sentence or document boundary. With a stop list, an n-gram
//! that contains a stop word is skipped; words are never bridged over it.
//! All sums are of integers, so results are exact in any order.

use std::sync::atomic::AtomicBool;

use ahash::{AHashMap, AHashSet};
use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::parallel::{check, CHUNK};

/// The longest n-gram counted.
pub const MAX_N: usize = 5;

/// An n-gram as term ids, padded with `u32::MAX` past its length.
pub type NgramKey = [u32; MAX_N];

/// Occurrences of one n-gram and the number of documents it occurs in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub count: u64,
    pub docs: u64,
}

pub type NgramCounts = AHashMap<NgramKey, Tally>;

/// Ids that are stop words, as a lookup table indexed by id.
pub struct StopSet(Vec<bool>);

impl StopSet {
    pub fn new(vocab_len: usize, ids: impl IntoIterator<Item = u32>) -> Self {
        let mut table = vec![false; vocab_len];
        for id in ids {
            table[id as usize] = true;
        }
        StopSet(table)
    }

    pub fn contains(&self, id: u32) -> bool {
        self.0[id as usize]
    }
}

pub fn check_n(n: usize) -> Result<()> {
    if (1..=MAX_N).contains(&n) {
        Ok(())
    } else {
        Err(Error::InvalidArgument(format!(
            "n-gram length must be between 1 and {MAX_N}, got {n}"
        )))
    }
}

/// Call `visit` with every n-gram of document `d` (in text order).
pub fn for_each_ngram(
    corpus: &Corpus,
    d: usize,
    n: usize,
    stop: Option<&StopSet>,
    mut visit: impl FnMut(NgramKey),
) {
    for sentence in corpus.doc_sentences(d) {
        for window in sentence.windows(n) {
            if stop.is_some_and(|stop| window.iter().any(|&id| stop.contains(id))) {
                continue;
            }
            let mut key = [u32::MAX; MAX_N];
            key[..n].copy_from_slice(window);
            visit(key);
        }
    }
}

/// Number of n-gram positions of length `n` in document `d`, stop words included.
pub fn ngram_positions(corpus: &Corpus, d: usize, n: usize) -> u64 {
    corpus
        .doc_sentences(d)
        .map(|s| s.len().saturating_sub(n - 1) as u64)
        .sum()
}

/// The n-grams of document `d` with their counts.
pub fn doc_ngrams(
    corpus: &Corpus,
    d: usize,
    n: usize,
    stop: Option<&StopSet>,
) -> AHashMap<NgramKey, u64> {
    let mut counts = AHashMap::new();
    for_each_ngram(corpus, d, n, stop, |key| {
        *counts.entry(key).or_insert(0) += 1
    });
    counts
}

/// N-gram counts and document frequencies over the documents `docs`.
pub fn count_ngrams(
    corpus: &Corpus,
    docs: &[usize],
    n: usize,
    stop: Option<&StopSet>,
    cancel: &AtomicBool,
) -> Result<NgramCounts> {
    check_n(n)?;
    docs.par_chunks(CHUNK)
        .map(|chunk| {
            let mut totals = NgramCounts::new();
            for &d in chunk {
                check(cancel)?;
                for (key, count) in doc_ngrams(corpus, d, n, stop) {
                    let tally = totals.entry(key).or_default();
                    tally.count += count;
                    tally.docs += 1;
                }
            }
            Ok(totals)
        })
        .try_reduce(NgramCounts::new, |a, b| Ok(merge(a, b)))
}

fn merge(mut big: NgramCounts, mut small: NgramCounts) -> NgramCounts {
    if big.len() < small.len() {
        std::mem::swap(&mut big, &mut small);
    }
    for (key, tally) in small {
        let total = big.entry(key).or_default();
        total.count += tally.count;
        total.docs += tally.docs;
    }
    big
}

/// The positions of an n-gram that a mask keeps, moved so the first kept
/// position is 0: `(a, b, c)` with mask `0b101` gives the gapped pattern `(a, _, c)`.
pub fn sub_pattern(key: &NgramKey, mask: usize) -> NgramKey {
    let shift = mask.trailing_zeros() as usize;
    let mut pattern = [u32::MAX; MAX_N];
    for (k, &id) in key.iter().enumerate().skip(shift) {
        if mask & (1 << k) != 0 {
            pattern[k - shift] = id;
        }
    }
    pattern
}

/// How often each pattern in `wanted` occurs inside a sentence of `docs`.
/// A pattern holds term ids with `u32::MAX` in its gaps (see [`sub_pattern`]);
/// `masks` are the shapes to look for, each with bit 0 set.
pub fn count_patterns(
    corpus: &Corpus,
    docs: &[usize],
    wanted: &AHashSet<NgramKey>,
    masks: &[usize],
    cancel: &AtomicBool,
) -> Result<AHashMap<NgramKey, u64>> {
    docs.par_chunks(CHUNK)
        .map(|chunk| {
            let mut found: AHashMap<NgramKey, u64> = AHashMap::new();
            for &d in chunk {
                check(cancel)?;
                for sentence in corpus.doc_sentences(d) {
                    for start in 0..sentence.len() {
                        for &mask in masks {
                            let span = usize::BITS as usize - mask.leading_zeros() as usize;
                            if start + span > sentence.len() {
                                continue;
                            }
                            let mut pattern = [u32::MAX; MAX_N];
                            for (k, slot) in pattern.iter_mut().enumerate().take(span) {
                                if mask & (1 << k) != 0 {
                                    *slot = sentence[start + k];
                                }
                            }
                            if wanted.contains(&pattern) {
                                *found.entry(pattern).or_insert(0) += 1;
                            }
                        }
                    }
                }
            }
            Ok(found)
        })
        .try_reduce(AHashMap::new, |mut a, b| {
            for (key, count) in b {
                *a.entry(key).or_insert(0) += count;
            }
            Ok(a)
        })
}

/// Documents of each group: `groups[d]` is the group of document `d`.
pub fn documents_by_group(groups: &[u32], n_groups: usize) -> Result<Vec<Vec<usize>>> {
    check_groups(groups, n_groups)?;
    let mut members = vec![Vec::new(); n_groups];
    for (d, &g) in groups.iter().enumerate() {
        members[g as usize].push(d);
    }
    Ok(members)
}

/// Every group code below `n_groups`, or an error naming the first document that is not.
pub fn check_groups(groups: &[u32], n_groups: usize) -> Result<()> {
    match groups.iter().position(|&g| g as usize >= n_groups) {
        Some(d) => Err(Error::InvalidArgument(format!(
            "document {d} has group code {}, but there are {n_groups} groups",
            groups[d]
        ))),
        None => Ok(()),
    }
}

/// Size of one group: documents, tokens and distinct terms (types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupSize {
    pub documents: u64,
    pub tokens: u64,
    pub types: u64,
}

/// Documents, tokens and types of each group.
pub fn group_sizes(
    corpus: &Corpus,
    groups: &[u32],
    n_groups: usize,
    cancel: &AtomicBool,
) -> Result<Vec<GroupSize>> {
    let members = documents_by_group(groups, n_groups)?;
    members
        .par_iter()
        .map(|docs| {
            let mut types = AHashSet::new();
            let mut tokens = 0u64;
            for &d in docs {
                check(cancel)?;
                let ids = corpus.doc_tokens(d);
                tokens += ids.len() as u64;
                types.extend(ids.iter().copied());
            }
            Ok(GroupSize {
                documents: docs.len() as u64,
                tokens,
                types: types.len() as u64,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::run;
    use crate::tokenize::{Tokenizer, TokenizerConfig};

    fn corpus(texts: &[&str]) -> Corpus {
        let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
        Corpus::build(texts, &tokenizer, &AtomicBool::new(false)).unwrap()
    }

    fn key(corpus: &Corpus, words: &[&str]) -> NgramKey {
        let mut key = [u32::MAX; MAX_N];
        for (slot, word) in key.iter_mut().zip(words) {
            *slot = corpus.vocab().id(word).unwrap();
        }
        key
    }

    #[test]
    fn bigrams_stay_inside_sentences() {
        let c = corpus(&["a b a b. B a", "a b"]);
        let counts = count_ngrams(&c, &[0, 1], 2, None, &AtomicBool::new(false)).unwrap();
        assert_eq!(counts[&key(&c, &["a", "b"])], Tally { count: 3, docs: 2 });
        assert_eq!(counts[&key(&c, &["b", "a"])], Tally { count: 2, docs: 1 });
        // "b. b" would cross the sentence boundary.
        assert!(!counts.contains_key(&key(&c, &["b", "b"])));
        assert_eq!(ngram_positions(&c, 0, 2), 4);
    }

    #[test]
    fn stop_words_are_not_bridged() {
        let c = corpus(&["power of siberia"]);
        let stop = StopSet::new(c.vocab().len(), [c.vocab().id("of").unwrap()]);
        let counts = count_ngrams(&c, &[0], 2, Some(&stop), &AtomicBool::new(false)).unwrap();
        assert!(counts.is_empty());
    }

    #[test]
    fn counts_do_not_depend_on_threads() {
        let texts: Vec<String> = (0..2000)
            .map(|i| format!("w{} w{} w{}", i % 5, i % 3, i % 11))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let c = corpus(&refs);
        let docs: Vec<usize> = (0..c.n_docs()).collect();
        let cancel = AtomicBool::new(false);
        let one = run(1, || count_ngrams(&c, &docs, 2, None, &cancel)).unwrap();
        let two = run(2, || count_ngrams(&c, &docs, 2, None, &cancel)).unwrap();
        assert_eq!(one, two);
    }

    #[test]
    fn cancelled_work_stops() {
        let c = corpus(&["a b"]);
        let err = count_ngrams(&c, &[0], 1, None, &AtomicBool::new(true)).unwrap_err();
        assert_eq!(err, Error::Cancelled);
    }

    #[test]
    fn group_sizes_count_documents_tokens_types() {
        let c = corpus(&["a b a", "c", ""]);
        let sizes = group_sizes(&c, &[0, 1, 0], 2, &AtomicBool::new(false)).unwrap();
        assert_eq!(
            sizes[0],
            GroupSize {
                documents: 2,
                tokens: 3,
                types: 2
            }
        );
        assert_eq!(
            sizes[1],
            GroupSize {
                documents: 1,
                tokens: 1,
                types: 1
            }
        );
        assert!(documents_by_group(&[0, 5], 2).is_err());
    }
}
