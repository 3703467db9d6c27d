//! Documents: their texts, and their tokens as term ids with sentences and
//! byte offsets into the texts.
//!
//! Strings are tokenized in parallel, chunk by chunk, each chunk interning into
//! its own small vocabulary; the chunk vocabularies are then merged in
//! document order, so every id is the same whatever the number of threads.
//!
//! The corpus owns its texts (UTF-8, once; see [`Strings`]) and keeps each
//! token's place in its document as a byte offset and a byte length: six
//! bytes a token. Python's character offsets are computed from them per
//! document, when asked.

use crate::parallel::Control;
use std::sync::Arc;

use ahash::AHashMap;
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::parallel::{check, CHUNK};
use crate::strings::{CharOffsets, Strings};

/// Documents tokenized between two advances of the progress counter.
const PROGRESS_BATCH: usize = 64;
use crate::tokenize::Tokenizer;
use crate::vocab::Vocab;

/// A token byte length that does not fit a `u16`: the real one is in `long`.
const LONG: u16 = u16::MAX;

/// A tokenized corpus. Tokens of all documents are stored end to end.
#[derive(Debug, Clone)]
pub struct Corpus {
    vocab: Arc<Vocab>,
    /// The texts, shared with the corpora selected from this one.
    texts: Arc<Strings>,
    /// Index into `texts` of each document.
    doc_text: Vec<u32>,
    tokens: Vec<u32>,
    /// Byte offset of each token in its document's text.
    starts: Vec<u32>,
    /// Byte length of each token, or [`LONG`].
    lengths: Vec<u16>,
    /// `(token index, byte length)` of the tokens of [`LONG`] length, in order.
    long: Vec<(usize, u32)>,
    /// Token index where each document starts; one more entry than documents.
    doc_bounds: Vec<usize>,
    /// Token index where each sentence starts, then the total; sentences never span documents.
    sentence_bounds: Vec<usize>,
    /// Index into `sentence_bounds` of each document's first sentence; one more than documents.
    doc_sentences: Vec<usize>,
}

/// One chunk of documents, tokenized, before its local ids are mapped to the
/// shared vocabulary. Everything is flat: one vector per field for the chunk.
struct Chunk {
    terms: Vocab,
    ids: Vec<u32>,
    /// Byte offsets (start, end) of each token in its document.
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// Token count of each document.
    doc_lengths: Vec<usize>,
    /// Token index (within the document) of each sentence start, document after document.
    sentence_starts: Vec<usize>,
    /// Sentence count of each document.
    doc_sentence_counts: Vec<usize>,
}

/// One document of [`Corpus::compound`]'s output.
#[derive(Default)]
struct JoinedDoc {
    ids: Vec<u32>,
    starts: Vec<u32>,
    ends: Vec<u32>,
    sentence_starts: Vec<usize>,
}

/// Text bytes a chunk aims for: large enough that merging the chunks'
/// vocabularies (the one sequential step) stays small, small enough to share
/// work between cores. Cuts depend only on the texts, never on threads.
const CHUNK_BYTES: usize = 1 << 20;

