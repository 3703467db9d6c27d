//! Multi-word expressions, found the way gensim's Phrases finds them, but
//! exactly: every count is kept (no vocabulary pruning) and the result is the
//! same for any number of threads.
//!
//! Each round scores every pair of adjacent units (words, or phrases found in
//! earlier rounds) inside a sentence with a bigram measure over the current
//! stream: `N` units, `f(a)`, `f(b)` and the pair's count, the contingency
//! table of [`crate::score::association`]. Pairs seen at least `min_count`
//! times that score at least `threshold` become phrases; each sentence is then
//! rewritten left to right, joining every such pair. Rounds repeat while new
//! phrases appear and phrases are shorter than `max_size` words. With npmi,
//! `pmi / -log2(O/N)`, scores stay in [-1, 1]: `O ≤ min(f(a), f(b))` keeps
//! `f(a) f(b) ≥ O²`.

use crate::parallel::Control;

use ahash::AHashMap;
use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::parallel::check;
use crate::score::association::{Measure, Table};
use crate::strings::Strings;

pub struct PhraseOptions {
    pub min_count: u64,
    pub threshold: f64,
    pub measure: Measure,
    pub max_size: usize,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct PhraseTable {
    /// The words of each phrase, joined by single spaces.
    pub phrase: Strings,
    /// The words of each phrase, as term ids.
    pub words: Vec<Vec<u32>>,
    pub count: Vec<u64>,
    pub score: Vec<f64>,
}

impl From<PhraseTable> for crate::table::Table {
    fn from(rows: PhraseTable) -> Self {
        let sizes: Vec<u64> = rows.words.iter().map(|w| w.len() as u64).collect();
        crate::table::Table::new()
            .with("phrase", rows.phrase)
            .with("size", sizes)
            .with("count", rows.count)
            .with("score", rows.score)
    }
}

/// Units of the current stream: `units[u]` are the words of unit `u`.
struct Units {
    words: Vec<Vec<u32>>,
    score: Vec<f64>,
    index: AHashMap<(u32, u32), u32>,
}

pub fn phrases(corpus: &Corpus, options: &PhraseOptions, control: &Control) -> Result<PhraseTable> {
    if options.max_size < 2 {
        return Err(Error::InvalidArgument(format!(
            "max_size must be at least 2, got {}",
            options.max_size
        )));
    }
    let vocab = corpus.vocab().len() as u32;
    let mut units = Units {
        words: (0..vocab).map(|id| vec![id]).collect(),
        score: vec![f64::NAN; vocab as usize],
        index: AHashMap::new(),
    };
    let mut stream: Vec<Vec<Vec<u32>>> = (0..corpus.n_docs())
        .map(|d| corpus.doc_sentences(d).map(<[u32]>::to_vec).collect())
        .collect();
    for _round in 1..options.max_size {
        let chosen = choose_pairs(&stream, &units, options, control)?;
        if chosen.is_empty() {
            break;
        }
        for ((a, b), score) in chosen {
            let joined = [
                units.words[a as usize].as_slice(),
                units.words[b as usize].as_slice(),
            ]
            .concat();
            units.index.insert((a, b), units.words.len() as u32);
            units.words.push(joined);
            units.score.push(score);
        }
        stream = stream
            .into_par_iter()
            .map(|doc| {
                doc.into_iter()
                    .map(|s| join_pairs(s, &units.index))
                    .collect()
            })
            .collect();
    }
    let mut counts: AHashMap<u32, u64> = AHashMap::new();
    for unit in stream.iter().flatten().flatten() {
        if units.words[*unit as usize].len() > 1 {
            *counts.entry(*unit).or_insert(0) += 1;
        }
    }
    let text = |unit: u32| crate::score::ngram_text_of(corpus.vocab(), &units.words[unit as usize]);
    let mut found: Vec<(String, u32, u64)> = counts
        .into_iter()
        .map(|(unit, count)| (text(unit), unit, count))
        .collect();
    // Highest score first, ties by the phrase's text.
    found.sort_by(|a, b| {
        units.score[b.1 as usize]
            .total_cmp(&units.score[a.1 as usize])
            .then_with(|| a.0.cmp(&b.0))
    });
    let mut table = PhraseTable::default();
    for (phrase, unit, count) in found {
        table.phrase.push(&phrase);
        table.words.push(units.words[unit as usize].clone());
        table.count.push(count);
        table.score.push(units.score[unit as usize]);
    }
    Ok(table)
}

/// The pairs of adjacent units that become phrases this round, with their scores.
fn choose_pairs(
    stream: &[Vec<Vec<u32>>],
    units: &Units,
    options: &PhraseOptions,
    control: &Control,
) -> Result<Vec<((u32, u32), f64)>> {
    let (singles, pairs, total) = stream
        .par_iter()
        .map(|doc| {
            check(control)?;
            let mut singles: AHashMap<u32, u64> = AHashMap::new();
            let mut pairs: AHashMap<(u32, u32), u64> = AHashMap::new();
            let mut total = 0u64;
            for sentence in doc {
                total += sentence.len() as u64;
                for &unit in sentence {
                    *singles.entry(unit).or_insert(0) += 1;
                }
                for pair in sentence.windows(2) {
                    let size =
                        units.words[pair[0] as usize].len() + units.words[pair[1] as usize].len();
                    if size <= options.max_size {
                        *pairs.entry((pair[0], pair[1])).or_insert(0) += 1;
                    }
                }
            }
            Ok((singles, pairs, total))
        })
        .try_reduce(
            || (AHashMap::new(), AHashMap::new(), 0),
            |mut a, b| {
                for (k, v) in b.0 {
                    *a.0.entry(k).or_insert(0) += v;
                }
                for (k, v) in b.1 {
                    *a.1.entry(k).or_insert(0) += v;
                }
                Ok((a.0, a.1, a.2 + b.2))
            },
        )?;
    let pairs: Vec<((u32, u32), u64)> = pairs.into_iter().collect();
    let mut chosen: Vec<((u32, u32), f64)> = pairs
        .into_par_iter()
        .filter(|&(_, count)| count >= options.min_count)
        .filter_map(|((a, b), count)| {
            let table = Table::from_margins(2, |mask| match mask {
                0 => total as i64,
                1 => singles[&a] as i64,
                2 => singles[&b] as i64,
                _ => count as i64,
            });
            let score = table.score(options.measure);
            (score >= options.threshold).then_some(((a, b), score))
        })
        .collect();
    chosen.sort_unstable_by_key(|&(pair, _)| pair);
    Ok(chosen)
}

/// Rewrite a sentence left to right, joining each pair that is a phrase.
fn join_pairs(sentence: Vec<u32>, index: &AHashMap<(u32, u32), u32>) -> Vec<u32> {
    let mut out = Vec::with_capacity(sentence.len());
    let mut i = 0;
    while i < sentence.len() {
        if i + 1 < sentence.len() {
            if let Some(&joined) = index.get(&(sentence[i], sentence[i + 1])) {
                out.push(joined);
                i += 2;
                continue;
            }
        }
        out.push(sentence[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::{Tokenizer, TokenizerConfig};

    #[test]
    fn phrases_grow_over_rounds() {
        let text = "The international criminal court ruled. ".repeat(4)
            + "A court ruled. The international press came.";
        let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
        let corpus = Corpus::build(&[text.as_str()], &tokenizer, &Control::default()).unwrap();
        let options = PhraseOptions {
            min_count: 3,
            threshold: 0.5,
            measure: Measure::Npmi,
            max_size: 4,
        };
        let table = phrases(&corpus, &options, &Control::default()).unwrap();
        // Worked in the module docs' terms: round 1 joins "the international" (npmi 1),
        // "criminal court" and "court ruled"; round 2 joins the first two (npmi
        // log2(4*17/20) / -log2(4/17)); "criminal court ruled" never survives the
        // left-to-right rewrite.
        assert_eq!(
            table.phrase.to_vec(),
            [
                "court ruled",
                "the international",
                "the international criminal court"
            ]
        );
        assert_eq!(table.count, [1, 1, 4]);
        let expected = (4.0f64 * 17.0 / 20.0).log2() / -(4.0f64 / 17.0).log2();
        assert!((table.score[2] - expected).abs() < 1e-12);
        assert!(table.score.iter().all(|s| (-1.0..=1.0).contains(s)));
        assert!(table.words.iter().all(|w| w.len() <= 4));
    }
}
