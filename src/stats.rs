//! Distribution functions the tests need: chi-square and normal tails, the
//! regularised incomplete beta and its inverse, Fisher's exact test, and the
//! multiple-testing corrections. Checked against scipy in the Python tests.

/// P(X > x) for chi-square with one degree of freedom: `erfc(sqrt(x / 2))`.
pub fn chi2_sf_1(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    libm::erfc((x / 2.0).sqrt())
}

/// P(Z > z) for the standard normal.
pub fn normal_sf(z: f64) -> f64 {
    0.5 * libm::erfc(z / std::f64::consts::SQRT_2)
}

fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

fn ln_choose(n: f64, k: f64) -> f64 {
    ln_gamma(n + 1.0) - ln_gamma(k + 1.0) - ln_gamma(n - k + 1.0)
}

/// Regularised incomplete beta `I_x(a, b)` by its continued fraction (Lentz).
pub fn incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    // The fraction converges fast for x < (a + 1) / (a + b + 2); use symmetry otherwise.
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(x, a, b) / a
    } else {
        1.0 - front * beta_fraction(1.0 - x, b, a) / b
    }
}

fn beta_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let mut c = 1.0;
    let mut d = 1.0 - (a + b) * x / (a + 1.0);
    d = if d.abs() < TINY { TINY } else { d };
    d = 1.0 / d;
    let mut h = d;
    for m in 1..10_000 {
        let m = m as f64;
        let m2 = 2.0 * m;
        for numerator in [
            m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0)),
        ] {
            d = 1.0 + numerator * d;
            d = if d.abs() < TINY { TINY } else { d };
            c = 1.0 + numerator / c;
            c = if c.abs() < TINY { TINY } else { c };
            d = 1.0 / d;
            h *= d * c;
        }
        if (d * c - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

/// The `q` quantile of Beta(a, b), by bisection on [`incomplete_beta`] to machine precision.
pub fn beta_quantile(q: f64, a: f64, b: f64) -> f64 {
    let (mut low, mut high) = (0.0f64, 1.0f64);
    for _ in 0..200 {
        let middle = 0.5 * (low + high);
        if middle <= low || middle >= high {
            break;
        }
        if incomplete_beta(middle, a, b) < q {
            low = middle;
        } else {
            high = middle;
        }
    }
    0.5 * (low + high)
}

/// Two-sided p-value of Fisher's exact test of the 2x2 table `[[a, b], [c, d]]`:
/// the probability of every table with the same margins that is no more
/// likely than this one (scipy's rule, with its relative tolerance of 1e-7).
pub fn fisher_two_sided(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let (row, col, total) = ((a + b) as f64, (a + c) as f64, (a + b + c + d) as f64);
    let ln_pmf =
        |x: f64| ln_choose(col, x) + ln_choose(total - col, row - x) - ln_choose(total, row);
    let low = (row + col - total).max(0.0) as u64;
    let high = row.min(col) as u64;
    let observed = ln_pmf(a as f64);
    let cutoff = observed + (1.0 + 1e-7f64).ln();
    // Tables are summed from the tails inwards; pmf is unimodal, so each tail stops
    // at the first table more likely than the observed one.
    let mut p = 0.0;
    let mut x = low;
    while x <= high {
        let value = ln_pmf(x as f64);
        if value > cutoff {
            break;
        }
        p += value.exp();
        x += 1;
    }
    let left_end = x;
    let mut x = high;
    while x >= left_end {
        let value = ln_pmf(x as f64);
        if value > cutoff {
            break;
        }
        p += value.exp();
        if x == 0 {
            break;
        }
        x -= 1;
    }
    p.min(1.0)
}

/// An integer that sorts as `x` sorts under `f64::total_cmp`: integer sorts
/// are faster than float comparisons. Flip every bit of a negative number,
/// only the sign bit of a positive one.
pub fn ordered_bits(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// Adjust p-values for multiple testing, in place. NaN p-values are left out
/// of the family and stay NaN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Correction {
    Holm,
    Bonferroni,
    FdrBh,
    None,
}

impl Correction {
    pub fn adjust(self, p: &[f64]) -> Vec<f64> {
        use rayon::prelude::*;
        let tested: Vec<usize> = (0..p.len()).filter(|&i| !p[i].is_nan()).collect();
        let m = tested.len() as f64;
        let mut adjusted = p.to_vec();
        let mut order = tested.clone();
        // Ascending p, ties by position, so the result never depends on input order of equal p.
        order.par_sort_unstable_by_key(|&i| (ordered_bits(p[i]), i));
        match self {
            Correction::None => {}
            Correction::Bonferroni => {
                for &i in &tested {
                    adjusted[i] = (p[i] * m).min(1.0);
                }
            }
            Correction::Holm => {
                let mut running: f64 = 0.0;
                for (rank, &i) in order.iter().enumerate() {
                    running = running.max((m - rank as f64) * p[i]);
                    adjusted[i] = running.min(1.0);
                }
            }
            Correction::FdrBh => {
                let mut running: f64 = 1.0;
                for (rank, &i) in order.iter().enumerate().rev() {
                    running = running.min(p[i] * m / (rank as f64 + 1.0));
                    adjusted[i] = running.min(1.0);
                }
            }
        }
        adjusted
    }

    /// [`Correction::adjust`] where only the positions `wanted` are read: the
    /// others are NaN. Holm's value at a p-value depends only on the
    /// p-values at or below it, so only those are sorted (a contrast that
    /// keeps its 20 most key terms sorts a few, not millions).
    pub fn adjust_some(self, p: &[f64], wanted: &[usize]) -> Vec<f64> {
        use rayon::prelude::*;
        if self != Correction::Holm {
            return self.adjust(p);
        }
        let key = |i: usize| (ordered_bits(p[i]), i);
        let mut adjusted = vec![f64::NAN; p.len()];
        let Some(last) = wanted
            .iter()
            .filter(|&&i| !p[i].is_nan())
            .map(|&i| key(i))
            .max()
        else {
            return adjusted;
        };
        let tested = p.par_iter().filter(|x| !x.is_nan()).count() as f64;
        let mut below: Vec<usize> = (0..p.len())
            .into_par_iter()
            .filter(|&i| !p[i].is_nan() && key(i) <= last)
            .collect();
        below.par_sort_unstable_by_key(|&i| key(i));
        let mut running: f64 = 0.0;
        for (rank, &i) in below.iter().enumerate() {
            running = running.max((tested - rank as f64) * p[i]);
            adjusted[i] = running.min(1.0);
        }
        adjusted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails() {
        // chi2.sf(3.841458820694124, 1) = 0.05; norm.sf(1.959963984540054) = 0.025.
        assert!((chi2_sf_1(3.841_458_820_694_124) - 0.05).abs() < 1e-15);
        assert!((normal_sf(1.959_963_984_540_054) - 0.025).abs() < 1e-15);
        assert_eq!(chi2_sf_1(0.0), 1.0);
    }

    #[test]
    fn beta_functions() {
        // I_x(1, 1) = x; I_0.5(a, a) = 0.5; Beta(2, 1) has cdf x².
        assert!((incomplete_beta(0.3, 1.0, 1.0) - 0.3).abs() < 1e-14);
        assert!((incomplete_beta(0.5, 7.0, 7.0) - 0.5).abs() < 1e-14);
        assert!((beta_quantile(0.25, 2.0, 1.0) - 0.5).abs() < 1e-14);
    }

    #[test]
    fn fisher_by_hand() {
        // [[1, 0], [0, 1]]: two tables with these margins, each 1/2: p = 1.
        assert!((fisher_two_sided(1, 0, 0, 1) - 1.0).abs() < 1e-12);
        // [[3, 0], [0, 3]]: P = 1/C(6,3) = 1/20 for it and its mirror: p = 0.1.
        assert!((fisher_two_sided(3, 0, 0, 3) - 0.1).abs() < 1e-12);
    }

    #[test]
    fn adjusting_some_equals_adjusting_all_there() {
        let mut next = crate::testing::xorshift(0x9E37_79B9_7F4A_7C15);
        let p: Vec<f64> = (0..5000)
            .map(|i| match next() % 10 {
                0 => f64::NAN,
                1 => 0.5,
                _ => (next() % 1000) as f64 / 1000.0 / (1 + i % 7) as f64,
            })
            .collect();
        for correction in [Correction::Holm, Correction::Bonferroni, Correction::FdrBh] {
            let all = correction.adjust(&p);
            let wanted: Vec<usize> = (0..p.len()).filter(|i| i % 97 == 3).collect();
            let some = correction.adjust_some(&p, &wanted);
            for &i in &wanted {
                assert_eq!(some[i].to_bits(), all[i].to_bits(), "{correction:?} {i}");
            }
        }
    }

    #[test]
    fn corrections_by_hand() {
        let p = [0.01, 0.04, 0.03, f64::NAN];
        // Bonferroni: x3. Holm: sorted 0.01, 0.03, 0.04 -> 0.03, 0.06, 0.06 (monotone).
        // BH: 0.01*3/1, 0.03*3/2, 0.04*3/3 -> 0.03, 0.045, 0.04 -> cumulative min from the top.
        assert_eq!(&Correction::Bonferroni.adjust(&p)[..3], &[0.03, 0.12, 0.09]);
        let holm = Correction::Holm.adjust(&p);
        assert!(
            (holm[0] - 0.03).abs() < 1e-15
                && (holm[1] - 0.06).abs() < 1e-15
                && (holm[2] - 0.06).abs() < 1e-15
        );
        let bh = Correction::FdrBh.adjust(&p);
        assert!(
            (bh[0] - 0.03).abs() < 1e-15
                && (bh[1] - 0.04).abs() < 1e-15
                && (bh[2] - 0.04).abs() < 1e-15
        );
        assert!(bh[3].is_nan());
    }
}
