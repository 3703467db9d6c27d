//! Term-major postings: for every n-gram, the documents it occurs in and how
//! often. Built once, they turn any number of comparisons between document
//! sets (keyness, contrasts) into sums over each term's postings, instead of
//! counting the corpus again for every comparison.

use crate::parallel::Control;

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::count::{
    check_n, count_ngrams, for_each_ngram, ngram_positions, NgramKey, StopSet, MAX_N,
};
use crate::error::{Error, Result};
use crate::parallel::{check, step, CHUNK};

/// Documents are numbered by their place in the list the postings were built
/// from ("local" documents), so a posting's document is a `u32`.
#[derive(Debug, Default)]
pub struct Postings {
    /// N-gram positions of each length in each local document: `sizes[doc][n]`.
    pub sizes: Vec<[u64; MAX_N + 1]>,
    /// Each term's n-gram, ids after the last place are `u32::MAX`.
    pub keys: Vec<NgramKey>,
    starts: Vec<usize>,
    docs: Vec<u32>,
    counts: Vec<u32>,
    /// For postings over blocks of documents ([`Postings::by_blocks`]), whose
    /// `docs` are blocks: each entry's count. Empty otherwise.
    block_counts: Vec<u64>,
    by_blocks: bool,
}

/// One document's occurrences of one n-gram: (key, local document, count).
type Entry<K> = (K, u32, u32);

impl Postings {
    /// Postings of the n-grams of each length in `lengths` (stop-word n-grams
    /// left out) over the documents `docs`, each term's postings in the order
    /// of `docs`.
    pub fn build(
        corpus: &Corpus,
        docs: &[usize],
        lengths: &[usize],
        stop: Option<&StopSet>,
        control: &Control,
    ) -> Result<Postings> {
        let lengths = distinct(lengths);
        for &n in &lengths {
            check_n(n)?;
        }
        if u32::try_from(docs.len()).is_err() {
            return Err(Error::InvalidArgument(format!(
                "{} documents are more than postings can number",
                docs.len()
            )));
        }
        let mut postings = Postings {
            sizes: sizes(corpus, docs, &lengths),
            starts: vec![0],
            ..Postings::default()
        };
        for &n in &lengths {
            match n {
                1 => postings.add_unigrams(corpus, docs, stop, control)?,
                2 => postings.add_keyed(corpus, docs, 2, stop, control, pack2, unpack2)?,
                3 | 4 => postings.add_keyed(corpus, docs, n, stop, control, pack4, unpack4)?,
                _ => postings.add_keyed(corpus, docs, n, stop, control, pack5, |k| k)?,
            }
        }
        Ok(postings)
    }

