//! Arrow columns in: a text column read from its Arrow buffers through the
//! Arrow PyCapsule interface (pyarrow, polars, pandas' Arrow-backed strings,
//! Hugging Face datasets), so no text becomes a Python `str` on the way.
//!
//! pyo3-arrow rather than hand-written FFI: it imports `__arrow_c_array__`
//! and `__arrow_c_stream__` into arrow-rs arrays, keeps the producers'
//! buffers alive while they are read, and lets this crate forbid `unsafe`.

use arrow_array::cast::AsArray;
use arrow_array::Array;
use arrow_schema::DataType;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyArray;

use crate::strings::Strings;

/// The strings of an Arrow string column (`utf8`, `large_utf8` or
/// `utf8_view`, plain or dictionary-encoded as polars' Categorical and
/// pyarrow's `dictionary_encode` make them, in any number of chunks), copied
/// once into one buffer. A null is a TypeError naming its row, the `place`
/// and the column (`name`, as Python shows it: quoted).
pub fn text_column(column: AnyArray, name: &str, place: &str) -> PyResult<Strings> {
    let (chunks, _) = column
        .into_chunked_array()
        .map_err(|error| PyValueError::new_err(error.to_string()))?
        .into_inner();
    let rows = chunks.iter().map(|chunk| chunk.len()).sum();
    let bytes = chunks.iter().map(|chunk| value_bytes(chunk.as_ref())).sum();
    let mut out = Strings::with_capacity(rows, bytes);
    let mut first = 0;
    for chunk in &chunks {
        // Logical nulls: a dictionary's key may be valid and point at a null value.
        if let Some(nulls) = chunk.logical_nulls() {
            if let Some(row) = (0..chunk.len()).find(|&i| nulls.is_null(i)) {
                return Err(PyTypeError::new_err(format!(
                    "{place}: row {} of the text column {name} is missing (an Arrow null), \
                     expected str",
                    first + row
                )));
            }
        }
        push_strings(chunk.as_ref(), &mut out).map_err(|other| {
            PyTypeError::new_err(format!(
                "{place}: the text column {name} holds Arrow {other}, expected strings"
            ))
        })?;
        first += chunk.len();
    }
    Ok(out)
}

/// Append the strings of `chunk` (with no nulls) to `out`, or give its type
/// back when it holds no strings.
fn push_strings(chunk: &dyn Array, out: &mut Strings) -> Result<(), DataType> {
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
        DataType::Dictionary(_, values) if is_string(values) => {
            let dictionary = chunk.as_any_dictionary();
            let mut words = Strings::new();
            push_values(dictionary.values().as_ref(), &mut words);
            for key in dictionary.normalized_keys() {
                out.push(words.get(key));
            }
        }
        other => return Err(other.clone()),
    }
    Ok(())
}

/// Every value of a string array, a null as "" (no row of ours points at one).
fn push_values(values: &dyn Array, out: &mut Strings) {
    let mut push = |text: Option<&str>| out.push(text.unwrap_or(""));
    match values.data_type() {
        DataType::Utf8 => values.as_string::<i32>().iter().for_each(&mut push),
        DataType::LargeUtf8 => values.as_string::<i64>().iter().for_each(&mut push),
        _ => values.as_string_view().iter().for_each(&mut push),
    }
}

fn is_string(data_type: &DataType) -> bool {
    matches!(
        data_type,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    )
}

/// The bytes of a chunk's strings (0 for a chunk of another type, whose
/// buffer then grows as it is read).
fn value_bytes(chunk: &dyn Array) -> usize {
    match chunk.data_type() {
        DataType::Utf8 => chunk.as_string::<i32>().values().len(),
        DataType::LargeUtf8 => chunk.as_string::<i64>().values().len(),
        DataType::Utf8View => chunk.as_string_view().total_buffer_bytes_used(),
        _ => 0,
    }
}
