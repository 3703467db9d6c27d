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

//!
//! Every comparison is computed from [`Postings`] built once per call: a
//! term's counts on each side are sums over its postings, so a contrast of
//! eight groups reads the corpus once, not sixteen times.

mod blocks;
mod counted;
mod documents;
mod measures;

pub use counted::counted_contrast;

use crate::parallel::Control;

use ahash::AHashMap;
use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::count::{check_n, NgramKey, StopSet, MAX_N};
use crate::error::{Error, Result};
use crate::parallel::check;
use crate::score::ngram_text;
use crate::score::postings::Postings;
use crate::stats::{ordered_bits, Correction};
use crate::strings::Strings;
use blocks::{Blocks, SideBlocks, TermBlocks};

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
    pub term: Strings,
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

impl From<KeynessTable> for crate::table::Table {
    fn from(rows: KeynessTable) -> Self {
        crate::table::Table::new()
            .with("comparison", rows.comparison)
            .with("term", rows.term)
            .with("target_count", rows.target_count)
            .with("reference_count", rows.reference_count)
            .with("target_per_million", rows.target_per_million)
            .with("reference_per_million", rows.reference_per_million)
            .with("statistic", rows.statistic)
            .with("p_value", rows.p_value)
            .with("p_adjusted", rows.p_adjusted)
            .with("log_ratio", rows.log_ratio)
            // True where the term leans to the target: Python labels it
            // "target" / "reference", a categorical with no str per row.
            .with("direction", rows.target_direction)
            .with("target_docs", rows.target_docs)
            .with("dp", rows.dp)
    }
}

/// Compare one target with one reference.
pub fn keyness(
    corpus: &Corpus,
    target: &[usize],
    reference: Reference,
    options: &KeynessOptions,
    control: &Control,
) -> Result<KeynessTable> {
    let reference_docs = match reference {
        Reference::Documents(docs) => docs,
        Reference::Counts(_) => &[],
    };
    let (mut cx, mut layouts) =
        Context::new(corpus, &[(target, reference_docs)], options, control)?;
    let mut layout = layouts.remove(0);
    let external = match reference {
        Reference::Counts(counts) => {
            let mut external = External::new(&cx, counts)?;
            cx.rank_with(&mut external);
            layout.reference.totals[options.n[0]] = counts.total;
            Some(external)
        }
        Reference::Documents(_) => None,
    };
    let rows = cx
        .compare_all(std::slice::from_ref(&layout), external.as_ref(), control)?
        .remove(0);
    let picked: Vec<Picked> = kept(&rows, options)
        .into_iter()
        .map(|i| Picked {
            comparison: 0,
            position: i as u32,
            adjusted: i,
        })
        .collect();
    let wanted: Vec<usize> = picked.iter().map(|pick| pick.adjusted).collect();
    let adjusted = options.correction.adjust_some(&p_values(&rows), &wanted);
    let mut compared = [(layout, rows)];
    cx.disperse(&picked, &mut compared, control)?;
    Ok(cx.emit(&picked, &compared, &adjusted, external.as_ref()))
}

/// Compare each (target, reference) pair of document sets, correcting p-values
/// over the whole family of terms x comparisons.
pub fn contrast(
    corpus: &Corpus,
    comparisons: &[(Vec<usize>, Vec<usize>)],
    options: &KeynessOptions,
    control: &Control,
) -> Result<KeynessTable> {
    let pairs: Vec<(&[usize], &[usize])> = comparisons
        .iter()
        .map(|(target, reference)| (target.as_slice(), reference.as_slice()))
        .collect();
    let (mut cx, layouts) = Context::new(corpus, &pairs, options, control)?;
    cx.defer_p = options.top.is_some()
        && options.test == Test::Bag
        && matches!(options.measure, KeynessMeasure::Llr | KeynessMeasure::Chi2)
        && options.correction != Correction::FdrBh;
    let rows = cx.compare_all(&layouts, None, control)?;
    let mut compared: Vec<(Layout, Ranked)> = layouts.into_iter().zip(rows).collect();
    let mut starts = Vec::with_capacity(compared.len());
    let mut offset = 0;
    for (_, rows) in &compared {
        starts.push(offset);
        offset += rows.len();
    }
    let mut picked: Vec<Picked> = compared
        .iter()
        .enumerate()
        .flat_map(|(c, (_, rows))| {
            let start = starts[c];
            kept(rows, options).into_iter().map(move |i| Picked {
                comparison: c as u32,
                position: i as u32,
                adjusted: start + i,
            })
        })
        .collect();
    let adjusted = if cx.defer_p {
        // Each picked row's adjusted p-value in the picked order.
        let adjusted = deferred_adjusted(&mut compared, &picked, options.correction);
        for (k, pick) in picked.iter_mut().enumerate() {
            pick.adjusted = k;
        }
        adjusted
    } else {
        let p: Vec<f64> = compared
            .iter()
            .flat_map(|(_, rows)| p_values(rows))
            .collect();
        let wanted: Vec<usize> = picked.iter().map(|pick| pick.adjusted).collect();
        options.correction.adjust_some(&p, &wanted)
    };
    cx.disperse(&picked, &mut compared, control)?;
    Ok(cx.emit(&picked, &compared, &adjusted, None))
}

