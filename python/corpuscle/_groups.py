"""Documents to groups: the ``by=`` argument as integer codes and labels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from corpuscle._output import Fields, assemble, frame
from corpuscle._values import group_codes

By = str | list[str] | tuple[str, ...] | None


@dataclass(frozen=True)
class Groups:
    """Group code of every document, and the field values of every group."""

    fields: list[str]
    codes: np.ndarray  # int64, one per document
    labels: pd.DataFrame  # one row per group code, one column per field

    @property
    def count(self) -> int:
        return max(len(self.labels), 1)

    def columns_for(self, codes: np.ndarray) -> Fields:
        """The field columns of result rows whose group codes are `codes`."""
        return Fields({field: _repeat(self.labels[field], codes) for field in self.fields})


def grouped_frame(groups: Groups, columns: dict[str, Any], attrs: dict[str, Any]) -> Any:
    """Build a per-group result: the group's fields, then the engine's columns.

    The engine's ``group`` column holds group codes; `attrs` go on the frame.
    A field named like one of the engine's columns is renamed (see :func:`assemble`).
    """
    codes = columns.pop("group")
    return frame(assemble(groups.columns_for(codes), columns), attrs)


def _repeat(labels: pd.Series, codes: np.ndarray) -> Any:
    """``labels[codes]``, text labels as a Categorical.

    A result can have millions of rows and a handful of sources: a Categorical
    costs no string per row. Other labels keep their dtype.
    """
    if pd.api.types.is_string_dtype(labels.dtype) or labels.dtype == object:
        inverse, categories = pd.factorize(labels, use_na_sentinel=False)
        if all(isinstance(value, str) for value in categories):
            return pd.Categorical.from_codes(inverse[codes], categories=pd.Index(categories))
    return labels.array.take(codes)


def field_names(by: By) -> list[str]:
    """The fields named by `by`, as a list (none for None)."""
    return [] if by is None else ([by] if isinstance(by, str) else list(by))


def fields_of(by: By, meta: pd.DataFrame) -> list[str]:
    """The fields named by `by`, each checked to exist."""
    fields = field_names(by)
    for field in fields:
        if not isinstance(field, str) or field not in meta.columns:
            there = ", ".join(repr(c) for c in meta.columns)
            raise KeyError(f"no metadata field {field!r}; the fields are: {there}")
    return fields


def group_or_all(meta: pd.DataFrame, by: By) -> Groups:
    """:func:`group`, except that ``by="source"`` without a source field is one group of all.

    For the calls whose default is ``by="source"`` and that mean something
    for one group (summary, counts, cleaning); the comparisons (keyness,
    contrast, the report) need the field and say so.
    """
    if by == "source" and "source" not in meta.columns:
        by = None
    return group(meta, by)


def group(meta: pd.DataFrame, by: By) -> Groups:
    """Group the documents of `meta` by the fields in `by` (None: one group of all).

    Values are grouped by the rule of :mod:`corpuscle._values`: numbers equal
    in value are one group, True is not 1, missing values are one group, last.
    """
    fields = fields_of(by, meta)
    if not fields:
        return Groups([], np.zeros(len(meta), dtype=np.int64), pd.DataFrame(index=range(1)))
    keys = meta[fields]
    grouping = pd.DataFrame({field: group_codes(keys[field]) for field in fields})
    try:
        codes = grouping.groupby(fields, sort=True, dropna=False).ngroup()
    except TypeError:
        # Values of mixed types cannot be sorted; keep the order of first appearance.
        codes = grouping.groupby(fields, sort=False, dropna=False).ngroup()
    codes = codes.to_numpy(dtype=np.int64)
    _, first = np.unique(codes, return_index=True)
    labels = keys.iloc[first].reset_index(drop=True)
    return Groups(fields, codes, labels)
