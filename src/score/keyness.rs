//! Keyness: which terms a target set of documents uses more (or less) than a
//! reference, with an effect size, a statistic and a test.
//!
//! For a term with `a` occurrences among the `N1` n-gram positions of the
//! target and `b` among the `N2` of the reference, the 2x2 table is
//! `a, b, N1 - a, N2 - b`. The statistic is signed: positive when the term is
//! relatively more frequent in the target (`a/N1 > b/N2`, direction
//! "target"), negative otherwise. Measures, their formulas and their handling
//! of zero counts are documented on [`KeynessMeasure`]; p-values come from the
//! measure when it is a test (llr, chi2, fisher) or from a document test.

use std::sync::atomic::AtomicBool;

use ahash::AHashMap;
use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::count::{check_n, doc_ngrams, ngram_positions, NgramKey, StopSet, MAX_N};
use crate::error::{Error, Result};
use crate::parallel::check;
use crate::score::ngram_text;
use crate::stats::{beta_quantile, chi2_sf_1, fisher_two_sided, normal_sf, Correction};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeynessMeasure {
    /// Signed G² over the full 2x2 table (the 4-term form); p from chi-square(1).
    Llr,
    /// Signed Pearson X², optionally with Yates' correction; p from chi-square(1).
    Chi2,
    /// log2((a/N1) / (b/N2)) (Hardie 2014); a zero count counts as 0.5.
    LogRatio,
    /// Evert's conservative log ratio: the bound of the Clopper-Pearson
    /// interval (level 1 - alpha) of the log ratio nearer to 0, or 0 when the
    /// interval holds 0.
    Lrc,
    /// log2(a / E11) with E11 = N1 (a + b) / N; a zero count counts as 0.5.
    Pmi,
    /// (a/N1·10⁶ + k) / (b/N2·10⁶ + k) (Kilgarriff 2009), k = smoothing.
    SimpleMaths,
    /// Fisher's exact test, two-sided; the statistic is -log10(p), signed.
    Fisher,
    /// Monroe, Colaresi and Quinn (2008): z-score of the log-odds ratio with
    /// an informative Dirichlet prior.
    LogOddsDirichlet,
    /// %DIFF (Gabrielatos and Marchi 2012): (f1 - f2) · 100 / f2 on
    /// frequencies per million; a zero reference frequency counts as 1e-18.
    PercentDiff,
}

impl KeynessMeasure {
    pub const ALL: [KeynessMeasure; 9] = [
        KeynessMeasure::Llr,
        KeynessMeasure::Chi2,
        KeynessMeasure::LogRatio,
        KeynessMeasure::Lrc,
        KeynessMeasure::Pmi,
        KeynessMeasure::SimpleMaths,
        KeynessMeasure::Fisher,
        KeynessMeasure::LogOddsDirichlet,
        KeynessMeasure::PercentDiff,
    ];

    pub fn name(self) -> &'static str {
        match self {
            KeynessMeasure::Llr => "llr",
            KeynessMeasure::Chi2 => "chi2",
            KeynessMeasure::LogRatio => "log_ratio",
            KeynessMeasure::Lrc => "lrc",
            KeynessMeasure::Pmi => "pmi",
            KeynessMeasure::SimpleMaths => "simple_maths",
            KeynessMeasure::Fisher => "fisher",
            KeynessMeasure::LogOddsDirichlet => "log_odds_dirichlet",
            KeynessMeasure::PercentDiff => "percent_diff",
        }
    }

    pub fn parse(name: &str) -> Result<KeynessMeasure> {
        Self::ALL
            .into_iter()
            .find(|m| m.name() == name)
            .ok_or_else(|| {
                let allowed: Vec<&str> = Self::ALL.iter().map(|m| m.name()).collect();
                Error::InvalidArgument(format!(
                    "unknown keyness measure '{name}'; choose from {}",
                    allowed.join(", ")
                ))
            })
    }

    fn is_test(self) -> bool {
        matches!(
            self,
            KeynessMeasure::Llr | KeynessMeasure::Chi2 | KeynessMeasure::Fisher
        )
    }
}