    /// Postings over blocks of documents: each term's count in each block of
    /// the local documents `docs` (`block_of` gives each one's block, `sizes`
    /// their n-gram positions, as [`sizes`] gives them). What the bag test
    /// needs, in a tenth of the entries of [`Postings::build`]; nothing a
    /// document test, a document frequency or a dispersion could use.
    #[allow(clippy::too_many_arguments)]
    pub fn by_blocks(
        corpus: &Corpus,
        docs: &[usize],
        sizes: Vec<[u64; MAX_N + 1]>,
        block_of: &[u32],
        n_blocks: usize,
        lengths: &[usize],
        stop: Option<&StopSet>,
        control: &Control,
    ) -> Result<Postings> {
        let lengths = distinct(lengths);
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_blocks];
        for (local, &d) in docs.iter().enumerate() {
            members[block_of[local] as usize].push(d);
        }
        let mut entries: Vec<(NgramKey, u32, u64)> = Vec::new();
        for &n in &lengths {
            check_n(n)?;
            if n == 1 {
                entries.extend(unigrams_by_block(corpus, &members, stop, control)?);
                continue;
            }
            for (b, members) in members.iter().enumerate() {
                let counted = count_ngrams(corpus, members, n, stop, control)?;
                entries.extend(
                    counted
                        .into_iter()
                        .map(|(key, tally)| (key, b as u32, tally.count)),
                );
            }
        }
        check(control)?;
        // Unigrams come sorted already (id, then block); what follows does not.
        if lengths != [1] {
            entries.par_sort_unstable_by_key(|&(key, block, _)| (key, block));
        }
        let mut postings = Postings {
            sizes,
            starts: vec![0],
            by_blocks: true,
            ..Postings::default()
        };
        for (i, &(key, block, count)) in entries.iter().enumerate() {
            if i > 0 && entries[i - 1].0 != key {
                postings.starts.push(postings.docs.len());
            }
            if i == 0 || entries[i - 1].0 != key {
                postings.keys.push(key);
            }
            postings.docs.push(block);
            postings.block_counts.push(count);
        }
        if !entries.is_empty() {
            postings.starts.push(postings.docs.len());
        }
        Ok(postings)
    }

    /// Whether these are postings over blocks ([`Postings::by_blocks`]).
    pub fn is_by_blocks(&self) -> bool {
        self.by_blocks
    }

    /// Term `t`'s blocks (ascending) and its count in each.
    pub fn term_blocks(&self, t: usize) -> (&[u32], &[u64]) {
        let range = self.starts[t]..self.starts[t + 1];
        (&self.docs[range.clone()], &self.block_counts[range])
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The local documents holding term `t` (ascending) and its count in each.
    pub fn term(&self, t: usize) -> (&[u32], &[u32]) {
        let range = self.starts[t]..self.starts[t + 1];
        (&self.docs[range.clone()], &self.counts[range])
    }

    /// The n-gram length of term `t`.
    pub fn length(&self, t: usize) -> usize {
        key_length(&self.keys[t])
    }

    /// Unigrams: a term id is its own index, so a counting sort places every
    /// posting without comparing keys.
    fn add_unigrams(
        &mut self,
        corpus: &Corpus,
        docs: &[usize],
        stop: Option<&StopSet>,
        control: &Control,
    ) -> Result<()> {
        let chunks = entries(docs, control, |d, out: &mut Vec<u32>| {
            out.extend(
                corpus
                    .doc_tokens(d)
                    .iter()
                    .filter(|&&id| !stop.is_some_and(|s| s.contains(id))),
            );
        })?;
        let types = corpus.vocab().len();
        let mut starts = vec![0usize; types + 1];
        for &(id, _, _) in chunks.iter().flatten() {
            starts[id as usize + 1] += 1;
        }
        for i in 0..types {
            starts[i + 1] += starts[i];
        }
        let base = self.docs.len();
        let total = starts[types];
        self.docs.resize(base + total, 0);
        self.counts.resize(base + total, 0);
        let mut next = starts.clone();
        for &(id, doc, count) in chunks.iter().flatten() {
            let slot = base + next[id as usize];
            self.docs[slot] = doc;
            self.counts[slot] = count;
            next[id as usize] += 1;
        }
        for id in 0..types {
            if starts[id + 1] > starts[id] {
                let mut key = [u32::MAX; MAX_N];
                key[0] = id as u32;
                self.keys.push(key);
                self.starts.push(base + starts[id + 1]);
            }
        }
        Ok(())
    }

    /// Longer n-grams: every (key, document) entry sorted, in parallel.
    #[allow(clippy::too_many_arguments)]
    fn add_keyed<K: Copy + Ord + Send + Sync>(
        &mut self,
        corpus: &Corpus,
        docs: &[usize],
        n: usize,
        stop: Option<&StopSet>,
        control: &Control,
        pack: fn(&NgramKey) -> K,
        unpack: fn(K) -> NgramKey,
    ) -> Result<()> {
        let chunks = entries(docs, control, |d, out: &mut Vec<K>| {
            for_each_ngram(corpus, d, n, stop, |key| out.push(pack(&key)));
        })?;
        let mut all: Vec<Entry<K>> = chunks.concat();
        check(control)?;
        all.par_sort_unstable_by_key(|&(key, doc, _)| (key, doc));
        check(control)?;
        for (i, &(key, doc, count)) in all.iter().enumerate() {
            if i > 0 && all[i - 1].0 != key {
                self.starts.push(self.docs.len());
            }
            if i == 0 || all[i - 1].0 != key {
                self.keys.push(unpack(key));
            }
            self.docs.push(doc);
            self.counts.push(count);
        }
        if !all.is_empty() {
            self.starts.push(self.docs.len());
        }
        Ok(())
    }
}

