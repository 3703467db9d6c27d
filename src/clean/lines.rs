//! Lines that are not the article: boilerplate repeated across the documents
//! of one group ("Advertisement", footers, navigation) and lines repeated
//! within one document (a caption or teaser printed twice).
//!
//! Lines are compared by a key: NFKC, lower case, runs of white space made
//! one space, ends trimmed. Lines without a letter or digit (separators such
//! as `* * *`) are never reported.

use crate::parallel::Control;

use ahash::AHashMap;
use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use crate::count::check_groups;
use crate::error::{Error, Result};
use crate::parallel::{check, step, CHUNK};
use crate::strings::Strings;
use crate::table::Table;

/// Byte ranges of the lines of `text`, without their line break (`\n`, `\r\n`).
pub fn line_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        if byte == b'\n' {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            ranges.push((start, end));
            start = i + 1;
        }
    }
    ranges.push((start, text.len()));
    ranges
}

/// The comparison key of a line, or `None` when it holds no letter or digit.
pub fn line_key(line: &str) -> Option<String> {
    if !line.chars().any(char::is_alphanumeric) {
        return None;
    }
    let mut key = String::with_capacity(line.len());
    for word in line.nfkc().collect::<String>().split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    Some(key)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// In at least `min_docs` documents, and `min_share` of them, of one group.
    Boilerplate,
    /// More than once in one document (and not boilerplate of its group).
    Repeated,
}

impl LineKind {
    pub fn name(self) -> &'static str {
        match self {
            LineKind::Boilerplate => "boilerplate",
            LineKind::Repeated => "repeated",
        }
    }
}

#[derive(Debug, Clone)]
pub struct LineOptions {
    pub min_docs: usize,
    pub min_share: f64,
}

impl LineOptions {
    pub fn check(&self) -> Result<()> {
        if self.min_docs < 2 {
            return Err(Error::InvalidArgument(format!(
                "min_docs must be at least 2, got {}",
                self.min_docs
            )));
        }
        if !(0.0..=1.0).contains(&self.min_share) {
            return Err(Error::InvalidArgument(format!(
                "min_share must be between 0 and 1, got {}",
                self.min_share
            )));
        }
        Ok(())
    }
}

/// One reported line. For boilerplate, `doc` is the first document holding
/// it; for a repeated line, the document it repeats in.
#[derive(Debug, Clone)]
pub struct LineReport {
    pub key: String,
    /// The line as first seen, ends trimmed.
    pub text: String,
    pub kind: LineKind,
    pub group: u32,
    pub doc: u32,
    /// Documents holding the line (1 for a repeated line).
    pub documents: usize,
    /// Documents in the group.
    pub group_documents: usize,
    /// Occurrences in those documents.
    pub count: usize,
}

/// The reports as a table: `line`, `kind`, `group` (code), `doc`
/// (position), `documents`, `share`, `count`.
pub fn line_table(reports: &[LineReport]) -> Table {
    let texts: Vec<&str> = reports.iter().map(|r| r.text.as_str()).collect();
    let kinds: Vec<&str> = reports.iter().map(|r| r.kind.name()).collect();
    let sizes = |of: fn(&LineReport) -> usize| -> Vec<u64> {
        reports.iter().map(|r| of(r) as u64).collect()
    };
    Table::new()
        .with("line", Strings::from_strs(&texts))
        .with("kind", Strings::from_strs(&kinds))
        .with("group", reports.iter().map(|r| r.group).collect::<Vec<_>>())
        .with("doc", reports.iter().map(|r| r.doc).collect::<Vec<_>>())
        .with("documents", sizes(|r| r.documents))
        .with(
            "share",
            reports.iter().map(LineReport::share).collect::<Vec<_>>(),
        )
        .with("count", sizes(|r| r.count))
}

impl LineReport {
    /// The share of the group's documents holding the line.
    pub fn share(&self) -> f64 {
        self.documents as f64 / self.group_documents as f64
    }
}

