"""One rule for metadata values: how they are kept, grouped, selected and labelled.

Every reader (lists, frames, records, CSV, JSON Lines, streams) and both
sources of counts (Corpus and Counts) follow it, so the same file gives the
same groups whichever way it is read:

- Values are kept as given, except that numbers equal in value are one value:
  in a field that holds ints, a float with an integral value is that int
  (``2020.0`` is ``2020``), and ints are never turned into floats because a
  value is missing (``[2020, None]`` stays ``[2020, None]``).
- ``True`` and ``False`` are values of their own, never the numbers 1 and 0.
- A missing value (None, NaN, ``pd.NA``, NaT) is one group, shown as NaN, and
  is selected with ``None`` wherever values are named (``filter(year=None)``,
  ``keyness(target=None)``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from numbers import Integral, Real
from typing import Any

import numpy as np
import pandas as pd

# Floats beyond this are not exact integers, so they are never taken for ints.
_EXACT = 2**53


def is_missing(value: Any) -> bool:
    """Whether `value` is a missing value: None, NaN, pd.NA or NaT."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, (float, np.floating)):
        return math.isnan(value)
    if isinstance(value, (np.datetime64, np.timedelta64)):
        return bool(np.isnat(value))
    return False


def canonical(value: Any) -> Any:
    """`value` under the rule: numpy scalars as Python ones, integral floats as ints."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer() and abs(value) <= _EXACT:
        return int(value)
    return value


def group_key(value: Any) -> tuple[int, Any] | None:
    """What decides whether two values are one group (None for missing ones).

    Python says ``True == 1``; the rule does not, so the kind comes first.
    """
    if is_missing(value):
        return None
    value = canonical(value)
    if isinstance(value, bool):
        return (0, value)
    if isinstance(value, (Integral, Real)):
        return (1, value)
    return (2, value)


def field_column(values: Sequence[Any]) -> pd.Series:
    """A metadata field as a column, its values kept under the rule.

    A field of ints (with integral floats, or missing values, among them)
    stays ints: int64 when nothing is missing, else an object column holding
    the ints and the missing values as given. Anything else is left to pandas.
    """
    ints = False
    for value in values:
        if isinstance(value, bool):
            return pd.Series(values)
        if isinstance(value, (int, np.integer)):
            ints = True
        elif isinstance(value, (float, np.floating)):
            if not (math.isnan(value) or (value.is_integer() and abs(value) <= _EXACT)):
                return pd.Series(values)
        elif not is_missing(value):
            return pd.Series(values)
    if not ints:
        return pd.Series(values)
    whole = [value if is_missing(value) else canonical(value) for value in values]
    if any(is_missing(value) for value in whole):
        return pd.Series(whole, dtype=object)
    return pd.Series(whole, dtype=np.int64)


def group_codes(column: pd.Series) -> pd.Series:
    """Integer codes that group `column` by the rule and sort as its values do.

    Columns of one numeric, bool or categorical dtype already group by the
    rule; object columns are grouped by :func:`group_key`, in sorted order of
    their keys (numbers before text), or of first appearance when their
    values cannot be compared. Missing values get a missing code, so they
    group last.
    """
    # pandas sorts a missing value among the others of an object column: only
    # a column with none can be left to it.
    if column.dtype != object or (_one_kind(column) and not column.isna().any()):
        return column
    keys = [group_key(value) for value in column.tolist()]
    distinct = list(dict.fromkeys(key for key in keys if key is not None))
    try:
        distinct.sort()
    except TypeError:
        pass  # values of kinds that cannot be compared keep their first appearance
    code = {key: i for i, key in enumerate(distinct)}
    return pd.Series(
        [np.nan if key is None else code[key] for key in keys], index=column.index, dtype=float
    )


def matching(column: pd.Series, wanted: Sequence[Any]) -> np.ndarray:
    """Which values of `column` are one of `wanted`, by the rule (None selects missing)."""
    keys = {group_key(value) for value in wanted}
    bools = any(isinstance(value, (bool, np.bool_)) for value in wanted)
    if column.dtype != object or (_one_kind(column) and not bools):
        present = [value for value in wanted if not is_missing(value)]
        found = column.isin(present).to_numpy()
        if None in keys:
            found = found | column.isna().to_numpy()
        return found
    return np.array([group_key(value) in keys for value in column.tolist()], dtype=bool)


# Object columns whose values pandas already groups by the rule: one kind of
# value (with missing ones), or ints and floats, which pandas compares by value.
_ONE_KIND = {"string", "integer", "floating", "mixed-integer-float", "empty", "bytes"}


def _one_kind(column: pd.Series) -> bool:
    """Whether pandas groups `column` by the rule already (no Python loop needed)."""
    return pd.api.types.infer_dtype(column, skipna=True) in _ONE_KIND


def values_of(value: Any) -> list[Any]:
    """The values a `target`, `reference` or filter names: one value or a collection."""
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray, pd.Series, pd.Index)):
        return list(value)
    return [value]


__all__ = [
    "canonical",
    "field_column",
    "group_codes",
    "group_key",
    "is_missing",
    "matching",
    "values_of",
]
