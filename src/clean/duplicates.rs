//! Near-duplicate documents: MinHash signatures, LSH banding, exact recheck.
//!
//! A document is the set of its `shingle`-token windows (w-shingling, Broder
//! 1997). Each document gets a signature of [`PERMUTATIONS`] minimum hash
//! values; two documents agree on one value with probability equal to their
//! Jaccard similarity. Signatures are cut into `bands` of `rows` values and
//! documents sharing one whole band become candidate pairs (Indyk & Motwani
//! 1998; Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3).
//! A pair with Jaccard similarity `J` becomes a candidate with probability
//! `1 - (1 - J^rows)^bands`. Every candidate is then checked on its exact
//! shingle sets, so reported similarities are exact and nothing below the
//! threshold is reported: the banding can only miss pairs, never invent them.
//!
//! Hashes are computed from term strings with fixed seeds, so results are the
//! same in every process and for any number of threads.

use crate::parallel::Control;

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::parallel::{check, step, CHUNK};
use crate::table::Table;

/// Hash functions in each signature.
pub const PERMUTATIONS: usize = 128;

/// The size ratio (smaller / larger document) down to which containment
/// banding is tuned; a truncated copy shorter than this is found less often.
pub const CONTAINMENT_SIZE_RATIO: f64 = 0.5;

/// Banding is chosen so a pair this far above the threshold (and, for
/// containment, with the size ratio above) is a candidate with probability
/// at least [`TARGET_RECALL`].
pub const RECALL_MARGIN: f64 = 0.1;
pub const TARGET_RECALL: f64 = 0.95;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Similarity {
    /// Shared shingles over all distinct shingles of the two documents.
    Jaccard,
    /// Shared shingles over the shingles of the smaller document.
    Containment,
}

impl Similarity {
    pub fn parse(name: &str) -> Result<Similarity> {
        match name {
            "jaccard" => Ok(Similarity::Jaccard),
            "containment" => Ok(Similarity::Containment),
            other => Err(Error::InvalidArgument(format!(
                "measure must be 'jaccard' or 'containment', got '{other}'"
            ))),
        }
    }
}

#[derive(Debug, Clone)]
pub struct DuplicateOptions {
    pub threshold: f64,
    pub shingle: usize,
    pub measure: Similarity,
}

/// One near-duplicate pair, `a < b` (document positions).
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicatePair {
    pub a: u32,
    pub b: u32,
    pub shared: u32,
    pub jaccard: f64,
    pub containment: f64,
}

impl DuplicatePair {
    pub fn similarity(&self, measure: Similarity) -> f64 {
        match measure {
            Similarity::Jaccard => self.jaccard,
            Similarity::Containment => self.containment,
        }
    }
}

/// Pairs of documents at or above the threshold, sorted by `(a, b)`.
/// With `groups`, only documents of the same group are compared.
pub fn near_duplicates(
    corpus: &Corpus,
    groups: Option<&[u32]>,
    options: &DuplicateOptions,
    control: &Control,
) -> Result<Vec<DuplicatePair>> {
    check_options(options)?;
    let term_hashes = term_hashes(corpus);
    let n_docs = corpus.n_docs();
    let shingler = Shingler {
        corpus,
        term_hashes: &term_hashes,
        size: options.shingle,
    };
    let signatures = signatures(&shingler, n_docs, control)?;
    let (bands, rows) = tuned_banding(options);
    let candidates = candidates(&signatures, groups, bands, rows, control)?;
    verify(&shingler, &candidates, options, control)
}

fn check_options(options: &DuplicateOptions) -> Result<()> {
    if !(options.threshold > 0.0 && options.threshold <= 1.0) {
        return Err(Error::InvalidArgument(format!(
            "threshold must be in (0, 1], got {}",
            options.threshold
        )));
    }
    if options.shingle == 0 {
        return Err(Error::InvalidArgument(
            "shingle must be at least 1 token".into(),
        ));
    }
    Ok(())
}

