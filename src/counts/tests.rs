use crate::parallel::Control;

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
        &Control::default(),
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
    let control = Control::default();
    let mut forward = first.clone();
    forward.merge(&second, &control).unwrap();
    let mut backward = second.clone();
    backward.merge(&first, &control).unwrap();
    assert!(forward == whole);
    assert!(backward == whole);
    assert_eq!(encode(&backward), encode(&whole));
    // One text at a time, through count_texts.
    let mut streamed = Counts::new(TokenizerConfig::default(), 3, "[\"source\"]").unwrap();
    for (text, &g) in TEXTS.iter().zip(&groups) {
        let names = labels(&["A", "B"]);
        streamed
            .count_texts(&[*text], &[g], &names, &control)
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
    let control = Control::default();
    let longer = count(&TEXTS, &[0; 5], &["A"], 3);
    let error = a.clone().merge(&longer, &control).unwrap_err().to_string();
    assert!(error.contains("up to n=2 in one and n=3"), "{error}");
    let config = TokenizerConfig {
        lowercase: false,
        ..TokenizerConfig::default()
    };
    let cased = Counts::new(config, 2, "[\"source\"]").unwrap();
    let error = a.clone().merge(&cased, &control).unwrap_err().to_string();
    assert!(
        error.contains("lowercase is 'true' in one and 'false'"),
        "{error}"
    );
    let mut other = Counts::new(TokenizerConfig::default(), 2, "[\"outlet\"]").unwrap();
    let names = labels(&["A"]);
    other.count_texts(&["x"], &[0], &names, &control).unwrap();
    let error = a.clone().merge(&other, &control).unwrap_err().to_string();
    assert!(error.contains("grouped by [\"source\"]"), "{error}");
    // Empty counts take the grouping of what they meet, either way round.
    let empty = Counts::new(TokenizerConfig::default(), 2, "[]").unwrap();
    let mut sum = empty.clone();
    sum.merge(&a, &control).unwrap();
    assert!(sum == a);
    let mut sum = a.clone();
    sum.merge(&empty, &control).unwrap();
    assert!(sum == a);
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
        &Control::default(),
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

/// `counts` with every count, document and position multiplied by `factor`.
fn scaled(mut counts: Counts, factor: u64) -> Counts {
    for group in &mut counts.groups {
        group.documents *= factor;
        group.positions.iter_mut().for_each(|p| *p *= factor);
        for tally in group.ngrams.values_mut() {
            tally.count *= factor;
            tally.docs *= factor;
        }
    }
    counts
}

#[test]
fn counts_never_pass_the_largest_signed_count() {
    // Three tokens x 2^61 fit in i64 in one group; doubled, or in two groups, they do not.
    let one = scaled(count(&["a b a"], &[0], &["X"], 2), 1 << 61);
    let mut sum = one.clone();
    let error = sum.merge(&one, &Control::default()).unwrap_err();
    assert!(matches!(error, Error::Overflow(_)), "{error}");
    assert!(error.to_string().contains("at group X"), "{error}");
    let two = scaled(count(&["a b a", "b a b"], &[0, 1], &["X", "Y"], 2), 1 << 61);
    let error = decode(&encode(&two)).unwrap_err();
    assert!(matches!(error, Error::Format { .. }), "{error}");
    assert!(
        error.to_string().contains("summed over the groups"),
        "{error}"
    );
    assert!(error.to_string().contains("at group Y"), "{error}");
    assert!(decode(&encode(&one)).is_ok());
}

#[test]
fn a_newer_version_says_so() {
    let mut bytes = encode(&count(&TEXTS[..1], &[0], &["A"], 1));
    bytes[16..20].copy_from_slice(&3u32.to_le_bytes());
    let error = decode(&bytes).unwrap_err().to_string();
    assert!(
        error.contains("format version 3") && error.contains("newer"),
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
        &Control::default(),
    )
    .unwrap_err();
    assert!(error.to_string().contains("given twice"));
}

mod scores {
    //! Scores from counts equal the corpus' own, column for column.

    use super::*;
    use crate::count::StopSet;
    use crate::score::association::Measure;
    use crate::score::collocations::{collocations, counted_collocations, CollocationOptions};
    use crate::score::frequency::{counted_frequencies, frequencies, FrequencyOptions};
    use crate::score::keyness::{contrast, counted_contrast, KeynessMeasure, KeynessOptions, Test};
    use crate::stats::Correction;

    const NEWS: [&str; 8] = [
        "Xi met Putin in Moscow. The two leaders signed a deal on gas. Putin praised Xi.",
        "The Power of Siberia pipeline carries gas to China. Gas prices fell.",
        "Putin and Xi met again. The deal on gas was signed in Moscow. Xi praised Putin.",
        "Moscow hosted the summit. The summit ended with a deal. Gas, gas and more gas.",
        "Critics said the deal helps Moscow more than Beijing. Beijing said nothing.",
        "The summit in Moscow: Xi met Putin, Putin met Xi. The two leaders smiled.",
        "Power of Siberia 2 is not signed. The pipeline deal is not done.",
        "Xi left Moscow. Putin stayed. The deal on gas stays secret.",
    ];
    const GROUPS: [u32; 8] = [0, 1, 0, 2, 1, 2, 1, 0];

    fn setup() -> (Corpus, Counts) {
        let c = corpus(&NEWS);
        let counts = Counts::from_corpus(
            &c,
            &GROUPS,
            &labels(&["A", "B", "C"]),
            TokenizerConfig::default(),
            3,
            "",
            &Control::default(),
        )
        .unwrap();
        // Count in a different order of words and groups: the parts reversed, merged.
        let control = Control::default();
        let mut merged = Counts::new(TokenizerConfig::default(), 3, "").unwrap();
        for d in (0..NEWS.len()).rev() {
            let names = labels(&["C", "B", "A"]);
            let g = 2 - GROUPS[d];
            merged
                .count_texts(&[NEWS[d]], &[g], &names, &control)
                .unwrap();
        }
        assert!(merged == counts);
        (c, merged)
    }

    fn order(counts: &Counts) -> Vec<usize> {
        ["A", "B", "C"]
            .iter()
            .map(|l| counts.group_index(l).unwrap())
            .collect()
    }

    fn stop_words(words: &crate::vocab::Vocab) -> StopSet {
        let ids = ["the", "in", "a", "on", "and", "of"]
            .iter()
            .filter_map(|w| words.id(w));
        StopSet::new(words.len(), ids)
    }

    #[test]
    fn frequencies_equal_the_corpus_frequencies() {
        let (c, counts) = setup();
        for n in [vec![1], vec![2], vec![1, 3]] {
            for with_stop in [false, true] {
                let corpus_stop = stop_words(c.vocab());
                let counts_stop = stop_words(counts.words());
                let options = |stop| FrequencyOptions {
                    n: n.clone(),
                    min_count: 1,
                    top: None,
                    stop,
                };
                let expected = frequencies(
                    &c,
                    &GROUPS,
                    3,
                    &options(with_stop.then_some(&corpus_stop)),
                    &Control::default(),
                )
                .unwrap();
                let mut got = counted_frequencies(
                    &counts,
                    &order(&counts),
                    &options(with_stop.then_some(&counts_stop)),
                )
                .unwrap();
                // The group column holds indices into the counts' groups.
                let code: Vec<u32> = order(&counts).iter().map(|&g| g as u32).collect();
                for g in &mut got.group {
                    *g = code.iter().position(|c| c == g).unwrap() as u32;
                }
                assert_eq!(got, expected, "n={n:?} stop={with_stop}");
            }
        }
    }

    #[test]
    fn collocations_equal_the_corpus_collocations() {
        let (c, counts) = setup();
        for size in [2, 3] {
            let options = |stop| CollocationOptions {
                size,
                min_count: 1,
                measures: Measure::ALL.to_vec(),
                sort: Measure::Llr,
                stop,
                top: None,
            };
            let corpus_stop = stop_words(c.vocab());
            let counts_stop = stop_words(counts.words());
            let expected = collocations(
                &c,
                &GROUPS,
                3,
                &options(Some(&corpus_stop)),
                &Control::default(),
            )
            .unwrap();
            let got = counted_collocations(
                &counts,
                &order(&counts),
                &options(Some(&counts_stop)),
                &Control::default(),
            )
            .unwrap();
            assert!(!expected.ngram.is_empty());
            assert_eq!(got.ngram, expected.ngram, "size {size}");
            assert_eq!(got.count, expected.count);
            assert_eq!(got.expected, expected.expected);
            // Scores are computed from the same integers by the same code.
            assert_eq!(
                format!("{:?}", got.scores),
                format!("{:?}", expected.scores)
            );
        }
    }

    #[test]
    fn contrast_equals_the_corpus_contrast() {
        let (c, counts) = setup();
        let docs = |g: u32| -> Vec<usize> { (0..8).filter(|&d| GROUPS[d] == g).collect() };
        let rest = |g: u32| -> Vec<usize> { (0..8).filter(|&d| GROUPS[d] != g).collect() };
        let doc_comparisons: Vec<(Vec<usize>, Vec<usize>)> =
            (0..3).map(|g| (docs(g), rest(g))).collect();
        let index = order(&counts);
        let group_comparisons: Vec<(Vec<usize>, Vec<usize>)> = (0..3)
            .map(|g| {
                let others = (0..3).filter(|&h| h != g).map(|h| index[h]).collect();
                (vec![index[g]], others)
            })
            .collect();
        for measure in KeynessMeasure::ALL {
            for (n, top) in [(vec![1], None), (vec![1, 2], Some(3))] {
                let corpus_stop = stop_words(c.vocab());
                let counts_stop = stop_words(counts.words());
                let options = |stop| KeynessOptions {
                    n: n.clone(),
                    min_count: 2,
                    measure,
                    yates: false,
                    smoothing: 1.0,
                    prior_scale: 0.5,
                    alpha: 0.05,
                    test: Test::Bag,
                    correction: Correction::Holm,
                    stop,
                    top,
                    target_only: true,
                };
                let mut expected = contrast(
                    &c,
                    &doc_comparisons,
                    &options(Some(&corpus_stop)),
                    &Control::default(),
                )
                .unwrap();
                let got = counted_contrast(
                    &counts,
                    &group_comparisons,
                    &options(Some(&counts_stop)),
                    &Control::default(),
                )
                .unwrap();
                assert!(got.dp.iter().all(|dp| dp.is_nan()));
                expected.dp = got.dp.clone();
                assert_eq!(
                    format!("{got:?}"),
                    format!("{expected:?}"),
                    "{measure:?} n={n:?}"
                );
            }
        }
        let mut wilcoxon = KeynessOptions {
            n: vec![1],
            min_count: 1,
            measure: KeynessMeasure::Llr,
            yates: false,
            smoothing: 1.0,
            prior_scale: 0.5,
            alpha: 0.05,
            test: Test::Wilcoxon,
            correction: Correction::None,
            stop: None,
            top: None,
            target_only: false,
        };
        let error = counted_contrast(&counts, &group_comparisons, &wilcoxon, &Control::default());
        assert!(error
            .unwrap_err()
            .to_string()
            .contains("need the documents"));
        wilcoxon.test = Test::Bag;
        wilcoxon.n = vec![4];
        let error = counted_contrast(&counts, &group_comparisons, &wilcoxon, &Control::default());
        assert!(error.unwrap_err().to_string().contains("up to n=3"));
    }
}

/// Words of a skewed vocabulary, drawn by a fixed linear congruential
/// generator: a few words are frequent, most are rare, as in text.
fn skewed_texts(documents: usize, words: usize, seed: u64) -> Vec<String> {
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as f64 / (1u64 << 31) as f64
    };
    (0..documents)
        .map(|_| {
            let mut text = String::new();
            for i in 0..words {
                // Inverse of a power law: word k has probability about 1/k^1.5.
                let rank = (1.0 / (1.0 - next() * 0.999)).powf(2.0) as u64;
                text.push_str(&format!("w{rank}"));
                text.push_str(if i % 9 == 8 { ". " } else { " " });
            }
            text
        })
        .collect()
}

