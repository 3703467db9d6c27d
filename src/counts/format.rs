//! The counts file format, version 2: what [`encode`] writes and [`decode`]
//! reads (version 1, which had no approximate counts, is still read).
//!
//! All integers are little-endian. The file is a 16-byte magic
//! `CORPUSCLE COUNTS`, a `u32` format version, then sections, each a 4-byte
//! tag, a `u64` payload length, the payload, and the payload's CRC-32:
//!
//! - `HEAD`: UTF-8 lines `name=value`: `max_n`, `grouping`, `words`,
//!   `groups`, `approximate` (the most n-grams kept per group and length, or
//!   `exact`), `written_by`, and one `tokenizer.<option>` line per option.
//! - `WORD`: the words, in code point order, each a `u32` byte length and its UTF-8.
//! - `GRUP`: per group, in code point order of labels: a `u32` byte length
//!   and the label's UTF-8, `u64` documents, `u64` positions for n = 1..=max_n,
//!   then `u64` undercounts for n = 1..=max_n (all zero when exact).
//! - `NGRM`: per group (same order), per n = 1..=max_n: a `u64` row count,
//!   then rows sorted by their word ids: n `u32` word ids, `u64` count, `u64`
//!   documents.
//! - `END.`: empty; nothing may follow it.
//!
//! The layout is canonical: counts that are equal encode to the same bytes,
//! whatever order their words and groups were met in. Reading checks
//! everything (checksums, lengths, ids in range, sorted unique rows, counts at
//! least documents), so a truncated or corrupted file is an error that gives
//! the byte offset, never wrong numbers and never a crash.

use ahash::AHashMap;

use super::{check_totals, Counts, GroupCounts};
use crate::count::{check_n, NgramKey, Tally, MAX_N};
use crate::error::{Error, Result};
use crate::score::postings::key_length;
use crate::tokenize::TokenizerConfig;
use crate::vocab::Vocab;

pub const MAGIC: &[u8; 16] = b"CORPUSCLE COUNTS";
pub const VERSION: u32 = 2;
/// The oldest version read: version 1 lacks `approximate` and the undercounts.
const OLDEST: u32 = 1;

/// The bytes of `counts` in the format above.
pub fn encode(counts: &Counts) -> Vec<u8> {
    let (words, new_id) = used_words(counts);
    let mut order: Vec<&GroupCounts> = counts.groups.iter().collect();
    order.sort_by(|a, b| a.label.cmp(&b.label));
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    section(&mut out, b"HEAD", header(counts, words.len()).as_bytes());
    let mut payload = Vec::new();
    for word in &words {
        put_text(&mut payload, word);
    }
    section(&mut out, b"WORD", &payload);
    payload.clear();
    for group in &order {
        put_text(&mut payload, &group.label);
        payload.extend_from_slice(&group.documents.to_le_bytes());
        for n in 1..=counts.max_n {
            payload.extend_from_slice(&group.positions[n].to_le_bytes());
        }
        for n in 1..=counts.max_n {
            payload.extend_from_slice(&group.undercount[n].to_le_bytes());
        }
    }
    section(&mut out, b"GRUP", &payload);
    payload.clear();
    for group in &order {
        for n in 1..=counts.max_n {
            let mut rows: Vec<(NgramKey, Tally)> = group
                .of_length(n)
                .map(|(key, tally)| {
                    let mut mapped = [u32::MAX; MAX_N];
                    for (slot, &id) in mapped.iter_mut().zip(&key[..n]) {
                        *slot = new_id[id as usize];
                    }
                    (mapped, *tally)
                })
                .collect();
            rows.sort_unstable_by_key(|row| row.0);
            payload.extend_from_slice(&(rows.len() as u64).to_le_bytes());
            for (key, tally) in rows {
                for id in &key[..n] {
                    payload.extend_from_slice(&id.to_le_bytes());
                }
                payload.extend_from_slice(&tally.count.to_le_bytes());
                payload.extend_from_slice(&tally.docs.to_le_bytes());
            }
        }
    }
    section(&mut out, b"NGRM", &payload);
    section(&mut out, b"END.", &[]);
    out
}

