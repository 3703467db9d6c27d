//! Interning: each distinct term gets a dense `u32` id.
//!
//! Ids are given in order of first appearance (document by document, token by
//! token), so they are the same for any number of threads. They are never
//! saved or merged across processes: only the term strings are.

use std::sync::OnceLock;

use hashbrown::HashTable;
use rayon::prelude::*;

/// A term in the table: its id, and the term itself when it is short (most
/// words are), so finding it reads the table alone.
#[derive(Clone, Copy)]
struct Entry {
    id: u32,
    /// The term's length, or [`LONG_TERM`] when it is only in `text`.
    length: u8,
    inline: [u8; INLINE],
}

const INLINE: usize = 11;
const LONG_TERM: u8 = u8::MAX;

impl Entry {
    fn new(id: u32, term: &[u8]) -> Entry {
        let mut inline = [0; INLINE];
        let length = if term.len() <= INLINE {
            inline[..term.len()].copy_from_slice(term);
            term.len() as u8
        } else {
            LONG_TERM
        };
        Entry { id, length, inline }
    }

    /// Whether this entry is `term` (`text` and `bounds` hold the long ones).
    fn is(&self, term: &[u8], text: &str, bounds: &[usize]) -> bool {
        if self.length != LONG_TERM {
            return usize::from(self.length) == term.len() && &self.inline[..term.len()] == term;
        }
        let i = self.id as usize;
        term.len() > INLINE && text.as_bytes().get(bounds[i]..bounds[i + 1]) == Some(term)
    }
}

/// Terms end to end in one string, found through a table of ids: one
/// allocation for all terms instead of one (or two) per term.
#[derive(Clone)]
pub struct Vocab {
    text: String,
    /// Term `i` is `text[bounds[i]..bounds[i + 1]]`.
    bounds: Vec<usize>,
    /// Term `i`'s hash, kept so that growing the table never hashes a term again.
    hashes: Vec<u64>,
    table: HashTable<Entry>,
    hasher: ahash::RandomState,
    /// Each id's position in code point order, computed on first use.
    sort_ranks: OnceLock<Vec<u32>>,
}

impl Default for Vocab {
    fn default() -> Self {
        Vocab {
            text: String::new(),
            bounds: vec![0],
            hashes: Vec::new(),
            table: HashTable::new(),
            // Fixed seeds: the table's layout is the same in every run (ids never depend on it).
            hasher: ahash::RandomState::with_seeds(1, 2, 3, 4),
            sort_ranks: OnceLock::new(),
        }
    }
}

impl std::fmt::Debug for Vocab {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vocab").field("len", &self.len()).finish()
    }
}

impl Vocab {
    pub fn new() -> Self {
        Self::default()
    }

    /// Room for about `terms` terms of `bytes` bytes in all.
    pub fn with_capacity(terms: usize, bytes: usize) -> Self {
        let mut vocab = Self::default();
        vocab.text.reserve(bytes);
        vocab.bounds.reserve(terms);
        vocab.hashes.reserve(terms);
        vocab.table.reserve(terms, |_| 0);
        vocab
    }

    /// The id of `term`, adding it if it is new.
    pub fn intern(&mut self, term: &str) -> u32 {
        let hash = self.hasher.hash_one(term);
        self.intern_hashed(term, hash)
    }

    /// [`Vocab::intern`] of a term whose hash is known (every vocabulary hashes alike).
    fn intern_hashed(&mut self, term: &str, hash: u64) -> u32 {
        let (text, bounds) = (&self.text, &self.bounds);
        let bytes = term.as_bytes();
        if let Some(entry) = self.table.find(hash, |e| e.is(bytes, text, bounds)) {
            return entry.id;
        }
        self.push(term, hash)
    }

    /// Add `term`, which is new, whose hash is `hash`.
    fn push(&mut self, term: &str, hash: u64) -> u32 {
        let id = u32::try_from(self.len()).expect("more than 2^32 distinct terms");
        if self.sort_ranks.get().is_some() {
            self.sort_ranks = OnceLock::new();
        }
        self.text.push_str(term);
        self.bounds.push(self.text.len());
        self.hashes.push(hash);
        let hashes = &self.hashes;
        self.table
            .insert_unique(hash, Entry::new(id, term.as_bytes()), |e| {
                hashes[e.id as usize]
            });
        id
    }

    pub fn id(&self, term: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(term);
        let bytes = term.as_bytes();
        self.table
            .find(hash, |e| e.is(bytes, &self.text, &self.bounds))
            .map(|e| e.id)
    }

    pub fn term(&self, id: u32) -> &str {
        &self.text[self.bounds[id as usize]..self.bounds[id as usize + 1]]
    }

