"""Term frequencies against hand counts and against the plain-Python reference."""

import numpy as np
import pandas as pd
import pytest
import reference
from generated import DOCUMENT
from hypothesis import given, settings
from hypothesis import strategies as st

import corpuscle
from corpuscle import Corpus, datasets, stopwords


def test_unigrams_by_hand():
    # A: "the cat saw the dog" + "the dog" = 7 tokens; B: "a cat" = 2 tokens.
    corpus = Corpus(["The cat saw the dog.", "The dog.", "A cat."], sources=["A", "A", "B"])
    df = corpus.frequencies(by="source")
    assert list(df.columns) == ["source", "term", "count", "per_million", "doc_freq", "rank"]
    rows = df[df["source"] == "A"][["term", "count", "doc_freq", "rank"]].values.tolist()
    assert rows == [["the", 3, 2, 1], ["dog", 2, 2, 2], ["cat", 1, 1, 3], ["saw", 1, 1, 4]]
    assert df[df["source"] == "A"]["per_million"].tolist() == pytest.approx(
        [3 / 7 * 1e6, 2 / 7 * 1e6, 1 / 7 * 1e6, 1 / 7 * 1e6]
    )
    assert df[df["source"] == "B"][["term", "rank"]].values.tolist() == [["a", 1], ["cat", 2]]
    assert df.attrs["documents"] == 3
    assert df.attrs["tokens"] == 9


def test_bigrams_never_cross_sentences_or_stop_words():
    corpus = Corpus(["Power of Siberia. Siberia pipeline. The Power of Siberia."])
    bigrams = corpus.frequencies(n=2)
    assert dict(zip(bigrams["term"], bigrams["count"])) == {
        "power of": 2,
        "of siberia": 2,
        "siberia pipeline": 1,
        "the power": 1,
    }
    # 2 + 1 + 3 bigram positions.
    assert bigrams["per_million"].iloc[0] == pytest.approx(2 / 6 * 1e6)
    trigrams = corpus.frequencies(n=3, stopwords="english")
    assert trigrams.empty  # every trigram holds "of" or "the"
    assert corpus.frequencies(n=2, stopwords=["of", "The"])["term"].tolist() == ["siberia pipeline"]


def test_ngram_range_ranks_all_lengths_together():
    df = Corpus(["a b a b"]).frequencies(n=(1, 2))
    assert df[["term", "count", "rank"]].values.tolist() == [
        ["a", 2, 1],
        ["a b", 2, 2],
        ["b", 2, 3],
        ["b a", 1, 4],
    ]


def test_min_count_top_and_by_two_fields():
    corpus = Corpus(["x x y", "x z", "y y"], sources=["A", "A", "B"], meta={"year": [1, 2, 1]})
    assert corpus.frequencies(min_count=3)["term"].tolist() == ["x", "y"]
    top = corpus.frequencies(by="source", top=1)
    assert top[["source", "term", "count"]].values.tolist() == [["A", "x", 3], ["B", "y", 2]]
    two = corpus.frequencies(by=["source", "year"])
    assert two[["source", "year", "term", "count"]].values.tolist() == [
        ["A", 1, "x", 2],
        ["A", 1, "y", 1],
        ["A", 2, "x", 1],
        ["A", 2, "z", 1],
        ["B", 1, "y", 2],
    ]


def test_stopwords_are_normalised_like_tokens():
    corpus = Corpus(["Putin’s visit"])
    assert corpus.frequencies(stopwords=["PUTIN's"])["term"].tolist() == ["visit"]
    assert "the" in stopwords("english")


def test_polars_output():
    pl = pytest.importorskip("polars")
    corpuscle.set_output("polars")
    df = Corpus(["a b a"], sources=["S"]).frequencies(by="source")
    assert isinstance(df, pl.DataFrame)
    assert df.columns == ["source", "term", "count", "per_million", "doc_freq", "rank"]
    assert df["count"].to_list() == [2, 1]


def test_demo_corpus_matches_reference():
    corpus = datasets.demo()
    docs = [corpus.sentences(i) for i in range(len(corpus))]
    groups = corpus.meta["source"].tolist()
    stop = stopwords("english")
    for n in (1, 2, 3):
        expected = reference.frequencies(docs, groups, n, stop)
        df = corpus.frequencies(n=n, by="source", stopwords="english")
        for source, rows in expected.items():
            ours = df[df["source"] == source]
            assert ours["term"].tolist() == [r[0] for r in rows]
            assert ours["count"].tolist() == [r[1] for r in rows]
            np.testing.assert_allclose(ours["per_million"], [r[2] for r in rows], rtol=1e-12)
            assert ours["doc_freq"].tolist() == [r[3] for r in rows]
            assert ours["rank"].tolist() == [r[4] for r in rows]


def test_same_result_for_any_thread_count():
    corpus = datasets.demo()
    corpuscle.set_num_threads(1)
    one = corpus.frequencies(n=(1, 2), by="source")
    corpuscle.set_num_threads(2)
    two = corpus.frequencies(n=(1, 2), by="source")
    pd.testing.assert_frame_equal(one, two)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(DOCUMENT, min_size=1, max_size=8), n=st.integers(1, 3), data=st.data())
def test_counts_equal_reference_on_generated_corpora(texts, n, data):
    groups = data.draw(st.lists(st.sampled_from("XY"), min_size=len(texts), max_size=len(texts)))
    corpus = Corpus(texts, sources=groups)
    docs = [reference.sentences(t) for t in texts]
    assert [corpus.sentences(i) for i in range(len(texts))] == docs
    expected = reference.frequencies(docs, groups, n)
    df = corpus.frequencies(n=n, by="source")
    for source in sorted(set(groups)):
        ours = df[df["source"] == source]
        rows = expected.get(source, [])
        assert list(zip(ours["term"], ours["count"], ours["doc_freq"], ours["rank"])) == [
            (r[0], r[1], r[3], r[4]) for r in rows
        ]
        np.testing.assert_allclose(ours["per_million"], [r[2] for r in rows], rtol=1e-12)


def test_ties_sort_by_code_point_across_lengths_and_scripts():
    # Every n-gram occurs once, so rank order is the code point order of the joined text.
    # UAX #29 makes each ideograph a word, so 北京 is the bigram "北 京".
    texts = ["Ab. A c. Zürich. Zebra. Étude. Ézé. 北京. B"]
    df = Corpus(texts).frequencies(n=(1, 2))
    terms = df["term"].tolist()
    assert set(df["count"]) == {1}
    assert len(terms) == 12
    assert terms == sorted(terms)
    assert terms[:4] == ["a", "a c", "ab", "b"]


def test_columns_are_the_same_with_or_without_arrow(monkeypatch):
    from corpuscle import _output

    corpus = Corpus(["Zürich met Zurich. 北京 said so", "so it was"], sources=["Ä", "B"])
    arrow = corpus.frequencies(n=(1, 2), by="source")
    _output._string_dtype.cache_clear()
    monkeypatch.setattr(_output, "_string_dtype", lambda: None)
    plain = corpus.frequencies(n=(1, 2), by="source")
    assert arrow["term"].tolist() == plain["term"].tolist()
    assert "北 京" in plain["term"].tolist()
    # Text labels come back as a Categorical whose values are the sources.
    assert isinstance(arrow["source"].dtype, pd.CategoricalDtype)
    assert arrow["source"].tolist() == ["B"] * 5 + ["Ä"] * 12  # groups in sorted order
