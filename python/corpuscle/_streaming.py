"""Counting a stream of texts or a folder of files in bounded memory."""

from __future__ import annotations

import codecs
import itertools
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corpuscle import _core
from corpuscle._args import count_at_least
from corpuscle._config import check_threads, get_num_threads
from corpuscle._groups import By, field_names
from corpuscle._labels import encode_fields, encode_label
from corpuscle._progress import progress_bar
from corpuscle._readers import (
    PathLike,
    SourceRule,
    expand_paths,
    json_lines,
    read_text,
    source_of,
)
from corpuscle._repairs import Repairs, decoding_repairs, has_surrogates, surrogate_repairs
from corpuscle.counts import Counts
from corpuscle.tokenizer import Tokenizer

#: Characters of text tokenized and counted at a time: the memory bound.
CHUNK_CHARS = 8_000_000

_JSON_LINES = (".jsonl", ".ndjson")


def count(
    items: Iterable[Any],
    n: int = 2,
    by: By = None,
    text: str = "text",
    tokenizer: Tokenizer | None = None,
    *,
    errors: str = "strict",
    chunk_chars: int = CHUNK_CHARS,
    threads: int | None = None,
    approximate: int | None = None,
    progress: bool | None = None,
) -> Counts:
    """Count the n-grams of a stream of texts, a chunk at a time, in bounded memory.

    Parameters
    ----------
    items : iterable
        Texts (``str``: one group of all), ``(text, group)`` pairs (the group is
        the value of the field `by`, ``"source"`` by default), or dicts holding
        the field `text` and the fields `by` (a missing field counts as None).
        All items are of one kind. A generator is read once, never held whole.
    n : int, default 2
        Count every n-gram of length 1 to `n` (at most 5).
    by : str, list of str or None
        The fields groups are values of (see `items`).
    text : str, default "text"
        The text field of dict items.
    tokenizer : Tokenizer, optional
        How to tokenize; ``Tokenizer()`` by default.
    errors : {"strict", "replace"}, default "strict"
        A lone surrogate in a text raises ValueError naming the item, or is replaced.
    chunk_chars : int, default 8,000,000
        Characters tokenized at a time. Memory grows with this and with the
        number of distinct n-grams, never with the length of the stream.
    threads : int, optional
        Threads for this call (0: one per core); by default the
        :func:`corpuscle.set_num_threads` setting.
    approximate : int, optional
        Opt in to approximate counts: keep at most this many n-grams per
        group and length, as a Misra-Gries summary cut down after every
        chunk, so memory stays bounded even when the distinct n-grams would
        not fit. Every count kept is at most ``Counts.error_bounds`` below
        the truth (see :meth:`Counts.to_approximate`). None (the default)
        counts exactly.
    progress : bool, optional
        Draw a bar counting the documents read if the call runs longer than
        about two seconds; by default as :func:`corpuscle.set_progress` says.

    Returns
    -------
    Counts

    Examples
    --------
    >>> import corpuscle
    >>> rows = ({"outlet": o, "text": t} for o, t in [("A", "Gas deal."), ("B", "No deal.")])
    >>> corpuscle.count(rows, n=1, by="outlet").frequencies()["term"].tolist()
    ['deal', 'gas', 'deal', 'no']
    """
    if isinstance(items, (str, bytes)):
        raise TypeError("items must be an iterable of texts, pairs or dicts, not one str")
    settings = _Settings.check(n, tokenizer, chunk_chars, threads, approximate)
    stream = iter(items)
    first = next(stream, None)
    if first is None:
        return Counts(settings.empty_counts(field_names(by)))
    reader = _Reader.for_item(first, by, text)
    inner = settings.empty_counts(reader.fields)
    chunk = _Chunk(inner, reader.fields, errors, settings.threads)
    # The length of a stream is unknown: the bar counts documents as they come.
    with progress_bar("Counting", progress):
        for index, item in enumerate(_chain(first, stream)):
            chunk.add(*reader.read(item, index))
            if chunk.chars >= settings.chunk_chars:
                chunk.flush()
        chunk.flush()
    chunk.surrogates.warn(total=chunk.first)
    return Counts(inner)


