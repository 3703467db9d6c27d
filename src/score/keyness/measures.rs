//! The keyness measures of one term: each a function of the 2x2 table
//! `a, b, N1 - a, N2 - b` (and, for the Dirichlet log-odds, a prior).

use super::{KeynessMeasure, KeynessOptions};
use crate::stats::{beta_quantile, chi2_sf_1, fisher_two_sided};

pub(super) struct Scored {
    pub statistic: f64,
    /// The measure's own p-value when it is a test (and, for G² and X²,
    /// when asked for: it is `chi2_sf_1(|statistic|)`, see [`chi2_p`]), else NaN.
    pub bag_p: f64,
    pub log_ratio: f64,
    pub target_direction: bool,
}

/// Score a term seen `a` times in `n1` target positions and `b` times in `n2`
/// reference positions; `prior` is (its prior count, the prior's total).
/// Without `complete`, the chi-square tail of G² and X² and (unless it is
/// the measure) the log ratio are left for later: NaN, see [`chi2_p`] and
/// [`log_ratio`].
pub(super) fn score(
    a: u64,
    b: u64,
    (n1, n2): (u64, u64),
    (prior, prior_total): (f64, f64),
    options: &KeynessOptions,
    complete: bool,
) -> Scored {
    let p_of = |x: f64| if complete { chi2_sf_1(x) } else { f64::NAN };
    let (af, bf) = (a as f64, b as f64);
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    let target_direction = af * n2f > bf * n1f;
    let sign = if target_direction { 1.0 } else { -1.0 };
    let half = |x: f64| if x == 0.0 { 0.5 } else { x };
    let log_ratio = if complete || options.measure == KeynessMeasure::LogRatio {
        self::log_ratio(a, b, n1, n2)
    } else {
        f64::NAN
    };
    let (statistic, bag_p) = match options.measure {
        KeynessMeasure::Llr => {
            let g2 = log_likelihood(af, bf, n1f, n2f);
            (sign * g2, p_of(g2))
        }
        KeynessMeasure::Chi2 => {
            let x2 = pearson(af, bf, n1f, n2f, options.yates);
            (sign * x2, p_of(x2))
        }
        KeynessMeasure::Fisher => {
            let p = fisher_two_sided(a, b, n1 - a, n2 - b);
            (sign * -p.log10(), p)
        }
        KeynessMeasure::LogRatio => (log_ratio, f64::NAN),
        KeynessMeasure::Lrc => (
            conservative_log_ratio(af, bf, n1f, n2f, options.alpha),
            f64::NAN,
        ),
        KeynessMeasure::Pmi => {
            let expected = n1f * (af + bf) / (n1f + n2f);
            ((half(af) / expected).log2(), f64::NAN)
        }
        KeynessMeasure::SimpleMaths => {
            let k = options.smoothing;
            ((af / n1f * 1e6 + k) / (bf / n2f * 1e6 + k), f64::NAN)
        }
        KeynessMeasure::LogOddsDirichlet => {
            let delta = ((af + prior) / (n1f + prior_total - af - prior)).ln()
                - ((bf + prior) / (n2f + prior_total - bf - prior)).ln();
            let variance = 1.0 / (af + prior) + 1.0 / (bf + prior);
            (delta / variance.sqrt(), f64::NAN)
        }
        KeynessMeasure::PercentDiff => {
            let (f1, f2) = (af / n1f * 1e6, bf / n2f * 1e6);
            (
                (f1 - f2) * 100.0 / if f2 == 0.0 { 1e-18 } else { f2 },
                f64::NAN,
            )
        }
    };
    Scored {
        statistic,
        bag_p,
        log_ratio,
        target_direction,
    }
}

/// log2 of the ratio of relative frequencies, a zero count taken as 0.5.
pub(super) fn log_ratio(a: u64, b: u64, n1: u64, n2: u64) -> f64 {
    let half = |x: u64| if x == 0 { 0.5 } else { x as f64 };
    ((half(a) / n1 as f64) / (half(b) / n2 as f64)).log2()
}

/// The bag p-value of a G² or X² `statistic` (signed by direction), as
/// [`score`] gives it with `with_p`.
pub(super) fn chi2_p(statistic: f64) -> f64 {
    chi2_sf_1(statistic.abs())
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
