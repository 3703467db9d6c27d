"""Columns to DataFrames: pandas by default, polars after ``set_output("polars")``."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from corpuscle import _core
from corpuscle._config import get_output

#: What a metadata field gets in front of its name when a result column has that name.
FIELD_PREFIX = "meta_"


class Fields(dict[str, Any]):
    """Result columns that hold metadata fields: they give way to the other columns' names."""


def assemble(*parts: Mapping[str, Any]) -> dict[str, Any]:
    """The columns of `parts`, in order, with no column lost to another of the same name.

    A metadata field is the user's to name, so it may be called ``count``,
    ``start`` or ``doc_a``. Where a :class:`Fields` column has the name of a
    result column (or of an earlier field), it takes :data:`FIELD_PREFIX` in
    front (``meta_count``), as often as it takes to be unique.
    """
    reserved = {name for part in parts if not isinstance(part, Fields) for name in part}
    columns: dict[str, Any] = {}
    for part in parts:
        for name, values in part.items():
            if isinstance(part, Fields):
                while name in reserved or name in columns:
                    name = FIELD_PREFIX + name
            elif name in columns:
                raise AssertionError(f"two result columns are named {name!r}")
            columns[name] = values
    return columns


def frame(columns: Mapping[str, Any], attrs: Mapping[str, Any] | None = None) -> Any:
    """Build the result frame from named columns, in the configured library."""
    if get_output() == "polars":
        import polars as pl

        return pl.DataFrame([_polars_series(pl, name, values) for name, values in columns.items()])
    # copy=False: the engine's arrays are new and owned by nobody else, so pandas
    # keeps them as they are instead of copying them into one block per dtype.
    df = pd.DataFrame({name: strings(values) for name, values in columns.items()}, copy=False)
    if attrs:
        df.attrs.update(attrs)
    return df


def strings(column: Any) -> Any:
    """A column of str from the engine's string buffers (other columns pass through).

    With pyarrow installed and pandas using its Arrow-backed ``str`` dtype (the
    default since pandas 3), the engine's buffers become that column directly;
    otherwise a list of str.
    """
    if not isinstance(column, _core.StringColumn):
        return column
    arrow = _arrow_strings(column)
    if arrow is None:
        return column.to_list()
    return pd.array(arrow, dtype=_string_dtype())


def _polars_series(pl: Any, name: str, values: Any) -> Any:
    """A polars column of `values` without a Python object per row where it can be.

    The engine's strings arrive as an Arrow array over their buffers; a
    Categorical (group labels, ``direction``) becomes an ``Enum`` gathered
    from its few labels; numpy arrays are taken as they are.
    """
    if isinstance(values, _core.StringColumn):
        arrow = _arrow_strings(values)
        return pl.Series(name, values.to_list() if arrow is None else arrow)
    if isinstance(values, pd.Categorical) and all(isinstance(c, str) for c in values.categories):
        categories = list(values.categories)
        labels = pl.Series(name, categories, dtype=pl.Enum(categories))
        return labels.gather(values.codes.astype("int64"))
    if isinstance(values, (pd.Series, pd.Index, pd.api.extensions.ExtensionArray)):
        values = values.to_numpy()
    if isinstance(values, np.ndarray) and values.dtype == object:
        # Python objects (metadata of mixed types): let polars choose the type.
        try:
            return pl.Series(name, values.tolist())
        except (TypeError, ValueError, OverflowError):
            return pl.Series(name, values, dtype=pl.Object)
    return pl.Series(name, values)


def _arrow_strings(column: Any) -> Any:
    """An Arrow large-string array over the column's buffers, or None without pyarrow."""
    if _string_dtype() is None and get_output() != "polars":
        return None
    try:
        import pyarrow as pa
    except ImportError:
        return None
    data, offsets = column.buffers()
    return pa.LargeStringArray.from_buffers(len(column), pa.py_buffer(offsets), pa.py_buffer(data))


@functools.cache
def _string_dtype() -> Any:
    """The default pandas dtype for str when it is Arrow-backed, else None."""
    dtype = pd.Series(["x"]).dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return dtype
    return None


__all__ = ["FIELD_PREFIX", "Fields", "assemble", "frame", "strings"]