/// Read counts that [`encode`] wrote; any flaw is an error naming its byte offset.
pub fn decode(bytes: &[u8]) -> Result<Counts> {
    let mut file = Reader { bytes, at: 0 };
    let magic = file.take(MAGIC.len(), "the file's signature")?;
    if magic != MAGIC {
        return Err(format_error(
            0,
            "this is not a corpuscle counts file (it does not start with 'CORPUSCLE COUNTS')",
        ));
    }
    let version = file.u32("the format version")?;
    if !(OLDEST..=VERSION).contains(&version) {
        let hint = if version > VERSION {
            "it was written by a newer corpuscle: upgrade to read it"
        } else {
            "no corpuscle wrote that version"
        };
        return Err(format_error(
            16,
            &format!(
                "format version {version}, but this corpuscle reads versions {OLDEST} to {VERSION}: {hint}"
            ),
        ));
    }
    let (head_at, head) = file.section(b"HEAD")?;
    let header = Header::parse(head, head_at, version)?;
    let (words_at, words) = file.section(b"WORD")?;
    let words = read_words(words, words_at, header.words)?;
    let (groups_at, groups) = file.section(b"GRUP")?;
    let mut groups = read_groups(groups, groups_at, &header)?;
    let (ngrams_at, ngrams) = file.section(b"NGRM")?;
    read_ngrams(ngrams, ngrams_at, &header, words.len(), &mut groups)?;
    file.section(b"END.")?;
    if file.at != bytes.len() {
        return Err(format_error(
            file.at,
            &format!(
                "{} bytes follow the end of the counts",
                bytes.len() - file.at
            ),
        ));
    }
    let mut counts = Counts::new(header.config, header.max_n, &header.grouping)
        .map_err(|e| format_error(head_at, &e.to_string()))?;
    counts.words = words;
    counts.groups = groups;
    counts.limit = header.limit;
    Ok(counts)
}

/// The words that some n-gram uses, in code point order, and each old id's new id.
fn used_words(counts: &Counts) -> (Vec<&str>, Vec<u32>) {
    let mut used = vec![false; counts.words.len()];
    for group in &counts.groups {
        for key in group.ngrams.keys() {
            for &id in &key[..key_length(key)] {
                used[id as usize] = true;
            }
        }
    }
    let ranks = counts.words.sort_ranks();
    let mut ids: Vec<u32> = (0..counts.words.len() as u32)
        .filter(|&id| used[id as usize])
        .collect();
    ids.sort_unstable_by_key(|&id| ranks[id as usize]);
    let mut new_id = vec![u32::MAX; counts.words.len()];
    for (new, &old) in ids.iter().enumerate() {
        new_id[old as usize] = new as u32;
    }
    let words = ids.iter().map(|&id| counts.words.term(id)).collect();
    (words, new_id)
}

fn header(counts: &Counts, words: usize) -> String {
    let mut lines = vec![
        format!("max_n={}", counts.max_n),
        format!("grouping={}", counts.grouping),
        format!("words={words}"),
        format!("groups={}", counts.groups.len()),
        format!(
            "approximate={}",
            counts
                .limit
                .map_or_else(|| "exact".to_owned(), |limit| limit.to_string())
        ),
        format!("written_by=corpuscle {}", env!("CARGO_PKG_VERSION")),
    ];
    for (name, value) in counts.config.settings() {
        lines.push(format!("tokenizer.{name}={value}"));
    }
    lines.join("\n")
}

fn section(out: &mut Vec<u8>, tag: &[u8; 4], payload: &[u8]) {
    out.extend_from_slice(tag);
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
}

fn put_text(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(&(text.len() as u32).to_le_bytes());
    out.extend_from_slice(text.as_bytes());
}

fn format_error(offset: usize, message: &str) -> Error {
    Error::Format {
        offset,
        message: message.to_owned(),
    }
}