/// The lowest Jaccard similarity of a pair at `similarity` by `measure`:
/// itself for Jaccard; for containment `c` of a document `rho` times the
/// other's size, `J = c·rho / (1 + rho - c·rho)`, at the smallest size ratio
/// the banding is tuned for, [`CONTAINMENT_SIZE_RATIO`].
pub fn as_jaccard(similarity: f64, measure: Similarity) -> f64 {
    match measure {
        Similarity::Jaccard => similarity,
        Similarity::Containment => {
            let rho = CONTAINMENT_SIZE_RATIO;
            similarity * rho / (1.0 + rho - similarity * rho)
        }
    }
}

/// The banding for these options: tuned for pairs [`RECALL_MARGIN`] above the threshold.
pub fn tuned_banding(options: &DuplicateOptions) -> (usize, usize) {
    let target = (options.threshold + RECALL_MARGIN).min(1.0);
    banding(as_jaccard(target, options.measure))
}

/// Probability that a pair with Jaccard similarity `j` becomes a candidate.
pub fn candidate_probability(j: f64, bands: usize, rows: usize) -> f64 {
    1.0 - (1.0 - j.powi(rows as i32)).powi(bands as i32)
}

/// The most rows per band (fewest chance candidates) that still finds a pair
/// of Jaccard similarity `j` with probability at least [`TARGET_RECALL`].
pub fn banding(j: f64) -> (usize, usize) {
    (1..=16)
        .rev()
        .map(|rows| (PERMUTATIONS / rows, rows))
        .find(|&(bands, rows)| candidate_probability(j, bands, rows) >= TARGET_RECALL)
        .unwrap_or((PERMUTATIONS, 1))
}

/// MurmurHash3's 64-bit finaliser: a fast, well-mixing bijection.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// FNV-1a over the term's bytes, then mixed: fixed across processes and platforms.
fn hash_term(term: &str) -> u64 {
    let hash = term.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, byte| {
        (h ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    mix(hash)
}

fn term_hashes(corpus: &Corpus) -> Vec<u64> {
    let vocab = corpus.vocab();
    (0..vocab.len() as u32)
        .map(|id| hash_term(vocab.term(id)))
        .collect()
}

struct Shingler<'a> {
    corpus: &'a Corpus,
    term_hashes: &'a [u64],
    size: usize,
}

impl Shingler<'_> {
    /// Hash of each `size`-token window of document `d`; a document shorter
    /// than one window is one shingle of all its tokens; an empty one has none.
    fn for_each(&self, d: usize, mut visit: impl FnMut(u64)) {
        let tokens = self.corpus.doc_tokens(d);
        if tokens.is_empty() {
            return;
        }
        let width = self.size.min(tokens.len());
        for window in tokens.windows(width) {
            let hash = window.iter().fold(0x9e37_79b9_7f4a_7c15_u64, |h, &id| {
                mix(h.rotate_left(17) ^ self.term_hashes[id as usize])
            });
            visit(hash);
        }
    }

    /// The distinct shingle hashes of document `d`, sorted.
    fn set(&self, d: usize) -> Vec<u64> {
        let mut set = Vec::new();
        self.for_each(d, |hash| set.push(hash));
        set.sort_unstable();
        set.dedup();
        set
    }
}

fn seeds() -> Vec<u64> {
    (1..=PERMUTATIONS as u64)
        .map(|i| mix(i.wrapping_mul(0x9e37_79b9_7f4a_7c15)))
        .collect()
}

/// One signature per document, end to end; `None` for documents without shingles.
fn signatures(shingler: &Shingler, n_docs: usize, control: &Control) -> Result<Vec<Signature>> {
    let seeds = seeds();
    let docs: Vec<usize> = (0..n_docs).collect();
    control.expect(n_docs);
    let chunks: Vec<Vec<Signature>> = docs
        .par_chunks(CHUNK)
        .map(|chunk| {
            step(control, chunk.len())?;
            Ok(chunk
                .iter()
                .map(|&d| signature(shingler, d, &seeds))
                .collect())
        })
        .collect::<Result<_>>()?;
    Ok(chunks.into_iter().flatten().collect())
}

type Signature = Option<Box<[u32]>>;

