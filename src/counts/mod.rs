//! Mergeable counts: every n-gram (n = 1..=k) of each group with its count and
//! document frequency, the groups' token and document totals, and the
//! tokenizer settings that produced them.
//!
//! Counts are what a corpus leaves behind when its documents are forgotten:
//! enough for frequencies, adjacent collocations and bag-of-words keyness,
//! small enough to save, and exact to add. Term ids are private to one
//! `Counts`: merging matches words by their text and groups by their label,
//! never by ids or hash values, which differ between processes. No count is
//! ever pruned here unless asked, so counting parts and merging them gives
//! what counting the whole gives, in any order and any grouping of the parts.
//!
//! Asked ([`Counts::approximate`]), counts keep at most `limit` n-grams per
//! group and length as a Misra–Gries summary (Misra & Gries 1982), merged as
//! Agarwal et al. (2012, "Mergeable summaries") merge them: add, then
//! subtract the (limit+1)-th largest count from every count and drop what
//! falls to zero. Each subtraction is added to the group's `undercount[n]`,
//! which bounds the error: every kept count and document frequency is at
//! most `undercount[n]` below the truth, never above it, and an n-gram left
//! out occurs at most `undercount[n]` times. Each subtraction removes at
//! least `limit + 1` times itself from the total, so `undercount[n]` never
//! exceeds `positions[n] / (limit + 1)`. Totals (documents, positions) stay exact.
//!
//! Every count is at most [`MAX_COUNT`] (`i64::MAX`), in one group and summed
//! over all groups, so sums over any groups and the signed contingency tables
//! built from them cannot overflow: a merge or a file that would pass it is
//! an error naming the group.

pub mod format;
pub mod labels;
mod stream;

use crate::parallel::Control;

use ahash::AHashMap;
use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::count::{check_n, count_ngrams, count_ngrams_hashed, documents_by_group};
use crate::count::{ngram_positions, NgramKey, Tally};
use crate::count::{NgramCounts, MAX_N};
use crate::error::{Error, Result};
use crate::parallel::check;
use crate::score::postings::key_length;
use crate::strings::Strings;
use crate::table::Table;
use crate::tokenize::{Tokenizer, TokenizerConfig};
use crate::vocab::Vocab;

/// The largest count held, in a group or over all groups: `i64::MAX`, so every
/// count converts to a signed 64-bit integer and sums of them never wrap.
pub const MAX_COUNT: u64 = i64::MAX as u64;

/// One group's counts.
#[derive(Debug, Clone, Default)]
pub struct GroupCounts {
    /// The group's name, as the caller spelled it (the Python side writes
    /// JSON here); groups of two counts are the same group when their labels are equal.
    pub label: String,
    pub documents: u64,
    /// N-gram positions of each length, `positions[n]` (index 0 unused):
    /// windows of n tokens inside a sentence, so `positions[1]` is the token count.
    pub positions: [u64; MAX_N + 1],
    /// Every n-gram of length 1..=k, ids into the counts' words.
    pub ngrams: AHashMap<NgramKey, Tally>,
    /// `undercount[n]`: the most any count or document frequency of length
    /// n may be below the truth; zero unless the counts are approximate.
    pub undercount: [u64; MAX_N + 1],
}

/// Counts of one or more groups of documents. See the module documentation.
#[derive(Clone)]
pub struct Counts {
    config: TokenizerConfig,
    /// Every length 1..=max_n is counted.
    max_n: usize,
    /// What the group labels are labels of (the Python side: the `by` fields as
    /// JSON). Counts grouped differently cannot be merged.
    grouping: String,
    words: Vocab,
    groups: Vec<GroupCounts>,
    /// The most n-grams kept per group and length; None: exact.
    limit: Option<usize>,
}

impl std::fmt::Debug for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Counts")
            .field("max_n", &self.max_n)
            .field("grouping", &self.grouping)
            .field("words", &self.words.len())
            .field("groups", &self.groups.len())
            .field("limit", &self.limit)
            .finish()
    }
}

/// Counts are equal when they say the same: same settings and, group by
/// group, the same totals and the same count for every n-gram text. Ids, the
/// order of groups and the order words were first seen in do not matter.
impl PartialEq for Counts {
    fn eq(&self, other: &Counts) -> bool {
        format::encode(self) == format::encode(other)
    }
}

