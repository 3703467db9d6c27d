//! `_core.Corpus`: a tokenized corpus. Each method is one engine call whose
//! result leaves as whole columns (numpy arrays, and a list for the terms).

use std::sync::Arc;

use numpy::PyReadonlyArray1;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

use super::arrow::text_column;
use super::convert::{self, column};
use super::errors::to_pyerr;
use super::run::{quick, run};
use super::table;
use super::tokenizer::PyTokenizer;
use crate::corpus::Corpus;
use crate::count::{group_size_table, group_sizes};
use crate::query::{concordance, Cased, Pattern};
use crate::score::association::Measure;
use crate::score::collocates::{collocates, CollocateMeasure, CollocateOptions};
use crate::score::collocations::{check_size, collocations, CollocationOptions};
use crate::score::dtm::{count_matrix, tfidf, CountMatrix, TfidfOptions};
use crate::score::frequency::{frequencies, FrequencyOptions};
use crate::score::keyness::{
    contrast, keyness, KeynessMeasure, KeynessOptions, Reference, ReferenceCounts, Test,
};
use crate::score::phrases::{phrases, PhraseOptions};
use crate::stats::Correction;
use crate::strings::Strings;
use crate::tokenize::Tokenizer;
use pyo3_arrow::input::AnyArray;

#[pyclass(name = "Corpus", module = "corpuscle._core", frozen)]
pub struct PyCorpus {
    pub(super) inner: Corpus,
    pub(super) tokenizer: Arc<Tokenizer>,
}

type Csr<'py> = (
    Bound<'py, PyAny>,
    Bound<'py, PyAny>,
    Bound<'py, PyAny>,
    Vec<String>,
);

#[pymethods]
impl PyCorpus {
    /// Tokenize `texts` (a list of str) in parallel.
    #[new]
    #[pyo3(signature = (texts, tokenizer, *, errors="strict", threads=0))]
    fn new(
        py: Python<'_>,
        texts: &Bound<'_, PyList>,
        tokenizer: &PyTokenizer,
        errors: &str,
        threads: usize,
    ) -> PyResult<Self> {
        let texts = convert::text_store(texts, errors)?;
        let tokenizer = Arc::clone(&tokenizer.inner);
        let inner = run(py, threads, |control| {
            Corpus::from_texts(texts, &tokenizer, control)
        })?;
        Ok(PyCorpus { inner, tokenizer })
    }

    /// A corpus of the strings of an Arrow column (anything with
    /// `__arrow_c_array__` or `__arrow_c_stream__`), read from its buffers;
    /// `name` (quoted, as Python's `repr`) and `place` name the column in errors.
    #[staticmethod]
    #[pyo3(signature = (column, name, place, tokenizer, *, threads=0))]
    fn from_arrow(
        py: Python<'_>,
        column: AnyArray,
        name: &str,
        place: &str,
        tokenizer: &PyTokenizer,
        threads: usize,
    ) -> PyResult<Self> {
        let texts = text_column(column, name, place)?;
        let tokenizer = Arc::clone(&tokenizer.inner);
        let inner = run(py, threads, |control| {
            Corpus::from_texts(texts, &tokenizer, control)
        })?;
        Ok(PyCorpus { inner, tokenizer })
    }

    /// A corpus of the texts in `data` (UTF-8), text `i` being
    /// `data[bounds[i]:bounds[i + 1]]`: what [`text_buffers`] gave, for unpickling.
    #[staticmethod]
    #[pyo3(signature = (data, bounds, tokenizer, *, threads=0))]
    fn from_text_buffers(
        py: Python<'_>,
        data: &[u8],
        bounds: PyReadonlyArray1<'_, i64>,
        tokenizer: &PyTokenizer,
        threads: usize,
    ) -> PyResult<Self> {
        let text = std::str::from_utf8(data)
            .map_err(|e| PyValueError::new_err(format!("the texts are not UTF-8: {e}")))?;
        let bounds = bounds.as_slice()?;
        let mut texts = Strings::with_capacity(bounds.len().saturating_sub(1), text.len());
        for pair in bounds.windows(2) {
            let piece = usize::try_from(pair[0])
                .ok()
                .zip(usize::try_from(pair[1]).ok())
                .and_then(|(start, end)| text.get(start..end))
                .ok_or_else(|| PyValueError::new_err("the text bounds do not fit the texts"))?;
            texts.push(piece);
        }
        let tokenizer = Arc::clone(&tokenizer.inner);
        let inner = run(py, threads, |control| {
            Corpus::from_texts(texts, &tokenizer, control)
        })?;
        Ok(PyCorpus { inner, tokenizer })
    }