/// The distinct line keys of one document: key, occurrences, first text.
fn document_lines(text: &str) -> Vec<(String, usize, String)> {
    let mut seen: AHashMap<String, usize> = AHashMap::new();
    let mut lines: Vec<(String, usize, String)> = Vec::new();
    for (start, end) in line_ranges(text) {
        let line = &text[start..end];
        let Some(key) = line_key(line) else { continue };
        match seen.get(&key) {
            Some(&i) => lines[i].1 += 1,
            None => {
                seen.insert(key.clone(), lines.len());
                lines.push((key, 1, line.trim().to_owned()));
            }
        }
    }
    lines
}

/// Boilerplate lines of each group, then lines repeated within a document;
/// each list in order of first appearance.
pub fn repeated_lines<S: AsRef<str> + Sync>(
    texts: &[S],
    groups: &[u32],
    n_groups: usize,
    options: &LineOptions,
    control: &Control,
) -> Result<Vec<LineReport>> {
    options.check()?;
    check_groups(groups, n_groups)?;
    if groups.len() != texts.len() {
        return Err(Error::InvalidArgument(format!(
            "{} group codes for {} texts",
            groups.len(),
            texts.len()
        )));
    }
    control.expect(texts.len());
    let per_doc: Vec<Vec<(String, usize, String)>> = texts
        .par_chunks(CHUNK)
        .map(|chunk| {
            step(control, chunk.len())?;
            Ok(chunk.iter().map(|t| document_lines(t.as_ref())).collect())
        })
        .collect::<Result<Vec<Vec<_>>>>()?
        .into_iter()
        .flatten()
        .collect();
    let mut group_docs = vec![0usize; n_groups];
    for &g in groups {
        group_docs[g as usize] += 1;
    }
    // (group, key) -> index into `shared`: first document, documents, occurrences.
    let mut index: AHashMap<(u32, &str), usize> = AHashMap::new();
    let mut shared: Vec<(u32, u32, &str, &str, usize, usize)> = Vec::new();
    for (d, lines) in per_doc.iter().enumerate() {
        // One thread walks every document here: look for Ctrl-C as it goes.
        if d % CHUNK == 0 {
            check(control)?;
        }
        let g = groups[d];
        for (key, count, text) in lines {
            let i = *index.entry((g, key.as_str())).or_insert_with(|| {
                shared.push((g, d as u32, key, text, 0, 0));
                shared.len() - 1
            });
            shared[i].4 += 1;
            shared[i].5 += count;
        }
    }
    let is_boilerplate = |g: u32, documents: usize| {
        documents >= options.min_docs
            && documents as f64 >= options.min_share * group_docs[g as usize] as f64
    };
    let mut reports: Vec<LineReport> = shared
        .iter()
        .filter(|s| is_boilerplate(s.0, s.4))
        .map(|&(group, doc, key, text, documents, count)| LineReport {
            key: key.to_owned(),
            text: text.to_owned(),
            kind: LineKind::Boilerplate,
            group,
            doc,
            documents,
            group_documents: group_docs[group as usize],
            count,
        })
        .collect();
    for (d, lines) in per_doc.iter().enumerate() {
        if d % CHUNK == 0 {
            check(control)?;
        }
        let g = groups[d];
        for (key, count, text) in lines.iter().filter(|l| l.1 > 1) {
            if is_boilerplate(g, shared[index[&(g, key.as_str())]].4) {
                continue;
            }
            reports.push(LineReport {
                key: key.clone(),
                text: text.clone(),
                kind: LineKind::Repeated,
                group: g,
                doc: d as u32,
                documents: 1,
                group_documents: group_docs[g as usize],
                count: *count,
            });
        }
    }
    Ok(reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(texts: &[&str], groups: &[u32], min_docs: usize) -> Vec<LineReport> {
        let options = LineOptions {
            min_docs,
            min_share: 0.5,
        };
        let n_groups = groups.iter().max().map_or(0, |&g| g as usize + 1);
        repeated_lines(texts, groups, n_groups, &options, &Control::default()).unwrap()
    }

    #[test]
    fn ranges_keys_and_line_breaks() {
        assert_eq!(
            line_ranges("a\r\nbc\n\nd"),
            [(0, 1), (3, 5), (6, 6), (7, 8)]
        );
        assert_eq!(line_ranges(""), [(0, 0)]);
        assert_eq!(
            line_key("  Related   ARTICLE: x "),
            Some("related article: x".into())
        );
        assert_eq!(line_key(" * * * "), None);
        // NFKC makes the ligature and the full-width letters plain.
        assert_eq!(line_key("ﬁne Ａd"), Some("fine ad".into()));
    }

    #[test]
    fn boilerplate_needs_enough_documents_of_one_group() {
        let texts = [
            "Story one.\nAdvertisement\nFooter line",
            "Story two.\nADVERTISEMENT",
            "Story three.\nAdvertisement\nFooter line",
            "Other outlet.\nAdvertisement\nFooter line",
        ];
        let reports = report(&texts, &[0, 0, 0, 1], 3);
        assert_eq!(reports.len(), 1);
        let ad = &reports[0];
        assert_eq!(
            (ad.kind, ad.text.as_str()),
            (LineKind::Boilerplate, "Advertisement")
        );
        assert_eq!(
            (ad.group, ad.documents, ad.group_documents, ad.count),
            (0, 3, 3, 3)
        );
        assert_eq!(ad.share(), 1.0);
        // "Footer line" is in only 2 documents of group 0 and 1 of group 1.
        let two = report(&texts, &[0, 0, 0, 1], 2);
        assert_eq!(two.len(), 2);
        assert_eq!(two[1].text, "Footer line");
    }

    #[test]
    fn repeated_within_a_document() {
        let texts = ["Caption.\nBody.\n  Caption. \nAd\nAd\nAd", "Caption."];
        let reports = report(&texts, &[0, 1], 3);
        let found: Vec<(&str, u32, usize)> = reports
            .iter()
            .map(|r| (r.text.as_str(), r.doc, r.count))
            .collect();
        assert_eq!(found, [("Caption.", 0, 2), ("Ad", 0, 3)]);
        assert!(reports.iter().all(|r| r.kind == LineKind::Repeated));
    }

    #[test]
    fn fault_18_ctrl_c_during_the_line_index_stops_it() {
        // Cancelled once every document's lines are read: the loops that
        // index them on one thread must stop too, not run to the end.
        let texts: Vec<String> = (0..3 * CHUNK)
            .map(|i| format!("line {i}\nfooter"))
            .collect();
        let groups = vec![0u32; texts.len()];
        let options = LineOptions {
            min_docs: 2,
            min_share: 0.3,
        };
        let control = Control::cancelled_after(texts.len() as u64);
        let result = repeated_lines(&texts, &groups, 1, &options, &control);
        assert_eq!(result.unwrap_err(), Error::Cancelled);
        // Uncancelled, the same call finds the footer.
        let found = repeated_lines(&texts, &groups, 1, &options, &Control::default()).unwrap();
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn bad_group_codes_are_errors() {
        let options = LineOptions {
            min_docs: 2,
            min_share: 0.3,
        };
        let control = Control::default();
        let error = repeated_lines(&["a", "b"], &[0, 5], 1, &options, &control).unwrap_err();
        assert!(error.to_string().contains("document 1 has group code 5"));
        assert!(repeated_lines(&["a", "b"], &[0], 1, &options, &control).is_err());
    }

    #[test]
    fn bad_options() {
        let bad = LineOptions {
            min_docs: 1,
            min_share: 0.3,
        };
        assert!(bad.check().is_err());
    }
}