/// Where p-values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Test {
    /// Token counts: the measure's own test, if it is one.
    Bag,
    /// Mann-Whitney rank-sum test over per-document relative frequencies,
    /// two-sided, normal approximation with tie and continuity correction.
    Wilcoxon,
    /// Lijffijt et al.'s (2016) document bootstrap.
    Bootstrap { samples: usize, seed: u64 },
}

pub struct KeynessOptions<'a> {
    pub n: Vec<usize>,
    /// Terms seen fewer times in target and reference together are left out.
    pub min_count: u64,
    pub measure: KeynessMeasure,
    pub yates: bool,
    pub smoothing: f64,
    pub prior_scale: f64,
    pub alpha: f64,
    pub test: Test,
    pub correction: Correction,
    pub stop: Option<&'a StopSet>,
    /// Keep the `top` most key terms of each direction (of the target only with `target_only`).
    pub top: Option<usize>,
    pub target_only: bool,
}

/// An external reference: term counts and their total.
pub struct ReferenceCounts {
    pub counts: AHashMap<String, u64>,
    pub total: u64,
}

pub enum Reference<'a> {
    Documents(&'a [usize]),
    Counts(&'a ReferenceCounts),
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct KeynessTable {
    /// Index of the comparison a row belongs to (for contrasts).
    pub comparison: Vec<u32>,
    pub term: Vec<String>,
    pub target_count: Vec<u64>,
    pub reference_count: Vec<u64>,
    pub target_per_million: Vec<f64>,
    pub reference_per_million: Vec<f64>,
    pub statistic: Vec<f64>,
    pub p_value: Vec<f64>,
    pub p_adjusted: Vec<f64>,
    pub log_ratio: Vec<f64>,
    pub target_direction: Vec<bool>,
    pub target_docs: Vec<u64>,
    pub dp: Vec<f64>,
}

/// The n-grams of one document with their counts.
type DocCounts = Vec<(NgramKey, u64)>;

/// One side's documents: n-gram positions per length and counts per term.
struct Side {
    /// positions[n] for each document, n = 1..=MAX_N.
    sizes: Vec<[u64; MAX_N + 1]>,
    totals: [u64; MAX_N + 1],
}

/// Everything known about one term.
#[derive(Default, Clone)]
struct TermCounts {
    a: u64,
    b: u64,
    /// (document position within its side, count)
    target: Vec<(u32, u64)>,
    reference: Vec<(u32, u64)>,
}

struct Row {
    term: String,
    n: usize,
    counts: TermCounts,
}

/// Compare one target with one reference.
pub fn keyness(
    corpus: &Corpus,
    target: &[usize],
    reference: Reference,
    options: &KeynessOptions,
    cancel: &AtomicBool,
) -> Result<KeynessTable> {
    let prior = prior_counts(corpus, options, cancel)?;
    let mut table = compare(corpus, target, &reference, options, &prior, 0, cancel)?;
    table.p_adjusted = options.correction.adjust(&table.p_value);
    Ok(truncate(table, options))
}

/// Compare each (target, reference) pair of document sets, correcting p-values
/// over the whole family of terms x comparisons.
pub fn contrast(
    corpus: &Corpus,
    comparisons: &[(Vec<usize>, Vec<usize>)],
    options: &KeynessOptions,
    cancel: &AtomicBool,
) -> Result<KeynessTable> {
    let prior = prior_counts(corpus, options, cancel)?;
    // Comparisons in parallel; each is whole and in order, so the result is too.
    let tables: Vec<KeynessTable> = comparisons
        .par_iter()
        .enumerate()
        .map(|(i, (target, reference))| {
            let reference = Reference::Documents(reference);
            compare(
                corpus, target, &reference, options, &prior, i as u32, cancel,
            )
        })
        .collect::<Result<_>>()?;
    let p: Vec<f64> = tables
        .iter()
        .flat_map(|t| t.p_value.iter().copied())
        .collect();
    let adjusted = options.correction.adjust(&p);
    let mut offset = 0;
    let mut out = KeynessTable::default();
    for mut table in tables {
        table.p_adjusted = adjusted[offset..offset + table.term.len()].to_vec();
        offset += table.term.len();
        append(&mut out, truncate(table, options));
    }
    Ok(out)
}

/// Whole-corpus counts of every n-gram: the Dirichlet prior (only when needed).
struct Prior {
    counts: AHashMap<NgramKey, u64>,
    totals: [u64; MAX_N + 1],
}

fn prior_counts(
    corpus: &Corpus,
    options: &KeynessOptions,
    cancel: &AtomicBool,
) -> Result<Option<Prior>> {
    for &n in &options.n {
        check_n(n)?;
    }
    if options.measure != KeynessMeasure::LogOddsDirichlet {
        return Ok(None);
    }
    let all: Vec<usize> = (0..corpus.n_docs()).collect();
    let mut counts = AHashMap::new();
    let mut totals = [0u64; MAX_N + 1];
    for &n in &options.n {
        for (key, tally) in crate::count::count_ngrams(corpus, &all, n, None, cancel)? {
            counts.insert(key, tally.count);
        }
        totals[n] = all.iter().map(|&d| ngram_positions(corpus, d, n)).sum();
    }
    Ok(Some(Prior { counts, totals }))
}

fn side(
    corpus: &Corpus,
    docs: &[usize],
    options: &KeynessOptions,
    cancel: &AtomicBool,
) -> Result<(Side, Vec<DocCounts>)> {
    let per_doc: Vec<([u64; MAX_N + 1], DocCounts)> = docs
        .par_iter()
        .map(|&d| {
            check(cancel)?;
            let mut sizes = [0u64; MAX_N + 1];
            let mut counts = Vec::new();
            for &n in &options.n {
                sizes[n] = ngram_positions(corpus, d, n);
                counts.extend(doc_ngrams(corpus, d, n, options.stop));
            }
            Ok((sizes, counts))
        })
        .collect::<Result<_>>()?;
    let mut totals = [0u64; MAX_N + 1];
    for (sizes, _) in &per_doc {
        for n in 0..=MAX_N {
            totals[n] += sizes[n];
        }
    }
    let (sizes, counts) = per_doc.into_iter().unzip();
    Ok((Side { sizes, totals }, counts))
}

fn key_length(key: &NgramKey) -> usize {
    key.iter().take_while(|&&id| id != u32::MAX).count()
}

#[allow(clippy::too_many_arguments)]
fn compare(
    corpus: &Corpus,
    target: &[usize],
    reference: &Reference,
    options: &KeynessOptions,
    prior: &Option<Prior>,
    comparison: u32,
    cancel: &AtomicBool,
) -> Result<KeynessTable> {
    let (target_side, target_counts) = side(corpus, target, options, cancel)?;
    let mut terms: AHashMap<NgramKey, TermCounts> = AHashMap::new();
    for (doc, counts) in target_counts.into_iter().enumerate() {
        for (key, count) in counts {
            let term = terms.entry(key).or_default();
            term.a += count;
            term.target.push((doc as u32, count));
        }
    }
    let mut outside: Vec<Row> = Vec::new();
    let reference_side = match reference {
        Reference::Documents(docs) => {
            let (reference_side, reference_counts) = side(corpus, docs, options, cancel)?;
            for (doc, counts) in reference_counts.into_iter().enumerate() {
                for (key, count) in counts {
                    let term = terms.entry(key).or_default();
                    term.b += count;
                    term.reference.push((doc as u32, count));
                }
            }
            reference_side
        }
        Reference::Counts(external) => {
            let n = options.n[0];
            for (text, &count) in &external.counts {
                match key_of(corpus, text, options.stop) {
                    Some(key) if key_length(&key) == n => terms.entry(key).or_default().b += count,
                    Some(_) => {}
                    None if text.split(' ').count() == n => outside.push(Row {
                        term: text.clone(),
                        n,
                        counts: TermCounts {
                            b: count,
                            ..Default::default()
                        },
                    }),
                    None => {}
                }
            }
            let mut totals = [0u64; MAX_N + 1];
            totals[n] = external.total;
            Side {
                sizes: Vec::new(),
                totals,
            }
        }
    };
    check(cancel)?;
    let mut rows: Vec<Row> = terms
        .into_iter()
        .map(|(key, counts)| Row {
            term: ngram_text(corpus.vocab(), &key),
            n: key_length(&key),
            counts,
        })
        .chain(outside)
        .filter(|row| row.counts.a + row.counts.b >= options.min_count)
        .collect();
    rows.sort_unstable_by(|x, y| x.term.cmp(&y.term));
    let prior_of = |row: &Row| -> (f64, f64) {
        prior.as_ref().map_or((0.0, 0.0), |p| {
            let count = key_of(corpus, &row.term, None)
                .and_then(|k| p.counts.get(&k).copied())
                .unwrap_or(row.counts.a + row.counts.b);
            (
                options.prior_scale * count as f64,
                options.prior_scale * p.totals[row.n] as f64,
            )
        })
    };
    let scored: Vec<Scored> = rows
        .par_iter()
        .map(|row| {
            let totals = (target_side.totals[row.n], reference_side.totals[row.n]);
            score_row(
                row,
                totals,
                prior_of(row),
                &target_side,
                &reference_side,
                options,
            )
        })
        .collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&i, &j| {
        let (x, y) = (scored[i].statistic, scored[j].statistic);
        x.is_nan()
            .cmp(&y.is_nan())
            .then(y.total_cmp(&x))
            .then_with(|| rows[i].term.cmp(&rows[j].term))
    });
    let mut table = KeynessTable::default();
    for i in order {
        let (row, s) = (&rows[i], &scored[i]);
        let (n1, n2) = (
            target_side.totals[row.n] as f64,
            reference_side.totals[row.n] as f64,
        );
        table.comparison.push(comparison);
        table.term.push(row.term.clone());
        table.target_count.push(row.counts.a);
        table.reference_count.push(row.counts.b);
        table
            .target_per_million
            .push(row.counts.a as f64 / n1 * 1e6);
        table
            .reference_per_million
            .push(row.counts.b as f64 / n2 * 1e6);
        table.statistic.push(s.statistic);
        table.p_value.push(s.p_value);
        table.log_ratio.push(s.log_ratio);
        table.target_direction.push(s.target_direction);
        table.target_docs.push(row.counts.target.len() as u64);
        table.dp.push(dispersion(row, &target_side));
    }
    if matches!(options.test, Test::Bootstrap { .. }) {
        let ordered = rows_in(&table, &rows);
        bootstrap_p_values(
            &mut table,
            &ordered,
            &target_side,
            &reference_side,
            options,
            cancel,
        )?;
    }
    Ok(table)
}

/// The rows in the order of the table (for the bootstrap, which needs their documents).
fn rows_in<'r>(table: &KeynessTable, rows: &'r [Row]) -> Vec<&'r Row> {
    let index: AHashMap<&str, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.term.as_str(), i))
        .collect();
    table
        .term
        .iter()
        .map(|t| &rows[index[t.as_str()]])
        .collect()
}