/// A cursor over bytes; `base` is the offset of `bytes[0]` in the file, for messages.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len());
        let Some(end) = end else {
            return Err(format_error(
                self.at,
                &format!(
                    "the file is truncated: {what} needs {n} bytes, but only {} are left",
                    self.bytes.len() - self.at
                ),
            ));
        };
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn u32(&mut self, what: &str) -> Result<u32> {
        let bytes = self.take(4, what)?;
        Ok(u32::from_le_bytes(bytes.try_into().expect("4 bytes")))
    }

    fn u64(&mut self, what: &str) -> Result<u64> {
        let bytes = self.take(8, what)?;
        Ok(u64::from_le_bytes(bytes.try_into().expect("8 bytes")))
    }

    /// The next section, which must be `tag`, with its checksum verified:
    /// its payload and the payload's file offset.
    fn section(&mut self, tag: &[u8; 4]) -> Result<(usize, &'a [u8])> {
        let name = String::from_utf8_lossy(tag).into_owned();
        let at = self.at;
        let found = self.take(4, &format!("the tag of section {name}"))?;
        if found != tag {
            return Err(format_error(
                at,
                &format!(
                    "expected section {name}, found {:?}",
                    String::from_utf8_lossy(found)
                ),
            ));
        }
        let length = self.u64(&format!("the length of section {name}"))?;
        let length = usize::try_from(length)
            .map_err(|_| format_error(at + 4, &format!("section {name} claims {length} bytes")))?;
        let payload_at = self.at;
        let payload = self.take(length, &format!("section {name}"))?;
        let stored = self.u32(&format!("the checksum of section {name}"))?;
        if crc32fast::hash(payload) != stored {
            return Err(format_error(
                payload_at,
                &format!("the checksum of section {name} does not match: the file is corrupted"),
            ));
        }
        Ok((payload_at, payload))
    }

    fn text(&mut self, base: usize, what: &str) -> Result<&'a str> {
        let length = self.u32(&format!("the length of {what}"))? as usize;
        let at = base + self.at;
        let bytes = self.take(length, what)?;
        std::str::from_utf8(bytes).map_err(|_| format_error(at, &format!("{what} is not UTF-8")))
    }

    fn done(&self, base: usize, name: &str) -> Result<()> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(format_error(
                base + self.at,
                &format!(
                    "section {name} holds {} unread bytes",
                    self.bytes.len() - self.at
                ),
            ))
        }
    }
}

struct Header {
    max_n: usize,
    grouping: String,
    words: usize,
    groups: usize,
    limit: Option<usize>,
    /// The file's format version: what the sections hold.
    version: u32,
    config: TokenizerConfig,
}

impl Header {
    fn parse(payload: &[u8], at: usize, version: u32) -> Result<Header> {
        let text = std::str::from_utf8(payload)
            .map_err(|_| format_error(at, "the header is not UTF-8"))?;
        let mut values: AHashMap<&str, &str> = AHashMap::new();
        for line in text.lines() {
            let Some((name, value)) = line.split_once('=') else {
                return Err(format_error(
                    at,
                    &format!("header line {line:?} has no '='"),
                ));
            };
            values.insert(name, value);
        }
        let get = |name: &str| {
            values
                .get(name)
                .copied()
                .ok_or_else(|| format_error(at, &format!("the header has no {name}")))
        };
        let number = |name: &str| {
            let value = get(name)?;
            value
                .parse::<usize>()
                .map_err(|_| format_error(at, &format!("header {name} is not a number: {value:?}")))
        };
        let max_n = number("max_n")?;
        check_n(max_n).map_err(|e| format_error(at, &e.to_string()))?;
        let config = TokenizerConfig::from_settings(|name| {
            values
                .get(format!("tokenizer.{name}").as_str())
                .map(|v| v.to_string())
        })
        .map_err(|e| format_error(at, &e.to_string()))?;
        let limit = match (version, get("approximate")) {
            (1, _) | (_, Ok("exact")) => None,
            _ => match number("approximate")? {
                0 => return Err(format_error(at, "header approximate is 0")),
                limit => Some(limit),
            },
        };
        Ok(Header {
            max_n,
            grouping: get("grouping")?.to_owned(),
            words: number("words")?,
            groups: number("groups")?,
            limit,
            version,
            config,
        })
    }
}

fn read_words(payload: &[u8], at: usize, expected: usize) -> Result<Vocab> {
    let mut reader = Reader {
        bytes: payload,
        at: 0,
    };
    let mut words = Vocab::new();
    let mut previous: Option<&str> = None;
    for i in 0..expected {
        let start = at + reader.at;
        let word = reader.text(at, &format!("word {i}"))?;
        if word.is_empty() || previous.is_some_and(|p| p >= word) {
            return Err(format_error(
                start,
                &format!("word {i} ({word:?}) is empty or out of order"),
            ));
        }
        words.intern(word);
        previous = Some(word);
    }
    reader.done(at, "WORD")?;
    Ok(words)
}

