//! JSON Lines: one JSON object a line, each a document with a text field.
//!
//! A file is read a block of about 16 MB at a time (cut at a line end); a
//! block is cut into pieces of about 1 MB, parsed in parallel by serde_json,
//! and the pieces' documents are appended in order, so the result never
//! depends on the number of threads. The text goes straight into the texts'
//! one buffer; every other field becomes a column. Blank lines are skipped,
//! a UTF-8 byte order mark at the start of a file is dropped, and every error
//! names the file and line (and, for bytes that are not UTF-8, the byte
//! offset in the file).

use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use super::{decode_error, quoted, Errors, Records, Value};
use crate::error::{Error, Result};
use crate::parallel::{check, Control};

/// Bytes read from a file at a time.
const BLOCK: usize = 16 << 20;
/// Bytes of lines one task parses.
const PIECE: usize = 1 << 20;

pub struct JsonlOptions<'a> {
    /// The field holding each document's text.
    pub text: &'a str,
    pub errors: Errors,
    /// None: every other field becomes a column. Some: only these fields do,
    /// as group values (null, a bool, a number or a string: an array or an
    /// object is an error naming the line); the others are skipped unread.
    pub group_by: Option<&'a [String]>,
}

/// Every document of the JSON Lines files `paths`, in order.
pub fn read(paths: &[PathBuf], options: &JsonlOptions, control: &Control) -> Result<Records> {
    let mut out = Records::default();
    for path in paths {
        let name = path.to_string_lossy();
        for block in Blocks::open(path, BLOCK)? {
            check(control)?;
            out.append(parse_block(&block?, &name, options, control)?);
        }
    }
    out.texts.shrink_to_fit();
    Ok(out)
}

/// A run of whole lines of a file: its bytes, their offset in the file and
/// the number of the first line.
pub struct Block {
    pub data: Vec<u8>,
    pub offset: usize,
    pub first_line: usize,
}

/// The blocks of a file, each ending at a line end (the last at the file's end).
pub struct Blocks {
    file: File,
    /// Bytes read at a time (more when a line is longer).
    size: usize,
    path: String,
    carry: Vec<u8>,
    offset: usize,
    line: usize,
    done: bool,
}

impl Blocks {
    /// The blocks of `path`, of about `size` bytes each.
    pub fn open(path: &Path, size: usize) -> Result<Blocks> {
        let name = path.to_string_lossy().into_owned();
        let file = File::open(path).map_err(|e| Error::io(&name, &e))?;
        Ok(Blocks {
            file,
            size: size.max(1),
            path: name,
            carry: Vec::new(),
            offset: 0,
            line: 1,
            done: false,
        })
    }
}

impl Iterator for Blocks {
    type Item = Result<Block>;

    fn next(&mut self) -> Option<Result<Block>> {
        if self.done {
            return None;
        }
        let mut data = std::mem::take(&mut self.carry);
        let mut filled = data.len();
        data.resize(filled.max(self.size), 0);
        // Read until a line end is in hand (or the file ends).
        loop {
            if filled == data.len() {
                data.resize(data.len() * 2, 0);
            }
            match self.file.read(&mut data[filled..]) {
                Ok(0) => {
                    self.done = true;
                    break;
                }
                Ok(read) => filled += read,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Some(Err(Error::io(&self.path, &e))),
            }
            if filled >= self.size && data[..filled].contains(&b'\n') {
                break;
            }
        }
        data.truncate(filled);
        if !self.done {
            let end = data.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            self.carry = data.split_off(end);
        }
        if data.is_empty() && self.done {
            return None;
        }
        let block = Block {
            offset: self.offset,
            first_line: self.line,
            data,
        };
        self.offset += block.data.len();
        self.line += block.data.iter().filter(|&&b| b == b'\n').count();
        Some(Ok(block))
    }
}