/// The n-gram key of a term's text, if all its words are in the vocabulary and none is a stop word.
fn key_of(corpus: &Corpus, text: &str, stop: Option<&StopSet>) -> Option<NgramKey> {
    let mut key = [u32::MAX; MAX_N];
    for (length, word) in text.split(' ').enumerate() {
        let id = corpus.vocab().id(word)?;
        if length == MAX_N || stop.is_some_and(|s| s.contains(id)) {
            return None;
        }
        key[length] = id;
    }
    Some(key)
}

struct Scored {
    statistic: f64,
    p_value: f64,
    log_ratio: f64,
    target_direction: bool,
}

fn score_row(
    row: &Row,
    (n1, n2): (u64, u64),
    (prior, prior_total): (f64, f64),
    target: &Side,
    reference: &Side,
    options: &KeynessOptions,
) -> Scored {
    let (a, b) = (row.counts.a as f64, row.counts.b as f64);
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    let target_direction = a * n2f > b * n1f;
    let sign = if target_direction { 1.0 } else { -1.0 };
    let half = |x: f64| if x == 0.0 { 0.5 } else { x };
    let log_ratio = ((half(a) / n1f) / (half(b) / n2f)).log2();
    let (statistic, bag_p) = match options.measure {
        KeynessMeasure::Llr => {
            let g2 = log_likelihood(a, b, n1f, n2f);
            (sign * g2, chi2_sf_1(g2))
        }
        KeynessMeasure::Chi2 => {
            let x2 = pearson(a, b, n1f, n2f, options.yates);
            (sign * x2, chi2_sf_1(x2))
        }
        KeynessMeasure::Fisher => {
            let p = fisher_two_sided(
                row.counts.a,
                row.counts.b,
                n1 - row.counts.a,
                n2 - row.counts.b,
            );
            (sign * -p.log10(), p)
        }
        KeynessMeasure::LogRatio => (log_ratio, f64::NAN),
        KeynessMeasure::Lrc => (
            conservative_log_ratio(a, b, n1f, n2f, options.alpha),
            f64::NAN,
        ),
        KeynessMeasure::Pmi => {
            let expected = n1f * (a + b) / (n1f + n2f);
            ((half(a) / expected).log2(), f64::NAN)
        }
        KeynessMeasure::SimpleMaths => {
            let k = options.smoothing;
            ((a / n1f * 1e6 + k) / (b / n2f * 1e6 + k), f64::NAN)
        }
        KeynessMeasure::LogOddsDirichlet => {
            let delta = ((a + prior) / (n1f + prior_total - a - prior)).ln()
                - ((b + prior) / (n2f + prior_total - b - prior)).ln();
            let variance = 1.0 / (a + prior) + 1.0 / (b + prior);
            (delta / variance.sqrt(), f64::NAN)
        }
        KeynessMeasure::PercentDiff => {
            let (f1, f2) = (a / n1f * 1e6, b / n2f * 1e6);
            (
                (f1 - f2) * 100.0 / if f2 == 0.0 { 1e-18 } else { f2 },
                f64::NAN,
            )
        }
    };
    let p_value = match options.test {
        Test::Bag if options.measure.is_test() => bag_p,
        Test::Bag => f64::NAN,
        Test::Wilcoxon => rank_sum_p(row, target, reference),
        // Filled in for all terms at once, see bootstrap_p_values.
        Test::Bootstrap { .. } => f64::NAN,
    };
    Scored {
        statistic,
        p_value,
        log_ratio,
        target_direction,
    }
}