fn approximately(counts: &Counts, limit: usize) -> Counts {
    let mut counts = counts.clone();
    counts.approximate(limit, &Control::default()).unwrap();
    counts
}

#[test]
fn a_summary_by_hand() {
    // a 5, b 3, c 2, d 1: keeping two, the third largest count (2) is
    // subtracted from every count, and c and d fall to zero.
    let exact = count(&["a a a a a b b b c c d"], &[0], &["A"], 1);
    let summary = approximately(&exact, 2);
    assert_eq!(summary.limit(), Some(2));
    assert_eq!(
        tally(&summary, "A", &["a"]),
        Some(Tally { count: 3, docs: 1 })
    );
    assert_eq!(
        tally(&summary, "A", &["b"]),
        Some(Tally { count: 1, docs: 1 })
    );
    assert_eq!(tally(&summary, "A", &["c"]), None);
    let group = &summary.groups()[0];
    assert_eq!(group.undercount[1], 2);
    assert_eq!(group.positions[1], 11);
    // Unused words are forgotten: only a and b are left.
    assert_eq!(summary.words().len(), 2);
    // Ties at the cut are dropped together: keeping one of a 2, b 2 keeps none.
    let tied = approximately(&count(&["a a b b"], &[0], &["A"], 1), 1);
    assert_eq!(tied.groups()[0].ngrams.len(), 0);
    assert_eq!(tied.groups()[0].undercount[1], 2);
    // A limit above the number of n-grams changes no count.
    let loose = approximately(&exact, 4);
    assert_eq!(
        tally(&loose, "A", &["d"]),
        Some(Tally { count: 1, docs: 1 })
    );
    assert_eq!(loose.groups()[0].undercount[1], 0);
    assert!(
        loose != exact,
        "approximate counts say they are approximate"
    );
    let error = exact.clone().approximate(0, &Control::default());
    assert!(error.unwrap_err().to_string().contains("at least one"));
}