/// The documents of one block, its pieces parsed in parallel.
pub fn parse_block(
    block: &Block,
    path: &str,
    options: &JsonlOptions,
    control: &Control,
) -> Result<Records> {
    let name = quoted(path);
    let mut data: &[u8] = &block.data;
    let mut offset = block.offset;
    if offset == 0 && data.starts_with(b"\xEF\xBB\xBF") {
        data = &data[3..];
        offset = 3;
    }
    // Pieces cut at line ends near every PIECE bytes: fixed by the data alone.
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < data.len() {
        let target = (start + PIECE).min(data.len());
        let end = data[target..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(data.len(), |i| target + i + 1);
        pieces.push(start..end);
        start = end;
    }
    let lines: Vec<usize> = pieces
        .par_iter()
        .map(|range| data[range.clone()].iter().filter(|&&b| b == b'\n').count())
        .collect();
    let mut first_lines = Vec::with_capacity(pieces.len());
    let mut line = block.first_line;
    for count in &lines {
        first_lines.push(line);
        line += count;
    }
    let parsed: Vec<Records> = pieces
        .par_iter()
        .zip(&first_lines)
        .map(|(range, &first)| {
            check(control)?;
            let place = Place {
                name: &name,
                offset: offset + range.start,
                first_line: first,
            };
            parse_piece(&data[range.clone()], &place, options)
        })
        .collect::<Result<_>>()?;
    let mut out = Records::default();
    for piece in parsed {
        out.append(piece);
    }
    Ok(out)
}

/// Where a piece of a file is: its name (quoted), byte offset and first line.
struct Place<'a> {
    name: &'a str,
    offset: usize,
    first_line: usize,
}

fn parse_piece(data: &[u8], place: &Place, options: &JsonlOptions) -> Result<Records> {
    let mut out = Records::default();
    let mut offset = place.offset;
    for (i, raw) in data.split_inclusive(|&b| b == b'\n').enumerate() {
        let number = place.first_line + i;
        let line_offset = offset;
        offset += raw.len();
        let line = raw.strip_suffix(b"\n").unwrap_or(raw);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let at = || format!("{} line {number}", place.name);
        let text: Cow<str> = match std::str::from_utf8(line) {
            Ok(text) => Cow::Borrowed(text),
            Err(error) if options.errors == Errors::Strict => {
                let where_ = format!("in file {} line {number}", place.name);
                return Err(decode_error(line, error, line_offset, &where_));
            }
            Err(_) => {
                out.repaired.push(at());
                Cow::Owned(String::from_utf8_lossy(line).into_owned())
            }
        };
        let fixed: String;
        let record = match parse_line(&text, options) {
            // serde_json refuses an escape of a lone surrogate (JSON can spell
            // "\ud800"; no UTF-8 text holds it): find out if that was why.
            Err(LineError::Json(message)) => match replace_lone_surrogates(&text) {
                Some(repaired) if options.errors == Errors::Replace => {
                    out.repaired.push(at());
                    fixed = repaired;
                    parse_line(&fixed, options)
                }
                Some(_) => Err(LineError::Surrogate),
                None => Err(LineError::Json(message)),
            },
            parsed => parsed,
        };
        let record = record.map_err(|error| error.located(&at(), options.text))?;
        let row = out.texts.len();
        for (name, value) in record.fields {
            let column = out.field(&name);
            if column.len() > row {
                column[row] = value; // a field given twice: the last one counts, as in Python
            } else {
                column.resize(row, Value::Null);
                column.push(value);
            }
        }
        out.texts.push(&record.text);
    }
    out.pad();
    Ok(out)
}

/// One line's document: its text and its other fields in order.
struct Line<'a> {
    text: Cow<'a, str>,
    fields: Vec<(String, Value)>,
}

