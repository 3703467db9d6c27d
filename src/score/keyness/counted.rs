//! Keyness from saved counts: each side of a comparison is a set of groups,
//! and a term's counts on a side are sums of its counts in those groups.
//!
//! The numbers are those of [`super::contrast`] on the corpus the counts came
//! from, for every measure and the bag test: the same 2x2 tables, the same
//! ranking (statistic, then code point order of the term), the same family
//! for the correction. What needs documents is not available: DP is NaN, and
//! the document tests are an error.

use crate::parallel::Control;

use ahash::AHashMap;
use rayon::prelude::*;

use super::{
    kept, measures, p_values, KeynessMeasure, KeynessOptions, KeynessTable, Ranked, Row, TermRef,
    Test,
};
use crate::count::{NgramKey, MAX_N};
use crate::counts::Counts;
use crate::error::{Error, Result};
use crate::parallel::check;
use crate::score::postings::key_length;

/// Terms per parallel task (fixed, so results never depend on threads).
const TERMS_PER_TASK: usize = 4096;

/// Every term of the asked lengths, with its count and documents in each group.
struct Terms {
    keys: Vec<NgramKey>,
    /// Term `t`'s entries are `entries[starts[t]..starts[t + 1]]`: (group, count, docs).
    starts: Vec<usize>,
    entries: Vec<(u32, u64, u64)>,
    /// Each term's place in code point order.
    rank: Vec<u32>,
}

/// The groups on each side of one comparison and their n-gram positions.
struct Sides {
    /// Bit 1: the group is in the target; bit 2: in the reference.
    place: Vec<u8>,
    target_totals: [u64; MAX_N + 1],
    reference_totals: [u64; MAX_N + 1],
}

/// Compare each (target groups, reference groups) pair, correcting p-values
/// over the whole family of terms x comparisons. Groups are indices into
/// `counts.groups()`.
pub fn counted_contrast(
    counts: &Counts,
    comparisons: &[(Vec<usize>, Vec<usize>)],
    options: &KeynessOptions,
    control: &Control,
) -> Result<KeynessTable> {
    if options.test != Test::Bag {
        return Err(Error::InvalidArgument(
            "the document tests need the documents, which counts do not keep: \
             use test='bag', or a Corpus"
                .into(),
        ));
    }
    for &n in &options.n {
        counts.check_length(n)?;
    }
    let sides: Vec<Sides> = comparisons
        .iter()
        .map(|(target, reference)| Sides::new(counts, target, reference))
        .collect::<Result<_>>()?;
    let terms = Terms::new(counts, options, control)?;
    let prior = Prior::new(counts, &terms, options);
    let tasks = terms.keys.len().div_ceil(TERMS_PER_TASK);
    let per_task: Vec<Vec<Vec<Row>>> = (0..tasks)
        .into_par_iter()
        .map(|task| {
            check(control)?;
            let end = ((task + 1) * TERMS_PER_TASK).min(terms.keys.len());
            let mut rows: Vec<Vec<Row>> = vec![Vec::new(); sides.len()];
            for t in task * TERMS_PER_TASK..end {
                for (c, sides) in sides.iter().enumerate() {
                    rows[c].extend(terms.row(t, sides, &prior, options));
                }
            }
            Ok(rows)
        })
        .collect::<Result<_>>()?;
    let mut parts: Vec<Vec<Vec<Row>>> = (0..sides.len()).map(|_| Vec::new()).collect();
    for task in per_task {
        for (c, rows) in task.into_iter().enumerate() {
            parts[c].push(rows);
        }
    }
    let ranked: Vec<Ranked> = parts
        .into_par_iter()
        .map(|parts| Ranked::new(parts, options))
        .collect();
    let p: Vec<f64> = ranked.iter().flat_map(p_values).collect();
    let mut offset = 0;
    let mut picked = Vec::with_capacity(ranked.len());
    for rows in &ranked {
        picked.push((offset, kept(rows, options)));
        offset += rows.len();
    }
    // Holm reads only the p-values at or below the largest kept one.
    let wanted: Vec<usize> = picked
        .iter()
        .flat_map(|(offset, kept)| kept.iter().map(move |&i| offset + i))
        .collect();
    let adjusted = options.correction.adjust_some(&p, &wanted);
    let mut table = KeynessTable::default();
    for (c, (rows, (offset, kept))) in ranked.iter().zip(picked).enumerate() {
        for i in kept {
            let row = rows.get(i);
            let TermRef::Posting(t) = row.term else {
                unreachable!("counted terms are numbered like postings")
            };
            let n = row.n as usize;
            let (n1, n2) = (sides[c].target_totals[n], sides[c].reference_totals[n]);
            table.comparison.push(c as u32);
            table
                .term
                .push_ngram(counts.words(), &terms.keys[t as usize]);
            table.target_count.push(row.a);
            table.reference_count.push(row.b);
            table
                .target_per_million
                .push(row.a as f64 / n1 as f64 * 1e6);
            table
                .reference_per_million
                .push(row.b as f64 / n2 as f64 * 1e6);
            table.statistic.push(row.statistic);
            table.p_value.push(row.p_value);
            table.p_adjusted.push(adjusted[offset + i]);
            table.log_ratio.push(row.log_ratio);
            table.target_direction.push(row.target_direction);
            table.target_docs.push(row.target_docs);
            table.dp.push(f64::NAN);
        }
    }
    Ok(table)
}

