//! N-gram counting: per group of documents, with document frequencies.
//!
//! N-grams are windows of `n` consecutive tokens inside one sentence; they
//! never cross a sentence or document boundary. With a stop list, an n-gram
//! that contains a stop word is skipped; words are never bridged over it.
//! All sums are of integers, so results are exact in any order.

use crate::parallel::Control;

use ahash::{AHashMap, AHashSet};
use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::parallel::{check, step, CHUNK};

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

/// N-grams with their tallies, one entry per distinct n-gram.
pub type NgramCounts = Vec<(NgramKey, Tally)>;

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

/// The n-grams of document `d` with their counts, in key order. Sorting a
/// document's few hundred keys is cheaper than building a hash table for it.
pub fn doc_ngrams(
    corpus: &Corpus,
    d: usize,
    n: usize,
    stop: Option<&StopSet>,
) -> Vec<(NgramKey, u64)> {
    let mut keys = Vec::with_capacity(corpus.doc_tokens(d).len());
    for_each_ngram(corpus, d, n, stop, |key| keys.push(key));
    keys.sort_unstable();
    let mut counts: Vec<(NgramKey, u64)> = Vec::new();
    for key in keys {
        match counts.last_mut() {
            Some((last, count)) if *last == key => *count += 1,
            _ => counts.push((key, 1)),
        }
    }
    counts
}

/// N-gram counts and document frequencies over the documents `docs`, in no
/// particular order (callers sort).
///
/// No per-document table is built: each counter remembers the last document
/// that touched it, which is enough for document frequencies because one
/// worker sees its documents in increasing order and two workers never share a
/// document. Unigrams are counted in arrays indexed by term id, bigrams under
/// one packed `u64` key, longer n-grams under their full key.
pub fn count_ngrams(
    corpus: &Corpus,
    docs: &[usize],
    n: usize,
    stop: Option<&StopSet>,
    control: &Control,
) -> Result<NgramCounts> {
    count_by(corpus, docs, n, stop, control, Method::Sort)
}

/// [`count_ngrams`] without a stop list, by hashing each position into a
/// table: cheaper than sorting while the tables stay small, as for a block
/// of a stream. `shares` tasks run side by side, each with its share of the
/// keys (every task reads every position, so more shares cost more reading:
/// one suits a call made for each of several groups at once). The counts
/// never depend on `shares`; the n-grams come in no set order.
pub fn count_ngrams_hashed(
    corpus: &Corpus,
    docs: &[usize],
    n: usize,
    shares: usize,
    control: &Control,
) -> Result<NgramCounts> {
    count_by(corpus, docs, n, None, control, Method::Hash(shares))
}

/// How n-grams of two words or more are counted.
#[derive(Clone, Copy)]
enum Method {
    Sort,
    /// In this many shares of the keys.
    Hash(usize),
}

fn count_by(
    corpus: &Corpus,
    docs: &[usize],
    n: usize,
    stop: Option<&StopSet>,
    control: &Control,
    method: Method,
) -> Result<NgramCounts> {
    check_n(n)?;
    control.expect(docs.len());
    // Each n-gram length packs its ids into the smallest key that holds them.
    fn keyed<K: Copy + Ord + std::hash::Hash + Send + Sync + Partitioned>(
        corpus: &Corpus,
        docs: &[usize],
        n: usize,
        stop: Option<&StopSet>,
        control: &Control,
        method: Method,
        (pack, unpack): (impl Fn(&[u32]) -> K + Sync, impl Fn(K) -> NgramKey + Sync),
    ) -> Result<NgramCounts> {
        match method {
            Method::Sort => count_keyed(corpus, docs, n, stop, control, pack, unpack),
            Method::Hash(shares) => count_hashed(corpus, docs, n, shares, control, pack, unpack),
        }
    }
    match (n, method) {
        // Unigrams are counted in arrays indexed by term id, whichever the method.
        (1, _) => count_unigrams(corpus, docs, stop, control),
        (2, _) => {
            let pack = |w: &[u32]| (u64::from(w[0]) << 32) | u64::from(w[1]);
            let unpack = |k: u64| {
                let mut key = [u32::MAX; MAX_N];
                key[0] = (k >> 32) as u32;
                key[1] = k as u32;
                key
            };
            keyed(corpus, docs, n, stop, control, method, (pack, unpack))
        }
        (3 | 4, _) => {
            // Unused places hold u32::MAX, as in an NgramKey.
            let pack = |w: &[u32]| {
                (0..4).fold(0u128, |key, i| {
                    (key << 32) | u128::from(w.get(i).copied().unwrap_or(u32::MAX))
                })
            };
            let unpack = |k: u128| {
                let mut key = [u32::MAX; MAX_N];
                for (i, slot) in key.iter_mut().take(4).enumerate() {
                    *slot = (k >> (32 * (3 - i))) as u32;
                }
                key
            };
            keyed(corpus, docs, n, stop, control, method, (pack, unpack))
        }
        _ => {
            let pack = |w: &[u32]| {
                let mut key = [u32::MAX; MAX_N];
                key[..w.len()].copy_from_slice(w);
                key
            };
            keyed(corpus, docs, n, stop, control, method, (pack, |k| k))
        }
    }
}

