"""Reading texts and metadata from files, JSON Lines and data frames."""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpuscle._repairs import has_surrogates
from corpuscle._text import check_text

if TYPE_CHECKING:
    from corpuscle._repairs import Repairs

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


def describe(files: Sequence[Path], kind: str) -> str:
    """How errors name where documents came from: the one file, or how many."""
    return repr(os.fspath(files[0])) if len(files) == 1 else f"{len(files)} {kind} files"


def read_text(path: Path, encoding: str, errors: str, repairs: Repairs | None = None) -> str:
    """The text of `path`; an undecodable byte raises naming the file and byte offset.

    A UTF-8 byte order mark at the start is dropped. Under ``errors="replace"``
    each undecodable byte becomes U+FFFD and the file is added to `repairs`.
    """
    if errors not in ("strict", "replace"):
        raise ValueError(f"errors must be 'strict' or 'replace', got {errors!r}")
    data = path.read_bytes()
    if encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        if errors == "strict":
            where = f"in file {os.fspath(path)!r} at byte offset {error.start}"
            raise located(error, where) from None
    if repairs is not None:
        repairs.add(repr(os.fspath(path)))
    return data.decode(encoding, errors)


def located(error: UnicodeDecodeError, where: str) -> UnicodeDecodeError:
    """`error` with `where` (file, offset or line) added to its reason."""
    return UnicodeDecodeError(
        error.encoding, error.object, error.start, error.end, f"{error.reason} {where}"
    )


def source_of(path: Path, rule: SourceRule) -> Any:
    """The source of a file under `rule`: its folder's name, its stem, or a callable's answer."""
    if rule == "parent":
        return path.parent.name
    if rule == "stem":
        return path.stem
    if callable(rule):
        return rule(path)
    raise ValueError(f"source must be 'parent', 'stem', a callable or None, got {rule!r}")


def json_lines(
    path: PathLike, encoding: str = "utf-8", errors: str = "strict", repairs: Repairs | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, record)`` of each non-blank line of a JSON Lines file, read lazily.

    A UTF-8 byte order mark at the start is dropped. An undecodable byte
    raises UnicodeDecodeError naming the file, its line and its byte offset
    in the file, or under ``errors="replace"`` becomes U+FFFD (the line is
    added to `repairs`); a line that is not JSON, or not an object, raises
    ValueError naming the file and line.
    """
    if errors not in ("strict", "replace"):
        raise ValueError(f"errors must be 'strict' or 'replace', got {errors!r}")
    name = os.fspath(path)
    for number, line in _decoded_lines(path, encoding, errors, repairs):
        if number == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{name!r} line {number}: invalid JSON ({error.msg})") from None
        if not isinstance(record, dict):
            raise ValueError(
                f"{name!r} line {number}: expected a JSON object, got {type(record).__name__}"
            )
        yield number, record


def _decoded_lines(
    path: PathLike, encoding: str, errors: str, repairs: Repairs | None
) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of each line of a file, decoded a line at a time."""
    name = os.fspath(path)
    if "\n".encode(encoding) != b"\n":
        # UTF-16 and UTF-32 spell a newline in several bytes: decode the file whole.
        data = Path(path).read_bytes()
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            if errors == "strict":
                line = data[: error.start].decode(encoding, "replace").count("\n") + 1
                where = f"in file {name!r} line {line} at byte offset {error.start}"
                raise located(error, where) from None
            text = data.decode(encoding, "replace")
            if repairs is not None:
                repairs.add(repr(name))
        # On "\n" alone, as the byte path splits: JSON strings may hold U+2028.
        yield from enumerate(text.split("\n"), start=1)
        return
    with open(path, "rb") as file:
        offset = 0
        for number, data in enumerate(file, start=1):
            try:
                yield number, data.decode(encoding)
            except UnicodeDecodeError as error:
                if errors == "strict":
                    where = f"in file {name!r} line {number} at byte offset {offset + error.start}"
                    raise located(error, where) from None
                if repairs is not None:
                    repairs.add(f"{name!r} line {number}")
                yield number, data.decode(encoding, "replace")
            offset += len(data)


