//! Cleaning bindings: near-duplicates, repeated lines, cleaned texts,
//! spelling variants and folding. Functions rather than methods so the
//! `_core.Corpus` class stays one `#[pymethods]` block.

use std::sync::Arc;

use numpy::{PyArray2, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::convert;
use super::corpus::PyCorpus;
use super::errors::to_pyerr;
use super::run::{quick, run};
use super::table;
use crate::clean::duplicates::{
    as_jaccard, candidate_probability, drop_table, near_duplicates, pair_table, tuned_banding,
    DuplicateOptions, Keep, Similarity,
};
use crate::clean::lines::{line_table, repeated_lines, LineOptions};
use crate::clean::variants::{self, VariantOptions};
use crate::clean::{clean, log_table, CleanOptions};
use crate::corpus::Corpus;
use crate::strings::Strings;

fn duplicate_options(threshold: f64, shingle: usize, measure: &str) -> PyResult<DuplicateOptions> {
    Ok(DuplicateOptions {
        threshold,
        shingle,
        measure: Similarity::parse(measure).map_err(to_pyerr)?,
    })
}

/// The banding for a threshold and measure: (bands, rows, probability that
/// a pair exactly at the threshold becomes a candidate).
#[pyfunction]
pub fn banding(threshold: f64, measure: &str) -> PyResult<(usize, usize, f64)> {
    let options = duplicate_options(threshold, 1, measure)?;
    let (bands, rows) = tuned_banding(&options);
    let recall = candidate_probability(as_jaccard(threshold, options.measure), bands, rows);
    Ok((bands, rows, recall))
}

/// Group codes, if any, checked against the corpus size.
fn optional_groups(
    groups: Option<PyReadonlyArray1<'_, i64>>,
    corpus: &PyCorpus,
) -> PyResult<Option<Vec<u32>>> {
    groups
        .map(|g| convert::groups(g, corpus.inner.n_docs()))
        .transpose()
}

/// Near-duplicate pairs as columns `a, b, shared, jaccard, containment`.
#[pyfunction]
#[pyo3(signature = (corpus, groups, *, threshold, shingle, measure, threads=0))]
pub fn near_duplicate_pairs<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    groups: Option<PyReadonlyArray1<'_, i64>>,
    threshold: f64,
    shingle: usize,
    measure: &str,
    threads: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let options = duplicate_options(threshold, shingle, measure)?;
    let groups = optional_groups(groups, corpus)?;
    let pairs = run(py, threads, |control| {
        near_duplicates(&corpus.inner, groups.as_deref(), &options, control)
    })?;
    table::to_python(py, pair_table(&pairs))
}

/// For each document, the kept document it duplicates (-1 if kept) and the
/// pair's similarities (NaN if kept).
#[pyfunction]
#[pyo3(signature = (corpus, groups, *, threshold, shingle, measure, keep, threads=0))]
#[allow(clippy::too_many_arguments)]
pub fn duplicates_to_drop<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    groups: Option<PyReadonlyArray1<'_, i64>>,
    threshold: f64,
    shingle: usize,
    measure: &str,
    keep: &str,
    threads: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let options = duplicate_options(threshold, shingle, measure)?;
    let keep = Keep::parse(keep).map_err(to_pyerr)?;
    let groups = optional_groups(groups, corpus)?;
    let pairs = run(py, threads, |control| {
        near_duplicates(&corpus.inner, groups.as_deref(), &options, control)
    })?;
    table::to_python(py, drop_table(&corpus.inner, &pairs, keep, options.measure))
}

/// Boilerplate and repeated lines as columns.
#[pyfunction]
#[pyo3(signature = (corpus, groups, n_groups, *, min_docs, min_share, threads=0))]
pub fn repeated_line_table<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    groups: PyReadonlyArray1<'_, i64>,
    n_groups: usize,
    min_docs: usize,
    min_share: f64,
    threads: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let texts: Vec<&str> = corpus.inner.texts().collect();
    let groups = convert::groups(groups, texts.len())?;
    let options = LineOptions {
        min_docs,
        min_share,
    };
    let reports = run(py, threads, |control| {
        repeated_lines(&texts, &groups, n_groups, &options, control)
    })?;
    table::to_python(py, line_table(&reports))
}

