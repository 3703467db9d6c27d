use super::*;

fn terms(text: &str) -> Vec<String> {
    terms_with(TokenizerConfig::default(), text)
}

fn terms_with(config: TokenizerConfig, text: &str) -> Vec<String> {
    let tokenizer = Tokenizer::new(config).unwrap();
    tokenizer
        .tokenize(text)
        .tokens
        .into_iter()
        .map(|t| t.text)
        .collect()
}

#[test]
fn curly_and_straight_possessives_are_one_term() {
    assert_eq!(
        terms("Xi’s visit. Xi's visit. Putin’s"),
        ["xi", "visit", "xi", "visit", "putin"]
    );
}

#[test]
fn possessive_can_be_kept_and_contractions_stay() {
    let keep = TokenizerConfig {
        strip_possessive: false,
        ..Default::default()
    };
    assert_eq!(terms_with(keep, "Putin’s"), ["putin's"]);
    assert_eq!(terms("It's Russia's"), ["it's", "russia"]);
}

#[test]
fn hyphenated_compounds_stay_whole_or_split() {
    let text = "Russia-China ties, a well-established 12-point plan at Vnukovo-2";
    assert_eq!(
        terms(text),
        [
            "russia-china",
            "ties",
            "a",
            "well-established",
            "12-point",
            "plan",
            "at",
            "vnukovo-2"
        ]
    );
    let split = TokenizerConfig {
        split_hyphens: true,
        ..Default::default()
    };
    assert_eq!(
        terms_with(split, "Russia-China well-established"),
        ["russia", "china", "well", "established"]
    );
}

#[test]
fn dashes_separate_words() {
    assert_eq!(terms("peace—or war – now"), ["peace", "or", "war", "now"]);
}

#[test]
fn abbreviations_and_decimals() {
    assert_eq!(
        terms("The U.S. and U.N. grew 3.5 percent, to 12,000."),
        ["the", "u.s.", "and", "u.n.", "grew", "3.5", "percent", "to", "12,000"]
    );
}

#[test]
fn number_policies() {
    let drop = TokenizerConfig {
        numbers: NumberPolicy::Drop,
        ..Default::default()
    };
    assert_eq!(terms_with(drop, "In 2023, 3.5 million"), ["in", "million"]);
    let placeholder = TokenizerConfig {
        numbers: NumberPolicy::Placeholder,
        ..Default::default()
    };
    assert_eq!(terms_with(placeholder, "In 2023"), ["in", "<num>"]);
}

#[test]
fn urls_emails_handles_hashtags() {
    let text = "See https://example.com/a_b?x=1. Mail press@kremlin.ru, ping @KyivPost's #StandWithUkraine (www.usip.org)";
    assert_eq!(
        terms(text),
        [
            "see",
            "https://example.com/a_b?x=1",
            "mail",
            "press@kremlin.ru",
            "ping",
            "@kyivpost",
            "#standwithukraine",
            "www.usip.org"
        ]
    );
    let none = TokenizerConfig {
        urls: false,
        emails: false,
        handles: false,
        hashtags: false,
        ..Default::default()
    };
    assert_eq!(terms_with(none, text), ["see", "mail", "ping"]);
}

#[test]
fn a_bare_url_prefix_is_not_a_url() {
    assert_eq!(terms("https:// www."), ["https", "www"]);
    assert_eq!(terms("HTTPS://X.ORG"), ["HTTPS://X.ORG"]);
}

#[test]
fn punctuation_and_symbols_are_dropped() {
    assert_eq!(
        terms("“Hello,” she said — $5 & 10% … 🙂!"),
        ["hello", "she", "said", "5", "10"]
    );
}

#[test]
fn offsets_are_characters_in_the_original_text() {
    let text = "«Xi’s» café";
    let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
    let tokens = tokenizer.tokenize(text).tokens;
    let chars: Vec<char> = text.chars().collect();
    let spans: Vec<String> = tokens
        .iter()
        .map(|t| chars[t.start..t.end].iter().collect())
        .collect();
    assert_eq!(spans, ["Xi’s", "café"]);
    assert_eq!((tokens[0].start, tokens[0].end), (1, 5));
}

