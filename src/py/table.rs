//! A [`Table`] as Python columns, in one place for every result: `{name:
//! column}` in the table's order, numbers as numpy arrays that own the
//! engine's buffers (no copy), strings as a [`PyStringColumn`] over one
//! UTF-8 buffer and its offsets (Arrow's large string layout), which Python
//! makes an Arrow-backed column without a `str` per row.

use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::convert;
use crate::table::{Column, Table};

pub fn to_python<'py>(py: Python<'py>, table: impl Into<Table>) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    for (name, column) in table.into().into_columns() {
        let values = match column {
            Column::Int(values) => values.into_pyarray(py).into_any(),
            Column::Float(values) => values.into_pyarray(py).into_any(),
            Column::Bool(values) => values.into_pyarray(py).into_any(),
            Column::Str(values) => convert::strings(py, values)?.into_any(),
        };
        out.set_item(name, values)?;
    }
    Ok(out)
}