/// Count n-grams by hashing: each of `shares` tasks counts the keys of its
/// share of the partitions in a table of its own, reading every position
/// and keeping those of its share, so no table is merged and each key is
/// counted whole by one task. A position adds to its key's count, and to
/// its documents when the key was last seen in another document.
fn count_hashed<K: Copy + Eq + std::hash::Hash + Send + Partitioned>(
    corpus: &Corpus,
    docs: &[usize],
    n: usize,
    shares: usize,
    control: &Control,
    pack: impl Fn(&[u32]) -> K + Sync,
    unpack: impl Fn(K) -> NgramKey + Sync,
) -> Result<NgramCounts> {
    let shares = shares.clamp(1, PARTITIONS);
    let parts: Vec<NgramCounts> = (0..shares)
        .into_par_iter()
        .map(|share| {
            // (count, documents, the last document seen, plus one).
            let mut table: AHashMap<K, (u64, u64, usize)> = AHashMap::new();
            for (i, &d) in docs.iter().enumerate() {
                if i % CHUNK == 0 {
                    check(control)?;
                    if share == 0 {
                        control.advance(CHUNK.min(docs.len() - i));
                    }
                }
                for sentence in corpus.doc_sentences(d) {
                    for window in sentence.windows(n) {
                        let key = pack(window);
                        if key.partition() % shares != share {
                            continue;
                        }
                        let entry = table.entry(key).or_insert((0, 0, 0));
                        entry.0 += 1;
                        if entry.2 != d + 1 {
                            entry.2 = d + 1;
                            entry.1 += 1;
                        }
                    }
                }
            }
            let tally = |(count, docs, _)| Tally { count, docs };
            Ok(table
                .into_iter()
                .map(|(key, counts)| (unpack(key), tally(counts)))
                .collect())
        })
        .collect::<Result<_>>()?;
    Ok(parts.into_iter().flatten().collect())
}

/// Per-term arrays: count, documents, and the last document seen (plus one).
struct Dense {
    count: Vec<u64>,
    docs: Vec<u32>,
    last: Vec<u32>,
}

fn count_unigrams(
    corpus: &Corpus,
    docs: &[usize],
    stop: Option<&StopSet>,
    control: &Control,
) -> Result<NgramCounts> {
    let types = corpus.vocab().len();
    let empty = || Dense {
        count: vec![0; types],
        docs: vec![0; types],
        last: vec![0; types],
    };
    // One part per thread: each part costs three arrays as long as the
    // vocabulary, so they must be few. The sums are exact in any split.
    let part = docs.len().div_ceil(rayon::current_num_threads()).max(CHUNK);
    let dense = docs
        .par_chunks(part)
        .with_max_len(1)
        .try_fold(empty, |mut acc, chunk| {
            for (i, &d) in chunk.iter().enumerate() {
                if i % CHUNK == 0 {
                    step(control, CHUNK.min(chunk.len() - i))?;
                }
                let mark = (d as u32).wrapping_add(1);
                for &id in corpus.doc_tokens(d) {
                    let i = id as usize;
                    acc.count[i] += 1;
                    if acc.last[i] != mark {
                        acc.last[i] = mark;
                        acc.docs[i] += 1;
                    }
                }
            }
            Ok(acc)
        })
        .try_reduce_with(|mut a, b| {
            for i in 0..types {
                a.count[i] += b.count[i];
                a.docs[i] += b.docs[i];
            }
            Ok(a)
        })
        .transpose()?
        .unwrap_or_else(empty);
    Ok((0..types)
        .filter(|&i| dense.count[i] > 0 && !stop.is_some_and(|s| s.contains(i as u32)))
        .map(|i| {
            let mut key = [u32::MAX; MAX_N];
            key[0] = i as u32;
            let tally = Tally {
                count: dense.count[i],
                docs: u64::from(dense.docs[i]),
            };
            (key, tally)
        })
        .collect())
}

/// Parts of the key space that keyed counting adds up independently.
const PARTITIONS: usize = 64;

/// The partition of a key: a multiplicative hash of it, so that frequent and
/// rare n-grams spread over all partitions.
trait Partitioned {
    fn partition(&self) -> usize;
}

