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

/// A tokenized corpus: its texts, and its documents' tokens in parts (the
/// documents tokenized together, kept as they were made, so building a
/// corpus never copies its tokens).
#[derive(Debug, Clone)]
pub struct Corpus {
    vocab: Arc<Vocab>,
    /// The texts, shared with the corpora selected from this one.
    texts: Arc<Strings>,
    /// Index into `texts` of each document.
    doc_text: Vec<u32>,
    parts: Vec<Part>,
    /// The part of each document, and its index there.
    doc_part: Vec<(u32, u32)>,
    n_tokens: usize,
}

/// Documents' tokens end to end: term ids with sentences and byte offsets.
#[derive(Debug, Clone)]
struct Part {
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

impl Part {
    fn new() -> Part {
        Part::with_capacity(0, 0)
    }

    fn with_capacity(tokens: usize, docs: usize) -> Part {
        let mut doc_bounds = Vec::with_capacity(docs + 1);
        doc_bounds.push(0);
        let mut doc_sentences = Vec::with_capacity(docs + 1);
        doc_sentences.push(0);
        Part {
            tokens: Vec::with_capacity(tokens),
            starts: Vec::with_capacity(tokens),
            lengths: Vec::with_capacity(tokens),
            long: Vec::new(),
            doc_bounds,
            sentence_bounds: vec![0],
            doc_sentences,
        }
    }

    fn n_docs(&self) -> usize {
        self.doc_bounds.len() - 1
    }

    /// Append a token of the open document (at byte `start` to `end` of its
    /// text), opening a sentence first if `starts_sentence`.
    fn push_token(&mut self, id: u32, start: usize, end: usize, starts_sentence: bool) {
        if starts_sentence {
            // sentence_bounds always ends with the running total: that total is
            // where the new sentence starts, and the new total follows.
            self.sentence_bounds.push(self.tokens.len());
        }
        // Fits: a document has at most u32::MAX bytes (checked when built).
        self.starts.push(start as u32);
        let length = (end - start) as u32;
        if length >= u32::from(LONG) {
            self.long.push((self.tokens.len(), length));
            self.lengths.push(LONG);
        } else {
            self.lengths.push(length as u16);
        }
        self.tokens.push(id);
        *self.sentence_bounds.last_mut().unwrap_or(&mut 0) = self.tokens.len();
    }

    /// Close the open document.
    fn end_document(&mut self) {
        self.doc_bounds.push(self.tokens.len());
        self.doc_sentences.push(self.sentence_bounds.len() - 1);
    }

    /// Continue the open document with the tokens of `piece`, a part of one
    /// document (a piece of the same document, its ids in the same vocabulary).
    fn extend_document(&mut self, piece: &Part) {
        let starts = &piece.sentence_bounds[..piece.sentence_bounds.len() - 1];
        let mut next = 0;
        for i in 0..piece.tokens.len() {
            let starts_sentence = starts.get(next) == Some(&i);
            next += usize::from(starts_sentence);
            let (start, end) = piece.token_span(i);
            self.push_token(piece.tokens[i], start, end, starts_sentence);
        }
    }

    /// Append document `d` of `part` (tokens as `ids` gives them).
    fn push_document_of(&mut self, part: &Part, d: usize, ids: impl Iterator<Item = u32>) {
        let first = part.doc_bounds[d];
        let sentence_starts: Vec<usize> = part.sentence_bounds
            [part.doc_sentences[d]..part.doc_sentences[d + 1]]
            .iter()
            .map(|s| s - first)
            .collect();
        let mut next = 0;
        for (i, (id, (start, end))) in ids.zip(part.doc_spans(d)).enumerate() {
            let starts_sentence = sentence_starts.get(next) == Some(&i);
            next += usize::from(starts_sentence);
            self.push_token(id, start, end, starts_sentence);
        }
        self.end_document();
    }

    fn shrink_to_fit(&mut self) {
        self.tokens.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.lengths.shrink_to_fit();
        self.long.shrink_to_fit();
        self.doc_bounds.shrink_to_fit();
        self.sentence_bounds.shrink_to_fit();
        self.doc_sentences.shrink_to_fit();
    }

