"""Keyness: what each outlet says that the others don't.

Each method checks its arguments, makes one call into the engine, and names
the columns that come back. No number is computed here.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from numbers import Real
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from corpuscle._args import (
    MAX_COUNT,
    NgramSpec,
    Stopwords,
    count_at_least,
    ngram_lengths,
    stopword_label,
    stopword_list,
)
from corpuscle._config import get_num_threads
from corpuscle._groups import fields_of, group
from corpuscle._output import frame
from corpuscle._progress import progress_bar
from corpuscle._repairs import SHOWN
from corpuscle._statistics import corpus_size
from corpuscle._values import group_key, matching, values_of
from corpuscle.exceptions import ReferenceWarning

if TYPE_CHECKING:
    import pandas as pd

    from corpuscle import _core
    from corpuscle.tokenizer import Tokenizer

TESTS = ("bag", "wilcoxon", "bootstrap")
CORRECTIONS = ("holm", "bonferroni", "fdr_bh", None)
COLUMNS = (
    "term",
    "target_count",
    "reference_count",
    "target_per_million",
    "reference_per_million",
    "statistic",
    "p_value",
    "p_adjusted",
    "log_ratio",
    "direction",
    "target_docs",
    "dp",
)


class Keyness:
    """Mixin of Corpus: reads ``self._inner``, ``self._meta``, ``self._tokenizer``."""

    _inner: _core.Corpus
    _meta: pd.DataFrame
    _tokenizer: Tokenizer

    def keyness(
        self,
        target: Any,
        reference: Any = None,
        by: str = "source",
        measure: str = "llr",
        n: NgramSpec = 1,
        min_count: int = 3,
        stopwords: Stopwords = None,
        correction: str | None = "holm",
        alpha: float = 0.05,
        test: str = "bag",
        top: int | None = None,
        *,
        yates: bool = False,
        smoothing: float = 1.0,
        prior_scale: float = 0.01,
        n_boot: int = 1000,
        seed: int = 0,
        progress: bool | None = None,
    ) -> Any:
        r"""Terms a target uses more (and less) than a reference, with effect size and test.

        Parameters
        ----------
        target : value or list of values of `by`
            The documents compared, e.g. ``"Kyiv Post"``; None names the
            documents whose value is missing.
        reference : None, value(s) of `by`, or a frequency table
            None compares with all other documents; values of `by` must not
            overlap the target's. A DataFrame with ``term`` and ``count``
            columns, or a mapping of term to count, compares with an external
            reference corpus: each term is tokenized with this corpus'
            tokenizer, and an entry that makes no n-gram of the length
            compared (punctuation, a phrase in a list of words) is left out of
            the table and of its size, with a ReferenceWarning; only the bag
            test applies.
        by : str, default "source"
            The metadata field whose values `target` and `reference` name.
        measure : str, default "llr"
            The statistic, signed so that positive means more frequent in the
            target: ``llr``, ``chi2``, ``log_ratio``, ``lrc``, ``pmi``,
            ``simple_maths``, ``fisher``, ``log_odds_dirichlet``, ``percent_diff``
            (see Notes).
        n : int or (int, int), default 1
            N-gram length or range; n-grams never cross sentences.
        min_count : int, default 3
            Terms seen fewer times in target and reference together are left out.
        stopwords : "english", iterable of str or None
            Leave out terms that are, or n-grams that contain, a stop word.
        correction : {"holm", "bonferroni", "fdr_bh", None}, default "holm"
            Adjustment of p-values over all terms tested (``p_adjusted``).
        alpha : float, default 0.05
            Confidence level 1 - alpha of the ``lrc`` interval.
        test : {"bag", "wilcoxon", "bootstrap"}, default "bag"
            Where p-values come from: the token counts (for llr, chi2 and fisher;
            other measures then have none), a rank-sum test over documents, or
            the document bootstrap (see Notes).
        top : int, optional
            Keep the `top` most key terms of each direction.
        yates : bool, default False
            Yates' continuity correction for ``chi2``.
        smoothing : float, default 1.0
            The constant *k* of ``simple_maths``.
        prior_scale : float, default 0.01
            Prior pseudo-counts of ``log_odds_dirichlet``, per occurrence of the
            term in the whole corpus.
        n_boot, seed : int
            Bootstrap samples and random seed of ``test="bootstrap"``.
        progress : bool, optional
            Draw a progress bar if the call runs longer than about two seconds;
            by default as :func:`corpuscle.set_progress` says.

        Returns
        -------
        DataFrame
            ``term, target_count, reference_count, target_per_million,
            reference_per_million, statistic, p_value, p_adjusted, log_ratio,
            direction, target_docs, dp``, sorted by ``statistic`` (most key for
            the target first, most key for the reference last). ``direction`` is
            ``"target"`` when the term is relatively more frequent there;
            ``target_docs`` counts target documents containing it; ``dp`` is
            Gries' (2008) DP over the target's documents, 0 for a term spread
            evenly, near 1 for one packed into a single document.

        Notes
        -----
        With *a* of the target's *N1* n-gram positions and *b* of the
        reference's *N2*, the table is *a, b, N1 - a, N2 - b*:

        - ``llr``: Dunning's :math:`G^2 = 2\sum o \ln(o/e)` over all four cells
          (the "4-term" form); p from :math:`\chi^2_1`.
        - ``chi2``: Pearson's :math:`X^2` (with ``yates=True``, each cell moved
          half a count towards its expectation, as scipy does); p from
          :math:`\chi^2_1`.
        - ``fisher``: Fisher's exact test, two-sided (scipy's rule); the
          statistic is :math:`-\log_{10} p`, signed.
        - ``log_ratio`` (Hardie 2014): :math:`\log_2((a/N_1)/(b/N_2))`, a zero
          count counted as 0.5; the effect size, always in its own column.
        - ``lrc``: Evert's conservative log ratio: the end of the
          Clopper-Pearson interval (level 1 - alpha) of the log ratio nearer 0,
          or 0 when the interval holds 0.
        - ``pmi``: :math:`\log_2(a/E_{11})`, :math:`E_{11} = N_1 (a+b)/(N_1+N_2)`,
          a zero count counted as 0.5.
        - ``simple_maths`` (Kilgarriff 2009):
          :math:`(f_1 + k)/(f_2 + k)` on frequencies per million.
        - ``log_odds_dirichlet`` (Monroe, Colaresi and Quinn 2008):
          :math:`\hat\delta = \ln\frac{a+\alpha_w}{N_1+\alpha_0-a-\alpha_w} -
          \ln\frac{b+\alpha_w}{N_2+\alpha_0-b-\alpha_w}` over
          :math:`\sqrt{1/(a+\alpha_w) + 1/(b+\alpha_w)}`, with
          :math:`\alpha_w` = `prior_scale` x the term's count in the whole
          corpus and :math:`\alpha_0` = `prior_scale` x its size.
        - ``percent_diff`` (Gabrielatos and Marchi 2012):
          :math:`100 (f_1 - f_2)/f_2` per million, a zero :math:`f_2` counted as
          1e-18.

        Document tests treat the article, not the token, as the unit, so one
        article that repeats a name cannot make it key (Lijffijt et al. 2016).
        ``wilcoxon`` compares the term's relative frequency in each target
        document with each reference document (empty documents left out):
        Mann-Whitney's U, two-sided, normal approximation with tie and
        continuity correction, as ``scipy.stats.mannwhitneyu(method="asymptotic")``.
        ``bootstrap`` resamples each side's documents with replacement `n_boot`
        times; with :math:`S = \sum_i H(f_T^{(i)} - f_R^{(i)})`, :math:`H` = 1, ½, 0
        for a positive, zero, negative difference of the term's relative
        frequencies, :math:`p = \min(1, 2\min(1 + S, 1 + n_{boot} - S)/(1 + n_{boot}))`
        (the observed data counting as one sample, so no p-value is 0). Each
        sample has its own seed, so the p-values do not depend on the thread count.

        Examples
        --------
        >>> from corpuscle import datasets
        >>> key = datasets.demo().keyness("Northgate Ledger", stopwords="english", top=3)
        >>> key[["term", "target_count", "reference_count", "statistic", "direction"]].round(1)
               term  target_count  reference_count  statistic  direction
        0   workers            19                8       23.8     target
        1     guard             4                0       10.9     target
        2    picket             6                2        8.5     target
        3  wetlands             0                9       -5.4  reference
        4    valley             0               12       -7.1  reference
        5     route             0               15       -8.9  reference
        """
        with progress_bar("Keyness", progress):
            fields_of(by, self._meta)
            values = self._meta[by]
            settings = keyness_settings(
                measure,
                n,
                min_count,
                stopwords,
                correction,
                alpha,
                test,
                top,
                yates,
                smoothing,
                prior_scale,
                n_boot,
                seed,
            )
            if is_frequency_table(reference):
                if test != "bag":
                    raise ValueError("an external frequency table has no documents: use test='bag'")
                if len(settings["n"]) != 1:
                    raise ValueError("with an external frequency table, n must be one length")
                target_docs = np.flatnonzero(target_units(values, by, target)).tolist()
                counts, total = external_counts(reference, self._tokenizer, settings["n"][0])
                columns = self._inner.keyness(
                    target_docs,
                    None,
                    reference_counts=counts,
                    reference_total=total,
                    settings=settings,
                )
            else:
                in_target, in_reference = sides(values, by, target, reference)
                target_docs = np.flatnonzero(in_target).tolist()
                reference_docs = np.flatnonzero(in_reference).tolist()
                if self._inner.select(reference_docs).n_tokens == 0:
                    raise ValueError(f"the reference {reference!r} has no tokens to compare with")
                columns = self._inner.keyness(target_docs, reference_docs, settings=settings)
            columns.pop("comparison")
            columns["direction"] = direction(columns["direction"])
            attrs = {
                "target": target,
                "reference": describe(reference),
                "by": by,
                **summary(settings),
            }
            return frame(columns, {**attrs, **corpus_size(self)})

    def contrast(
        self,
        by: Any = "source",
        measure: str = "llr",
        top: int | None = 20,
        n: NgramSpec = 1,
        min_count: int = 3,
        stopwords: Stopwords = None,
        correction: str | None = "holm",
        alpha: float = 0.05,
        test: str = "bag",
        pairwise: bool = False,
        *,
        yates: bool = False,
        smoothing: float = 1.0,
        prior_scale: float = 0.01,
        n_boot: int = 1000,
        seed: int = 0,
        progress: bool | None = None,
    ) -> Any:
        """Every group against the rest (or every ordered pair of groups), in one call.

        Takes the arguments of :meth:`keyness`, and returns one long DataFrame
        with a ``group`` column first (and a ``reference`` column with
        ``pairwise=True``), then the columns of :meth:`keyness`. `top` keeps
        each group's most key terms for it (None keeps every term in both
        directions). The correction covers the whole family: every term of
        every comparison.

        Parameters
        ----------
        progress : bool, optional
            Draw a progress bar if the call runs longer than about two seconds;
            by default as :func:`corpuscle.set_progress` says.

        Examples
        --------
        >>> from corpuscle import datasets
        >>> key = datasets.demo().contrast(stopwords="english", top=2)
        >>> key[["group", "term", "target_count", "reference_count"]]
                      group       term  target_count  reference_count
        0      Capital Wire  agreement             6                5
        1      Capital Wire   veldrian             7                8
        2   Harbour Courier    chamber             4                0
        3   Harbour Courier   operator             5                1
        4  Northgate Ledger    workers            19                8
        5  Northgate Ledger      guard             4                0
        6  Valley Chronicle     valley            12                0
        7  Valley Chronicle   wetlands             9                0
        """
        with progress_bar("Keyness", progress):
            groups = group(self._meta, by)
            if groups.count < 2:
                raise ValueError(
                    f"contrast needs at least two groups of {by!r}, found {groups.count}"
                )
            settings = keyness_settings(
                measure,
                n,
                min_count,
                stopwords,
                correction,
                alpha,
                test,
                top,
                yates,
                smoothing,
                prior_scale,
                n_boot,
                seed,
            )
            labelled = contrast_columns(
                groups, pairwise, lambda pairs: self._inner.contrast(pairs, settings=settings)
            )
            attrs = {"by": by, "pairwise": pairwise, **summary(settings)}
            return frame(labelled, {**attrs, **corpus_size(self)})


def contrast_columns(
    groups: Any,
    pairwise: bool,
    compare: Callable[[list[tuple[list[int], list[int]]]], dict[str, Any]],
) -> dict[str, Any]:
    """Every group against the rest (or every ordered pair), labelled by group.

    `compare` gets the (target, reference) lists of units (documents, or the
    groups of counts) and returns the engine's columns.
    """
    members = [np.flatnonzero(groups.codes == g).tolist() for g in range(groups.count)]
    rest = (
        []
        if pairwise
        else [np.flatnonzero(groups.codes != g).tolist() for g in range(groups.count)]
    )
    pairs = [
        (g, h)
        for g in range(groups.count)
        for h in (range(groups.count) if pairwise else [None])
        if h != g
    ]
    comparisons = [(members[g], members[h] if h is not None else rest[g]) for g, h in pairs]
    columns = compare(comparisons)
    index = columns.pop("comparison").astype(np.intp)
    columns["direction"] = direction(columns["direction"])
    targets = np.array([g for g, _ in pairs], dtype=np.intp)[index]
    labelled: dict[str, Any] = {"group": _labels(groups, targets)}
    if pairwise:
        others = np.array([h for _, h in pairs], dtype=np.intp)[index]
        labelled["reference"] = _labels(groups, others)
    return {**labelled, **columns}


def keyness_settings(
    measure: str,
    n: NgramSpec,
    min_count: int,
    stopwords: Stopwords,
    correction: str | None,
    alpha: float,
    test: str,
    top: int | None,
    yates: bool,
    smoothing: float,
    prior_scale: float,
    n_boot: int,
    seed: int,
) -> dict[str, Any]:
    """The checked keyness arguments, as the dict the engine reads."""
    if test not in TESTS:
        raise ValueError(f"unknown test {test!r}; choose from {', '.join(TESTS)}")
    if correction not in CORRECTIONS:
        raise ValueError(
            f"unknown correction {correction!r}; choose from holm, bonferroni, fdr_bh, None"
        )
    for name, value in (
        ("alpha", alpha),
        ("smoothing", smoothing),
        ("prior_scale", prior_scale),
    ):
        if isinstance(value, bool) or not isinstance(value, Real) or not value > 0:
            raise ValueError(f"{name} must be a positive number, got {value!r}")
    if not alpha < 1:
        raise ValueError(f"alpha must be below 1, got {alpha!r}")
    return {
        "measure": measure,
        "n": ngram_lengths(n),
        "min_count": count_at_least(min_count, "min_count", 1),
        "stopwords": stopword_list(stopwords),
        "stopword_label": stopword_label(stopwords),
        "correction": correction,
        "alpha": float(alpha),
        "test": test,
        "top": None if top is None else count_at_least(top, "top", 1),
        "yates": bool(yates),
        "smoothing": float(smoothing),
        "prior_scale": float(prior_scale),
        "n_boot": count_at_least(n_boot, "n_boot", 1),
        "seed": count_at_least(seed, "seed", 0),
        "threads": get_num_threads(),
    }


def sides(
    values: pd.Series, by: str, target: Any, reference: Any, everything: str = "the whole corpus"
) -> tuple[Any, Any]:
    """Which units (documents, or groups of counts) are the target and the reference.

    `values` holds the field `by` of each unit; `target` and `reference` name
    values of it, by the rule of :mod:`corpuscle._values` (None names the
    missing ones). A reference of None is every unit outside the target
    (`everything` names all units in the error when there is none).
    Comparisons that mean nothing raise ValueError: naming no value, a
    target that is everything, a reference that shares values with the target.
    """
    in_target = target_units(values, by, target)
    targets = values_of(target)
    if reference is None:
        in_reference = ~in_target
        if not in_reference.any():
            raise ValueError(f"the target {target!r} is {everything}: nothing is left to compare")
        return in_target, in_reference
    references = values_of(reference)
    if not references:
        raise ValueError(f"reference names no value of {by!r}: give at least one, or None")
    check_values(references, values, by, "reference")
    mine = {group_key(value) for value in targets}
    shared = [value for value in references if group_key(value) in mine]
    if shared:
        listed = ", ".join(repr(value) for value in shared)
        raise ValueError(
            f"{listed} of {by!r} is in both the target and the reference, so its terms "
            "would be counted on both sides: name each value on one side only"
        )
    return in_target, matching(values, references)


def target_units(values: pd.Series, by: str, target: Any) -> Any:
    """Which units `target` names (at least one value, each a value some unit has)."""
    targets = values_of(target)
    if not targets:
        raise ValueError(f"target names no value of {by!r}: give at least one")
    check_values(targets, values, by, "target")
    return matching(values, targets)


def check_values(wanted: list[Any], values: Any, by: str, what: str) -> None:
    """Raise KeyError for the first of `wanted` that no unit has as its `by` value."""
    there = {group_key(value): value for value in values.tolist()}
    for value in wanted:
        if group_key(value) not in there:
            # Missing values are named by None, whatever they are stored as.
            shown = sorted(repr(None if key is None else v) for key, v in there.items())
            listed = ", ".join(shown[:50]) + (" ..." if len(shown) > 50 else "")
            raise KeyError(f"{what} {value!r} is not a value of {by!r}; the values are: {listed}")


def is_frequency_table(reference: Any) -> bool:
    """Whether `reference` is an external frequency table rather than values of `by`."""
    return hasattr(reference, "columns") or isinstance(reference, Mapping)


def external_counts(reference: Any, tokenizer: Tokenizer, n: int) -> tuple[dict[str, int], int]:
    """An external frequency table as ({term as the corpus counts it: count}, size).

    Each term is tokenized with the corpus' tokenizer: a term that gives
    exactly `n` tokens is counted as those tokens joined by one space; one
    that gives none or another number (punctuation, a phrase in a unigram
    table) is a term this corpus could never hold, so it is left out of the
    table and of its size, and a :class:`~corpuscle.ReferenceWarning` names
    how many such entries there were, their total count and the first few.
    """
    if hasattr(reference, "columns"):
        for column in ("term", "count"):
            if column not in reference.columns:
                raise KeyError(f"a reference frequency table needs a {column!r} column")
        pairs = list(zip(list(reference["term"]), list(reference["count"]), strict=True))
    else:
        pairs = list(reference.items())
    counts: dict[str, int] = {}
    left_out: dict[str, int] = {}
    for term, count in pairs:
        if not isinstance(term, str):
            raise TypeError(f"reference term {term!r} is {type(term).__name__}, expected str")
        if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or count < 0:
            raise ValueError(
                f"reference count of {term!r} must be a non-negative int, got {count!r}"
            )
        count = int(count)
        if count > MAX_COUNT:
            raise OverflowError(
                f"reference count of {term!r} is {count:,}, more than a count can hold "
                f"(at most 2**63 - 1)"
            )
        words = tokenizer.tokenize(term)
        if len(words) != n:
            left_out[term] = left_out.get(term, 0) + count
            continue
        normal = " ".join(words)
        counts[normal] = counts.get(normal, 0) + count
    total = sum(counts.values())
    if total > MAX_COUNT:
        raise OverflowError(
            f"the reference frequency table sums to {total:,} tokens, more than a count "
            "can hold (at most 2**63 - 1)"
        )
    if left_out:
        shown = ", ".join(repr(term) for term in list(left_out)[:SHOWN])
        more = f" and {len(left_out) - SHOWN} more" if len(left_out) > SHOWN else ""
        warnings.warn(
            f"{len(left_out)} {'entry' if len(left_out) == 1 else 'entries'} of the reference "
            f"table ({sum(left_out.values()):,} of its {total + sum(left_out.values()):,} "
            f"tokens) {'is' if len(left_out) == 1 else 'are'} left out of it and of its "
            f"size, as the tokenizer makes no {n}-gram of them: {shown}{more}",
            ReferenceWarning,
            stacklevel=3,
        )
    if total == 0:
        raise ValueError("the reference frequency table has no tokens")
    return counts, total


def direction(towards_target: np.ndarray) -> pd.Categorical:
    """The engine's booleans as "target" / "reference", a Categorical (no str per row)."""
    codes = towards_target.astype(np.int8)
    return pd.Categorical.from_codes(codes, categories=["reference", "target"])


def _labels(groups: Any, codes: np.ndarray) -> Any:
    columns = groups.columns_for(codes)
    if len(columns) == 1:
        return next(iter(columns.values()))
    return [tuple(row) for row in zip(*columns.values(), strict=True)]


def describe(reference: Any) -> Any:
    if reference is None or isinstance(reference, (str, int, float)):
        return reference
    if isinstance(reference, (list, tuple)):
        return list(reference)
    return "frequency table"


def summary(settings: dict[str, Any]) -> dict[str, Any]:
    keep = ("measure", "n", "min_count", "correction", "alpha", "test", "top")
    return {**{k: settings[k] for k in keep}, "stopwords": settings["stopword_label"]}
