"""Collocations: which words travel together.

Each method checks its arguments, makes one call into the engine, and names
the columns that come back. No number is computed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from corpuscle._args import (
    Stopwords,
    count_and_top,
    count_at_least,
    stopword_label,
    stopword_list,
    window_sides,
)
from corpuscle._config import get_num_threads
from corpuscle._groups import By, group, grouped_frame
from corpuscle._output import frame
from corpuscle._progress import progress_bar
from corpuscle._statistics import corpus_size

if TYPE_CHECKING:
    import pandas as pd

    from corpuscle import _core


class Collocations:
    """Mixin of Corpus: every method reads ``self._inner`` and ``self._meta``."""

    _inner: _core.Corpus
    _meta: pd.DataFrame

    def collocations(
        self,
        size: int = 2,
        min_count: int = 3,
        measures: Sequence[str] | None = None,
        sort: str = "llr",
        by: By = None,
        stopwords: Stopwords = None,
        top: int | None = None,
        *,
        progress: bool | None = None,
    ) -> Any:
        r"""Adjacent n-grams scored by how much more often their words occur together than apart.

        Parameters
        ----------
        size : int, default 2
            Words per n-gram, 2 to 5. N-grams never cross a sentence.
        min_count : int, default 3
            Candidates seen fewer times (in their group) are not scored.
        measures : list of str, optional
            Which measures to report (default: all that fit `size`); ``"delta_p"``
            stands for both directions.
        sort : str, default "llr"
            The measure rows are sorted by, highest first (NaN last), ties by n-gram.
        by : str, list of str or None
            Score within each group of documents (e.g. ``"source"``) separately.
        stopwords : "english", iterable of str or None
            Drop candidates that begin or end with a stop word; stop words inside
            stay ("power of siberia"). Counts behind the scores include them.
        top : int, optional
            Keep the `top` rows of each group.
        progress : bool, optional
            Draw a progress bar if the call runs longer than about two seconds;
            by default as :func:`corpuscle.set_progress` says.

        Returns
        -------
        DataFrame
            ``[by fields], ngram, count, expected, count_nested``, then one
            column per measure. ``expected`` is the count the n-gram would have if
            its words were independent; ``count_nested`` how many of its
            occurrences lie inside a longer n-gram (one word more, up to five)
            that itself reaches `min_count`, so "states congress" can be told
            from "united states congress".

        Notes
        -----
        **The contingency table.** Counts are taken as NLTK's collocation finders
        take them (``BigramAssocMeasures`` and its trigram and quadgram
        siblings), so every measure NLTK has equals NLTK's score on the same
        token stream. For an n-gram :math:`w_1 \dots w_n` in a group of *N*
        tokens, the margin of a set of positions is how often those words occur
        with that spacing (any word in the gaps): single positions give the
        word frequencies :math:`f_k`, all positions the count *O*. The 2^n cells
        (each position: this word, or another) follow by inclusion and
        exclusion; for five words corpuscle extends NLTK's scheme by that same
        rule. Expected cells assume independent positions, so the n-gram's is
        :math:`E = \prod_k f_k / N^{n-1}`.

        **The measures**, with :math:`o_c, e_c` observed and expected cells:

        - ``llr``: Dunning's (1993) log-likelihood ratio
          :math:`G^2 = 2 \sum_c o_c \ln(o_c/e_c)` over the full table.
          A significance statistic: large for frequent, clearly associated n-grams.
        - ``pmi``: pointwise mutual information :math:`\log_2(O/E)`
          (Church and Hanks 1990). Favours rare n-grams; use with `min_count`.
        - ``npmi``: normalised PMI (Bouma 2009),
          :math:`\mathrm{pmi} / ((n-1)(-\log_2(O/N)))`, in [-1, 1]; for bigrams
          Bouma's measure, the factor n - 1 keeps longer n-grams in range too.
        - ``t``: t-score :math:`(O - E)/\sqrt{O}` (Church et al. 1991; NLTK's
          ``student_t``). Favours frequent n-grams.
        - ``z``: z-score :math:`(O - E)/\sqrt{E}` (Evert 2008).
        - ``chi2``: Pearson's :math:`X^2 = \sum_c (o_c - e_c)^2 / e_c`; for
          bigrams NLTK's :math:`N \phi^2`, the same number.
        - ``phi2``: :math:`X^2 / N`, for bigrams the squared correlation.
        - ``dice``: Dice's coefficient :math:`2O/(f_1 + f_2)`, generalised as
          :math:`nO / \sum_k f_k`.
        - ``log_dice``: :math:`14 + \log_2(\mathrm{dice})` (Rychlý 2008), at most 14;
          comparable across corpora of different sizes.
        - ``mi3``: :math:`\log_2(O^3/E)` (Oakes 1998), MI weighted towards
          frequent n-grams. (NLTK's ``mi_like`` is
          :math:`O^3 / \prod_k f_k`, without the logarithm and the
          :math:`N^{n-1}`: ``mi3 = log2(mi_like) + (n-1) log2(N)``.)
        - ``jaccard``: O over the occurrences of at least one of the words in
          place, :math:`O / (N - o_{\text{none}})`.
        - ``poisson_stirling``: :math:`O(\log_2(O/E) - 1)` (Quasthoff and Wolff 2002).
        - ``delta_p_forward``, ``delta_p_backward`` (bigrams): ΔP (Ellis 2007;
          Gries 2013), how much the first word raises the probability of the
          second, :math:`P(w_2|w_1) - P(w_2|\neg w_1)`, and the reverse.
        - ``lambda``, ``z_lambda``: Blaheta and Johnson's (2001) log odds ratio of
          the whole table, :math:`\lambda = \sum_c (-1)^{b_c} \ln(o_c + ½)` with
          :math:`b_c` the positions of cell *c* holding another word, and
          :math:`\lambda / \sqrt{\sum_c 1/(o_c + ½)}`, with quanteda's ½ smoothing
          (quanteda counts n-gram positions for its table; corpuscle uses the one
          table above for every measure).

        Because the margins count words, not n-gram positions (NLTK's
        convention), a cell can be negative when one word makes up most of a
        very small corpus; no corpus has such a table, so every measure of
        that n-gram is then NaN (its ``count`` and ``expected`` are kept).

        Examples
        --------
        >>> from corpuscle import datasets
        >>> demo = datasets.demo()
        >>> pairs = demo.collocations(stopwords="english", top=4)
        >>> pairs[["ngram", "count", "count_nested", "llr", "log_dice"]].round(1)
                     ngram  count  count_nested    llr  log_dice
        0     northern arc     16            15  172.7      13.7
        1  high-speed line     12             9  124.4      13.4
        2    veldrian rail     14             9  122.3      13.1
        3   million crowns      8             3   98.7      13.8
        """
        with progress_bar("Collocations", progress):
            if isinstance(size, bool) or not isinstance(size, int):
                raise ValueError(f"size must be an int between 2 and 5, got {size!r}")
            min_count, top = count_and_top(min_count, top)
            if isinstance(measures, str):
                measures = [measures]
            groups = group(self._meta, by)
            columns = self._inner.collocations(
                groups.codes,
                groups.count,
                size,
                min_count=min_count,
                measures=None if measures is None else list(measures),
                sort=sort,
                stopwords=stopword_list(stopwords),
                top=top,
                threads=get_num_threads(),
            )
            settings = {
                "size": size,
                "by": by,
                "min_count": min_count,
                "sort": sort,
                "stopwords": stopword_label(stopwords),
            }
            return grouped_frame(groups, columns, {**settings, **corpus_size(self)})

    def collocates(
        self,
        node: str,
        window: int | tuple[int, int] = 5,
        min_count: int = 2,
        measures: Sequence[str] | None = None,
        sort: str = "log_dice",
        by: By = None,
        stopwords: Stopwords = None,
        *,
        progress: bool | None = None,
    ) -> Any:
        r"""The words found near a node, scored by how much they prefer its company.

        Parameters
        ----------
        node : str
            A word (``"putin"``), a phrase (``"vladimir putin"``) or a glob
            (``"zelensk*"``: ``*`` any characters, ``?`` one). Words are
            normalised by the corpus' tokenizer, globs matched against its terms.
        window : int or (int, int), default 5
            Tokens on each side, or ``(left, right)``. Windows stop at sentence
            boundaries; the node's own tokens are not counted.
        min_count : int, default 2
            Collocates seen fewer times near the node (in their group) are dropped.
        measures : list of str, optional
            Any of ``log_dice, mi, mi3, llr, t, delta_p`` (default: all).
        sort : str, default "log_dice"
            The measure rows are sorted by, highest first, ties by collocate.
        by : str, list of str or None
            Compare the same node across groups (e.g. every outlet) in one call.
        stopwords : "english", iterable of str or None
            Drop collocates that are stop words (they still count in the totals).
        progress : bool, optional
            Draw a progress bar if the call runs longer than about two seconds;
            by default as :func:`corpuscle.set_progress` says.

        Returns
        -------
        DataFrame
            ``[by fields], collocate, count, node_count, collocate_count,
            expected``, then one column per measure.

        Notes
        -----
        The window convention is Evert's (2008) for surface co-occurrence.
        Windows stop at sentence boundaries, and where the windows of two node
        occurrences overlap they are merged: the span is their union, less the
        node's own tokens. In a group of *N* tokens, ``count`` :math:`O_{11}` is
        the number of the collocate's tokens in the span (so never more than
        its frequency), :math:`R_1` the size of the span, :math:`C_1` the
        collocate's frequency (``collocate_count``). ``expected``
        :math:`E_{11} = R_1 C_1 / N`, and the 2x2 table is :math:`O_{11}`,
        :math:`R_1 - O_{11}`, :math:`C_1 - O_{11}`, :math:`N - R_1 - C_1 + O_{11}`.
        Then ``mi`` :math:`= \log_2(O_{11}/E_{11})`,
        ``mi3`` :math:`= \log_2(O_{11}^3/E_{11})`, ``llr`` is G² over the table,
        ``t`` :math:`= (O_{11} - E_{11})/\sqrt{O_{11}}`, ``delta_p``
        :math:`= O_{11}/R_1 - (C_1 - O_{11})/(N - R_1)`, and ``log_dice``
        :math:`= 14 + \log_2(2 O_{11} / (f_{node} + C_1))` (Rychlý 2008) with the
        node's frequency, as Sketch Engine and #LancsBox compute it.

        Examples
        --------
        >>> from corpuscle import datasets
        >>> near = datasets.demo().collocates("brandt", window=3, stopwords="english")
        >>> near[["collocate", "count", "node_count", "log_dice"]].head(3).round(2)
           collocate  count  node_count  log_dice
        0      tomas      7          11     13.64
        1    general      5          11     13.23
        2  secretary      4          11     13.00
        """
        with progress_bar("Collocates", progress):
            left, right = window_sides(window)
            min_count = count_at_least(min_count, "min_count", 1)
            if isinstance(measures, str):
                measures = [measures]
            groups = group(self._meta, by)
            columns = self._inner.collocates(
                groups.codes,
                groups.count,
                node,
                left,
                right,
                min_count=min_count,
                measures=None if measures is None else list(measures),
                sort=sort,
                stopwords=stopword_list(stopwords),
                threads=get_num_threads(),
            )
            settings = {
                "node": node,
                "window": (left, right),
                "by": by,
                "min_count": min_count,
                "sort": sort,
                "stopwords": stopword_label(stopwords),
            }
            return grouped_frame(groups, columns, {**settings, **corpus_size(self)})

    def phrases(
        self,
        min_count: int = 5,
        threshold: float = 0.5,
        scoring: str = "npmi",
        max_size: int = 4,
        *,
        progress: bool | None = None,
    ) -> Any:
        r"""Multi-word expressions, found as gensim's Phrases finds them, but exactly.

        Each round scores every pair of adjacent units (words, or phrases of
        earlier rounds) inside a sentence and joins, left to right, the pairs
        seen at least `min_count` times that score at least `threshold`; rounds
        repeat while new phrases appear, up to `max_size` words. Unlike gensim,
        no count is pruned, and results do not depend on the thread count.

        Parameters
        ----------
        min_count : int, default 5
            Pairs seen fewer times in a round are not joined.
        threshold : float, default 0.5
            The least score that joins a pair, on the scale of `scoring`.
        scoring : str, default "npmi"
            Any bigram measure of :meth:`collocations`. With ``"npmi"``
            (Bouma 2009), :math:`\mathrm{pmi} / -\log_2(O/N)` over the current
            stream of *N* units, scores lie in [-1, 1] (gensim's npmi scorer,
            with units counted as they stand in each round).
        max_size : int, default 4
            The longest phrase, in words.
        progress : bool, optional
            Draw a progress bar if the call runs longer than about two seconds;
            by default as :func:`corpuscle.set_progress` says.

        Returns
        -------
        DataFrame
            ``phrase, size, count, score``: the words of each phrase joined by
            spaces, its length in words, how often it is joined in the final
            stream, and the score that joined it; highest score first, ties by
            phrase. Pass it to :meth:`compound` to make each phrase one token.

        Examples
        --------
        >>> from corpuscle import datasets
        >>> found = datasets.demo().phrases(min_count=5, threshold=0.7)
        >>> found[["phrase", "size", "count"]].head(3)
                                     phrase  size  count
        0  prime minister anneliese korvath     4      7
        1                 general secretary     2      5
        2                  regional council     2      5
        """
        with progress_bar("Phrases", progress):
            min_count = count_at_least(min_count, "min_count", 1)
            max_size = count_at_least(max_size, "max_size", 2)
            if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
                raise ValueError(f"threshold must be a number, got {threshold!r}")
            columns = self._inner.phrases(
                min_count=min_count,
                threshold=float(threshold),
                scoring=scoring,
                max_size=max_size,
                threads=get_num_threads(),
            )
            settings = {"min_count": min_count, "threshold": threshold, "scoring": scoring}
            return frame(columns, {**settings, "max_size": max_size, **corpus_size(self)})
