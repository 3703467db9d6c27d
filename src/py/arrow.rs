//! Arrow columns in: a text column read from its Arrow buffers through the
//! Arrow PyCapsule interface (pyarrow, polars, pandas' Arrow-backed strings,
//! Hugging Face datasets), so no text becomes a Python `str` on the way.
//!
//! pyo3-arrow rather than hand-written FFI: it imports `__arrow_c_array__`
//! and `__arrow_c_stream__` into arrow-rs arrays, keeps the producers'
//! buffers alive while they are read, and lets this crate forbid `unsafe`.

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef};
use arrow_schema::DataType;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyArray;

use crate::strings::Strings;

/// The strings of an Arrow string column (`utf8`, `large_utf8` or
/// `utf8_view`, in any number of chunks), copied once into one buffer. A null
/// is a TypeError naming its row, the `place` and the column (`name`, as
/// Python shows it: quoted).
pub fn text_column(column: AnyArray, name: &str, place: &str) -> PyResult<Strings> {
    let (chunks, _) = column
        .into_chunked_array()
        .map_err(|error| PyValueError::new_err(error.to_string()))?
        .into_inner();
    let rows = chunks.iter().map(|chunk| chunk.len()).sum();
    let bytes = chunks.iter().map(value_bytes).sum();
    let mut out = Strings::with_capacity(rows, bytes);
    let mut first = 0;
    for chunk in &chunks {
        if let Some(row) = (0..chunk.len()).find(|&i| chunk.is_null(i)) {
            return Err(PyTypeError::new_err(format!(
                "{place}: row {} of the text column {name} is missing (an Arrow null), expected str",
                first + row
            )));
        }
        match chunk.data_type() {
            DataType::Utf8 => chunk
                .as_string::<i32>()
                .iter()
                .flatten()
                .for_each(|t| out.push(t)),
            DataType::LargeUtf8 => chunk
                .as_string::<i64>()
                .iter()
                .flatten()
                .for_each(|t| out.push(t)),
            DataType::Utf8View => chunk
                .as_string_view()
                .iter()
                .flatten()
                .for_each(|t| out.push(t)),
            other => {
                return Err(PyTypeError::new_err(format!(
                    "{place}: the text column {name} holds Arrow {other}, expected strings"
                )))
            }
        }
        first += chunk.len();
    }
    Ok(out)
}

/// The bytes of a chunk's strings (0 for a chunk of another type).
fn value_bytes(chunk: &ArrayRef) -> usize {
    match chunk.data_type() {
        DataType::Utf8 => chunk.as_string::<i32>().values().len(),
        DataType::LargeUtf8 => chunk.as_string::<i64>().values().len(),
        DataType::Utf8View => chunk.as_string_view().total_buffer_bytes_used(),
        _ => 0,
    }
}
