//! What keyness knows from documents rather than token counts: dispersion
//! over the target's documents, the rank-sum test and the bootstrap. Each
//! reads one term's postings and the comparison's sides.

use crate::parallel::Control;

use rayon::prelude::*;

use ahash::AHashMap;

use super::{Layout, Side, REFERENCE, TARGET};
use crate::corpus::Corpus;
use crate::count::{NgramKey, MAX_N};
use crate::error::{Error, Result};
use crate::parallel::{check, step, CHUNK};
use crate::score::postings::{key_length, Postings};
use crate::stats::normal_sf;

/// Gries' DP over the target's documents: half the sum over documents of
/// |share of the term's occurrences - share of the target's positions|;
/// `a` is the term's count in the target.
pub(super) fn dispersion(postings: &Postings, t: usize, layout: &Layout, a: u64) -> f64 {
    if a == 0 {
        return f64::NAN;
    }
    let n = postings.length(t);
    let total = layout.target.totals[n] as f64;
    let (docs, counts) = postings.term(t);
    let mut present_share = 0.0;
    let mut sum = 0.0;
    for (&doc, &count) in docs.iter().zip(counts) {
        if layout.place[doc as usize] & TARGET != 0 {
            let share = postings.sizes[doc as usize][n] as f64 / total;
            present_share += share;
            sum += (f64::from(count) / a as f64 - share).abs();
        }
    }
    0.5 * (sum + (1.0 - present_share))
}

/// Gries' DP of each of `terms` (n-gram, count in the target) over the
/// target's documents `members` (corpus document, local document), and the
/// number of those documents holding it, read from the corpus: what
/// postings by blocks cannot give.
///
/// As in `blocks::TermBlocks`, the sum is taken over the common
/// denominator C·T in integers (`sizes` and `totals` give T per length), so
/// it is exact and the same in any document order or thread count.
pub(super) fn dispersions(
    corpus: &Corpus,
    members: &[(usize, usize)],
    sizes: &[[u64; MAX_N + 1]],
    totals: &[u64; MAX_N + 1],
    terms: &[(NgramKey, u64)],
    control: &Control,
) -> Result<Vec<(f64, u64)>> {
    let slot: AHashMap<NgramKey, usize> = terms
        .iter()
        .enumerate()
        .map(|(i, (key, _))| (*key, i))
        .collect();
    let lengths: Vec<usize> = {
        let mut lengths: Vec<usize> = terms.iter().map(|(key, _)| key_length(key)).collect();
        lengths.sort_unstable();
        lengths.dedup();
        lengths
    };
    let length = |i: usize| key_length(&terms[i].0);
    // Unigrams alone (the common case): a slot for each term id, no hashing.
    let dense: Option<Vec<u32>> = (lengths == [1]).then(|| {
        let mut dense = vec![u32::MAX; corpus.vocab().len()];
        for (i, (key, _)) in terms.iter().enumerate() {
            dense[key[0] as usize] = i as u32;
        }
        dense
    });
    // Per task: Σ |c_i·T - t_i·C|, Σ t_i and the number of the documents
    // holding each term.
    let sums = members
        .par_chunks(CHUNK)
        .map(|chunk| {
            check(control)?;
            let mut deviation = vec![0u128; terms.len()];
            let mut present = vec![0u64; terms.len()];
            let mut holding = vec![0u64; terms.len()];
            let mut count = vec![0u64; terms.len()];
            let mut touched: Vec<usize> = Vec::new();
            for &(d, local) in chunk {
                if let Some(dense) = &dense {
                    for &id in corpus.doc_tokens(d) {
                        let i = dense[id as usize];
                        if i != u32::MAX {
                            let i = i as usize;
                            if count[i] == 0 {
                                touched.push(i);
                            }
                            count[i] += 1;
                        }
                    }
                }
                for &n in lengths.iter().filter(|_| dense.is_none()) {
                    for sentence in corpus.doc_sentences(d) {
                        for window in sentence.windows(n) {
                            let mut key = [u32::MAX; MAX_N];
                            key[..n].copy_from_slice(window);
                            if let Some(&i) = slot.get(&key) {
                                if count[i] == 0 {
                                    touched.push(i);
                                }
                                count[i] += 1;
                            }
                        }
                    }
                }
                for &i in &touched {
                    let n = length(i);
                    let (c, t_i) = (u128::from(count[i]), u128::from(sizes[local][n]));
                    let (total_c, total_t) = (u128::from(terms[i].1), u128::from(totals[n]));
                    deviation[i] += (c * total_t).abs_diff(t_i * total_c);
                    present[i] += sizes[local][n];
                    holding[i] += 1;
                    count[i] = 0;
                }
                touched.clear();
            }
            Ok((deviation, present, holding))
        })
        .try_reduce(
            || {
                let zeros = vec![0u64; terms.len()];
                (vec![0u128; terms.len()], zeros.clone(), zeros)
            },
            |(mut deviation, mut present, mut holding), (d, p, h)| {
                for i in 0..terms.len() {
                    deviation[i] += d[i];
                    present[i] += p[i];
                    holding[i] += h[i];
                }
                Ok((deviation, present, holding))
            },
        )?;
    let (deviation, present, holding) = sums;
    Ok((0..terms.len())
        .map(|i| {
            let n = length(i);
            let (total_c, total_t) = (u128::from(terms[i].1), u128::from(totals[n]));
            if total_c == 0 || total_t == 0 {
                return (f64::NAN, holding[i]);
            }
            let absent = u128::from(totals[n] - present[i]) * total_c;
            let dp = 0.5 * (deviation[i] + absent) as f64 / (total_c * total_t) as f64;
            (dp, holding[i])
        })
        .collect())
}

