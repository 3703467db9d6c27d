"""Run the benchmark suite and print (or write into README.md) the results table.

    python benchmarks/run.py --size 100                 # all jobs, 3 runs each
    python benchmarks/run.py --size 10 --repeat 1 --jobs a,b
    python benchmarks/run.py --size 100 --readme        # also update benchmarks/README.md

Each measurement is a fresh process (``jobs.py``). Within a run, every job is
measured for corpuscle and then for each peer, corpuscle again on one thread,
and the runs repeat in that order, so slow drift of the machine (heat, other
load) hits every tool alike. The table gives the median of the runs with the
minimum and maximum.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
from collections import defaultdict
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from generate import ensure_news, ensure_short  # noqa: E402

PEERS = {
    "a": ["re+Counter", "CountVectorizer"],
    "b": ["re+Counter", "CountVectorizer"],
    "c": ["NLTK", "gensim Phrases"],
}
TITLES = {
    "a": "(a) load + tokenize + unigram frequencies per source",
    "b": "(b) unigram + bigram frequencies per source",
    "bp": "(b) the same, with polars output",
    "b20": "(b) the same, top 20 terms per source",
    "c": "(c) bigram collocations, llr and pmi",
    "d": "(d) keyness of each source against the rest, every term (built corpus)",
    "d20": "(d) the same, top 20 terms each way per source, the default (built corpus)",
    "e": "(e) KWIC of a frequent word (built corpus)",
    "f": "(f) near-duplicates over short documents",
    "m": "built Corpus, resident memory",
}
MB = 1_000_000


def measure(tool: str, job: str, path: Path, threads: int) -> dict[str, Any]:
    command = [sys.executable, str(HERE / "jobs.py"), tool, job, str(path)]
    command += ["--threads", str(threads)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{tool} {job} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def plan(jobs: list[str]) -> list[tuple[str, str, int]]:
    """(job, tool, threads) in the order of one run: corpuscle, then each peer."""
    steps = []
    for job in jobs:
        steps.append((job, "corpuscle", 0))
        for peer in PEERS.get(job, []):
            steps.append((job, peer, 1))
        if job in PEERS:
            steps.append((job, "corpuscle", 1))
    return steps


def machine() -> dict[str, Any]:
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for package in ["corpuscle", "scikit-learn", "nltk", "gensim", "numpy", "pandas"]:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "versions": versions,
        "date": datetime.date.today().isoformat(),
    }


def summarise(samples: list[dict[str, Any]], size: int) -> dict[str, Any]:
    seconds = [s["seconds"] for s in samples]
    median = statistics.median(seconds)
    grown = max(s["peak"] - s["baseline"] for s in samples)
    out = {
        "runs": len(samples),
        "median": median,
        "min": min(seconds),
        "max": max(seconds),
        "mb_per_s": size / MB / median if median else None,
        "tokens": samples[0]["tokens"],
        "peak_rss": max(s["peak"] for s in samples),
        "job_rss": grown,
        "job_rss_per_byte": grown / size,
    }
    if "resident" in samples[0]:
        out["resident_per_byte"] = statistics.median(s["resident"] for s in samples) / size
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    news = ensure_news(args.size)
    short = ensure_short(args.short)
    sizes = {"news": news.stat().st_size, "short": short.stat().st_size}
    samples: dict[tuple[str, str, int], list[dict[str, Any]]] = defaultdict(list)
    steps = plan(args.jobs)
    for repeat in range(args.repeat):
        for job, tool, threads in steps:
            if tool != "corpuscle" and repeat >= args.peer_repeat:
                continue
            path = short if job == "f" else news
            result = measure(tool, job, path, threads)
            samples[job, tool, threads].append(result)
            shown = f"{result['seconds']:.3f} s" if job != "m" else f"{result['resident']:,} B"
            print(f"run {repeat + 1}: {job} {tool} threads={threads or 'all'}: {shown}", flush=True)
    rows = []
    for (job, tool, threads), found in samples.items():
        size = sizes["short" if job == "f" else "news"]
        rows.append({"job": job, "tool": tool, "threads": threads, **summarise(found, size)})
    return {
        "machine": machine(),
        "corpus": {
            "news": news.name,
            "news_bytes": sizes["news"],
            "short": short.name,
            "short_bytes": sizes["short"],
        },
        "rows": rows,
    }


def find(results: dict[str, Any], job: str, tool: str = "corpuscle", threads: int = 0) -> Any:
    for row in results["rows"]:
        if (row["job"], row["tool"], row["threads"]) == (job, tool, threads):
            return row
    return None


def table(results: dict[str, Any]) -> str:
    lines = [
        "| job | tool | threads | seconds, median (min-max) | MB/s | M tokens/s "
        "| peak RSS | job RSS per input byte | time / corpuscle's |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results["rows"]:
        if row["job"] == "m":
            continue
        base = find(results, row["job"])
        ratio = row["median"] / base["median"] if base and base["median"] else None
        tokens = row["tokens"] / row["median"] / 1e6 if row["tokens"] > 0 else None
        speed = f"{row['mb_per_s']:.1f}"
        if row["job"] in ("d", "d20", "e"):
            # Timed on a built corpus: a rate over the file means nothing.
            tokens, speed = None, "-"
        lines.append(
            f"| {row['job']} | {row['tool']} | {row['threads'] or 'all'} "
            f"| {row['median']:.3f} ({row['min']:.3f}-{row['max']:.3f}) "
            f"| {speed} | {'-' if tokens is None else f'{tokens:.2f}'} "
            f"| {row['peak_rss'] / 2**20:,.0f} MiB | {row['job_rss_per_byte']:.1f} "
            f"| {'-' if ratio is None else f'{ratio:.1f}x'} |"
        )
    memory = find(results, "m")
    if memory:
        lines.append("")
        lines.append(
            f"A built Corpus (texts, metadata, tokens and offsets) holds "
            f"{memory['resident_per_byte']:.2f} bytes resident per input byte."
        )
    return "\n".join(lines)


def targets(results: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for each target of issue 20 that was measured."""
    out = []

    def speedup(job: str, peer: str, wanted: float) -> None:
        ours, theirs = find(results, job), find(results, job, peer, 1)
        if ours and theirs:
            ratio = theirs["median"] / ours["median"]
            out.append(
                (f"({job}) {wanted:g}x faster than {peer}", f"{ratio:.1f}x", ratio >= wanted)
            )

    speedup("a", "re+Counter", 12)
    speedup("b", "re+Counter", 15)
    speedup("b", "CountVectorizer", 45)
    b, polars = find(results, "b"), find(results, "bp")
    if b and polars:
        ratio = polars["median"] / b["median"]
        out.append(("(b) polars output at most 1.2x pandas", f"{ratio:.2f}x", ratio <= 1.2))
    speedup("c", "NLTK", 25)
    speedup("c", "gensim Phrases", 20)
    row = find(results, "d20")
    if row:
        measured = f"{row['median']:.3f} s"
        out.append(('(d) contrast(by="source") under 0.5 s', measured, row["median"] < 0.5))
    for job in "abc":
        one, all_ = find(results, job, "corpuscle", 1), find(results, job)
        if one and all_:
            ratio = one["median"] / all_["median"]
            out.append((f"({job}) 2 threads 1.7x faster than 1", f"{ratio:.2f}x", ratio >= 1.7))
    memory = find(results, "m")
    if memory:
        resident = memory["resident_per_byte"]
        out.append(("built Corpus at most 3 B per input byte", f"{resident:.2f} B", resident <= 3))
    for job, limit, what in [("b", 8, "every row"), ("b20", 4, "top=20")]:
        row = find(results, job)
        if row:
            per_byte = row["job_rss_per_byte"]
            target = f"(b) peak at most {limit} B per input byte, {what}"
            out.append((target, f"{per_byte:.1f} B", per_byte <= limit))
    return out