impl Counts {
    /// Empty counts, to be filled by [`Counts::count_texts`] or [`Counts::merge`].
    pub fn new(config: TokenizerConfig, max_n: usize, grouping: &str) -> Result<Counts> {
        check_n(max_n)?;
        // Tokenizer::new checks the settings (the stemmer language) now, not at the first text.
        Tokenizer::new(config.clone())?;
        if grouping.contains('\n') {
            return Err(Error::InvalidArgument(
                "a grouping description cannot hold a line break".into(),
            ));
        }
        Ok(Counts {
            config,
            max_n,
            grouping: grouping.to_owned(),
            words: Vocab::new(),
            groups: Vec::new(),
            limit: None,
        })
    }

    /// Keep at most `limit` n-grams per group and length from now on, as a
    /// Misra–Gries summary (see the module documentation); counts already
    /// approximate keep the smaller limit. Exact counts are never made
    /// approximate but by this call.
    pub fn approximate(&mut self, limit: usize, control: &Control) -> Result<()> {
        if limit == 0 {
            return Err(Error::InvalidArgument(
                "approximate counts must keep at least one n-gram per group and length".into(),
            ));
        }
        self.limit = Some(self.limit.map_or(limit, |mine| mine.min(limit)));
        self.summarize(control)
    }

    /// The most n-grams kept per group and length, or None when exact.
    pub fn limit(&self) -> Option<usize> {
        self.limit
    }

    /// Cut every group's tables down to the limit, then forget words no kept
    /// n-gram uses, so memory holds the summary, not the stream's vocabulary.
    fn summarize(&mut self, control: &Control) -> Result<()> {
        let Some(limit) = self.limit else {
            return Ok(());
        };
        check(control)?;
        let max_n = self.max_n;
        self.groups.par_iter_mut().for_each(|group| {
            for n in 1..=max_n {
                group.summarize(n, limit);
            }
        });
        self.forget_unused_words();
        Ok(())
    }

    fn forget_unused_words(&mut self) {
        let mut used = vec![false; self.words.len()];
        for group in &self.groups {
            for key in group.ngrams.keys() {
                for &id in &key[..key_length(key)] {
                    used[id as usize] = true;
                }
            }
        }
        let kept = used.iter().filter(|&&u| u).count();
        // Renumbering costs a pass over every table: only worth it when many words went.
        if kept * 2 > self.words.len() {
            return;
        }
        let mut words = Vocab::new();
        let new_id: Vec<u32> = self
            .words
            .terms()
            .zip(&used)
            .map(|(term, &used)| if used { words.intern(term) } else { u32::MAX })
            .collect();
        self.groups.par_iter_mut().for_each(|group| {
            group.ngrams = std::mem::take(&mut group.ngrams)
                .into_iter()
                .map(|(key, tally)| (renumbered(&key, &new_id), tally))
                .collect();
        });
        self.words = words;
    }

    /// Count every n-gram of length 1..=`max_n` of each group of `corpus`:
    /// document `d` belongs to group `groups[d]`, named `labels[groups[d]]`.
    /// A group without documents is left out.
    pub fn from_corpus(
        corpus: &Corpus,
        groups: &[u32],
        labels: &[String],
        config: TokenizerConfig,
        max_n: usize,
        grouping: &str,
        control: &Control,
    ) -> Result<Counts> {
        let mut counts = Counts::new(config, max_n, grouping)?;
        counts.words = corpus.vocab().clone();
        for counted in count_groups(corpus, groups, labels, max_n, control)? {
            let mut group = GroupCounts {
                label: counted.label,
                documents: counted.documents,
                positions: counted.positions,
                ..GroupCounts::default()
            };
            group
                .ngrams
                .reserve(counted.found.iter().map(Vec::len).sum());
            group.ngrams.extend(counted.found.into_iter().flatten());
            counts.groups.push(group);
        }
        Ok(counts)
    }

    /// Tokenize `texts` with the counts' own settings and add them: text `i`
    /// belongs to the group labelled `labels[groups[i]]`.
    pub fn count_texts<S: AsRef<str> + Sync>(
        &mut self,
        texts: &[S],
        groups: &[u32],
        labels: &[String],
        control: &Control,
    ) -> Result<()> {
        self.count_strings(Strings::from_strs(texts), groups, labels, control)
    }