def count_files(
    paths: PathLike | Iterable[PathLike],
    n: int = 2,
    by: By = "source",
    text: str = "text",
    source: SourceRule = "parent",
    encoding: str = "utf-8",
    errors: str = "strict",
    tokenizer: Tokenizer | None = None,
    *,
    chunk_chars: int = CHUNK_CHARS,
    threads: int | None = None,
    approximate: int | None = None,
    progress: bool | None = None,
) -> Counts:
    r"""Count the n-grams of files, a chunk at a time, in bounded memory.

    A ``.jsonl`` or ``.ndjson`` file holds one JSON object per line, each a
    document with a `text` field and the `by` fields (a line without one has
    None there). Any other file is one document, whose ``source`` comes from
    `source` as in :meth:`Corpus.from_files` (its folder's name by default)
    and whose ``path`` is its path.

    UTF-8 files (the default `encoding`) are read, parsed, tokenized and
    counted in the engine, a block of about `chunk_chars` bytes at a time,
    on every thread: no text or record passes through Python. Files in any
    other encoding are decoded by Python, a line at a time.

    Parameters
    ----------
    paths : str, path, glob pattern or iterable of paths
        For example ``"archive/**/*.jsonl"`` (matches are sorted).
    n, by, text, tokenizer, threads, approximate, progress
        As for :func:`count`.
    chunk_chars : int, default 8,000,000
        Characters (bytes, for UTF-8 files) read and counted at a time.
    source : {"parent", "stem"}, callable or None, default "parent"
        The ``source`` of a plain text file.
    encoding : str, default "utf-8"
    errors : {"strict", "replace"}, default "strict"
        ``"strict"`` raises naming the file and the byte offset (or line) of an
        undecodable byte or a lone surrogate; ``"replace"`` replaces it.

    Examples
    --------
    >>> import corpuscle, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text('{"source": "A", "text": "Gas deal."}\n')
    >>> corpuscle.count_files(folder / "*.jsonl", n=1).groups
      source  documents  tokens  types
    0      A          1       2      2
    """
    files = expand_paths(paths)
    if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig"):
        if errors not in ("strict", "replace"):
            raise ValueError(f"errors must be 'strict' or 'replace', got {errors!r}")
        settings = _Settings.check(n, tokenizer, chunk_chars, threads, approximate)
        fields = field_names(by)
        inner = settings.empty_counts(fields)
        repairs = Repairs(
            "put U+FFFD in place of undecodable bytes or lone surrogates",
            ("file or line", "files or lines"),
        )
        with progress_bar("Counting", progress):
            for jsonl, run in itertools.groupby(files, key=_is_json_lines):
                repairs.items += settings.read(
                    inner, list(run), jsonl, text, fields, source, errors
                )
        repairs.warn()
        return Counts(inner)
    repairs = decoding_repairs(("file or line", "files or lines"))
    counts = count(
        _records(files, text, source, encoding, errors, repairs),
        n=n,
        by=by,
        text=text,
        tokenizer=tokenizer,
        errors=errors,
        chunk_chars=chunk_chars,
        threads=threads,
        approximate=approximate,
        progress=progress,
    )
    repairs.warn()
    return counts


def _is_json_lines(path: Path) -> bool:
    return path.suffix.lower() in _JSON_LINES


@dataclass(frozen=True)
class _Settings:
    """The checked settings of one counting call."""

    n: int
    tokenizer: Tokenizer
    chunk_chars: int
    threads: int
    approximate: int | None

    @classmethod
    def check(
        cls,
        n: int,
        tokenizer: Tokenizer | None,
        chunk_chars: int,
        threads: int | None,
        approximate: int | None,
    ) -> _Settings:
        tokenizer = Tokenizer() if tokenizer is None else tokenizer
        if not isinstance(tokenizer, Tokenizer):
            raise TypeError(
                f"tokenizer must be a corpuscle.Tokenizer, got {type(tokenizer).__name__}"
            )
        return cls(
            count_at_least(n, "n", 1),
            tokenizer,
            count_at_least(chunk_chars, "chunk_chars", 1),
            get_num_threads() if threads is None else check_threads(threads, "threads"),
            None if approximate is None else count_at_least(approximate, "approximate", 1),
        )

    def empty_counts(self, fields: list[str]) -> _core.Counts:
        grouping = encode_fields(fields)
        return _core.Counts(self.tokenizer._inner, self.n, grouping, approximate=self.approximate)

    def read(
        self,
        inner: _core.Counts,
        files: list[Path],
        jsonl: bool,
        text: str,
        fields: list[str],
        source: SourceRule,
        errors: str,
    ) -> list[str]:
        """Count UTF-8 `files` in the engine; the places it repaired."""
        if jsonl:
            return inner.add_jsonl(
                files,
                text,
                fields,
                errors=errors,
                block_bytes=self.chunk_chars,
                threads=self.threads,
            )
        # A text file's group comes from its path: labelled here, read in the engine.
        code_of: dict[str, int] = {}
        codes = []
        for path in files:
            record = {"path": str(path)}
            if source is not None:
                record["source"] = source_of(path, source)
            label = encode_label([record.get(field) for field in fields], fields)
            codes.append(code_of.setdefault(label, len(code_of)))
        return inner.add_files(
            files,
            np.asarray(codes, dtype=np.int64),
            list(code_of),
            errors=errors,
            block_bytes=self.chunk_chars,
            threads=self.threads,
        )


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


