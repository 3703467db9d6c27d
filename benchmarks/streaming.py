"""Streaming counts over gigabytes: throughput and peak memory, and Dask against one process.

    python benchmarks/streaming.py generate --gb 5        # benchmarks/data/stream/part-*.jsonl
    python benchmarks/streaming.py run --gb 1 5 --readme  # every measurement, then the table
    python benchmarks/streaming.py measure exact 1        # one measurement (run calls this)

The corpus is written by ``generate`` in parts of 100 MB, JSON Lines with ``source`` and
``text``; part ``i`` depends only on the seed and ``i``, so the 1 GB corpus is the first
ten parts of the 5 GB one. Its text is a Markov chain over a fixed vocabulary of 60,000
made-up words, each followed by one of its 24 successors (Zipf-weighted), with sentence
ends and capitalised sentence starts, in 8 outlets of unequal size. Unlike real text,
whose vocabulary keeps growing (Heaps' law), this corpus' distinct words and bigrams level
off, which is what lets one see whether memory follows the size of the text or the size
of the vocabulary: the claim measured is that it follows the vocabulary only.

Each measurement runs in a fresh process and reports seconds, MB/s, the process' peak
RSS, the distinct words and bigrams counted, and, for approximate counts, the largest
undercount bound. The modes:

exact     ``count_files(parts, n=2, by="source")``, all cores
approx    the same with ``approximate=20_000`` (at most 20,000 n-grams per outlet and length)
dask      ``corpuscle.dask.count_files(parts)`` (one task a part, read on its worker) on a
          ``LocalCluster(n_workers=2, threads_per_worker=1, processes=True)``; the peak is
          the largest worker's (the client holds only the merged counts)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).parent
DATA = HERE / "data" / "stream"
RESULTS = HERE / "results" / "streaming.json"
README = HERE / "README.md"
SEED = 20261123
PART_BYTES = 100_000_000
VOCABULARY = 60_000
SUCCESSORS = 24
APPROXIMATE = 20_000
OUTLETS = {
    "Morning Post": 0.26,
    "Evening Standard": 0.19,
    "Daily Ledger": 0.15,
    "City Courier": 0.12,
    "Valley Times": 0.10,
    "Harbour Herald": 0.08,
    "Northern Echo": 0.06,
    "Coast Gazette": 0.04,
}
SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]


# -- the corpus -------------------------------------------------------------------------


def vocabulary() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Words, each word's successors, and which words end a sentence (fixed by the seed)."""
    rng = np.random.default_rng(SEED)
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < VOCABULARY:
        # The frequent words are the short ones: 100 of one syllable, then two, then three.
        length = 1 if len(words) < 100 else 2 if len(words) < 3_000 else 3
        word = "".join(rng.choice(SYLLABLES, size=length))
        if word not in seen:
            seen.add(word)
            words.append(word)
    # Every 12th word also exists with a full stop, ending its sentence.
    ends = np.arange(VOCABULARY) % 12 == 5
    spelled = np.array([w + "." if end else w for w, end in zip(words, ends, strict=True)])
    # Successors drawn from a Zipf distribution over the words, as in text, where
    # frequent words follow most words; a sentence end is followed by a capitalised word.
    ranks = rng.zipf(1.2, size=(VOCABULARY, SUCCESSORS)) - 1
    successors = np.where(ranks < VOCABULARY, ranks, rng.integers(0, VOCABULARY, ranks.shape))
    return spelled, successors, ends


def write_part(index: int, path: Path) -> str:
    """Write part `index` (about 100 MB) to `path`; return its SHA-256."""
    spelled, successors, ends = _VOCABULARY or vocabulary()
    capital = np.array([w.capitalize() for w in spelled])
    rng = np.random.default_rng([SEED, index])
    weights = 1.0 / np.arange(1, SUCCESSORS + 1)
    weights /= weights.sum()
    names = list(OUTLETS)
    shares = np.array(list(OUTLETS.values()))
    digest = hashlib.sha256()
    written = 0
    with path.open("wb") as out:
        while written < PART_BYTES:
            # 2,000 documents at a time, all stepping through their chains together.
            batch, length = 2_000, int(rng.integers(200, 900))
            state = rng.integers(0, 400, size=batch)
            choice = rng.choice(SUCCESSORS, size=(length, batch), p=weights)
            tokens = np.empty((length, batch), dtype=np.int64)
            for step in range(length):
                state = successors[state, choice[step]]
                tokens[step] = state
            tokens = tokens.T
            start = np.zeros_like(tokens, dtype=bool)
            start[:, 0] = True
            start[:, 1:] = ends[tokens[:, :-1]]
            sources = rng.choice(len(names), size=batch, p=shares)
            lines = []
            for doc, starts, source in zip(tokens, start, sources, strict=True):
                text = " ".join(np.where(starts, capital[doc], spelled[doc]).tolist())
                lines.append(json.dumps({"source": names[source], "text": text}) + "\n")
            data = "".join(lines).encode()
            out.write(data)
            digest.update(data)
            written += len(data)
    return digest.hexdigest()


_VOCABULARY: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None


def _start_writer() -> None:
    global _VOCABULARY
    _VOCABULARY = vocabulary()