/// A row chosen for the table: which comparison, its place in that
/// comparison's order, and where its adjusted p-value is.
struct Picked {
    comparison: u32,
    position: u32,
    adjusted: usize,
}

/// Rows written per parallel task when building the table.
const ROWS_PER_TASK: usize = 1 << 16;

/// Where a local document stands in one comparison: a bit for each side (a
/// document may be on both, and then counts on both).
const TARGET: u8 = 1;
const REFERENCE: u8 = 2;

/// One side of a comparison.
#[derive(Default)]
struct Side {
    /// Its local documents, each once, in the order given.
    members: Vec<u32>,
    /// N-gram positions of each length.
    totals: [u64; MAX_N + 1],
    /// Documents with at least one position of each length.
    nonempty: [usize; MAX_N + 1],
}

/// One comparison: the place of each local document, and both sides.
struct Layout {
    place: Vec<u8>,
    target: Side,
    reference: Side,
}

/// Whole-corpus counts of every n-gram: the Dirichlet prior (only when needed).
struct Prior {
    counts: AHashMap<NgramKey, u64>,
    totals: [u64; MAX_N + 1],
}

/// An external reference table, matched to the postings' terms.
struct External {
    /// Reference count of each postings term (0 when the table lacks it).
    counts: Vec<u64>,
    /// Terms of the table the target never uses, with their counts: n-grams of
    /// the vocabulary, or texts the corpus does not hold at all.
    keys: Vec<(NgramKey, u64)>,
    texts: Vec<(String, u64)>,
    /// Ranks of `keys` and `texts` in code point order among all terms.
    key_ranks: Vec<u32>,
    text_ranks: Vec<u32>,
}

/// A term of a comparison: a postings term, or one only the external table has.
#[derive(Clone, Copy)]
enum TermRef {
    Posting(u32),
    Key(u32),
    Text(u32),
}

/// One scored term of one comparison.
#[derive(Clone, Copy)]
struct Row {
    term: TermRef,
    /// Place of the term in code point order among all terms of the call.
    rank: u32,
    n: u8,
    target_direction: bool,
    a: u64,
    b: u64,
    target_docs: u64,
    statistic: f64,
    p_value: f64,
    log_ratio: f64,
    dp: f64,
}

/// Terms per parallel task when scoring a comparison (fixed, so results never depend on threads).
const TERMS_PER_TASK: usize = 4096;

/// What every comparison of one call shares.
struct Context<'a> {
    corpus: &'a Corpus,
    options: &'a KeynessOptions<'a>,
    /// Local document -> corpus document.
    docs: Vec<usize>,
    postings: Postings,
    /// The blocks the postings count by, when they count by blocks.
    blocks: Option<Blocks>,
    /// Each postings term's text, built in postings order (for unigrams, id
    /// order): copying from here in row order is cheaper than looking each
    /// n-gram's words up in the vocabulary.
    texts: Strings,
    /// Each postings term's rank in code point order of the terms' texts: ties
    /// of the statistic are broken by it.
    rank: Vec<u32>,
    prior: Option<Prior>,
    /// Leave G² and X² p-values uncomputed ([`deferred_p_values`] finds the
    /// ones the kept rows need).
    defer_p: bool,
}

