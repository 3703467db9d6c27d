"""The statistics a Corpus offers: summary, frequencies, document-term matrices.

Each method checks its arguments, makes one call into the engine, and names
the columns that come back. No number is computed here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from corpuscle._args import (
    NgramSpec,
    Stopwords,
    count_and_top,
    document_threshold,
    ngram_lengths,
    stopword_label,
    stopword_list,
)
from corpuscle._config import get_num_threads
from corpuscle._dependencies import import_optional
from corpuscle._groups import By, group, group_or_all, grouped_frame
from corpuscle._output import assemble, frame
from corpuscle._progress import progress_bar
from corpuscle._wide import frequency_result

if TYPE_CHECKING:
    import pandas as pd
    import scipy.sparse

    from corpuscle import _core


def corpus_size(corpus: Any) -> dict[str, int]:
    """The corpus size that goes in a result's attrs."""
    return {"documents": len(corpus._meta), "tokens": corpus._inner.n_tokens}


class Statistics:
    """Mixin of Corpus: every method reads ``self._inner`` and ``self._meta``."""

    _inner: _core.Corpus
    _meta: pd.DataFrame

    def summary(self, by: By = "source") -> Any:
        """Documents, tokens, types and type/token ratio per group.

        Parameters
        ----------
        by : str, list of str or None, default "source"
            Metadata field(s) to group by; None (or the default on a corpus
            without a ``source`` field) for one row over the whole corpus.

        Returns
        -------
        DataFrame
            ``[by fields], documents, tokens, types, type_token_ratio`` where
            ``type_token_ratio = types / tokens`` (NaN for a group with no tokens).

        Examples
        --------
        >>> from corpuscle import Corpus
        >>> Corpus(["a b a", "c"], sources=["X", "Y"]).summary()
          source  documents  tokens  types  type_token_ratio
        0      X          1       3      2          0.666667
        1      Y          1       1      1          1.000000
        """
        return frame(self._summary_columns(by), {"documents": len(self._meta), "by": by})

    def _summary_columns(self, by: By) -> dict[str, Any]:
        groups = group_or_all(self._meta, by)
        sizes = self._inner.group_sizes(groups.codes, groups.count, threads=get_num_threads())
        codes = np.arange(groups.count)
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = sizes["types"] / sizes["tokens"].astype(np.float64)
        return assemble(groups.columns_for(codes), {**sizes, "type_token_ratio": ratio})

    def frequencies(
        self,
        n: NgramSpec = 1,
        by: By = None,
        min_count: int = 1,
        stopwords: Stopwords = None,
        top: int | None = None,
        *,
        progress: bool | None = None,
    ) -> Any:
        """Term (n-gram) frequencies, overall or per group.

        Parameters
        ----------
        n : int or (int, int), default 1
            N-gram length 1 to 5, or a range such as ``(1, 3)``. N-grams are
            joined with one space and never cross a sentence.
        by : str, list of str or None
            Metadata field(s) to count per group, e.g. ``"source"``.
        min_count : int, default 1
            Drop terms seen fewer times than this in their group.
        stopwords : "english", iterable of str or None
            Drop terms that are, or n-grams that contain, a stop word (words are
            never joined across a removed one). Stop words are normalised with
            the corpus' tokenizer.
        top : int, optional
            Keep the `top` highest-ranked terms of each group.
        progress : bool, optional
            Draw a progress bar if the call runs longer than about two seconds;
            by default as :func:`corpuscle.set_progress` says.

        Returns
        -------
        DataFrame
            ``[by fields], term, count, per_million, doc_freq, rank``:

            - ``per_million = count / positions * 1e6``, where positions is the
              number of n-grams of that length in the group, stop words included
              (for unigrams, its tokens);
            - ``doc_freq``: documents of the group that contain the term;
            - ``rank``: 1 for the most frequent term of its group, ties broken by
              the term (code point order), so ranks are ordinal.

            With a range of ``n``, terms of all lengths are ranked together.
            ``df.attrs`` holds the settings and corpus size.

        Examples
        --------
        >>> from corpuscle import Corpus
        >>> corpus = Corpus(["Xi met Putin. Putin met Xi.", "Xi left."], sources=["A", "B"])
        >>> corpus.frequencies(by="source", top=2)
          source   term  count    per_million  doc_freq  rank
        0      A    met      2  333333.333333         1     1
        1      A  putin      2  333333.333333         1     2
        2      B   left      1  500000.000000         1     1
        3      B     xi      1  500000.000000         1     2
        """
        with progress_bar("Counting", progress):
            lengths = ngram_lengths(n)
            min_count, top = count_and_top(min_count, top)
            groups = group(self._meta, by)
            columns = self._inner.frequencies(
                groups.codes,
                groups.count,
                lengths,
                min_count=min_count,
                top=top,
                stopwords=stopword_list(stopwords),
                threads=get_num_threads(),
            )
            settings = {
                "n": n,
                "by": by,
                "min_count": min_count,
                "stopwords": stopword_label(stopwords),
                "top": top,
            }
            return frequency_result(
                grouped_frame(groups, columns, {**settings, **corpus_size(self)})
            )

    def dtm(
        self,
        n: NgramSpec = 1,
        min_df: float = 1,
        max_df: float = 1.0,
        stopwords: Stopwords = None,
        *,
        progress: bool | None = None,
    ) -> tuple[scipy.sparse.csr_matrix, list[str]]:
        """Document-term matrix of counts, laid out as scikit-learn's CountVectorizer.

        Parameters
        ----------
        n : int or (int, int), default 1
            N-gram length or range, as in :meth:`frequencies`.
        min_df, max_df : int or float
            Keep terms whose document frequency is within ``[min_df, max_df]``:
            an int counts documents, a float is a proportion of documents
            (scikit-learn's rule).
        stopwords : "english", iterable of str or None
        progress : bool, optional
            Draw a progress bar if the call runs longer than about two seconds;
            by default as :func:`corpuscle.set_progress` says.

        Returns
        -------
        (scipy.sparse.csr_matrix, list of str)
            Documents x terms (int64 counts), and the terms in column order
            (sorted by code point, like ``get_feature_names_out()``).

        Examples
        --------
        >>> from corpuscle import Corpus
        >>> matrix, terms = Corpus(["b a b", "c"]).dtm()
        >>> terms, matrix.toarray().tolist()
        (['a', 'b', 'c'], [[1, 2, 0], [0, 0, 1]])
        """
        with progress_bar("Counting", progress):
            parts = self._inner.count_matrix(
                *self._matrix_args(n, min_df, max_df),
                stopwords=stopword_list(stopwords),
                threads=get_num_threads(),
            )
            return self._csr(parts)

    def tfidf(
        self,
        n: NgramSpec = 1,
        min_df: float = 1,
        max_df: float = 1.0,
        stopwords: Stopwords = None,
        norm: Literal["l2", "l1"] | None = "l2",
        use_idf: bool = True,
        smooth_idf: bool = True,
        sublinear_tf: bool = False,
        *,
        progress: bool | None = None,
    ) -> tuple[scipy.sparse.csr_matrix, list[str]]:
        """tf-idf weighted document-term matrix, as scikit-learn's TfidfVectorizer.

        The weight of term t in document d is ``tf(t, d) * idf(t)``, then each
        row is scaled to unit `norm`:

        - ``tf`` is the raw count, or ``1 + ln(count)`` with ``sublinear_tf``;
        - ``idf(t) = ln((1 + n) / (1 + df(t))) + 1`` with ``smooth_idf``
          (as if one extra document held every term once), else
          ``ln(n / df(t)) + 1``; n is the number of documents. The added 1 keeps
          terms in every document from vanishing.

        Arguments are those of :meth:`dtm` plus the four above, with
        scikit-learn's names and defaults.

        Parameters
        ----------
        progress : bool, optional
            Draw a progress bar if the call runs longer than about two seconds;
            by default as :func:`corpuscle.set_progress` says.

        Examples
        --------
        >>> from corpuscle import Corpus
        >>> matrix, terms = Corpus(["a a b", "a"]).tfidf(norm=None)
        >>> terms, matrix.toarray().round(4).tolist()
        (['a', 'b'], [[2.0, 1.4055], [1.0, 0.0]])
        """
        with progress_bar("Counting", progress):
            parts = self._inner.tfidf_matrix(
                *self._matrix_args(n, min_df, max_df),
                stopwords=stopword_list(stopwords),
                norm=norm,
                use_idf=bool(use_idf),
                smooth_idf=bool(smooth_idf),
                sublinear_tf=bool(sublinear_tf),
                threads=get_num_threads(),
            )
            return self._csr(parts)

    def _csr(
        self, parts: tuple[Any, Any, Any, list[str]]
    ) -> tuple[scipy.sparse.csr_matrix, list[str]]:
        scipy_sparse = import_optional("scipy.sparse")
        indptr, indices, data, terms = parts
        matrix = scipy_sparse.csr_matrix(
            (data, indices, indptr), shape=(len(self._meta), len(terms))
        )
        return matrix, terms

    def _matrix_args(
        self, n: NgramSpec, min_df: float, max_df: float
    ) -> tuple[list[int], float, float]:
        n_docs = len(self._meta)
        low = document_threshold(min_df, "min_df", n_docs)
        high = document_threshold(max_df, "max_df", n_docs)
        if high < low:
            raise ValueError(f"max_df={max_df!r} keeps fewer documents than min_df={min_df!r}")
        return ngram_lengths(n), low, high