def table_columns(table: Any, skip: str | None = None) -> dict[str, list[Any]]:
    """The columns of a table but `skip`, as lists, from any library users hold tables in.

    pandas and polars DataFrames (``columns``), pyarrow Tables and
    RecordBatches (``column_names`` and ``column``), Hugging Face
    ``datasets.Dataset`` (``column_names`` and ``dataset[name]``; ``datasets``
    itself is never imported), and anything else exporting the Arrow C stream
    interface (``__arrow_c_stream__``: DuckDB relations, for one), through pyarrow.
    """
    names = getattr(table, "column_names", None)
    if isinstance(names, Mapping):  # a DatasetDict: one dataset per split
        splits = [repr(name) for name in names]
        raise TypeError(
            f"this holds several splits ({', '.join(splits)}): pass one of them, "
            f"e.g. dataset[{splits[0] if splits else ''}]"
        )
    if names is not None:
        names = [name for name in names if name != skip]
        column = getattr(table, "column", None)
        if callable(column):  # pyarrow
            return {str(name): column(name).to_pylist() for name in names}
        return {str(name): list(table[name]) for name in names}
    if hasattr(table, "columns"):
        columns = {}
        for name in table.columns:
            if name == skip:
                continue
            values = table[name]
            to_list = getattr(values, "to_list", None) or getattr(values, "tolist", None)
            if to_list is None:
                raise TypeError(f"cannot read column {name!r} of a {type(table).__name__}")
            columns[str(name)] = list(to_list())
        return columns
    if hasattr(table, "__arrow_c_stream__"):
        from corpuscle._dependencies import import_optional

        return table_columns(import_optional("pyarrow").table(table), skip)
    raise TypeError(
        "expected a table: a pandas, polars or pyarrow table, a Hugging Face Dataset, or an "
        f"object with the Arrow C stream interface; got {type(table).__name__}"
    )


def arrow_text_column(table: Any, name: str) -> Any | None:
    """The column `name` of a table as an object exporting Arrow, or None.

    None when the table has no such column or when its strings are Python
    objects anyway (a pandas ``object`` column, or ``str`` stored as Python
    strings): those take the path that checks every value.
    """
    names = getattr(table, "column_names", None)
    if isinstance(names, Mapping) or (names is not None and name not in names):
        return None
    if names is not None:
        column = getattr(table, "column", None)
        if callable(column):  # pyarrow
            return column(name)
        data: Any = getattr(table, "data", None)  # a Hugging Face Dataset: pyarrow inside
        return data.column(name) if callable(getattr(data, "column", None)) else None
    get_column = getattr(table, "get_column", None)
    if callable(get_column):  # polars
        return get_column(name) if name in table.columns else None
    if hasattr(table, "columns"):  # pandas
        if name not in table.columns:
            return None
        values = table[name]
        dtype = values.dtype
        arrow_backed = getattr(dtype, "storage", None) == "pyarrow" or (
            str(getattr(dtype, "pyarrow_dtype", "")) in ("string", "large_string", "string_view")
        )
        return values if arrow_backed and hasattr(values, "__arrow_c_stream__") else None
    if hasattr(table, "__arrow_c_stream__"):
        from corpuscle._dependencies import import_optional

        return arrow_text_column(import_optional("pyarrow").table(table), name)
    return None


def record_columns(
    records: Iterable[tuple[str, Any]], text: str, strict: bool = True
) -> dict[str, list[Any]]:
    """Columns of ``(where, record)`` pairs: each field a column, None where a record lacks it.

    `where` names the record in errors (``"records[3]"``, ``"'a.jsonl' line 4"``):
    one without the `text` field, a text that is not a str, and (if `strict`)
    a text with a lone surrogate.
    """
    rows: list[Mapping[str, Any]] = []
    for where, record in records:
        if not isinstance(record, Mapping):
            raise TypeError(f"{where} is {type(record).__name__}, expected a dict")
        if text not in record:
            raise KeyError(f"{where} has no {text!r} field; it has: {', '.join(map(str, record))}")
        value = record[text]
        if not isinstance(value, str):
            kind = type(value).__name__
            raise TypeError(f"{where}: the text {text!r} is {kind} ({value!r:.60}), expected str")
        if strict and has_surrogates(value):
            check_text(value, f"{where}: the text {text!r}")
        rows.append(record)
    names = list(dict.fromkeys(str(key) for record in rows for key in record))
    return {name: [record.get(name) for record in rows] for name in names}