#[test]
fn streamed_summaries_err_by_at_most_their_undercount() {
    let texts = skewed_texts(120, 60, 7);
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let groups: Vec<u32> = (0..texts.len() as u32).map(|i| i % 3).collect();
    let names = ["A", "B", "C"];
    let exact = count(&texts, &groups, &names, 3);
    let control = Control::default();
    let limit = 40;
    let mut streamed = Counts::new(TokenizerConfig::default(), 3, "[\"source\"]").unwrap();
    streamed.approximate(limit, &control).unwrap();
    for (chunk, codes) in texts.chunks(7).zip(groups.chunks(7)) {
        streamed
            .count_texts(chunk, codes, &labels(&names), &control)
            .unwrap();
    }
    let mut reduced_somewhere = false;
    for truth in exact.groups() {
        let summary = &streamed.groups()[streamed.group_index(&truth.label).unwrap()];
        assert_eq!(summary.documents, truth.documents);
        assert_eq!(summary.positions, truth.positions);
        for n in 1..=3 {
            let bound = summary.undercount[n];
            reduced_somewhere |= bound > 0;
            // The mergeable-summaries bound: at most positions / (limit + 1).
            assert!(
                bound <= summary.positions[n] / (limit as u64 + 1),
                "{n}: {bound}"
            );
            assert!(summary.of_length(n).count() <= limit);
            for (key, real) in truth.of_length(n) {
                let words: Vec<&str> = key[..n].iter().map(|&id| exact.words().term(id)).collect();
                let kept = tally(&streamed, &truth.label, &words).unwrap_or_default();
                assert!(
                    kept.count <= real.count && real.count - kept.count <= bound,
                    "{words:?}"
                );
                assert!(
                    kept.docs <= real.docs && real.docs - kept.docs <= bound,
                    "{words:?}"
                );
                assert!(kept.docs <= kept.count);
            }
        }
    }
    assert!(
        reduced_somewhere,
        "the test must make the summary drop n-grams"
    );
    // The heavy hitters are kept: the most frequent word of each group.
    for truth in exact.groups() {
        let (top, _) = truth.of_length(1).max_by_key(|(_, t)| t.count).unwrap();
        let word = exact.words().term(top[0]);
        assert!(tally(&streamed, &truth.label, &[word]).is_some(), "{word}");
    }
}