/// A corpus of the cleaned texts, tokenized as `corpus` was (without its
/// compound and fold edits, which the caller replays), and the log as
/// columns `doc, step, text, detail`.
#[pyfunction]
#[pyo3(signature = (
    corpus, groups, n_groups, *, metadata, reflow, urls, boilerplate, repeated_lines,
    min_docs, min_share, threads=0
))]
#[allow(clippy::too_many_arguments)]
pub fn clean_texts<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    groups: PyReadonlyArray1<'_, i64>,
    n_groups: usize,
    metadata: bool,
    reflow: bool,
    urls: bool,
    boilerplate: bool,
    repeated_lines: bool,
    min_docs: usize,
    min_share: f64,
    threads: usize,
) -> PyResult<(PyCorpus, Bound<'py, PyDict>)> {
    let texts: Vec<&str> = corpus.inner.texts().collect();
    let groups = convert::groups(groups, texts.len())?;
    let options = CleanOptions {
        metadata,
        reflow,
        urls,
        boilerplate,
        repeated_lines,
        lines: LineOptions {
            min_docs,
            min_share,
        },
    };
    let vocab = corpus.inner.vocab();
    let tokenizer = &corpus.tokenizer;
    let known = |word: &str| vocab.id(&tokenizer.normalize_term(word)).is_some();
    let (cleaned, log) = run(py, threads, |control| {
        let cleaned = clean(&texts, &groups, n_groups, &options, &known, control)?;
        let texts = Strings::from_strs(&cleaned.texts);
        drop(cleaned.texts);
        Ok((Corpus::from_texts(texts, tokenizer, control)?, cleaned.log))
    })?;
    let log = table::to_python(py, log_table(&log))?;
    let cleaned = PyCorpus {
        inner: cleaned,
        tokenizer: Arc::clone(&corpus.tokenizer),
    };
    Ok((cleaned, log))
}

/// Groups of spelling variants as columns; `by_group` is a 2-D count array.
#[pyfunction]
#[pyo3(signature = (
    corpus, groups, n_groups, *, min_count, max_distance, min_length, threads=0
))]
#[allow(clippy::too_many_arguments)]
pub fn variant_table<'py>(
    py: Python<'py>,
    corpus: &PyCorpus,
    groups: PyReadonlyArray1<'_, i64>,
    n_groups: usize,
    min_count: u64,
    max_distance: usize,
    min_length: usize,
    threads: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let groups = convert::groups(groups, corpus.inner.n_docs())?;
    let options = VariantOptions {
        min_count,
        max_distance,
        min_length,
    };
    let rows = run(py, threads, |control| {
        variants::variants(&corpus.inner, &groups, n_groups, &options, control)
    })?;
    let out = table::to_python(py, variants::variant_table(&rows, corpus.inner.vocab()))?;
    let by_group: Vec<Vec<i64>> = rows
        .iter()
        .map(|r| r.by_group.iter().map(|&c| convert::signed(c)).collect())
        .collect();
    let matrix = if rows.is_empty() {
        PyArray2::<i64>::zeros(py, [0, n_groups], false)
    } else {
        PyArray2::from_vec2(py, &by_group)?
    };
    out.set_item("by_group", matrix)?;
    Ok(out)
}

/// A new corpus in which each term in `mapping` (as written; normalised here)
/// counts as its value. Terms the corpus never saw are ignored.
#[pyfunction]
pub fn fold(
    py: Python<'_>,
    corpus: &PyCorpus,
    mapping: Vec<(String, String)>,
) -> PyResult<PyCorpus> {
    let tokenizer = &corpus.tokenizer;
    let vocab = corpus.inner.vocab();
    let pairs: Vec<(u32, String)> = mapping
        .iter()
        .filter_map(|(from, to)| {
            let id = vocab.id(&tokenizer.normalize_term(from))?;
            Some((id, tokenizer.normalize_term(to)))
        })
        .collect();
    let inner = quick(py, || corpus.inner.fold(&pairs))?;
    Ok(PyCorpus {
        inner,
        tokenizer: Arc::clone(&corpus.tokenizer),
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(banding, m)?)?;
    m.add_function(wrap_pyfunction!(near_duplicate_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(duplicates_to_drop, m)?)?;
    m.add_function(wrap_pyfunction!(repeated_line_table, m)?)?;
    m.add_function(wrap_pyfunction!(clean_texts, m)?)?;
    m.add_function(wrap_pyfunction!(variant_table, m)?)?;
    m.add_function(wrap_pyfunction!(fold, m)?)?;
    Ok(())
}
