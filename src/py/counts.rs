//! `_core.Counts`: mergeable n-gram counts per group. Each method converts,
//! makes one engine call, and returns whole columns.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use numpy::PyReadonlyArray1;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};

use super::convert;
use super::corpus::{collocation_measures, keyness_options, settings_stopwords, PyCorpus};
use super::errors::to_pyerr;
use super::run::run;
use super::table;
use super::tokenizer::PyTokenizer;
use crate::counts::{format, Counts};
use crate::error::{Error, Result};
use crate::read::Errors;
use crate::score::collocations::{counted_collocations, CollocationOptions};
use crate::score::frequency::{counted_frequencies, FrequencyOptions};
use crate::score::keyness::counted_contrast;
use crate::tokenize::Tokenizer;

#[pyclass(name = "Counts", module = "corpuscle._core", frozen)]
pub struct PyCounts {
    /// Locked while the engine reads or adds to it; streaming adds in place.
    inner: Mutex<Counts>,
    tokenizer: Arc<Tokenizer>,
}

impl PyCounts {
    fn wrap(counts: Counts) -> PyResult<PyCounts> {
        let tokenizer = Tokenizer::new(counts.config().clone()).map_err(to_pyerr)?;
        Ok(PyCounts {
            inner: Mutex::new(counts),
            tokenizer: Arc::new(tokenizer),
        })
    }

    fn lock(&self) -> Result<MutexGuard<'_, Counts>> {
        self.inner.lock().map_err(|_| {
            Error::InvalidArgument("these counts were left unusable by an earlier failure".into())
        })
    }

    fn stop_set(&self, words: Option<Vec<String>>) -> PyResult<Option<crate::count::StopSet>> {
        let counts = self.lock().map_err(to_pyerr)?;
        Ok(convert::stop_set(words, &self.tokenizer, counts.words()))
    }
}

#[pymethods]
impl PyCounts {
    /// Empty counts of n-grams up to `max_n`, tokenized by `tokenizer`;
    /// `approximate` keeps at most that many n-grams per group and length.
    #[new]
    #[pyo3(signature = (tokenizer, max_n, grouping, *, approximate=None))]
    fn new(
        tokenizer: &PyTokenizer,
        max_n: usize,
        grouping: &str,
        approximate: Option<usize>,
    ) -> PyResult<Self> {
        let mut counts =
            Counts::new(tokenizer.inner.config().clone(), max_n, grouping).map_err(to_pyerr)?;
        if let Some(limit) = approximate {
            let control = crate::parallel::Control::default();
            counts.approximate(limit, &control).map_err(to_pyerr)?;
        }
        PyCounts::wrap(counts)
    }

    /// A summary of these counts keeping at most `limit` n-grams per group and length.
    #[pyo3(signature = (limit, *, threads=0))]
    fn approximated(&self, py: Python<'_>, limit: usize, threads: usize) -> PyResult<Self> {
        let counts = run(py, threads, |control| {
            let mut counts = self.lock()?.clone();
            counts.approximate(limit, control)?;
            Ok(counts)
        })?;
        PyCounts::wrap(counts)
    }

    /// The most n-grams kept per group and length, or None when exact.
    #[getter]
    fn approximate(&self) -> PyResult<Option<usize>> {
        Ok(self.lock().map_err(to_pyerr)?.limit())
    }