/// Why a line holds no document.
#[derive(Debug)]
enum LineError {
    Json(String),
    Surrogate,
    NotObject(&'static str),
    NoText(Vec<String>),
    TextType(&'static str),
    /// A group field (its name) holding an array or object (its kind).
    GroupValue(String, &'static str),
}

impl LineError {
    fn located(self, at: &str, text: &str) -> Error {
        match self {
            LineError::Surrogate => Error::InvalidArgument(format!(
                "{at} holds a lone surrogate escape (such as \\ud800), which is not \
                 valid Unicode text; errors='replace' puts U+FFFD in its place"
            )),
            LineError::Json(message) => {
                Error::InvalidArgument(format!("{at}: invalid JSON ({message})"))
            }
            LineError::NotObject(kind) => {
                Error::InvalidArgument(format!("{at}: expected a JSON object, got {kind}"))
            }
            LineError::NoText(fields) => Error::Missing(format!(
                "{at} has no '{text}' field; it has: {}",
                fields.join(", ")
            )),
            LineError::TextType(kind) => {
                Error::WrongType(format!("{at}: the text '{text}' is {kind}, expected str"))
            }
            LineError::GroupValue(field, kind) => Error::WrongType(format!(
                "{at}: the group value of '{field}' is {kind}; counts keep str, int, float, \
                 bool or None as group values"
            )),
        }
    }
}

fn parse_line<'a>(
    line: &'a str,
    options: &JsonlOptions,
) -> std::result::Result<Line<'a>, LineError> {
    let mut de = serde_json::Deserializer::from_str(line);
    let parsed = RecordSeed {
        text: options.text,
        group_by: options.group_by,
    }
    .deserialize(&mut de)
    .and_then(|parsed| de.end().map(|()| parsed));
    match parsed {
        Ok(Parsed::Line(line)) => Ok(line),
        // Fields were skipped unread: read them all to name them.
        Ok(Parsed::Not(LineError::NoText(_))) if options.group_by.is_some() => {
            let every = JsonlOptions {
                group_by: None,
                ..*options
            };
            parse_line(line, &every)
        }
        Ok(Parsed::Not(error)) => Err(error),
        Err(error) => Err(LineError::Json(json_message(&error))),
    }
}

/// serde_json's message without "at line 1", which names no line of the file.
fn json_message(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => format!("{} at column {}", &message[..at], error.column()),
        None => message,
    }
}

enum Parsed<'a> {
    Line(Line<'a>),
    Not(LineError),
}

struct RecordSeed<'t> {
    text: &'t str,
    group_by: Option<&'t [String]>,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Parsed<'de>;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// The visits of the scalar values a visitor does not want: each gives the
/// value's type as Python names what `json.loads` makes of it, wrapped.
macro_rules! other_kinds {
    ($wrap:expr; $($method:ident($($arg:ty)?) => $kind:expr;)*) => {
        $(
            fn $method<E: de::Error>(self $(, _: $arg)?) -> std::result::Result<Self::Value, E> {
                Ok($wrap($kind))
            }
        )*
    };
    ($wrap:expr) => {
        other_kinds! {
            $wrap;
            visit_bool(bool) => "bool";
            visit_i64(i64) => "int";
            visit_u64(u64) => "int";
            visit_f64(f64) => "float";
            visit_unit() => "NoneType";
        }
    };
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Parsed<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a JSON object")
    }

    other_kinds!(|kind| Parsed::Not(LineError::NotObject(kind)));
    other_kinds!(|kind| Parsed::Not(LineError::NotObject(kind)); visit_str(&str) => "str";);

    fn visit_seq<A: de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(Parsed::Not(LineError::NotObject("list")))
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut text: Option<std::result::Result<Cow<'de, str>, &'static str>> = None;
        let mut fields = Vec::new();
        let mut not_scalar = None;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if key.0 == self.text {
                text = Some(map.next_value_seed(TextSeed)?);
                continue;
            }
            match self.group_by {
                Some(kept) if !kept.iter().any(|name| *name == key.0) => {
                    map.next_value::<de::IgnoredAny>()?;
                }
                _ => {
                    let value = convert(map.next_value()?);
                    if let (Some(_), Value::Json(json)) = (self.group_by, &value) {
                        let kind = if json.starts_with('[') {
                            "list"
                        } else {
                            "dict"
                        };
                        not_scalar.get_or_insert((key.0.to_string(), kind));
                    }
                    fields.push((key.0.into_owned(), value));
                }
            }
        }
        if let Some((field, kind)) = not_scalar {
            return Ok(Parsed::Not(LineError::GroupValue(field, kind)));
        }
        Ok(match text {
            Some(Ok(text)) => Parsed::Line(Line { text, fields }),
            Some(Err(kind)) => Parsed::Not(LineError::TextType(kind)),
            None => Parsed::Not(LineError::NoText(
                fields.into_iter().map(|(name, _)| name).collect(),
            )),
        })
    }
}

