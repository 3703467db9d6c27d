//! `_core.Tokenizer`: the engine's tokenizer, configured from keyword options.

use std::sync::Arc;

use pyo3::prelude::*;

use super::convert;
use super::errors::to_pyerr;
use super::run::quick;
use crate::tokenize::{Tokenizer, TokenizerConfig};

#[pyclass(name = "Tokenizer", module = "corpuscle._core", frozen)]
pub struct PyTokenizer {
    pub inner: Arc<Tokenizer>,
}

#[pymethods]
impl PyTokenizer {
    #[new]
    #[pyo3(signature = (
        *, lowercase=true, strip_possessive=true, split_hyphens=false, numbers="keep",
        urls=true, emails=true, handles=true, hashtags=true, stem=None, min_length=1
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        lowercase: bool,
        strip_possessive: bool,
        split_hyphens: bool,
        numbers: &str,
        urls: bool,
        emails: bool,
        handles: bool,
        hashtags: bool,
        stem: Option<String>,
        min_length: usize,
    ) -> PyResult<Self> {
        let config = TokenizerConfig {
            lowercase,
            strip_possessive,
            split_hyphens,
            numbers: convert::number_policy(numbers)?,
            urls,
            emails,
            handles,
            hashtags,
            stem,
            min_length,
        };
        let inner = Tokenizer::new(config).map_err(to_pyerr)?;
        Ok(PyTokenizer {
            inner: Arc::new(inner),
        })
    }

    /// The tokens of `text`, normalised.
    fn tokenize(&self, py: Python<'_>, text: &str) -> PyResult<Vec<String>> {
        quick(py, || {
            self.inner
                .tokenize(text)
                .tokens
                .into_iter()
                .map(|t| t.text)
                .collect()
        })
    }

    /// (token, start, end) for each token, offsets in characters of `text`.
    fn tokenize_spans(&self, py: Python<'_>, text: &str) -> PyResult<Vec<(String, usize, usize)>> {
        quick(py, || {
            let tokens = self.inner.tokenize(text).tokens;
            tokens
                .into_iter()
                .map(|t| (t.text, t.start, t.end))
                .collect()
        })
    }

    /// The tokens of `text`, sentence by sentence.
    fn sentences(&self, py: Python<'_>, text: &str) -> PyResult<Vec<Vec<String>>> {
        quick(py, || {
            let tokenized = self.inner.tokenize(text);
            let mut bounds = tokenized.sentence_starts.clone();
            bounds.push(tokenized.tokens.len());
            bounds
                .windows(2)
                .map(|w| {
                    tokenized.tokens[w[0]..w[1]]
                        .iter()
                        .map(|t| t.text.clone())
                        .collect()
                })
                .collect()
        })
    }

    /// `term` normalised as a token would be (case, apostrophes, possessive, stem).
    fn normalize_term(&self, py: Python<'_>, term: &str) -> PyResult<String> {
        quick(py, || self.inner.normalize_term(term))
    }
}