fn read_groups(payload: &[u8], at: usize, header: &Header) -> Result<Vec<GroupCounts>> {
    let mut reader = Reader {
        bytes: payload,
        at: 0,
    };
    let mut groups: Vec<GroupCounts> = Vec::with_capacity(header.groups.min(1 << 16));
    for g in 0..header.groups {
        let start = at + reader.at;
        let label = reader.text(at, &format!("the label of group {g}"))?;
        if groups
            .last()
            .is_some_and(|last| last.label.as_str() >= label)
        {
            return Err(format_error(
                start,
                &format!("group {g} ({label}) is out of order"),
            ));
        }
        let mut group = GroupCounts {
            label: label.to_owned(),
            documents: reader.u64(&format!("the documents of group {g}"))?,
            ..GroupCounts::default()
        };
        for n in 1..=header.max_n {
            group.positions[n] = reader.u64(&format!("the {n}-gram positions of group {g}"))?;
        }
        for n in (1..=header.max_n).filter(|_| header.version >= 2) {
            let start = at + reader.at;
            let undercount = reader.u64(&format!("the {n}-gram undercount of group {g}"))?;
            if (undercount > 0 && header.limit.is_none()) || undercount > group.positions[n] {
                return Err(format_error(
                    start,
                    &format!(
                        "group {g} ({label}): the {n}-gram undercount {undercount} is impossible"
                    ),
                ));
            }
            group.undercount[n] = undercount;
        }
        groups.push(group);
    }
    reader.done(at, "GRUP")?;
    check_totals(&groups).map_err(|error| format_error(at, &error.to_string()))?;
    Ok(groups)
}

fn read_ngrams(
    payload: &[u8],
    at: usize,
    header: &Header,
    words: usize,
    groups: &mut [GroupCounts],
) -> Result<()> {
    let mut reader = Reader {
        bytes: payload,
        at: 0,
    };
    for (g, group) in groups.iter_mut().enumerate() {
        for n in 1..=header.max_n {
            let what = format!("the {n}-grams of group {g}");
            let rows = reader.u64(&format!("the row count of {what}"))?;
            if let Some(limit) = header.limit.filter(|&limit| rows > limit as u64) {
                return Err(format_error(
                    at + reader.at - 8,
                    &format!("{what}: {rows} rows, more than the {limit} kept"),
                ));
            }
            let row_bytes = (4 * n + 16) as u64;
            // Check the length before reserving, so a corrupted count cannot ask for terabytes.
            if rows.saturating_mul(row_bytes) > (reader.bytes.len() - reader.at) as u64 {
                return Err(format_error(
                    at + reader.at,
                    &format!("the file is truncated: {what} claim {rows} rows, more than the section holds"),
                ));
            }
            group.ngrams.reserve(rows as usize);
            let mut previous: Option<NgramKey> = None;
            for _ in 0..rows {
                let start = at + reader.at;
                let mut key = [u32::MAX; MAX_N];
                for slot in key.iter_mut().take(n) {
                    *slot = reader.u32(&what)?;
                }
                let count = reader.u64(&what)?;
                let docs = reader.u64(&what)?;
                let flaw = if key[..n].iter().any(|&id| id as usize >= words) {
                    Some(format!("{what}: a word id is beyond the {words} words"))
                } else if previous.is_some_and(|p| p >= key) {
                    Some(format!("{what}: rows are out of order or repeated"))
                } else if docs == 0 || docs > count || docs > group.documents {
                    Some(format!(
                        "{what}: a row counts {count} occurrences in {docs} documents (the group has {})",
                        group.documents
                    ))
                } else if count > group.positions[n] {
                    Some(format!(
                        "{what}: a row counts more occurrences than the group has positions"
                    ))
                } else {
                    None
                };
                if let Some(flaw) = flaw {
                    return Err(format_error(start, &flaw));
                }
                previous = Some(key);
                group.ngrams.insert(key, Tally { count, docs });
            }
        }
    }
    reader.done(at, "NGRM")
}
