"""corpuscle against the plain-Python reference on generated corpora (hypothesis).

Counts must agree exactly and scores to 1e-9 relative; results must not depend
on the thread count or, where order means nothing, on the order of documents.
"""

import math
import random

import numpy as np
import pandas as pd
import pytest
import reference
from generated import corpora
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import corpuscle
from corpuscle import Corpus

MEASURES = ["llr", "chi2", "pmi", "log_dice"]
KEYNESS_MEASURES = ["llr", "chi2", "log_ratio", "pmi"]


def close(ours, expected):
    np.testing.assert_allclose(ours, expected, rtol=1e-9, atol=1e-12, equal_nan=True)


def reference_docs(texts):
    return [reference.sentences(text) for text in texts]


@settings(max_examples=80, deadline=None)
@given(corpora(), st.booleans())
def test_collocation_scores_equal_the_reference(corpus_texts, by_source):
    texts, sources = corpus_texts
    corpus = Corpus(texts, sources=sources)
    table = corpus.collocations(min_count=1, measures=MEASURES, by="source" if by_source else None)
    docs = reference_docs(texts)
    groups = sorted(set(sources)) if by_source else [None]
    for group in groups:
        members = [d for d, s in zip(docs, sources) if group is None or s == group]
        pairs, words, n = reference.bigram_tables(members)
        ours = table if group is None else table[table["source"] == group]
        assert sorted(ours["ngram"]) == sorted(f"{a} {b}" for a, b in pairs)
        for row in ours.itertuples():
            first, second = row.ngram.split()
            o = pairs[first, second]
            assert row.count == o
            expected = reference.collocation_scores(o, words[first], words[second], n)
            close(row.expected, expected["expected"])
            close([getattr(row, m) for m in MEASURES], [expected[m] for m in MEASURES])


@settings(max_examples=80, deadline=None)
@given(corpora(min_size=2), st.sampled_from(KEYNESS_MEASURES))
def test_keyness_scores_equal_the_reference(corpus_texts, measure):
    texts, sources = corpus_texts
    docs = reference_docs(texts)
    words = {
        g: [w for d, s in zip(docs, sources) if s == g for sent in d for w in sent] for g in "XY"
    }
    assume(words["X"] and words["Y"])
    target_docs = [[w for sent in d for w in sent] for d, s in zip(docs, sources) if s == "X"]
    corpus = Corpus(texts, sources=sources)
    table = corpus.keyness("X", measure=measure, min_count=1, correction=None)
    n1, n2 = len(words["X"]), len(words["Y"])
    vocabulary = set(words["X"]) | set(words["Y"])
    assert sorted(table["term"]) == sorted(vocabulary)
    for row in table.itertuples():
        a, b = words["X"].count(row.term), words["Y"].count(row.term)
        assert (row.target_count, row.reference_count) == (a, b)
        expected = reference.keyness_scores(a, b, n1, n2)
        close(row.statistic, expected[measure])
        close(row.log_ratio, expected["log_ratio"])
        close(
            row.dp,
            reference.dp([d.count(row.term) for d in target_docs], list(map(len, target_docs))),
        )
        assert row.direction == ("target" if a / n1 > b / n2 else "reference") or a / n1 == b / n2
    if measure in ("llr", "chi2"):
        close(table["p_value"], [math.erfc(math.sqrt(abs(s) / 2)) for s in table["statistic"]])


def _both_sides_have_tokens(texts, sources):
    return all(any(reference.sentences(t) for t, s in zip(texts, sources) if s == g) for g in "XY")


def _tables(corpus):
    """Every order-free result of a corpus, as DataFrames."""
    return {
        "frequencies": corpus.frequencies(n=(1, 3), by="source"),
        "collocations": corpus.collocations(min_count=1, by="source"),
        "collocates": corpus.collocates("a", window=2, min_count=1, by="source"),
        "keyness": corpus.keyness("X", min_count=1),
        "counts": corpus.counts(n=2).frequencies(n=(1, 2)),
    }


def _assert_same(one, two):
    assert one.keys() == two.keys()
    for name in one:
        pd.testing.assert_frame_equal(one[name], two[name], check_exact=True, obj=name)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(min_size=2, max_size=10), st.randoms(use_true_random=False))
def test_document_order_does_not_matter(corpus_texts, rng):
    texts, sources = corpus_texts
    assume(_both_sides_have_tokens(texts, sources))
    order = list(range(len(texts)))
    rng.shuffle(order)
    shuffled = Corpus([texts[i] for i in order], sources=[sources[i] for i in order])
    _assert_same(_tables(Corpus(texts, sources=sources)), _tables(shuffled))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(min_size=2, max_size=10), st.integers(0, 2**32 - 1))
def test_one_and_two_threads_agree(corpus_texts, seed):
    # Work is cut into chunks of 256 documents: 700 documents make three.
    texts, sources = corpus_texts
    assume(_both_sides_have_tokens(texts, sources))
    rng = random.Random(seed)
    picks = [rng.randrange(len(texts)) for _ in range(700)]
    corpus = Corpus([texts[i] for i in picks], sources=[sources[i] for i in picks])
    corpuscle.set_num_threads(1)
    one = _tables(corpus)
    corpuscle.set_num_threads(2)
    _assert_same(one, _tables(corpus))


def test_the_reference_measures_by_hand():
    # The reference itself, on a table worked by hand: o=1, f1=f2=6, n=13.
    scores = reference.collocation_scores(1, 6, 6, 13)
    assert scores["expected"] == pytest.approx(36 / 13)
    assert scores["log_dice"] == pytest.approx(14 + math.log2(2 / 12))
    cells = [(1, 36 / 13), (5, 42 / 13), (5, 42 / 13), (2, 49 / 13)]
    assert scores["llr"] == pytest.approx(2 * sum(o * math.log(o / e) for o, e in cells))
    assert scores["chi2"] == pytest.approx(sum((o - e) ** 2 / e for o, e in cells))
    key = reference.keyness_scores(3, 1, 8, 5)
    assert key["log_ratio"] == pytest.approx(math.log2(1.875))
    assert key["pmi"] == pytest.approx(math.log2(3 / (4 * 8 / 13)))
    assert reference.keyness_scores(0, 2, 8, 5)["log_ratio"] == pytest.approx(
        math.log2((0.5 / 8) / (2 / 5))
    )
