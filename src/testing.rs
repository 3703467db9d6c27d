//! Helpers shared by the unit tests.

use crate::parallel::Control;

use crate::corpus::Corpus;
use crate::tokenize::{Tokenizer, TokenizerConfig};

/// A corpus of `texts` with the default tokenizer.
pub fn corpus(texts: &[&str]) -> Corpus {
    let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
    Corpus::build(texts, &tokenizer, &Control::default()).unwrap()
}
