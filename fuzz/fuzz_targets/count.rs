//! Counting any documents: totals add up, counting two parts and merging
//! them equals counting the whole, and counts survive saving and loading.
#![no_main]

use arbitrary::Arbitrary;
use corpuscle::counts::format::{decode, encode};
use corpuscle::counts::Counts;
use corpuscle::parallel::Control;
use corpuscle::{Corpus, Tokenizer, TokenizerConfig};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    documents: Vec<(String, u8)>,
    split: u8,
    max_n: u8,
}

const LABELS: [&str; 3] = ["\"a\"", "\"b\"", "\"c\""];

fn count(texts: &[&str], groups: &[u32], max_n: usize) -> Counts {
    let config = TokenizerConfig::default();
    let tokenizer = Tokenizer::new(config.clone()).unwrap();
    let control = Control::default();
    let corpus = Corpus::build(texts, &tokenizer, &control).unwrap();
    let labels: Vec<String> = LABELS.iter().map(|l| l.to_string()).collect();
    Counts::from_corpus(&corpus, groups, &labels, config, max_n, "source", &control).unwrap()
}

fuzz_target!(|input: Input| {
    let documents = &input.documents[..input.documents.len().min(16)];
    let texts: Vec<&str> = documents.iter().map(|(text, _)| text.as_str()).collect();
    let groups: Vec<u32> = documents.iter().map(|(_, g)| u32::from(g % 3)).collect();
    let max_n = usize::from(input.max_n % 3) + 1;
    let whole = count(&texts, &groups, max_n);

    for group in whole.groups() {
        for n in 1..=max_n {
            let total: u64 = group.of_length(n).map(|(_, tally)| tally.count).sum();
            assert_eq!(total, group.positions[n], "group {} n={n}", group.label);
            assert!(group
                .of_length(n)
                .all(|(_, t)| 1 <= t.docs && t.docs <= t.count));
            assert!(group.of_length(n).all(|(_, t)| t.docs <= group.documents));
        }
    }

    let split = usize::from(input.split) % (texts.len() + 1);
    let mut parts = count(&texts[..split], &groups[..split], max_n);
    let second = count(&texts[split..], &groups[split..], max_n);
    parts.merge(&second, &Control::default()).unwrap();
    assert!(parts == whole, "merged parts differ from the whole");

    let loaded = decode(&encode(&whole)).unwrap();
    assert!(loaded == whole, "saving and loading changed the counts");
});
