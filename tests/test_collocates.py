"""Collocates of a node: the window convention by hand and against a plain-Python reference."""

import math

import numpy as np
import pytest
import reference

from corpuscle import Corpus, datasets


def test_window_counts_worked_by_hand():
    # Node "x", window 1 left and 2 right, windows inside sentences:
    #   "a x b c. x a. b": around x#1 -> a | b c; around x#2 -> (sentence start) | a.
    # O11(a) = 2, R1 = 1 + 2 + 0 + 1 = 4 positions, N = 7 tokens, C1(a) = 2, f(x) = 2.
    df = (
        Corpus(["A x b c. X a. B"])
        .collocates("x", window=(1, 2), min_count=1)
        .set_index("collocate")
    )
    row = df.loc["a"]
    assert row[["count", "node_count", "collocate_count"]].tolist() == [2, 2, 2]
    assert row["expected"] == pytest.approx(4 * 2 / 7)  # E11 = R1 C1 / N
    assert row["mi"] == pytest.approx(math.log2(2 / (8 / 7)))
    assert row["mi3"] == pytest.approx(math.log2(8 / (8 / 7)))
    assert row["log_dice"] == pytest.approx(14 + math.log2(2 * 2 / (2 + 2)))
    assert row["t"] == pytest.approx((2 - 8 / 7) / math.sqrt(2))
    # ΔP = O11/R1 - (C1 - O11)/(N - R1) = 2/4 - 0/3.
    assert row["delta_p"] == pytest.approx(0.5)
    # G² over O11 = 2, R1 - O11 = 2, C1 - O11 = 0, N - R1 - C1 + O11 = 3.
    g2 = 2 * (
        2 * math.log(2 / (8 / 7)) + 2 * math.log(2 / (4 * 5 / 7)) + 3 * math.log(3 / (3 * 5 / 7))
    )
    assert row["llr"] == pytest.approx(g2)
    assert sorted(df.index) == ["a", "b", "c"]


def test_matches_the_reference_on_the_demo_corpus():
    demo = datasets.demo()
    docs = [demo.sentences(i) for i in range(len(demo))]
    occurrences, span, near = reference.window_cooccurrence(docs, "strike", 4, 4)
    n = demo.n_tokens
    frequency = dict(zip(*demo.frequencies()[["term", "count"]].to_dict("list").values()))
    df = demo.collocates("strike", window=4, min_count=2).set_index("collocate")
    expected = {word: count for word, count in near.items() if count >= 2}
    assert set(df.index) == set(expected)
    assert (df["node_count"] == occurrences).all()
    for word, count in expected.items():
        c1 = frequency[word]
        row = df.loc[word]
        assert row["count"] == count
        assert row["collocate_count"] == c1
        assert row["mi"] == pytest.approx(math.log2(count * n / (span * c1)), rel=1e-12)
        assert row["llr"] == pytest.approx(reference.g2_2x2(count, span, c1, n), rel=1e-9)
        assert row["log_dice"] == pytest.approx(
            14 + math.log2(2 * count / (occurrences + c1)), rel=1e-12
        )


def test_phrase_and_glob_nodes_and_groups():
    corpus = Corpus(
        ["Vladimir Putin met Zelensky. Zelenskyy met Vladimir Putin.", "Putin alone met nobody."],
        sources=["A", "B"],
    )
    phrase = corpus.collocates("vladimir putin", window=1, min_count=1)
    assert dict(zip(phrase["collocate"], phrase["count"])) == {"met": 2}
    assert phrase["node_count"].iloc[0] == 2
    glob = corpus.collocates("zelensk*", window=1, min_count=1)
    assert dict(zip(glob["collocate"], glob["count"])) == {"met": 2}
    by_source = corpus.collocates("putin", window=1, min_count=1, by="source")
    # A: vladimir twice (logDice 14 + log2(4/4) = 14), met once (14 + log2(2/4) = 13).
    assert by_source[["source", "collocate", "count", "node_count"]].values.tolist() == [
        ["A", "vladimir", 2, 2],
        ["A", "met", 1, 2],
        ["B", "alone", 1, 1],
    ]
    assert by_source["log_dice"].tolist()[:2] == [14.0, 13.0]


def test_bad_nodes_and_arguments():
    corpus = Corpus(["The cat sat on the mat."])
    with pytest.raises(ValueError, match="holds only stop words"):
        corpus.collocates("the", stopwords="english")
    with pytest.raises(ValueError, match="has no words"):
        corpus.collocates("—")
    with pytest.raises(ValueError, match="window must be at least 1 token"):
        corpus.collocates("cat", window=0)
    with pytest.raises(
        ValueError, match="unknown collocate measure 'pmi'; choose from log_dice, mi"
    ):
        corpus.collocates("cat", measures=["pmi"])
    absent = corpus.collocates("dog")
    assert absent.empty
    assert list(absent.columns) == [
        "collocate",
        "count",
        "node_count",
        "collocate_count",
        "expected",
        "log_dice",
        "mi",
        "mi3",
        "llr",
        "t",
        "delta_p",
    ]
    np.testing.assert_array_equal(
        corpus.collocates("cat", window=(0, 1), min_count=1)["collocate"], ["sat"]
    )
