"""Columns to DataFrames: pandas by default, polars after ``set_output("polars")``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from corpuscle._config import get_output


def frame(columns: Mapping[str, Any], attrs: Mapping[str, Any] | None = None) -> Any:
    """Build the result frame from named columns, in the configured library."""
    if get_output() == "polars":
        import polars as pl

        return pl.DataFrame({name: _plain(values) for name, values in columns.items()})
    df = pd.DataFrame(dict(columns))
    if attrs:
        df.attrs.update(attrs)
    return df


def _plain(values: Any) -> Any:
    # polars takes numpy arrays and lists directly; pandas objects go through numpy.
    if isinstance(values, (pd.Series, pd.Index)):
        return values.to_numpy()
    return values
