//! Interning: each distinct term gets a dense `u32` id.
//!
//! Ids are given in order of first appearance (document by document, token by
//! token), so they are the same for any number of threads. They are never
//! saved or merged across processes: only the term strings are.

use std::sync::OnceLock;

use hashbrown::HashTable;
use rayon::prelude::*;

/// Terms end to end in one string, found through a table of ids: one
/// allocation for all terms instead of one (or two) per term.
#[derive(Clone)]
pub struct Vocab {
    text: String,
    /// Term `i` is `text[bounds[i]..bounds[i + 1]]`.
    bounds: Vec<usize>,
    table: HashTable<u32>,
    hasher: ahash::RandomState,
    /// Each id's position in code point order, computed on first use.
    sort_ranks: OnceLock<Vec<u32>>,
}

impl Default for Vocab {
    fn default() -> Self {
        Vocab {
            text: String::new(),
            bounds: vec![0],
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

    /// The id of `term`, adding it if it is new.
    pub fn intern(&mut self, term: &str) -> u32 {
        let hash = self.hasher.hash_one(term);
        let (text, bounds) = (&self.text, &self.bounds);
        let found = self.table.find(hash, |&id| {
            &text[bounds[id as usize]..bounds[id as usize + 1]] == term
        });
        if let Some(&id) = found {
            return id;
        }
        let id = u32::try_from(self.len()).expect("more than 2^32 distinct terms");
        self.sort_ranks = OnceLock::new();
        self.text.push_str(term);
        self.bounds.push(self.text.len());
        let (text, bounds, hasher) = (&self.text, &self.bounds, &self.hasher);
        self.table.insert_unique(hash, id, |&id| {
            hasher.hash_one(&text[bounds[id as usize]..bounds[id as usize + 1]])
        });
        id
    }

    pub fn id(&self, term: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(term);
        self.table.find(hash, |&id| self.term(id) == term).copied()
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
