//! Text to tokens: the rules tuned for English news, each one an option.
//!
//! A text is cut into sentences (UAX #29 sentence boundaries) and into raw
//! tokens: URLs, e-mail addresses, @handles and #hashtags are recognised
//! first, the rest goes through UAX #29 word segmentation with three repairs
//! (hyphenated compounds, abbreviations with inner dots, possessives).
//! Punctuation and symbols are dropped. Every token keeps its character
//! (code point) offsets in the original text.

mod fast;
mod rules;
mod sentences;
mod words;

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

use crate::error::{Error, Result};
use crate::normalize::normalize_into;
use crate::strings::CharOffsets;
use rules::{raw_tokens, RawKind};

/// What to do with number tokens such as `2023`, `3.5` or `12,000`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberPolicy {
    Keep,
    Drop,
    /// Replace every number with [`NUMBER_PLACEHOLDER`].
    Placeholder,
}

/// The token that stands for every number under [`NumberPolicy::Placeholder`].
/// It cannot be produced from text, because `<` and `>` are dropped as punctuation.
pub const NUMBER_PLACEHOLDER: &str = "<num>";

/// Contractions of "is", "has" and "us" that end in `'s` but are no possessives.
const NOT_POSSESSIVE: [&str; 12] = [
    "it's", "that's", "he's", "she's", "there's", "here's", "what's", "who's", "where's", "let's",
    "how's", "when's",
];

/// Every tokenizer option. The defaults are tuned for English news.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenizerConfig {
    /// Case-fold tokens (Unicode lowercasing plus the folds of `ß` and `ς`).
    pub lowercase: bool,
    /// Strip a possessive `'s` (`putin's` -> `putin`).
    pub strip_possessive: bool,
    /// Split hyphenated compounds into their parts (`russia-china` -> `russia`, `china`).
    pub split_hyphens: bool,
    pub numbers: NumberPolicy,
    pub urls: bool,
    pub emails: bool,
    pub handles: bool,
    pub hashtags: bool,
    /// Snowball stemmer language (for example `"english"`), if any.
    pub stem: Option<String>,
    /// Tokens shorter than this many characters are dropped.
    pub min_length: usize,
}

impl Default for TokenizerConfig {
    fn default() -> Self {
        TokenizerConfig {
            lowercase: true,
            strip_possessive: true,
            split_hyphens: false,
            numbers: NumberPolicy::Keep,
            urls: true,
            emails: true,
            handles: true,
            hashtags: true,
            stem: None,
            min_length: 1,
        }
    }
}

impl NumberPolicy {
    pub fn name(self) -> &'static str {
        match self {
            NumberPolicy::Keep => "keep",
            NumberPolicy::Drop => "drop",
            NumberPolicy::Placeholder => "placeholder",
        }
    }

    pub fn parse(name: &str) -> Result<NumberPolicy> {
        match name {
            "keep" => Ok(NumberPolicy::Keep),
            "drop" => Ok(NumberPolicy::Drop),
            "placeholder" => Ok(NumberPolicy::Placeholder),
            other => Err(Error::InvalidArgument(format!(
                "numbers must be 'keep', 'drop' or 'placeholder', got '{other}'"
            ))),
        }
    }
}

impl TokenizerConfig {
    /// Every option as `(name, value)` text, in a fixed order: how saved
    /// counts record the tokenizer that made them. `stem` is empty for none.
    pub fn settings(&self) -> Vec<(&'static str, String)> {
        vec![
            ("lowercase", self.lowercase.to_string()),
            ("strip_possessive", self.strip_possessive.to_string()),
            ("split_hyphens", self.split_hyphens.to_string()),
            ("numbers", self.numbers.name().to_owned()),
            ("urls", self.urls.to_string()),
            ("emails", self.emails.to_string()),
            ("handles", self.handles.to_string()),
            ("hashtags", self.hashtags.to_string()),
            ("stem", self.stem.clone().unwrap_or_default()),
            ("min_length", self.min_length.to_string()),
        ]
    }