/// Two-sided Mann-Whitney p over the relative frequency of the term in each
/// non-empty document of either side, as
/// scipy.stats.mannwhitneyu(method="asymptotic") computes it.
pub(super) fn rank_sum_p(postings: &Postings, t: usize, layout: &Layout) -> f64 {
    let n = postings.length(t);
    let (n_target, n_reference) = (layout.target.nonempty[n], layout.reference.nonempty[n]);
    if n_target == 0 || n_reference == 0 {
        return f64::NAN;
    }
    // (relative frequency, in the target); a document on both sides counts on each.
    let (docs, counts) = postings.term(t);
    let mut values: Vec<(f64, bool)> = Vec::with_capacity(docs.len());
    for (&doc, &count) in docs.iter().zip(counts) {
        let place = layout.place[doc as usize];
        let value = f64::from(count) / postings.sizes[doc as usize][n] as f64;
        if place & TARGET != 0 {
            values.push((value, true));
        }
        if place & REFERENCE != 0 {
            values.push((value, false));
        }
    }
    let found_target = values.iter().filter(|v| v.1).count();
    let (n1, n2) = (n_target as f64, n_reference as f64);
    let n_all = n1 + n2;
    // Documents without the term share the lowest rank, (zeros + 1) / 2.
    let zeros_target = n_target - found_target;
    let zeros = n_target + n_reference - values.len();
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
        let tied = (j - i) as f64;
        ties += tied * tied * tied - tied;
        i = j;
    }
    let u1 = rank_sum - n1 * (n1 + 1.0) / 2.0;
    let u = u1.max(n1 * n2 - u1);
    let sigma = (n1 * n2 / 12.0 * ((n_all + 1.0) - ties / (n_all * (n_all - 1.0)))).sqrt();
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

/// One side resampled: how many times each local document is drawn (zero
/// off the side), and the resulting number of positions of each length.
struct Resample {
    weights: Vec<u32>,
    sizes: [u64; MAX_N + 1],
}

impl Resample {
    fn draw(side: &Side, postings: &Postings, random: &mut SplitMix) -> Resample {
        let mut weights = vec![0u32; postings.sizes.len()];
        for _ in 0..side.members.len() {
            weights[side.members[random.below(side.members.len())] as usize] += 1;
        }
        let mut sizes = [0u64; MAX_N + 1];
        for &doc in &side.members {
            let w = u64::from(weights[doc as usize]);
            for (size, &positions) in sizes.iter_mut().zip(&postings.sizes[doc as usize]) {
                *size += positions * w;
            }
        }
        Resample { weights, sizes }
    }

    fn frequency(&self, docs: &[u32], counts: &[u32], n: usize) -> f64 {
        if self.sizes[n] == 0 {
            return 0.0;
        }
        let count: u64 = docs
            .iter()
            .zip(counts)
            .map(|(&doc, &c)| u64::from(c) * u64::from(self.weights[doc as usize]))
            .sum();
        count as f64 / self.sizes[n] as f64
    }
}

/// Lijffijt et al.'s (2016) bootstrap: resample the documents of each side
/// with replacement `samples` times. With `S = Σ H(f_T - f_R)`, H(x) = 1, ½, 0
/// for x > 0, = 0, < 0, the one-sided p-values are `(1 + S) / (1 + samples)`
/// and `(1 + samples - S) / (1 + samples)` (each counting the observed data
/// as one sample, so no p-value is 0), and `p = min(1, 2 min(p1, p2))`.
/// `terms` are postings terms; the result is one p-value for each.
pub(super) fn bootstrap_p_values(
    postings: &Postings,
    terms: &[usize],
    layout: &Layout,
    (samples, seed): (usize, u64),
    control: &Control,
) -> Result<Vec<f64>> {
    if layout.target.members.is_empty() || layout.reference.members.is_empty() {
        return Err(Error::InvalidArgument(
            "the bootstrap test needs documents on both sides".into(),
        ));
    }
    // Twice the sum of H, so that halves stay integers and sums are exact in any order.
    control.expect(samples);
    let doubled: Vec<u64> = (0..samples)
        .into_par_iter()
        .map(|iteration| {
            step(control, 1)?;
            let mut random =
                SplitMix(seed ^ (iteration as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
            let target = Resample::draw(&layout.target, postings, &mut random);
            let reference = Resample::draw(&layout.reference, postings, &mut random);
            Ok(terms
                .iter()
                .map(|&t| {
                    let (docs, counts) = postings.term(t);
                    let n = postings.length(t);
                    let f_t = target.frequency(docs, counts, n);
                    let f_r = reference.frequency(docs, counts, n);
                    match f_t.partial_cmp(&f_r) {
                        Some(std::cmp::Ordering::Greater) => 2,
                        Some(std::cmp::Ordering::Equal) => 1,
                        _ => 0,
                    }
                })
                .collect::<Vec<u64>>())
        })
        .try_reduce(
            || vec![0u64; terms.len()],
            |mut x, y| {
                x.iter_mut().zip(y).for_each(|(a, b)| *a += b);
                Ok(x)
            },
        )?;
    let samples = samples as f64;
    Ok(doubled
        .into_iter()
        .map(|doubled| {
            let s = doubled as f64 / 2.0;
            let (p1, p2) = (
                (1.0 + s) / (1.0 + samples),
                (1.0 + samples - s) / (1.0 + samples),
            );
            (2.0 * p1.min(p2)).min(1.0)
        })
        .collect())
}
