//! Term frequencies per group: count, per million, document frequency, rank.
//!
//! `per_million` = count / positions x 1,000,000, where positions is the number
//! of n-gram slots of the same length in the group (for unigrams: its tokens),
//! stop words included, so a normalised frequency never depends on the stop list.
//! `rank` 1 is the most frequent term of its group; ties go to the term that
//! sorts first (by code point), so ranks are ordinal and reproducible.

use crate::parallel::Control;

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::count::{
    check_n, count_ngrams, documents_by_group, ngram_positions, NgramKey, StopSet, Tally, MAX_N,
};
use crate::counts::Counts;
use crate::error::{Error, Result};
use crate::parallel::check;
use crate::strings::Strings;
use crate::vocab::Vocab;

pub struct FrequencyOptions<'a> {
    /// N-gram lengths to count, each 1..=5.
    pub n: Vec<usize>,
    pub min_count: u64,
    /// Keep only the `top` highest-ranked terms of each group.
    pub top: Option<usize>,
    pub stop: Option<&'a StopSet>,
}

/// Frequency rows, column by column.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FrequencyTable {
    pub group: Vec<u32>,
    pub term: Strings,
    pub count: Vec<u64>,
    pub per_million: Vec<f64>,
    pub doc_freq: Vec<u64>,
    pub rank: Vec<u64>,
}

impl From<FrequencyTable> for crate::table::Table {
    fn from(rows: FrequencyTable) -> Self {
        crate::table::Table::new()
            .with("group", rows.group)
            .with("term", rows.term)
            .with("count", rows.count)
            .with("per_million", rows.per_million)
            .with("doc_freq", rows.doc_freq)
            .with("rank", rows.rank)
    }
}

/// An n-gram counted in a group, before its row is written.
#[derive(Clone, Copy)]
struct Counted {
    key: NgramKey,
    tally: Tally,
    positions: u64,
}

/// What a row is ranked by: count (highest first), then the n-gram's text
/// as code points, then (to be total) its place. Small, so sorting moves
/// little memory.
type RankKey = (std::cmp::Reverse<u64>, [u32; MAX_N], u32);

/// Frequencies of every group: `groups[d]` is document `d`'s group code.
pub fn frequencies(
    corpus: &Corpus,
    groups: &[u32],
    n_groups: usize,
    options: &FrequencyOptions,
    control: &Control,
) -> Result<FrequencyTable> {
    for &n in &options.n {
        check_n(n)?;
    }
    let members = documents_by_group(groups, n_groups)?;
    // Groups one after another, each counted and written on every thread, so
    // that only one group's counts are held at a time.
    let mut parts = Vec::new();
    for (g, docs) in members.iter().enumerate() {
        let counted = group_counts(corpus, docs, options, control)?;
        parts.extend(table_parts(corpus.vocab(), g as u32, &counted, options));
    }
    Ok(FrequencyTable::concat(parts))
}

impl FrequencyTable {
    fn with_capacity(rows: usize) -> FrequencyTable {
        FrequencyTable {
            group: Vec::with_capacity(rows),
            term: Strings::with_capacity(rows, rows * 8),
            count: Vec::with_capacity(rows),
            per_million: Vec::with_capacity(rows),
            doc_freq: Vec::with_capacity(rows),
            rank: Vec::with_capacity(rows),
        }
    }

    /// The rows of every part, in order: each column copied once, the
    /// columns side by side on the pool's threads, and each part's column
    /// freed as soon as it is copied, so the rows are never held twice.
    fn concat(parts: Vec<FrequencyTable>) -> FrequencyTable {
        fn joined<T: Copy>(columns: Vec<Vec<T>>) -> Vec<T> {
            let mut out = Vec::with_capacity(columns.iter().map(Vec::len).sum());
            for column in columns {
                out.extend_from_slice(&column);
            }
            out
        }
        let mut columns = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut more = (Vec::new(), Vec::new());
        for part in parts {
            columns.0.push(part.group);
            columns.1.push(part.term);
            columns.2.push(part.count);
            columns.3.push(part.per_million);
            more.0.push(part.doc_freq);
            more.1.push(part.rank);
        }
        let (groups, terms, counts, rates) = columns;
        let (doc_freqs, ranks) = more;
        let ((group, term), ((count, per_million), (doc_freq, rank))) = rayon::join(
            || rayon::join(|| joined(groups), || Strings::concat(terms)),
            || {
                rayon::join(
                    || rayon::join(|| joined(counts), || joined(rates)),
                    || rayon::join(|| joined(doc_freqs), || joined(ranks)),
                )
            },
        );
        FrequencyTable {
            group,
            term,
            count,
            per_million,
            doc_freq,
            rank,
        }
    }
}

/// Frequencies of each group of saved [`Counts`], groups in `order` (indices
/// into `counts.groups()`; the table's `group` column holds those indices).
pub fn counted_frequencies(
    counts: &Counts,
    order: &[usize],
    options: &FrequencyOptions,
) -> Result<FrequencyTable> {
    for &n in &options.n {
        counts.check_length(n)?;
    }
    let words = counts.words();
    let tables: Vec<Vec<FrequencyTable>> = order
        .par_iter()
        .map(|&g| {
            let group = counts
                .groups()
                .get(g)
                .ok_or_else(|| Error::InvalidArgument(format!("group {g} is out of range")))?;
            let mut counted = Vec::new();
            for &n in &options.n {
                let positions = group.positions[n];
                counted.extend(
                    group
                        .of_length(n)
                        .filter(|(key, _)| !has_stop_word(key, options.stop))
                        .map(|(key, tally)| Counted {
                            key: *key,
                            tally: *tally,
                            positions,
                        }),
                );
            }
            Ok(table_parts(words, g as u32, &counted, options))
        })
        .collect::<Result<_>>()?;
    Ok(FrequencyTable::concat(
        tables.into_iter().flatten().collect(),
    ))
}

