"""The report as one self-contained HTML page: inline CSS and SVG, no script, no fonts.

Nothing is fetched when the page opens (no network, no external file), so it
reads the same offline, attached to an email, and in print. Every string from
the corpus is escaped.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from corpuscle._report import CONTEXT_CHARS, LINE_CHARS, GroupSection, Report

Column = tuple[str, str, Callable[[Any], str]]

STYLE = """
:root { --ink: #1d2430; --muted: #5b6576; --rule: #d8dde6; --accent: #1f6f8b;
        --accent-light: #d6e9f0; --mark: #fff1c2; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; color: var(--ink); margin: 0 auto; max-width: 64rem; padding: 1.5rem 2rem 4rem;
       line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; margin: 2.4rem 0 .6rem; padding-bottom: .25rem;
     border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
h4 { font-size: .95rem; margin: 1rem 0 .3rem; }
p.lead, p.note, .muted { color: var(--muted); }
p.note { font-size: .88rem; }
nav ol { columns: 2; padding-left: 1.2rem; margin: .5rem 0; }
a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; font-size: .88rem; margin: .4rem 0 1rem;
        font-variant-numeric: tabular-nums; }
th, td { padding: .25rem .5rem; border-bottom: 1px solid var(--rule); text-align: left;
         vertical-align: top; }