fn signature(shingler: &Shingler, d: usize, seeds: &[u64]) -> Signature {
    let mut minimums = vec![u32::MAX; seeds.len()];
    let mut empty = true;
    shingler.for_each(d, |hash| {
        empty = false;
        for (minimum, &seed) in minimums.iter_mut().zip(seeds) {
            // The high half of a mixed 64-bit value: 32 bits keep chance agreements rare.
            let value = (mix(hash ^ seed) >> 32) as u32;
            if value < *minimum {
                *minimum = value;
            }
        }
    });
    (!empty).then(|| minimums.into_boxed_slice())
}

/// Pairs sharing a band (and a group), sorted and without repeats.
fn candidates(
    signatures: &[Signature],
    groups: Option<&[u32]>,
    bands: usize,
    rows: usize,
    control: &Control,
) -> Result<Vec<(u32, u32)>> {
    let per_band: Vec<Vec<(u32, u32)>> = (0..bands)
        .into_par_iter()
        .map(|band| {
            check(control)?;
            let mut keys: Vec<(u64, u32)> = signatures
                .iter()
                .enumerate()
                .filter_map(|(d, signature)| {
                    let values = &signature.as_ref()?[band * rows..(band + 1) * rows];
                    let group = groups.map_or(0, |g| g[d]);
                    let key = values
                        .iter()
                        .fold(mix(u64::from(group) + 1), |h, &v| mix(h ^ u64::from(v)));
                    Some((key, d as u32))
                })
                .collect();
            keys.sort_unstable();
            let mut pairs = Vec::new();
            for bucket in keys.chunk_by(|x, y| x.0 == y.0) {
                for (i, &(_, a)) in bucket.iter().enumerate() {
                    pairs.extend(bucket[i + 1..].iter().map(|&(_, b)| (a, b)));
                }
            }
            Ok(pairs)
        })
        .collect::<Result<_>>()?;
    let mut pairs: Vec<(u32, u32)> = per_band.into_iter().flatten().collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    Ok(pairs)
}

/// Exact similarities of the candidates; those at or above the threshold.
fn verify(
    shingler: &Shingler,
    candidates: &[(u32, u32)],
    options: &DuplicateOptions,
    control: &Control,
) -> Result<Vec<DuplicatePair>> {
    let mut involved: Vec<u32> = candidates.iter().flat_map(|&(a, b)| [a, b]).collect();
    involved.par_sort_unstable();
    involved.dedup();
    let sets: Vec<Vec<u64>> = involved
        .par_chunks(CHUNK)
        .map(|chunk| {
            check(control)?;
            Ok(chunk
                .iter()
                .map(|&d| shingler.set(d as usize))
                .collect::<Vec<_>>())
        })
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    let set_of = |d: u32| &sets[involved.binary_search(&d).expect("involved")];
    let chunks: Vec<Vec<DuplicatePair>> = candidates
        .par_chunks(CHUNK * 16)
        .map(|chunk| {
            check(control)?;
            Ok(chunk
                .iter()
                .map(|&(a, b)| pair(a, b, set_of(a), set_of(b)))
                .filter(|p| p.similarity(options.measure) >= options.threshold)
                .collect())
        })
        .collect::<Result<_>>()?;
    Ok(chunks.into_iter().flatten().collect())
}

fn pair(a: u32, b: u32, set_a: &[u64], set_b: &[u64]) -> DuplicatePair {
    let shared = intersection_size(set_a, set_b);
    let union = set_a.len() + set_b.len() - shared;
    let smaller = set_a.len().min(set_b.len());
    DuplicatePair {
        a,
        b,
        shared: shared as u32,
        jaccard: shared as f64 / union as f64,
        containment: shared as f64 / smaller as f64,
    }
}

fn intersection_size(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// Which document to keep when dropping near-duplicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    First,
    Longest,
}

impl Keep {
    pub fn parse(name: &str) -> Result<Keep> {
        match name {
            "first" => Ok(Keep::First),
            "longest" => Ok(Keep::Longest),
            other => Err(Error::InvalidArgument(format!(
                "keep must be 'first' or 'longest', got '{other}'"
            ))),
        }
    }
}