impl<'a> Context<'a> {
    /// Postings over every document of `comparisons` (target, reference),
    /// and the layout of each comparison.
    ///
    /// With the bag test and `top` rows kept, the postings count by blocks
    /// of documents (the few sets of documents that stand alike in every
    /// comparison) and dispersion is found for the kept rows alone
    /// ([`Context::disperse`]): a contrast of eight groups then reads eight
    /// counts per term instead of every document holding it.
    fn new(
        corpus: &'a Corpus,
        comparisons: &[(&[usize], &[usize])],
        options: &'a KeynessOptions<'a>,
        control: &Control,
    ) -> Result<(Context<'a>, Vec<Layout>)> {
        for &n in &options.n {
            check_n(n)?;
        }
        let mut local = vec![u32::MAX; corpus.n_docs()];
        for &d in comparisons
            .iter()
            .flat_map(|(target, reference)| target.iter().chain(reference.iter()))
        {
            match local.get_mut(d) {
                Some(slot) => *slot = 0,
                None => {
                    return Err(Error::InvalidArgument(format!(
                        "document {d} is out of range: the corpus has {} documents",
                        corpus.n_docs()
                    )))
                }
            }
        }
        let mut docs = Vec::new();
        for (d, slot) in local.iter_mut().enumerate() {
            if *slot == 0 {
                *slot = docs.len() as u32;
                docs.push(d);
            }
        }
        let sizes = crate::score::postings::sizes(corpus, &docs, &options.n);
        let layouts: Vec<Layout> = comparisons
            .iter()
            .map(|(target, reference)| layout(&local, &sizes, target, reference))
            .collect();
        let by_blocks = options.test == Test::Bag && options.top.is_some();
        let (postings, blocks) = if by_blocks {
            let blocks = Blocks::new(&sizes, &layouts);
            let postings = Postings::by_blocks(
                corpus,
                &docs,
                sizes,
                blocks.of_doc(),
                blocks.len(),
                &options.n,
                options.stop,
                control,
            )?;
            (postings, Some(blocks))
        } else {
            let postings = Postings::build(corpus, &docs, &options.n, options.stop, control)?;
            (postings, None)
        };
        let vocab = corpus.vocab();
        let mut order: Vec<([u32; MAX_N], u32)> = (0..postings.len())
            .into_par_iter()
            .map(|t| (vocab.sort_key(&postings.keys[t]), t as u32))
            .collect();
        order.par_sort_unstable();
        let mut rank = vec![0; order.len()];
        for (position, &(_, t)) in order.iter().enumerate() {
            rank[t as usize] = position as u32;
        }
        let prior = prior_counts(corpus, options, control)?;
        let mut texts = Strings::default();
        for key in &postings.keys {
            texts.push_ngram(vocab, key);
        }
        let cx = Context {
            corpus,
            options,
            docs,
            texts,
            postings,
            blocks,
            rank,
            prior,
            defer_p: false,
        };
        Ok((cx, layouts))
    }

    /// Rank the postings' terms and an external table's together, by their texts.
    fn rank_with(&mut self, external: &mut External) {
        let vocab = self.corpus.vocab();
        let mut texts: Vec<(String, TermRef)> = (0..self.postings.len())
            .map(|t| {
                (
                    ngram_text(vocab, &self.postings.keys[t]),
                    TermRef::Posting(t as u32),
                )
            })
            .collect();
        texts.extend((0..external.keys.len()).map(|i| {
            let text = ngram_text(vocab, &external.keys[i].0);
            (text, TermRef::Key(i as u32))
        }));
        texts.extend(
            (0..external.texts.len())
                .map(|i| (external.texts[i].0.clone(), TermRef::Text(i as u32))),
        );
        texts.par_sort_unstable_by(|x, y| x.0.cmp(&y.0));
        external.key_ranks = vec![0; external.keys.len()];
        external.text_ranks = vec![0; external.texts.len()];
        for (rank, (_, term)) in texts.into_iter().enumerate() {
            let rank = rank as u32;
            match term {
                TermRef::Posting(t) => self.rank[t as usize] = rank,
                TermRef::Key(i) => external.key_ranks[i as usize] = rank,
                TermRef::Text(i) => external.text_ranks[i as usize] = rank,
            }
        }
    }