    /// The configuration [`TokenizerConfig::settings`] wrote; `value(name)`
    /// looks an option up. A missing or malformed option is an error naming it.
    pub fn from_settings(value: impl Fn(&str) -> Option<String>) -> Result<TokenizerConfig> {
        let get = |name: &str| {
            value(name).ok_or_else(|| {
                Error::InvalidArgument(format!("the tokenizer setting '{name}' is missing"))
            })
        };
        let flag = |name: &str| match get(name)?.as_str() {
            "true" => Ok(true),
            "false" => Ok(false),
            other => Err(Error::InvalidArgument(format!(
                "the tokenizer setting '{name}' must be true or false, got '{other}'"
            ))),
        };
        let stem = get("stem")?;
        let min_length = get("min_length")?;
        Ok(TokenizerConfig {
            lowercase: flag("lowercase")?,
            strip_possessive: flag("strip_possessive")?,
            split_hyphens: flag("split_hyphens")?,
            numbers: NumberPolicy::parse(&get("numbers")?)?,
            urls: flag("urls")?,
            emails: flag("emails")?,
            handles: flag("handles")?,
            hashtags: flag("hashtags")?,
            stem: (!stem.is_empty()).then_some(stem),
            min_length: min_length.parse().map_err(|_| {
                Error::InvalidArgument(format!(
                    "the tokenizer setting 'min_length' must be a whole number, got '{min_length}'"
                ))
            })?,
        })
    }

    /// The first option that differs from `other`'s, as a sentence, or None.
    pub fn difference(&self, other: &TokenizerConfig) -> Option<String> {
        self.settings()
            .into_iter()
            .zip(other.settings())
            .find(|(mine, theirs)| mine.1 != theirs.1)
            .map(|((name, mine), (_, theirs))| {
                format!("tokenizer option {name} is '{mine}' in one and '{theirs}' in the other")
            })
    }
}

/// One token: its normalised text and its character offsets in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A tokenized text: tokens in order and the token index where each sentence
/// that holds at least one token begins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokenized {
    pub tokens: Vec<Token>,
    pub sentence_starts: Vec<usize>,
}

/// A configured tokenizer. Cheap to share between threads.
pub struct Tokenizer {
    config: TokenizerConfig,
    stemmer: Option<Stemmer>,
}

impl Tokenizer {
    pub fn new(config: TokenizerConfig) -> Result<Self> {
        let stemmer = match &config.stem {
            None => None,
            Some(language) => Some(Stemmer::create(stemmer_algorithm(language)?)),
        };
        Ok(Tokenizer { config, stemmer })
    }

    pub fn config(&self) -> &TokenizerConfig {
        &self.config
    }

    /// Tokenize one text; offsets are in characters.
    pub fn tokenize(&self, text: &str) -> Tokenized {
        let mut out = Tokenized::default();
        let mut chars = CharOffsets::new(text);
        self.for_each_token(text, |term, start, end, starts_sentence| {
            if starts_sentence {
                out.sentence_starts.push(out.tokens.len());
            }
            let text = term.to_owned();
            let (start, end) = (chars.at(start), chars.at(end));
            out.tokens.push(Token { text, start, end });
        });
        out
    }

    /// Call `visit(term, start, end, starts_sentence)` for each token of `text`
    /// in order, with byte offsets. The term is lent, not given: one buffer
    /// serves every token, so tokenizing allocates nothing per token.
    pub fn for_each_token(&self, text: &str, mut visit: impl FnMut(&str, usize, usize, bool)) {
        let sentence_bytes = sentences::sentence_starts(text);
        let mut next_sentence = 0;
        let mut first = true;
        let mut buffer = String::new();
        for raw in raw_tokens(text, !self.config.split_hyphens) {
            let Some(term) = self.finish(&text[raw.start..raw.end], raw.kind, &mut buffer) else {
                continue;
            };
            // A sentence starts at the first token at or after its first byte.
            let mut starts_sentence = first;
            while next_sentence < sentence_bytes.len() && sentence_bytes[next_sentence] <= raw.start
            {
                next_sentence += 1;
                starts_sentence = true;
            }
            first = false;
            visit(term, raw.start, raw.end, starts_sentence);
        }
    }

    /// Normalise a term the way word tokens are normalised (used for stop
    /// words), without splitting it.
    pub fn normalize_term(&self, term: &str) -> String {
        let mut buffer = String::new();
        self.normalize_word(term, &mut buffer);
        buffer
    }

