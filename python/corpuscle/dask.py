"""Counting on Dask: each partition counted where it lives, the counts merged by tree reduction.

Needs the ``dask`` extra: ``pip install 'corpuscle[dask]'``.

Every partition becomes :class:`~corpuscle.Counts` on a worker; the counts
travel between processes as their file format (they pickle as bytes) and are
merged in a tree, ``split_every`` at a time. Merging is exact integer addition
keyed by word text and group values, so the result equals counting the same
texts in one process, for any partitioning and any order. No threshold is
applied on the workers: ``min_count`` and ``top`` belong to the methods
called on the merged counts, as in Spark, never per partition.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from corpuscle._args import count_at_least
from corpuscle._groups import By
from corpuscle._streaming import count as count_stream
from corpuscle.counts import Counts
from corpuscle.tokenizer import Tokenizer


def count(
    collection: Any,
    text: str = "text",
    by: By = "source",
    n: int = 2,
    tokenizer: Tokenizer | None = None,
    *,
    threads: int = 1,
    split_every: int = 8,
    compute: bool = True,
) -> Any:
    """Count the n-grams of a Dask bag or DataFrame, partition by partition.

    Parameters
    ----------
    collection : dask.bag.Bag or dask.dataframe.DataFrame
        A bag of texts, ``(text, group)`` pairs or dicts (as :func:`corpuscle.count`
        takes them), or a DataFrame with a `text` column and the `by` columns.
    text : str, default "text"
        The text field or column.
    by : str, list of str or None, default "source"
        The fields or columns whose values make the groups. For a bag of plain
        texts use None; for pairs, it names the group field.
    n : int, default 2
        Count every n-gram of length 1 to `n`.
    tokenizer : Tokenizer, optional
        ``Tokenizer()`` by default.
    threads : int, default 1
        Threads each partition's counting uses on its worker (0: one per
        core). One suits a cluster whose workers already run a task per core.
    split_every : int, default 8
        Counts merged per task of the tree reduction.
    compute : bool, default True
        Compute now and return :class:`~corpuscle.Counts`; False returns the
        ``dask.delayed`` object to compute later (with other work).

    Examples
    --------
    >>> import dask.bag as db
    >>> import corpuscle.dask
    >>> rows = [{"source": "A", "text": "Gas deal."}, {"source": "B", "text": "No deal."}]
    >>> bag = db.from_sequence(rows, npartitions=2)
    >>> corpuscle.dask.count(bag, n=1).frequencies()["term"].tolist()
    ['deal', 'gas', 'deal', 'no']
    """
    try:
        import dask
        import dask.bag
        import dask.dataframe
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("corpuscle.dask needs dask: pip install 'corpuscle[dask]'") from error
    n = count_at_least(n, "n", 1)
    threads = count_at_least(threads, "threads", 0)
    split_every = count_at_least(split_every, "split_every", 2)
    tokenizer = Tokenizer() if tokenizer is None else tokenizer
    if isinstance(collection, dask.bag.Bag):
        parts = [
            dask.delayed(_count_items)(part, text, by, n, tokenizer, threads)
            for part in collection.to_delayed()
        ]
    elif isinstance(collection, dask.dataframe.DataFrame):
        fields = _fields(by)
        missing = [c for c in [text, *fields] if c not in collection.columns]
        if missing:
            there = ", ".join(repr(c) for c in collection.columns)
            raise KeyError(f"no column {missing[0]!r}; the columns are: {there}")
        parts = [
            dask.delayed(_count_frame)(part, text, fields, n, tokenizer, threads)
            for part in collection.to_delayed()
        ]
    else:
        raise TypeError(f"expected a dask bag or dask DataFrame, got {type(collection).__name__}")
    if not parts:
        parts = [dask.delayed(_count_items)([], text, by, n, tokenizer, threads)]
    while len(parts) > 1:
        parts = [
            dask.delayed(Counts.merge)(parts[i : i + split_every])
            for i in range(0, len(parts), split_every)
        ]
    return parts[0].compute() if compute else parts[0]


def _fields(by: By) -> list[str]:
    return [] if by is None else ([by] if isinstance(by, str) else list(by))


def _count_items(
    items: Sequence[Any], text: str, by: By, n: int, tokenizer: Tokenizer, threads: int
) -> Counts:
    # An empty partition gives counts of no groups, which merge with any.
    return count_stream(items, n=n, by=by, text=text, tokenizer=tokenizer, threads=threads)


def _count_frame(
    frame: Any, text: str, fields: list[str], n: int, tokenizer: Tokenizer, threads: int
) -> Counts:
    columns = [frame[text].tolist(), *(frame[field].tolist() for field in fields)]
    records = (
        {text: row[0], **dict(zip(fields, row[1:], strict=True))}
        for row in zip(*columns, strict=True)
    )
    return count_stream(records, n=n, by=fields, text=text, tokenizer=tokenizer, threads=threads)
