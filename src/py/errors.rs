//! Engine errors as Python exceptions, all subclasses of builtins so that
//! `except ValueError` keeps working.

use pyo3::create_exception;
use pyo3::exceptions::{PyKeyboardInterrupt, PyOverflowError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;

use crate::error::Error;

create_exception!(
    corpuscle._core,
    InternalError,
    PyRuntimeError,
    "A bug in corpuscle: the engine failed where it should not. Please report it."
);

create_exception!(
    corpuscle._core,
    FileFormatError,
    PyValueError,
    "Saved counts that cannot be read: truncated, corrupted, or of another format version."
);

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("InternalError", m.py().get_type::<InternalError>())?;
    m.add("FileFormatError", m.py().get_type::<FileFormatError>())
}

pub fn to_pyerr(error: Error) -> PyErr {
    match error {
        Error::Cancelled => PyKeyboardInterrupt::new_err("corpuscle computation interrupted"),
        Error::InvalidArgument(_) => PyValueError::new_err(error.to_string()),
        Error::Format { .. } => FileFormatError::new_err(error.to_string()),
        Error::Overflow(_) => PyOverflowError::new_err(error.to_string()),
        Error::DocumentIndex { .. } => pyo3::exceptions::PyIndexError::new_err(error.to_string()),
    }
}
