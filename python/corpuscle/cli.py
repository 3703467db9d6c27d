"""The ``corpuscle`` command: corpus statistics from the shell.

``corpuscle demo`` shows the demo corpus; ``corpuscle freq PATH...`` the
summary and top terms of your own ``.txt``, ``.jsonl``, ``.csv`` or ``.parquet`` files;
``corpuscle collocations PATH...`` their collocations; ``corpuscle kwic PATH...
PATTERN`` a concordance; ``corpuscle dedupe PATH...`` the near-duplicate pairs;
``corpuscle report PATH... -o report.html`` the outlet-comparison report.
``--clean`` on any of them drops near-duplicates and removes boilerplate first.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

import pandas as pd

from corpuscle._readers import expand_paths
from corpuscle.corpus import Corpus
from corpuscle.datasets import demo
from corpuscle.exceptions import InternalError

KWIC_CONTEXT = 40  # characters of context shown on each side in a table


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except BrokenPipeError:
        # The reader (head, less) closed the pipe: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("corpuscle: interrupted", file=sys.stderr)
        return 130  # 128 + SIGINT, as shells report it
    except InternalError as error:
        print(f"corpuscle: internal error (please report it): {error}", file=sys.stderr)
        return 2
    except Exception as error:
        # Bad input of any kind: one line saying what, never a traceback.
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        known = isinstance(error, (OSError, ValueError, KeyError, TypeError))
        kind = "" if known else f"{type(error).__name__}: "
        print(f"corpuscle: error: {kind}{message}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corpuscle", description="Corpus statistics from the shell."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    show = commands.add_parser("demo", help="summary and top terms of the demo corpus")
    _output_options(show, top=10)
    show.set_defaults(run=_run_demo, stopwords="english", n=1, by="source")

    freq = commands.add_parser("freq", help="summary and top terms of your files")
    _input_options(freq)
    freq.add_argument("--n", type=int, default=1, help="n-gram length, 1 to 5 (default: 1)")
    _stopword_option(freq)
    _output_options(freq, top=20)
    freq.set_defaults(run=_run_freq)

    pairs = commands.add_parser("collocations", help="adjacent n-grams that occur together")
    _input_options(pairs)
    pairs.add_argument("--size", type=int, default=2, help="words per n-gram, 2 to 5 (default: 2)")
    pairs.add_argument("--min-count", type=int, default=3, help="least count scored (default: 3)")
    pairs.add_argument("--sort", default="llr", help="measure to sort by (default: llr)")
    _stopword_option(pairs)
    _output_options(pairs, top=20)
    pairs.set_defaults(run=_run_collocations)

    key = commands.add_parser("keyness", help="what each group says that the others don't")
    _input_options(key)
    key.add_argument(
        "--target", default=None, help="one group against the rest (default: every group)"
    )
    key.add_argument("--measure", default="llr", help="keyness measure (default: llr)")
    key.add_argument("--test", default="bag", help="bag, wilcoxon or bootstrap (default: bag)")
    key.add_argument("--n", type=int, default=1, help="n-gram length, 1 to 5 (default: 1)")
    key.add_argument("--min-count", type=int, default=3, help="least count in both (default: 3)")
    key.add_argument(
        "--plot", default=None, metavar="PNG", help="also draw the result to this file"
    )
    _stopword_option(key)
    _output_options(key, top=20)
    key.set_defaults(run=_run_keyness)

    lines = commands.add_parser("kwic", help="concordance: each match with its context")
    _input_options(lines)
    lines.add_argument("pattern", help="a word, a phrase in quotes, or a glob such as 'zelensk*'")
    lines.add_argument("--window", type=int, default=5, help="tokens of context (default: 5)")
    lines.add_argument("--case-sensitive", action="store_true", help="match the pattern's case")
    lines.add_argument("--format", choices=["table", "csv", "json"], default="table")
    lines.set_defaults(run=_run_kwic)

    dedupe = commands.add_parser("dedupe", help="pairs of near-duplicate documents")
    dedupe.add_argument(
        "paths",
        nargs="+",
        help=".txt files (one document each), .jsonl, .csv or .parquet files, or glob patterns",
    )
    dedupe.add_argument(
        "--text", default="text", help="text field or column of .jsonl, .csv and .parquet files"
    )
    dedupe.add_argument(
        "--threshold", type=float, default=0.8, help="least similarity reported (default: 0.8)"
    )
    dedupe.add_argument(
        "--measure",
        choices=["jaccard", "containment"],
        default="jaccard",
        help="containment also finds a truncated copy inside a full one (default: jaccard)",
    )
    dedupe.add_argument("--shingle", type=int, default=5, help="tokens per window (default: 5)")
    dedupe.add_argument("--within", default=None, metavar="FIELD", help="compare only within")
    dedupe.add_argument("--format", choices=["table", "csv", "json"], default="table")
    dedupe.set_defaults(run=_run_dedupe, by="source")

    page = commands.add_parser(
        "report", help="an HTML report comparing the groups: keywords, context, duplicates"
    )
    _input_options(page)
    page.add_argument(
        "-o",
        "--output",
        default="report.html",
        help="the HTML file to write (default: report.html)",
    )
    page.add_argument("--title", default=None, help="the page's heading")
    page.add_argument("--top", type=int, default=15, help="keywords per group (default: 15)")
    page.add_argument(
        "--lines", type=int, default=3, help="concordance lines per keyword (default: 3)"
    )
    page.add_argument("--measure", default="llr", help="keyness measure (default: llr)")
    page.add_argument("--min-count", type=int, default=3, help="least count (default: 3)")
    page.add_argument(
        "--max-groups", type=int, default=12, help="groups given a section (default: 12)"
    )
    page.add_argument(
        "--stopwords",
        default="english",
        help="'english' (the default) or 'none' to keep function words",
    )
    page.set_defaults(run=_run_report)
    return parser


def _input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        help=".txt files (one document each), .jsonl, .csv or .parquet files (one row each), "
        "or glob patterns",
    )
    parser.add_argument(
        "--by",
        default="source",
        help="group by: 'source' (a .jsonl field, or the folder of a .txt file), 'parent', "
        "'stem' (of a .txt file), or another .jsonl field (default: source)",
    )
    parser.add_argument(
        "--text",
        default="text",
        help="text field or column of .jsonl, .csv and .parquet files (default: text)",
    )
    parser.add_argument(
        "--clean",
        action="store_true",
        help="first drop near-duplicate documents (containment >= 0.8, keeping the longest) "
        "and remove boilerplate, repeated lines, URL lines and leading metadata, and reflow "
        "hard-wrapped text; what was removed is summed up on stderr",
    )


def _stopword_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stopwords", default=None, help="'english' to drop English function words"
    )


def _output_options(parser: argparse.ArgumentParser, top: int) -> None:
    parser.add_argument("--top", type=int, default=top, help=f"rows per group (default: {top})")
    parser.add_argument("--format", choices=["table", "csv", "json"], default="table")


def _run_demo(args: argparse.Namespace) -> int:
    _print_summary(demo(), args)
    return 0


def _run_freq(args: argparse.Namespace) -> int:
    corpus = _load_grouped(args)
    _print_summary(corpus, args)
    return 0


def _run_collocations(args: argparse.Namespace) -> int:
    corpus = _load_grouped(args)
    table = corpus.collocations(
        size=args.size,
        min_count=args.min_count,
        sort=args.sort,
        by=args.by,
        stopwords=args.stopwords,
        top=args.top,
    )
    columns = [*([args.by] if args.by else []), "ngram", "count", "expected", args.sort]
    _write(table if args.format != "table" else table[columns], args.format)
    return 0


def _run_keyness(args: argparse.Namespace) -> int:
    corpus = _load_grouped(args)
    if args.by is None:
        raise ValueError("keyness compares groups: give files with sources, or --by a field")
    options = {
        "by": args.by,
        "measure": args.measure,
        "test": args.test,
        "n": args.n,
        "min_count": args.min_count,
        "stopwords": args.stopwords,
        "top": args.top,
    }
    if args.target is None:
        table = corpus.contrast(**options)
        columns = ["group", "term", "target_count", "reference_count", "statistic", "p_adjusted"]
    else:
        table = corpus.keyness(_group_value(corpus, args.by, args.target), **options)
        columns = [
            "term",
            "target_count",
            "reference_count",
            "statistic",
            "p_adjusted",
            "direction",
        ]
    _write(table if args.format != "table" else table[columns], args.format)
    if args.plot:
        _save_plot(table, args.plot, contrast=args.target is None)
    return 0


def _group_value(corpus: Corpus, by: str, written: str) -> Any:
    """The value of `by` that the command line's text `written` names.

    Everything typed is text, so ``--target 2023`` names the group 2023 of a
    numeric field; text that names no group is passed on as it is, to be
    refused with the list of the values there are.
    """
    named = {str(value): value for value in corpus.meta[by].tolist() if str(value) == written}
    return next(iter(named.values())) if len(named) == 1 else written


def _save_plot(table: pd.DataFrame, path: str, contrast: bool) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from corpuscle import plot

    figure = plot.contrast(table) if contrast else plot.keyness(table).figure
    figure.savefig(path, dpi=120, bbox_inches="tight")


def _run_kwic(args: argparse.Namespace) -> int:
    corpus = _load_grouped(args)
    lines = corpus.kwic(args.pattern, window=args.window, case_sensitive=args.case_sensitive)
    if args.format != "table":
        _write(lines, args.format)
        return 0
    # Columns by name, not as attributes: a field may be called "pub date".
    labels = lines[args.by] if args.by else lines["doc_id"]
    columns = (labels, lines["left"], lines["match"], lines["right"])
    for label, left, match, right in zip(*columns, strict=True):
        left = " ".join(left.split())[-KWIC_CONTEXT:]
        right = " ".join(right.split())[:KWIC_CONTEXT]
        print(f"{label!s:>16}  {left:>{KWIC_CONTEXT}} [{match}] {right}")
    return 0


def _run_dedupe(args: argparse.Namespace) -> int:
    corpus = _load(args.paths, args.by, args.text)
    pairs = corpus.near_duplicates(
        args.threshold, shingle=args.shingle, measure=args.measure, by=args.within
    )
    columns = ["doc_a", "doc_b", "jaccard", "containment"]
    if args.format != "table":
        _write(pairs, args.format)
    elif len(pairs) == 0:
        print(f"no pairs with {args.measure} >= {args.threshold} among {len(corpus)} documents")
    else:
        print(pairs[columns].to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    return 0


def _run_report(args: argparse.Namespace) -> int:
    corpus = _load_grouped(args)
    if args.by is None:
        raise ValueError("a report compares groups: give files with sources, or --by a field")
    path = corpus.report(
        args.output,
        by=args.by,
        title=args.title,
        top=args.top,
        lines=args.lines,
        stopwords=None if args.stopwords == "none" else args.stopwords,
        measure=args.measure,
        min_count=args.min_count,
        max_groups=args.max_groups,
    )
    size = path.stat().st_size
    print(f"wrote {path} ({size / 1024:,.0f} KiB): {len(corpus):,} documents by {args.by}")
    return 0


def _cleaned(corpus: Corpus) -> Corpus:
    """The --clean corpus: cleaned, then without near-duplicates; a summary on stderr."""
    corpus = corpus.clean().drop_duplicates(measure="containment", keep="longest")
    steps = corpus.cleaning_log["step"].value_counts()
    done = ", ".join(f"{count} {step}" for step, count in steps.items()) or "nothing to remove"
    print(f"corpuscle: cleaned: {done}", file=sys.stderr)
    return corpus


def _load_grouped(args: argparse.Namespace) -> Corpus:
    """Load the paths and settle ``args.by`` on a field the corpus has (or None)."""
    corpus = _load(args.paths, args.by, args.text)
    if args.clean:
        corpus = _cleaned(corpus)
    # For .txt files, --by parent or stem names how the source field was made.
    if args.by in ("parent", "stem") and "source" in corpus.fields:
        args.by = "source"
    elif args.by == "source" and "source" not in corpus.fields:
        args.by = None  # the default, on files without sources: one group
    elif args.by not in corpus.fields:
        raise KeyError(
            f"no field {args.by!r} to group by; the fields are: {', '.join(corpus.fields)}"
        )
    return corpus


def _load(paths: list[str], by: str, text: str) -> Corpus:
    kinds = {_kind(p) for p in paths}
    if len(kinds) > 1:
        raise ValueError(
            "give files of one kind: .txt files, or .jsonl, .csv or .parquet files; got "
            + ", ".join(sorted(kinds))
        )
    kind = kinds.pop()
    if kind == "jsonl":
        return Corpus.from_jsonl(paths, text=text)
    # source=None: a source column, if any, is kept as a field like any other,
    # and a table without one still loads (--by names the field to compare).
    if kind == "csv":
        return Corpus.from_csv(paths, text=text, source=None)
    if kind == "parquet":
        return Corpus.from_parquet(paths, text=text, source=None)
    rule: Any = {"source": "parent", "parent": "parent", "stem": "stem"}.get(by, "parent")
    files = [f for p in paths for f in expand_paths(p)]
    return Corpus.from_files(files, source=rule)


def _kind(path: str) -> str:
    """What a path (or glob) holds, by its extension: jsonl, csv, parquet or text."""
    suffix = path.lower().rsplit(".", 1)[-1] if "." in path else ""
    return {"jsonl": "jsonl", "ndjson": "jsonl", "csv": "csv", "parquet": "parquet"}.get(
        suffix, "text"
    )


def _print_summary(corpus: Corpus, args: argparse.Namespace) -> None:
    by = args.by
    summary = corpus.summary(by=by)
    terms = corpus.frequencies(n=args.n, by=by, stopwords=args.stopwords, top=args.top)
    if args.format != "table":
        _write(terms, args.format)
        return
    print(summary.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    print()
    _print_top_terms(terms, by)


def _write(table: pd.DataFrame, format: str) -> None:
    if format == "csv":
        table.to_csv(sys.stdout, index=False)
    elif format == "json":
        sys.stdout.write(table.to_json(orient="records", force_ascii=False) + "\n")
    else:
        print(table.to_string(index=False))


def _print_top_terms(terms: pd.DataFrame, by: str | None) -> None:
    if by is None:
        pairs = zip(terms["term"], terms["count"], strict=True)
        print("top terms: " + ", ".join(f"{t} ({c})" for t, c in pairs))
        return
    # The rows are in group order already, whatever the values' types.
    for group_value, rows in terms.groupby(by, sort=False, dropna=False):
        listed = ", ".join(f"{t} ({c})" for t, c in zip(rows["term"], rows["count"], strict=True))
        print(f"{group_value}: {listed}")


if __name__ == "__main__":
    sys.exit(main())
