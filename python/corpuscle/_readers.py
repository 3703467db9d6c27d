"""Reading texts and metadata from files, JSON Lines and data frames."""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

PathLike = str | os.PathLike[str]
SourceRule = str | Callable[[Path], Any] | None


def expand_paths(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    """A glob pattern, one path, or many paths, as an ordered list of files."""
    if isinstance(paths, (str, os.PathLike)):
        pattern = os.fspath(paths)
        if glob.has_magic(pattern):
            found = sorted(Path(p) for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
            if not found:
                raise FileNotFoundError(f"no files match {pattern!r}")
            return found
        return [Path(pattern)]
    return [Path(p) for p in paths]


def read_text(path: Path, encoding: str, errors: str) -> str:
    """The text of `path`; an undecodable byte raises naming the file and byte offset.

    A UTF-8 byte order mark at the start is dropped.
    """
    if errors not in ("strict", "replace"):
        raise ValueError(f"errors must be 'strict' or 'replace', got {errors!r}")
    data = path.read_bytes()
    if encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding, errors)
    except UnicodeDecodeError as error:
        raise UnicodeDecodeError(
            error.encoding,
            error.object,
            error.start,
            error.end,
            f"{error.reason} in file {os.fspath(path)!r} at byte offset {error.start}",
        ) from None


def source_of(path: Path, rule: SourceRule) -> Any:
    """The source of a file under `rule`: its folder's name, its stem, or a callable's answer."""
    if rule == "parent":
        return path.parent.name
    if rule == "stem":
        return path.stem
    if callable(rule):
        return rule(path)
    raise ValueError(f"source must be 'parent', 'stem', a callable or None, got {rule!r}")


def read_jsonl(path: PathLike, encoding: str = "utf-8") -> list[tuple[int, dict[str, Any]]]:
    """``(line number, record)`` of a JSON Lines file; a bad line raises naming file and line."""
    records = []
    with open(path, encoding=encoding) as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(
                    f"{os.fspath(path)!r} line {number}: invalid JSON ({error.msg})"
                ) from None
            if not isinstance(record, dict):
                raise ValueError(
                    f"{os.fspath(path)!r} line {number}: expected a JSON object, "
                    f"got {type(record).__name__}"
                )
            records.append((number, record))
    return records


def frame_columns(df: Any) -> dict[str, list[Any]]:
    """The columns of a pandas or polars frame, as lists.

    Any frame with ``columns`` whose columns have ``to_list`` or ``tolist`` works.
    """
    if not hasattr(df, "columns"):
        raise TypeError(f"expected a pandas or polars DataFrame, got {type(df).__name__}")
    columns = {}
    for name in df.columns:
        column = df[name]
        to_list = getattr(column, "to_list", None) or getattr(column, "tolist", None)
        if to_list is None:
            raise TypeError(f"cannot read column {name!r} of a {type(df).__name__}")
        columns[str(name)] = list(to_list())
    return columns


def column_of(columns: Mapping[str, Sequence[Any]], name: str, what: str) -> Sequence[Any]:
    """The column `name`, or KeyError listing the columns there are."""
    if name not in columns:
        there = ", ".join(repr(c) for c in columns)
        raise KeyError(f"no {what} column {name!r}; the columns are: {there}")
    return columns[name]
