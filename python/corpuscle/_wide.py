"""Frequency results laid out wide: one row per term, one column per group."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd


class Frequencies(pd.DataFrame):
    """A frequency table: a pandas DataFrame that can also be laid out wide (:meth:`to_wide`).

    Slicing, sorting and filtering keep it a ``Frequencies``; everything else
    about it is a plain DataFrame.

    Examples
    --------
    >>> from corpuscle import Corpus, Frequencies
    >>> table = Corpus(["gas deal. gas", "no deal"], sources=["A", "B"]).frequencies(by="source")
    >>> isinstance(table[table["count"] > 1], Frequencies)
    True
    """

    @property
    def _constructor(self) -> type[Frequencies]:
        return Frequencies

    def to_wide(self, values: str = "count", fill_value: Any = 0) -> pd.DataFrame:
        """Terms x groups, as spreadsheets and scattertext take them; see :func:`to_wide`.

        Examples
        --------
        >>> from corpuscle import Corpus
        >>> corpus = Corpus(["gas deal. gas gas", "no deal"], sources=["A", "B"])
        >>> corpus.frequencies(by="source").to_wide()
        source  A  B
        term
        gas     3  0
        deal    1  1
        no      0  1
        """
        return to_wide(self, values, fill_value)


def frequency_result(result: Any) -> Any:
    """A pandas result as :class:`Frequencies` (a polars one stays as it is)."""
    if not isinstance(result, pd.DataFrame):
        return result
    table = Frequencies(result, copy=False)
    table.attrs = dict(result.attrs)
    return table


def to_wide(result: Any, values: str = "count", fill_value: Any = 0) -> Any:
    """A frequency result laid out wide: one row per term, one column per group.

    Parameters
    ----------
    result : DataFrame
        What ``frequencies()`` returned (pandas or polars): the group columns,
        then ``term`` and the value columns.
    values : str, default "count"
        The column spread over the groups: ``count``, ``per_million``,
        ``doc_freq`` or ``rank``.
    fill_value : default 0
        Where a term has no row for a group (None leaves it missing). After
        ``min_count`` or ``top``, a missing row may be a term filtered out
        rather than absent: lay out the unfiltered table to tell them apart.

    Returns
    -------
    DataFrame
        Indexed by term (pandas) or with a ``term`` column (polars), in
        descending order of the values' sum over groups, ties by term; one
        column per group in the result's group order (several ``by`` fields
        give a column MultiIndex, or in polars names joined with ``", "``).
        Without groups, the one column is `values`.

    Examples
    --------
    >>> import corpuscle
    >>> corpus = corpuscle.Corpus(["gas deal. gas gas", "no deal"], sources=["A", "B"])
    >>> corpuscle.to_wide(corpus.frequencies(by="source"), values="per_million")
    source         A         B
    term
    deal    250000.0  500000.0
    gas     750000.0       0.0
    no           0.0  500000.0
    """
    if hasattr(result, "to_pandas") and not isinstance(result, pd.DataFrame):
        wide = to_wide(result.to_pandas(), values, fill_value)
        return _to_polars(wide)
    if not isinstance(result, pd.DataFrame):
        raise TypeError(f"expected a frequency table (DataFrame), got {type(result).__name__}")
    columns = list(result.columns)
    for needed in ("term", values):
        if needed not in columns:
            raise ValueError(
                f"to_wide needs a frequency table with columns 'term' and {values!r}; "
                f"this one has: {', '.join(map(str, columns))}"
            )
    groups = columns[: columns.index("term")]
    if not groups:
        wide = pd.DataFrame(result.set_index("term")[[values]])
    else:
        key: Any = groups if len(groups) > 1 else groups[0]
        wide = pd.DataFrame(result.pivot(index="term", columns=key, values=values))
        order = result[groups].drop_duplicates()
        labels = (
            pd.MultiIndex.from_frame(order.astype(object))
            if len(groups) > 1
            else pd.Index(order[groups[0]].astype(object), name=groups[0])
        )
        wide.columns = pd.Index(wide.columns.astype(object), name=wide.columns.name)
        wide = wide.reindex(columns=labels)
        if fill_value is not None:
            wide = wide.fillna(fill_value)
            if pd.api.types.is_integer_dtype(result[values]) and isinstance(fill_value, int):
                wide = wide.astype(result[values].dtype)
    totals = wide.sum(axis=1).to_numpy()
    order = np.lexsort((wide.index.to_numpy(dtype=object).astype(str), -totals))
    return wide.iloc[order]


def _to_polars(wide: pd.DataFrame) -> Any:
    import polars as pl

    names = [
        ", ".join(map(str, label)) if isinstance(label, tuple) else str(label)
        for label in wide.columns
    ]
    flat = pd.DataFrame(wide.to_numpy(), columns=names, index=wide.index).reset_index()
    return pl.from_pandas(flat)