impl Sides {
    fn new(counts: &Counts, target: &[usize], reference: &[usize]) -> Result<Sides> {
        let groups = counts.groups();
        let mut sides = Sides {
            place: vec![0; groups.len()],
            target_totals: [0; MAX_N + 1],
            reference_totals: [0; MAX_N + 1],
        };
        for (list, bit) in [(target, 1u8), (reference, 2u8)] {
            for &g in list {
                let Some(group) = groups.get(g) else {
                    return Err(Error::InvalidArgument(format!(
                        "group {g} is out of range: the counts have {} groups",
                        groups.len()
                    )));
                };
                if sides.place[g] & bit != 0 {
                    continue;
                }
                sides.place[g] |= bit;
                let totals = if bit == 1 {
                    &mut sides.target_totals
                } else {
                    &mut sides.reference_totals
                };
                for (total, positions) in totals.iter_mut().zip(&group.positions) {
                    *total += positions;
                }
            }
        }
        Ok(sides)
    }
}

impl Terms {
    /// The terms of the lengths in `options.n` in any group, stop-word n-grams left out.
    fn new(counts: &Counts, options: &KeynessOptions, control: &Control) -> Result<Terms> {
        let mut index: AHashMap<NgramKey, u32> = AHashMap::new();
        let mut keys = Vec::new();
        let mut found: Vec<(u32, u32, u64, u64)> = Vec::new();
        for (g, group) in counts.groups().iter().enumerate() {
            check(control)?;
            for (key, tally) in &group.ngrams {
                let n = key_length(key);
                if !options.n.contains(&n) {
                    continue;
                }
                let stopped = options
                    .stop
                    .is_some_and(|stop| key[..n].iter().any(|&id| stop.contains(id)));
                if stopped {
                    continue;
                }
                let t = *index.entry(*key).or_insert_with(|| {
                    keys.push(*key);
                    keys.len() as u32 - 1
                });
                found.push((t, g as u32, tally.count, tally.docs));
            }
        }
        found.par_sort_unstable();
        let mut starts = vec![0; keys.len() + 1];
        for &(t, ..) in &found {
            starts[t as usize + 1] += 1;
        }
        for t in 0..keys.len() {
            starts[t + 1] += starts[t];
        }
        let entries = found.into_iter().map(|(_, g, c, d)| (g, c, d)).collect();
        let words = counts.words();
        let mut order: Vec<([u32; MAX_N], u32)> = keys
            .par_iter()
            .enumerate()
            .map(|(t, key)| (words.sort_key(key), t as u32))
            .collect();
        order.par_sort_unstable();
        let mut rank = vec![0; keys.len()];
        for (position, &(_, t)) in order.iter().enumerate() {
            rank[t as usize] = position as u32;
        }
        Ok(Terms {
            keys,
            starts,
            entries,
            rank,
        })
    }

    fn entries(&self, t: usize) -> &[(u32, u64, u64)] {
        &self.entries[self.starts[t]..self.starts[t + 1]]
    }

    /// Term `t` scored in one comparison, or None when it is too rare there.
    fn row(&self, t: usize, sides: &Sides, prior: &Prior, options: &KeynessOptions) -> Option<Row> {
        let (mut a, mut b, mut target_docs) = (0u64, 0u64, 0u64);
        for &(g, count, docs) in self.entries(t) {
            let place = sides.place[g as usize];
            if place & 1 != 0 {
                a += count;
                target_docs += docs;
            }
            if place & 2 != 0 {
                b += count;
            }
        }
        if a + b == 0 || a + b < options.min_count {
            return None;
        }
        let n = key_length(&self.keys[t]);
        let totals = (sides.target_totals[n], sides.reference_totals[n]);
        let scored = measures::score(a, b, totals, prior.of(t, n, options), options, true);
        let p_value = match options.test {
            Test::Bag if options.measure.is_test() => scored.bag_p,
            _ => f64::NAN,
        };
        Some(Row {
            term: TermRef::Posting(t as u32),
            rank: self.rank[t],
            n: n as u8,
            target_direction: scored.target_direction,
            a,
            b,
            target_docs,
            statistic: scored.statistic,
            p_value,
            log_ratio: scored.log_ratio,
            dp: f64::NAN,
        })
    }
}

/// The Dirichlet prior of `log_odds_dirichlet`: each term's count in all
/// groups, and all groups' positions.
struct Prior {
    counts: Vec<u64>,
    totals: [u64; MAX_N + 1],
}

impl Prior {
    fn new(counts: &Counts, terms: &Terms, options: &KeynessOptions) -> Prior {
        if options.measure != KeynessMeasure::LogOddsDirichlet {
            return Prior {
                counts: Vec::new(),
                totals: [0; MAX_N + 1],
            };
        }
        let mut totals = [0; MAX_N + 1];
        for group in counts.groups() {
            for (total, positions) in totals.iter_mut().zip(&group.positions) {
                *total += positions;
            }
        }
        let counts = (0..terms.keys.len())
            .map(|t| terms.entries(t).iter().map(|&(_, count, _)| count).sum())
            .collect();
        Prior { counts, totals }
    }

    fn of(&self, t: usize, n: usize, options: &KeynessOptions) -> (f64, f64) {
        if self.counts.is_empty() {
            return (0.0, 0.0);
        }
        let scale = options.prior_scale;
        (scale * self.counts[t] as f64, scale * self.totals[n] as f64)
    }
}
