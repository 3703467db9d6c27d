//! Any text under any tokenizer options: tokens are non-empty, in order,
//! inside the text, and a text tokenizes the same alone or followed by more.
#![no_main]

use arbitrary::Arbitrary;
use corpuscle::tokenize::NumberPolicy;
use corpuscle::{Tokenizer, TokenizerConfig};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    text: String,
    more: String,
    lowercase: bool,
    strip_possessive: bool,
    split_hyphens: bool,
    numbers: u8,
    urls: bool,
    emails: bool,
    handles: bool,
    hashtags: bool,
    stem: bool,
    min_length: u8,
}

fuzz_target!(|input: Input| {
    let config = TokenizerConfig {
        lowercase: input.lowercase,
        strip_possessive: input.strip_possessive,
        split_hyphens: input.split_hyphens,
        numbers: [
            NumberPolicy::Keep,
            NumberPolicy::Drop,
            NumberPolicy::Placeholder,
        ][usize::from(input.numbers % 3)],
        urls: input.urls,
        emails: input.emails,
        handles: input.handles,
        hashtags: input.hashtags,
        stem: input.stem.then(|| "english".to_owned()),
        min_length: usize::from(input.min_length % 4),
    };
    let tokenizer = Tokenizer::new(config).unwrap();
    let alone = tokenizer.tokenize(&input.text);
    let length = input.text.chars().count();
    let mut previous_end = 0;
    for token in &alone.tokens {
        assert!(!token.text.is_empty(), "{token:?}");
        assert!(previous_end <= token.start, "{token:?} overlaps");
        assert!(
            token.start < token.end && token.end <= length,
            "{token:?} of {length}"
        );
        previous_end = token.end;
    }
    let starts = &alone.sentence_starts;
    assert!(
        starts.windows(2).all(|pair| pair[0] < pair[1]),
        "{starts:?}"
    );
    assert!(starts.iter().all(|&s| s < alone.tokens.len()), "{starts:?}");
    assert_eq!(starts.first().is_some(), !alone.tokens.is_empty());
    assert!(starts.first().is_none_or(|&s| s == 0));

    // Whitespace always ends a token, so what follows never changes the tokens before it.
    let joined = format!("{} {}", input.text, input.more);
    let together = tokenizer.tokenize(&joined);
    assert_eq!(together.tokens[..alone.tokens.len()], alone.tokens[..]);
    let after = tokenizer.tokenize(&input.more);
    assert_eq!(
        together.tokens.len(),
        alone.tokens.len() + after.tokens.len()
    );
    for (mine, theirs) in together.tokens[alone.tokens.len()..]
        .iter()
        .zip(&after.tokens)
    {
        assert_eq!(mine.text, theirs.text);
        assert_eq!(mine.start, theirs.start + length + 1);
    }
});
