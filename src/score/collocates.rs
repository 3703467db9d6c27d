//! Collocates of a node: the words found within a window around it.
//!
//! The window convention is Evert's (2008, "Corpora and collocations", §5.2)
//! for surface co-occurrence. Around each occurrence of the node, the window
//! holds up to `left` tokens before and `right` after it, inside its sentence
//! (windows stop at sentence boundaries, as n-grams do). Where the windows of
//! two node occurrences overlap they are merged: the span is the union of the
//! windows, so a token near two occurrences is counted once, and the node's
//! own tokens are never in it (a node is not its own collocate). Then, in a
//! group of `N` tokens:
//!
//! - `O11` (count): tokens of the collocate inside the span;
//! - `R1`: the size of the span, at most `f(node) × (left + right)`;
//! - `C1`: the collocate's frequency in the group, so `O11 <= C1` always;
//! - expected `E11 = R1 · C1 / N`, and the 2x2 table `O11`, `R1 - O11`,
//!   `C1 - O11`, `N - R1 - C1 + O11`, every cell of it a count of tokens.
//!
//! `mi = log2(O11/E11)`, `mi3 = log2(O11³/E11)`, `llr` is G² over the 2x2
//! table, `t = (O11 - E11)/sqrt(O11)`, `delta_p = O11/R1 - (C1 - O11)/(N - R1)`
//! (how much being near the node raises the collocate's probability), and
//! `log_dice = 14 + log2(2 O11 / (f(node) + C1))` (Rychlý 2008), which uses the
//! node's frequency rather than the window size, as Sketch Engine does.

use crate::parallel::Control;

use ahash::AHashMap;
use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::count::{count_ngrams, documents_by_group, StopSet};
use crate::error::{Error, Result};
use crate::parallel::check;
use crate::query::{Match, Pattern};
use crate::score::association::{Measure, Table};
use crate::strings::Strings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CollocateMeasure {
    LogDice,
    Mi,
    Mi3,
    Llr,
    T,
    DeltaP,
}

impl CollocateMeasure {
    pub const ALL: [CollocateMeasure; 6] = [
        CollocateMeasure::LogDice,
        CollocateMeasure::Mi,
        CollocateMeasure::Mi3,
        CollocateMeasure::Llr,
        CollocateMeasure::T,
        CollocateMeasure::DeltaP,
    ];

    pub fn name(self) -> &'static str {
        match self {
            CollocateMeasure::LogDice => "log_dice",
            CollocateMeasure::Mi => "mi",
            CollocateMeasure::Mi3 => "mi3",
            CollocateMeasure::Llr => "llr",
            CollocateMeasure::T => "t",
            CollocateMeasure::DeltaP => "delta_p",
        }
    }

    pub fn parse(name: &str) -> Result<CollocateMeasure> {
        CollocateMeasure::ALL
            .into_iter()
            .find(|m| m.name() == name)
            .ok_or_else(|| {
                let allowed: Vec<&str> = CollocateMeasure::ALL.iter().map(|m| m.name()).collect();
                Error::InvalidArgument(format!(
                    "unknown collocate measure '{name}'; choose from {}",
                    allowed.join(", ")
                ))
            })
    }
}

pub struct CollocateOptions<'a> {
    pub left: usize,
    pub right: usize,
    pub min_count: u64,
    pub measures: Vec<CollocateMeasure>,
    pub sort: CollocateMeasure,
    pub stop: Option<&'a StopSet>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct CollocateTable {
    pub group: Vec<u32>,
    pub collocate: Strings,
    pub count: Vec<u64>,
    pub node_count: Vec<u64>,
    pub collocate_count: Vec<u64>,
    pub expected: Vec<f64>,
    pub scores: Vec<Vec<f64>>,
}

impl CollocateTable {
    /// The rows as a table, with a column of scores for each of `measures`.
    pub fn into_table(self, measures: &[CollocateMeasure]) -> crate::table::Table {
        let mut table = crate::table::Table::new()
            .with("group", self.group)
            .with("collocate", self.collocate)
            .with("count", self.count)
            .with("node_count", self.node_count)
            .with("collocate_count", self.collocate_count)
            .with("expected", self.expected);
        for (measure, scores) in measures.iter().zip(self.scores) {
            table = table.with(measure.name(), scores);
        }
        table
    }
}