/// Every unigram's (key, block, tally), in id order then block order.
///
/// Blocks run in parallel, each counted on one thread into a dense array
/// that thread keeps, so a contrast of many groups costs one array per
/// thread, not per block. The entries are then placed by id with a
/// counting sort.
fn unigrams_by_block(
    corpus: &Corpus,
    members: &[Vec<usize>],
    stop: Option<&StopSet>,
    control: &Control,
) -> Result<Vec<(NgramKey, u32, u64)>> {
    control.expect(members.iter().map(Vec::len).sum());
    let types = corpus.vocab().len();
    // 32-bit counters halve the array each token lands in at random, which
    // is what this costs; a block of more than 2^32 tokens needs 64.
    let tokens = |docs: &Vec<usize>| docs.iter().map(|&d| corpus.doc_tokens(d).len()).sum();
    let narrow = members.iter().map(tokens).max().unwrap_or(0) <= u32::MAX as usize;
    let sparse = if narrow {
        count_blocks::<u32>(corpus, members, control)?
    } else {
        count_blocks::<u64>(corpus, members, control)?
    };
    // Counting sort by id: block order within an id is kept because blocks
    // are scattered in order.
    let mut starts = vec![0usize; types + 1];
    for block in &sparse {
        for &(id, _) in block {
            starts[id as usize + 1] += 1;
        }
    }
    for i in 0..types {
        starts[i + 1] += starts[i];
    }
    let empty = ([u32::MAX; MAX_N], 0, 0);
    let mut entries = vec![empty; starts[types]];
    let mut next = starts;
    for (b, block) in sparse.iter().enumerate() {
        for &(id, count) in block {
            let mut key = [u32::MAX; MAX_N];
            key[0] = id;
            entries[next[id as usize]] = (key, b as u32, count);
            next[id as usize] += 1;
        }
    }
    if let Some(stop) = stop {
        entries.retain(|(key, _, _)| !stop.contains(key[0]));
    }
    Ok(entries)
}

/// Each block's nonzero counts by id, one dense array of `T` per thread.
fn count_blocks<T>(
    corpus: &Corpus,
    members: &[Vec<usize>],
    control: &Control,
) -> Result<Vec<Vec<(u32, u64)>>>
where
    T: Copy + Default + PartialEq + Send + std::ops::AddAssign + From<u8> + Into<u64>,
{
    let types = corpus.vocab().len();
    members
        .par_iter()
        .with_max_len(1)
        .map_init(
            || vec![T::default(); types],
            |count, docs| count_block(count, corpus, docs, control),
        )
        .collect()
}

/// One block's nonzero counts by id, in id order, counted into `count` (a
/// slot per term id, all zero), which is left zeroed for the next block.
/// Reading the whole array back costs less than remembering and sorting
/// the ids seen.
fn count_block<T>(
    count: &mut [T],
    corpus: &Corpus,
    docs: &[usize],
    control: &Control,
) -> Result<Vec<(u32, u64)>>
where
    T: Copy + Default + PartialEq + std::ops::AddAssign + From<u8> + Into<u64>,
{
    for (i, &d) in docs.iter().enumerate() {
        if i % CHUNK == 0 {
            step(control, CHUNK.min(docs.len() - i))?;
        }
        for &id in corpus.doc_tokens(d) {
            count[id as usize] += T::from(1);
        }
    }
    let mut out = Vec::new();
    for (id, c) in count.iter_mut().enumerate() {
        if *c != T::default() {
            out.push((id as u32, (*c).into()));
            *c = T::default();
        }
    }
    Ok(out)
}