    /// Score every term seen on either side of each comparison (at least
    /// `min_count` times in all), most key for the target first. Terms are
    /// read once for all comparisons: their counts per block of documents,
    /// then each comparison's sides as sums of blocks.
    fn compare_all(
        &self,
        layouts: &[Layout],
        external: Option<&External>,
        control: &Control,
    ) -> Result<Vec<Ranked>> {
        let owned;
        let blocks = match &self.blocks {
            Some(blocks) => blocks,
            None => {
                owned = Blocks::new(&self.postings.sizes, layouts);
                &owned
            }
        };
        let sides: Vec<(SideBlocks, SideBlocks)> = layouts
            .iter()
            .map(|layout| {
                (
                    blocks.side(layout, &layout.target, TARGET),
                    blocks.side(layout, &layout.reference, REFERENCE),
                )
            })
            .collect();
        let terms = self.postings.len();
        let tasks = terms.div_ceil(TERMS_PER_TASK);
        let per_task: Vec<Vec<Vec<Row>>> = (0..tasks)
            .into_par_iter()
            .map(|task| {
                check(control)?;
                let mut rows: Vec<Vec<Row>> = vec![Vec::new(); layouts.len()];
                let mut counts = TermBlocks::new(blocks.len());
                for t in task * TERMS_PER_TASK..((task + 1) * TERMS_PER_TASK).min(terms) {
                    counts.fill(&self.postings, t, blocks);
                    for (c, layout) in layouts.iter().enumerate() {
                        let row = self.posting_row(t, layout, &sides[c], &counts, external);
                        if let Some(row) = row {
                            rows[c].push(row);
                        }
                    }
                }
                Ok(rows)
            })
            .collect::<Result<_>>()?;
        let mut parts: Vec<Vec<Vec<Row>>> = (0..layouts.len()).map(|_| Vec::new()).collect();
        for task in per_task {
            for (c, rows) in task.into_iter().enumerate() {
                parts[c].push(rows);
            }
        }
        parts
            .into_par_iter()
            .zip(layouts)
            .map(|(mut parts, layout)| {
                if let Some(external) = external {
                    parts.push(self.external_rows(layout, external).collect());
                }
                check(control)?;
                let mut ranked = Ranked::new(parts, self.options);
                if let Test::Bootstrap { samples, seed } = self.options.test {
                    let terms: Vec<usize> = ranked
                        .iter()
                        .map(|row| match row.term {
                            TermRef::Posting(t) => t as usize,
                            _ => unreachable!("an external table has no documents to resample"),
                        })
                        .collect();
                    let p = documents::bootstrap_p_values(
                        &self.postings,
                        &terms,
                        layout,
                        (samples, seed),
                        control,
                    )?;
                    for (i, p) in p.into_iter().enumerate() {
                        ranked.get_mut(i).p_value = p;
                    }
                }
                Ok(ranked)
            })
            .collect()
    }

    fn posting_row(
        &self,
        t: usize,
        layout: &Layout,
        (target, reference): &(SideBlocks, SideBlocks),
        counts: &TermBlocks,
        external: Option<&External>,
    ) -> Option<Row> {
        let (a, target_docs) = counts.on(target);
        let (mut b, _) = counts.on(reference);
        if let Some(external) = external {
            b += external.counts[t];
        }
        if a + b == 0 || a + b < self.options.min_count {
            return None;
        }
        let n = self.postings.length(t);
        let key = &self.postings.keys[t];
        let mut row = self.row(
            TermRef::Posting(t as u32),
            self.rank[t],
            n,
            Some(key),
            a,
            b,
            layout,
        );
        row.target_docs = target_docs;
        row.dp = match target.single {
            Some(block) => counts.dp[block as usize],
            // By blocks, the kept rows get theirs afterwards (`disperse`).
            None if self.postings.is_by_blocks() => f64::NAN,
            None => documents::dispersion(&self.postings, t, layout, a),
        };
        if self.options.test == Test::Wilcoxon {
            row.p_value = documents::rank_sum_p(&self.postings, t, layout);
        }
        Some(row)
    }