/// Document ranges of about [`CHUNK_BYTES`] each (and at most [`CHUNK`] x 16 documents).
fn chunk_ranges(texts: &Strings) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, text) in texts.iter().enumerate() {
        bytes += text.len();
        if bytes >= CHUNK_BYTES || i + 1 - start >= CHUNK * 16 {
            ranges.push(start..i + 1);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < texts.len() {
        ranges.push(start..texts.len());
    }
    ranges
}

impl Corpus {
    /// Tokenize `texts` in parallel on the current rayon pool (a copy of them is kept).
    pub fn build<S: AsRef<str> + Sync>(
        texts: &[S],
        tokenizer: &Tokenizer,
        control: &Control,
    ) -> Result<Corpus> {
        Corpus::from_texts(Strings::from_strs(texts), tokenizer, control)
    }

    /// Tokenize `texts` in parallel on the current rayon pool; the corpus keeps them.
    pub fn from_texts(texts: Strings, tokenizer: &Tokenizer, control: &Control) -> Result<Corpus> {
        if texts.len() >= u32::MAX as usize {
            return Err(Error::InvalidArgument(format!(
                "{} documents; a corpus holds fewer than {}",
                texts.len(),
                u32::MAX
            )));
        }
        if let Some(d) = texts.iter().position(|t| t.len() > u32::MAX as usize) {
            return Err(Error::InvalidArgument(format!(
                "document {d} has {} bytes; a document holds at most {} (4 GiB)",
                texts.get(d).len(),
                u32::MAX
            )));
        }
        control.expect(texts.len());
        let mut chunks: Vec<Chunk> = chunk_ranges(&texts)
            .into_par_iter()
            .map(|range| tokenize_chunk(&texts, range, tokenizer, control))
            .collect::<Result<_>>()?;
        // The one sequential step: ids in order of first appearance.
        let mut vocab = Vocab::new();
        let remaps: Vec<Vec<u32>> = chunks
            .iter()
            .map(|chunk| chunk.terms.terms().map(|term| vocab.intern(term)).collect())
            .collect();
        check(control)?;
        chunks
            .par_iter_mut()
            .zip(&remaps)
            .for_each(|(chunk, remap)| {
                chunk.terms = Vocab::new();
                for id in &mut chunk.ids {
                    *id = remap[*id as usize];
                }
            });
        let n_docs = texts.len();
        let mut corpus = Corpus::empty(Arc::new(vocab), Arc::new(texts));
        corpus.reserve(&chunks);
        corpus.doc_text = (0..n_docs as u32).collect();
        for chunk in chunks {
            check(control)?;
            corpus.push_chunk(chunk);
        }
        Ok(corpus)
    }

    fn reserve(&mut self, chunks: &[Chunk]) {
        let tokens: usize = chunks.iter().map(|c| c.ids.len()).sum();
        let docs: usize = chunks.iter().map(|c| c.doc_lengths.len()).sum();
        let sentences: usize = chunks.iter().map(|c| c.sentence_starts.len()).sum();
        self.tokens.reserve_exact(tokens);
        self.starts.reserve_exact(tokens);
        self.lengths.reserve_exact(tokens);
        self.doc_bounds.reserve_exact(docs);
        self.doc_sentences.reserve_exact(docs);
        self.sentence_bounds.reserve_exact(sentences);
    }

    /// Append a chunk's documents (ids already in the shared vocabulary).
    fn push_chunk(&mut self, chunk: Chunk) {
        let mut token = 0;
        let mut sentence = 0;
        for (&length, &sentences) in chunk.doc_lengths.iter().zip(&chunk.doc_sentence_counts) {
            let range = token..token + length;
            self.push_document(
                chunk.ids[range.clone()].iter().copied(),
                &chunk.starts[range.clone()],
                &chunk.ends[range],
                &chunk.sentence_starts[sentence..sentence + sentences],
            );
            token += length;
            sentence += sentences;
        }
    }

    /// A corpus of no documents over `texts` (documents are pushed with their text index).
    fn empty(vocab: Arc<Vocab>, texts: Arc<Strings>) -> Corpus {
        Corpus {
            vocab,
            texts,
            doc_text: Vec::new(),
            tokens: Vec::new(),
            starts: Vec::new(),
            lengths: Vec::new(),
            long: Vec::new(),
            doc_bounds: vec![0],
            sentence_bounds: vec![0],
            doc_sentences: vec![0],
        }
    }

    /// Append one document's tokens; `starts` and `ends` are byte offsets in
    /// its text, `sentence_starts` token indices within it. The caller pushes
    /// the document's text index.
    fn push_document(
        &mut self,
        ids: impl Iterator<Item = u32>,
        starts: &[u32],
        ends: &[u32],
        sentence_starts: &[usize],
    ) {
        let base = self.tokens.len();
        self.tokens.extend(ids);
        self.starts.extend_from_slice(starts);
        for (i, (&start, &end)) in starts.iter().zip(ends).enumerate() {
            let length = end - start;
            if length >= u32::from(LONG) {
                self.long.push((base + i, length));
                self.lengths.push(LONG);
            } else {
                self.lengths.push(length as u16);
            }
        }
        // sentence_bounds always ends with the running total; replace it with the
        // new sentence starts, then put the new total back.
        self.sentence_bounds.pop();
        self.sentence_bounds
            .extend(sentence_starts.iter().map(|s| base + s));
        self.sentence_bounds.push(self.tokens.len());
        self.doc_bounds.push(self.tokens.len());
        self.doc_sentences.push(self.sentence_bounds.len() - 1);
    }

    /// A new corpus of the documents at `indices`, in that order, sharing the
    /// vocabulary and the texts.
    pub fn select(&self, indices: &[usize]) -> Result<Corpus> {
        let mut out = Corpus::empty(Arc::clone(&self.vocab), Arc::clone(&self.texts));
        for &d in indices {
            if d >= self.n_docs() {
                return Err(Error::DocumentIndex {
                    index: d,
                    len: self.n_docs(),
                });
            }
            let (lo, hi) = (self.doc_bounds[d], self.doc_bounds[d + 1]);
            let sentences = self.doc_sentences[d]..self.doc_sentences[d + 1];
            let starts: Vec<usize> = self.sentence_bounds[sentences]
                .iter()
                .map(|s| s - lo)
                .collect();
            let ends: Vec<u32> = (lo..hi).map(|i| self.token_span(i).1 as u32).collect();
            out.push_document(
                self.tokens[lo..hi].iter().copied(),
                &self.starts[lo..hi],
                &ends,
                &starts,
            );
            out.doc_text.push(self.doc_text[d]);
        }
        Ok(out)
    }

    /// A new corpus in which each occurrence of a phrase (consecutive tokens of
    /// one sentence) is one token: its terms joined by `separator`, its offsets
    /// from the first token's start to the last token's end. Where phrases
    /// overlap, the one starting first wins, and of those the longest.
    pub fn compound(&self, phrases: &[Vec<u32>], separator: &str) -> Corpus {
        let mut vocab = (*self.vocab).clone();
        let mut starting: AHashMap<u32, Vec<(&[u32], u32)>> = AHashMap::new();
        for phrase in phrases.iter().filter(|p| p.len() > 1) {
            let joined: Vec<&str> = phrase.iter().map(|&id| self.vocab.term(id)).collect();
            let id = vocab.intern(&joined.join(separator));
            starting.entry(phrase[0]).or_default().push((phrase, id));
        }
        for candidates in starting.values_mut() {
            candidates.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(b.0)));
            candidates.dedup();
        }
        let mut out = Corpus::empty(Arc::new(vocab), Arc::clone(&self.texts));
        for d in 0..self.n_docs() {
            let tokens = self.doc_tokens(d);
            let (starts, ends): (Vec<u32>, Vec<u32>) = self
                .doc_spans(d)
                .map(|(start, end)| (start as u32, end as u32))
                .unzip();
            let mut doc = JoinedDoc::default();
            let mut sentence_start = 0;
            for sentence in self.doc_sentences(d) {
                doc.sentence_starts.push(doc.ids.len());
                let end = sentence_start + sentence.len();
                let mut p = sentence_start;
                while p < end {
                    let joined = starting.get(&tokens[p]).and_then(|candidates| {
                        candidates
                            .iter()
                            .find(|(phrase, _)| tokens[p..end].starts_with(phrase))
                    });
                    let (id, length) =
                        joined.map_or((tokens[p], 1), |(phrase, id)| (*id, phrase.len()));
                    doc.ids.push(id);
                    doc.starts.push(starts[p]);
                    doc.ends.push(ends[p + length - 1]);
                    p += length;
                }
                sentence_start = end;
            }
            out.push_document(
                doc.ids.into_iter(),
                &doc.starts,
                &doc.ends,
                &doc.sentence_starts,
            );
            out.doc_text.push(self.doc_text[d]);
        }
        out
    }

    /// A new corpus in which every term `from` counts as the term `to`: the
    /// spellings in `pairs` fold into one. Offsets and sentences are unchanged.
    pub fn fold(&self, pairs: &[(u32, String)]) -> Corpus {
        let mut vocab = (*self.vocab).clone();
        let mut map: Vec<u32> = (0..self.vocab.len() as u32).collect();
        for (from, to) in pairs {
            map[*from as usize] = vocab.intern(to);
        }
        Corpus {
            vocab: Arc::new(vocab),
            tokens: self.tokens.iter().map(|&id| map[id as usize]).collect(),
            ..self.clone()
        }
    }

    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    pub fn n_docs(&self) -> usize {
        self.doc_bounds.len() - 1
    }

    pub fn n_tokens(&self) -> usize {
        self.tokens.len()
    }

    /// The term ids of document `d`.
    pub fn doc_tokens(&self, d: usize) -> &[u32] {
        &self.tokens[self.doc_bounds[d]..self.doc_bounds[d + 1]]
    }

    /// The term ids of each sentence of document `d`.
    pub fn doc_sentences(&self, d: usize) -> impl Iterator<Item = &[u32]> + '_ {
        let first = self.doc_sentences[d];
        let last = self.doc_sentences[d + 1];
        (first..last)
            .map(move |s| &self.tokens[self.sentence_bounds[s]..self.sentence_bounds[s + 1]])
    }

    /// The text of document `d`, as it was given.
    pub fn doc_text(&self, d: usize) -> &str {
        self.texts.get(self.doc_text[d] as usize)
    }

    /// The texts of every document, in order.
    pub fn texts(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.n_docs()).map(|d| self.doc_text(d))
    }

    /// Bytes of all documents' texts.
    pub fn text_bytes(&self) -> usize {
        self.texts().map(str::len).sum()
    }

    /// Byte offsets (start, end) of token `i` (an index into all tokens) in its document's text.
    pub fn token_span(&self, i: usize) -> (usize, usize) {
        let start = self.starts[i] as usize;
        let length = match self.lengths[i] {
            LONG => {
                let at = self.long.partition_point(|&(token, _)| token < i);
                self.long[at].1 as usize
            }
            short => usize::from(short),
        };
        (start, start + length)
    }

    /// Byte offsets (start, end) of each token of document `d` in its text.
    pub fn doc_spans(&self, d: usize) -> impl ExactSizeIterator<Item = (usize, usize)> + '_ {
        (self.doc_bounds[d]..self.doc_bounds[d + 1]).map(|i| self.token_span(i))
    }

    /// Character offsets (starts, ends) of each token of document `d` in its
    /// text: the indices of Python's `str`.
    pub fn doc_char_offsets(&self, d: usize) -> (Vec<u32>, Vec<u32>) {
        let mut chars = CharOffsets::new(self.doc_text(d));
        self.doc_spans(d)
            .map(|(start, end)| (chars.at(start) as u32, chars.at(end) as u32))
            .unzip()
    }

    /// Number of sentences (with at least one token) in document `d`.
    pub fn n_sentences(&self, d: usize) -> usize {
        self.doc_sentences[d + 1] - self.doc_sentences[d]
    }
}