/// N-gram positions of each length in `lengths` in each document of `docs`.
pub fn sizes(corpus: &Corpus, docs: &[usize], lengths: &[usize]) -> Vec<[u64; MAX_N + 1]> {
    docs.par_iter()
        .map(|&d| {
            let mut sizes = [0; MAX_N + 1];
            for &n in lengths {
                sizes[n] = ngram_positions(corpus, d, n);
            }
            sizes
        })
        .collect()
}

/// Each document's keys counted: `collect` pushes a document's keys, which are
/// then sorted and run-length counted. Chunks of documents run in parallel and
/// come back in document order.
fn entries<K: Copy + Ord + Send>(
    docs: &[usize],
    control: &Control,
    collect: impl Fn(usize, &mut Vec<K>) + Sync,
) -> Result<Vec<Vec<Entry<K>>>> {
    control.expect(docs.len());
    docs.par_chunks(CHUNK)
        .enumerate()
        .map(|(chunk, members)| {
            step(control, members.len())?;
            let mut out = Vec::new();
            let mut keys = Vec::new();
            for (i, &d) in members.iter().enumerate() {
                let local = (chunk * CHUNK + i) as u32;
                keys.clear();
                collect(d, &mut keys);
                keys.sort_unstable();
                let mut run = 0usize;
                while run < keys.len() {
                    let end = run + keys[run..].partition_point(|&k| k == keys[run]);
                    let count = u32::try_from(end - run).map_err(|_| {
                        Error::InvalidArgument(format!(
                            "document {d} holds one term over 4 billion times"
                        ))
                    })?;
                    out.push((keys[run], local, count));
                    run = end;
                }
            }
            Ok(out)
        })
        .collect()
}

pub fn key_length(key: &NgramKey) -> usize {
    key.iter().take_while(|&&id| id != u32::MAX).count()
}

fn pack2(key: &NgramKey) -> u64 {
    (u64::from(key[0]) << 32) | u64::from(key[1])
}

fn unpack2(k: u64) -> NgramKey {
    let mut key = [u32::MAX; MAX_N];
    key[0] = (k >> 32) as u32;
    key[1] = k as u32;
    key
}

/// Up to four ids; unused places hold u32::MAX, as in an NgramKey.
fn pack4(key: &NgramKey) -> u128 {
    key[..4]
        .iter()
        .fold(0u128, |packed, &id| (packed << 32) | u128::from(id))
}

fn unpack4(k: u128) -> NgramKey {
    let mut key = [u32::MAX; MAX_N];
    for (i, slot) in key.iter_mut().take(4).enumerate() {
        *slot = (k >> (32 * (3 - i))) as u32;
    }
    key
}

fn pack5(key: &NgramKey) -> NgramKey {
    *key
}

