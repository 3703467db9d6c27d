//! Adjacent n-gram collocations: candidates, their margins and their scores.
//!
//! Per group: count the n-grams (inside sentences), keep candidates seen at
//! least `min_count` times that neither begin nor end with a stop word, count
//! in one pass every gapped sub-pattern their tables need, then score each
//! candidate on its own, in parallel: time linear in the number of candidates.
//! Margins count all tokens of the group, stop words included.

use crate::parallel::Control;

use ahash::{AHashMap, AHashSet};
use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::count::{
    count_ngrams, count_patterns, documents_by_group, sub_pattern, NgramKey, StopSet, MAX_N,
};
use crate::counts::{Counts, GroupCounts};
use crate::error::{Error, Result};
use crate::parallel::{check, step, CHUNK};
use crate::score::association::{Measure, Table};
use crate::score::ngram_text;
use crate::strings::Strings;
use crate::vocab::Vocab;

pub struct CollocationOptions<'a> {
    /// Words per n-gram, 2..=5.
    pub size: usize,
    pub min_count: u64,
    /// The measures to report, in column order.
    pub measures: Vec<Measure>,
    /// Rows are sorted by this measure, highest first (NaN last), ties by n-gram.
    pub sort: Measure,
    pub stop: Option<&'a StopSet>,
    /// Keep the first `top` rows of each group.
    pub top: Option<usize>,
}

/// Collocation rows, column by column; `scores[i]` is the column of `measures[i]`.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CollocationTable {
    pub group: Vec<u32>,
    pub ngram: Strings,
    pub count: Vec<u64>,
    pub expected: Vec<f64>,
    pub count_nested: Vec<u64>,
    pub scores: Vec<Vec<f64>>,
}

impl CollocationTable {
    /// The rows as a table: a column of scores for each of `measures`, in
    /// order, and `count_nested` when it was computed (`nested`; counts keep
    /// no positions to compute it from).
    pub fn into_table(self, measures: &[Measure], nested: bool) -> crate::table::Table {
        let mut table = crate::table::Table::new()
            .with("group", self.group)
            .with("ngram", self.ngram)
            .with("count", self.count)
            .with("expected", self.expected);
        if nested {
            table = table.with("count_nested", self.count_nested);
        }
        for (measure, scores) in measures.iter().zip(self.scores) {
            table = table.with(measure.name(), scores);
        }
        table
    }
}

struct Row {
    ngram: String,
    count: u64,
    nested: u64,
    expected: f64,
    scores: Vec<f64>,
    sort_value: f64,
}

pub fn check_size(size: usize) -> Result<()> {
    if (2..=MAX_N).contains(&size) {
        Ok(())
    } else {
        Err(Error::InvalidArgument(format!(
            "size must be between 2 and {MAX_N}, got {size}"
        )))
    }
}

pub fn collocations(
    corpus: &Corpus,
    groups: &[u32],
    n_groups: usize,
    options: &CollocationOptions,
    control: &Control,
) -> Result<CollocationTable> {
    check_size(options.size)?;
    let mut table = CollocationTable::new(options);
    for (g, docs) in documents_by_group(groups, n_groups)?.iter().enumerate() {
        let rows = group_rows(corpus, docs, options, control)?;
        table.extend(g as u32, rows, options);
    }
    Ok(table)
}

/// Collocations of each group of saved [`Counts`], groups in `order`
/// (indices into `counts.groups()`, which the `group` column holds). Every
/// margin is a sum of n-gram counts, so the scores equal those of the corpus
/// the counts came from; `count_nested` needs positions and is left at 0.
pub fn counted_collocations(
    counts: &Counts,
    order: &[usize],
    options: &CollocationOptions,
    control: &Control,
) -> Result<CollocationTable> {
    check_size(options.size)?;
    counts.check_length(options.size)?;
    let mut table = CollocationTable::new(options);
    for &g in order {
        let group = counts
            .groups()
            .get(g)
            .ok_or_else(|| Error::InvalidArgument(format!("group {g} is out of range")))?;
        check(control)?;
        let rows = counted_rows(counts, group, options);
        table.extend(g as u32, rows, options);
    }
    Ok(table)
}

impl CollocationTable {
    fn new(options: &CollocationOptions) -> CollocationTable {
        CollocationTable {
            scores: vec![Vec::new(); options.measures.len()],
            ..Default::default()
        }
    }

    fn extend(&mut self, g: u32, rows: Vec<Row>, options: &CollocationOptions) {
        for row in rows.into_iter().take(options.top.unwrap_or(usize::MAX)) {
            self.group.push(g);
            self.ngram.push(&row.ngram);
            self.count.push(row.count);
            self.expected.push(row.expected);
            self.count_nested.push(row.nested);
            for (column, value) in self.scores.iter_mut().zip(row.scores) {
                column.push(value);
            }
        }
    }
}