    /// The texts as `(data, bounds)`: UTF-8 bytes and int64 offsets, one more than texts.
    fn text_buffers<'py>(&self, py: Python<'py>) -> (Bound<'py, PyBytes>, Bound<'py, PyAny>) {
        let mut data = Vec::with_capacity(self.inner.text_bytes());
        let mut bounds = Vec::with_capacity(self.inner.n_docs() + 1);
        bounds.push(0i64);
        for text in self.inner.texts() {
            data.extend_from_slice(text.as_bytes());
            bounds.push(data.len() as i64);
        }
        (PyBytes::new(py, &data), column(py, bounds))
    }

    /// Every text, as given (lone surrogates replaced, if asked), as a list of str.
    fn texts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.inner.texts())
    }

    /// The text of document `d`.
    fn text(&self, d: usize) -> PyResult<&str> {
        self.check_doc(d)?;
        Ok(self.inner.doc_text(d))
    }

    #[getter]
    fn n_docs(&self) -> usize {
        self.inner.n_docs()
    }

    #[getter]
    fn n_tokens(&self) -> usize {
        self.inner.n_tokens()
    }

    #[getter]
    fn vocab_size(&self) -> usize {
        self.inner.vocab().len()
    }

    /// A new corpus of the documents at `indices`, without tokenizing again.
    fn select(&self, indices: Vec<usize>) -> PyResult<Self> {
        let inner = self
            .inner
            .select(&indices)
            .map_err(super::errors::to_pyerr)?;
        Ok(PyCorpus {
            inner,
            tokenizer: Arc::clone(&self.tokenizer),
        })
    }

    /// The tokens of document `d`, sentence by sentence.
    fn sentences(&self, d: usize) -> PyResult<Vec<Vec<String>>> {
        self.check_doc(d)?;
        let vocab = self.inner.vocab();
        Ok(self
            .inner
            .doc_sentences(d)
            .map(|ids| ids.iter().map(|&id| vocab.term(id).to_owned()).collect())
            .collect())
    }

    /// Character offsets (starts, ends) of the tokens of document `d`.
    fn offsets<'py>(
        &self,
        py: Python<'py>,
        d: usize,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        self.check_doc(d)?;
        let (starts, ends) = self.inner.doc_char_offsets(d);
        Ok((column(py, starts), column(py, ends)))
    }

    /// Documents, tokens and types of each group, as columns.
    #[pyo3(signature = (groups, n_groups, *, threads=0))]
    fn group_sizes<'py>(
        &self,
        py: Python<'py>,
        groups: PyReadonlyArray1<'_, i64>,
        n_groups: usize,
        threads: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let groups = convert::groups(groups, self.inner.n_docs())?;
        let sizes = run(py, threads, |control| {
            group_sizes(&self.inner, &groups, n_groups, control)
        })?;
        table::to_python(py, group_size_table(&sizes))
    }

    /// Term frequencies per group, as columns.
    #[pyo3(signature = (groups, n_groups, n, *, min_count=1, top=None, stopwords=None, threads=0))]
    #[allow(clippy::too_many_arguments)]
    fn frequencies<'py>(
        &self,
        py: Python<'py>,
        groups: PyReadonlyArray1<'_, i64>,
        n_groups: usize,
        n: Vec<usize>,
        min_count: u64,
        top: Option<usize>,
        stopwords: Option<Vec<String>>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let groups = convert::groups(groups, self.inner.n_docs())?;
        let stop = convert::stop_set(stopwords, &self.tokenizer, self.inner.vocab());
        let options = FrequencyOptions {
            n,
            min_count,
            top,
            stop: stop.as_ref(),
        };
        let table = run(py, threads, |control| {
            frequencies(&self.inner, &groups, n_groups, &options, control)
        })?;
        table::to_python(py, table)
    }

    /// Adjacent n-gram collocations per group, as columns; `measures=None` means all.
    #[pyo3(signature = (
        groups, n_groups, size, *, min_count=3, measures=None, sort="llr", stopwords=None, top=None,
        threads=0
    ))]
    #[allow(clippy::too_many_arguments)]
    fn collocations<'py>(
        &self,
        py: Python<'py>,
        groups: PyReadonlyArray1<'_, i64>,
        n_groups: usize,
        size: usize,
        min_count: u64,
        measures: Option<Vec<String>>,
        sort: &str,
        stopwords: Option<Vec<String>>,
        top: Option<usize>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let (measures, sort) = collocation_measures(size, measures, sort)?;
        let groups = convert::groups(groups, self.inner.n_docs())?;
        let stop = convert::stop_set(stopwords, &self.tokenizer, self.inner.vocab());
        let options = CollocationOptions {
            size,
            min_count,
            measures,
            sort,
            stop: stop.as_ref(),
            top,
        };
        let table = run(py, threads, |control| {
            collocations(&self.inner, &groups, n_groups, &options, control)
        })?;
        table::to_python(py, table.into_table(&options.measures, true))
    }

    /// Concordance lines of `pattern`: document, character offsets of the
    /// match, and the text left of it, of it and right of it.
    /// With `order`, one code per document, lines are ordered by their
    /// document's code (stably).
    #[pyo3(signature = (pattern, window, *, case_sensitive=false, order=None, threads=0))]
    #[allow(clippy::too_many_arguments)]
    fn concordance<'py>(
        &self,
        py: Python<'py>,
        pattern: &str,
        window: usize,
        case_sensitive: bool,
        order: Option<PyReadonlyArray1<'_, i64>>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let order = order
            .map(|codes| convert::groups(codes, self.inner.n_docs()))
            .transpose()?;
        let found = Pattern::parse(pattern, &self.tokenizer, &self.inner).map_err(to_pyerr)?;
        let cased = case_sensitive
            .then(|| Cased::new(pattern, &self.tokenizer))
            .transpose()
            .map_err(to_pyerr)?;
        let lines = run(py, threads, |control| {
            let lines = concordance(&self.inner, &found, window, cased.as_ref(), control)?;
            Ok(match &order {
                Some(codes) => lines.ordered_by(codes),
                None => lines,
            })
        })?;
        table::to_python(py, lines)
    }

    /// Collocates of the node `node` within `left`/`right` tokens, per group.
    #[pyo3(signature = (
        groups, n_groups, node, left, right, *, min_count=2, measures=None, sort="log_dice",
        stopwords=None, threads=0
    ))]
    #[allow(clippy::too_many_arguments)]
    fn collocates<'py>(
        &self,
        py: Python<'py>,
        groups: PyReadonlyArray1<'_, i64>,
        n_groups: usize,
        node: &str,
        left: usize,
        right: usize,
        min_count: u64,
        measures: Option<Vec<String>>,
        sort: &str,
        stopwords: Option<Vec<String>>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let groups = convert::groups(groups, self.inner.n_docs())?;
        let pattern = Pattern::parse(node, &self.tokenizer, &self.inner).map_err(to_pyerr)?;
        let stop = convert::stop_set(stopwords, &self.tokenizer, self.inner.vocab());
        if let Some(stop) = &stop {
            if pattern.only(|id| stop.contains(id)) {
                return Err(PyValueError::new_err(format!(
                    "the node '{node}' holds only stop words"
                )));
            }
        }
        let measures = match measures {
            Some(names) => names
                .iter()
                .map(|n| CollocateMeasure::parse(n))
                .collect::<Result<Vec<_>, _>>(),
            None => Ok(CollocateMeasure::ALL.to_vec()),
        }
        .map_err(to_pyerr)?;
        let sort = CollocateMeasure::parse(sort).map_err(to_pyerr)?;
        let options = CollocateOptions {
            left,
            right,
            min_count,
            measures,
            sort,
            stop: stop.as_ref(),
        };
        let table = run(py, threads, |control| {
            collocates(&self.inner, &groups, n_groups, &pattern, &options, control)
        })?;
        table::to_python(py, table.into_table(&options.measures))
    }

    /// Keyness of a target set of documents against a reference set, or
    /// against external term counts (`reference_counts` with `reference_total`).
    #[pyo3(signature = (
        target, reference, *, reference_counts=None, reference_total=0, settings
    ))]
    fn keyness<'py>(
        &self,
        py: Python<'py>,
        target: Vec<usize>,
        reference: Option<Vec<usize>>,
        reference_counts: Option<std::collections::HashMap<String, u64>>,
        reference_total: u64,
        settings: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let stop = self.settings_stop_set(settings)?;
        let options = keyness_options(settings, stop.as_ref(), false)?;
        let external = reference_counts.map(|counts| ReferenceCounts {
            counts: counts.into_iter().collect(),
            total: reference_total,
        });
        let reference = match (&reference, &external) {
            (Some(docs), _) => Reference::Documents(docs),
            (None, Some(external)) => Reference::Counts(external),
            (None, None) => {
                return Err(PyValueError::new_err(
                    "a reference is needed: documents or counts",
                ))
            }
        };
        let table = run(py, options.threads, |control| {
            keyness(&self.inner, &target, reference, &options.keyness, control)
        })?;
        table::to_python(py, table)
    }

    /// Keyness of each (target, reference) pair of document sets, corrected over all of them.
    #[pyo3(signature = (comparisons, *, settings))]
    fn contrast<'py>(
        &self,
        py: Python<'py>,
        comparisons: Vec<(Vec<usize>, Vec<usize>)>,
        settings: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let stop = self.settings_stop_set(settings)?;
        let options = keyness_options(settings, stop.as_ref(), true)?;
        let table = run(py, options.threads, |control| {
            contrast(&self.inner, &comparisons, &options.keyness, control)
        })?;
        table::to_python(py, table)
    }

    /// Multi-word expressions found in rounds of bigram scoring, as columns.
    #[pyo3(signature = (*, min_count=5, threshold=0.5, scoring="npmi", max_size=4, threads=0))]
    fn phrases<'py>(
        &self,
        py: Python<'py>,
        min_count: u64,
        threshold: f64,
        scoring: &str,
        max_size: usize,
        threads: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let measure = Measure::parse(scoring, 2).map_err(to_pyerr)?;
        let options = PhraseOptions {
            min_count,
            threshold,
            measure,
            max_size,
        };
        let table = run(py, threads, |control| {
            phrases(&self.inner, &options, control)
        })?;
        table::to_python(py, table)
    }

    /// A new corpus with each phrase (a list of normalised terms) joined into one token.
    #[pyo3(signature = (phrases, separator="_"))]
    fn compound(
        &self,
        py: Python<'_>,
        phrases: Vec<Vec<String>>,
        separator: &str,
    ) -> PyResult<Self> {
        let vocab = self.inner.vocab();
        let ids: Vec<Vec<u32>> = phrases
            .iter()
            .filter_map(|words| {
                words
                    .iter()
                    .map(|w| vocab.id(w))
                    .collect::<Option<Vec<u32>>>()
            })
            .collect();
        let inner = quick(py, || self.inner.compound(&ids, separator))?;
        Ok(PyCorpus {
            inner,
            tokenizer: Arc::clone(&self.tokenizer),
        })
    }

    /// Document-term counts in CSR form: (indptr, indices, counts, terms).
    #[pyo3(signature = (n, min_df, max_df, *, stopwords=None, threads=0))]
    fn count_matrix<'py>(
        &self,
        py: Python<'py>,
        n: Vec<usize>,
        min_df: f64,
        max_df: f64,
        stopwords: Option<Vec<String>>,
        threads: usize,
    ) -> PyResult<Csr<'py>> {
        let matrix = self.matrix(py, &n, min_df, max_df, stopwords, threads)?;
        Ok((
            column(py, matrix.indptr),
            column(py, matrix.indices),
            column(py, matrix.counts),
            matrix.terms,
        ))
    }

    /// tf-idf weights in CSR form: (indptr, indices, weights, terms).
    #[pyo3(signature = (
        n, min_df, max_df, *, norm, stopwords=None, use_idf=true, smooth_idf=true,
        sublinear_tf=false, threads=0
    ))]
    #[allow(clippy::too_many_arguments)]
    fn tfidf_matrix<'py>(
        &self,
        py: Python<'py>,
        n: Vec<usize>,
        min_df: f64,
        max_df: f64,
        norm: Option<&str>,
        stopwords: Option<Vec<String>>,
        use_idf: bool,
        smooth_idf: bool,
        sublinear_tf: bool,
        threads: usize,
    ) -> PyResult<Csr<'py>> {
        let options = TfidfOptions {
            norm: convert::norm(norm)?,
            use_idf,
            smooth_idf,
            sublinear_tf,
        };
        let matrix = self.matrix(py, &n, min_df, max_df, stopwords, threads)?;
        let weights = run(py, threads, |_| tfidf(&matrix, &options))?;
        Ok((
            column(py, matrix.indptr),
            column(py, matrix.indices),
            column(py, weights),
            matrix.terms,
        ))
    }
}

