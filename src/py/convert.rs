//! Conversions at the boundary: texts, option strings, group codes, columns.

use numpy::{IntoPyArray, PyArray1, PyArrayMethods, PyReadonlyArray1, PyUntypedArrayMethods};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::count::StopSet;
use crate::score::dtm::Norm;
use crate::strings::Strings;
use crate::tokenize::{NumberPolicy, Tokenizer};
use crate::vocab::Vocab;

use super::errors::to_pyerr;

/// Copy every text out of `texts` (a list of str), so the engine can run
/// without the GIL while Python is free to change the list.
///
/// A non-str item raises TypeError naming its index. A str with lone
/// surrogates (which UTF-8 cannot hold) raises ValueError naming the index and
/// character offset, or under `errors="replace"` has each surrogate replaced
/// by U+FFFD, keeping every character offset.
pub fn text_store(texts: &Bound<'_, PyList>, errors: &str) -> PyResult<Strings> {
    let replace = replace_errors(errors)?;
    let mut out = Strings::with_capacity(texts.len(), 0);
    for (index, item) in texts.iter().enumerate() {
        let text = item_text(&item, index)?;
        match text.to_str() {
            Ok(text) => out.push(text),
            Err(_) => out.push(&repair_surrogates(&text, index, replace)?),
        }
    }
    out.shrink_to_fit();
    Ok(out)
}

fn replace_errors(errors: &str) -> PyResult<bool> {
    match errors {
        "strict" => Ok(false),
        "replace" => Ok(true),
        other => Err(PyValueError::new_err(format!(
            "errors must be 'strict' or 'replace', got '{other}'"
        ))),
    }
}

/// Item `index` of a list of texts as a str, or TypeError naming it.
fn item_text<'py>(item: &Bound<'py, PyAny>, index: usize) -> PyResult<Bound<'py, PyString>> {
    match item.cast::<PyString>() {
        Ok(text) => Ok(text.clone()),
        Err(_) => {
            let type_name = item.get_type().name()?;
            let shown = item.repr()?;
            Err(PyTypeError::new_err(format!(
                "texts[{index}] is {type_name} ({shown}), expected str"
            )))
        }
    }
}

/// [`text_store`] for one slice of a longer stream, as separate strings:
/// messages give `first + index`.
pub fn numbered_texts(
    texts: &Bound<'_, PyList>,
    errors: &str,
    first: usize,
) -> PyResult<Vec<String>> {
    let replace = replace_errors(errors)?;
    let mut out = Vec::with_capacity(texts.len());
    for (index, item) in texts.iter().enumerate() {
        let index = first + index;
        let text = item_text(&item, index)?;
        match text.to_str() {
            Ok(text) => out.push(text.to_owned()),
            Err(_) => out.push(repair_surrogates(&text, index, replace)?),
        }
    }
    Ok(out)
}

fn repair_surrogates(text: &Bound<'_, PyString>, index: usize, replace: bool) -> PyResult<String> {
    // UTF-32 gives one unit per Python code point. (UTF-16 would pair a high
    // and a low surrogate code point into one character, shifting every
    // later offset by one.)
    let points: Vec<u32> = text
        .call_method1("encode", ("utf-32-le", "surrogatepass"))?
        .extract::<Vec<u8>>()?
        .chunks_exact(4)
        .map(|unit| u32::from_le_bytes([unit[0], unit[1], unit[2], unit[3]]))
        .collect();
    let mut out = String::with_capacity(points.len());
    for (offset, point) in points.into_iter().enumerate() {
        match char::from_u32(point) {
            Some(c) => out.push(c),
            None if replace => out.push(char::REPLACEMENT_CHARACTER),
            None => {
                return Err(PyValueError::new_err(format!(
                    "texts[{index}] contains a lone surrogate U+{point:04X} at character offset {offset}; \
                     pass errors='replace' to replace it with U+FFFD"
                )));
            }
        }
    }
    Ok(out)
}

pub fn number_policy(numbers: &str) -> PyResult<NumberPolicy> {
    NumberPolicy::parse(numbers).map_err(to_pyerr)
}

pub fn norm(norm: Option<&str>) -> PyResult<Norm> {
    match norm {
        None => Ok(Norm::None),
        Some("l2") => Ok(Norm::L2),
        Some("l1") => Ok(Norm::L1),
        Some(other) => Err(PyValueError::new_err(format!(
            "norm must be 'l2', 'l1' or None, got '{other}'"
        ))),
    }
}

