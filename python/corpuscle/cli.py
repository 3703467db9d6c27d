"""The ``corpuscle`` command: summaries and top terms from the shell.

``corpuscle demo`` shows the demo corpus; ``corpuscle freq PATH...`` does the
same for your own ``.txt`` and ``.jsonl`` files.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from corpuscle.corpus import Corpus
from corpuscle.datasets import demo


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except (OSError, ValueError, KeyError, TypeError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"corpuscle: error: {message}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corpuscle", description="Corpus statistics from the shell."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    show = commands.add_parser("demo", help="summary and top terms of the demo corpus")
    _output_options(show, top=10)
    show.set_defaults(run=_run_demo, stopwords="english", n=1, by="source")

    freq = commands.add_parser("freq", help="summary and top terms of your .txt or .jsonl files")
    freq.add_argument(
        "paths", nargs="+", help=".txt files (one document each), .jsonl files, or glob patterns"
    )
    freq.add_argument(
        "--by",
        default="source",
        help="group by: 'source' (a .jsonl field, or the folder of a .txt file), 'parent', "
        "'stem' (of a .txt file), or another .jsonl field (default: source)",
    )
    freq.add_argument("--n", type=int, default=1, help="n-gram length, 1 to 5 (default: 1)")
    freq.add_argument("--stopwords", default=None, help="'english' to drop English function words")
    freq.add_argument("--text", default="text", help="text field of .jsonl files (default: text)")
    _output_options(freq, top=20)
    freq.set_defaults(run=_run_freq)
    return parser


def _output_options(parser: argparse.ArgumentParser, top: int) -> None:
    parser.add_argument("--top", type=int, default=top, help=f"terms per group (default: {top})")
    parser.add_argument("--format", choices=["table", "csv", "json"], default="table")


def _run_demo(args: argparse.Namespace) -> int:
    _report(demo(), args)
    return 0


def _run_freq(args: argparse.Namespace) -> int:
    corpus = _load(args.paths, args.by, args.text)
    # For .txt files, --by parent or stem names how the source field was made.
    if args.by in ("parent", "stem") and "source" in corpus.fields:
        args.by = "source"
    elif args.by == "source" and "source" not in corpus.fields:
        args.by = None  # the default, on files without sources: one group
    elif args.by not in corpus.fields:
        raise KeyError(
            f"no field {args.by!r} to group by; the fields are: {', '.join(corpus.fields)}"
        )
    _report(corpus, args)
    return 0


def _load(paths: list[str], by: str, text: str) -> Corpus:
    jsonl = [p for p in paths if p.endswith(".jsonl")]
    if jsonl and len(jsonl) != len(paths):
        raise ValueError("give either .txt files or .jsonl files, not both")
    if jsonl:
        return Corpus.from_jsonl(jsonl, text=text)
    rule: Any = {"source": "parent", "parent": "parent", "stem": "stem"}.get(by, "parent")
    files = [f for p in paths for f in _expand(p)]
    return Corpus.from_files(files, source=rule)


def _expand(pattern: str) -> list[Path]:
    from corpuscle._readers import expand_paths

    return expand_paths(pattern)


def _report(corpus: Corpus, args: argparse.Namespace) -> None:
    by = args.by
    summary = corpus.summary(by=by)
    terms = corpus.frequencies(n=args.n, by=by, stopwords=args.stopwords, top=args.top)
    if args.format == "csv":
        terms.to_csv(sys.stdout, index=False)
    elif args.format == "json":
        sys.stdout.write(terms.to_json(orient="records", force_ascii=False) + "\n")
    else:
        print(summary.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
        print()
        _print_top_terms(terms, by)


def _print_top_terms(terms: pd.DataFrame, by: str | None) -> None:
    if by is None:
        print(
            "top terms: "
            + ", ".join(f"{t} ({c})" for t, c in zip(terms["term"], terms["count"], strict=True))
        )
        return
    for group_value, rows in terms.groupby(by, sort=True):
        listed = ", ".join(f"{t} ({c})" for t, c in zip(rows["term"], rows["count"], strict=True))
        print(f"{group_value}: {listed}")


if __name__ == "__main__":
    sys.exit(main())