class _Reader:
    """Takes (text, field values) out of items of one kind."""

    def __init__(self, kind: Any, fields: list[str], text: str) -> None:
        self.kind, self.fields, self.text = kind, fields, text

    @classmethod
    def for_item(cls, item: Any, by: By, text: str) -> _Reader:
        if isinstance(item, str):
            if by is not None:
                raise ValueError(f"items are plain texts, which have no field {by!r}: use by=None")
            return cls(str, [], text)
        if isinstance(item, tuple):
            if not (by is None or isinstance(by, str)):
                raise ValueError(
                    f"(text, group) pairs have one field: by must be a str, got {by!r}"
                )
            return cls(tuple, ["source" if by is None else by], text)
        if isinstance(item, Mapping):
            fields = field_names(by)
            return cls(Mapping, fields, text)
        raise TypeError(
            f"items[0] is {type(item).__name__}; expected a str, a (text, group) pair or a dict"
        )

    def read(self, item: Any, index: int) -> tuple[Any, tuple[Any, ...]]:
        if not isinstance(item, self.kind):
            raise TypeError(
                f"items[{index}] is {type(item).__name__}, but items[0] was "
                f"{self.kind.__name__}: every item must be of one kind"
            )
        if self.kind is str:
            return item, ()
        if self.kind is tuple:
            if len(item) != 2:
                raise ValueError(f"items[{index}] has {len(item)} values, expected (text, group)")
            return item[0], (item[1],)
        if self.text not in item:
            raise KeyError(f"items[{index}] has no {self.text!r} field; it has: {', '.join(item)}")
        return item[self.text], tuple(item.get(field) for field in self.fields)


class _Chunk:
    """Texts waiting to be counted, with their group codes in this chunk."""

    def __init__(self, inner: _core.Counts, fields: list[str], errors: str, threads: int) -> None:
        self.inner, self.fields, self.errors, self.threads = inner, fields, errors, threads
        self.first = 0
        self.surrogates = surrogate_repairs()
        self._reset()

    def _reset(self) -> None:
        self.texts: list[str] = []
        self.codes: list[int] = []
        self.labels: list[str] = []
        self.code_of: dict[Any, int] = {}
        self.code_of_label: dict[str, int] = {}
        self.chars = 0

    def add(self, text: Any, values: tuple[Any, ...]) -> None:
        index = self.first + len(self.texts)
        if not isinstance(text, str):
            raise TypeError(
                f"items[{index}]: the text is {type(text).__name__} ({text!r}), expected str"
            )
        # Keyed with the types too: 1, 1.0 and True are equal keys, but different labels.
        key = (values, tuple(type(v) for v in values))
        try:
            code = self.code_of.get(key)
        except TypeError:  # an unhashable value: encode_label names it
            code = None
        if code is None:
            label = encode_label(values, self.fields)
            code = self.code_of_label.setdefault(label, len(self.labels))
            if code == len(self.labels):
                self.labels.append(label)
            try:
                self.code_of[key] = code
            except TypeError:
                pass
        if self.errors == "replace" and has_surrogates(text):
            self.surrogates.add(f"items[{index}]")
        self.texts.append(text)
        self.codes.append(code)
        self.chars += len(text)

    def flush(self) -> None:
        if not self.texts:
            return
        self.inner.add_texts(
            self.texts,
            np.asarray(self.codes, dtype=np.int64),
            self.labels,
            first=self.first,
            errors=self.errors,
            threads=self.threads,
        )
        self.first += len(self.texts)
        self._reset()


def _records(
    files: list[Path],
    text: str,
    source: SourceRule,
    encoding: str,
    errors: str,
    repairs: Repairs,
) -> Iterator[dict[str, Any]]:
    """Each file's documents as dicts, JSON Lines read a line at a time."""
    for path in files:
        if path.suffix.lower() in _JSON_LINES:
            yield from _json_lines(path, text, encoding, errors, repairs)
        else:
            content = read_text(path, encoding, errors, repairs)
            record: dict[str, Any] = {text: content, "path": str(path)}
            if source is not None:
                record["source"] = source_of(path, source)
            yield record


def _json_lines(
    path: Path, text: str, encoding: str, errors: str, repairs: Repairs
) -> Iterator[dict[str, Any]]:
    name = os.fspath(path)
    for number, record in json_lines(path, encoding, errors, repairs):
        if text not in record:
            raise KeyError(
                f"{name!r} line {number} has no {text!r} field; it has: {', '.join(record)}"
            )
        value = record[text]
        if not isinstance(value, str):
            raise TypeError(
                f"{name!r} line {number}: the text is {type(value).__name__}, expected str"
            )
        if errors == "strict":
            _check_surrogates(value, name, number)
        yield record


def _check_surrogates(value: str, name: str, number: int) -> None:
    r"""JSON can spell a lone surrogate (``"\ud800"``), which no UTF-8 text holds."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(
            f"{name!r} line {number}: the text holds a lone surrogate at character offset "
            f"{error.start}; pass errors='replace' to replace it with U+FFFD"
        ) from None
