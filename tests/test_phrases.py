"""Phrases found in rounds of npmi scoring, and compound() joining them into tokens."""

import math
import pickle

import numpy as np
import pandas as pd
import pytest

import corpuscle
from corpuscle import Corpus, datasets

TEXT = (
    "The international criminal court ruled. " * 4 + "A court ruled. The international press came."
)


def test_rounds_worked_by_hand():
    # Round 1, N = 27 tokens: "the international" (5 of f = 5 and 5: npmi 1), "court ruled"
    # (npmi 1), "international criminal" and "criminal court" (log2(4*27/20) / -log2(4/27))
    # all pass 0.5. Rewriting left to right gives "the_international criminal_court ruled".
    # Round 2, N = 17 units: "the_international criminal_court" scores
    # log2(4*17/(5*4)) / -log2(4/17) and is joined in 4 sentences; "criminal_court ruled"
    # (npmi 1) is found too but never survives the rewrite, so it is not reported.
    found = Corpus([TEXT]).phrases(min_count=3, threshold=0.5)
    assert found["phrase"].tolist() == [
        "court ruled",
        "the international",
        "the international criminal court",
    ]
    assert found["size"].tolist() == [2, 2, 4]
    assert found["count"].tolist() == [1, 1, 4]
    np.testing.assert_allclose(found["score"], [1.0, 1.0, math.log2(68 / 20) / -math.log2(4 / 17)])


def test_npmi_stays_in_range_and_threads_do_not_matter():
    demo = datasets.demo()
    corpuscle.set_num_threads(1)
    one = demo.phrases(min_count=2, threshold=-1.0)
    corpuscle.set_num_threads(2)
    two = demo.phrases(min_count=2, threshold=-1.0)
    pd.testing.assert_frame_equal(one, two)
    assert one["score"].between(-1.0, 1.0).all()
    assert (one["size"] <= 4).all()
    assert (
        "prime minister anneliese korvath"
        in demo.phrases(min_count=5, threshold=0.7)["phrase"].tolist()
    )


def test_compound_joins_tokens_and_keeps_offsets():
    text = "The International Criminal Court issued a warrant. The court met."
    corpus = Corpus([text], sources=["A"])
    joined = corpus.compound(["International Criminal Court"])
    assert joined.tokens(0) == [
        "the",
        "international_criminal_court",
        "issued",
        "a",
        "warrant",
        "the",
        "court",
        "met",
    ]
    starts, ends = joined.offsets(0)
    assert text[starts[1] : ends[1]] == "International Criminal Court"
    assert joined.n_tokens == corpus.n_tokens - 2
    freq = joined.frequencies()
    assert freq.set_index("term").loc["international_criminal_court", "count"] == 1
    assert joined.kwic("international_criminal_court")["match"].tolist() == [
        "International Criminal Court"
    ]
    # The original corpus is unchanged; filter and pickling keep the compounds.
    assert "international_criminal_court" not in corpus.frequencies()["term"].tolist()
    assert joined.filter(source="A").tokens(0)[1] == "international_criminal_court"
    assert pickle.loads(pickle.dumps(joined)).tokens(0) == joined.tokens(0)


def test_compound_from_phrases_frame_and_word_lists():
    corpus = Corpus([TEXT])
    joined = corpus.compound(corpus.phrases(min_count=3, threshold=0.5), separator="+")
    assert joined.sentences(0)[0] == ["the+international+criminal+court", "ruled"]
    assert corpus.compound([["court", "ruled"]]).sentences(0)[0][-1] == "court_ruled"
    # Longest first where phrases overlap at the same start.
    both = corpus.compound(["criminal court", "the international criminal court"])
    assert both.sentences(0)[0] == ["the_international_criminal_court", "ruled"]


def test_bad_arguments():
    corpus = Corpus([TEXT])
    with pytest.raises(ValueError, match="unknown measure 'gensim'"):
        corpus.phrases(scoring="gensim")
    with pytest.raises(ValueError, match="max_size must be an int >= 2"):
        corpus.phrases(max_size=1)
    with pytest.raises(TypeError, match="not one str"):
        corpus.compound("international criminal court")
    with pytest.raises(TypeError, match=r"phrases\[0\] is int"):
        corpus.compound([3])
    with pytest.raises(KeyError, match="'phrase' column"):
        corpus.compound(pd.DataFrame({"text": ["a b"]}))