    fn doc_tokens(&self, d: usize) -> &[u32] {
        &self.tokens[self.doc_bounds[d]..self.doc_bounds[d + 1]]
    }

    fn doc_sentences(&self, d: usize) -> impl Iterator<Item = &[u32]> + '_ {
        (self.doc_sentences[d]..self.doc_sentences[d + 1])
            .map(move |s| &self.tokens[self.sentence_bounds[s]..self.sentence_bounds[s + 1]])
    }

    fn token_span(&self, i: usize) -> (usize, usize) {
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

    fn doc_spans(&self, d: usize) -> impl ExactSizeIterator<Item = (usize, usize)> + '_ {
        (self.doc_bounds[d]..self.doc_bounds[d + 1]).map(|i| self.token_span(i))
    }
}

/// Text bytes a unit of work aims for: large enough that merging the parts'
/// vocabularies stays small, small enough to share work between cores. Cuts
/// depend only on the texts, never on threads.
const CHUNK_BYTES: usize = 1 << 20;

/// What one task tokenizes: whole documents, or a piece of one long document.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Unit {
    Documents(std::ops::Range<usize>),
    /// Bytes `bytes` of document `doc`, cut after a line end; `last` ends it.
    Piece {
        doc: usize,
        bytes: std::ops::Range<usize>,
        last: bool,
    },
}