fn convert(value: serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(number) => {
            if let Some(i) = number.as_i64() {
                Value::Int(i)
            } else if let Some(u) = number.as_u64() {
                Value::Big(u)
            } else {
                Value::Float(number.as_f64().unwrap_or(f64::NAN))
            }
        }
        serde_json::Value::String(s) => Value::Str(s),
        other => Value::Json(other.to_string()),
    }
}

/// A key, borrowed from the line when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a field name")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> std::result::Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(key)))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> std::result::Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(key.to_owned())))
    }
}

/// The text field: a str (borrowed when it has no escapes), or the type it is instead.
struct TextSeed;

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = std::result::Result<Cow<'de, str>, &'static str>;

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TextSeed {
    type Value = std::result::Result<Cow<'de, str>, &'static str>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a text")
    }

    fn visit_borrowed_str<E: de::Error>(
        self,
        text: &'de str,
    ) -> std::result::Result<Self::Value, E> {
        Ok(Ok(Cow::Borrowed(text)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> std::result::Result<Self::Value, E> {
        Ok(Ok(Cow::Owned(text.to_owned())))
    }

    fn visit_string<E: de::Error>(self, text: String) -> std::result::Result<Self::Value, E> {
        Ok(Ok(Cow::Owned(text)))
    }

    other_kinds!(Err);

    fn visit_seq<A: de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(Err("list"))
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Err("dict"))
    }
}

