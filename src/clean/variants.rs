//! Spelling variants of names: capitalised words a few edits apart
//! (`Zelensky`, `Zelenskyy`, `Zelenksyy`).
//!
//! Candidates are made of letters only, at least `min_length` long, and
//! capitalised in at least half their occurrences inside a sentence (the first word
//! of a sentence is capitalised anyway, so it does not count unless the word
//! is never seen elsewhere). Two are variants when they start with the same
//! letter and their optimal-string-alignment distance (Levenshtein with adjacent
//! transpositions counted as one edit; Damerau 1964) is at most
//! `max_distance` and at most a quarter of the shorter one's length, and they
//! are not one stem with different English endings
//! (`Russia`/`Russian`, `Putin`/`Putins`, `Minister`/`Ministry`). Pairs are found without comparing
//! every two words: only words that share a string reachable by deletions
//! (symmetric delete, as in SymSpell) are compared, and only
//! pairs with a word seen `min_count` times. Variants are grouped by single
//! linkage; each group's most frequent spelling is its canonical form.

use crate::parallel::Control;

use ahash::AHashMap;
use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::count::check_groups;
use crate::error::{Error, Result};
use crate::parallel::{check, step, CHUNK};
use crate::strings::Strings;
use crate::table::Table;
use crate::vocab::Vocab;

/// Endings that make related words, not misspellings, of one stem.
const ENDINGS: [&str; 24] = [
    "s", "es", "n", "an", "ian", "ns", "ans", "i", "is", "ese", "er", "ers", "ry", "ic", "al",
    "ism", "ist", "ists", "ite", "ites", "ish", "ity", "ed", "ing",
];

/// Stems at least this long; shorter ones make too many chance matches.
const MIN_STEM: usize = 4;

#[derive(Debug, Clone)]
pub struct VariantOptions {
    pub min_count: u64,
    pub max_distance: usize,
    pub min_length: usize,
}

/// One spelling in a group of variants.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Groups are numbered from 0 by falling total count.
    pub group: u32,
    pub canonical: u32,
    pub term: u32,
    /// The spelling as first seen in a text.
    pub spelling: String,
    /// Edits from the canonical form.
    pub distance: usize,
    pub count: u64,
    pub by_group: Vec<u64>,
}

#[derive(Default, Clone)]
struct Usage {
    count: u64,
    /// Occurrences not at the start of a sentence, and how many of them are capitalised.
    inside: u64,
    capitalised_inside: u64,
    capitalised_first: u64,
    spelling: Option<String>,
}

impl Usage {
    /// Written with a capital inside sentences (or always, if only ever first).
    fn capitalised(&self) -> bool {
        if self.inside > 0 {
            self.capitalised_inside * 2 >= self.inside
        } else {
            self.capitalised_first == self.count
        }
    }
}

/// The variants as a table (their counts in each group apart): `group`,
/// `canonical`, `term`, `spelling`, `distance`, `count`.
pub fn variant_table(rows: &[Variant], vocab: &Vocab) -> Table {
    let terms = |of: fn(&Variant) -> u32| -> Strings {
        let terms: Vec<&str> = rows.iter().map(|r| vocab.term(of(r))).collect();
        Strings::from_strs(&terms)
    };
    let spellings: Vec<&str> = rows.iter().map(|r| r.spelling.as_str()).collect();
    Table::new()
        .with("group", rows.iter().map(|r| r.group).collect::<Vec<_>>())
        .with("canonical", terms(|r| r.canonical))
        .with("term", terms(|r| r.term))
        .with("spelling", Strings::from_strs(&spellings))
        .with(
            "distance",
            rows.iter().map(|r| r.distance as u64).collect::<Vec<_>>(),
        )
        .with("count", rows.iter().map(|r| r.count).collect::<Vec<_>>())
}

