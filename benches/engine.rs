//! Micro-benchmarks of the engine's stages, without Python: tokenizing,
//! building a corpus (tokenize + intern), and counting n-grams.
//!
//!     cargo bench --bench engine
//!
//! The text is generated here (a fixed pseudo-random Zipf-like stream of
//! made-up words in sentences and paragraphs, about 4 MB), so the numbers do
//! not depend on any file. `benchmarks/` measures the whole path from Python.

use corpuscle::corpus::Corpus;
use corpuscle::count::count_ngrams;
use corpuscle::parallel::{run, Control};
use corpuscle::tokenize::{Tokenizer, TokenizerConfig};
use divan::counter::BytesCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

/// A xorshift generator: the same texts on every machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A rank from 0 with probability roughly proportional to 1 / (rank + 1).
    fn zipf(&mut self, types: u64) -> u64 {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((types as f64).powf(u) - 1.0) as u64
    }
}

fn word(rank: u64) -> String {
    const SYLLABLES: [&str; 16] = [
        "ta", "ren", "o", "mis", "ka", "lu", "ber", "in", "sto", "vel", "a", "dor", "pe", "chi",
        "n", "gra",
    ];
    let mut rank = rank + 1;
    let mut out = String::new();
    while rank > 0 {
        out.push_str(SYLLABLES[(rank % 16) as usize]);
        rank /= 16;
    }
    out
}

fn texts() -> Vec<String> {
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let vocabulary: Vec<String> = (0..100_000).map(word).collect();
    (0..1500)
        .map(|_| {
            let mut text = String::new();
            for paragraph in 0..8 {
                if paragraph > 0 {
                    text.push_str("\n\n");
                }
                for _ in 0..4 {
                    let length = 6 + random.next() % 20;
                    for i in 0..length {
                        let w = &vocabulary[random.zipf(100_000) as usize];
                        if i == 0 {
                            text.push_str(&w[..1].to_uppercase());
                            text.push_str(&w[1..]);
                        } else {
                            text.push(' ');
                            text.push_str(w);
                        }
                        if random.next() % 12 == 0 {
                            text.push(',');
                        }
                    }
                    text.push_str(". ");
                }
            }
            text
        })
        .collect()
}

fn bytes(texts: &[String]) -> BytesCount {
    BytesCount::new(texts.iter().map(String::len).sum::<usize>())
}

#[divan::bench(sample_count = 10)]
fn tokenize(bencher: Bencher) {
    let texts = texts();
    let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
    bencher.counter(bytes(&texts)).bench(|| {
        let mut tokens = 0usize;
        for text in &texts {
            tokenizer.for_each_token(text, |term, _, _, _| tokens += term.len());
        }
        black_box(tokens)
    });
}

#[divan::bench(sample_count = 10, args = [1, 2])]
fn build(bencher: Bencher, threads: usize) {
    let texts = texts();
    let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
    let control = Control::default();
    bencher
        .counter(bytes(&texts))
        .bench(|| run(threads, || Corpus::build(&texts, &tokenizer, &control)).unwrap());
}

#[divan::bench(sample_count = 10, args = [(1, 1), (1, 2), (2, 1), (2, 2)])]
fn count(bencher: Bencher, (n, threads): (usize, usize)) {
    let texts = texts();
    let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
    let control = Control::default();
    let corpus = Corpus::build(&texts, &tokenizer, &control).unwrap();
    let docs: Vec<usize> = (0..corpus.n_docs()).collect();
    bencher
        .counter(bytes(&texts))
        .bench(|| run(threads, || count_ngrams(&corpus, &docs, n, None, &control)).unwrap());
}

#[divan::bench(sample_count = 10, args = [1, 2])]
fn frequencies_by_group(bencher: Bencher, n: usize) {
    use corpuscle::score::frequency::{frequencies, FrequencyOptions};
    let texts = texts();
    let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
    let control = Control::default();
    let corpus = Corpus::build(&texts, &tokenizer, &control).unwrap();
    let groups: Vec<u32> = (0..corpus.n_docs() as u32).map(|d| d % 8).collect();
    let options = FrequencyOptions {
        n: vec![n],
        min_count: 1,
        top: None,
        stop: None,
    };
    bencher
        .counter(bytes(&texts))
        .bench(|| run(2, || frequencies(&corpus, &groups, 8, &options, &control)).unwrap());
}