    /// Every term, in id order.
    pub fn terms(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len() as u32).map(|id| self.term(id))
    }

    pub fn len(&self) -> usize {
        self.bounds.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Each id's rank when all terms are sorted by code point: comparing ranks
    /// compares terms, without touching a string.
    pub fn sort_ranks(&self) -> &[u32] {
        self.sort_ranks.get_or_init(|| {
            // Most comparisons are settled by the first eight bytes, read as one integer.
            let prefix = |id: u32| {
                let mut bytes = [0u8; 8];
                let term = self.term(id).as_bytes();
                let n = term.len().min(8);
                bytes[..n].copy_from_slice(&term[..n]);
                u64::from_be_bytes(bytes)
            };
            let mut ids: Vec<(u64, u32)> = (0..self.len() as u32)
                .into_par_iter()
                .map(|id| (prefix(id), id))
                .collect();
            ids.par_sort_unstable_by(|&(pa, a), &(pb, b)| {
                pa.cmp(&pb).then_with(|| self.term(a).cmp(self.term(b)))
            });
            let mut ranks = vec![0; ids.len()];
            for (rank, (_, id)) in ids.into_iter().enumerate() {
                ranks[id as usize] = rank as u32;
            }
            ranks
        })
    }

    /// A key that sorts n-grams as their space-joined texts sort: terms never
    /// hold a character at or below the space, so comparing word by word, a
    /// shorter n-gram first, is comparing the joined strings.
    pub fn sort_key(&self, ids: &[u32]) -> [u32; 5] {
        let ranks = self.sort_ranks();
        let mut key = [0; 5];
        for (slot, &id) in key
            .iter_mut()
            .zip(ids.iter().take_while(|&&id| id != u32::MAX))
        {
            *slot = ranks[id as usize] + 1;
        }
        key
    }
}

/// Shards of the hash space that [`merge`] works on: fixed, so the work and
/// the result never depend on the number of threads.
const SHARDS: usize = 64;

/// The shard of a term: bits of its hash that the table itself does not use
/// (it takes the low bits for the slot and the top seven for its tags).
fn shard(hash: u64) -> usize {
    (hash >> 48) as usize % SHARDS
}

/// One vocabulary of `parts`, ids in order of first appearance (part by part,
/// then by id within the part), and each part's map from its ids to the
/// merged ones.
///
/// Each shard of the hash space merges its own terms in parallel with the
/// others, in part order; the new terms' first appearances are then sorted
/// into one order. Equal to interning every part's terms in turn, as
/// `tests::merging_in_shards_equals_interning_in_turn` checks.
pub fn merge(parts: &[Vocab]) -> (Vocab, Vec<Vec<u32>>) {
    // Each part's terms sorted by shard (a counting sort, ids in order within
    // a shard), copied out so that each shard then reads its terms as one
    // stream rather than from all over every part.
    let buckets: Vec<Bucket> = parts.par_iter().map(Bucket::of).collect();
    struct Shard {
        vocab: Vocab,
        /// (part, id) where each of the shard's terms first appears.
        first: Vec<(u32, u32)>,
        /// The shard's id of each term of each part's bucket, part after part.
        ids: Vec<u32>,
    }
    let shards: Vec<Shard> = (0..SHARDS)
        .into_par_iter()
        .map(|s| {
            let terms: usize = buckets.iter().map(|b| b.range(s).len()).sum();
            let mut shard = Shard {
                vocab: Vocab::with_capacity(terms / 4 + 16, 0),
                first: Vec::new(),
                ids: Vec::with_capacity(terms),
            };
            for (p, bucket) in buckets.iter().enumerate() {
                for i in bucket.range(s) {
                    let merged = shard.vocab.intern_hashed(bucket.term(i), bucket.hashes[i]);
                    if merged as usize == shard.first.len() {
                        shard.first.push((p as u32, bucket.ids[i]));
                    }
                    shard.ids.push(merged);
                }
            }
            shard
        })
        .collect();
    // Every new term in order of first appearance, then the merged vocabulary.
    let mut order: Vec<((u32, u32), u32, u32)> = shards
        .iter()
        .enumerate()
        .flat_map(|(s, shard)| {
            (0..shard.first.len()).map(move |i| (shard.first[i], s as u32, i as u32))
        })
        .collect();
    order.par_sort_unstable();
    let mut merged_of: Vec<Vec<u32>> = shards.iter().map(|s| vec![0; s.first.len()]).collect();
    let bytes = order
        .iter()
        .map(|&(_, s, i)| shards[s as usize].vocab.term(i).len())
        .sum();
    let mut vocab = Vocab::with_capacity(order.len(), bytes);
    for &(_, s, i) in &order {
        let shard = &shards[s as usize].vocab;
        merged_of[s as usize][i as usize] = vocab.push(shard.term(i), shard.hashes[i as usize]);
    }
    // Where each part's terms start in each shard's ids.
    let mut starts = vec![vec![0usize; SHARDS]; parts.len()];
    let mut at = vec![0usize; SHARDS];
    for (p, bucket) in buckets.iter().enumerate() {
        for (s, at) in at.iter_mut().enumerate() {
            starts[p][s] = *at;
            *at += bucket.range(s).len();
        }
    }
    // Each part's map, from the shards' ids of its terms.
    let remaps = parts
        .par_iter()
        .enumerate()
        .map(|(p, part)| {
            let mut remap = vec![0; part.len()];
            for (s, shard) in shards.iter().enumerate() {
                let local = &buckets[p].ids[buckets[p].range(s)];
                let ids = &shard.ids[starts[p][s]..starts[p][s] + local.len()];
                for (&id, &merged) in local.iter().zip(ids) {
                    remap[id as usize] = merged_of[s][merged as usize];
                }
            }
            remap
        })
        .collect();
    (vocab, remaps)
}