/// Dunning's G² of `[[a, b], [n1 - a, n2 - b]]`, over all four cells.
fn log_likelihood(a: f64, b: f64, n1: f64, n2: f64) -> f64 {
    let n = n1 + n2;
    let (k, rest) = (a + b, n - a - b);
    let cells = [
        (a, n1 * k / n),
        (b, n2 * k / n),
        (n1 - a, n1 * rest / n),
        (n2 - b, n2 * rest / n),
    ];
    2.0 * cells
        .iter()
        .filter(|(o, _)| *o > 0.0)
        .map(|(o, e)| o * (o / e).ln())
        .sum::<f64>()
}

/// Pearson's X² of the same table; Yates moves each cell half a count towards
/// its expectation, never past it (as scipy's chi2_contingency does).
fn pearson(a: f64, b: f64, n1: f64, n2: f64, yates: bool) -> f64 {
    let n = n1 + n2;
    let difference = (a * (n2 - b) - b * (n1 - a)).abs();
    let difference = if yates {
        (difference - n / 2.0).max(0.0)
    } else {
        difference
    };
    let margins = (a + b) * (n - a - b) * n1 * n2;
    if margins == 0.0 {
        0.0
    } else {
        n * difference * difference / margins
    }
}

/// Evert's conservative log ratio: given k = a + b, a is binomial with
/// π = N1 r1 / (N1 r1 + N2 r2); the Clopper-Pearson interval for π maps to
/// one for log2(r1/r2) = log2(π/(1 - π) · N2/N1).
fn conservative_log_ratio(a: f64, b: f64, n1: f64, n2: f64, alpha: f64) -> f64 {
    let to_ratio = |pi: f64| (pi / (1.0 - pi) * n2 / n1).log2();
    let low = if a == 0.0 {
        f64::NEG_INFINITY
    } else {
        to_ratio(beta_quantile(alpha / 2.0, a, b + 1.0))
    };
    let high = if b == 0.0 {
        f64::INFINITY
    } else {
        to_ratio(beta_quantile(1.0 - alpha / 2.0, a + 1.0, b))
    };
    if low > 0.0 {
        low
    } else if high < 0.0 {
        high
    } else {
        0.0
    }
}

