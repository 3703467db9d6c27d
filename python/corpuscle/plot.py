"""Plots of keyness results (matplotlib, imported only when a plot is drawn).

Every function draws from numbers corpuscle has already computed and returns
the matplotlib Axes or Figure, for further styling or ``savefig``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from corpuscle._dependencies import import_optional

if TYPE_CHECKING:
    from corpuscle.corpus import Corpus

TARGET_COLOUR = "#1f6f8b"
REFERENCE_COLOUR = "#c8553d"


def _frame(result: Any) -> pd.DataFrame:
    """A pandas view of a result, whether pandas or polars."""
    if isinstance(result, pd.DataFrame):
        return result
    if hasattr(result, "to_dict"):
        frame = pd.DataFrame(result.to_dict(as_series=False))
        frame.attrs.update(getattr(result, "attrs", {}) or {})
        return frame
    raise TypeError(f"expected a keyness result DataFrame, got {type(result).__name__}")


def _top(result: pd.DataFrame, n: int, show_reference: bool) -> pd.DataFrame:
    """The n terms most key for the target, then (optionally) the n most key for the reference."""
    target = result[result["direction"] == "target"].nlargest(n, "statistic")
    if not show_reference:
        return target
    reference = result[result["direction"] == "reference"].nsmallest(n, "statistic")
    return pd.concat([target, reference.iloc[::-1]])


def keyness(
    result: Any,
    n: int = 20,
    show_reference: bool = True,
    ax: Any = None,
    title: str | None = None,
) -> Any:
    """Diverging bar chart of the top terms of target and reference.

    In the manner of quanteda's ``textplot_keyness``: one horizontal bar per
    term, its length the signed statistic, target terms to the right (most key
    at the top), reference terms to the left.

    Parameters
    ----------
    result : DataFrame
        What :meth:`Corpus.keyness` returned.
    n : int, default 20
        Terms shown for each side.
    show_reference : bool, default True
        Also show the reference's terms.
    ax : matplotlib Axes, optional
        Where to draw; a new figure otherwise.
    title : str, optional
        Defaults to "Keyness: TARGET vs REFERENCE" from the result's settings.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from corpuscle import datasets, plot
    >>> result = datasets.demo().keyness("Valley Chronicle", stopwords="english")
    >>> ax = plot.keyness(result, n=3)
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['valley', 'wetlands', 'selmer', 'members', 'veldrian', 'workers']
    """
    plt = import_optional("matplotlib.pyplot")
    frame = _frame(result)
    rows = _top(frame, n, show_reference)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.28 * max(len(rows), 4) + 1.2))
    positions = list(range(len(rows)))[::-1]
    colours = [TARGET_COLOUR if d == "target" else REFERENCE_COLOUR for d in rows["direction"]]
    ax.barh(positions, rows["statistic"], color=colours)
    ax.set_yticks(positions, labels=list(rows["term"]))
    ax.axvline(0, color="#555555", linewidth=0.8)
    measure = frame.attrs.get("measure", "statistic")
    ax.set_xlabel(f"{measure} (positive: more frequent in the target)")
    target = frame.attrs.get("target", "target")
    reference = frame.attrs.get("reference") or "rest of the corpus"
    ax.set_title(title or f"Keyness: {target} vs {reference}")
    patch = import_optional("matplotlib.patches").Patch
    handles = [patch(color=TARGET_COLOUR, label=str(target))]
    if show_reference:
        handles.append(patch(color=REFERENCE_COLOUR, label=str(reference)))
    ax.legend(handles=handles, loc="lower right", frameon=False)
    return ax


def contrast(result: Any, n: int = 10, columns: int = 2) -> Any:
    """One panel per group: its `n` most key terms against the rest.

    Parameters
    ----------
    result : DataFrame
        What :meth:`Corpus.contrast` returned (not pairwise).
    n : int, default 10
        Terms per panel.
    columns : int, default 2
        Panels per row.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from corpuscle import datasets, plot
    >>> figure = plot.contrast(datasets.demo().contrast(stopwords="english", top=5))
    >>> [panel.get_title() for panel in figure.axes]
    ['Capital Wire', 'Harbour Courier', 'Northgate Ledger', 'Valley Chronicle']
    """
    plt = import_optional("matplotlib.pyplot")
    frame = _frame(result)
    if "reference" in frame.columns:
        raise ValueError(
            "plot.contrast draws each group against the rest; pass a result without pairwise"
        )
    groups = list(dict.fromkeys(frame["group"]))
    rows_of_panels = -(-len(groups) // columns)
    figure, axes = plt.subplots(
        rows_of_panels,
        columns,
        figsize=(4.2 * columns, 0.3 * n * rows_of_panels + 1.5),
        squeeze=False,
    )
    measure = frame.attrs.get("measure", "statistic")
    for panel, name in zip(axes.flat, groups, strict=False):
        rows = _top(frame[frame["group"] == name], n, show_reference=False)
        positions = list(range(len(rows)))[::-1]
        panel.barh(positions, rows["statistic"], color=TARGET_COLOUR)
        panel.set_yticks(positions, labels=list(rows["term"]))
        panel.set_title(str(name))
        panel.set_xlabel(measure)
    for panel in list(axes.flat)[len(groups) :]:
        panel.set_visible(False)
    figure.suptitle("Each group against the rest")
    figure.tight_layout()
    return figure


def scatter(
    corpus: Corpus,
    a: Any,
    b: Any,
    by: str = "source",
    label: int = 20,
    stopwords: Any = None,
    ax: Any = None,
) -> Any:
    """Frequency per million of each term in group `a` against group `b`, log-log.

    Terms on the diagonal are used alike; the `label` most distinctive ones
    (highest signed log-likelihood for each side, half each) are labelled.
    A term absent from one group is drawn at half the smallest frequency
    shown on that axis, so it stays visible.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from corpuscle import datasets, plot
    >>> corpus = datasets.demo()
    >>> ax = plot.scatter(corpus, "Valley Chronicle", "Capital Wire", label=4, stopwords="english")
    >>> sorted(label.get_text() for label in ax.texts)
    ['agreement', 'valley', 'veldrian', 'wetlands']
    """
    plt = import_optional("matplotlib.pyplot")
    frame = _frame(
        corpus.keyness(a, reference=b, by=by, min_count=1, correction=None, stopwords=stopwords)
    )
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 6.5))
    x = frame["reference_per_million"].astype(float)
    y = frame["target_per_million"].astype(float)
    x = x.where(x > 0, x[x > 0].min() / 2)
    y = y.where(y > 0, y[y > 0].min() / 2)
    ax.scatter(x, y, s=8, alpha=0.5, color="#777777")
    ax.set_xscale("log")
    ax.set_yscale("log")
    low, high = min(x.min(), y.min()), max(x.max(), y.max())
    ax.plot([low, high], [low, high], color="#aaaaaa", linewidth=0.8)
    half = label // 2
    marked = pd.concat([frame.head(label - half), frame.tail(half)]) if half else frame.head(label)
    # Terms with the same frequencies share a point: stack their labels below it.
    stacked: dict[tuple[float, float], int] = {}
    for index in marked.index:
        point = (x[index], y[index])
        below = stacked.get(point, 0)
        stacked[point] = below + 1
        colour = TARGET_COLOUR if frame.at[index, "direction"] == "target" else REFERENCE_COLOUR
        ax.annotate(
            frame.at[index, "term"],
            point,
            xytext=(4, 2 - 9 * below),
            textcoords="offset points",
            fontsize=8,
            color=colour,
        )
    ax.set_xlabel(f"{b}: per million")
    ax.set_ylabel(f"{a}: per million")
    ax.set_title(f"{a} vs {b}")
    return ax


__all__ = ["contrast", "keyness", "scatter"]
