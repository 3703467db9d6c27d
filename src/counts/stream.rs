//! Counting files in bounded memory: JSON Lines and plain text files are
//! read a block at a time, tokenized and added to the counts, all in the
//! engine, so no text and no parsed record passes through Python. Memory
//! holds one block (its text, tokens and counts) besides the counts.

use std::path::PathBuf;

use ahash::AHashMap;

use super::labels::group_label;
use super::Counts;
use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::parallel::{check, Control};
use crate::read::jsonl::{self, Blocks, JsonlOptions};
use crate::read::{files, Errors, Records, Value};
use crate::strings::Strings;
use crate::tokenize::Tokenizer;

impl Counts {
    /// Count the documents of the JSON Lines files `paths`, about `block`
    /// bytes at a time: the field `text` of each line is its text, and the
    /// values of the fields `by` (null where a line lacks one) name its
    /// group, labelled as [`group_label`] writes them. Returns the lines
    /// `Errors::Replace` repaired; every error names the file and line.
    pub fn count_jsonl(
        &mut self,
        paths: &[PathBuf],
        text: &str,
        by: &[String],
        errors: Errors,
        block: usize,
        control: &Control,
    ) -> Result<Vec<String>> {
        let options = JsonlOptions {
            text,
            errors,
            group_by: Some(by),
        };
        let mut repaired = Vec::new();
        for path in paths {
            let name = path.to_string_lossy();
            for block in Blocks::open(path, block)? {
                check(control)?;
                let mut records = jsonl::parse_block(&block?, &name, &options, control)?;
                let (groups, labels) = group_codes(&records, by);
                repaired.append(&mut records.repaired);
                self.count_strings(records.texts, &groups, &labels, control)?;
            }
        }
        Ok(repaired)
    }

    /// Count the plain text files `paths`, one document each, files of
    /// about `block` bytes together: file `i` is in the group labelled
    /// `labels[groups[i]]`. Returns the files `Errors::Replace` repaired.
    pub fn count_text_files(
        &mut self,
        paths: &[PathBuf],
        groups: &[u32],
        labels: &[String],
        errors: Errors,
        block: usize,
        control: &Control,
    ) -> Result<Vec<String>> {
        if groups.len() != paths.len() {
            return Err(Error::InvalidArgument(format!(
                "{} group codes for {} files",
                groups.len(),
                paths.len()
            )));
        }
        let mut repaired = Vec::new();
        let mut start = 0;
        while start < paths.len() {
            let mut end = start;
            let mut bytes = 0;
            while end < paths.len() && (end == start || bytes < block) {
                // A file that cannot be read is named by files::read below.
                bytes += std::fs::metadata(&paths[end]).map_or(0, |m| m.len() as usize);
                end += 1;
            }
            let mut records = files::read(&paths[start..end], errors, control)?;
            repaired.append(&mut records.repaired);
            self.count_strings(records.texts, &groups[start..end], labels, control)?;
            start = end;
        }
        Ok(repaired)
    }

    /// Tokenize `texts` with the counts' own settings and add them: text `i`
    /// belongs to the group labelled `labels[groups[i]]`.
    pub fn count_strings(
        &mut self,
        texts: Strings,
        groups: &[u32],
        labels: &[String],
        control: &Control,
    ) -> Result<()> {
        let tokenizer = Tokenizer::new(self.config.clone())?;
        let corpus = Corpus::from_texts(texts, &tokenizer, control)?;
        self.add_corpus(&corpus, groups, labels, control)
    }
}