th { font-weight: 600; background: #f3f5f8; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
td.bar { width: 28%; }
.share { background: var(--accent-light); height: .8rem; }
.share span { display: block; background: var(--accent); height: 100%; }
.group { border: 1px solid var(--rule); border-radius: 6px; padding: .2rem 1.2rem 1rem;
         margin: 1.2rem 0; }
.chart { margin: .2rem 0 .4rem; max-width: 26rem; }
svg { width: 100%; height: auto; }
svg text { font-family: inherit; font-size: 11px; fill: var(--ink); }
svg .bar { fill: var(--accent); }
table.kwic { table-layout: fixed; }
table.kwic td { font-size: .85rem; }
table.kwic col.doc { width: 9.5rem; } table.kwic col.match { width: 7.5rem; }
table.kwic td.left { text-align: right; white-space: nowrap; overflow: hidden;
                     direction: rtl; }
table.kwic td.left bdi { direction: ltr; }
table.kwic td.match { font-weight: 700; background: var(--mark); white-space: nowrap;
                      overflow: hidden; text-align: center; }
table.kwic td.right { white-space: nowrap; overflow: hidden; }
table.kwic td.doc { color: var(--muted); white-space: nowrap; overflow: hidden;
                    text-overflow: ellipsis; }
dl.settings { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem;
              font-size: .88rem; }
dl.settings dt { font-weight: 600; }
dl.settings dd { margin: 0; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas,
                 monospace; word-break: break-word; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
@media (max-width: 720px) { nav ol { columns: 1; } }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav { display: none; }
  h2 { break-after: avoid; }
  .group, table, figure { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .share span, svg .bar, th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""

MEASURE_NAMES = {
    "llr": "log-likelihood G²",
    "chi2": "chi-squared",
    "log_ratio": "log ratio",
    "simple_maths": "simple maths",
    "lrc": "conservative log ratio",
    "pmi": "PMI",
    "fisher": "Fisher's exact test",
    "log_odds_dirichlet": "log odds with a Dirichlet prior (z)",
    "percent_diff": "%DIFF",
}


def render(report: Report) -> str:
    """The whole page."""
    settings = report.settings
    title = settings.title
    sections = [
        ("summary", "Corpus summary", _summary(report)),
        ("keywords", "Keywords of each group", _keywords(report)),
        ("collocations", "Top collocations", _collocations(report)),
        ("duplicates", "Near-duplicates and boilerplate", _duplicates(report)),
        ("settings", "Settings", _settings(report)),
    ]
    contents = "".join(f'<li><a href="#{key}">{_e(name)}</a></li>' for key, name, _ in sections)
    body = "".join(
        f'<section id="{key}"><h2>{_e(name)}</h2>{content}</section>'
        for key, name, content in sections
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{_e(title)}</h1>"
        f'<p class="lead">{report.documents:,} documents, {report.tokens:,} tokens, '
        f"{len(report.summary):,} groups by {_e(_fields(settings.by))}. "
        f"Generated {_e(report.generated)} by corpuscle {_e(report.details['corpuscle'])}.</p>"
        f'<nav aria-label="Contents"><ol>{contents}</ol></nav></header>'
        f"<main>{body}</main>"
        "<footer>Each table keeps its top rows only; the corpus itself is not in this file. "
        "The settings section lists every argument, so the same numbers come out of "
        "<code>corpus.contrast</code>, <code>corpus.kwic</code>, "
        "<code>corpus.collocations</code>, <code>corpus.near_duplicates</code> and "
        "<code>corpus.boilerplate</code> in a notebook.</footer>"
        "</body></html>\n"
    )


# -- sections ---------------------------------------------------------------------


def _summary(report: Report) -> str:
    summary = report.summary
    fields = [c for c in summary.columns if c not in _SUMMARY_NUMBERS]
    total = max(int(summary["tokens"].sum()), 1)
    rows = []
    for _, row in summary.iloc[report.shown].iterrows():
        label = _label(" / ".join(str(row[f]) for f in fields))
        numbers = [row["documents"], row["tokens"], row["types"], row["type_token_ratio"]]
        rows.append(_summary_row(label, numbers, int(row["tokens"]) / total))
    rest = summary.drop(index=summary.index[report.shown])
    if len(rest):
        # Types cannot be added up over groups, so the other groups get no type count.
        label = f"{len(rest):,} other groups"
        numbers = [rest["documents"].sum(), rest["tokens"].sum(), None, None]
        rows.append(_summary_row(label, numbers, int(rest["tokens"].sum()) / total))
    head = (
        f"<tr><th>{_e(_fields(report.settings.by))}</th><th class='num'>documents</th>"
        "<th class='num'>tokens</th><th class='num'>types</th>"
        "<th class='num'>type/token ratio</th><th>share of tokens</th></tr>"
    )
    return (
        '<p class="note">Tokens are words after normalisation; types are distinct tokens. '
        "The type/token ratio falls as a group grows, so compare it only between groups of "
        "similar size.</p>"
        f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _summary_row(label: str, numbers: list[Any], share: float) -> str:
    documents, tokens, types, ratio = numbers
    return (
        "<tr>"
        f"<td>{label}</td>"
        f'<td class="num">{int(documents):,}</td>'
        f'<td class="num">{int(tokens):,}</td>'
        f'<td class="num">{"–" if types is None else f"{int(types):,}"}</td>'
        f'<td class="num">{"–" if ratio is None else _fixed(ratio, 3)}</td>'
        f'<td class="bar" title="{share:.1%} of the tokens">'
        f'<div class="share"><span style="width:{share * 100:.1f}%"></span></div></td>'
        "</tr>"
    )


_SUMMARY_NUMBERS = ("documents", "tokens", "types", "type_token_ratio")


def _keywords(report: Report) -> str:
    settings = report.settings
    measure = MEASURE_NAMES.get(settings.measure, settings.measure)
    correction = report.details["keyness"].get("correction", "holm")
    intro = (
        f'<p class="note">Each group against all the others together: the terms it uses '
        f"more than the rest, ranked by {_e(measure)} (terms seen at least "
        f"{settings.min_count} times in the corpus). <em>Log ratio</em> is the binary "
        "log of the ratio of relative frequencies (1 = twice as frequent, 2 = four "
        "times); p-values are adjusted for "
        f"the number of terms tested ({_e(str(correction))}). <em>DP</em> is Gries' "
        "deviation of proportions: 0 when the term is spread evenly over the group's "
        "documents, near 1 when it sits in one of them. Under each table, the sentences "
        "behind the top keywords.</p>"
    )
    left_out = ""
    if report.groups_left_out:
        names = ", ".join(_clip(name, 60) for name in report.groups_left_out)
        left_out = (
            f'<p class="note">Not shown: {len(report.groups_left_out)} smaller groups '
            f"({_e(_clip(names, 400))}); raise <code>max_groups</code> to see them.</p>"
        )
    return intro + "".join(_group(section, report) for section in report.groups) + left_out


def _group(section: GroupSection, report: Report) -> str:
    heading = f"<h3>{_label(section.label)}</h3>"
    rows = section.keywords
    if rows.empty:
        return (
            f'<div class="group">{heading}<p class="muted">No term is used more here than '
            f"elsewhere among the terms seen at least {report.settings.min_count} times.</p></div>"
        )
    columns: list[Column] = [
        ("term", "term", _term),
        ("target_count", "here", _integer),
        ("reference_count", "elsewhere", _integer),
        ("target_per_million", "per million here", lambda x: _fixed(x, 0)),
        ("reference_per_million", "per million elsewhere", lambda x: _fixed(x, 0)),
        ("log_ratio", "log ratio", lambda x: _fixed(x, 2)),
        ("statistic", report.settings.measure, lambda x: _fixed(x, 2)),
        ("p_adjusted", "p adjusted", _p_value),
        ("target_docs", "documents", _integer),
        ("dp", "DP", lambda x: _fixed(x, 2)),
    ]
    chart = _bar_chart(list(rows["term"]), list(rows["log_ratio"]), "log ratio")
    context = "".join(_concordance(term, lines) for term, lines in section.context.items())
    return (
        f'<div class="group">{heading}'
        f'<figure class="chart">{chart}</figure>'
        f"{_table(rows, columns)}"
        f"{context}</div>"
    )


def _concordance(term: str, lines: pd.DataFrame) -> str:
    if lines.empty:
        return ""
    rows = "".join(
        "<tr>"
        f'<td class="doc" title="{_e(row["doc_id"])}">{_e(_tail(row["doc_id"], 22))}</td>'
        f'<td class="left"><bdi>{_e(_tail(row["left"], CONTEXT_CHARS))}</bdi></td>'
        f'<td class="match">{_e(_clip(_one_line(row["match"]), 60))}</td>'
        f'<td class="right">{_e(_clip(_one_line(row["right"]), CONTEXT_CHARS))}</td>'
        "</tr>"
        for _, row in lines.iterrows()
    )
    widths = '<colgroup><col class="doc"><col><col class="match"><col></colgroup>'
    return (
        f"<h4>“{_term(term)}” in context</h4>"
        f'<table class="kwic">{widths}<tbody>{rows}</tbody></table>'
    )


def _collocations(report: Report) -> str:
    table = report.collocations
    intro = (
        '<p class="note">Adjacent word pairs that occur together more often than their '
        "words' frequencies predict, over the whole corpus, ranked by log-likelihood "
        "(Dunning 1993). <em>Expected</em> is the count if the words were independent; "
        "<em>logDice</em> (Rychlý 2008) is 14 at most and does not grow with corpus size.</p>"
    )
    if table.empty:
        return intro + '<p class="muted">No pair occurs often enough to be scored.</p>'
    columns: list[Column] = [
        ("ngram", "pair", _term),
        ("count", "count", _integer),
        ("expected", "expected", lambda x: _fixed(x, 2)),
        ("llr", "log-likelihood", lambda x: _fixed(x, 1)),
        ("log_dice", "logDice", lambda x: _fixed(x, 2)),
        ("npmi", "NPMI", lambda x: _fixed(x, 3)),
    ]
    return intro + _table(table, columns)


def _duplicates(report: Report) -> str:
    threshold = report.settings.duplicate_threshold
    pairs = report.duplicates
    parts = [
        f"<h3>Near-duplicate documents</h3><p class='note'>Pairs of documents whose "
        f"five-word shingles overlap with Jaccard similarity {threshold:g} or more (MinHash "
        f"candidates, verified exactly): {report.duplicate_pairs:,} pairs"
        + (f", the first {len(pairs)} shown" if report.duplicate_pairs > len(pairs) else "")
        + ".</p>"
    ]
    if not pairs.empty:
        fields = [c[: -len("_a")] for c in pairs.columns if c.endswith("_a") and c != "doc_a"]
        shown = [f for f in fields if f in ("source", "title", "date")] or fields[:2]
        columns: list[Column] = [("doc_a", "document", _short), ("doc_b", "copy", _short)]
        for name in shown:
            columns += [(f"{name}_a", f"{name} (document)", _short)]
            columns += [(f"{name}_b", f"{name} (copy)", _short)]
        columns += [
            ("jaccard", "Jaccard", lambda x: _fixed(x, 3)),
            ("containment", "containment", lambda x: _fixed(x, 3)),
        ]
        parts.append(_table(pairs, columns))
    lines = report.boilerplate
    parts.append(
        "<h3>Boilerplate and repeated lines</h3><p class='note'>Lines printed in at least "
        "3 documents of a group and in 30% of them (bylines, subscription notices, "
        f"navigation), and lines printed twice in one document: {report.boilerplate_lines:,} "
        "lines"
        + (f", the first {len(lines)} shown" if report.boilerplate_lines > len(lines) else "")
        + ".</p>"
    )
    if not lines.empty:
        group_fields = [c for c in lines.columns if c not in _BOILERPLATE_COLUMNS]
        columns = [
            ("line", "line", lambda x: _e(_clip(_one_line(x), LINE_CHARS))),
            ("kind", "kind", _e),
            *[(f, f, _short) for f in group_fields],
            ("documents", "documents", _integer),
            ("share", "share", lambda x: _fixed(100 * x, 0) + "%"),
        ]
        parts.append(_table(lines, columns))
    return "".join(parts)


_BOILERPLATE_COLUMNS = ("line", "kind", "id", "documents", "share", "count")


def _settings(report: Report) -> str:
    settings = report.settings
    items: list[tuple[str, Any]] = [
        ("groups (by)", _fields(settings.by)),
        ("keyness measure", settings.measure),
        ("stop words", settings.stopwords),
        ("least count", settings.min_count),
        ("keywords per group", settings.top),
        ("concordance lines per keyword", settings.lines),
        ("most groups shown", settings.max_groups),
        ("near-duplicate threshold", settings.duplicate_threshold),
    ]
    items += [(name, value) for name, value in report.details.items()]
    rows = "".join(f"<dt>{_e(name)}</dt><dd>{_e(_setting(value))}</dd>" for name, value in items)
    return (
        '<p class="note">Every argument behind the numbers above, to reproduce them.</p>'
        f'<dl class="settings">{rows}</dl>'
    )


# -- pieces -----------------------------------------------------------------------


def _table(frame: pd.DataFrame, columns: Sequence[Column]) -> str:
    numeric = {name for name, _, _ in columns if pd.api.types.is_numeric_dtype(frame[name])}
    head = "".join(
        f"<th{' class=num' if name in numeric else ''}>{_e(header)}</th>"
        for name, header, _ in columns
    )
    body = []
    for row in frame[[name for name, _, _ in columns]].itertuples(index=False):
        cells = "".join(
            f"<td{' class=num' if name in numeric else ''}>{show(value)}</td>"
            for (name, _, show), value in zip(columns, row, strict=True)
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _bar_chart(labels: list[str], values: list[float], axis: str) -> str:
    """Horizontal bars, one per label, as inline SVG."""
    finite = [v for v in values if math.isfinite(v)]
    largest = max([abs(v) for v in finite] + [1e-9])
    row, label_width, bar_width, pad = 18, 118, 190, 4
    height = row * len(labels) + 24
    width = label_width + bar_width + 48
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_e(axis)} of the top keywords">'
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = i * row
        shown = value if math.isfinite(value) else largest
        length = max(bar_width * abs(shown) / largest, 1.0)
        parts.append(
            f'<text x="{label_width - pad}" y="{y + 13}" text-anchor="end">'
            f"{_e(_clip(label, 20))}</text>"
            f'<rect class="bar" x="{label_width}" y="{y + 3}" width="{length:.1f}" '
            f'height="{row - 6}"><title>{_term(label)}: {_e(_fixed(value, 2))}</title></rect>'
            f'<text x="{label_width + length + pad:.1f}" y="{y + 13}">{_fixed(value, 2)}</text>'
        )
    parts.append(
        f'<text x="{label_width}" y="{height - 6}" class="muted">{_e(axis)} →</text></svg>'
    )
    return "".join(parts)


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _term(value: Any) -> str:
    # A token can be as long as a URL; tables stay readable and the file small.
    return _e(_clip(str(value), 60))


def _label(value: Any) -> str:
    return _e(_clip(str(value), 120))


def _short(value: Any) -> str:
    return _e(_clip(str(value), 48))


def _integer(value: Any) -> str:
    return f"{int(value):,}"


def _fixed(value: Any, digits: int) -> str:
    number = float(value)
    if math.isnan(number):
        return "–"
    if math.isinf(number):
        return "∞" if number > 0 else "−∞"
    return f"{number:,.{digits}f}"


def _p_value(value: Any) -> str:
    number = float(value)
    if math.isnan(number):
        return "–"
    return "&lt; 0.0001" if number < 1e-4 else f"{number:.4f}"


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def _clip(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _tail(text: Any, most: int) -> str:
    line = _one_line(text)
    return line if len(line) <= most else "…" + line[-(most - 1) :]


def _fields(by: Any) -> str:
    return by if isinstance(by, str) else " / ".join(map(str, by))


def _setting(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={_setting(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)) and len(value) > 12:
        return f"{len(value)} items"
    return str(value)


__all__ = ["render"]
