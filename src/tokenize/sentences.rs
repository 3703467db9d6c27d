//! Sentence boundaries by UAX #29, as byte offsets of sentence starts.

use unicode_segmentation::UnicodeSegmentation;

/// Byte offset at which each sentence of `text` starts (the first is 0).
pub fn sentence_starts(text: &str) -> Vec<usize> {
    text.split_sentence_bound_indices()
        .map(|(start, _)| start)
        .collect()
}
