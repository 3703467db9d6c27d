//! The engine's one error type; `py/errors.rs` maps it to Python exceptions.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The caller asked to stop (Ctrl-C in Python) and the work was abandoned.
    Cancelled,
    /// An argument outside its domain; the message names it and the allowed values.
    InvalidArgument(String),
    /// A document index outside the corpus.
    DocumentIndex { index: usize, len: usize },
    /// Saved bytes that cannot be read: truncated, corrupted or of another version.
    Format { offset: usize, message: String },
    /// A count that would pass the largest one held (`i64::MAX`); the message names it.
    Overflow(String),
    /// Bytes that are not UTF-8: the text they are in (a file or a line), the
    /// bad ones' range in it, and why, where (file, line, byte offset in the file).
    Decode {
        bytes: Vec<u8>,
        range: std::ops::Range<usize>,
        reason: String,
    },
    /// A field or column that is not there; the message names it and what there is.
    Missing(String),
    /// A value of the wrong type; the message names it and where it is.
    WrongType(String),
    /// A file that cannot be read: its path, what went wrong and the system's words.
    Io {
        path: String,
        kind: std::io::ErrorKind,
        message: String,
    },
}

impl Error {
    /// The error of reading the file at `path`.
    pub fn io(path: &str, error: &std::io::Error) -> Error {
        Error::Io {
            path: path.to_owned(),
            kind: error.kind(),
            message: error.to_string(),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Cancelled => write!(f, "the computation was cancelled"),
            Error::InvalidArgument(message)
            | Error::Overflow(message)
            | Error::Missing(message)
            | Error::WrongType(message) => write!(f, "{message}"),
            Error::Decode { reason, .. } => write!(f, "cannot decode UTF-8: {reason}"),
            Error::Io { path, message, .. } => write!(f, "{message}: '{path}'"),
            Error::Format { offset, message } => write!(f, "at byte {offset}: {message}"),
            Error::DocumentIndex { index, len } => {
                write!(
                    f,
                    "document index {index} is out of range for a corpus of {len} documents"
                )
            }
        }
    }
}

impl std::error::Error for Error {}