    /// Add the counts of `corpus`, tokenized with these counts' settings:
    /// what [`Counts::merge`] of its [`Counts::from_corpus`] gives, with its
    /// n-grams added to these tables straight from the counting, never
    /// hashed into tables of their own first.
    fn add_corpus(
        &mut self,
        corpus: &Corpus,
        groups: &[u32],
        labels: &[String],
        control: &Control,
    ) -> Result<()> {
        let counted = count_groups(corpus, groups, labels, self.max_n, control)?;
        let remap: Vec<u32> = corpus
            .vocab()
            .terms()
            .map(|t| self.words.intern(t))
            .collect();
        let source = self.matched(counted.iter().map(|group| (group.label.as_str(), group)));
        check(control)?;
        self.groups
            .par_iter_mut()
            .zip(source)
            .try_for_each(|(mine, theirs)| match theirs {
                Some(theirs) => mine.add_counted(theirs, &remap),
                None => Ok(()),
            })?;
        check_totals(&self.groups)?;
        self.summarize(control)
    }

    /// Add `other`'s counts to these, matching words by text and groups by
    /// label. Counts made with other tokenizer settings, another longest
    /// n-gram or another grouping cannot be added: the error names the difference.
    ///
    /// Counts of no groups at all (an empty stream, an empty partition) take
    /// the grouping of what they are merged with: they hold nothing it could contradict.
    pub fn merge(&mut self, other: &Counts, control: &Control) -> Result<()> {
        self.check_compatible(other)?;
        if self.groups.is_empty() {
            self.grouping.clone_from(&other.grouping);
        }
        let remap: Vec<u32> = other.words.terms().map(|t| self.words.intern(t)).collect();
        let source = self.matched(
            other
                .groups
                .iter()
                .map(|group| (group.label.as_str(), group)),
        );
        check(control)?;
        self.groups
            .par_iter_mut()
            .zip(source)
            .try_for_each(|(mine, theirs)| match theirs {
                Some(theirs) => mine.add(theirs, &remap),
                None => Ok(()),
            })?;
        check_totals(&self.groups)?;
        // Approximate counts stay approximate in any sum, with the smaller limit.
        self.limit = match (self.limit, other.limit) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.summarize(control)
    }

    /// For each of these groups, the item of `labelled` with its label, if
    /// any; a label none of them has becomes a new, empty group.
    fn matched<'a, T>(&mut self, labelled: impl Iterator<Item = (&'a str, T)>) -> Vec<Option<T>> {
        let mut index: AHashMap<String, usize> = self
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.label.clone(), i))
            .collect();
        let mut source: Vec<Option<T>> = (0..self.groups.len()).map(|_| None).collect();
        for (label, item) in labelled {
            let i = *index.entry(label.to_owned()).or_insert_with(|| {
                self.groups.push(GroupCounts {
                    label: label.to_owned(),
                    ..GroupCounts::default()
                });
                source.push(None);
                self.groups.len() - 1
            });
            source[i] = Some(item);
        }
        source
    }

    fn check_compatible(&self, other: &Counts) -> Result<()> {
        let difference = if self.max_n != other.max_n {
            Some(format!(
                "n-grams are counted up to n={} in one and n={} in the other",
                self.max_n, other.max_n
            ))
        } else if self.grouping != other.grouping
            && !self.groups.is_empty()
            && !other.groups.is_empty()
        {
            Some(format!(
                "one is grouped by {} and the other by {}",
                self.grouping, other.grouping
            ))
        } else {
            self.config.difference(&other.config)
        };
        match difference {
            Some(difference) => Err(Error::InvalidArgument(format!(
                "cannot merge counts made differently: {difference}"
            ))),
            None => Ok(()),
        }
    }

    pub fn config(&self) -> &TokenizerConfig {
        &self.config
    }

    pub fn max_n(&self) -> usize {
        self.max_n
    }

    pub fn grouping(&self) -> &str {
        &self.grouping
    }

    pub fn words(&self) -> &Vocab {
        &self.words
    }

    pub fn groups(&self) -> &[GroupCounts] {
        &self.groups
    }

    /// The index of the group labelled `label`.
    pub fn group_index(&self, label: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.label == label)
    }

    /// One row per group, in the counts' own order: `label`, `documents`,
    /// `tokens` and distinct words (`types`).
    pub fn group_table(&self) -> Table {
        let labels: Vec<&str> = self.groups.iter().map(|g| g.label.as_str()).collect();
        let of =
            |size: fn(&GroupCounts) -> u64| -> Vec<u64> { self.groups.iter().map(size).collect() };
        Table::new()
            .with("label", Strings::from_strs(&labels))
            .with("documents", of(|g| g.documents))
            .with("tokens", of(|g| g.positions[1]))
            .with("types", of(|g| g.of_length(1).count() as u64))
    }

    /// One row per group and n-gram length, in the counts' own group order:
    /// `label`, `n`, `positions`, and `undercount` (the most a count may be
    /// below the truth).
    pub fn undercount_table(&self) -> Table {
        let rows: Vec<(&GroupCounts, usize)> = self
            .groups
            .iter()
            .flat_map(|g| (1..=self.max_n).map(move |n| (g, n)))
            .collect();
        let labels: Vec<&str> = rows.iter().map(|(g, _)| g.label.as_str()).collect();
        Table::new()
            .with("label", Strings::from_strs(&labels))
            .with("n", rows.iter().map(|&(_, n)| n as u64).collect::<Vec<_>>())
            .with(
                "positions",
                rows.iter()
                    .map(|&(g, n)| g.positions[n])
                    .collect::<Vec<_>>(),
            )
            .with(
                "undercount",
                rows.iter()
                    .map(|&(g, n)| g.undercount[n])
                    .collect::<Vec<_>>(),
            )
    }

    /// Check that n-grams of length `n` were counted.
    pub fn check_length(&self, n: usize) -> Result<()> {
        check_n(n)?;
        if n > self.max_n {
            return Err(Error::InvalidArgument(format!(
                "these counts hold n-grams up to n={}, not n={n}: count with n={n} or more",
                self.max_n
            )));
        }
        Ok(())
    }
}