/// Gries' DP over the target's documents: half the sum over documents of
/// |share of the term's occurrences - share of the target's positions|.
fn dispersion(row: &Row, target: &Side) -> f64 {
    if row.counts.a == 0 || target.sizes.is_empty() {
        return f64::NAN;
    }
    let total = target.totals[row.n] as f64;
    let a = row.counts.a as f64;
    let mut present_share = 0.0;
    let mut sum = 0.0;
    for &(doc, count) in &row.counts.target {
        let share = target.sizes[doc as usize][row.n] as f64 / total;
        present_share += share;
        sum += (count as f64 / a - share).abs();
    }
    0.5 * (sum + (1.0 - present_share))
}

/// Relative frequency of the term in each non-empty document of a side, zeros included.
fn relative_frequencies(found: &[(u32, u64)], side: &Side, n: usize) -> (Vec<f64>, usize) {
    let sizes: Vec<u64> = side.sizes.iter().map(|s| s[n]).collect();
    let documents = sizes.iter().filter(|&&s| s > 0).count();
    let values = found
        .iter()
        .map(|&(doc, count)| count as f64 / sizes[doc as usize] as f64)
        .collect();
    (values, documents)
}

/// Two-sided Mann-Whitney p over per-document relative frequencies, as
/// scipy.stats.mannwhitneyu(method="asymptotic") computes it.
fn rank_sum_p(row: &Row, target: &Side, reference: &Side) -> f64 {
    let (target_values, n_target) = relative_frequencies(&row.counts.target, target, row.n);
    let (reference_values, n_reference) =
        relative_frequencies(&row.counts.reference, reference, row.n);
    let (n1, n2) = (n_target as f64, n_reference as f64);
    let n = n1 + n2;
    if n_target == 0 || n_reference == 0 {
        return f64::NAN;
    }
    // Documents without the term share the lowest rank, (zeros + 1) / 2.
    let zeros_target = n_target - target_values.len();
    let zeros = zeros_target + n_reference - reference_values.len();
    let mut values: Vec<(f64, bool)> = target_values
        .iter()
        .map(|&v| (v, true))
        .chain(reference_values.iter().map(|&v| (v, false)))
        .collect();
    values.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut rank_sum = zeros_target as f64 * (zeros as f64 + 1.0) / 2.0;
    let mut ties = if zeros > 1 {
        (zeros as f64).powi(3) - zeros as f64
    } else {
        0.0
    };
    let mut i = 0;
    while i < values.len() {
        let mut j = i;
        while j < values.len() && values[j].0 == values[i].0 {
            j += 1;
        }
        let rank = zeros as f64 + (i + j + 1) as f64 / 2.0;
        rank_sum += rank * values[i..j].iter().filter(|v| v.1).count() as f64;
        let t = (j - i) as f64;
        ties += t * t * t - t;
        i = j;
    }
    let u1 = rank_sum - n1 * (n1 + 1.0) / 2.0;
    let u = u1.max(n1 * n2 - u1);
    let sigma = (n1 * n2 / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)))).sqrt();
    let z = (u - n1 * n2 / 2.0 - 0.5) / sigma;
    (2.0 * normal_sf(z)).clamp(0.0, 1.0)
}

