//! Interning: each distinct term gets a dense `u32` id.
//!
//! Ids are given in order of first appearance (document by document, token by
//! token), so they are the same for any number of threads. They are never
//! saved or merged across processes: only the term strings are.

use ahash::AHashMap;

#[derive(Debug, Clone, Default)]
pub struct Vocab {
    terms: Vec<Box<str>>,
    ids: AHashMap<Box<str>, u32>,
}

impl Vocab {
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of `term`, adding it if it is new.
    pub fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = u32::try_from(self.terms.len()).expect("more than 2^32 distinct terms");
        self.terms.push(term.into());
        self.ids.insert(term.into(), id);
        id
    }

    pub fn id(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }

    pub fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
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
}