/// Each document's group code and the labels they stand for, in order of
/// first appearance.
fn group_codes(records: &Records, by: &[String]) -> (Vec<u32>, Vec<String>) {
    let columns: Vec<Option<&[Value]>> = by
        .iter()
        .map(|name| {
            let field = records.fields.iter().find(|f| f.name == *name);
            field.map(|f| f.values.as_slice())
        })
        .collect();
    let mut code_of: AHashMap<String, u32> = AHashMap::new();
    let mut labels = Vec::new();
    let groups = (0..records.len())
        .map(|row| {
            let values = columns
                .iter()
                .map(|column| column.map_or(&Value::Null, |values| &values[row]));
            let label = group_label(values);
            *code_of.entry(label).or_insert_with_key(|label| {
                labels.push(label.clone());
                labels.len() as u32 - 1
            })
        })
        .collect();
    (groups, labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::TokenizerConfig;

    fn folder(name: &str) -> PathBuf {
        let folder = std::env::temp_dir().join(format!("corpuscle-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        folder
    }

    fn counts() -> Counts {
        Counts::new(TokenizerConfig::default(), 2, "[\"source\"]").unwrap()
    }

    #[test]
    fn json_lines_counted_in_blocks_equal_the_texts_counted_at_once() {
        let folder = folder("stream-jsonl");
        let path = folder.join("news.jsonl");
        let mut data = String::new();
        let mut texts = Vec::new();
        let mut groups = Vec::new();
        for i in 0..300 {
            let source = ["\"A\"", "\"B\"", "null", "2020", "2020.0", "true"][i % 6];
            let text = format!("Story {i} of gas deals. Gas deal number {}.", i % 7);
            let line = match i % 10 {
                9 => format!("{{\"text\": \"{text}\", \"id\": [1, {{}}]}}\n"), // no source: null
                _ => format!("{{\"id\": {i}, \"text\": \"{text}\", \"source\": {source}}}\n"),
            };
            data.push_str(&line);
            let label = match (i % 10, i % 6) {
                (9, _) | (_, 2) => 2,
                (_, 4) => 3, // 2020.0 is 2020
                (_, 5) => 4,
                (_, j) => j as u32,
            };
            texts.push(text);
            groups.push(label);
        }
        std::fs::write(&path, data).unwrap();
        let labels: Vec<String> = ["[\"A\"]", "[\"B\"]", "[null]", "[2020]", "[true]"]
            .map(String::from)
            .to_vec();
        let control = Control::default();
        let mut expected = counts();
        expected
            .count_texts(&texts, &groups, &labels, &control)
            .unwrap();
        let by = ["source".to_string()];
        for block in [1, 500, 1 << 20] {
            let mut found = counts();
            let repaired = found
                .count_jsonl(
                    std::slice::from_ref(&path),
                    "text",
                    &by,
                    Errors::Strict,
                    block,
                    &control,
                )
                .unwrap();
            assert!(repaired.is_empty());
            assert!(found == expected, "block {block}");
        }
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn a_group_value_that_is_no_scalar_is_named_by_its_line() {
        let folder = folder("stream-bad");
        let path = folder.join("bad.jsonl");
        std::fs::write(
            &path,
            "{\"text\": \"a\"}\n{\"text\": \"b\", \"source\": [1]}\n",
        )
        .unwrap();
        let by = ["source".to_string()];
        let error_of = |path: &PathBuf| {
            let paths = std::slice::from_ref(path);
            let control = Control::default();
            counts()
                .count_jsonl(paths, "text", &by, Errors::Strict, 1 << 20, &control)
                .unwrap_err()
        };
        let error = error_of(&path);
        assert!(
            matches!(&error, Error::WrongType(m) if m.contains("bad.jsonl' line 2: the group value of 'source' is list")),
            "{error}"
        );
        std::fs::write(&path, "{\"title\": \"a\", \"source\": \"A\", \"x\": 1}\n").unwrap();
        let error = error_of(&path);
        // The skipped fields are named too, in the line's order.
        assert!(error
            .to_string()
            .ends_with("line 1 has no 'text' field; it has: title, source, x"));
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn text_files_are_counted_in_batches_by_their_groups() {
        let folder = folder("stream-text");
        let texts = ["Gas deal signed.", "Gas deal ended.", "No deal.", "Gas."];
        let paths: Vec<PathBuf> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let path = folder.join(format!("{i}.txt"));
                std::fs::write(&path, text).unwrap();
                path
            })
            .collect();
        let groups = [1, 0, 1, 1];
        let labels = ["[\"A\"]".to_string(), "[\"B\"]".to_string()];
        let control = Control::default();
        let mut expected = counts();
        expected
            .count_texts(&texts, &groups, &labels, &control)
            .unwrap();
        for block in [1, 20, 1 << 20] {
            let mut found = counts();
            found
                .count_text_files(&paths, &groups, &labels, Errors::Strict, block, &control)
                .unwrap();
            assert!(found == expected, "block {block}");
        }
        std::fs::remove_dir_all(&folder).unwrap();
    }
}