    /// Rows of the terms only the external table has (the target count is 0).
    fn external_rows<'e>(
        &'e self,
        layout: &'e Layout,
        external: &'e External,
    ) -> impl Iterator<Item = Row> + 'e {
        let n = self.options.n[0];
        let keys = external.keys.iter().enumerate().map(move |(i, (key, b))| {
            let rank = external.key_ranks[i];
            self.row(TermRef::Key(i as u32), rank, n, Some(key), 0, *b, layout)
        });
        let texts = external.texts.iter().enumerate().map(move |(i, (_, b))| {
            let rank = external.text_ranks[i];
            self.row(TermRef::Text(i as u32), rank, n, None, 0, *b, layout)
        });
        keys.chain(texts)
            .filter(|row| row.b >= self.options.min_count)
    }

    /// A row scored from its counts; `key` is None for a text outside the vocabulary.
    #[allow(clippy::too_many_arguments)]
    fn row(
        &self,
        term: TermRef,
        rank: u32,
        n: usize,
        key: Option<&NgramKey>,
        a: u64,
        b: u64,
        layout: &Layout,
    ) -> Row {
        let totals = (layout.target.totals[n], layout.reference.totals[n]);
        let prior = self.prior.as_ref().map_or((0.0, 0.0), |prior| {
            let count = key
                .and_then(|key| prior.counts.get(key).copied())
                .unwrap_or(a + b);
            let scale = self.options.prior_scale;
            (scale * count as f64, scale * prior.totals[n] as f64)
        });
        let scored = measures::score(a, b, totals, prior, self.options, !self.defer_p);
        let p_value = match self.options.test {
            Test::Bag if self.options.measure.is_test() => scored.bag_p,
            _ => f64::NAN,
        };
        Row {
            term,
            rank,
            n: n as u8,
            target_direction: scored.target_direction,
            a,
            b,
            target_docs: 0,
            statistic: scored.statistic,
            p_value,
            log_ratio: scored.log_ratio,
            dp: f64::NAN,
        }
    }

    /// Gries' DP and target documents of the picked rows, when the postings
    /// count by blocks and so could not give them: each comparison's target
    /// documents read once for the n-grams of its picked rows (see
    /// [`documents::dispersions`]).
    fn disperse(
        &self,
        picked: &[Picked],
        compared: &mut [(Layout, Ranked)],
        control: &Control,
    ) -> Result<()> {
        if !self.postings.is_by_blocks() {
            return Ok(());
        }
        for (c, (layout, rows)) in compared.iter_mut().enumerate() {
            let mine: Vec<usize> = picked
                .iter()
                .filter(|pick| pick.comparison as usize == c)
                .map(|pick| pick.position as usize)
                .filter(|&i| matches!(rows.get(i).term, TermRef::Posting(_)))
                .collect();
            if mine.is_empty() {
                continue;
            }
            let terms: Vec<(NgramKey, u64)> = mine
                .iter()
                .map(|&i| {
                    let row = rows.get(i);
                    let TermRef::Posting(t) = row.term else {
                        unreachable!("filtered to postings terms above")
                    };
                    (self.postings.keys[t as usize], row.a)
                })
                .collect();
            let members: Vec<(usize, usize)> = layout
                .target
                .members
                .iter()
                .map(|&local| (self.docs[local as usize], local as usize))
                .collect();
            let dp = documents::dispersions(
                self.corpus,
                &members,
                &self.postings.sizes,
                &layout.target.totals,
                &terms,
                control,
            )?;
            for (&i, (dp, docs)) in mine.iter().zip(dp) {
                let row = rows.get_mut(i);
                (row.dp, row.target_docs) = (dp, docs);
            }
        }
        Ok(())
    }

    /// The table of the picked rows, in order. Every column is allocated once
    /// at its full length and filled in parallel, a block of rows per task:
    /// a large contrast has millions of rows, and growing and then joining
    /// columns would write every byte twice.
    fn emit(
        &self,
        picked: &[Picked],
        compared: &[(Layout, Ranked)],
        adjusted: &[f64],
        external: Option<&External>,
    ) -> KeynessTable {
        let total = picked.len();
        let mut table = KeynessTable {
            comparison: vec![0; total],
            term: Strings::default(),
            target_count: vec![0; total],
            reference_count: vec![0; total],
            target_per_million: vec![0.0; total],
            reference_per_million: vec![0.0; total],
            statistic: vec![0.0; total],
            p_value: vec![0.0; total],
            p_adjusted: vec![0.0; total],
            log_ratio: vec![0.0; total],
            target_direction: vec![false; total],
            target_docs: vec![0; total],
            dp: vec![0.0; total],
        };
        let k = ROWS_PER_TASK;
        let terms: Vec<Strings> = (
            table.comparison.par_chunks_mut(k),
            table.target_count.par_chunks_mut(k),
            table.reference_count.par_chunks_mut(k),
            table.target_per_million.par_chunks_mut(k),
            table.reference_per_million.par_chunks_mut(k),
            table.statistic.par_chunks_mut(k),
            table.p_value.par_chunks_mut(k),
            table.p_adjusted.par_chunks_mut(k),
            table.log_ratio.par_chunks_mut(k),
            table.target_direction.par_chunks_mut(k),
            table.target_docs.par_chunks_mut(k),
            table.dp.par_chunks_mut(k),
        )
            .into_par_iter()
            .zip(picked.par_chunks(k))
            .map(|(columns, picked)| {
                let (comparison, a, b, a_pm, b_pm, statistic, p, p_adj, lr, direction, docs, dp) =
                    columns;
                let mut terms = Strings::default();
                for (j, pick) in picked.iter().enumerate() {
                    let (layout, rows) = &compared[pick.comparison as usize];
                    let row = rows.get(pick.position as usize);
                    let n = row.n as usize;
                    self.push_term(&mut terms, row.term, external);
                    comparison[j] = pick.comparison;
                    a[j] = row.a;
                    b[j] = row.b;
                    a_pm[j] = row.a as f64 / layout.target.totals[n] as f64 * 1e6;
                    b_pm[j] = row.b as f64 / layout.reference.totals[n] as f64 * 1e6;
                    statistic[j] = row.statistic;
                    p[j] = row.p_value;
                    p_adj[j] = adjusted[pick.adjusted];
                    lr[j] = row.log_ratio;
                    direction[j] = row.target_direction;
                    docs[j] = row.target_docs;
                    dp[j] = row.dp;
                }
                terms
            })
            .collect();
        for part in &terms {
            table.term.append(part);
        }
        table
    }

    fn push_term(&self, terms: &mut Strings, term: TermRef, external: Option<&External>) {
        let vocab = self.corpus.vocab();
        match (term, external) {
            (TermRef::Posting(t), _) => terms.push(self.texts.get(t as usize)),
            (TermRef::Key(k), Some(e)) => terms.push_ngram(vocab, &e.keys[k as usize].0),
            (TermRef::Text(k), Some(e)) => terms.push(&e.texts[k as usize].0),
            _ => unreachable!("external terms come with their table"),
        }
    }
}