/// The n-gram lengths asked for, each once, ascending.
fn distinct(lengths: &[usize]) -> Vec<usize> {
    let mut lengths = lengths.to_vec();
    lengths.sort_unstable();
    lengths.dedup();
    lengths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::count::doc_ngrams;
    use crate::testing::corpus;

    /// Every (key, document, count) of the postings, against counting each document alone.
    #[test]
    fn postings_match_per_document_counts() {
        let texts: Vec<String> = (0..700)
            .map(|i| {
                let words = ["a", "b", "c", "d", "e", "f", "g"];
                (0..(i % 13))
                    .map(|j| words[(i * 7 + j * j) % words.len()])
                    .collect::<Vec<_>>()
                    .join(if i % 5 == 0 { ". " } else { " " })
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let c = corpus(&refs);
        // Every other document, in reverse: local numbering is the list's order.
        let docs: Vec<usize> = (0..c.n_docs()).rev().step_by(2).collect();
        let stop = StopSet::new(c.vocab().len(), [c.vocab().id("c").unwrap()]);
        let control = Control::default();
        for stop in [None, Some(&stop)] {
            let postings = Postings::build(&c, &docs, &[2, 1, 3, 5, 4], stop, &control).unwrap();
            let mut expected = Vec::new();
            for n in 1..=5 {
                for (local, &d) in docs.iter().enumerate() {
                    for (key, count) in doc_ngrams(&c, d, n, stop) {
                        expected.push((n, key, local as u32, count as u32));
                    }
                    assert_eq!(postings.sizes[local][n], ngram_positions(&c, d, n));
                }
            }
            let mut found = Vec::new();
            for t in 0..postings.len() {
                let (docs, counts) = postings.term(t);
                assert!(docs.windows(2).all(|w| w[0] < w[1]));
                for (&doc, &count) in docs.iter().zip(counts) {
                    found.push((postings.length(t), postings.keys[t], doc, count));
                }
            }
            expected.sort_unstable();
            found.sort_unstable();
            assert_eq!(found, expected);
        }
    }

    /// Postings by blocks are the per-document postings summed block by
    /// block, for unigrams (the dense path) and longer n-grams, with and
    /// without stop words, on one thread and two.
    #[test]
    fn postings_by_blocks_sum_the_documents_of_each_block() {
        let texts: Vec<String> = (0..500)
            .map(|i| {
                let words = ["a", "b", "c", "d", "e"];
                (0..(i % 11))
                    .map(|j| words[(i * 3 + j * j) % words.len()])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let c = corpus(&refs);
        let docs: Vec<usize> = (0..c.n_docs()).rev().step_by(3).collect();
        let block_of: Vec<u32> = (0..docs.len()).map(|i| ((i * i) % 7) as u32 % 5).collect();
        let stop = StopSet::new(c.vocab().len(), [c.vocab().id("b").unwrap()]);
        let control = Control::default();
        for stop in [None, Some(&stop)] {
            let lengths = [1, 3];
            let whole = Postings::build(&c, &docs, &lengths, stop, &control).unwrap();
            let mut expected = std::collections::BTreeMap::new();
            for t in 0..whole.len() {
                let (docs, counts) = whole.term(t);
                for (&doc, &count) in docs.iter().zip(counts) {
                    *expected
                        .entry((whole.keys[t], block_of[doc as usize]))
                        .or_insert(0u64) += u64::from(count);
                }
            }
            for threads in [1, 2] {
                let blocks = crate::parallel::run(threads, || {
                    let sizes = sizes(&c, &docs, &lengths);
                    Postings::by_blocks(&c, &docs, sizes, &block_of, 5, &lengths, stop, &control)
                })
                .unwrap();
                assert!(blocks.is_by_blocks());
                let mut found = std::collections::BTreeMap::new();
                for t in 0..blocks.len() {
                    let (bs, counts) = blocks.term_blocks(t);
                    assert!(bs.windows(2).all(|w| w[0] < w[1]));
                    for (&b, &count) in bs.iter().zip(counts) {
                        found.insert((blocks.keys[t], b), count);
                    }
                }
                assert_eq!(found, expected);
                assert_eq!(blocks.sizes, whole.sizes);
            }
        }
    }

    #[test]
    fn same_for_any_thread_count() {
        let c = corpus(&["a b a. c", "b b", "", "a c a c"]);
        let docs: Vec<usize> = (0..4).collect();
        let control = Control::default();
        let build = |threads| {
            crate::parallel::run(threads, || {
                let p = Postings::build(&c, &docs, &[1, 2], None, &control)?;
                Ok((p.keys.clone(), p.starts.clone(), p.docs.clone(), p.counts))
            })
            .unwrap()
        };
        assert_eq!(build(1), build(2));
    }
}
