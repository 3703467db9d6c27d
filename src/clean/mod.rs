//! Cleaning before counting: near-duplicate documents, boilerplate and
//! repeated lines, extraction artefacts, and spelling variants of names.
//!
//! [`clean`] runs on the original texts and returns new texts plus a log of
//! every change, so nothing disappears silently. Per document, in order:
//! leading metadata, reflow of hard-wrapped lines, lines of bare URLs; then,
//! over all documents at once, boilerplate and repeated lines.

pub mod duplicates;
pub mod lines;
pub mod reflow;
pub mod variants;

use crate::parallel::Control;

use ahash::{AHashMap, AHashSet};
use rayon::prelude::*;

use crate::error::Result;
use crate::parallel::{check, step, CHUNK};
use crate::strings::Strings;
use crate::table::Table;
use lines::{line_key, line_ranges, repeated_lines, LineKind, LineOptions};
use reflow::{is_url_line, metadata_prefix, reflow};

#[derive(Debug, Clone)]
pub struct CleanOptions {
    pub metadata: bool,
    pub reflow: bool,
    pub urls: bool,
    pub boilerplate: bool,
    pub repeated_lines: bool,
    pub lines: LineOptions,
}

/// What one cleaning step did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Metadata,
    Reflow,
    Hyphenation,
    Url,
    Boilerplate,
    Repeated,
}

impl Step {
    pub fn name(self) -> &'static str {
        match self {
            Step::Metadata => "metadata",
            Step::Reflow => "reflow",
            Step::Hyphenation => "hyphenation",
            Step::Url => "url",
            Step::Boilerplate => "boilerplate",
            Step::Repeated => "repeated",
        }
    }
}

/// One change to one document: what was removed (or joined) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub doc: u32,
    pub step: Step,
    pub text: String,
    pub detail: String,
}

/// The log as a table: `doc` (position), `step`, `text`, `detail`.
pub fn log_table(log: &[LogEntry]) -> Table {
    let strings = |of: fn(&LogEntry) -> &str| -> Strings {
        let values: Vec<&str> = log.iter().map(of).collect();
        Strings::from_strs(&values)
    };
    Table::new()
        .with("doc", log.iter().map(|e| e.doc).collect::<Vec<_>>())
        .with("step", strings(|e| e.step.name()))
        .with("text", strings(|e| e.text.as_str()))
        .with("detail", strings(|e| e.detail.as_str()))
}

pub struct Cleaned {
    pub texts: Vec<String>,
    pub log: Vec<LogEntry>,
}

/// Clean every text; `known(word)` says whether a word (as written) is seen
/// in the corpus, for re-joining words hyphenated at a line end.
pub fn clean<S: AsRef<str> + Sync>(
    texts: &[S],
    groups: &[u32],
    n_groups: usize,
    options: &CleanOptions,
    known: &(dyn Fn(&str) -> bool + Sync),
    control: &Control,
) -> Result<Cleaned> {
    options.lines.check()?;
    crate::count::check_groups(groups, n_groups)?;
    if groups.len() != texts.len() {
        return Err(crate::error::Error::InvalidArgument(format!(
            "{} group codes for {} texts",
            groups.len(),
            texts.len()
        )));
    }
    control.expect(texts.len());
    let first: Vec<(String, Vec<LogEntry>)> = texts
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            step(control, chunk.len())?;
            Ok(chunk
                .iter()
                .enumerate()
                .map(|(i, text)| repair((c * CHUNK + i) as u32, text.as_ref(), options, known))
                .collect::<Vec<_>>())
        })
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    if !options.boilerplate && !options.repeated_lines {
        let (texts, logs): (Vec<String>, Vec<Vec<LogEntry>>) = first.into_iter().unzip();
        let log = logs.into_iter().flatten().collect();
        return Ok(Cleaned { texts, log });
    }
    let repaired: Vec<&str> = first.iter().map(|(t, _)| t.as_str()).collect();
    let reports = repeated_lines(&repaired, groups, n_groups, &options.lines, control)?;
    let mut boilerplate: AHashMap<(u32, &str), String> = AHashMap::new();
    let mut repeated: AHashSet<(u32, &str)> = AHashSet::new();
    for report in &reports {
        match report.kind {
            LineKind::Boilerplate if options.boilerplate => {
                let detail = format!(
                    "in {} of the {} documents of its group",
                    report.documents, report.group_documents
                );
                boilerplate.insert((report.group, &report.key), detail);
            }
            LineKind::Repeated if options.repeated_lines => {
                repeated.insert((report.doc, &report.key));
            }
            _ => {}
        }
    }
    let remove = Removal {
        groups,
        boilerplate: &boilerplate,
        repeated: &repeated,
    };
    let out: Vec<(String, Vec<LogEntry>)> = first
        .into_par_iter()
        .enumerate()
        .map(|(d, (text, mut log))| {
            let text = remove.lines(d as u32, &text, &mut log);
            (text, log)
        })
        .collect();
    check(control)?;
    let (texts, logs): (Vec<String>, Vec<Vec<LogEntry>>) = out.into_iter().unzip();
    let log = logs.into_iter().flatten().collect();
    Ok(Cleaned { texts, log })
}