/// The pairs as a table: `a`, `b` (document positions), `shared`,
/// `jaccard`, `containment`.
pub fn pair_table(pairs: &[DuplicatePair]) -> Table {
    Table::new()
        .with("a", pairs.iter().map(|p| p.a).collect::<Vec<_>>())
        .with("b", pairs.iter().map(|p| p.b).collect::<Vec<_>>())
        .with("shared", pairs.iter().map(|p| p.shared).collect::<Vec<_>>())
        .with(
            "jaccard",
            pairs.iter().map(|p| p.jaccard).collect::<Vec<_>>(),
        )
        .with(
            "containment",
            pairs.iter().map(|p| p.containment).collect::<Vec<_>>(),
        )
}

/// [`resolve`] as a table, a row per document: `duplicate_of`, the kept
/// document it duplicates (-1 if it is kept), and that pair's `jaccard`
/// and `containment` (NaN if kept).
pub fn drop_table(
    corpus: &Corpus,
    pairs: &[DuplicatePair],
    keep: Keep,
    measure: Similarity,
) -> Table {
    let resolved = resolve(corpus, pairs, keep, measure);
    let other = |d: usize, p: &DuplicatePair| i64::from(if p.a as usize == d { p.b } else { p.a });
    let duplicate_of: Vec<i64> = resolved
        .iter()
        .enumerate()
        .map(|(d, p)| p.map_or(-1, |p| other(d, p)))
        .collect();
    let similarity = |of: fn(&DuplicatePair) -> f64| -> Vec<f64> {
        resolved.iter().map(|p| p.map_or(f64::NAN, of)).collect()
    };
    Table::new()
        .with("duplicate_of", duplicate_of)
        .with("jaccard", similarity(|p| p.jaccard))
        .with("containment", similarity(|p| p.containment))
}