impl External {
    /// Match the table's texts to the postings' n-grams of the one length asked for.
    fn new(cx: &Context, reference: &ReferenceCounts) -> Result<External> {
        let n = cx.options.n[0];
        let index: AHashMap<&NgramKey, usize> = cx
            .postings
            .keys
            .iter()
            .enumerate()
            .map(|(t, key)| (key, t))
            .collect();
        let mut external = External {
            counts: vec![0; cx.postings.len()],
            keys: Vec::new(),
            texts: Vec::new(),
            key_ranks: Vec::new(),
            text_ranks: Vec::new(),
        };
        let vocab = cx.corpus.vocab();
        for (text, &count) in &reference.counts {
            let words: Vec<&str> = text.split(' ').collect();
            if words.len() != n {
                continue;
            }
            let ids: Option<Vec<u32>> = words.iter().map(|w| vocab.id(w)).collect();
            let Some(ids) = ids else {
                external.texts.push((text.clone(), count));
                continue;
            };
            if ids
                .iter()
                .any(|&id| cx.options.stop.is_some_and(|s| s.contains(id)))
            {
                continue;
            }
            let mut key = [u32::MAX; MAX_N];
            key[..n].copy_from_slice(&ids);
            match index.get(&key) {
                Some(&t) => external.counts[t] += count,
                None => external.keys.push((key, count)),
            }
        }
        Ok(external)
    }
}

/// Where each local document stands in one comparison, and its two sides.
fn layout(
    local: &[u32],
    sizes: &[[u64; MAX_N + 1]],
    target: &[usize],
    reference: &[usize],
) -> Layout {
    let mut place = vec![0u8; sizes.len()];
    let target = side(local, sizes, &mut place, TARGET, target);
    let reference = side(local, sizes, &mut place, REFERENCE, reference);
    Layout {
        place,
        target,
        reference,
    }
}

