"""Document-term matrices against scikit-learn, given the same tokens."""

import numpy as np
import pytest

from corpuscle import datasets

sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")


def _analyzer(corpus, n_values, stop=frozenset()):
    """scikit-learn analyzer returning corpuscle's own n-grams of a document (by position)."""
    positions = {text: i for i, text in enumerate(corpus.texts)}

    def analyze(text):
        sentences = corpus.sentences(positions[text])
        grams = []
        for n in n_values:
            for s in sentences:
                grams += [
                    " ".join(s[i : i + n])
                    for i in range(len(s) - n + 1)
                    if not set(s[i : i + n]) & stop
                ]
        return grams

    return analyze


@pytest.mark.parametrize(
    ("n", "min_df", "max_df"), [(1, 1, 1.0), ((1, 2), 2, 0.5), (2, 0.1, 8), (3, 1, 1.0)]
)
def test_dtm_equals_count_vectorizer(n, min_df, max_df):
    corpus = datasets.demo()
    n_values = [n] if isinstance(n, int) else list(range(n[0], n[1] + 1))
    vectorizer = sklearn_text.CountVectorizer(
        analyzer=_analyzer(corpus, n_values), min_df=min_df, max_df=max_df
    )
    expected = vectorizer.fit_transform(corpus.texts)
    matrix, terms = corpus.dtm(n=n, min_df=min_df, max_df=max_df)
    assert terms == vectorizer.get_feature_names_out().tolist()
    assert matrix.shape == expected.shape
    assert (matrix != expected).nnz == 0
    assert matrix.has_sorted_indices


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"norm": None},
        {"norm": "l1", "sublinear_tf": True},
        {"smooth_idf": False},
        {"use_idf": False},
    ],
)
def test_tfidf_equals_tfidf_vectorizer(options):
    corpus = datasets.demo()
    vectorizer = sklearn_text.TfidfVectorizer(analyzer=_analyzer(corpus, [1]), **options)
    expected = vectorizer.fit_transform(corpus.texts)
    matrix, terms = corpus.tfidf(**options)
    assert terms == vectorizer.get_feature_names_out().tolist()
    np.testing.assert_allclose(matrix.toarray(), expected.toarray(), rtol=1e-12, atol=1e-15)


def test_dtm_with_stopwords():
    corpus = datasets.demo()
    from corpuscle import stopwords

    stop = stopwords("english")
    vectorizer = sklearn_text.CountVectorizer(analyzer=_analyzer(corpus, [2], stop))
    expected = vectorizer.fit_transform(corpus.texts)
    matrix, terms = corpus.dtm(n=2, stopwords="english")
    assert terms == vectorizer.get_feature_names_out().tolist()
    assert (matrix != expected).nnz == 0


def test_threshold_arguments():
    corpus = datasets.demo()
    with pytest.raises(ValueError, match="max_df=1 keeps fewer documents than min_df=2"):
        corpus.dtm(min_df=2, max_df=1)
    with pytest.raises(ValueError, match="min_df must be"):
        corpus.dtm(min_df=1.5)
    with pytest.raises(ValueError, match="norm must be"):
        corpus.tfidf(norm="l3")