impl PyCorpus {
    /// The stop words named in a keyness `settings` dict, as a set of term ids.
    fn settings_stop_set(
        &self,
        settings: &Bound<'_, PyDict>,
    ) -> PyResult<Option<crate::count::StopSet>> {
        let words = settings_stopwords(settings)?;
        Ok(convert::stop_set(
            words,
            &self.tokenizer,
            self.inner.vocab(),
        ))
    }

    fn check_doc(&self, d: usize) -> PyResult<()> {
        if d < self.inner.n_docs() {
            Ok(())
        } else {
            Err(to_pyerr(crate::error::Error::DocumentIndex {
                index: d,
                len: self.inner.n_docs(),
            }))
        }
    }

    fn matrix(
        &self,
        py: Python<'_>,
        n: &[usize],
        min_df: f64,
        max_df: f64,
        stopwords: Option<Vec<String>>,
        threads: usize,
    ) -> PyResult<CountMatrix> {
        let stop = convert::stop_set(stopwords, &self.tokenizer, self.inner.vocab());
        run(py, threads, |control| {
            count_matrix(&self.inner, n, min_df, max_df, stop.as_ref(), control)
        })
    }
}

pub(super) struct KeynessSettings<'a> {
    pub keyness: KeynessOptions<'a>,
    pub threads: usize,
}

