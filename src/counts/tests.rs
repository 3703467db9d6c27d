use std::sync::atomic::AtomicBool;

use super::format::{decode, encode};
use super::*;
use crate::testing::corpus;

const TEXTS: [&str; 5] = [
    "Xi met Putin. Putin met Xi in Moscow.",
    "The pipeline deal: Power of Siberia.",
    "Putin's visit, Xi's visit.",
    "",
    "Moscow and Beijing signed the deal. The deal holds.",
];

fn labels(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn count(texts: &[&str], groups: &[u32], names: &[&str], max_n: usize) -> Counts {
    let c = corpus(texts);
    Counts::from_corpus(
        &c,
        groups,
        &labels(names),
        TokenizerConfig::default(),
        max_n,
        "[\"source\"]",
        &AtomicBool::new(false),
    )
    .unwrap()
}

fn tally(counts: &Counts, label: &str, words: &[&str]) -> Option<Tally> {
    let group = &counts.groups()[counts.group_index(label)?];
    let mut key = [u32::MAX; MAX_N];
    for (slot, word) in key.iter_mut().zip(words) {
        *slot = counts.words().id(word)?;
    }
    group.ngrams.get(&key).copied()
}

#[test]
fn counts_by_hand() {
    // Group A: "b a b. a" (doc 0) and "a c" (doc 2); group B: "c c" (doc 1).
    let counts = count(&["b a b. A", "c c", "a c"], &[0, 1, 0], &["A", "B"], 2);
    let a = &counts.groups()[counts.group_index("A").unwrap()];
    assert_eq!(a.documents, 2);
    assert_eq!(a.positions[1], 6);
    // Bigram positions: "b a b" 2, "a" 0, "a c" 1.
    assert_eq!(a.positions[2], 3);
    assert_eq!(
        tally(&counts, "A", &["a"]),
        Some(Tally { count: 3, docs: 2 })
    );
    assert_eq!(
        tally(&counts, "A", &["b", "a"]),
        Some(Tally { count: 1, docs: 1 })
    );
    // No bigram crosses the sentence end: "b a" is not followed by "b a".
    assert_eq!(tally(&counts, "A", &["b", "a"]).unwrap().count, 1);
    assert_eq!(
        tally(&counts, "B", &["c", "c"]),
        Some(Tally { count: 1, docs: 1 })
    );
    assert_eq!(tally(&counts, "B", &["a"]), None);
}

#[test]
fn merging_parts_equals_counting_the_whole_in_any_order() {
    let groups = [0, 1, 0, 1, 0];
    let whole = count(&TEXTS, &groups, &["A", "B"], 3);
    let first = count(&TEXTS[..2], &groups[..2], &["A", "B"], 3);
    // The second part names its groups the other way round, and one is absent.
    let second = count(&TEXTS[2..], &[1, 0, 1], &["B", "A"], 3);
    let cancel = AtomicBool::new(false);
    let mut forward = first.clone();
    forward.merge(&second, &cancel).unwrap();
    let mut backward = second.clone();
    backward.merge(&first, &cancel).unwrap();
    assert!(forward == whole);
    assert!(backward == whole);
    assert_eq!(encode(&backward), encode(&whole));
    // One text at a time, through count_texts.
    let mut streamed = Counts::new(TokenizerConfig::default(), 3, "[\"source\"]").unwrap();
    for (text, &g) in TEXTS.iter().zip(&groups) {
        let names = labels(&["A", "B"]);
        streamed
            .count_texts(&[*text], &[g], &names, &cancel)
            .unwrap();
    }
    assert!(streamed == whole);
}

#[test]
fn unequal_counts_are_unequal() {
    let a = count(&TEXTS, &[0, 1, 0, 1, 0], &["A", "B"], 2);
    let b = count(&TEXTS, &[0, 1, 0, 1, 1], &["A", "B"], 2);
    let c = count(&TEXTS, &[0, 1, 0, 1, 0], &["A", "C"], 2);
    assert!(a != b);
    assert!(a != c);
}

#[test]
fn merging_different_settings_names_the_difference() {
    let a = count(&TEXTS, &[0; 5], &["A"], 2);
    let cancel = AtomicBool::new(false);
    let longer = count(&TEXTS, &[0; 5], &["A"], 3);
    let error = a.clone().merge(&longer, &cancel).unwrap_err().to_string();
    assert!(error.contains("up to n=2 in one and n=3"), "{error}");
    let config = TokenizerConfig {
        lowercase: false,
        ..TokenizerConfig::default()
    };
    let cased = Counts::new(config, 2, "[\"source\"]").unwrap();
    let error = a.clone().merge(&cased, &cancel).unwrap_err().to_string();
    assert!(
        error.contains("lowercase is 'true' in one and 'false'"),
        "{error}"
    );
    let other = Counts::new(TokenizerConfig::default(), 2, "[\"outlet\"]").unwrap();
    let error = a.clone().merge(&other, &cancel).unwrap_err().to_string();
    assert!(error.contains("grouped by [\"source\"]"), "{error}");
}

#[test]
fn encoding_round_trips() {
    let config = TokenizerConfig {
        stem: Some("english".into()),
        min_length: 2,
        ..TokenizerConfig::default()
    };
    let c = corpus(&TEXTS);
    let names = labels(&["Ä \"quoted\"", "B"]);
    let counts = Counts::from_corpus(
        &c,
        &[0, 1, 0, 1, 0],
        &names,
        config.clone(),
        4,
        "[\"x\"]",
        &AtomicBool::new(false),
    )
    .unwrap();
    let bytes = encode(&counts);
    let back = decode(&bytes).unwrap();
    assert!(back == counts);
    assert_eq!(back.config(), &config);
    assert_eq!(back.max_n(), 4);
    assert_eq!(back.grouping(), "[\"x\"]");
    assert_eq!(encode(&back), bytes);
}

#[test]
fn every_truncation_and_every_flipped_byte_is_an_error() {
    let counts = count(&TEXTS[..3], &[0, 1, 0], &["A", "B"], 2);
    let bytes = encode(&counts);
    for end in 0..bytes.len() {
        let error = decode(&bytes[..end]).unwrap_err();
        assert!(matches!(error, Error::Format { .. }), "{end}: {error}");
    }
    for at in 0..bytes.len() {
        let mut bad = bytes.clone();
        bad[at] ^= 0x10;
        assert!(decode(&bad).is_err(), "flipping byte {at} went unnoticed");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(decode(&longer)
        .unwrap_err()
        .to_string()
        .contains("follow the end"));
}

#[test]
fn a_newer_version_says_so() {
    let mut bytes = encode(&count(&TEXTS[..1], &[0], &["A"], 1));
    bytes[16..20].copy_from_slice(&2u32.to_le_bytes());
    let error = decode(&bytes).unwrap_err().to_string();
    assert!(
        error.contains("format version 2") && error.contains("newer"),
        "{error}"
    );
    assert!(decode(b"PK\x03\x04 not counts at all")
        .unwrap_err()
        .to_string()
        .contains("not a corpuscle counts file"));
}

#[test]
fn a_label_given_twice_is_an_error() {
    let c = corpus(&TEXTS[..2]);
    let error = Counts::from_corpus(
        &c,
        &[0, 1],
        &labels(&["A", "A"]),
        TokenizerConfig::default(),
        1,
        "",
        &AtomicBool::new(false),
    )
    .unwrap_err();
    assert!(error.to_string().contains("given twice"));
}
