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
}

pub type Result<T> = std::result::Result<T, Error>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Cancelled => write!(f, "the computation was cancelled"),
            Error::InvalidArgument(message) | Error::Overflow(message) => write!(f, "{message}"),
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
