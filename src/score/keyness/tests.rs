use super::*;
use crate::testing::corpus;

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
    let control = Control::default();
    let table = keyness(
        &c,
        &[0],
        Reference::Documents(&[1]),
        &options(KeynessMeasure::Llr),
        &control,
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
    assert_eq!(table.term.get(0), "x");
}

#[test]
fn dispersion_by_hand() {
    // Target: "a b" and "a a c d e f" (positions 2 and 6); a occurs 1 + 2 = 3 times.
    // DP = 0.5 (|1/3 - 2/8| + |2/3 - 6/8|) = 0.5 (1/12 + 1/12) = 1/12.
    let c = corpus(&["a b", "a a c d e f", "b"]);
    let control = Control::default();
    let table = keyness(
        &c,
        &[0, 1],
        Reference::Documents(&[2]),
        &options(KeynessMeasure::LogRatio),
        &control,
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
    let control = Control::default();
    let run = |threads| {
        crate::parallel::run(threads, || {
            keyness(
                &c,
                &target,
                Reference::Documents(&reference),
                &opts,
                &control,
            )
        })
        .unwrap()
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert!(one.p_value.iter().all(|p| (0.0..=1.0).contains(p)));
}

/// The rows of one comparison as (term, a, b, target_docs, dp, statistic).
fn rows_of(table: &KeynessTable, comparison: u32) -> Vec<(String, u64, u64, u64, f64, f64)> {
    (0..table.term.len())
        .filter(|&i| table.comparison[i] == comparison)
        .map(|i| {
            (
                table.term.get(i).to_owned(),
                table.target_count[i],
                table.reference_count[i],
                table.target_docs[i],
                table.dp[i],
                table.statistic[i],
            )
        })
        .collect()
}

#[test]
fn contrast_rows_are_those_of_each_comparison_alone() {
    // Comparison 0's target (documents 0, 1) spans two blocks (document 1 is
    // in comparison 1's reference, document 0 in its target), so its
    // dispersion is computed from the documents; alone, it is one block.
    let texts: Vec<String> = (0..12)
        .map(|i| format!("w{} common w{} w{}. tail w{}", i % 3, i % 4, i % 5, i % 2))
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let c = corpus(&refs);
    let comparisons = vec![
        (vec![0, 1, 2, 3], vec![4, 5, 6, 7, 8]),
        (vec![0, 2, 9], vec![1, 3, 4, 10, 11]),
        (
            vec![5, 6],
            (0..12).filter(|d| ![5, 6].contains(d)).collect(),
        ),
    ];
    let mut opts = options(KeynessMeasure::Llr);
    opts.n = vec![1, 2];
    let control = Control::default();
    let together = contrast(&c, &comparisons, &opts, &control).unwrap();
    for (i, (target, reference)) in comparisons.iter().enumerate() {
        let alone = keyness(&c, target, Reference::Documents(reference), &opts, &control).unwrap();
        let (x, y) = (rows_of(&together, i as u32), rows_of(&alone, 0));
        assert_eq!(x.len(), y.len());
        for (x, y) in x.iter().zip(&y) {
            assert_eq!((&x.0, x.1, x.2, x.3), (&y.0, y.1, y.2, y.3));
            assert!((x.4 - y.4).abs() < 1e-12 || (x.4.is_nan() && y.4.is_nan()));
            assert_eq!(x.5, y.5);
        }
    }
}

#[test]
fn a_document_on_both_sides_counts_on_both() {
    // Target: documents 0 and 1; reference: 1 and 2. "b" is in document 1 only.
    let c = corpus(&["a a", "a b", "c"]);
    let control = Control::default();
    let table = keyness(
        &c,
        &[0, 1],
        Reference::Documents(&[1, 2]),
        &options(KeynessMeasure::Llr),
        &control,
    )
    .unwrap();
    let b = row(&table, "b");
    assert_eq!((table.target_count[b], table.reference_count[b]), (1, 1));
    let a = row(&table, "a");
    assert_eq!((table.target_count[a], table.reference_count[a]), (3, 1));
    // N1 = 4 positions, N2 = 3: per million 1/4 and 1/3.
    assert!((table.target_per_million[b] - 250_000.0).abs() < 1e-6);
    assert!((table.reference_per_million[b] - 1e6 / 3.0).abs() < 1e-6);
}

#[test]
fn documents_out_of_range_are_an_error() {
    let c = corpus(&["a", "b"]);
    let control = Control::default();
    let opts = options(KeynessMeasure::Llr);
    let error = keyness(&c, &[0], Reference::Documents(&[2]), &opts, &control).unwrap_err();
    assert!(error.to_string().contains("document 2"), "{error}");
}