fn has_stop_word(key: &NgramKey, stop: Option<&StopSet>) -> bool {
    stop.is_some_and(|stop| {
        key.iter()
            .take_while(|&&id| id != u32::MAX)
            .any(|&id| stop.contains(id))
    })
}

/// Rows written at a time by one task.
const ROWS_PER_TASK: usize = 1 << 16;

/// The table of one group's n-grams, ranked, cut at `min_count` and `top`,
/// in parts of consecutive rows.
///
/// Only small keys are sorted (see [`RankKey`]); `top` picks its rows before
/// sorting them; the rows are written in parallel, a slice of them a task.
fn table_parts(
    vocab: &Vocab,
    g: u32,
    counted: &[Counted],
    options: &FrequencyOptions,
) -> Vec<FrequencyTable> {
    let mut order: Vec<RankKey> = counted
        .par_iter()
        .enumerate()
        .filter(|(_, c)| c.tally.count >= options.min_count)
        .map(|(i, c)| {
            (
                std::cmp::Reverse(c.tally.count),
                vocab.sort_key(&c.key),
                i as u32,
            )
        })
        .collect();
    if let Some(top) = options.top.filter(|&top| top < order.len()) {
        order.select_nth_unstable(top);
        order.truncate(top);
    }
    order.par_sort_unstable();
    order
        .par_chunks(ROWS_PER_TASK)
        .enumerate()
        .map(|(chunk, keys)| {
            let mut part = FrequencyTable::with_capacity(keys.len());
            for (i, &(_, _, index)) in keys.iter().enumerate() {
                let row = &counted[index as usize];
                part.group.push(g);
                part.term.push_ngram(vocab, &row.key);
                part.count.push(row.tally.count);
                part.per_million
                    .push(row.tally.count as f64 / row.positions as f64 * 1e6);
                part.doc_freq.push(row.tally.docs);
                part.rank.push((chunk * ROWS_PER_TASK + i) as u64 + 1);
            }
            part
        })
        .collect()
}

/// One group's n-grams of every length asked for, with their counts.
fn group_counts(
    corpus: &Corpus,
    docs: &[usize],
    options: &FrequencyOptions,
    control: &Control,
) -> Result<Vec<Counted>> {
    let mut counted = Vec::new();
    for &n in &options.n {
        let counts = count_ngrams(corpus, docs, n, options.stop, control)?;
        let positions: u64 = docs.iter().map(|&d| ngram_positions(corpus, d, n)).sum();
        check(control)?;
        counted.extend(counts.into_iter().map(|(key, tally)| Counted {
            key,
            tally,
            positions,
        }));
    }
    Ok(counted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::corpus;

    fn options(n: Vec<usize>) -> FrequencyOptions<'static> {
        FrequencyOptions {
            n,
            min_count: 1,
            top: None,
            stop: None,
        }
    }

    #[test]
    fn counts_ranks_and_per_million_by_hand() {
        // Group 0: "b a b" + "c b" = 5 tokens: b 3 (2 docs), a 1, c 1. Group 1: "a" = 1 token.
        let c = corpus(&["b a b", "a", "c b"]);
        let table = frequencies(&c, &[0, 1, 0], 2, &options(vec![1]), &Control::default()).unwrap();
        assert_eq!(table.group, [0, 0, 0, 1]);
        assert_eq!(table.term.to_vec(), ["b", "a", "c", "a"]);
        assert_eq!(table.count, [3, 1, 1, 1]);
        assert_eq!(table.doc_freq, [2, 1, 1, 1]);
        assert_eq!(table.rank, [1, 2, 3, 1]);
        assert_eq!(
            table.per_million,
            [600_000.0, 200_000.0, 200_000.0, 1_000_000.0]
        );
    }

    #[test]
    fn min_count_and_top() {
        let c = corpus(&["b a b c c c"]);
        let mut opts = options(vec![1]);
        opts.min_count = 2;
        let table = frequencies(&c, &[0], 1, &opts, &Control::default()).unwrap();
        assert_eq!(table.term.to_vec(), ["c", "b"]);
        opts.min_count = 1;
        opts.top = Some(1);
        let table = frequencies(&c, &[0], 1, &opts, &Control::default()).unwrap();
        assert_eq!(table.term.to_vec(), ["c"]);
    }

    #[test]
    fn bigram_per_million_uses_bigram_positions() {
        // Two sentences of 3 and 2 tokens: 2 + 1 = 3 bigram positions.
        let c = corpus(&["a b a. B a"]);
        let table = frequencies(&c, &[0], 1, &options(vec![2]), &Control::default()).unwrap();
        assert_eq!(table.term.to_vec(), ["b a", "a b"]);
        assert_eq!(table.count, [2, 1]);
        assert!((table.per_million[0] - 2.0 / 3.0 * 1e6).abs() < 1e-6);
    }
}