#[test]
fn approximate_counts_merge_and_round_trip() {
    let texts = skewed_texts(30, 40, 11);
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let control = Control::default();
    let a = approximately(&count(&texts[..15], &[0; 15], &["A"], 2), 30);
    let b = approximately(&count(&texts[15..], &[0; 15], &["A"], 2), 20);
    let exact = count(&texts[15..], &[0; 15], &["A"], 2);
    let mut ab = a.clone();
    ab.merge(&b, &control).unwrap();
    let mut ba = b.clone();
    ba.merge(&a, &control).unwrap();
    assert!(ab == ba, "merging summaries is commutative");
    assert_eq!(ab.limit(), Some(20), "the sum keeps the smaller limit");
    // Exact plus approximate is approximate.
    let mut mixed = exact.clone();
    mixed.merge(&a, &control).unwrap();
    assert_eq!(mixed.limit(), Some(30));
    let bytes = encode(&ab);
    let back = decode(&bytes).unwrap();
    assert!(back == ab);
    assert_eq!(back.limit(), Some(20));
    assert_eq!(back.groups()[0].undercount, ab.groups()[0].undercount);
    for end in 0..bytes.len() {
        assert!(decode(&bytes[..end]).is_err(), "{end}");
    }
}

#[test]
fn version_1_files_are_still_read() {
    // Version 1 is version 2 without the approximate header line and the undercounts.
    let counts = count(&TEXTS, &[0, 1, 0, 1, 0], &["A", "B"], 2);
    let v2 = encode(&counts);
    let mut at = 20;
    let mut v1 = v2[..16].to_vec();
    v1.extend_from_slice(&1u32.to_le_bytes());
    while at < v2.len() {
        let tag: [u8; 4] = v2[at..at + 4].try_into().unwrap();
        let length = u64::from_le_bytes(v2[at + 4..at + 12].try_into().unwrap()) as usize;
        let payload = &v2[at + 12..at + 12 + length];
        at += 12 + length + 4;
        let payload: Vec<u8> = match &tag {
            b"HEAD" => {
                let text = std::str::from_utf8(payload).unwrap();
                let lines: Vec<&str> = text
                    .lines()
                    .filter(|line| !line.starts_with("approximate="))
                    .collect();
                lines.join("\n").into_bytes()
            }
            b"GRUP" => {
                let mut out = Vec::new();
                let mut i = 0;
                while i < payload.len() {
                    let label = u32::from_le_bytes(payload[i..i + 4].try_into().unwrap()) as usize;
                    // Label, documents and two positions; then two undercounts to leave out.
                    let kept = 4 + label + 8 + 2 * 8;
                    out.extend_from_slice(&payload[i..i + kept]);
                    i += kept + 2 * 8;
                }
                out
            }
            _ => payload.to_vec(),
        };
        v1.extend_from_slice(&tag);
        v1.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        v1.extend_from_slice(&payload);
        v1.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    }
    assert!(v1.len() < v2.len());
    let back = decode(&v1).unwrap();
    assert!(back == counts);
    assert_eq!(back.limit(), None);
}
