//! Document-term matrices in CSR form, laid out as scikit-learn's CountVectorizer.
//!
//! Columns are the terms sorted by code point; within a row, column indices
//! ascend. A term is kept when `min_df <= df <= max_df` (df = documents that
//! contain it; the thresholds are document counts, the caller converts
//! proportions as scikit-learn does).
//!
//! tf-idf follows scikit-learn's TfidfTransformer: tf is the raw count (or
//! `1 + ln(tf)` when sublinear), idf = `ln((1 + n) / (1 + df)) + 1` when
//! smoothed or `ln(n / df) + 1` otherwise, and each row is scaled to unit
//! l2 (or l1) norm, summed in column order so the result is reproducible.

use crate::parallel::Control;

use ahash::AHashMap;
use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::count::{check_n, doc_ngrams, NgramKey, StopSet};
use crate::error::{Error, Result};
use crate::parallel::{check, step};
use crate::score::ngram_text;

/// A sparse documents x terms count matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct CountMatrix {
    pub indptr: Vec<i64>,
    pub indices: Vec<i64>,
    pub counts: Vec<i64>,
    pub terms: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Norm {
    L1,
    L2,
    None,
}

pub struct TfidfOptions {
    pub norm: Norm,
    pub use_idf: bool,
    pub smooth_idf: bool,
    pub sublinear_tf: bool,
}

pub fn count_matrix(
    corpus: &Corpus,
    n: &[usize],
    min_df: f64,
    max_df: f64,
    stop: Option<&StopSet>,
    control: &Control,
) -> Result<CountMatrix> {
    for &length in n {
        check_n(length)?;
    }
    control.expect(corpus.n_docs());
    let rows: Vec<Vec<(NgramKey, u64)>> = (0..corpus.n_docs())
        .into_par_iter()
        .map(|d| {
            step(control, 1)?;
            let mut row = Vec::new();
            for &length in n {
                row.extend(doc_ngrams(corpus, d, length, stop));
            }
            Ok(row)
        })
        .collect::<Result<_>>()?;
    let mut doc_freq: AHashMap<NgramKey, u64> = AHashMap::new();
    for row in &rows {
        for (key, _) in row {
            *doc_freq.entry(*key).or_insert(0) += 1;
        }
    }
    check(control)?;
    let mut kept: Vec<(String, NgramKey)> = doc_freq
        .into_iter()
        .filter(|&(_, df)| df as f64 >= min_df && df as f64 <= max_df)
        .map(|(key, _)| (ngram_text(corpus.vocab(), &key), key))
        .collect();
    kept.par_sort_unstable();
    let column: AHashMap<NgramKey, i64> = kept
        .iter()
        .enumerate()
        .map(|(i, (_, key))| (*key, i as i64))
        .collect();
    let mut matrix = CountMatrix {
        indptr: vec![0],
        indices: Vec::new(),
        counts: Vec::new(),
        terms: Vec::new(),
    };
    for row in rows {
        let mut cells: Vec<(i64, i64)> = row
            .into_iter()
            .filter_map(|(key, count)| column.get(&key).map(|&c| (c, count as i64)))
            .collect();
        cells.sort_unstable();
        for (c, count) in cells {
            matrix.indices.push(c);
            matrix.counts.push(count);
        }
        matrix.indptr.push(matrix.indices.len() as i64);
    }
    matrix.terms = kept.into_iter().map(|(term, _)| term).collect();
    Ok(matrix)
}

/// tf-idf weights for the cells of `matrix`, in the same order as its counts.
pub fn tfidf(matrix: &CountMatrix, options: &TfidfOptions) -> Result<Vec<f64>> {
    let n_docs = (matrix.indptr.len() - 1) as f64;
    let mut doc_freq = vec![0u64; matrix.terms.len()];
    for &c in &matrix.indices {
        doc_freq[c as usize] += 1;
    }
    let idf: Vec<f64> = doc_freq
        .iter()
        .map(|&df| match (options.use_idf, options.smooth_idf) {
            (false, _) => 1.0,
            (true, true) => ((1.0 + n_docs) / (1.0 + df as f64)).ln() + 1.0,
            (true, false) => (n_docs / df as f64).ln() + 1.0,
        })
        .collect();
    if options.use_idf && !options.smooth_idf && doc_freq.contains(&0) {
        return Err(Error::InvalidArgument(
            "smooth_idf=False needs every term in at least one document".into(),
        ));
    }
    let mut weights: Vec<f64> = matrix
        .indices
        .iter()
        .zip(&matrix.counts)
        .map(|(&c, &count)| {
            let tf = if options.sublinear_tf {
                1.0 + (count as f64).ln()
            } else {
                count as f64
            };
            tf * idf[c as usize]
        })
        .collect();
    for row in matrix.indptr.windows(2) {
        let cells = &mut weights[row[0] as usize..row[1] as usize];
        let norm = match options.norm {
            Norm::None => continue,
            Norm::L1 => cells.iter().map(|w| w.abs()).sum::<f64>(),
            Norm::L2 => cells.iter().map(|w| w * w).sum::<f64>().sqrt(),
        };
        if norm > 0.0 {
            cells.iter_mut().for_each(|w| *w /= norm);
        }
    }
    Ok(weights)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::corpus;

    #[test]
    fn matrix_by_hand() {
        let c = corpus(&["b a b", "", "c a"]);
        let m = count_matrix(&c, &[1], 1.0, 3.0, None, &Control::default()).unwrap();
        assert_eq!(m.terms, ["a", "b", "c"]);
        assert_eq!(m.indptr, [0, 2, 2, 4]);
        assert_eq!(m.indices, [0, 1, 0, 2]);
        assert_eq!(m.counts, [1, 2, 1, 1]);
        let pruned = count_matrix(&c, &[1], 2.0, 3.0, None, &Control::default()).unwrap();
        assert_eq!(pruned.terms, ["a"]);
    }

    #[test]
    fn tfidf_by_hand() {
        let c = corpus(&["a a b", "a"]);
        let m = count_matrix(&c, &[1], 1.0, 2.0, None, &Control::default()).unwrap();
        let options = TfidfOptions {
            norm: Norm::None,
            use_idf: true,
            smooth_idf: true,
            sublinear_tf: false,
        };
        let weights = tfidf(&m, &options).unwrap();
        // idf(a) = ln(3/3) + 1 = 1; idf(b) = ln(3/2) + 1.
        let idf_b = (3.0f64 / 2.0).ln() + 1.0;
        assert_eq!(weights, vec![2.0, idf_b, 1.0]);
        let l2 = TfidfOptions {
            norm: Norm::L2,
            ..options
        };
        let weights = tfidf(&m, &l2).unwrap();
        let norm = (4.0 + idf_b * idf_b).sqrt();
        assert!((weights[0] - 2.0 / norm).abs() < 1e-15);
        assert_eq!(weights[2], 1.0);
    }
}
