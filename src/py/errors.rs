//! Engine errors as Python exceptions, all subclasses of builtins so that
//! `except ValueError` keeps working.

use pyo3::create_exception;
use pyo3::exceptions::{
    PyFileNotFoundError, PyIsADirectoryError, PyKeyError, PyKeyboardInterrupt, PyOSError,
    PyOverflowError, PyPermissionError, PyRuntimeError, PyTypeError, PyUnicodeDecodeError,
    PyValueError,
};
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
        Error::Missing(_) => PyKeyError::new_err(error.to_string()),
        Error::WrongType(_) => PyTypeError::new_err(error.to_string()),
        Error::Decode {
            bytes,
            range,
            reason,
        } => decode_error(&bytes, range, &reason),
        Error::Io { kind, .. } => {
            let message = error.to_string();
            match kind {
                std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
                std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(message),
                std::io::ErrorKind::IsADirectory => PyIsADirectoryError::new_err(message),
                _ => PyOSError::new_err(message),
            }
        }
        Error::DocumentIndex { .. } => pyo3::exceptions::PyIndexError::new_err(error.to_string()),
    }
}

/// A UnicodeDecodeError over the text, as Python's own decoding would raise
/// it, its reason saying where the bad bytes are.
fn decode_error(bytes: &[u8], range: std::ops::Range<usize>, reason: &str) -> PyErr {
    Python::attach(|py| {
        let made = std::ffi::CString::new(reason.replace('\0', " "))
            .map_err(|e| PyValueError::new_err(e.to_string()))
            .and_then(|reason| PyUnicodeDecodeError::new(py, c"utf-8", bytes, range, &reason));
        match made {
            Ok(error) => PyErr::from_value(error.into_any()),
            Err(error) => error,
        }
    })
}