/// Runs of documents of about `chunk_bytes` each (and at most [`CHUNK`] x 16
/// documents); a document of more than four units is cut into pieces of
/// about one at line ends, so that every thread works on it.
///
/// A line end always ends a sentence (UAX #29, SB4) and a token, so the
/// pieces give the tokens and sentences the whole document gives
/// (`tests::long_documents_cut_into_pieces_tokenize_alike`).
fn units(texts: &Strings, chunk_bytes: usize) -> Vec<Unit> {
    let mut units = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, text) in texts.iter().enumerate() {
        if text.len() > 4 * chunk_bytes {
            if start < i {
                units.push(Unit::Documents(start..i));
            }
            units.extend(pieces(i, text, chunk_bytes));
            (start, bytes) = (i + 1, 0);
            continue;
        }
        bytes += text.len();
        if bytes >= chunk_bytes || i + 1 - start >= CHUNK * 16 {
            units.push(Unit::Documents(start..i + 1));
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < texts.len() {
        units.push(Unit::Documents(start..texts.len()));
    }
    units
}

/// Document `doc` (`text`) in pieces of about `chunk_bytes`, each ending after a line end.
fn pieces(doc: usize, text: &str, chunk_bytes: usize) -> Vec<Unit> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let target = (start + chunk_bytes).min(bytes.len());
        let end = bytes[target..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| target + i + 1);
        out.push(Unit::Piece {
            doc,
            bytes: start..end,
            last: end == bytes.len(),
        });
        start = end;
    }
    if out.is_empty() {
        out.push(Unit::Piece {
            doc,
            bytes: 0..0,
            last: true,
        });
    }
    out
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
        Corpus::tokenized(texts, tokenizer, control, CHUNK_BYTES)
    }

    /// [`Corpus::from_texts`] with work units of about `chunk_bytes` of text.
    fn tokenized(
        texts: Strings,
        tokenizer: &Tokenizer,
        control: &Control,
        chunk_bytes: usize,
    ) -> Result<Corpus> {
        control.expect(texts.len());
        let units = units(&texts, chunk_bytes);
        let (mut parts, terms): (Vec<Part>, Vec<Vocab>) = units
            .par_iter()
            .map(|unit| tokenize_unit(&texts, unit, tokenizer, control))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .unzip();
        // Ids in order of first appearance, whatever the threads.
        let (vocab, remaps) = crate::vocab::merge(&terms);
        drop(terms);
        check(control)?;
        parts.par_iter_mut().zip(&remaps).for_each(|(part, remap)| {
            for id in &mut part.tokens {
                *id = remap[*id as usize];
            }
        });
        let mut corpus = Corpus::empty(Arc::new(vocab), Arc::new(texts));
        corpus.doc_text = (0..corpus.texts.len() as u32).collect();
        // A document cut into pieces becomes one part again, piece after piece.
        let mut pieces: Option<Part> = None;
        for (part, unit) in parts.into_iter().zip(&units) {
            match unit {
                Unit::Documents(_) => corpus.push_part(part),
                Unit::Piece { last, .. } => {
                    let whole = pieces.get_or_insert_with(Part::new);
                    whole.extend_document(&part);
                    if *last {
                        whole.end_document();
                        corpus.push_part(pieces.take().unwrap_or_else(Part::new));
                    }
                }
            }
        }
        Ok(corpus)
    }

    /// A corpus of no documents over `texts`.
    fn empty(vocab: Arc<Vocab>, texts: Arc<Strings>) -> Corpus {
        Corpus {
            vocab,
            texts,
            doc_text: Vec::new(),
            parts: Vec::new(),
            doc_part: Vec::new(),
            n_tokens: 0,
        }
    }

    /// Append the documents of `part`; the caller gives their texts' indices.
    fn push_part(&mut self, part: Part) {
        let p = self.parts.len() as u32;
        self.doc_part
            .extend((0..part.n_docs() as u32).map(|d| (p, d)));
        self.n_tokens += part.tokens.len();
        self.parts.push(part);
    }

    /// The part of document `d`, and its index there.
    fn part(&self, d: usize) -> (&Part, usize) {
        let (p, local) = self.doc_part[d];
        (&self.parts[p as usize], local as usize)
    }

    /// A new corpus of the documents at `indices`, in that order, sharing the
    /// vocabulary and the texts.
    pub fn select(&self, indices: &[usize]) -> Result<Corpus> {
        if let Some(&d) = indices.iter().find(|&&d| d >= self.n_docs()) {
            return Err(Error::DocumentIndex {
                index: d,
                len: self.n_docs(),
            });
        }
        let tokens = indices.iter().map(|&d| self.doc_tokens(d).len()).sum();
        let mut part = Part::with_capacity(tokens, indices.len());
        for &d in indices {
            let (source, local) = self.part(d);
            part.push_document_of(source, local, source.doc_tokens(local).iter().copied());
        }
        let mut out = Corpus::empty(Arc::clone(&self.vocab), Arc::clone(&self.texts));
        out.doc_text = indices.iter().map(|&d| self.doc_text[d]).collect();
        out.push_part(part);
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
        let mut part = Part::new();
        for d in 0..self.n_docs() {
            let tokens = self.doc_tokens(d);
            let spans: Vec<(usize, usize)> = self.doc_spans(d).collect();
            let mut sentence_start = 0;
            for sentence in self.doc_sentences(d) {
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
                    part.push_token(id, spans[p].0, spans[p + length - 1].1, p == sentence_start);
                    p += length;
                }
                sentence_start = end;
            }
            part.end_document();
        }
        let mut out = Corpus::empty(Arc::new(vocab), Arc::clone(&self.texts));
        out.doc_text = self.doc_text.clone();
        out.push_part(part);
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
        let parts = self
            .parts
            .iter()
            .map(|part| Part {
                tokens: part.tokens.iter().map(|&id| map[id as usize]).collect(),
                ..part.clone()
            })
            .collect();
        Corpus {
            vocab: Arc::new(vocab),
            parts,
            ..self.clone()
        }
    }

    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    pub fn n_docs(&self) -> usize {
        self.doc_part.len()
    }

    pub fn n_tokens(&self) -> usize {
        self.n_tokens
    }

    /// The term ids of document `d`.
    pub fn doc_tokens(&self, d: usize) -> &[u32] {
        let (part, local) = self.part(d);
        part.doc_tokens(local)
    }

    /// The term ids of each sentence of document `d`.
    pub fn doc_sentences(&self, d: usize) -> impl Iterator<Item = &[u32]> + '_ {
        let (part, local) = self.part(d);
        part.doc_sentences(local)
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

    /// Byte offsets (start, end) of each token of document `d` in its text.
    pub fn doc_spans(&self, d: usize) -> impl ExactSizeIterator<Item = (usize, usize)> + '_ {
        let (part, local) = self.part(d);
        part.doc_spans(local)
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
        let (part, local) = self.part(d);
        part.doc_sentences[local + 1] - part.doc_sentences[local]
    }
}