/// For each document, the kept document it duplicates (and the pair), or
/// `None` if it is kept. Documents are visited in order of preference (the
/// first, or the longest then the first); one is dropped only when it is a
/// near-duplicate of a document already kept, so nothing is dropped for
/// resembling a document that was itself dropped.
pub fn resolve<'p>(
    corpus: &Corpus,
    pairs: &'p [DuplicatePair],
    keep: Keep,
    measure: Similarity,
) -> Vec<Option<&'p DuplicatePair>> {
    let n_docs = corpus.n_docs();
    let mut neighbours: Vec<Vec<&DuplicatePair>> = vec![Vec::new(); n_docs];
    for pair in pairs {
        neighbours[pair.a as usize].push(pair);
        neighbours[pair.b as usize].push(pair);
    }
    let mut order: Vec<usize> = (0..n_docs).collect();
    if keep == Keep::Longest {
        order.sort_by_key(|&d| std::cmp::Reverse(corpus.doc_tokens(d).len()));
    }
    let mut kept = vec![false; n_docs];
    let mut duplicate_of = vec![None; n_docs];
    for d in order {
        let other = |p: &DuplicatePair| if p.a as usize == d { p.b } else { p.a } as usize;
        let best = neighbours[d]
            .iter()
            .filter(|p| kept[other(p)])
            .max_by(|x, y| {
                x.similarity(measure)
                    .total_cmp(&y.similarity(measure))
                    .then_with(|| other(y).cmp(&other(x)))
            });
        match best {
            Some(pair) => duplicate_of[d] = Some(*pair),
            None => kept[d] = true,
        }
    }
    duplicate_of
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::run;
    use crate::tokenize::{Tokenizer, TokenizerConfig};

    fn build(texts: &[String]) -> Corpus {
        let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
        run(2, || Corpus::build(texts, &tokenizer, &Control::default())).unwrap()
    }

    fn options(threshold: f64, measure: Similarity) -> DuplicateOptions {
        DuplicateOptions {
            threshold,
            shingle: 3,
            measure,
        }
    }

    fn find(corpus: &Corpus, groups: Option<&[u32]>, o: &DuplicateOptions) -> Vec<DuplicatePair> {
        run(2, || {
            near_duplicates(corpus, groups, o, &Control::default())
        })
        .unwrap()
    }

    fn words(n: usize, offset: usize) -> String {
        (offset..offset + n)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn exact_similarities_by_hand() {
        // 12 tokens -> 10 trigrams each; the second shares the first 8 trigrams
        // (tokens 0..10) and adds 2 of its own: J = 8 / 12, containment 8 / 10.
        let texts = vec![
            words(12, 0),
            format!("{} x1 x2", words(10, 0)),
            words(12, 100),
        ];
        let corpus = build(&texts);
        let pairs = find(&corpus, None, &options(0.5, Similarity::Jaccard));
        assert_eq!(pairs.len(), 1);
        let p = &pairs[0];
        assert_eq!((p.a, p.b, p.shared), (0, 1, 8));
        assert!((p.jaccard - 8.0 / 12.0).abs() < 1e-12);
        assert!((p.containment - 0.8).abs() < 1e-12);
        assert!(find(&corpus, None, &options(0.7, Similarity::Jaccard)).is_empty());
    }

    #[test]
    fn containment_finds_a_truncated_copy() {
        // 60 of 100 tokens: J = 58 / 98 = 0.59, containment 1.0.
        let texts = vec![words(100, 0), words(60, 0)];
        let corpus = build(&texts);
        assert!(find(&corpus, None, &options(0.8, Similarity::Jaccard)).is_empty());
        let pairs = find(&corpus, None, &options(0.8, Similarity::Containment));
        assert_eq!(pairs.len(), 1);
        assert_eq!(pairs[0].containment, 1.0);
    }

    #[test]
    fn groups_and_empty_documents() {
        let texts = vec![words(20, 0), words(20, 0), String::new(), String::new()];
        let corpus = build(&texts);
        assert_eq!(
            find(&corpus, None, &options(0.9, Similarity::Jaccard)).len(),
            1
        );
        let apart = [0, 1, 0, 0];
        assert!(find(&corpus, Some(&apart), &options(0.9, Similarity::Jaccard)).is_empty());
    }

    #[test]
    fn banding_meets_the_recall_target() {
        for threshold in [0.3, 0.5, 0.8, 0.9] {
            for measure in [Similarity::Jaccard, Similarity::Containment] {
                let o = options(threshold, measure);
                let j = as_jaccard((threshold + RECALL_MARGIN).min(1.0), measure);
                let (bands, rows) = tuned_banding(&o);
                assert!(bands * rows <= PERMUTATIONS);
                assert!(candidate_probability(j, bands, rows) >= TARGET_RECALL);
                if rows < 16 {
                    let fewer = PERMUTATIONS / (rows + 1);
                    assert!(candidate_probability(j, fewer, rows + 1) < TARGET_RECALL);
                }
            }
        }
        // By hand: 1 - (1 - 0.9^12)^10 = 0.964; with 13 rows, 1 - (1 - 0.9^13)^9 = 0.928.
        assert_eq!(banding(0.9), (10, 12));
    }

    #[test]
    fn keep_first_or_longest() {
        let texts = vec![words(30, 0), words(40, 0), words(30, 0)];
        let corpus = build(&texts);
        let pairs = find(&corpus, None, &options(0.7, Similarity::Containment));
        assert_eq!(pairs.len(), 3);
        let first = resolve(&corpus, &pairs, Keep::First, Similarity::Containment);
        assert!(first[0].is_none());
        // Document 2 is identical to 0 (containment 1, as with 1): ties go to the earlier.
        assert_eq!(first[2].map(|p| (p.a, p.b)), Some((0, 2)));
        let longest = resolve(&corpus, &pairs, Keep::Longest, Similarity::Containment);
        assert!(longest[1].is_none());
        assert_eq!(longest[0].map(|p| (p.a, p.b)), Some((0, 1)));
    }

    #[test]
    fn hashes_are_fixed() {
        // FNV-1a of "a" is 0xaf63dc4c8601ec8c (the published test vector), then mixed;
        // a change here changes which pairs are candidates in every process.
        let fnv_a = 0xaf63_dc4c_8601_ec8c_u64;
        assert_eq!(hash_term("a"), mix(fnv_a));
        assert_eq!(mix(0), 0);
        assert_eq!(mix(1), 0xb456_bcfc_34c2_cb2c);
    }
}