def _write(path: Path) -> str:
    partial = path.with_suffix(".partial")
    digest = write_part(int(path.stem.split("-")[1]), partial)
    partial.rename(path)
    return f"{path}  sha256 {digest}"


def parts(gigabytes: float) -> list[Path]:
    count = round(gigabytes * 1e9 / PART_BYTES)
    return [DATA / f"part-{i:04d}.jsonl" for i in range(count)]


def generate(gigabytes: float) -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    todo = [path for path in parts(gigabytes) if not path.exists()]
    # Parts are independent: one writer per core.
    with multiprocessing.Pool(initializer=_start_writer) as pool:
        for line in pool.imap(_write, todo):
            print(line, flush=True)


# -- one measurement, in its own process -----------------------------------------------------


def peak_rss() -> int:
    """This process' peak resident set size so far, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def measure(mode: str, gigabytes: float) -> dict[str, Any]:
    import corpuscle

    files = parts(gigabytes)
    missing = [p for p in files if not p.exists()]
    if missing:
        raise SystemExit(f"{missing[0]} is missing: run `streaming.py generate --gb {gigabytes}`")
    size = sum(p.stat().st_size for p in files)
    baseline = peak_rss()
    start = time.perf_counter()
    if mode == "dask":
        counts, peak = _on_dask(files)
    else:
        approximate = APPROXIMATE if mode == "approx" else None
        counts = corpuscle.count_files(files, n=2, by="source", approximate=approximate)
        peak = peak_rss()
    seconds = time.perf_counter() - start
    bigrams = counts.frequencies(n=2)
    return {
        "mode": mode,
        "gigabytes": gigabytes,
        "bytes": size,
        "seconds": seconds,
        "documents": counts.n_docs,
        "tokens": counts.n_tokens,
        "words": int(counts.groups["types"].sum()),
        "bigrams": len(bigrams),
        "baseline": baseline,
        "peak": peak,
        "max_undercount": int(counts.error_bounds["max_undercount"].max()),
    }


def _on_dask(files: list[Path]) -> tuple[Any, int]:
    import distributed

    import corpuscle.dask

    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as client:
        counts = corpuscle.dask.count_files(files, n=2, by="source")
        peaks = client.run(peak_rss)
    cluster.close()
    return counts, max(peaks.values())


# -- all of them, and the table ---------------------------------------------------------------


def run(sizes: list[float], modes: list[str]) -> list[dict[str, Any]]:
    results = []
    for gigabytes in sizes:
        for mode in modes:
            if mode == "dask" and gigabytes != min(sizes):
                continue  # Dask is compared with one process on the smallest corpus only
            command = [sys.executable, __file__, "measure", mode, str(gigabytes)]
            output = subprocess.run(command, check=True, capture_output=True, text=True)
            result = json.loads(output.stdout.strip().splitlines()[-1])
            print(_row(result), flush=True)
            results.append(result)
    return results


def table(results: list[dict[str, Any]]) -> str:
    import corpuscle

    head = (
        f"Measured {time.strftime('%Y-%m-%d')} on {_cores()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; corpuscle "
        f'{corpuscle.__version__}. `n=2`, `by="source"`; text read from JSON Lines files.\n\n'
        "| text | mode | seconds | MB/s | M tokens | words, summed over outlets | bigrams, same "
        "| peak RSS | max undercount |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
    )
    return head + "\n".join(_row(r) for r in results) + "\n"


def _row(r: dict[str, Any]) -> str:
    return (
        f"| {r['bytes'] / 1e9:.1f} GB | {r['mode']} | {r['seconds']:.1f} | "
        f"{r['bytes'] / 1e6 / r['seconds']:.1f} | {r['tokens'] / 1e6:,.0f} | {r['words']:,} | "
        f"{r['bigrams']:,} | {r['peak'] / 2**20:,.0f} MiB | {r['max_undercount']:,} |"
    )


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


def write_readme(text: str) -> None:
    readme = README.read_text()
    begin, end = "<!-- streaming -->", "<!-- /streaming -->"
    before, rest = readme.split(begin)
    _, after = rest.split(end)
    README.write_text(f"{before}{begin}\n{text}{end}{after}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("generate", help="write the corpus' parts")
    make.add_argument("--gb", type=float, default=5.0)
    every = commands.add_parser("run", help="every measurement, each in a fresh process")
    every.add_argument("--gb", type=float, nargs="+", default=[1.0, 5.0])
    every.add_argument("--modes", default="exact,approx,dask")
    every.add_argument("--readme", action="store_true", help="write the table into README.md")
    every.add_argument("--load", action="store_true", help="print the saved results' table")
    one = commands.add_parser("measure", help="one measurement (prints JSON)")
    one.add_argument("mode", choices=["exact", "approx", "dask"])
    one.add_argument("gb", type=float)
    args = parser.parse_args()
    if args.command == "generate":
        generate(args.gb)
    elif args.command == "measure":
        print(json.dumps(measure(args.mode, args.gb)))
    else:
        if args.load:
            results = json.loads(RESULTS.read_text())
        else:
            generate(max(args.gb))
            results = run(args.gb, args.modes.split(","))
            RESULTS.write_text(json.dumps(results, indent=1) + "\n")
        text = table(results)
        print(text)
        if args.readme:
            write_readme(text)


if __name__ == "__main__":
    main()
