"""Collocations: parity with NLTK, values worked by hand, names found in real text."""

import json
import math
import random

import numpy as np
import pandas as pd
import pytest
from reference import nested_counts, sentences

from corpuscle import Corpus, datasets

collocations_module = pytest.importorskip("nltk.collocations")
association = pytest.importorskip("nltk.metrics.association")

FINDERS = {
    2: (collocations_module.BigramCollocationFinder, association.BigramAssocMeasures),
    3: (collocations_module.TrigramCollocationFinder, association.TrigramAssocMeasures),
    4: (collocations_module.QuadgramCollocationFinder, association.QuadgramAssocMeasures),
}
# corpuscle's column -> NLTK's measure, for the measures both have.
SHARED = {
    "llr": "likelihood_ratio",
    "pmi": "pmi",
    "t": "student_t",
    "chi2": "chi_sq",
    "jaccard": "jaccard",
    "poisson_stirling": "poisson_stirling",
}
BIGRAM_ONLY = {"dice": "dice", "phi2": "phi_sq"}


def _sentences(corpus):
    return [sentence for i in range(len(corpus)) for sentence in corpus.sentences(i)]


def _nltk_scores(corpus, size, min_count, measure):
    finder_class, measures = FINDERS[size]
    # from_documents pads every sentence, so n-grams never cross one, as in corpuscle.
    finder = finder_class.from_documents(_sentences(corpus))
    finder.apply_freq_filter(min_count)
    return {
        " ".join(ngram): score for ngram, score in finder.score_ngrams(getattr(measures, measure))
    }


@pytest.mark.parametrize("size", [2, 3, 4])
def test_every_shared_measure_equals_nltk(size):
    corpus = datasets.demo()  # 3,152 tokens
    min_count = 2
    ours = corpus.collocations(size=size, min_count=min_count).set_index("ngram")
    shared = {**SHARED, **(BIGRAM_ONLY if size == 2 else {})}
    for column, measure in shared.items():
        theirs = _nltk_scores(corpus, size, min_count, measure)
        assert set(theirs) == set(ours.index), measure
        expected = np.array([theirs[g] for g in ours.index])
        np.testing.assert_allclose(
            ours[column].to_numpy(), expected, rtol=1e-9, atol=1e-12, err_msg=column
        )
    # NLTK's mi_like is O^3 / prod f, without the log and N^(n-1): mi3 = log2(mi_like) + (n-1) log2 N.
    mi_like = _nltk_scores(corpus, size, min_count, "mi_like")
    n_tokens = corpus.n_tokens
    expected = [math.log2(mi_like[g]) + (size - 1) * math.log2(n_tokens) for g in ours.index]
    np.testing.assert_allclose(ours["mi3"].to_numpy(), expected, rtol=1e-9)
    # raw_freq is the count over N.
    raw = _nltk_scores(corpus, size, min_count, "raw_freq")
    np.testing.assert_allclose(
        ours["count"].to_numpy() / n_tokens, [raw[g] for g in ours.index], rtol=1e-12
    )


def test_parity_per_group_on_the_real_corpus(xi_putin_dir):
    manifest = [
        json.loads(line) for line in (xi_putin_dir / "manifest.jsonl").read_text().splitlines()
    ]
    corpus = Corpus(
        [(xi_putin_dir / r["file"]).read_text(encoding="utf-8") for r in manifest],
        sources=[r["source"] for r in manifest],
    )
    ours = corpus.collocations(size=2, min_count=2, by="source", measures=["llr", "pmi"])
    for source in corpus.sources:
        part = corpus.filter(source=source)
        theirs = _nltk_scores(part, 2, 2, "likelihood_ratio")
        rows = ours[ours["source"] == source].set_index("ngram")
        assert set(rows.index) == set(theirs)
        np.testing.assert_allclose(rows["llr"], [theirs[g] for g in rows.index], rtol=1e-9)


def test_bigram_measures_worked_by_hand():
    # Tokens: new york | new york | new jersey | old york | new hampshire: N = 10,
    # f(new) = 4, f(york) = 3, and "new york" twice. The table:
    #   ii = 2, oi = f(york) - 2 = 1, io = f(new) - 2 = 2, oo = 10 - 2 - 1 - 2 = 5.
    corpus = Corpus(["New york. New york. New jersey. Old york. New hampshire."])
    row = corpus.collocations(min_count=1).set_index("ngram").loc["new york"]
    assert row["count"] == 2
    assert row["expected"] == pytest.approx(4 * 3 / 10)
    # logDice = 14 + log2(2 * 2 / (4 + 3)).
    assert row["log_dice"] == pytest.approx(14 + math.log2(4 / 7))
    # ΔP(york | new) = ii/(ii+io) - oi/(oi+oo) = 2/4 - 1/6; ΔP(new | york) = 2/3 - 2/7.
    assert row["delta_p_forward"] == pytest.approx(2 / 4 - 1 / 6)
    assert row["delta_p_backward"] == pytest.approx(2 / 3 - 2 / 7)
    # λ = ln(2.5) - ln(1.5) - ln(2.5) + ln(5.5); σ = sqrt(1/2.5 + 1/1.5 + 1/2.5 + 1/5.5).
    lam = math.log(2.5) - math.log(1.5) - math.log(2.5) + math.log(5.5)
    assert row["lambda"] == pytest.approx(lam)
    assert row["z_lambda"] == pytest.approx(lam / math.sqrt(1 / 2.5 + 1 / 1.5 + 1 / 2.5 + 1 / 5.5))
    # npmi = log2(O N / (f1 f2)) / -log2(O / N) = log2(20/12) / log2(5).
    assert row["npmi"] == pytest.approx(math.log2(20 / 12) / math.log2(5))