/// One group's n-grams in a corpus, as counted (not yet in a table).
struct Counted {
    label: String,
    documents: u64,
    positions: [u64; MAX_N + 1],
    /// `found[n - 1]`: the n-grams of length n.
    found: Vec<NgramCounts>,
}

/// Every n-gram of length 1..=`max_n` of each group of `corpus`: document
/// `d` belongs to group `groups[d]`, named `labels[groups[d]]`. A group
/// without documents is left out.
fn count_groups(
    corpus: &Corpus,
    groups: &[u32],
    labels: &[String],
    max_n: usize,
    control: &Control,
) -> Result<Vec<Counted>> {
    if groups.len() != corpus.n_docs() {
        return Err(Error::InvalidArgument(format!(
            "{} group codes for {} documents",
            groups.len(),
            corpus.n_docs()
        )));
    }
    check_labels(labels)?;
    let members = documents_by_group(groups, labels.len())?;
    // Small groups (a block of a stream) are counted side by side, by
    // hashing; large ones one after the other, by sorting, whose memory
    // traffic does not grow with the number of distinct n-grams.
    let positions =
        |docs: &[usize]| -> usize { docs.iter().map(|&d| corpus.doc_tokens(d).len()).sum() };
    let small = members
        .iter()
        .all(|docs| positions(docs) <= HASHED_POSITIONS);
    // Groups side by side keep the threads busy; a lone group is split by key.
    let present = members.iter().filter(|docs| !docs.is_empty()).count();
    let shares = rayon::current_num_threads().div_ceil(present.max(1));
    let count_group = |(docs, label): (&Vec<usize>, &String)| {
        let mut counted = Counted {
            label: label.clone(),
            documents: docs.len() as u64,
            positions: [0; MAX_N + 1],
            found: Vec::with_capacity(max_n),
        };
        for n in 1..=max_n {
            counted.found.push(if small {
                count_ngrams_hashed(corpus, docs, n, shares, control)?
            } else {
                count_ngrams(corpus, docs, n, None, control)?
            });
            counted.positions[n] = docs.iter().map(|&d| ngram_positions(corpus, d, n)).sum();
        }
        Ok(counted)
    };
    let groups = members
        .iter()
        .zip(labels)
        .filter(|(docs, _)| !docs.is_empty());
    if small {
        groups
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(count_group)
            .collect()
    } else {
        groups.map(count_group).collect()
    }
}

/// The most tokens of a group counted by hashing (see [`count_groups`]).
const HASHED_POSITIONS: usize = 4_000_000;

/// Check that the documents and positions of `groups`, each and summed, are at
/// most [`MAX_COUNT`]; the error names the group where the sum passes it.
pub fn check_totals(groups: &[GroupCounts]) -> Result<()> {
    let mut documents = 0u64;
    let mut positions = [0u64; MAX_N + 1];
    for group in groups {
        let passed = |what: &str| {
            Error::Overflow(format!(
                "the {what} summed over the groups pass the largest count held \
                 (2**63 - 1) at group {}",
                group.label
            ))
        };
        documents = documents
            .checked_add(group.documents)
            .filter(|&sum| sum <= MAX_COUNT)
            .ok_or_else(|| passed("documents"))?;
        for (n, (total, &theirs)) in positions.iter_mut().zip(&group.positions).enumerate() {
            *total = total
                .checked_add(theirs)
                .filter(|&sum| sum <= MAX_COUNT)
                .ok_or_else(|| passed(&format!("{n}-gram positions")))?;
        }
    }
    Ok(())
}