def column_of(columns: Mapping[str, Sequence[Any]], name: str, what: str) -> Sequence[Any]:
    """The column `name`, or KeyError listing the columns there are."""
    if name not in columns:
        there = ", ".join(repr(c) for c in columns)
        raise KeyError(f"no {what} column {name!r}; the columns are: {there}")
    return columns[name]


def check_texts(texts: Sequence[Any], column: str, where: str) -> None:
    """Raise TypeError naming the first row of the text column that is not a str."""
    for row, value in enumerate(texts):
        if not isinstance(value, str):
            raise TypeError(
                f"{where}: row {row} of the text column {column!r} is "
                f"{type(value).__name__} ({value!r}), expected str"
            )


def read_parquet(paths: list[Path], columns: Sequence[str] | None) -> dict[str, list[Any]]:
    """The columns of Parquet files, read with pyarrow and stacked in order."""
    from corpuscle._dependencies import import_optional

    pa = import_optional("pyarrow")
    parquet = import_optional("pyarrow.parquet")
    tables = []
    for path in paths:
        try:
            tables.append(parquet.read_table(path, columns=columns))
        except (OSError, pa.ArrowException) as error:
            raise ValueError(f"cannot read {os.fspath(path)!r} as Parquet: {error}") from None
    try:
        table = pa.concat_tables(tables, promote_options="permissive")
    except pa.ArrowException as error:
        raise ValueError(f"the Parquet files' columns do not match: {error}") from None
    return table_columns(table)


def read_csv(
    paths: list[Path],
    text: str,
    encoding: str,
    errors: str,
    options: Mapping[str, Any],
    repairs: Repairs | None = None,
) -> dict[str, list[Any]]:
    """The columns of CSV files, read with pandas and stacked in order.

    The text column is kept verbatim (an empty cell is an empty text, never
    NaN); other columns are parsed as pandas parses them.
    """
    import io

    import pandas as pd

    frames = []
    for path in paths:
        data = read_text(path, encoding, errors, repairs)
        try:
            frame = pd.read_csv(io.StringIO(data), **_text_verbatim(data, text, options))
        except (ValueError, pd.errors.ParserError) as error:
            raise ValueError(f"cannot read {os.fspath(path)!r} as CSV: {error}") from None
        if text not in frame.columns:
            there = ", ".join(repr(c) for c in frame.columns)
            raise KeyError(
                f"{os.fspath(path)!r} has no text column {text!r}; its columns are: {there}"
            )
        frames.append(frame)
    return table_columns(pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0])


# pandas' default missing-value markers, as its read_csv documentation lists them.
_NA_MARKERS = [
    "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
    "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
]  # fmt: skip


def _text_verbatim(data: str, text: str, options: Mapping[str, Any]) -> dict[str, Any]:
    """read_csv options that keep every text cell as written: "NA" and "" are texts too.

    Missing-value markers still apply to the other columns; a caller's own
    ``na_values`` or ``keep_default_na`` are used as given.
    """
    import io

    import pandas as pd

    options = {"converters": {text: str}, **options}
    header = pd.read_csv(io.StringIO(data), nrows=0, **options).columns
    if len(header) == 1 and "skip_blank_lines" not in options:
        # In a one-column file a line of white space is a text of white
        # space (as pandas' to_csv writes it), not a blank line to skip.
        options["skip_blank_lines"] = False
    if "na_values" in options or "keep_default_na" in options:
        return options
    na_values = {name: _NA_MARKERS for name in header if name != text}
    return {**options, "keep_default_na": False, "na_values": na_values}