fn side(
    local: &[u32],
    sizes: &[[u64; MAX_N + 1]],
    place: &mut [u8],
    bit: u8,
    docs: &[usize],
) -> Side {
    let mut side = Side::default();
    for &d in docs {
        let doc = local[d];
        if place[doc as usize] & bit == 0 {
            place[doc as usize] |= bit;
            side.members.push(doc);
            for (n, &positions) in sizes[doc as usize].iter().enumerate().skip(1) {
                side.totals[n] += positions;
                side.nonempty[n] += usize::from(positions > 0);
            }
        }
    }
    side
}

/// An integer that sorts as `x` sorts in descending order, every NaN last.
fn descending(x: f64) -> u64 {
    if x.is_nan() {
        return u64::MAX;
    }
    // Only NaN bit patterns would reach u64::MAX, so it is free for them.
    !ordered_bits(x)
}

/// The p-values and log ratios (written into the rows) and adjusted p-values (returned, in
/// the order of `picked`) of the picked rows, when the rows were scored
/// without their G² or X² p-values: only the p-values the correction reads
/// are computed, exactly as [`Correction::adjust_some`] would give them.
///
/// p = `chi2_sf_1(|s|)` falls as |s| grows, so Holm's value at a picked row
/// reads only rows of |s| at least the smallest picked |s|, x. From |s| >= 1
/// on, p falls by at least 0.7% for each 1% of |s|, so a row below
/// x (1 - 1e-6) has a p at least 7e-9 (relatively) above x's, far beyond
/// rounding; below p = 1e-290 (|s| about 1,330) p loses precision and reaches
/// 0, so there every row of |s| at least 1,300 is read. Ties need no order:
/// Holm gives every row of a tie the same value.
fn deferred_adjusted(
    compared: &mut [(Layout, Ranked)],
    picked: &[Picked],
    correction: Correction,
) -> Vec<f64> {
    let mut p = Vec::with_capacity(picked.len());
    for pick in picked {
        let (layout, rows) = &mut compared[pick.comparison as usize];
        let row = rows.get_mut(pick.position as usize);
        let n = row.n as usize;
        let totals = (layout.target.totals[n], layout.reference.totals[n]);
        row.log_ratio = measures::log_ratio(row.a, row.b, totals.0, totals.1);
        row.p_value = measures::chi2_p(row.statistic);
        p.push(row.p_value);
    }
    let smallest = picked
        .iter()
        .map(|pick| {
            compared[pick.comparison as usize]
                .1
                .get(pick.position as usize)
        })
        .map(|row| row.statistic.abs())
        .filter(|x| !x.is_nan())
        .fold(f64::INFINITY, f64::min);
    let from = if smallest < 1.0 {
        0.0
    } else if measures::chi2_p(smallest) >= 1e-290 {
        smallest * (1.0 - 1e-6)
    } else {
        (smallest * (1.0 - 1e-6)).min(1300.0)
    };
    // The size of the family and the p-values at or below the largest
    // picked one, rows read where they lie (their order does not matter).
    let (tested, mut low) = compared
        .par_iter()
        .flat_map_iter(|(_, rows)| rows.parts.iter())
        .map(|rows| {
            let tested = rows.iter().filter(|row| !row.statistic.is_nan()).count();
            let low: Vec<f64> = rows
                .iter()
                .map(|row| row.statistic.abs())
                .filter(|&x| x >= from)
                .map(measures::chi2_p)
                .collect();
            (tested, low)
        })
        .reduce(
            || (0, Vec::new()),
            |(n, mut a), (m, b)| {
                a.extend(b);
                (n + m, a)
            },
        );
    let m = tested as f64;
    match correction {
        Correction::None => p,
        Correction::Bonferroni => p.iter().map(|&p| (p * m).min(1.0)).collect(),
        Correction::Holm => {
            low.par_sort_unstable_by_key(|&p| ordered_bits(p));
            let mut running = 0.0f64;
            let holm: Vec<f64> = low
                .iter()
                .enumerate()
                .map(|(rank, &p)| {
                    running = running.max((m - rank as f64) * p);
                    running.min(1.0)
                })
                .collect();
            p.iter()
                .map(|&p| match low.partition_point(|&q| q <= p) {
                    _ if p.is_nan() => f64::NAN,
                    0 => unreachable!("a picked p-value is among the low ones"),
                    below => holm[below - 1],
                })
                .collect()
        }
        Correction::FdrBh => unreachable!("Benjamini-Hochberg reads every p-value"),
    }
}