impl GroupCounts {
    fn add(&mut self, other: &GroupCounts, remap: &[u32]) -> Result<()> {
        self.add_totals(other.documents, &other.positions)?;
        // The sum of two summaries errs by at most the sum of their errors.
        for (n, theirs) in other.undercount.iter().enumerate() {
            self.undercount[n] = self.undercount[n]
                .checked_add(*theirs)
                .ok_or_else(|| self.overflow())?;
        }
        self.add_ngrams(other.ngrams.iter(), other.ngrams.len(), remap)
    }

    fn add_counted(&mut self, counted: &Counted, remap: &[u32]) -> Result<()> {
        self.add_totals(counted.documents, &counted.positions)?;
        let size = counted.found.iter().map(Vec::len).sum();
        let found = counted
            .found
            .iter()
            .flatten()
            .map(|(key, tally)| (key, tally));
        self.add_ngrams(found, size, remap)
    }

    fn overflow(&self) -> Error {
        Error::Overflow(format!(
            "merging passes the largest count held (2**63 - 1) in group {}",
            self.label
        ))
    }

    fn add_totals(&mut self, documents: u64, positions: &[u64; MAX_N + 1]) -> Result<()> {
        self.documents = self
            .documents
            .checked_add(documents)
            .ok_or_else(|| self.overflow())?;
        for (n, theirs) in positions.iter().enumerate() {
            self.positions[n] = self.positions[n]
                .checked_add(*theirs)
                .ok_or_else(|| self.overflow())?;
        }
        Ok(())
    }

    /// Add `size` n-grams, their ids renumbered by `remap`.
    fn add_ngrams<'a>(
        &mut self,
        ngrams: impl Iterator<Item = (&'a NgramKey, &'a Tally)>,
        size: usize,
        remap: &[u32],
    ) -> Result<()> {
        self.ngrams.reserve(size);
        for (key, tally) in ngrams {
            let entry = self.ngrams.entry(renumbered(key, remap)).or_default();
            let sum = entry.count.checked_add(tally.count);
            let docs = entry.docs.checked_add(tally.docs);
            match (sum, docs) {
                (Some(sum), Some(docs)) => (entry.count, entry.docs) = (sum, docs),
                _ => return Err(self.overflow()),
            }
        }
        Ok(())
    }

    /// Keep at most `limit` n-grams of length `n`: subtract the (limit+1)-th
    /// largest count from every count and drop those left at zero or below.
    /// A document frequency never exceeds its count, so capping it at the new
    /// count also lowers it by at most the amount subtracted.
    fn summarize(&mut self, n: usize, limit: usize) {
        let mut counts: Vec<u64> = self.of_length(n).map(|(_, tally)| tally.count).collect();
        if counts.len() <= limit {
            return;
        }
        let (_, &mut cut, _) = counts.select_nth_unstable_by(limit, |a, b| b.cmp(a));
        self.ngrams.retain(|key, tally| {
            if key_length(key) != n {
                return true;
            }
            if tally.count <= cut {
                return false;
            }
            tally.count -= cut;
            tally.docs = tally.docs.min(tally.count);
            true
        });
        // No overflow: the undercount never exceeds the positions, a u64.
        self.undercount[n] += cut;
    }

    /// The group's n-grams of length `n`.
    pub fn of_length(&self, n: usize) -> impl Iterator<Item = (&NgramKey, &Tally)> + '_ {
        self.ngrams
            .iter()
            .filter(move |(key, _)| key_length(key) == n)
    }
}

/// `key` with each word id `id` replaced by `new_id[id]`.
fn renumbered(key: &NgramKey, new_id: &[u32]) -> NgramKey {
    let mut mapped = [u32::MAX; MAX_N];
    for (slot, &id) in mapped.iter_mut().zip(&key[..key_length(key)]) {
        *slot = new_id[id as usize];
    }
    mapped
}

fn check_labels(labels: &[String]) -> Result<()> {
    let mut seen = ahash::AHashSet::new();
    for label in labels {
        if !seen.insert(label.as_str()) {
            return Err(Error::InvalidArgument(format!(
                "the group label {label} is given twice"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