fn tokenize_chunk(
    texts: &Strings,
    range: std::ops::Range<usize>,
    tokenizer: &Tokenizer,
    control: &Control,
) -> Result<Chunk> {
    let mut local = Vocab::new();
    let count = range.len();
    let bytes: usize = range.clone().map(|d| texts.get(d).len()).sum();
    // About one token per six bytes of English; a guess that saves regrowing.
    let mut chunk = Chunk {
        terms: Vocab::new(),
        ids: Vec::with_capacity(bytes / 6),
        starts: Vec::with_capacity(bytes / 6),
        ends: Vec::with_capacity(bytes / 6),
        doc_lengths: Vec::with_capacity(count),
        sentence_starts: Vec::new(),
        doc_sentence_counts: Vec::with_capacity(count),
    };
    for (i, d) in range.enumerate() {
        check(control)?;
        // Progress in batches: one shared atomic add per short document would
        // cost a tweet-sized corpus more than its counting does.
        if i % PROGRESS_BATCH == 0 {
            control.advance(PROGRESS_BATCH.min(count - i));
        }
        let text = texts.get(d);
        let doc_start = chunk.ids.len();
        let sentences_before = chunk.sentence_starts.len();
        tokenizer.for_each_token(text, |term, start, end, starts_sentence| {
            if starts_sentence {
                chunk.sentence_starts.push(chunk.ids.len() - doc_start);
            }
            chunk.ids.push(local.intern(term));
            // Fits: the document has at most u32::MAX bytes (checked by the caller).
            chunk.starts.push(start as u32);
            chunk.ends.push(end as u32);
        });
        chunk.doc_lengths.push(chunk.ids.len() - doc_start);
        chunk
            .doc_sentence_counts
            .push(chunk.sentence_starts.len() - sentences_before);
    }
    chunk.terms = local;
    Ok(chunk)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parallel::run;
    use crate::tokenize::TokenizerConfig;

    fn build(texts: &[&str], threads: usize) -> Corpus {
        let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
        run(threads, || {
            Corpus::build(texts, &tokenizer, &Control::default())
        })
        .unwrap()
    }

    fn words(corpus: &Corpus, ids: &[u32]) -> Vec<String> {
        ids.iter()
            .map(|&id| corpus.vocab().term(id).to_owned())
            .collect()
    }

    #[test]
    fn documents_sentences_and_empty_documents() {
        let corpus = build(&["Xi met Putin. Putin met Xi.", "", "Moscow"], 2);
        assert_eq!(corpus.n_docs(), 3);
        assert_eq!(corpus.n_tokens(), 7);
        let sentences: Vec<Vec<String>> =
            corpus.doc_sentences(0).map(|s| words(&corpus, s)).collect();
        assert_eq!(sentences, [["xi", "met", "putin"], ["putin", "met", "xi"]]);
        assert_eq!(corpus.n_sentences(1), 0);
        assert_eq!(words(&corpus, corpus.doc_tokens(2)), ["moscow"]);
        assert_eq!(corpus.doc_spans(2).collect::<Vec<_>>(), [(0, 6)]);
        assert_eq!(corpus.doc_text(2), "Moscow");
    }

    #[test]
    fn ids_do_not_depend_on_threads() {
        let texts: Vec<String> = (0..1000)
            .map(|i| format!("word{} shared word{}", i % 7, i % 13))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let one = build(&refs, 1);
        let two = build(&refs, 2);
        assert_eq!(one.tokens, two.tokens);
        assert_eq!(one.vocab().term(0), "word0");
        assert_eq!(one.vocab().term(1), "shared");
    }

    #[test]
    fn compound_joins_phrases_longest_first() {
        let corpus = build(
            &["The international criminal court sat. Criminal court. International court"],
            1,
        );
        let id = |w: &str| corpus.vocab().id(w).unwrap();
        let phrases = vec![
            vec![id("criminal"), id("court")],
            vec![id("international"), id("criminal"), id("court")],
            vec![id("court"), id("sat")],
        ];
        let joined = corpus.compound(&phrases, "_");
        let sentences: Vec<Vec<String>> =
            joined.doc_sentences(0).map(|s| words(&joined, s)).collect();
        assert_eq!(
            sentences,
            [
                vec!["the", "international_criminal_court", "sat"],
                vec!["criminal_court"],
                vec!["international", "court"]
            ]
        );
        // The compound spans "international criminal court": bytes 4 to 32.
        let spans: Vec<(usize, usize)> = joined.doc_spans(0).collect();
        assert_eq!(spans[1], (4, 32));
        assert_eq!(joined.n_tokens(), 6);
        assert_eq!(corpus.n_tokens(), 9);
    }

    #[test]
    fn fold_counts_spellings_as_one() {
        let corpus = build(&["Zelensky and Zelenskyy", "zelenksyy"], 1);
        let id = |w: &str| corpus.vocab().id(w).unwrap();
        let folded = corpus.fold(&[
            (id("zelenskyy"), "zelensky".to_owned()),
            (id("zelenksyy"), "zelensky".to_owned()),
        ]);
        assert_eq!(
            words(&folded, folded.doc_tokens(0)),
            ["zelensky", "and", "zelensky"]
        );
        assert_eq!(words(&folded, folded.doc_tokens(1)), ["zelensky"]);
        assert!(folded.doc_spans(0).eq(corpus.doc_spans(0)));
    }

    #[test]
    fn select_keeps_documents_and_sentences() {
        let corpus = build(&["a b. C", "d e", "F. G. H"], 1);
        let subset = corpus.select(&[2, 0]).unwrap();
        assert_eq!(subset.n_docs(), 2);
        assert_eq!(subset.n_sentences(0), 3);
        assert_eq!(words(&subset, subset.doc_tokens(1)), ["a", "b", "c"]);
        assert!(corpus.select(&[3]).is_err());
    }
}