def report(results: dict[str, Any]) -> str:
    m = results["machine"]
    corpus = results["corpus"]
    versions = ", ".join(f"{k} {v}" for k, v in m["versions"].items())
    lines = [
        f"Measured {m['date']} on {m['cores']} cores ({m['cpu']}), {m['system']}, "
        f"Python {m['python']}; {versions}.",
        f"Corpus: `{corpus['news']}` ({corpus['news_bytes'] / MB:.1f} MB); job (f): "
        f"`{corpus['short']}` ({corpus['short_bytes'] / MB:.1f} MB).",
        "",
        table(results),
        "",
        "| target (issue 20) | measured | |",
        "|---|---|---|",
    ]
    for target, measured, met in targets(results):
        lines.append(f"| {target} | {measured} | {'met' if met else '**missed**'} |")
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = HERE / "README.md"
    content = readme.read_text()
    start, end = "<!-- results -->", "<!-- /results -->"
    before, rest = content.split(start, 1)
    _, after = rest.split(end, 1)
    readme.write_text(f"{before}{start}\n{text}\n{end}{after}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=100, help="news corpus, MB (10, 100, 1000)")
    parser.add_argument("--short", type=int, default=100_000, help="documents for job (f)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of corpuscle")
    parser.add_argument("--peer-repeat", type=int, default=3, help="runs of each peer")
    parser.add_argument(
        "--jobs", default="a,b,bp,b20,c,d,d20,e,f,m", help="comma-separated job letters"
    )
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    parser.add_argument("--save", type=Path, help="also save the raw results as JSON")
    parser.add_argument("--load", type=Path, help="report saved results instead of measuring")
    args = parser.parse_args()
    args.jobs = args.jobs.split(",")
    results = json.loads(args.load.read_text()) if args.load else run(args)
    if args.save:
        args.save.write_text(json.dumps(results, indent=1))
    text = report(results)
    print(text)
    if args.readme:
        write_readme(text)


if __name__ == "__main__":
    main()