/// `line` with each `\u` escape of a lone surrogate replaced by `\ufffd`
/// (a surrogate pair, `\ud83d\ude00`, is one character and stays), or None
/// when it holds no lone surrogate.
fn replace_lone_surrogates(line: &str) -> Option<String> {
    let bytes = line.as_bytes();
    let escape = |at: usize| -> Option<u32> {
        let hex = line.get(at + 2..at + 6)?;
        (bytes.get(at + 1) == Some(&b'u'))
            .then(|| u32::from_str_radix(hex, 16).ok())
            .flatten()
    };
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match escape(i) {
            Some(0xD800..=0xDBFF)
                if bytes.get(i + 6) == Some(&b'\\')
                    && matches!(escape(i + 6), Some(0xDC00..=0xDFFF)) =>
            {
                i += 12;
            }
            Some(0xD800..=0xDFFF) => {
                out.push_str(&line[copied..i]);
                out.push_str("\\ufffd");
                i += 6;
                copied = i;
            }
            // Any other escape is two characters at least: skip them whole,
            // so the backslash of `\\u...` is not taken for an escape.
            _ => i += 2,
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&line[copied..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(errors: Errors) -> JsonlOptions<'static> {
        JsonlOptions {
            text: "text",
            errors,
            group_by: None,
        }
    }

    fn parse(data: &[u8], errors: Errors) -> Result<Records> {
        let block = Block {
            data: data.to_vec(),
            offset: 0,
            first_line: 1,
        };
        parse_block(&block, "news.jsonl", &options(errors), &Control::default())
    }

    #[test]
    fn texts_and_fields_in_order() {
        let data = b"\xEF\xBB\xBF{\"text\": \"Xi met Putin.\", \"source\": \"A\", \"year\": 2023}\n\
            \n{\"source\": null, \"text\": \"caf\\u00e9\", \"tags\": [1, 2], \"big\": 18446744073709551615}\r\n\
            {\"text\": \"\", \"year\": 2023.5, \"source\": \"B\", \"source\": \"C\"}";
        let records = parse(data, Errors::Strict).unwrap();
        let texts: Vec<&str> = records.texts.iter().collect();
        assert_eq!(texts, ["Xi met Putin.", "café", ""]);
        let names: Vec<&str> = records.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["source", "year", "tags", "big"]);
        assert_eq!(
            records.fields[0].values,
            [Value::Str("A".into()), Value::Null, Value::Str("C".into())]
        );
        assert_eq!(
            records.fields[1].values,
            [Value::Int(2023), Value::Null, Value::Float(2023.5)]
        );
        assert_eq!(records.fields[2].values[1], Value::Json("[1,2]".into()));
        assert_eq!(records.fields[3].values[1], Value::Big(u64::MAX));
    }

    #[test]
    fn errors_name_the_file_line_and_byte() {
        let message = |data: &[u8]| parse(data, Errors::Strict).unwrap_err().to_string();
        assert_eq!(
            message(b"{\"text\": \"a\"}\n[1]\n"),
            "'news.jsonl' line 2: expected a JSON object, got list"
        );
        assert!(message(b"{\"text\": \"a\"}\n{\"text\": }\n")
            .starts_with("'news.jsonl' line 2: invalid JSON (expected value at column"));
        assert_eq!(
            message(b"{\"title\": \"a\", \"date\": 1}"),
            "'news.jsonl' line 1 has no 'text' field; it has: title, date"
        );
        assert_eq!(
            message(b"\n\n{\"text\": 5}"),
            "'news.jsonl' line 3: the text 'text' is int, expected str"
        );
        let error = parse(
            b"{\"text\": \"a\"}\n{\"text\": \"b\xFF\"}\n",
            Errors::Strict,
        )
        .unwrap_err();
        assert_eq!(
            error,
            Error::Decode {
                bytes: b"{\"text\": \"b\xFF\"}".to_vec(),
                range: 11..12,
                reason: "invalid start byte in file 'news.jsonl' line 2 at byte offset 25".into()
            }
        );
        assert!(message(b"{\"text\": \"\\ud800\"}").contains("line 1 holds a lone surrogate"));
    }

    #[test]
    fn replace_repairs_bytes_and_escapes_and_says_where() {
        let data = b"{\"text\": \"b\xFF\"}\n{\"text\": \"\\ud800 \\ud83d\\ude00 \\\\ud800\"}\n";
        let records = parse(data, Errors::Replace).unwrap();
        let texts: Vec<&str> = records.texts.iter().collect();
        assert_eq!(texts, ["b\u{FFFD}", "\u{FFFD} \u{1F600} \\ud800"]);
        assert_eq!(
            records.repaired,
            ["'news.jsonl' line 1", "'news.jsonl' line 2"]
        );
    }

    #[test]
    fn pieces_and_blocks_keep_every_line_in_order() {
        // More than one piece: 3 MB of lines.
        let mut data = Vec::new();
        for i in 0..60_000 {
            data.extend_from_slice(
                format!("{{\"text\": \"document {i} {}\"}}\n", "x".repeat(40)).as_bytes(),
            );
        }
        let records = parse(&data, Errors::Strict).unwrap();
        assert_eq!(records.len(), 60_000);
        assert!(records.texts.get(59_999).starts_with("document 59999 "));
        let mut bad = data.clone();
        bad.extend_from_slice(b"{\"text\": 1}\n");
        assert!(parse(&bad, Errors::Strict)
            .unwrap_err()
            .to_string()
            .starts_with("'news.jsonl' line 60001:"));
    }
}