struct Row {
    collocate: String,
    count: u64,
    collocate_count: u64,
    expected: f64,
    scores: Vec<f64>,
    sort_value: f64,
}

pub fn collocates(
    corpus: &Corpus,
    groups: &[u32],
    n_groups: usize,
    node: &Pattern,
    options: &CollocateOptions,
    control: &Control,
) -> Result<CollocateTable> {
    if options.left + options.right == 0 {
        return Err(Error::InvalidArgument(
            "the window must hold at least one token".into(),
        ));
    }
    let mut table = CollocateTable {
        scores: vec![Vec::new(); options.measures.len()],
        ..Default::default()
    };
    for (g, docs) in documents_by_group(groups, n_groups)?.iter().enumerate() {
        let (node_count, rows) = group_rows(corpus, docs, node, options, control)?;
        for row in rows {
            table.group.push(g as u32);
            table.collocate.push(&row.collocate);
            table.count.push(row.count);
            table.node_count.push(node_count);
            table.collocate_count.push(row.collocate_count);
            table.expected.push(row.expected);
            for (column, value) in table.scores.iter_mut().zip(row.scores) {
                column.push(value);
            }
        }
    }
    Ok(table)
}

fn group_rows(
    corpus: &Corpus,
    docs: &[usize],
    node: &Pattern,
    options: &CollocateOptions,
    control: &Control,
) -> Result<(u64, Vec<Row>)> {
    let occurrences = node.find(corpus, docs, control)?;
    let node_count = occurrences.len() as u64;
    let mut near: AHashMap<u32, u64> = AHashMap::new();
    let mut span = 0u64;
    // Matches come document by document: mark each document's span once.
    for in_doc in occurrences.chunk_by(|a, b| a.doc == b.doc) {
        let tokens = corpus.doc_tokens(in_doc[0].doc);
        for position in span_positions(in_doc, options) {
            span += 1;
            *near.entry(tokens[position]).or_insert(0) += 1;
        }
    }
    check(control)?;
    let total: u64 = docs
        .iter()
        .map(|&d| corpus.doc_tokens(d).len() as u64)
        .sum();
    let frequency: AHashMap<u32, u64> = count_ngrams(corpus, docs, 1, None, control)?
        .into_iter()
        .map(|(key, tally)| (key[0], tally.count))
        .collect();
    let candidates: Vec<(u32, u64)> = near
        .into_iter()
        .filter(|&(id, count)| {
            count >= options.min_count && !options.stop.is_some_and(|stop| stop.contains(id))
        })
        .collect();
    let sort_index = options.measures.iter().position(|&m| m == options.sort);
    let mut rows: Vec<Row> = candidates
        .par_iter()
        .map(|&(id, count)| {
            let collocate_count = frequency[&id];
            let table = Table::from_margins(2, |mask| match mask {
                0 => total as i64,
                1 => span as i64,
                2 => collocate_count as i64,
                _ => count as i64,
            });
            let score = |measure: CollocateMeasure| match measure {
                CollocateMeasure::LogDice => {
                    14.0 + (2.0 * count as f64 / (node_count + collocate_count) as f64).log2()
                }
                CollocateMeasure::Mi => table.score(Measure::Pmi),
                CollocateMeasure::Mi3 => table.score(Measure::Mi3),
                CollocateMeasure::Llr => table.score(Measure::Llr),
                CollocateMeasure::T => table.score(Measure::T),
                CollocateMeasure::DeltaP => table.score(Measure::DeltaPForward),
            };
            let scores: Vec<f64> = options.measures.iter().map(|&m| score(m)).collect();
            let sort_value = sort_index.map_or_else(|| score(options.sort), |i| scores[i]);
            Row {
                collocate: corpus.vocab().term(id).to_owned(),
                count,
                collocate_count,
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
            .then_with(|| a.collocate.cmp(&b.collocate))
    });
    Ok((node_count, rows))
}

/// The positions of one document's span: the union of the windows around
/// its node matches, without the matches' own tokens, in order. The work is
/// that of the windows, not of the document's length.
fn span_positions(matches: &[Match], options: &CollocateOptions) -> Vec<usize> {
    let mut positions: Vec<usize> = matches
        .iter()
        .flat_map(|found| {
            let before = found
                .start
                .saturating_sub(options.left)
                .max(found.sentence.0)..found.start;
            let after = found.end..(found.end + options.right).min(found.sentence.1);
            before.chain(after)
        })
        .collect();
    positions.sort_unstable();
    positions.dedup();
    // The matches, as sorted disjoint ranges of node tokens.
    let mut nodes: Vec<(usize, usize)> = matches.iter().map(|m| (m.start, m.end)).collect();
    nodes.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(nodes.len());
    for (start, end) in nodes {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    positions.retain(|&p| {
        let after = merged.partition_point(|&(start, _)| start <= p);
        after == 0 || p >= merged[after - 1].1
    });
    positions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::{Tokenizer, TokenizerConfig};

    #[test]
    fn window_counts_by_hand() {
        // Node "x", window 1 left and 2 right, inside sentences:
        //   "a x b c. x a. b" -> around x#1: a | b c; around x#2: (none) | a.
        // O11(a) = 2, O11(b) = 1, O11(c) = 1; R1 = 1 + 2 + 0 + 1 = 4; N = 7.
        let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
        let corpus = Corpus::build(&["A x b c. X a. B"], &tokenizer, &Control::default()).unwrap();
        let node = Pattern::parse("x", &tokenizer, &corpus).unwrap();
        let options = CollocateOptions {
            left: 1,
            right: 2,
            min_count: 1,
            measures: vec![
                CollocateMeasure::Mi,
                CollocateMeasure::LogDice,
                CollocateMeasure::DeltaP,
            ],
            sort: CollocateMeasure::Mi,
            stop: None,
        };
        let table = collocates(&corpus, &[0], 1, &node, &options, &Control::default()).unwrap();
        let row = table
            .collocate
            .to_vec()
            .iter()
            .position(|c| c == "a")
            .unwrap();
        assert_eq!(table.count[row], 2);
        assert_eq!(table.node_count[row], 2);
        assert_eq!(table.collocate_count[row], 2);
        // E11 = R1 C1 / N = 4 * 2 / 7; mi = log2(2 / (8/7)).
        assert!((table.expected[row] - 8.0 / 7.0).abs() < 1e-12);
        assert!((table.scores[0][row] - (2.0f64 * 7.0 / 8.0).log2()).abs() < 1e-12);
        // logDice = 14 + log2(2 * 2 / (2 + 2)) = 14.
        assert!((table.scores[1][row] - 14.0).abs() < 1e-12);
        // delta_p = 2/4 - 0/(7 - 4).
        assert!((table.scores[2][row] - 0.5).abs() < 1e-12);
    }

    #[test]
    fn overlapping_windows_count_each_token_once() {
        // Node "a", window 2 each side. "a b a b": the windows of a#0 {1, 2}
        // and a#2 {0, 1, 3} merge to {0, 1, 2, 3}, less the nodes {0, 2}:
        // b, b. "a b c d": b, c. So R1 = 4, O11(b) = 3 = f(b), N = 8, and
        // "a" is not its own collocate.
        let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
        let corpus =
            Corpus::build(&["a b a b", "a b c d"], &tokenizer, &Control::default()).unwrap();
        let node = Pattern::parse("a", &tokenizer, &corpus).unwrap();
        let options = CollocateOptions {
            left: 2,
            right: 2,
            min_count: 1,
            measures: vec![CollocateMeasure::Mi, CollocateMeasure::DeltaP],
            sort: CollocateMeasure::Mi,
            stop: None,
        };
        let table = collocates(&corpus, &[0, 0], 1, &node, &options, &Control::default()).unwrap();
        assert_eq!(table.collocate.to_vec(), ["b", "c"]);
        assert_eq!(table.count, [3, 1]);
        assert_eq!(table.collocate_count, [3, 1]);
        // E11(b) = R1 C1 / N = 4 * 3 / 8; mi = log2(3 / 1.5) = 1.
        assert!((table.expected[0] - 1.5).abs() < 1e-12);
        assert!((table.scores[0][0] - 1.0).abs() < 1e-12);
        // delta_p = 3/4 - (3 - 3)/(8 - 4).
        assert!((table.scores[1][0] - 0.75).abs() < 1e-12);
    }
}