#[test]
fn sentences_start_where_uax29_says() {
    let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
    let out = tokenizer.tokenize("Xi met Putin. They talked! The U.S. officials said so.");
    // "U.S. officials" continues the sentence because a lower-case word follows (rule SB8).
    assert_eq!(out.sentence_starts, vec![0, 3, 5]);
}

#[test]
fn stemming_and_min_length() {
    let stem = TokenizerConfig {
        stem: Some("english".into()),
        ..Default::default()
    };
    assert_eq!(terms_with(stem, "running talks"), ["run", "talk"]);
    let min = TokenizerConfig {
        min_length: 3,
        ..Default::default()
    };
    assert_eq!(terms_with(min, "Xi and Putin"), ["and", "putin"]);
    assert!(Tokenizer::new(TokenizerConfig {
        stem: Some("klingon".into()),
        ..Default::default()
    })
    .is_err());
}

#[test]
fn empty_and_whitespace_texts_have_no_tokens() {
    assert_eq!(terms(""), Vec::<String>::new());
    assert_eq!(terms(" \n\t "), Vec::<String>::new());
}

/// Characters that stress every rule: scripts, combining marks, joiners, quotes,
/// dashes, URL and handle signs, digits, separators, line ends.
const STRESS: &[&str] = &[
    "a",
    "Z",
    "é",
    "e\u{301}",
    "ß",
    "Σ",
    "ς",
    "я",
    "ب",
    "א",
    "中",
    "日本",
    "ｘ",
    "ﬁ",
    "1",
    "٣",
    "½",
    " ",
    "\n",
    "\r\n",
    "\t",
    "\u{a0}",
    "\u{2028}",
    ".",
    ",",
    "!",
    "?",
    ";",
    ":",
    "'",
    "’",
    "‘",
    "ʼ",
    "\"",
    "“",
    "-",
    "‐",
    "–",
    "—",
    "_",
    "@",
    "#",
    "/",
    "(",
    ")",
    "http://",
    "https://",
    "www.",
    "x@y.z",
    "\u{200d}",
    "👩\u{200d}💻",
    "🙂",
    "\u{feff}",
    "\u{0}",
    "'s",
    "U.S.",
    "3.5",
    "12,000",
];

/// A small deterministic generator, so the test needs no extra crate.
fn pseudo_random_texts(count: usize) -> Vec<String> {
    let mut next = crate::testing::xorshift(0x9E37_79B9_7F4A_7C15);
    (0..count)
        .map(|_| {
            let length = (next() % 40) as usize;
            (0..length)
                .map(|_| STRESS[(next() % STRESS.len() as u64) as usize])
                .collect()
        })
        .collect()
}

#[test]
fn any_text_gives_valid_offsets_and_sentences() {
    for config in [
        TokenizerConfig::default(),
        TokenizerConfig {
            split_hyphens: true,
            strip_possessive: false,
            ..Default::default()
        },
        TokenizerConfig {
            lowercase: false,
            numbers: NumberPolicy::Placeholder,
            stem: Some("english".into()),
            ..Default::default()
        },
    ] {
        let tokenizer = Tokenizer::new(config).unwrap();
        for text in pseudo_random_texts(3000) {
            let n_chars = text.chars().count();
            let out = tokenizer.tokenize(&text);
            let mut previous_end = 0;
            for token in &out.tokens {
                assert!(!token.text.is_empty(), "{text:?}");
                assert!(
                    token.start < token.end && token.end <= n_chars,
                    "{text:?}: {token:?}"
                );
                assert!(
                    token.start >= previous_end,
                    "{text:?}: overlapping {token:?}"
                );
                previous_end = token.end;
            }
            if out.tokens.is_empty() {
                assert!(out.sentence_starts.is_empty());
            } else {
                assert_eq!(out.sentence_starts[0], 0, "{text:?}");
                assert!(
                    out.sentence_starts.windows(2).all(|w| w[0] < w[1]),
                    "{text:?}"
                );
                assert!(*out.sentence_starts.last().unwrap() < out.tokens.len());
            }
        }
    }
}