/// What a group's contingency tables are made of.
struct Margins {
    /// Tokens of the group, stop words included.
    total: i64,
    /// Frequency of each word id.
    words: Vec<i64>,
    /// Counts of the gapped and shorter sub-patterns of the candidates.
    patterns: AHashMap<NgramKey, u64>,
    /// Occurrences inside a longer frequent n-gram (None without positions).
    nested: Option<AHashMap<NgramKey, u64>>,
}

fn group_rows(
    corpus: &Corpus,
    docs: &[usize],
    options: &CollocationOptions,
    control: &Control,
) -> Result<Vec<Row>> {
    let size = options.size;
    let frequent: Vec<(NgramKey, u64)> = count_ngrams(corpus, docs, size, None, control)?
        .into_iter()
        .filter(|(_, tally)| tally.count >= options.min_count)
        .map(|(key, tally)| (key, tally.count))
        .collect();
    let candidates: Vec<(NgramKey, u64)> = frequent
        .iter()
        .filter(|(key, count)| is_candidate(key, *count, options))
        .copied()
        .collect();
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let total: i64 = docs
        .iter()
        .map(|&d| corpus.doc_tokens(d).len() as i64)
        .sum();
    let mut words = vec![0i64; corpus.vocab().len()];
    for (key, tally) in count_ngrams(corpus, docs, 1, None, control)? {
        words[key[0] as usize] = tally.count as i64;
    }
    let wanted = wanted_patterns(&candidates, size);
    let patterns = count_patterns(corpus, docs, &wanted, &inner_masks(size), control)?;
    let frequent: Vec<NgramKey> = frequent.into_iter().map(|(key, _)| key).collect();
    let nested = nested_counts(corpus, docs, size, &frequent, options.min_count, control)?;
    check(control)?;
    let margins = Margins {
        total,
        words,
        patterns,
        nested: Some(nested),
    };
    Ok(scored(corpus.vocab(), &candidates, &margins, options))
}

/// The same rows from counts: a gapped pattern's count is the sum of the
/// counts of the n-grams spanning it, because both are windows inside a sentence.
fn counted_rows(counts: &Counts, group: &GroupCounts, options: &CollocationOptions) -> Vec<Row> {
    let size = options.size;
    let candidates: Vec<(NgramKey, u64)> = group
        .of_length(size)
        .filter(|(key, tally)| is_candidate(key, tally.count, options))
        .map(|(key, tally)| (*key, tally.count))
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    let mut words = vec![0i64; counts.words().len()];
    for (key, tally) in group.of_length(1) {
        words[key[0] as usize] = tally.count as i64;
    }
    let wanted = wanted_patterns(&candidates, size);
    let mut patterns: AHashMap<NgramKey, u64> = AHashMap::new();
    for mask in inner_masks(size) {
        let span = usize::BITS as usize - mask.leading_zeros() as usize;
        for (key, tally) in group.of_length(span) {
            let pattern = sub_pattern(key, mask);
            if wanted.contains(&pattern) {
                *patterns.entry(pattern).or_insert(0) += tally.count;
            }
        }
    }
    let margins = Margins {
        total: group.positions[1] as i64,
        words,
        patterns,
        nested: None,
    };
    scored(counts.words(), &candidates, &margins, options)
}

fn is_candidate(key: &NgramKey, count: u64, options: &CollocationOptions) -> bool {
    count >= options.min_count && !stop_at_edge(key, options.size, options.stop)
}

/// Every sub-pattern (of at least two positions) of every candidate.
fn wanted_patterns(candidates: &[(NgramKey, u64)], size: usize) -> AHashSet<NgramKey> {
    candidates
        .iter()
        .flat_map(|(key, _)| all_sub_masks(size).map(move |mask| sub_pattern(key, mask)))
        .collect()
}