/// Variant groups, canonical spelling first in each group.
pub fn variants(
    corpus: &Corpus,
    groups: &[u32],
    n_groups: usize,
    options: &VariantOptions,
    control: &Control,
) -> Result<Vec<Variant>> {
    check_groups(groups, n_groups)?;
    if groups.len() != corpus.n_docs() {
        return Err(Error::InvalidArgument(format!(
            "{} group codes for {} documents",
            groups.len(),
            corpus.n_docs()
        )));
    }
    if options.max_distance == 0 {
        return Err(Error::InvalidArgument(
            "max_distance must be at least 1".into(),
        ));
    }
    let usage = usage(corpus, control)?;
    let vocab = corpus.vocab();
    let candidates: Vec<u32> = (0..vocab.len() as u32)
        .filter(|&id| {
            let u = &usage[id as usize];
            let term = vocab.term(id);
            u.capitalised()
                && term.chars().count() >= options.min_length.max(1)
                && term.chars().all(char::is_alphabetic)
        })
        .collect();
    let pairs = similar_pairs(corpus, &candidates, &usage, options);
    let clusters = clusters(&pairs, &usage);
    let by_group = counts_by_group(corpus, groups, n_groups, &clusters, control)?;
    let mut out = Vec::new();
    for (g, members) in clusters.iter().enumerate() {
        let canonical = members[0];
        let canonical_chars: Vec<char> = vocab.term(canonical).chars().collect();
        for &term in members {
            let chars: Vec<char> = vocab.term(term).chars().collect();
            out.push(Variant {
                group: g as u32,
                canonical,
                term,
                spelling: usage[term as usize].spelling.clone().unwrap_or_default(),
                distance: osa_distance(&canonical_chars, &chars),
                count: usage[term as usize].count,
                by_group: by_group[&term].clone(),
            });
        }
    }
    Ok(out)
}

/// Count and capitalised count of every term, and its first capitalised spelling.
fn usage(corpus: &Corpus, control: &Control) -> Result<Vec<Usage>> {
    let docs: Vec<usize> = (0..corpus.n_docs()).collect();
    control.expect(docs.len());
    let chunks: Vec<AHashMap<u32, Usage>> = docs
        .par_chunks(CHUNK)
        .map(|chunk| {
            step(control, chunk.len())?;
            let mut local: AHashMap<u32, Usage> = AHashMap::new();
            for &d in chunk {
                scan_document(corpus, d, &mut local);
            }
            Ok(local)
        })
        .collect::<Result<_>>()?;
    let mut usage = vec![Usage::default(); corpus.vocab().len()];
    for chunk in chunks {
        // Merged in document order, so the first spelling is the first in the corpus.
        for (id, u) in chunk {
            let total = &mut usage[id as usize];
            total.count += u.count;
            total.inside += u.inside;
            total.capitalised_inside += u.capitalised_inside;
            total.capitalised_first += u.capitalised_first;
            if total.spelling.is_none() {
                total.spelling = u.spelling;
            }
        }
    }
    Ok(usage)
}

/// Check the first character of each token in the text.
fn scan_document(corpus: &Corpus, d: usize, usage: &mut AHashMap<u32, Usage>) {
    let text = corpus.doc_text(d);
    let mut first_of_sentence = vec![false; corpus.doc_tokens(d).len()];
    let mut position = 0;
    for sentence in corpus.doc_sentences(d) {
        first_of_sentence[position] = true;
        position += sentence.len();
    }
    for (i, (&id, (start, end))) in corpus
        .doc_tokens(d)
        .iter()
        .zip(corpus.doc_spans(d))
        .enumerate()
    {
        let entry = usage.entry(id).or_default();
        entry.count += 1;
        entry.inside += u64::from(!first_of_sentence[i]);
        let Some(first) = text[start..end].chars().next() else {
            continue;
        };
        if first.is_uppercase() {
            if first_of_sentence[i] {
                entry.capitalised_first += 1;
            } else {
                entry.capitalised_inside += 1;
            }
            if entry.spelling.is_none() {
                entry.spelling = Some(text[start..end].to_owned());
            }
        }
    }
}