/// The per-document steps: metadata, reflow, URLs.
fn repair(
    doc: u32,
    text: &str,
    options: &CleanOptions,
    known: &(dyn Fn(&str) -> bool + Sync),
) -> (String, Vec<LogEntry>) {
    let mut log = Vec::new();
    let mut entry = |step: Step, text: &str, detail: String| {
        log.push(LogEntry {
            doc,
            step,
            text: text.to_owned(),
            detail,
        })
    };
    let mut text = text;
    if options.metadata {
        let prefix = metadata_prefix(text);
        if prefix > 0 {
            entry(
                Step::Metadata,
                text[..prefix].trim(),
                "leading metadata".into(),
            );
            text = &text[prefix..];
        }
    }
    let mut text = text.to_owned();
    if options.reflow {
        if let Some(reflowed) = reflow(&text, known) {
            let detail = format!("{} line breaks inside paragraphs joined", reflowed.joined);
            entry(Step::Reflow, "", detail);
            for (printed, joined) in &reflowed.dehyphenated {
                entry(Step::Hyphenation, printed, format!("joined as '{joined}'"));
            }
            text = reflowed.text;
        }
    }
    if options.urls {
        text = remove_url_lines(&text, |run| {
            let detail = format!("{} line(s) holding only a URL", run.len());
            entry(Step::Url, &run.join("\n"), detail);
        });
    }
    (text, log)
}

/// The text without its URL-only lines; `removed` sees each run of them.
fn remove_url_lines(text: &str, mut removed: impl FnMut(&[&str])) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run: Vec<&str> = Vec::new();
    let ranges = line_ranges(text);
    for (i, &(start, end)) in ranges.iter().enumerate() {
        let line = &text[start..end];
        if is_url_line(line) {
            run.push(line.trim());
            continue;
        }
        if !run.is_empty() {
            removed(&run);
            run.clear();
        }
        push_line(&mut out, text, start, end, i + 1 < ranges.len());
    }
    if !run.is_empty() {
        removed(&run);
    }
    out
}

/// Append a line (and, unless it is the last, the line break that followed it).
fn push_line(out: &mut String, text: &str, start: usize, end: usize, more: bool) {
    out.push_str(&text[start..end]);
    if more {
        out.push('\n');
    }
}

struct Removal<'a> {
    groups: &'a [u32],
    boilerplate: &'a AHashMap<(u32, &'a str), String>,
    repeated: &'a AHashSet<(u32, &'a str)>,
}

impl Removal<'_> {
    /// The text without boilerplate lines and without the later copies of
    /// lines repeated within it.
    fn lines(&self, doc: u32, text: &str, log: &mut Vec<LogEntry>) -> String {
        let group = self.groups[doc as usize];
        let mut out = String::with_capacity(text.len());
        let mut copies: AHashMap<String, usize> = AHashMap::new();
        let ranges = line_ranges(text);
        for (i, &(start, end)) in ranges.iter().enumerate() {
            let line = &text[start..end];
            if let Some(key) = line_key(line) {
                if let Some(detail) = self.boilerplate.get(&(group, key.as_str())) {
                    log.push(entry(doc, Step::Boilerplate, line, detail.clone()));
                    continue;
                }
                if self.repeated.contains(&(doc, key.as_str())) {
                    let copy = copies.entry(key).or_insert(0);
                    *copy += 1;
                    if *copy > 1 {
                        let detail = format!("copy {copy} of a line repeated in the document");
                        log.push(entry(doc, Step::Repeated, line, detail));
                        continue;
                    }
                }
            }
            push_line(&mut out, text, start, end, i + 1 < ranges.len());
        }
        out
    }
}

fn entry(doc: u32, step: Step, line: &str, detail: String) -> LogEntry {
    LogEntry {
        doc,
        step,
        text: line.trim().to_owned(),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> CleanOptions {
        CleanOptions {
            metadata: true,
            reflow: true,
            urls: true,
            boilerplate: true,
            repeated_lines: true,
            lines: LineOptions {
                min_docs: 2,
                min_share: 0.5,
            },
        }
    }

    #[test]
    fn every_removal_is_logged() {
        let texts = [
            "date 2023-03-21 Body one.\nAdvertisement\nCaption.\nCaption.\nhttps://a.org/x\nhttps://b.org/y\nEnd.",
            "Body two.\nAdvertisement",
            "Body three.",
        ];
        let cleaned = clean(
            &texts,
            &[0, 0, 1],
            2,
            &options(),
            &|_| false,
            &Control::default(),
        )
        .unwrap();
        assert_eq!(cleaned.texts[0], "Body one.\nCaption.\nEnd.");
        assert_eq!(cleaned.texts[1], "Body two.\n");
        assert_eq!(cleaned.texts[2], "Body three.");
        let steps: Vec<(u32, &str, &str)> = cleaned
            .log
            .iter()
            .map(|e| (e.doc, e.step.name(), e.text.as_str()))
            .collect();
        assert_eq!(
            steps,
            [
                (0, "metadata", "date 2023-03-21"),
                (0, "url", "https://a.org/x\nhttps://b.org/y"),
                (0, "boilerplate", "Advertisement"),
                (0, "repeated", "Caption."),
                (1, "boilerplate", "Advertisement"),
            ]
        );
        assert_eq!(
            cleaned.log[2].detail,
            "in 2 of the 2 documents of its group"
        );
    }

    #[test]
    fn steps_can_be_turned_off() {
        let texts = ["Ad\nAd\nhttps://a.org", "Ad"];
        let none = CleanOptions {
            metadata: false,
            reflow: false,
            urls: false,
            boilerplate: false,
            repeated_lines: false,
            ..options()
        };
        let cleaned = clean(&texts, &[0, 0], 1, &none, &|_| false, &Control::default()).unwrap();
        assert_eq!(cleaned.texts, texts);
        assert!(cleaned.log.is_empty());
    }
}