/// Each candidate scored on its own, in parallel; sorted by the sort measure
/// (highest first, NaN last), ties by n-gram.
fn scored(
    vocab: &Vocab,
    candidates: &[(NgramKey, u64)],
    margins: &Margins,
    options: &CollocationOptions,
) -> Vec<Row> {
    let size = options.size;
    let sort_index = options.measures.iter().position(|&m| m == options.sort);
    let mut rows: Vec<Row> = candidates
        .par_iter()
        .map(|(key, count)| {
            let table = Table::from_margins(size, |mask| match mask.count_ones() as usize {
                0 => margins.total,
                1 => margins.words[key[mask.trailing_zeros() as usize] as usize],
                k if k == size => *count as i64,
                _ => margins
                    .patterns
                    .get(&sub_pattern(key, mask))
                    .copied()
                    .unwrap_or(0) as i64,
            });
            // A negative cell (a word filling most of a tiny group, or approximate
            // margins undercounted more than the n-gram) is no possible table: no score.
            let consistent = table.cells[..1 << size].iter().all(|&cell| cell >= 0);
            let score = |m: Measure| if consistent { table.score(m) } else { f64::NAN };
            let scores: Vec<f64> = options.measures.iter().map(|&m| score(m)).collect();
            let sort_value = sort_index.map_or_else(|| score(options.sort), |i| scores[i]);
            let nested = margins.nested.as_ref();
            Row {
                ngram: ngram_text(vocab, key),
                count: *count,
                nested: nested.and_then(|n| n.get(key).copied()).unwrap_or(0),
                expected: table.expected(),
                scores,
                sort_value,
            }
        })
        .collect();
    rows.par_sort_unstable_by(|a, b| {
        a.sort_value
            .is_nan()
            .cmp(&b.sort_value.is_nan())
            .then(b.sort_value.total_cmp(&a.sort_value))
            .then_with(|| a.ngram.cmp(&b.ngram))
    });
    rows
}

fn stop_at_edge(key: &NgramKey, size: usize, stop: Option<&StopSet>) -> bool {
    stop.is_some_and(|stop| stop.contains(key[0]) || stop.contains(key[size - 1]))
}

/// Masks of the sub-patterns with at least two and fewer than `size` positions.
fn all_sub_masks(size: usize) -> impl Iterator<Item = usize> {
    (1..(1usize << size) - 1).filter(|mask| mask.count_ones() >= 2)
}

/// The same shapes moved to start at position 0: the ones to look for in text.
fn inner_masks(size: usize) -> Vec<usize> {
    let mut masks: Vec<usize> = all_sub_masks(size).filter(|mask| mask & 1 == 1).collect();
    masks.sort_unstable();
    masks
}

/// For each candidate, its occurrences that lie inside a frequent n-gram one
/// word longer (extended left or right within the sentence). Any longer
/// frequent n-gram around an occurrence contains such a one, so this counts
/// the occurrences inside any longer frequent n-gram. Zero for five words.
///
/// An n-gram one word longer is frequent only if both n-grams in it are, so
/// each window gets the number of its n-gram among the frequent ones (or
/// none), and a longer n-gram is the pair of numbers of two neighbouring
/// windows, packed in a `u64`: only pairs of frequent windows are counted,
/// with no key longer than eight bytes.
fn nested_counts(
    corpus: &Corpus,
    docs: &[usize],
    size: usize,
    frequent: &[NgramKey],
    min_count: u64,
    control: &Control,
) -> Result<AHashMap<NgramKey, u64>> {
    if size >= MAX_N || frequent.is_empty() {
        return Ok(AHashMap::new());
    }
    let number: AHashMap<u128, u32> = frequent
        .iter()
        .enumerate()
        .map(|(i, key)| (pack(&key[..size]), i as u32))
        .collect();
    // Per chunk of documents, the number of each window, sentence after
    // sentence: the one pass of the three here that costs, so the one counted.
    control.expect(docs.len());
    let numbered: Vec<Vec<u32>> = docs
        .par_chunks(CHUNK)
        .map(|chunk| {
            step(control, chunk.len())?;
            let mut out = Vec::new();
            for &d in chunk {
                for sentence in corpus.doc_sentences(d) {
                    out.extend(
                        sentence
                            .windows(size)
                            .map(|window| number.get(&pack(window)).copied().unwrap_or(NONE)),
                    );
                }
            }
            Ok(out)
        })
        .collect::<Result<_>>()?;
    let joined = |a: u32, b: u32| (u64::from(a) << 32) | u64::from(b);
    let mut longer: Vec<u64> = docs
        .par_chunks(CHUNK)
        .zip(&numbered)
        .flat_map_iter(|(chunk, numbers)| {
            let mut out = Vec::new();
            for span in sentence_windows(corpus, chunk, size) {
                for pair in numbers[span].windows(2) {
                    if pair[0] != NONE && pair[1] != NONE {
                        out.push(joined(pair[0], pair[1]));
                    }
                }
            }
            out
        })
        .collect();
    check(control)?;
    longer.par_sort_unstable();
    let frequent_longer: AHashSet<u64> = longer
        .chunk_by(|a, b| a == b)
        .filter(|run| run.len() as u64 >= min_count)
        .map(|run| run[0])
        .collect();
    drop(longer);
    let is_longer =
        |a: u32, b: u32| a != NONE && b != NONE && frequent_longer.contains(&joined(a, b));
    // One array per chunk, added up: integer sums, exact in any split.
    let nested = docs
        .par_chunks(CHUNK)
        .zip(&numbered)
        .map(|(chunk, numbers)| {
            let mut nested = vec![0u64; frequent.len()];
            for span in sentence_windows(corpus, chunk, size) {
                let numbers = &numbers[span];
                for (i, &n) in numbers.iter().enumerate() {
                    let left = i > 0 && is_longer(numbers[i - 1], n);
                    let right = i + 1 < numbers.len() && is_longer(n, numbers[i + 1]);
                    if left || right {
                        nested[n as usize] += 1;
                    }
                }
            }
            nested
        })
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
            a
        })
        .unwrap_or_default();
    Ok(frequent
        .iter()
        .zip(nested)
        .filter(|&(_, n)| n > 0)
        .map(|(key, n)| (*key, n))
        .collect())
}