/// Group codes (0..n_groups) of each document, checked against the corpus size.
pub fn groups(codes: PyReadonlyArray1<'_, i64>, n_docs: usize) -> PyResult<Vec<u32>> {
    let codes = codes.as_slice()?;
    if codes.len() != n_docs {
        return Err(PyValueError::new_err(format!(
            "{} group codes for {n_docs} documents",
            codes.len()
        )));
    }
    codes
        .iter()
        .enumerate()
        .map(|(d, &g)| {
            u32::try_from(g).map_err(|_| {
                PyValueError::new_err(format!("document {d} has invalid group code {g}"))
            })
        })
        .collect()
}

/// Stop words normalised as the corpus' tokens were; words the corpus never saw are ignored.
pub fn stop_set(
    stopwords: Option<Vec<String>>,
    tokenizer: &Tokenizer,
    vocab: &Vocab,
) -> Option<StopSet> {
    let words = stopwords?;
    let ids = words
        .iter()
        .filter_map(|word| vocab.id(&tokenizer.normalize_term(word)));
    Some(StopSet::new(vocab.len(), ids))
}

/// A numpy array of `values`, without copying them, but that counts (and
/// every other unsigned number) leave as signed 64-bit integers, so that
/// users can subtract them without wrapping around.
pub fn column<'py, T: ColumnValue>(py: Python<'py>, values: Vec<T>) -> Bound<'py, PyAny> {
    T::array(py, values)
}

/// How a column of the engine's values becomes a numpy array.
pub trait ColumnValue: Sized {
    fn array(py: Python<'_>, values: Vec<Self>) -> Bound<'_, PyAny>;
}

macro_rules! as_they_are {
    ($($t:ty),*) => {
        $(impl ColumnValue for $t {
            fn array(py: Python<'_>, values: Vec<Self>) -> Bound<'_, PyAny> {
                values.into_pyarray(py).into_any()
            }
        })*
    };
}

as_they_are!(i64, f64, bool);

impl ColumnValue for u64 {
    fn array(py: Python<'_>, values: Vec<Self>) -> Bound<'_, PyAny> {
        let signed: Vec<i64> = values.into_iter().map(signed).collect();
        signed.into_pyarray(py).into_any()
    }
}

impl ColumnValue for u32 {
    fn array(py: Python<'_>, values: Vec<Self>) -> Bound<'_, PyAny> {
        let signed: Vec<i64> = values.into_iter().map(i64::from).collect();
        signed.into_pyarray(py).into_any()
    }
}

pub use crate::table::signed;

/// A string column in Arrow's large-string layout: UTF-8 `data` and `offsets`
/// (one more than strings). Python builds an Arrow-backed column from the two
/// arrays without making a str per row, or a list when Arrow is not there.
#[pyclass(name = "StringColumn", module = "corpuscle._core", frozen)]
pub struct PyStringColumn {
    data: Py<PyArray1<u8>>,
    offsets: Py<PyArray1<i64>>,
}

#[pymethods]
impl PyStringColumn {
    fn __len__(&self, py: Python<'_>) -> usize {
        self.offsets.bind(py).len().saturating_sub(1)
    }

    /// `(data, offsets)`: uint8 and int64 arrays.
    fn buffers<'py>(
        &self,
        py: Python<'py>,
    ) -> (Bound<'py, PyArray1<u8>>, Bound<'py, PyArray1<i64>>) {
        (self.data.bind(py).clone(), self.offsets.bind(py).clone())
    }

    /// The strings as a list of str.
    fn to_list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let data = self.data.bind(py).readonly();
        let offsets = self.offsets.bind(py).readonly();
        let (data, offsets) = (data.as_slice()?, offsets.as_slice()?);
        // The engine wrote whole strings between offsets, so every slice is UTF-8.
        let text = std::str::from_utf8(data)
            .map_err(|e| PyValueError::new_err(format!("string column is not UTF-8: {e}")))?;
        let items = offsets
            .windows(2)
            .map(|w| &text[w[0] as usize..w[1] as usize]);
        PyList::new(py, items)
    }
}

/// A [`Strings`] handed to Python without copying its buffers.
pub fn strings(py: Python<'_>, column: Strings) -> PyResult<Bound<'_, PyStringColumn>> {
    let data = column.data.into_bytes().into_pyarray(py).unbind();
    let offsets = column.offsets.into_pyarray(py).unbind();
    Bound::new(py, PyStringColumn { data, offsets })
}