/// Tokenize one unit of work into a part, its ids those of a vocabulary of
/// its own (merged with the others' afterwards). A piece of a document is a
/// part of one document, its offsets those in the whole document.
fn tokenize_unit(
    texts: &Strings,
    unit: &Unit,
    tokenizer: &Tokenizer,
    control: &Control,
) -> Result<(Part, Vocab)> {
    let (doc, bytes, last) = match unit {
        Unit::Documents(range) => return tokenize_part(texts, range.clone(), tokenizer, control),
        Unit::Piece { doc, bytes, last } => (*doc, bytes.clone(), *last),
    };
    check(control)?;
    let piece = &texts.get(doc)[bytes.clone()];
    let mut local = Vocab::with_capacity(piece.len() / 40 + 64, piece.len() / 5);
    let mut part = Part::with_capacity(piece.len() / 6, 1);
    tokenizer.for_each_token(piece, |term, start, end, starts_sentence| {
        let (start, end) = (bytes.start + start, bytes.start + end);
        part.push_token(local.intern(term), start, end, starts_sentence);
    });
    part.end_document();
    if last {
        control.advance(1);
    }
    Ok((part, local))
}

/// Tokenize the documents `range` of `texts` into a part, its ids those of a
/// vocabulary of its own (merged with the others' afterwards).
fn tokenize_part(
    texts: &Strings,
    range: std::ops::Range<usize>,
    tokenizer: &Tokenizer,
    control: &Control,
) -> Result<(Part, Vocab)> {
    let count = range.len();
    let bytes: usize = range.clone().map(|d| texts.get(d).len()).sum();
    // Sized for the types of about a megabyte of news (Heaps' law), so the
    // table seldom grows; and about one token per six bytes of English.
    let mut local = Vocab::with_capacity(bytes / 40 + 64, bytes / 5);
    let mut part = Part::with_capacity(bytes / 6, count);
    for (i, d) in range.enumerate() {
        check(control)?;
        // Progress in batches: one shared atomic add per short document would
        // cost a tweet-sized corpus more than its counting does.
        if i % PROGRESS_BATCH == 0 {
            control.advance(PROGRESS_BATCH.min(count - i));
        }
        tokenizer.for_each_token(texts.get(d), |term, start, end, starts_sentence| {
            part.push_token(local.intern(term), start, end, starts_sentence);
        });
        part.end_document();
    }
    part.shrink_to_fit();
    Ok((part, local))
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
        let all = |c: &Corpus| -> Vec<u32> {
            (0..c.n_docs())
                .flat_map(|d| c.doc_tokens(d).to_vec())
                .collect()
        };
        assert_eq!(all(&one), all(&two));
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
    fn long_documents_cut_into_pieces_tokenize_alike() {
        let long: String = (0..400)
            .map(|i| {
                format!(
                    "Line {i} of the U.S. story.\r\nIt goes on, “quoted” — word{}.\n\n",
                    i % 37
                )
            })
            .collect();
        let texts = [
            "short one".to_owned(),
            long.clone(),
            String::new(),
            long.replace('\n', " "),
        ];
        let tokenizer = Tokenizer::new(TokenizerConfig::default()).unwrap();
        let control = Control::default();
        let whole =
            Corpus::tokenized(Strings::from_strs(&texts), &tokenizer, &control, 1 << 30).unwrap();
        for threads in [1, 2] {
            let cut = run(threads, || {
                Corpus::tokenized(Strings::from_strs(&texts), &tokenizer, &control, 64)
            })
            .unwrap();
            assert!(cut.vocab().terms().eq(whole.vocab().terms()));
            for d in 0..texts.len() {
                assert_eq!(cut.doc_tokens(d), whole.doc_tokens(d));
                assert!(cut.doc_spans(d).eq(whole.doc_spans(d)));
                assert!(cut.doc_sentences(d).eq(whole.doc_sentences(d)));
            }
        }
        // The long document with line ends became many pieces, the one without one.
        let cut = units(&Strings::from_strs(&texts), 64);
        let pieces = |doc: usize| {
            cut.iter()
                .filter(|u| matches!(u, Unit::Piece { doc: d, .. } if *d == doc))
                .count()
        };
        assert!(pieces(1) > 100);
        assert_eq!(pieces(3), 1);
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