/// Keyness settings from the dict the Python side checked and named.
pub(super) fn keyness_options<'a>(
    settings: &Bound<'_, PyDict>,
    stop: Option<&'a crate::count::StopSet>,
    target_only: bool,
) -> PyResult<KeynessSettings<'a>> {
    let get = |name: &str| -> PyResult<Bound<'_, PyAny>> {
        settings
            .get_item(name)?
            .ok_or_else(|| PyValueError::new_err(format!("missing keyness setting '{name}'")))
    };
    let test = match get("test")?.extract::<String>()?.as_str() {
        "bag" => Test::Bag,
        "wilcoxon" => Test::Wilcoxon,
        "bootstrap" => Test::Bootstrap {
            samples: get("n_boot")?.extract()?,
            seed: get("seed")?.extract()?,
        },
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown test '{other}'; choose from bag, wilcoxon, bootstrap"
            )))
        }
    };
    let correction = match get("correction")?.extract::<Option<String>>()?.as_deref() {
        Some("holm") => Correction::Holm,
        Some("bonferroni") => Correction::Bonferroni,
        Some("fdr_bh") => Correction::FdrBh,
        None => Correction::None,
        Some(other) => {
            return Err(PyValueError::new_err(format!(
                "unknown correction '{other}'; choose from holm, bonferroni, fdr_bh, None"
            )))
        }
    };
    let measure = KeynessMeasure::parse(&get("measure")?.extract::<String>()?).map_err(to_pyerr)?;
    let keyness = KeynessOptions {
        n: get("n")?.extract()?,
        min_count: get("min_count")?.extract()?,
        measure,
        yates: get("yates")?.extract()?,
        smoothing: get("smoothing")?.extract()?,
        prior_scale: get("prior_scale")?.extract()?,
        alpha: get("alpha")?.extract()?,
        test,
        correction,
        stop,
        top: get("top")?.extract()?,
        target_only,
    };
    Ok(KeynessSettings {
        keyness,
        threads: get("threads")?.extract()?,
    })
}

/// The stop words a keyness `settings` dict names, if any.
/// The measures to compute (all for `size` when None) and the one to sort by, checked.
pub(super) fn collocation_measures(
    size: usize,
    measures: Option<Vec<String>>,
    sort: &str,
) -> PyResult<(Vec<Measure>, Measure)> {
    check_size(size).map_err(to_pyerr)?;
    let measures = match measures {
        Some(names) => Measure::parse_list(&names, size).map_err(to_pyerr)?,
        None => Measure::for_size(size),
    };
    Ok((measures, Measure::parse(sort, size).map_err(to_pyerr)?))
}

pub(super) fn settings_stopwords(settings: &Bound<'_, PyDict>) -> PyResult<Option<Vec<String>>> {
    Ok(settings
        .get_item("stopwords")?
        .map(|s| s.extract())
        .transpose()?
        .flatten())
}
