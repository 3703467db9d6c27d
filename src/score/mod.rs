//! Scores computed from counts: frequencies and document-term matrices.

pub mod association;
pub mod collocates;
pub mod collocations;
pub mod dtm;
pub mod frequency;
pub mod keyness;
pub mod phrases;
pub mod postings;

use crate::count::NgramKey;
use crate::vocab::Vocab;

/// A column of strings end to end in one buffer, the `i`-th being
/// `data[offsets[i]..offsets[i + 1]]`: the layout of an Arrow large string
/// array, so it crosses into Python as two arrays rather than a string each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringColumn {
    pub data: String,
    pub offsets: Vec<i64>,
}

impl Default for StringColumn {
    fn default() -> Self {
        StringColumn {
            data: String::new(),
            offsets: vec![0],
        }
    }
}

impl StringColumn {
    pub fn push(&mut self, text: &str) {
        self.data.push_str(text);
        self.offsets.push(self.data.len() as i64);
    }

    /// Push an n-gram's text: its terms joined by single spaces.
    pub fn push_ngram(&mut self, vocab: &Vocab, key: &[u32]) {
        for (i, &id) in key.iter().take_while(|&&id| id != u32::MAX).enumerate() {
            if i > 0 {
                self.data.push(' ');
            }
            self.data.push_str(vocab.term(id));
        }
        self.offsets.push(self.data.len() as i64);
    }

    /// Append every string of `other`.
    pub fn append(&mut self, other: &StringColumn) {
        let base = self.data.len() as i64;
        self.data.push_str(&other.data);
        self.offsets
            .extend(other.offsets[1..].iter().map(|&end| base + end));
    }

    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> &str {
        &self.data[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

/// Terms joined by single spaces.
pub fn ngram_text_of(vocab: &Vocab, ids: &[u32]) -> String {
    ids.iter()
        .map(|&id| vocab.term(id))
        .collect::<Vec<_>>()
        .join(" ")
}

/// An n-gram's text: its terms joined by single spaces.
pub fn ngram_text(vocab: &Vocab, key: &NgramKey) -> String {
    let mut text = String::new();
    for &id in key.iter().take_while(|&&id| id != u32::MAX) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(vocab.term(id));
    }
    text
}
