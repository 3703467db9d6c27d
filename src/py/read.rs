//! Reading files in the engine: JSON Lines and plain text files become a
//! tokenized corpus, and their other fields columns of Python values, with
//! no text crossing into Python.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::IntoPyObjectExt;

use super::corpus::PyCorpus;
use super::errors::to_pyerr;
use super::run::run;
use super::tokenizer::PyTokenizer;
use crate::corpus::Corpus;
use crate::read::jsonl::{self, JsonlOptions};
use crate::read::{files, Errors, Value};

/// The documents of the JSON Lines files `paths`: a corpus of their texts
/// (the field `text`), their other fields as `{name: list}`, and where
/// `errors="replace"` repaired something.
#[pyfunction]
#[pyo3(signature = (paths, text, tokenizer, *, errors="strict", threads=0))]
pub fn read_jsonl<'py>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    text: &str,
    tokenizer: &PyTokenizer,
    errors: &str,
    threads: usize,
) -> PyResult<(PyCorpus, Bound<'py, PyDict>, Vec<String>)> {
    let options = JsonlOptions {
        text,
        errors: Errors::parse(errors).map_err(to_pyerr)?,
        group_by: None,
    };
    let tokenizer = Arc::clone(&tokenizer.inner);
    let (inner, fields, repaired) = run(py, threads, |control| {
        let records = jsonl::read(&paths, &options, control)?;
        let corpus = Corpus::from_texts(records.texts, &tokenizer, control)?;
        Ok((corpus, records.fields, records.repaired))
    })?;
    let columns = PyDict::new(py);
    let json = py.import("json")?;
    for field in fields {
        let values = field
            .values
            .into_iter()
            .map(|value| python_value(py, &json, value))
            .collect::<PyResult<Vec<_>>>()?;
        columns.set_item(field.name, PyList::new(py, values)?)?;
    }
    Ok((PyCorpus { inner, tokenizer }, columns, repaired))
}

/// A corpus of the plain text files `paths`, one document each, and the
/// files `errors="replace"` repaired.
#[pyfunction]
#[pyo3(signature = (paths, tokenizer, *, errors="strict", threads=0))]
pub fn read_files(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    tokenizer: &PyTokenizer,
    errors: &str,
    threads: usize,
) -> PyResult<(PyCorpus, Vec<String>)> {
    let errors = Errors::parse(errors).map_err(to_pyerr)?;
    let tokenizer = Arc::clone(&tokenizer.inner);
    let (inner, repaired) = run(py, threads, |control| {
        let records = files::read(&paths, errors, control)?;
        let corpus = Corpus::from_texts(records.texts, &tokenizer, control)?;
        Ok((corpus, records.repaired))
    })?;
    Ok((PyCorpus { inner, tokenizer }, repaired))
}

/// What Python's `json.loads` makes of a value.
fn python_value<'py>(
    py: Python<'py>,
    json: &Bound<'py, PyModule>,
    value: Value,
) -> PyResult<Bound<'py, PyAny>> {
    match value {
        Value::Null => Ok(py.None().into_bound(py)),
        Value::Bool(b) => b.into_bound_py_any(py),
        Value::Int(i) => i.into_bound_py_any(py),
        Value::Big(u) => u.into_bound_py_any(py),
        Value::Float(f) => f.into_bound_py_any(py),
        Value::Str(s) => s.into_bound_py_any(py),
        Value::Json(text) => json.call_method1("loads", (text,)),
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(read_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(read_files, m)?)?;
    Ok(())
}
