"""The outlet-comparison report: what goes in it (the HTML is in ``_report_html``).

Every number in the report comes from the corpus' own methods (summary,
contrast, kwic, collocations, near_duplicates, boilerplate) with the settings
listed at its end, so a reader can reproduce any table in a notebook. Each
section keeps its top rows only and no text is embedded beyond short
concordance lines and boilerplate lines, so the file stays small for any corpus.
"""

from __future__ import annotations

import datetime as _datetime
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from corpuscle import _core
from corpuscle._config import pandas_output
from corpuscle._files import write_atomically
from corpuscle._groups import By, group
from corpuscle._progress import progress_bar

if TYPE_CHECKING:
    from corpuscle.corpus import Corpus

#: Upper limits that keep the file small whatever the corpus.
MAX_TOP = 100
MAX_LINES = 10
MAX_GROUPS = 50
#: Keywords per group shown in context, and characters of context per side.
CONTEXT_TERMS = 5
CONTEXT_CHARS = 90
#: Rows in the collocation, near-duplicate and boilerplate tables.
TABLE_ROWS = 25
LINE_CHARS = 160


@dataclass
class Settings:
    """The arguments of :meth:`Corpus.report`, checked."""

    by: By
    title: str
    top: int
    lines: int
    stopwords: Any
    measure: str
    min_count: int
    max_groups: int
    duplicate_threshold: float

    def __post_init__(self) -> None:
        for name, most in (("top", MAX_TOP), ("lines", MAX_LINES), ("max_groups", MAX_GROUPS)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
                raise ValueError(f"{name} must be an int from 1 to {most}, got {value!r}")
        threshold = self.duplicate_threshold
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
            raise TypeError(f"duplicate_threshold must be a number, got {threshold!r}")
        if not 0.0 < threshold <= 1.0:
            raise ValueError(
                f"duplicate_threshold must be in (0, 1], got {self.duplicate_threshold!r}"
            )


@dataclass
class GroupSection:
    """One group's keywords against the rest, and their concordance lines."""

    label: str
    keywords: pd.DataFrame
    context: dict[str, pd.DataFrame] = field(default_factory=dict)


@dataclass
class Report:
    """Everything the HTML shows, as tables."""

    settings: Settings
    documents: int
    tokens: int
    summary: pd.DataFrame
    shown: list[int]  # rows of `summary` given a section, the rest summed up
    groups: list[GroupSection]
    groups_left_out: list[str]
    collocations: pd.DataFrame
    duplicates: pd.DataFrame
    duplicate_pairs: int
    boilerplate: pd.DataFrame
    boilerplate_lines: int
    generated: str
    details: dict[str, Any]


def write_report(
    corpus: Corpus, path: str | os.PathLike[str], settings: Settings, progress: bool | None
) -> Path:
    """Gather the report of `corpus` and write it to `path` as one HTML file."""
    from corpuscle._report_html import render

    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"the report is an HTML file: give a path ending in .html, not {path!r}")
    with pandas_output(), progress_bar("Report", progress):
        report = gather(corpus, settings)
    page = render(report)
    # Through a temporary file: a failed write leaves yesterday's report whole.
    return write_atomically(target, page.encode("utf-8"))


def gather(corpus: Corpus, settings: Settings) -> Report:
    """Compute every section of the report."""
    groups = group(corpus._meta, settings.by)
    if not groups.fields:
        raise ValueError("a report compares groups: give by= a metadata field, such as 'source'")
    if len(groups.labels) < 2:
        raise ValueError(
            f"a report compares groups, and {settings.by!r} has only "
            f"{len(groups.labels)} value in this corpus"
        )
    summary = corpus.summary(by=settings.by)
    keywords = corpus.contrast(
        by=settings.by,
        measure=settings.measure,
        min_count=settings.min_count,
        stopwords=settings.stopwords,
        top=settings.top,
    )
    keywords = keywords[keywords["direction"] == "target"]
    shown, left_out = _largest_groups(summary, settings.max_groups)
    sections = [_group_section(corpus, groups, code, keywords, settings) for code in shown]
    collocations = corpus.collocations(
        min_count=settings.min_count, stopwords=settings.stopwords, top=TABLE_ROWS
    )
    pairs = corpus.near_duplicates(settings.duplicate_threshold)
    boilerplate = corpus.boilerplate(by=settings.by)
    return Report(
        settings=settings,
        documents=len(corpus),
        tokens=corpus.n_tokens,
        summary=summary,
        shown=shown,
        groups=sections,
        groups_left_out=[label_of(tuple(groups.labels.iloc[c])) for c in left_out],
        collocations=collocations,
        duplicates=pairs.head(TABLE_ROWS),
        duplicate_pairs=len(pairs),
        boilerplate=boilerplate.head(TABLE_ROWS),
        boilerplate_lines=len(boilerplate),
        generated=_datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        details={
            "corpuscle": _core.__version__,
            "tokenizer": repr(corpus.tokenizer),
            "keyness": {k: v for k, v in keywords.attrs.items() if k not in ("top",)},
            "collocations": {"size": 2, "sort": "llr", "min_count": settings.min_count},
            "near-duplicates": {
                "threshold": settings.duplicate_threshold,
                "measure": "jaccard",
                "shingle": 5,
            },
            "boilerplate": {"min_docs": 3, "min_share": 0.3, "by": settings.by},
        },
    )


def label_of(values: tuple[Any, ...]) -> str:
    """A group's name for people: its field values joined by " / "."""
    return " / ".join(str(value) for value in values)


def _largest_groups(summary: pd.DataFrame, most: int) -> tuple[list[int], list[int]]:
    """Codes of the `most` groups with the most tokens, in group order; the rest."""
    order = np.argsort(-summary["tokens"].to_numpy(), kind="stable")
    kept = set(order[:most].tolist())
    codes = range(len(summary))
    return [c for c in codes if c in kept], [c for c in codes if c not in kept]


def _group_section(
    corpus: Corpus, groups: Any, code: int, keywords: pd.DataFrame, settings: Settings
) -> GroupSection:
    values = tuple(groups.labels.iloc[code])
    # contrast names a group by its value, or by a tuple of values for several fields.
    key = values[0] if len(values) == 1 else values
    mine = np.array([value == key for value in keywords["group"]], dtype=bool)
    rows = keywords[mine].reset_index(drop=True)
    section = GroupSection(label=label_of(values), keywords=rows)
    own = corpus.filter(groups.codes == code)
    for term in rows["term"].head(CONTEXT_TERMS):
        if "*" in term or "?" in term:
            continue  # a kwic pattern with these is a glob, and globs cannot be escaped
        section.context[term] = _spread(own.kwic(term, window=12), settings.lines)
    return section


def _spread(lines: pd.DataFrame, most: int) -> pd.DataFrame:
    """At most `most` lines, from as many documents as possible, in document order."""
    rank = lines.groupby("doc_id", sort=False).cumcount()
    order = np.lexsort((np.arange(len(lines)), rank.to_numpy()))
    return lines.iloc[order[:most]].sort_index()


__all__ = ["Report", "Settings", "gather", "label_of", "write_report"]
