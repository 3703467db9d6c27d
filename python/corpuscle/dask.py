"""Counting on Dask: each partition counted where it lives, the counts merged by tree reduction.

Two doors: :func:`count` takes a Dask bag or DataFrame the user has built;
:func:`count_files` takes files, and each worker reads its files in the engine
(JSON Lines parsed in Rust), so no worker ever holds a partition of parsed
dicts.

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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from corpuscle import _core
from corpuscle._args import count_at_least
from corpuscle._groups import By, field_names
from corpuscle._readers import PathLike, SourceRule, arrow_text_column, expand_paths
from corpuscle._streaming import count as count_stream
from corpuscle._streaming import count_files as count_files_here
from corpuscle.counts import Counts, counts_of_documents
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
    approximate: int | None = None,
) -> Any:
    """Count the n-grams of a Dask bag or DataFrame, partition by partition.

    Parameters
    ----------
    collection : dask.bag.Bag or dask.dataframe.DataFrame
        A bag of texts, ``(text, group)`` pairs or dicts (as :func:`corpuscle.count`
        takes them), or a DataFrame with a `text` column and the `by` columns.
        A partition whose text column holds Arrow strings (pandas' ``str``
        with pyarrow, ``string[pyarrow]``) is read by the engine from its
        buffers, with no Python ``str`` per row; others go row by row.
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
    approximate : int, optional
        Opt in to approximate counts, as for :func:`corpuscle.count`: each
        partition and each merge keeps at most this many n-grams per group and
        length, and the result's ``error_bounds`` say how far any count may be
        below the truth. Which n-grams survive can then depend on the
        partitioning; the bounds hold for any.

    Examples
    --------
    >>> import dask.bag as db
    >>> import corpuscle.dask
    >>> rows = [{"source": "A", "text": "Gas deal."}, {"source": "B", "text": "No deal."}]
    >>> bag = db.from_sequence(rows, npartitions=2)
    >>> corpuscle.dask.count(bag, n=1).frequencies()["term"].tolist()
    ['deal', 'gas', 'deal', 'no']
    """
    dask = _import_dask()
    n = count_at_least(n, "n", 1)
    threads = count_at_least(threads, "threads", 0)
    split_every = count_at_least(split_every, "split_every", 2)
    if approximate is not None:
        approximate = count_at_least(approximate, "approximate", 1)
    tokenizer = Tokenizer() if tokenizer is None else tokenizer
    how = _How(text, n, tokenizer, threads, approximate)
    if isinstance(collection, dask.bag.Bag):
        parts = [dask.delayed(_count_items)(part, by, how) for part in collection.to_delayed()]
    elif isinstance(collection, dask.dataframe.DataFrame):
        fields = field_names(by)
        missing = [c for c in [text, *fields] if c not in collection.columns]
        if missing:
            there = ", ".join(repr(c) for c in collection.columns)
            raise KeyError(f"no column {missing[0]!r}; the columns are: {there}")
        parts = [dask.delayed(_count_frame)(part, fields, how) for part in collection.to_delayed()]
    else:
        raise TypeError(f"expected a dask bag or dask DataFrame, got {type(collection).__name__}")
    if not parts:
        parts = [dask.delayed(_count_items)([], by, how)]
    return _merged(parts, split_every, compute)


def count_files(
    paths: PathLike | Iterable[PathLike],
    n: int = 2,
    by: By = "source",
    text: str = "text",
    source: SourceRule = "parent",
    tokenizer: Tokenizer | None = None,
    *,
    errors: str = "strict",
    threads: int = 1,
    split_every: int = 8,
    compute: bool = True,
    approximate: int | None = None,
) -> Any:
    r"""Count the n-grams of files on Dask, one task a file, each read on its worker.

    Each task runs :func:`corpuscle.count_files` on one file where it is
    scheduled: a JSON Lines file is read, parsed and counted in the engine a
    block at a time, so a worker holds one block, never a partition of
    parsed records, and sends back only its counts. The counts are merged by
    tree reduction as in :func:`count`. Files must be UTF-8 and reachable by
    every worker at the same path (a shared or network file system). One
    file is one task: write a large archive as many parts to spread it.

    Parameters
    ----------
    paths : str, path, glob pattern or iterable of paths
        As for :func:`corpuscle.count_files`; the glob is expanded here.
    n, by, text, source, tokenizer, errors
        As for :func:`corpuscle.count_files`.
    threads, split_every, compute, approximate
        As for :func:`count`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import corpuscle.dask
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text('{"source": "A", "text": "Gas deal."}\n')
    >>> _ = (folder / "b.jsonl").write_text('{"source": "B", "text": "No deal."}\n')
    >>> corpuscle.dask.count_files(folder / "*.jsonl", n=1).frequencies()["term"].tolist()
    ['deal', 'gas', 'deal', 'no']
    """
    dask = _import_dask()
    files = expand_paths(paths)
    threads = count_at_least(threads, "threads", 0)
    split_every = count_at_least(split_every, "split_every", 2)
    settings = {
        "n": count_at_least(n, "n", 1),
        "by": by,
        "text": text,
        "source": source,
        "errors": errors,
        "tokenizer": Tokenizer() if tokenizer is None else tokenizer,
        "threads": threads,
        "approximate": None
        if approximate is None
        else count_at_least(approximate, "approximate", 1),
        "progress": False,
    }
    if errors not in ("strict", "replace"):  # said now, not when a worker meets it
        raise ValueError(f"errors must be 'strict' or 'replace', got {errors!r}")
    parts = [dask.delayed(count_files_here)([path], **settings) for path in files]
    if not parts:
        parts = [dask.delayed(count_stream)([], n=settings["n"], by=by, text=text)]
    return _merged(parts, split_every, compute)


def _import_dask() -> Any:
    try:
        import dask
        import dask.bag
        import dask.dataframe
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("corpuscle.dask needs dask: pip install 'corpuscle[dask]'") from error
    return dask


def _merged(parts: list[Any], split_every: int, compute: bool) -> Any:
    """The sum of `parts` (delayed Counts), merged `split_every` at a time."""
    import dask

    while len(parts) > 1:
        parts = [
            dask.delayed(Counts.merge)(parts[i : i + split_every])
            for i in range(0, len(parts), split_every)
        ]
    return parts[0].compute() if compute else parts[0]


@dataclass(frozen=True)
class _How:
    """How every partition is counted."""

    text: str
    n: int
    tokenizer: Tokenizer
    threads: int
    approximate: int | None

    def count(self, items: Iterable[Any], by: By) -> Counts:
        return count_stream(
            items,
            n=self.n,
            by=by,
            text=self.text,
            tokenizer=self.tokenizer,
            threads=self.threads,
            approximate=self.approximate,
        )


def _count_items(items: Sequence[Any], by: By, how: _How) -> Counts:
    # An empty partition gives counts of no groups, which merge with any.
    return how.count(items, by)


def _count_frame(frame: Any, fields: list[str], how: _How) -> Counts:
    texts = arrow_text_column(frame, how.text) if len(frame) else None
    if texts is not None:
        # Arrow strings go to the engine from their buffers: no str per row.
        inner = _core.Corpus.from_arrow(
            texts, repr(how.text), "a partition", how.tokenizer._inner, threads=how.threads
        )
        meta = frame[fields].reset_index(drop=True)
        counts = counts_of_documents(inner, meta, how.n, fields, how.threads)
        return counts if how.approximate is None else counts.to_approximate(how.approximate)
    columns = [frame[how.text].tolist(), *(frame[field].tolist() for field in fields)]
    records = (
        {how.text: row[0], **dict(zip(fields, row[1:], strict=True))}
        for row in zip(*columns, strict=True)
    )
    return how.count(records, fields)


__all__ = ["count", "count_files"]
