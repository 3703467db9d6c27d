"""Group labels of Counts: the values of the ``by`` fields, as JSON text.

Counts are merged by label, in Rust and across processes, so a label must be
the same text wherever the same group is counted: the JSON list of the group's
field values. JSON keeps str, int, float, bool and None apart and brings them
back as they were; any other value is refused with a message naming it.

The engine writes the same labels for the JSON Lines files it counts itself
(``src/counts/labels.rs``, floats as ``repr`` writes them): a change to
:func:`encode_label` must be made there too, and
``tests/test_counts.py::test_json_lines_read_in_the_engine_label_groups_as_python_does``
fails until it is.
"""

from __future__ import annotations

import json
from numbers import Integral, Real
from typing import Any

import numpy as np
import pandas as pd

from corpuscle._groups import group
from corpuscle._values import canonical, field_column, is_missing


def encode_fields(fields: list[str]) -> str:
    """The grouping a Counts records: its field names, as JSON."""
    return json.dumps(fields, ensure_ascii=False)


def decode_fields(grouping: str) -> list[str]:
    fields = json.loads(grouping)
    if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
        raise ValueError(f"these counts were not grouped by named fields: {grouping!r}")
    return fields


def encode_label(values: tuple[Any, ...] | list[Any], fields: list[str]) -> str:
    """The label of the group whose `fields` have `values`."""
    return json.dumps(
        [_plain(v, f) for v, f in zip(values, fields, strict=True)],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode_label(label: str) -> list[Any]:
    return list(json.loads(label))


def _plain(value: Any, field: str) -> Any:
    """A JSON-able form of one field value, by the rule of :mod:`corpuscle._values`.

    Missing values (None, NaN, NA) are None, and 2020.0 is 2020, so the label
    of a group is the same text whichever reader met it.
    """
    if is_missing(value):
        return None
    value = canonical(value)
    if isinstance(value, (str, bool)):
        return value
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        return canonical(float(value))
    raise TypeError(
        f"a group value of {field!r} is {type(value).__name__} ({value!r}); counts keep "
        "str, int, float, bool or None as group values: convert the field first"
    )


def label_frame(labels: list[str], fields: list[str]) -> pd.DataFrame:
    """One row per label, one column per field."""
    rows = [decode_label(label) for label in labels]
    if not fields:
        return pd.DataFrame(index=range(len(rows)))
    return pd.DataFrame(
        {field: field_column([row[i] for row in rows]) for i, field in enumerate(fields)}
    )


def display_order(labels: list[str], fields: list[str]) -> list[int]:
    """Indices of `labels` in the order a Corpus lists its groups (see :func:`group`)."""
    by_text = sorted(range(len(labels)), key=lambda i: labels[i])
    if not fields:
        return by_text
    codes = group(label_frame([labels[i] for i in by_text], fields), fields).codes
    return [by_text[i] for i in np.argsort(codes, kind="stable")]
