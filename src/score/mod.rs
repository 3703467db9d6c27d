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