/// One part's terms ordered by shard: ids, hashes and texts end to end, and
/// where each shard's terms start.
struct Bucket {
    ids: Vec<u32>,
    hashes: Vec<u64>,
    text: String,
    ends: Vec<usize>,
    shard_starts: Vec<usize>,
}

impl Bucket {
    fn of(part: &Vocab) -> Bucket {
        let mut shard_starts = vec![0usize; SHARDS + 1];
        for &hash in &part.hashes {
            shard_starts[shard(hash) + 1] += 1;
        }
        for s in 0..SHARDS {
            shard_starts[s + 1] += shard_starts[s];
        }
        let mut next = shard_starts.clone();
        let mut ids = vec![0u32; part.len()];
        for (id, &hash) in part.hashes.iter().enumerate() {
            let slot = &mut next[shard(hash)];
            ids[*slot] = id as u32;
            *slot += 1;
        }
        let mut text = String::with_capacity(part.text.len());
        let mut ends = Vec::with_capacity(ids.len());
        let mut hashes = Vec::with_capacity(ids.len());
        for &id in &ids {
            text.push_str(part.term(id));
            ends.push(text.len());
            hashes.push(part.hashes[id as usize]);
        }
        Bucket {
            ids,
            hashes,
            text,
            ends,
            shard_starts,
        }
    }

    /// The positions of shard `s`'s terms.
    fn range(&self, s: usize) -> std::ops::Range<usize> {
        self.shard_starts[s]..self.shard_starts[s + 1]
    }

    fn term(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_first_appearance() {
        let mut vocab = Vocab::new();
        assert_eq!(vocab.intern("xi"), 0);
        assert_eq!(vocab.intern("putin"), 1);
        assert_eq!(vocab.intern("xi"), 0);
        assert_eq!(vocab.term(1), "putin");
        assert_eq!(vocab.id("moscow"), None);
        assert_eq!(vocab.len(), 2);
    }

    #[test]
    fn merging_in_shards_equals_interning_in_turn() {
        let words: Vec<String> = (0..5000)
            .map(|i| format!("w{}", (i * 7919) % 3001))
            .collect();
        let parts: Vec<Vocab> = words
            .chunks(700)
            .map(|chunk| {
                let mut part = Vocab::new();
                for word in chunk {
                    part.intern(word);
                }
                part
            })
            .collect();
        let mut expected = Vocab::new();
        let expected_maps: Vec<Vec<u32>> = parts
            .iter()
            .map(|part| part.terms().map(|t| expected.intern(t)).collect())
            .collect();
        for threads in [1, 3] {
            let (merged, maps) = crate::parallel::run(threads, || Ok(merge(&parts))).unwrap();
            assert!(merged.terms().eq(expected.terms()));
            assert_eq!(maps, expected_maps);
            assert_eq!(merged.id("w0"), expected.id("w0"));
        }
    }

    #[test]
    fn sort_keys_order_ngrams_as_their_joined_text() {
        let mut vocab = Vocab::new();
        let words = ["ab", "a", "b", "c", "bc", "é", "z"];
        let ids: Vec<u32> = words.iter().map(|w| vocab.intern(w)).collect();
        let mut ngrams: Vec<Vec<u32>> = Vec::new();
        for &x in &ids {
            ngrams.push(vec![x]);
            for &y in &ids {
                ngrams.push(vec![x, y]);
            }
        }
        let text = |ngram: &Vec<u32>| -> String {
            let terms: Vec<&str> = ngram.iter().map(|&id| vocab.term(id)).collect();
            terms.join(" ")
        };
        let mut by_text = ngrams.clone();
        by_text.sort_by_key(text);
        let mut by_key = ngrams.clone();
        by_key.sort_by_key(|ngram| vocab.sort_key(ngram));
        assert_eq!(by_key, by_text);
        // Interning a new term resets the ranks.
        let first = vocab.intern("aa");
        assert_eq!(vocab.sort_key(&[first]), [2, 0, 0, 0, 0]);
    }
}
