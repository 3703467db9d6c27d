use super::*;
use crate::tokenize::{Tokenizer, TokenizerConfig};

fn corpus(texts: &[&str]) -> Corpus {
    let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
    Corpus::build(texts, &tokenizer, &AtomicBool::new(false)).unwrap()
}

fn options(measure: KeynessMeasure) -> KeynessOptions<'static> {
    KeynessOptions {
        n: vec![1],
        min_count: 1,
        measure,
        yates: false,
        smoothing: 1.0,
        prior_scale: 0.01,
        alpha: 0.05,
        test: Test::Bag,
        correction: Correction::None,
        stop: None,
        top: None,
        target_only: false,
    }
}

fn row(table: &KeynessTable, term: &str) -> usize {
    table.term.iter().position(|t| t == term).unwrap()
}

#[test]
fn llr_and_log_ratio_by_hand() {
    // Target "x x y" (N1 = 3), reference "y y y z" (N2 = 4): for x, a = 2, b = 0.
    let c = corpus(&["x x y", "y y y z"]);
    let cancel = AtomicBool::new(false);
    let table = keyness(
        &c,
        &[0],
        Reference::Documents(&[1]),
        &options(KeynessMeasure::Llr),
        &cancel,
    )
    .unwrap();
    let x = row(&table, "x");
    // Cells 2, 0, 1, 4; expected 3*2/7, 4*2/7, 3*5/7, 4*5/7.
    let g2 = 2.0
        * (2.0 * (2.0f64 / (6.0 / 7.0)).ln()
            + (1.0f64 / (15.0 / 7.0)).ln()
            + 4.0 * (4.0f64 / (20.0 / 7.0)).ln());
    assert!((table.statistic[x] - g2).abs() < 1e-12);
    assert!(table.target_direction[x]);
    // log ratio with the zero reference count taken as 0.5: log2((2/3) / (0.5/4)).
    assert!((table.log_ratio[x] - ((2.0f64 / 3.0) / (0.5 / 4.0)).log2()).abs() < 1e-12);
    let y = row(&table, "y");
    assert!(table.statistic[y] < 0.0 && !table.target_direction[y]);
    assert_eq!(table.term[0], "x");
}

#[test]
fn dispersion_by_hand() {
    // Target: "a b" and "a a c d e f" (positions 2 and 6); a occurs 1 + 2 = 3 times.
    // DP = 0.5 (|1/3 - 2/8| + |2/3 - 6/8|) = 0.5 (1/12 + 1/12) = 1/12.
    let c = corpus(&["a b", "a a c d e f", "b"]);
    let cancel = AtomicBool::new(false);
    let table = keyness(
        &c,
        &[0, 1],
        Reference::Documents(&[2]),
        &options(KeynessMeasure::LogRatio),
        &cancel,
    )
    .unwrap();
    let a = row(&table, "a");
    assert!((table.dp[a] - 1.0 / 12.0).abs() < 1e-12);
    assert_eq!(table.target_docs[a], 2);
    // b: only in the first target document: DP = 0.5 (|1 - 2/8| + 6/8) = 0.75.
    assert!((table.dp[row(&table, "b")] - 0.75).abs() < 1e-12);
}

#[test]
fn bootstrap_is_the_same_for_any_thread_count() {
    let texts: Vec<String> = (0..40)
        .map(|i| format!("w{} common w{}", i % 3, i % 7))
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let c = corpus(&refs);
    let target: Vec<usize> = (0..20).collect();
    let reference: Vec<usize> = (20..40).collect();
    let mut opts = options(KeynessMeasure::Llr);
    opts.test = Test::Bootstrap {
        samples: 200,
        seed: 7,
    };
    let cancel = AtomicBool::new(false);
    let run = |threads| {
        crate::parallel::run(threads, || {
            keyness(
                &c,
                &target,
                Reference::Documents(&reference),
                &opts,
                &cancel,
            )
        })
        .unwrap()
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert!(one.p_value.iter().all(|p| (0.0..=1.0).contains(p)));
}
