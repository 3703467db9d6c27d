//! corpuscle: the engine behind the `corpuscle` Python package.
//!
//! Text flows one way through the stages, one module each:
//!
//! 1. [`normalize`]: NFKC, case folding, apostrophe unification of one token;
//! 2. [`tokenize`]: text to tokens with character offsets and sentence boundaries;
//! 3. [`vocab`]: interning of terms to dense `u32` ids;
//! 4. [`corpus`]: documents (their texts, held once as UTF-8 [`strings`]) as id
//!    sequences with sentences and byte offsets, built in parallel;
//! 5. [`count`]: n-gram counts per group and per document; [`counts`] keeps
//!    them as mergeable, savable tables when the documents are not needed;
//! 6. [`score`]: frequencies, document-term matrices and later measures;
//! 7. [`table`]: every result as one table of named, typed columns.
//!
//! [`clean`] sits beside the flow: it finds near-duplicate documents,
//! boilerplate and extraction artefacts, and returns cleaned texts to build
//! a new corpus from.
//!
//! Nothing here knows of Python: the bindings live in `py/` behind the `python`
//! feature, so `cargo test` exercises the engine alone.

pub mod clean;
pub mod corpus;
pub mod count;
pub mod counts;
pub mod error;
pub mod normalize;
pub mod parallel;
pub mod query;
pub mod read;
pub mod score;
pub mod stats;
pub mod strings;
pub mod table;
#[cfg(test)]
mod testing;
pub mod tokenize;
pub mod vocab;

#[cfg(feature = "python")]
mod py;

pub use corpus::Corpus;
pub use error::{Error, Result};
pub use tokenize::{Tokenizer, TokenizerConfig};