/// Strings reachable from `word` by exactly `deletions` character deletions.
fn deletion_keys(word: &[char], deletions: usize, out: &mut Vec<String>) {
    fn walk(word: &[char], from: usize, left: usize, out: &mut Vec<String>) {
        if left == 0 {
            out.push(word.iter().collect());
            return;
        }
        for i in from..word.len() {
            let mut shorter = word.to_vec();
            shorter.remove(i);
            walk(&shorter, i, left - 1, out);
        }
    }
    walk(word, 0, deletions, out);
}

/// Edits allowed between two words: `max_distance`, and at most a quarter of the shorter.
fn allowed(options: &VariantOptions, a: usize, b: usize) -> usize {
    options.max_distance.min(a.min(b) / 4)
}

fn similar_pairs(
    corpus: &Corpus,
    candidates: &[u32],
    usage: &[Usage],
    options: &VariantOptions,
) -> Vec<(u32, u32, usize)> {
    let vocab = corpus.vocab();
    let words: Vec<Vec<char>> = candidates
        .iter()
        .map(|&id| vocab.term(id).chars().collect())
        .collect();
    // Deletion key -> candidates. Two words at distance d share a key made
    // with at most d deletions from each, so only words sharing one are compared.
    let mut index: AHashMap<String, Vec<usize>> = AHashMap::new();
    let mut keys = Vec::new();
    for (i, word) in words.iter().enumerate() {
        keys.clear();
        for deletions in 0..=options.max_distance.min(word.len() / 4) {
            deletion_keys(word, deletions, &mut keys);
        }
        keys.sort_unstable();
        keys.dedup();
        for key in keys.drain(..) {
            index.entry(key).or_default().push(i);
        }
    }
    let mut pairs: Vec<(u32, u32, usize)> = Vec::new();
    for bucket in index.values() {
        for (x, &i) in bucket.iter().enumerate() {
            for &j in &bucket[x + 1..] {
                let (a, b) = (candidates[i], candidates[j]);
                let frequent = usage[a as usize].count >= options.min_count
                    || usage[b as usize].count >= options.min_count;
                let limit = allowed(options, words[i].len(), words[j].len());
                let same_initial = words[i][0] == words[j][0];
                if !frequent || !same_initial || words[i].len().abs_diff(words[j].len()) > limit {
                    continue;
                }
                let distance = osa_distance(&words[i], &words[j]);
                if distance <= limit && !inflected(vocab.term(a), vocab.term(b)) {
                    pairs.push((a.min(b), a.max(b), distance));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Are the two words one stem with different endings from [`ENDINGS`] (or
/// none): `russia`/`russian`, `minister`/`ministry`?
fn inflected(a: &str, b: &str) -> bool {
    let stems_of = |word: &str| -> Vec<String> {
        let mut stems = vec![word.to_owned()];
        stems.extend(
            ENDINGS
                .iter()
                .filter_map(|e| word.strip_suffix(e))
                .filter(|stem| stem.chars().count() >= MIN_STEM)
                .map(str::to_owned),
        );
        stems
    };
    let of_b = stems_of(b);
    stems_of(a).iter().any(|stem| of_b.contains(stem))
}

/// Optimal string alignment distance: insertions, deletions, substitutions
/// and transpositions of adjacent characters, each one edit.
pub fn osa_distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// Single-linkage groups, each sorted by falling count (then term id), groups
/// by falling total count (then first member).
fn clusters(pairs: &[(u32, u32, usize)], usage: &[Usage]) -> Vec<Vec<u32>> {
    let mut parent: AHashMap<u32, u32> = AHashMap::new();
    fn find(parent: &mut AHashMap<u32, u32>, x: u32) -> u32 {
        let p = *parent.entry(x).or_insert(x);
        if p == x {
            return x;
        }
        let root = find(parent, p);
        parent.insert(x, root);
        root
    }
    for &(a, b, _) in pairs {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent.insert(ra.max(rb), ra.min(rb));
        }
    }
    let mut members: AHashMap<u32, Vec<u32>> = AHashMap::new();
    let terms: Vec<u32> = parent.keys().copied().collect();
    for term in terms {
        let root = find(&mut parent, term);
        members.entry(root).or_default().push(term);
    }
    let count = |t: &u32| usage[*t as usize].count;
    let mut groups: Vec<Vec<u32>> = members.into_values().collect();
    for group in &mut groups {
        group.sort_by(|x, y| count(y).cmp(&count(x)).then(x.cmp(y)));
    }
    let total = |g: &Vec<u32>| g.iter().map(count).sum::<u64>();
    groups.sort_by(|x, y| total(y).cmp(&total(x)).then(x[0].cmp(&y[0])));
    groups
}

fn counts_by_group(
    corpus: &Corpus,
    groups: &[u32],
    n_groups: usize,
    clusters: &[Vec<u32>],
    control: &Control,
) -> Result<AHashMap<u32, Vec<u64>>> {
    let mut counts: AHashMap<u32, Vec<u64>> = clusters
        .iter()
        .flatten()
        .map(|&t| (t, vec![0; n_groups]))
        .collect();
    for d in 0..corpus.n_docs() {
        if d % CHUNK == 0 {
            check(control)?;
        }
        for id in corpus.doc_tokens(d) {
            if let Some(row) = counts.get_mut(id) {
                row[groups[d] as usize] += 1;
            }
        }
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::{Tokenizer, TokenizerConfig};

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn distances() {
        assert_eq!(osa_distance(&chars("zelensky"), &chars("zelenskyy")), 1);
        assert_eq!(osa_distance(&chars("zelenskyy"), &chars("zelenksyy")), 1);
        assert_eq!(osa_distance(&chars("zelensky"), &chars("zelenksyy")), 2);
        assert_eq!(osa_distance(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(osa_distance(&chars(""), &chars("abc")), 3);
        // OSA, not full Damerau: "ca" -> "abc" is 3 (a transposed pair is not edited again).
        assert_eq!(osa_distance(&chars("ca"), &chars("abc")), 3);
        assert!(inflected("russia", "russian"));
        assert!(inflected("minister", "ministry"));
        assert!(inflected("ukrainian", "ukrainians"));
        assert!(!inflected("zelensky", "zelenskyy"));
    }

    #[test]
    fn groups_spellings_of_a_name() {
        let texts = [
            "President Zelensky spoke. Russia and Russian troops. Zelensky again.",
            "Zelenskyy met Biden. Zelenksyy said no. Putin and Putins.",
            "the zelensky government", // lower case here, capitalised overall
            "Whale. While we slept, while it rained, a Whale swam.",
        ];
        let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
        let control = Control::default();
        let corpus = Corpus::build(&texts, &tokenizer, &control).unwrap();
        let options = VariantOptions {
            min_count: 2,
            max_distance: 2,
            min_length: 4,
        };
        // "while" (seen twice) is capitalised only where it starts a sentence,
        // so it is no name and "whale" has no frequent spelling to join.
        let found = variants(&corpus, &[0, 1, 0, 0], 2, &options, &control).unwrap();
        type Row<'a> = (u32, &'a str, &'a str, usize, u64, Vec<u64>);
        let rows: Vec<Row> = found
            .iter()
            .map(|v| {
                let term = corpus.vocab().term(v.term);
                (
                    v.group,
                    term,
                    v.spelling.as_str(),
                    v.distance,
                    v.count,
                    v.by_group.clone(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (0, "zelensky", "Zelensky", 0, 3, vec![3, 0]),
                (0, "zelenskyy", "Zelenskyy", 1, 1, vec![0, 1]),
                (0, "zelenksyy", "Zelenksyy", 2, 1, vec![0, 1]),
            ]
        );
    }
}