    /// One raw token's term, or `None` when the options drop it.
    fn finish<'b>(&self, raw: &'b str, kind: RawKind, buffer: &'b mut String) -> Option<&'b str> {
        let config = &self.config;
        let term: &str = match kind {
            RawKind::Url if !config.urls => return None,
            RawKind::Email if !config.emails => return None,
            RawKind::Handle if !config.handles => return None,
            RawKind::Hashtag if !config.hashtags => return None,
            // URL paths are case-sensitive: keep a URL as written.
            RawKind::Url => raw,
            RawKind::Number if config.numbers == NumberPolicy::Drop => return None,
            RawKind::Number if config.numbers == NumberPolicy::Placeholder => NUMBER_PLACEHOLDER,
            RawKind::Number | RawKind::Email | RawKind::Handle | RawKind::Hashtag => {
                normalize_into(raw, config.lowercase, buffer);
                buffer
            }
            // Most words of English text are normalised as written: no copy.
            RawKind::Word if self.is_normal(raw) => raw,
            RawKind::Word => {
                self.normalize_word(raw, buffer);
                buffer
            }
        };
        let too_short = config.min_length > 1 && term.chars().count() < config.min_length;
        (!term.is_empty() && !too_short).then_some(term)
    }

    /// Whether the word `raw` is its own normal form: ASCII, without capitals
    /// to fold (when folding) or a backtick, and neither stemmed nor possessive.
    fn is_normal(&self, raw: &str) -> bool {
        let lowercase = self.config.lowercase;
        self.stemmer.is_none()
            && raw
                .bytes()
                .all(|b| b.is_ascii() && b != b'`' && !(lowercase && b.is_ascii_uppercase()))
            && !(self.config.strip_possessive && is_possessive(raw))
    }

    /// Normalise, strip a possessive and stem, as the options say, into `buffer`.
    fn normalize_word(&self, raw: &str, buffer: &mut String) {
        normalize_into(raw, self.config.lowercase, buffer);
        if self.config.strip_possessive && is_possessive(buffer) {
            buffer.truncate(buffer.len() - 2);
        }
        if let Some(stemmer) = &self.stemmer {
            let stemmed = match stemmer.stem(buffer) {
                Cow::Owned(stem) => Some(stem),
                Cow::Borrowed(_) => None,
            };
            if let Some(stem) = stemmed {
                *buffer = stem;
            }
        }
    }
}

fn is_possessive(term: &str) -> bool {
    term.len() > 2
        && (term.ends_with("'s") || term.ends_with("'S"))
        && !NOT_POSSESSIVE.contains(&term.to_lowercase().as_str())
}

/// The Snowball algorithms rust-stemmers offers, by lower-case language name.
pub const STEMMER_LANGUAGES: [&str; 18] = [
    "arabic",
    "danish",
    "dutch",
    "english",
    "finnish",
    "french",
    "german",
    "greek",
    "hungarian",
    "italian",
    "norwegian",
    "portuguese",
    "romanian",
    "russian",
    "spanish",
    "swedish",
    "tamil",
    "turkish",
];

fn stemmer_algorithm(language: &str) -> Result<Algorithm> {
    Ok(match language {
        "arabic" => Algorithm::Arabic,
        "danish" => Algorithm::Danish,
        "dutch" => Algorithm::Dutch,
        "english" => Algorithm::English,
        "finnish" => Algorithm::Finnish,
        "french" => Algorithm::French,
        "german" => Algorithm::German,
        "greek" => Algorithm::Greek,
        "hungarian" => Algorithm::Hungarian,
        "italian" => Algorithm::Italian,
        "norwegian" => Algorithm::Norwegian,
        "portuguese" => Algorithm::Portuguese,
        "romanian" => Algorithm::Romanian,
        "russian" => Algorithm::Russian,
        "spanish" => Algorithm::Spanish,
        "swedish" => Algorithm::Swedish,
        "tamil" => Algorithm::Tamil,
        "turkish" => Algorithm::Turkish,
        other => {
            return Err(Error::InvalidArgument(format!(
                "unknown stemmer language '{other}'; choose one of {}",
                STEMMER_LANGUAGES.join(", ")
            )))
        }
    })
}

#[cfg(test)]
mod conformance;
#[cfg(test)]
mod tests;
