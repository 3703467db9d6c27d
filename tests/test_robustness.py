"""Arbitrary text never breaks the tokenizer or the corpus (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from corpuscle import Corpus, Tokenizer

TOKENIZER = Tokenizer()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_spans_point_into_any_text(text):
    spans = TOKENIZER.tokenize_spans(text)
    assert [token for token, _, _ in spans] == TOKENIZER.tokenize(text)
    ends = [0]
    for token, start, end in spans:
        assert token
        assert ends[-1] <= start < end <= len(text)
        ends.append(end)
    assert sum(len(s) for s in TOKENIZER.sentences(text)) == len(spans)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=6))
def test_corpus_of_any_texts_counts_every_token(texts):
    corpus = Corpus(texts)
    assert len(corpus) == len(texts)
    assert corpus.n_tokens == sum(len(TOKENIZER.tokenize(t)) for t in texts)
    freq = corpus.frequencies()
    assert freq["count"].sum() == corpus.n_tokens