    /// One row per group and n-gram length, in the counts' own group order:
    /// label, n, positions, and undercount (the most a count may be below the truth).
    fn undercounts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        table::to_python(py, self.lock().map_err(to_pyerr)?.undercount_table())
    }

    /// Count the documents of `corpus` by group: document `d` is in the group
    /// `labels[groups[d]]`.
    #[staticmethod]
    #[pyo3(signature = (corpus, groups, labels, max_n, grouping, *, threads=0))]
    fn from_corpus(
        py: Python<'_>,
        corpus: &PyCorpus,
        groups: PyReadonlyArray1<'_, i64>,
        labels: Vec<String>,
        max_n: usize,
        grouping: &str,
        threads: usize,
    ) -> PyResult<Self> {
        let groups = convert::groups(groups, corpus.inner.n_docs())?;
        let config = corpus.tokenizer.config().clone();
        let counts = run(py, threads, |control| {
            Counts::from_corpus(
                &corpus.inner,
                &groups,
                &labels,
                config,
                max_n,
                grouping,
                control,
            )
        })?;
        PyCounts::wrap(counts)
    }

    /// Tokenize and add `texts` (a list of str): text `i` is in the group
    /// `labels[groups[i]]`. `first` numbers the texts in error messages.
    #[pyo3(signature = (texts, groups, labels, *, first=0, errors="strict", threads=0))]
    #[allow(clippy::too_many_arguments)]
    fn add_texts(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyList>,
        groups: PyReadonlyArray1<'_, i64>,
        labels: Vec<String>,
        first: usize,
        errors: &str,
        threads: usize,
    ) -> PyResult<()> {
        let texts = convert::numbered_texts(texts, errors, first)?;
        let groups = convert::groups(groups, texts.len())?;
        run(py, threads, |control| {
            self.lock()?.count_texts(&texts, &groups, &labels, control)
        })
    }

    /// Read, tokenize and add the JSON Lines files `paths`, about
    /// `block_bytes` at a time: each line's field `text` is a document, the
    /// fields `by` its group. Returns the lines `errors="replace"` repaired.
    #[pyo3(signature = (paths, text, by, *, errors="strict", block_bytes=8_000_000, threads=0))]
    #[allow(clippy::too_many_arguments)]
    fn add_jsonl(
        &self,
        py: Python<'_>,
        paths: Vec<PathBuf>,
        text: &str,
        by: Vec<String>,
        errors: &str,
        block_bytes: usize,
        threads: usize,
    ) -> PyResult<Vec<String>> {
        let errors = Errors::parse(errors).map_err(to_pyerr)?;
        run(py, threads, |control| {
            self.lock()?
                .count_jsonl(&paths, text, &by, errors, block_bytes, control)
        })
    }

    /// Read, tokenize and add the plain text files `paths`, one document
    /// each: file `i` is in the group `labels[groups[i]]`. Returns the files
    /// `errors="replace"` repaired.
    #[pyo3(signature = (paths, groups, labels, *, errors="strict", block_bytes=8_000_000, threads=0))]
    #[allow(clippy::too_many_arguments)]
    fn add_files(
        &self,
        py: Python<'_>,
        paths: Vec<PathBuf>,
        groups: PyReadonlyArray1<'_, i64>,
        labels: Vec<String>,
        errors: &str,
        block_bytes: usize,
        threads: usize,
    ) -> PyResult<Vec<String>> {
        let errors = Errors::parse(errors).map_err(to_pyerr)?;
        let groups = convert::groups(groups, paths.len())?;
        run(py, threads, |control| {
            self.lock()?
                .count_text_files(&paths, &groups, &labels, errors, block_bytes, control)
        })
    }

    /// These counts plus `other`'s, as new counts.
    #[pyo3(signature = (other, *, threads=0))]
    fn merged(&self, py: Python<'_>, other: &PyCounts, threads: usize) -> PyResult<Self> {
        let counts = run(py, threads, |control| {
            // One lock at a time, so a.merged(b) and b.merged(a) in two threads cannot deadlock.
            let theirs = other.lock()?.clone();
            let mut sum = self.lock()?.clone();
            sum.merge(&theirs, control)?;
            Ok(sum)
        })?;
        PyCounts::wrap(counts)
    }

    /// The counts in the documented file format (see `corpuscle.Counts.save`).
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = run(py, 1, |_| Ok(format::encode(&*self.lock()?)))?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// Counts from the bytes `to_bytes` made; any flaw raises FileFormatError.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<Self> {
        let counts = run(py, 1, |_| format::decode(data))?;
        PyCounts::wrap(counts)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let rebuild = py.get_type::<PyCounts>().getattr("from_bytes")?;
        let args = PyTuple::new(py, [self.to_bytes(py)?])?;
        PyTuple::new(py, [rebuild, args.into_any()])
    }

    /// True when both hold the same counts (same settings, groups and n-grams).
    fn equals(&self, py: Python<'_>, other: &PyCounts) -> PyResult<bool> {
        run(py, 1, |_| {
            let mine = format::encode(&*self.lock()?);
            Ok(mine == format::encode(&*other.lock()?))
        })
    }

    #[getter]
    fn max_n(&self) -> PyResult<usize> {
        Ok(self.lock().map_err(to_pyerr)?.max_n())
    }

    #[getter]
    fn grouping(&self) -> PyResult<String> {
        Ok(self.lock().map_err(to_pyerr)?.grouping().to_owned())
    }

    /// The tokenizer settings, as keyword arguments of `Tokenizer`.
    fn tokenizer_settings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        let counts = self.lock().map_err(to_pyerr)?;
        let config = counts.config();
        out.set_item("lowercase", config.lowercase)?;
        out.set_item("strip_possessive", config.strip_possessive)?;
        out.set_item("split_hyphens", config.split_hyphens)?;
        out.set_item("numbers", config.numbers.name())?;
        out.set_item("urls", config.urls)?;
        out.set_item("emails", config.emails)?;
        out.set_item("handles", config.handles)?;
        out.set_item("hashtags", config.hashtags)?;
        out.set_item("stem", config.stem.clone())?;
        out.set_item("min_length", config.min_length)?;
        Ok(out)
    }

    /// One row per group, in the counts' own order: label, documents, tokens,
    /// and distinct words (types).
    fn groups<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        table::to_python(py, self.lock().map_err(to_pyerr)?.group_table())
    }

    /// Term frequencies of the groups in `order`, as columns.
    #[pyo3(signature = (order, n, *, min_count=1, top=None, stopwords=None, threads=0))]
    #[allow(clippy::too_many_arguments)]
    fn frequencies<'py>(
        &self,
        py: Python<'py>,
        order: Vec<usize>,
        n: Vec<usize>,
        min_count: u64,
        top: Option<usize>,
        stopwords: Option<Vec<String>>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let stop = self.stop_set(stopwords)?;
        let options = FrequencyOptions {
            n,
            min_count,
            top,
            stop: stop.as_ref(),
        };
        let table = run(py, threads, |_| {
            counted_frequencies(&*self.lock()?, &order, &options)
        })?;
        table::to_python(py, table)
    }

    /// Adjacent n-gram collocations of the groups in `order`, as columns.
    #[pyo3(signature = (
        order, size, *, min_count=3, measures=None, sort="llr", stopwords=None, top=None, threads=0
    ))]
    #[allow(clippy::too_many_arguments)]
    fn collocations<'py>(
        &self,
        py: Python<'py>,
        order: Vec<usize>,
        size: usize,
        min_count: u64,
        measures: Option<Vec<String>>,
        sort: &str,
        stopwords: Option<Vec<String>>,
        top: Option<usize>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let (measures, sort) = collocation_measures(size, measures, sort)?;
        let stop = self.stop_set(stopwords)?;
        let options = CollocationOptions {
            size,
            min_count,
            measures,
            sort,
            stop: stop.as_ref(),
            top,
        };
        let table = run(py, threads, |control| {
            counted_collocations(&*self.lock()?, &order, &options, control)
        })?;
        table::to_python(py, table.into_table(&options.measures, false))
    }

    /// Keyness of each (target groups, reference groups) pair, corrected over
    /// all of them; `target_only` keeps only each target's key terms under `top`.
    #[pyo3(signature = (comparisons, *, target_only, settings))]
    fn contrast<'py>(
        &self,
        py: Python<'py>,
        comparisons: Vec<(Vec<usize>, Vec<usize>)>,
        target_only: bool,
        settings: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let stop = self.stop_set(settings_stopwords(settings)?)?;
        let options = keyness_options(settings, stop.as_ref(), target_only)?;
        let table = run(py, options.threads, |control| {
            counted_contrast(&*self.lock()?, &comparisons, &options.keyness, control)
        })?;
        table::to_python(py, table)
    }
}
