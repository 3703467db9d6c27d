//! Reading documents from files in the engine: JSON Lines ([`jsonl`]) and
//! plain text files ([`files`]), straight into the UTF-8 texts a corpus
//! keeps, with every other field as a column. Files are read a block at a
//! time and each block is parsed in parallel; every error names the file,
//! the line and the byte offset.

pub mod files;
pub mod jsonl;

use crate::error::{Error, Result};
use crate::strings::Strings;

/// What to do with bytes that are not UTF-8 and escapes that are no character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Errors {
    /// Raise an error naming the file, line and byte offset.
    Strict,
    /// Put U+FFFD in their place, and record where.
    Replace,
}

impl Errors {
    pub fn parse(name: &str) -> Result<Errors> {
        match name {
            "strict" => Ok(Errors::Strict),
            "replace" => Ok(Errors::Replace),
            other => Err(Error::InvalidArgument(format!(
                "errors must be 'strict' or 'replace', got '{other}'"
            ))),
        }
    }
}

/// One metadata value, as JSON spells it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer past `i64::MAX`.
    Big(u64),
    Float(f64),
    Str(String),
    /// An array or object, as its JSON text.
    Json(String),
}

/// A metadata field: its name and one value per document (Null where a
/// document lacks it).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub values: Vec<Value>,
}

/// Documents read: their texts and their other fields, fields in order of
/// first appearance.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Records {
    pub texts: Strings,
    pub fields: Vec<Field>,
    /// Where `Errors::Replace` repaired something: `'file' line 3`, `'file'`.
    pub repaired: Vec<String>,
}

impl Records {
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The column of `name`, made (Null so far) if new.
    fn field(&mut self, name: &str) -> &mut Vec<Value> {
        let i = match self.fields.iter().position(|f| f.name == name) {
            Some(i) => i,
            None => {
                let values = vec![Value::Null; self.texts.len()];
                self.fields.push(Field {
                    name: name.to_owned(),
                    values,
                });
                self.fields.len() - 1
            }
        };
        &mut self.fields[i].values
    }

    /// Give every field a value for every text, Null where a document lacked it.
    fn pad(&mut self) {
        let n = self.texts.len();
        for field in &mut self.fields {
            field.values.resize(n, Value::Null);
        }
    }

    /// Append `other`'s documents after these.
    pub fn append(&mut self, other: Records) {
        let before = self.texts.len();
        self.texts.append(&other.texts);
        for field in other.fields {
            let column = self.field(&field.name);
            column.resize(before, Value::Null);
            column.extend(field.values);
        }
        self.pad();
        self.repaired.extend(other.repaired);
    }
}

/// How a file is named in messages: as Python's `repr` of its path would.
pub fn quoted(path: &str) -> String {
    if path.contains('\'') && !path.contains('"') {
        format!("\"{path}\"")
    } else {
        format!("'{}'", path.replace('\'', "\\'"))
    }
}

/// The invalid UTF-8 in `bytes` (a file, or a line at byte `offset` of
/// one), as Python words it; `place` says where `bytes` are.
pub fn decode_error(bytes: &[u8], error: std::str::Utf8Error, offset: usize, place: &str) -> Error {
    let at = error.valid_up_to();
    let byte = bytes[at];
    let reason = match error.error_len() {
        None => "unexpected end of data",
        Some(_) if (0x80..0xC2).contains(&byte) || byte >= 0xF5 => "invalid start byte",
        Some(_) => "invalid continuation byte",
    };
    let length = error.error_len().unwrap_or(bytes.len() - at);
    Error::Decode {
        bytes: bytes.to_vec(),
        range: at..at + length,
        reason: format!("{reason} {place} at byte offset {}", offset + at),
    }
}