/// Where each sentence's windows of `size` words lie among those of `chunk`,
/// sentence after sentence.
fn sentence_windows<'a>(
    corpus: &'a Corpus,
    chunk: &'a [usize],
    size: usize,
) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    let mut at = 0;
    chunk
        .iter()
        .flat_map(move |&d| corpus.doc_sentences(d))
        .map(move |sentence| {
            let windows = (sentence.len() + 1).saturating_sub(size);
            at += windows;
            at - windows..at
        })
}

/// No frequent n-gram in a window.
const NONE: u32 = u32::MAX;

/// Up to four ids in one integer.
fn pack(window: &[u32]) -> u128 {
    window
        .iter()
        .fold(0u128, |key, &id| (key << 32) | u128::from(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::corpus;

    fn options(size: usize, min_count: u64) -> CollocationOptions<'static> {
        CollocationOptions {
            size,
            min_count,
            measures: vec![Measure::Pmi],
            sort: Measure::Pmi,
            stop: None,
            top: None,
        }
    }

    #[test]
    fn trigram_margins_count_gapped_pairs() {
        // "a b c" twice, "a x c" once: (a, _, c) occurs 3 times, (a, b) twice.
        let c = corpus(&["A b c. A b c. A x c."]);
        let docs = [0];
        let table = collocations(&c, &[0], 1, &options(3, 2), &Control::default()).unwrap();
        assert_eq!(table.ngram.to_vec(), ["a b c"]);
        // N = 9, f(a) = 3, f(b) = 2, f(c) = 3: PMI = log2(2 * 81 / 18) = log2 9.
        assert!((table.scores[0][0] - 9f64.log2()).abs() < 1e-12);
        assert!((table.expected[0] - 18.0 / 81.0).abs() < 1e-12);
        let key = |words: &[&str]| {
            let mut key = [u32::MAX; MAX_N];
            for (slot, word) in key.iter_mut().zip(words) {
                *slot = c.vocab().id(word).unwrap();
            }
            key
        };
        let mut gapped = key(&["a", "c"]);
        gapped.swap(1, 2); // (a, _, c)
        let wanted: AHashSet<NgramKey> = [gapped, key(&["a", "b"])].into_iter().collect();
        let found =
            count_patterns(&c, &docs, &wanted, &inner_masks(3), &Control::default()).unwrap();
        assert_eq!(found[&gapped], 3);
        assert_eq!(found[&key(&["a", "b"])], 2);
    }

    #[test]
    fn nested_occurrences_and_stop_word_edges() {
        // "united states congress" 3 times, "states congress" once more alone.
        let c = corpus(&["United states congress. United states congress. United states congress. The states congress."]);
        let table = collocations(&c, &[0], 1, &options(2, 2), &Control::default()).unwrap();
        let ngrams = table.ngram.to_vec();
        let row = |ngram: &str| ngrams.iter().position(|g| g == ngram).unwrap();
        assert_eq!(table.count[row("states congress")], 4);
        assert_eq!(table.count_nested[row("states congress")], 3);
        assert_eq!(table.count_nested[row("united states")], 3);
        let stop = StopSet::new(c.vocab().len(), [c.vocab().id("the").unwrap()]);
        let mut with_stop = options(2, 1);
        with_stop.stop = Some(&stop);
        let table = collocations(&c, &[0], 1, &with_stop, &Control::default()).unwrap();
        assert!(!table.ngram.to_vec().contains(&"the states".to_owned()));
        assert!(collocations(&c, &[0], 1, &options(6, 1), &Control::default()).is_err());
    }
}