def test_count_nested_and_stop_word_edges():
    text = "United states congress. United states congress. United states congress. The states congress."
    df = Corpus([text]).collocations(min_count=2).set_index("ngram")
    assert df.loc["states congress", ["count", "count_nested"]].tolist() == [4, 3]
    assert (
        "the states"
        not in Corpus([text]).collocations(min_count=1, stopwords="english")["ngram"].tolist()
    )
    kept = Corpus(["Power of Siberia. Power of Siberia."]).collocations(
        size=3, min_count=2, stopwords="english"
    )
    assert kept["ngram"].tolist() == ["power of siberia"]


def test_demo_corpus_surfaces_its_names():
    demo = datasets.demo()
    bigrams = demo.collocations(stopwords="english", top=12)["ngram"].tolist()
    for name in [
        "northern arc",
        "anneliese korvath",
        "tomas brandt",
        "veldrian rail",
        "united rail",
    ]:
        assert name in bigrams
    trigrams = demo.collocations(size=3, stopwords="english", top=5)["ngram"].tolist()
    for name in ["united rail workers", "ministry of transport", "minister anneliese korvath"]:
        assert name in trigrams


def test_real_corpus_surfaces_its_names(xi_putin_dir):
    corpus = Corpus.from_files(str(xi_putin_dir / "*.txt"))
    bigrams = corpus.collocations(stopwords="english", top=15)["ngram"].tolist()
    assert bigrams[0] == "xi jinping"
    assert {"vladimir putin", "criminal court"} <= set(bigrams)
    trigrams = corpus.collocations(size=3, min_count=2, stopwords="english", top=30)[
        "ngram"
    ].tolist()
    assert {"international criminal court", "power of siberia", "invasion of ukraine"} <= set(
        trigrams
    )


def test_size_five_and_sorting():
    text = "The international criminal court of justice. " * 3
    df = Corpus([text]).collocations(size=5, min_count=3, sort="pmi", measures=["pmi", "llr"])
    assert list(df.columns) == ["ngram", "count", "expected", "count_nested", "pmi", "llr"]
    # Both five-word windows of each sentence occur 3 times and all words 3 times in N = 18,
    # so their PMI is the same, log2(3 * 18**4 / 3**5), and the tie goes to the n-gram.
    assert df["ngram"].tolist() == [
        "international criminal court of justice",
        "the international criminal court of",
    ]
    np.testing.assert_allclose(df["pmi"], math.log2(3 * 18**4 / 3**5))
    assert (df["count_nested"] == 0).all()


def test_by_group_and_polars_attrs():
    corpus = Corpus(["a b. A b. A b.", "c d. C d. C d."], sources=["X", "Y"])
    df = corpus.collocations(by="source", measures="pmi", sort="pmi")
    assert df[["source", "ngram", "count"]].values.tolist() == [["X", "a b", 3], ["Y", "c d", 3]]
    assert df.attrs["size"] == 2


def test_bad_arguments():
    corpus = Corpus(["a b a b a b"])
    with pytest.raises(ValueError, match="size must be between 2 and 5"):
        corpus.collocations(size=6)
    with pytest.raises(
        ValueError, match="unknown measure 'mi' for n-grams of 2 words; choose from llr"
    ):
        corpus.collocations(measures=["mi"])
    with pytest.raises(
        ValueError, match="unknown measure 'delta_p_forward' for n-grams of 3 words"
    ):
        corpus.collocations(size=3, sort="delta_p_forward")
    empty = corpus.collocations(min_count=100)
    assert empty.empty
    assert "llr" in empty.columns
    assert isinstance(empty, pd.DataFrame)


def test_same_scores_for_any_thread_count():
    import corpuscle

    demo = datasets.demo()
    corpuscle.set_num_threads(1)
    one = demo.collocations(size=3, min_count=2, by="source")
    near_one = demo.collocates("rail", by="source")
    corpuscle.set_num_threads(2)
    pd.testing.assert_frame_equal(one, demo.collocations(size=3, min_count=2, by="source"))
    pd.testing.assert_frame_equal(near_one, demo.collocates("rail", by="source"))


@pytest.mark.parametrize(("size", "min_count"), [(2, 2), (2, 3), (3, 2), (4, 2)])
def test_count_nested_equals_the_reference(size, min_count):
    # Sentences that share most of their n-grams, so many occurrences are
    # nested on the left, the right, both, or in a longer n-gram seen too rarely.
    rng = random.Random(size * 10 + min_count)
    words = ["alpha", "beta", "gamma", "delta", "eps"]
    text = ". ".join(
        " ".join(rng.choice(words) for _ in range(rng.randint(1, 9))).capitalize()
        for _ in range(400)
    )
    df = Corpus([text]).collocations(size=size, min_count=min_count).set_index("ngram")
    expected = nested_counts(sentences(text), size, min_count)
    assert (df["count_nested"] > 0).sum() > 10
    assert df["count_nested"].to_dict() == {ngram: expected[ngram] for ngram in df.index}