fn p_values(rows: &Ranked) -> Vec<f64> {
    rows.iter().map(|row| row.p_value).collect()
}

/// Indices of the rows to keep: all, or the `top` most key for the target
/// (and, unless `target_only`, for the reference), in the rows' order.
fn kept(rows: &Ranked, options: &KeynessOptions) -> Vec<usize> {
    let Some(top) = options.top else {
        return (0..rows.len()).collect();
    };
    let mut keep: Vec<usize> = (0..rows.len())
        .filter(|&i| rows.get(i).target_direction)
        .take(top)
        .collect();
    if !options.target_only {
        let reference: Vec<usize> = (0..rows.len())
            .rev()
            .filter(|&i| !rows.get(i).target_direction)
            .take(top)
            .collect();
        keep.extend(reference.into_iter().rev());
    }
    keep
}

/// A comparison's rows, left where they were computed (in parts), and their
/// order: by statistic, largest first and NaN last, ties in code point order
/// of the terms. Sorting 16-byte keys instead of moving rows saves copying
/// hundreds of megabytes on a large contrast.
///
/// With `top` rows kept, only what [`kept`] reads is put in order: the
/// first `top` rows towards the target come first, sorted, and (unless
/// `target_only`) the last `top` towards the reference come last, sorted;
/// the rows between, which no table shows, stay in an order that depends
/// on nothing but the input. Finding them costs a linear selection instead
/// of sorting millions of keys.
struct Ranked {
    parts: Vec<Vec<Row>>,
    order: Vec<(u32, u32)>,
}

impl Ranked {
    fn new(parts: Vec<Vec<Row>>, options: &KeynessOptions) -> Ranked {
        let key = |p: usize, i: usize, row: &Row| {
            (descending(row.statistic), row.rank, p as u32, i as u32)
        };
        let mut keys: Vec<(u64, u32, u32, u32)> = Vec::new();
        let mut reference: Vec<(u64, u32, u32, u32)> = Vec::new();
        for (p, rows) in parts.iter().enumerate() {
            for (i, row) in rows.iter().enumerate() {
                match options.top.is_some() && !row.target_direction {
                    true => reference.push(key(p, i, row)),
                    false => keys.push(key(p, i, row)),
                }
            }
        }
        match options.top {
            None => keys.par_sort_unstable(),
            Some(top) => {
                sort_smallest(&mut keys, top);
                let rest = reference.len().saturating_sub(top);
                if !options.target_only && rest > 0 {
                    reference.select_nth_unstable(rest - 1);
                }
                if !options.target_only {
                    reference[rest..].sort_unstable();
                }
                keys.append(&mut reference);
            }
        }
        let order = keys.into_iter().map(|(_, _, p, i)| (p, i)).collect();
        Ranked { parts, order }
    }

    fn len(&self) -> usize {
        self.order.len()
    }

    fn get(&self, i: usize) -> &Row {
        let (p, j) = self.order[i];
        &self.parts[p as usize][j as usize]
    }

    fn get_mut(&mut self, i: usize) -> &mut Row {
        let (p, j) = self.order[i];
        &mut self.parts[p as usize][j as usize]
    }

    fn iter(&self) -> impl Iterator<Item = &Row> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// Put the `k` smallest of `keys` first, in order.
fn sort_smallest<T: Ord + Send>(keys: &mut [T], k: usize) {
    if k == 0 {
        return;
    }
    if keys.len() > k {
        keys.select_nth_unstable(k - 1);
    }
    let k = k.min(keys.len());
    keys[..k].sort_unstable();
}

fn prior_counts(
    corpus: &Corpus,
    options: &KeynessOptions,
    control: &Control,
) -> Result<Option<Prior>> {
    if options.measure != KeynessMeasure::LogOddsDirichlet {
        return Ok(None);
    }
    let all: Vec<usize> = (0..corpus.n_docs()).collect();
    let mut counts = AHashMap::new();
    let mut totals = [0u64; MAX_N + 1];
    for &n in &options.n {
        for (key, tally) in crate::count::count_ngrams(corpus, &all, n, None, control)? {
            counts.insert(key, tally.count);
        }
        totals[n] = all
            .iter()
            .map(|&d| crate::count::ngram_positions(corpus, d, n))
            .sum();
    }
    Ok(Some(Prior { counts, totals }))
}

#[cfg(test)]
mod tests;