/// A small, fast, seedable generator (SplitMix64): each bootstrap iteration
/// seeds its own from (seed, iteration), so the draws never depend on threads.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        // Multiply-shift: bias below 2^-32 for any corpus size.
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }
}

/// Lijffijt et al.'s (2016) bootstrap: resample the documents of each side
/// with replacement `samples` times. With `S = Σ H(f_T - f_R)`, H(x) = 1, ½, 0
/// for x > 0, = 0, < 0, the one-sided p-values are `(1 + S) / (1 + samples)`
/// and `(1 + samples - S) / (1 + samples)` (each counting the observed data
/// as one sample, so no p-value is 0), and `p = min(1, 2 min(p1, p2))`.
fn bootstrap_p_values(
    table: &mut KeynessTable,
    rows: &[&Row],
    target: &Side,
    reference: &Side,
    options: &KeynessOptions,
    cancel: &AtomicBool,
) -> Result<()> {
    let Test::Bootstrap { samples, seed } = options.test else {
        return Ok(());
    };
    if target.sizes.is_empty() || reference.sizes.is_empty() {
        return Err(Error::InvalidArgument(
            "the bootstrap test needs documents on both sides".into(),
        ));
    }
    // Twice the sum of H, so that halves stay integers and sums are exact in any order.
    let doubled: Vec<u64> = (0..samples)
        .into_par_iter()
        .map(|iteration| {
            check(cancel)?;
            let mut random =
                SplitMix(seed ^ (iteration as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
            let target_weights = resample(target.sizes.len(), &mut random);
            let reference_weights = resample(reference.sizes.len(), &mut random);
            Ok(rows
                .iter()
                .map(|row| {
                    let f_t =
                        weighted_frequency(&row.counts.target, &target_weights, target, row.n);
                    let f_r = weighted_frequency(
                        &row.counts.reference,
                        &reference_weights,
                        reference,
                        row.n,
                    );
                    match f_t.partial_cmp(&f_r) {
                        Some(std::cmp::Ordering::Greater) => 2,
                        Some(std::cmp::Ordering::Equal) => 1,
                        _ => 0,
                    }
                })
                .collect::<Vec<u64>>())
        })
        .try_reduce(
            || vec![0u64; rows.len()],
            |mut x, y| {
                x.iter_mut().zip(y).for_each(|(a, b)| *a += b);
                Ok(x)
            },
        )?;
    for (p, doubled) in table.p_value.iter_mut().zip(doubled) {
        let s = doubled as f64 / 2.0;
        let (p1, p2) = (
            (1.0 + s) / (1.0 + samples as f64),
            (1.0 + samples as f64 - s) / (1.0 + samples as f64),
        );
        *p = (2.0 * p1.min(p2)).min(1.0);
    }
    Ok(())
}

/// How many times each of `n` documents is drawn in one resample.
fn resample(n: usize, random: &mut SplitMix) -> Vec<u32> {
    let mut weights = vec![0u32; n];
    for _ in 0..n {
        weights[random.below(n)] += 1;
    }
    weights
}

fn weighted_frequency(found: &[(u32, u64)], weights: &[u32], side: &Side, n: usize) -> f64 {
    let size: u64 = side
        .sizes
        .iter()
        .zip(weights)
        .map(|(s, &w)| s[n] * w as u64)
        .sum();
    if size == 0 {
        return 0.0;
    }
    let count: u64 = found
        .iter()
        .map(|&(doc, c)| c * weights[doc as usize] as u64)
        .sum();
    count as f64 / size as f64
}

/// Keep the `top` most key rows for the target (and, unless `target_only`, for the reference).
fn truncate(table: KeynessTable, options: &KeynessOptions) -> KeynessTable {
    let Some(top) = options.top else { return table };
    let rows = table.term.len();
    let target: Vec<usize> = (0..rows)
        .filter(|&i| table.target_direction[i])
        .take(top)
        .collect();
    let mut keep = target;
    if !options.target_only {
        let reference: Vec<usize> = (0..rows)
            .rev()
            .filter(|&i| !table.target_direction[i])
            .take(top)
            .collect();
        keep.extend(reference.into_iter().rev());
    }
    select(&table, &keep)
}

fn select(t: &KeynessTable, keep: &[usize]) -> KeynessTable {
    macro_rules! pick {
        ($field:ident) => {
            keep.iter().map(|&i| t.$field[i].clone()).collect()
        };
    }
    KeynessTable {
        comparison: pick!(comparison),
        term: pick!(term),
        target_count: pick!(target_count),
        reference_count: pick!(reference_count),
        target_per_million: pick!(target_per_million),
        reference_per_million: pick!(reference_per_million),
        statistic: pick!(statistic),
        p_value: pick!(p_value),
        p_adjusted: pick!(p_adjusted),
        log_ratio: pick!(log_ratio),
        target_direction: pick!(target_direction),
        target_docs: pick!(target_docs),
        dp: pick!(dp),
    }
}

fn append(out: &mut KeynessTable, t: KeynessTable) {
    out.comparison.extend(t.comparison);
    out.term.extend(t.term);
    out.target_count.extend(t.target_count);
    out.reference_count.extend(t.reference_count);
    out.target_per_million.extend(t.target_per_million);
    out.reference_per_million.extend(t.reference_per_million);
    out.statistic.extend(t.statistic);
    out.p_value.extend(t.p_value);
    out.p_adjusted.extend(t.p_adjusted);
    out.log_ratio.extend(t.log_ratio);
    out.target_direction.extend(t.target_direction);
    out.target_docs.extend(t.target_docs);
    out.dp.extend(t.dp);
}

#[cfg(test)]
mod tests;