impl Partitioned for u64 {
    fn partition(&self) -> usize {
        (self.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as usize % PARTITIONS
    }
}

impl Partitioned for u128 {
    fn partition(&self) -> usize {
        ((*self as u64) ^ (*self >> 64) as u64).partition()
    }
}

impl Partitioned for NgramKey {
    fn partition(&self) -> usize {
        self.iter()
            .fold(0u64, |h, &id| h.rotate_left(21) ^ u64::from(id))
            .partition()
    }
}

/// One chunk's positions as (key, document), by partition, and where each
/// partition starts.
type Placed<K> = (Vec<(K, u32)>, [usize; PARTITIONS + 1]);

/// Count n-grams by sorting: each chunk of documents writes every
/// position's (key, document) into the partition of its key; each partition
/// is then sorted and added up on its own. Documents are visited in order, so
/// a key's documents are counted by their changes along the sorted run. No
/// table is shared, nothing is merged, and the result never depends on the
/// number of threads.
fn count_keyed<K: Copy + Ord + Send + Sync + Partitioned>(
    corpus: &Corpus,
    docs: &[usize],
    n: usize,
    stop: Option<&StopSet>,
    control: &Control,
    pack: impl Fn(&[u32]) -> K + Sync,
    unpack: impl Fn(K) -> NgramKey + Sync,
) -> Result<NgramCounts> {
    let keep =
        |window: &[u32]| !stop.is_some_and(|stop| window.iter().any(|&id| stop.contains(id)));
    // Pass 1: per chunk, positions placed by partition (counted first, so
    // each chunk allocates once).
    let chunks: Vec<Placed<K>> = docs
        .par_chunks(CHUNK)
        .map(|chunk| {
            step(control, chunk.len())?;
            let mut starts = [0usize; PARTITIONS + 1];
            for &d in chunk {
                for sentence in corpus.doc_sentences(d) {
                    for window in sentence.windows(n).filter(|w| keep(w)) {
                        starts[pack(window).partition() + 1] += 1;
                    }
                }
            }
            for p in 0..PARTITIONS {
                starts[p + 1] += starts[p];
            }
            let mut placed = vec![(pack(&[0; MAX_N][..n]), 0u32); starts[PARTITIONS]];
            let mut next = starts;
            for &d in chunk {
                for sentence in corpus.doc_sentences(d) {
                    for window in sentence.windows(n).filter(|w| keep(w)) {
                        let key = pack(window);
                        let slot = &mut next[key.partition()];
                        placed[*slot] = (key, d as u32);
                        *slot += 1;
                    }
                }
            }
            Ok((placed, starts))
        })
        .collect::<Result<_>>()?;
    check(control)?;
    // Pass 2: per partition, its positions of every chunk (in document
    // order), sorted by key and document, then added up run by run.
    let parts: Vec<NgramCounts> = (0..PARTITIONS)
        .into_par_iter()
        .map(|p| {
            let size = chunks.iter().map(|(_, s)| s[p + 1] - s[p]).sum();
            let mut all: Vec<(K, u32)> = Vec::with_capacity(size);
            for (placed, starts) in &chunks {
                all.extend_from_slice(&placed[starts[p]..starts[p + 1]]);
            }
            all.sort_unstable();
            let mut out = Vec::new();
            for run in all.chunk_by(|a, b| a.0 == b.0) {
                let docs = 1 + run.windows(2).filter(|w| w[0].1 != w[1].1).count();
                let tally = Tally {
                    count: run.len() as u64,
                    docs: docs as u64,
                };
                out.push((unpack(run[0].0), tally));
            }
            out
        })
        .collect();
    Ok(parts.into_iter().flatten().collect())
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
    control: &Control,
) -> Result<AHashMap<NgramKey, u64>> {
    control.expect(docs.len());
    docs.par_chunks(CHUNK)
        .map(|chunk| {
            let mut found: AHashMap<NgramKey, u64> = AHashMap::new();
            for &d in chunk {
                step(control, 1)?;
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

/// Documents, tokens and types of each group, as a table.
pub fn group_size_table(sizes: &[GroupSize]) -> crate::table::Table {
    let column = |of: fn(&GroupSize) -> u64| sizes.iter().map(of).collect::<Vec<u64>>();
    crate::table::Table::new()
        .with("documents", column(|s| s.documents))
        .with("tokens", column(|s| s.tokens))
        .with("types", column(|s| s.types))
}

/// Documents, tokens and types of each group.
pub fn group_sizes(
    corpus: &Corpus,
    groups: &[u32],
    n_groups: usize,
    control: &Control,
) -> Result<Vec<GroupSize>> {
    let members = documents_by_group(groups, n_groups)?;
    members
        .par_iter()
        .map(|docs| {
            let mut types = AHashSet::new();
            let mut tokens = 0u64;
            for &d in docs {
                check(control)?;
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
    use crate::testing::corpus;
    use crate::tokenize::{Tokenizer, TokenizerConfig};

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
        let counts: AHashMap<_, _> = count_ngrams(&c, &[0, 1], 2, None, &Control::default())
            .unwrap()
            .into_iter()
            .collect();
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
        let counts = count_ngrams(&c, &[0], 2, Some(&stop), &Control::default()).unwrap();
        assert!(counts.is_empty());
    }

    #[test]
    fn counts_do_not_depend_on_threads() {
        let texts: Vec<String> = (0..2000)
            .map(|i| {
                format!(
                    "w{} w{} w{}. w{} w{} w{}",
                    i % 5,
                    i % 3,
                    i % 11,
                    i % 2,
                    i % 7,
                    i % 3
                )
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let c = corpus(&refs);
        let docs: Vec<usize> = (0..c.n_docs()).collect();
        let control = Control::default();
        for n in 1..=MAX_N {
            let mut one = run(1, || count_ngrams(&c, &docs, n, None, &control)).unwrap();
            let mut two = run(2, || count_ngrams(&c, &docs, n, None, &control)).unwrap();
            one.sort_unstable_by_key(|(key, _)| *key);
            two.sort_unstable_by_key(|(key, _)| *key);
            assert_eq!(one, two);
            assert_eq!(one, reference_counts(&c, &docs, n));
            // Hashing gives the same n-grams, in no set order, for any documents.
            let some: Vec<usize> = docs.iter().copied().filter(|d| d % 3 != 1).collect();
            for (docs, shares) in [(&docs, 1), (&some, 3)] {
                let mut hashed = count_ngrams_hashed(&c, docs, n, shares, &control).unwrap();
                hashed.sort_unstable_by_key(|(key, _)| *key);
                assert_eq!(hashed, reference_counts(&c, docs, n), "n = {n}");
            }
        }
    }

    /// The plain way: a table per document, then added up.
    fn reference_counts(c: &Corpus, docs: &[usize], n: usize) -> NgramCounts {
        let mut totals: AHashMap<NgramKey, Tally> = AHashMap::new();
        for &d in docs {
            for (key, count) in doc_ngrams(c, d, n, None) {
                let tally = totals.entry(key).or_default();
                tally.count += count;
                tally.docs += 1;
            }
        }
        let mut out: NgramCounts = totals.into_iter().collect();
        out.sort_unstable_by_key(|(key, _)| *key);
        out
    }

    #[test]
    fn unigram_counts_and_document_frequencies() {
        let c = corpus(&["a b a", "b c", "a"]);
        let stop = StopSet::new(c.vocab().len(), [c.vocab().id("c").unwrap()]);
        let mut counts = count_ngrams(&c, &[0, 1, 2], 1, Some(&stop), &Control::default()).unwrap();
        counts.sort_unstable_by_key(|(key, _)| *key);
        let tallies: Vec<(u64, u64)> = counts.iter().map(|(_, t)| (t.count, t.docs)).collect();
        assert_eq!(tallies, [(3, 2), (2, 2)]); // a, b; c is a stop word
    }

    #[test]
    fn progress_counts_every_document_once_per_pass() {
        let texts: Vec<String> = (0..1000)
            .map(|i| format!("w{} w{} w{}", i % 7, i % 11, i))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let c = corpus(&refs);
        let docs: Vec<usize> = (0..c.n_docs()).collect();
        for threads in [1, 2, 3] {
            for n in [1, 2, 3] {
                let control = Control::default();
                run(threads, || count_ngrams(&c, &docs, n, None, &control)).unwrap();
                assert_eq!(control.progress(), (1000, 1000), "n={n} threads={threads}");
                run(threads, || count_ngrams(&c, &docs[..10], n, None, &control)).unwrap();
                assert_eq!(control.progress(), (1010, 1010));
            }
        }
        let control = Control::default();
        let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
        run(2, || Corpus::build(&refs, &tokenizer, &control)).unwrap();
        assert_eq!(control.progress(), (1000, 1000));
    }

    #[test]
    fn cancelled_work_stops() {
        let c = corpus(&["a b"]);
        let err = count_ngrams(&c, &[0], 1, None, &Control::cancelled()).unwrap_err();
        assert_eq!(err, Error::Cancelled);
    }

    #[test]
    fn group_sizes_count_documents_tokens_types() {
        let c = corpus(&["a b a", "c", ""]);
        let sizes = group_sizes(&c, &[0, 1, 0], 2, &Control::default()).unwrap();
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
