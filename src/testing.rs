//! Helpers shared by the unit tests.

use crate::parallel::Control;

use crate::corpus::Corpus;
use crate::tokenize::{Tokenizer, TokenizerConfig};

/// A corpus of `texts` with the default tokenizer.
pub fn corpus(texts: &[&str]) -> Corpus {
    let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
    Corpus::build(texts, &tokenizer, &Control::default()).unwrap()
}

/// A xorshift64 generator from `seed` (not 0): reproducible random test input.
pub fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}
