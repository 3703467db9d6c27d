"""Load that tests must not time: one huge document, ten million tiny ones, Ctrl-C.

    python benchmarks/resources.py run --readme          # every measurement, then the tables
    python benchmarks/resources.py measure big 400        # one measurement (run calls these)
    python benchmarks/resources.py measure tiny 10
    python benchmarks/resources.py measure interrupt 0
    python benchmarks/resources.py tables benchmarks/results/resources.json

The text is the synthetic news corpus of ``generate.py`` (100 MB, written on first use).

big N      one document of N MB: the corpus' texts joined by blank lines, repeated as
           needed; ``Corpus([text])`` then ``frequencies()``. Seconds per MB must stay
           flat from 25 to 400 MB: a quadratic step would double it with each doubling.
tiny N     N million documents of 3 to 8 words (the corpus cut at word boundaries);
           ``Corpus(texts)``, ``frequencies()``, and ``count(texts)`` streaming.
           Microseconds per document must stay flat from 1 to 10 million.
interrupt  ``Corpus(texts)`` of 400 MB in 100,000 documents, interrupted by SIGINT at
           about a third of its run: how soon KeyboardInterrupt arrives, and the RSS
           before, at the interrupt and after it (the build's memory must be returned),
           then a full build in the same process to show it still works.

Each measurement runs in a fresh process; "RSS" is its resident set in MB, "peak" the
high-water mark, "loaded" the RSS once the texts are held in Python (with what
reading the 100 MB corpus to make them left behind).
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def rss_mb() -> float:
    """The current resident set, from /proc (Linux)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def news_texts() -> list[str]:
    import generate

    path = generate.ensure_news(100)
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines]


def big_text(megabytes: float) -> str:
    whole = "\n\n".join(news_texts())
    wanted = int(megabytes * 1e6)
    text = whole * (wanted // len(whole) + 1)
    cut = text.rfind(" ", 0, wanted)
    return text[:cut]


def tiny_texts(millions: float) -> list[str]:
    words = " ".join(news_texts()).split()
    wanted = int(millions * 1e6)
    texts, at, length = [], 0, 3
    while len(texts) < wanted:
        if at + length > len(words):
            at = 0
        texts.append(" ".join(words[at : at + length]))
        at += length
        length = 3 + (length - 2) % 6  # 3, 4, ..., 8, 3, ...
    return texts


def timed(work: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def measure_big(megabytes: float) -> dict[str, Any]:
    import corpuscle

    text = big_text(megabytes)
    loaded = rss_mb()
    corpus, build = timed(lambda: corpuscle.Corpus([text]))
    frequencies, count = timed(lambda: corpus.frequencies())
    return {
        "mb": len(text.encode("utf-8")) / 1e6,
        "tokens": corpus.n_tokens,
        "types": len(frequencies),
        "build_s": build,
        "frequencies_s": count,
        "s_per_mb": (build + count) / megabytes,
        "loaded_mb": loaded,
        "peak_mb": peak_mb(),
    }


def measure_tiny(millions: float) -> dict[str, Any]:
    import corpuscle

    texts = tiny_texts(millions)
    loaded = rss_mb()
    corpus, build = timed(lambda: corpuscle.Corpus(texts))
    _, count = timed(lambda: corpus.frequencies())
    streamed, stream = timed(lambda: corpuscle.count(texts, n=2))
    assert streamed.n_docs == len(texts) == len(corpus)
    return {
        "documents": len(texts),
        "tokens": corpus.n_tokens,
        "build_s": build,
        "frequencies_s": count,
        "count_s": stream,
        "us_per_doc": (build + count) / len(texts) * 1e6,
        "loaded_mb": loaded,
        "peak_mb": peak_mb(),
    }


def measure_interrupt() -> dict[str, Any]:
    import corpuscle

    whole = "\n\n".join(news_texts())
    texts = [whole[i : i + 4000] for i in range(0, len(whole), 4000)]
    texts = (texts * (400_000_000 // len(whole) + 1))[:100_000]
    corpus, full = timed(lambda: corpuscle.Corpus(texts))
    del corpus
    gc.collect()
    before = rss_mb()
    sent: dict[str, float] = {}

    def interrupt() -> None:
        sent["rss"] = rss_mb()
        sent["at"] = time.perf_counter()
        os.kill(os.getpid(), signal.SIGINT)

    timer = threading.Timer(full / 3, interrupt)
    timer.start()
    try:
        corpuscle.Corpus(texts)
        stopped = math.nan  # the signal came too late: reported, not hidden
    except KeyboardInterrupt:
        stopped = time.perf_counter()
    timer.join()
    gc.collect()
    after = rss_mb()
    again, rebuild = timed(lambda: corpuscle.Corpus(texts))
    return {
        "documents": len(texts),
        "full_build_s": full,
        "interrupt_after_s": stopped - sent["at"],
        "rss_before_mb": before,
        "rss_during_mb": sent["rss"],
        "rss_after_mb": after,
        "rebuild_s": rebuild,
        "rebuilt_tokens": again.n_tokens,
    }


def measure(kind: str, size: float) -> dict[str, Any]:
    if kind == "big":
        return measure_big(size)
    if kind == "tiny":
        return measure_tiny(size)
    return measure_interrupt()


def run() -> dict[str, list[dict[str, Any]]]:
    plan = {"big": [25, 50, 100, 200, 400], "tiny": [1, 2.5, 5, 10], "interrupt": [0]}
    results: dict[str, list[dict[str, Any]]] = {}
    for kind, sizes in plan.items():
        for size in sizes:
            out = subprocess.run(
                [sys.executable, __file__, "measure", kind, str(size)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
            print(kind, size, result, file=sys.stderr)
            results.setdefault(kind, []).append(result)
    return results


def tables(results: dict[str, list[dict[str, Any]]]) -> str:
    lines = [
        "| one document | tokens | build s | frequencies s | s per MB | RSS loaded MB"
        " | peak RSS MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results["big"]:
        lines.append(
            f"| {r['mb']:.0f} MB | {r['tokens']:,} | {r['build_s']:.1f} | {r['frequencies_s']:.1f}"
            f" | {r['s_per_mb']:.3f} | {r['loaded_mb']:.0f} | {r['peak_mb']:.0f} |"
        )
    lines += [
        "",
        "| documents | tokens | build s | frequencies s | count() s | µs per document"
        " | RSS loaded MB | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results["tiny"]:
        lines.append(
            f"| {r['documents']:,} | {r['tokens']:,} | {r['build_s']:.1f}"
            f" | {r['frequencies_s']:.1f}"
            f" | {r['count_s']:.1f} | {r['us_per_doc']:.2f} | {r['loaded_mb']:.0f}"
            f" | {r['peak_mb']:.0f} |"
        )
    r = results["interrupt"][0]
    lines += [
        "",
        "| documents | full build s | KeyboardInterrupt after s | RSS before MB"
        " | RSS at the interrupt MB | RSS after MB | rebuild s |",
        "|---|---|---|---|---|---|---|",
        f"| {r['documents']:,} | {r['full_build_s']:.1f} | {r['interrupt_after_s']:.2f}"
        f" | {r['rss_before_mb']:.0f} | {r['rss_during_mb']:.0f} | {r['rss_after_mb']:.0f}"
        f" | {r['rebuild_s']:.1f} |",
    ]
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = HERE / "README.md"
    start, end = "<!-- resources:start -->", "<!-- resources:end -->"
    content = readme.read_text(encoding="utf-8")
    before, rest = content.split(start)
    _, after = rest.split(end)
    readme.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run")
    run_parser.add_argument("--readme", action="store_true")
    run_parser.add_argument("--save", type=Path)
    commands.add_parser("tables").add_argument("saved", type=Path)
    one = commands.add_parser("measure")
    one.add_argument("kind", choices=["big", "tiny", "interrupt"])
    one.add_argument("size", type=float)
    args = parser.parse_args()
    if args.command == "measure":
        print(json.dumps(measure(args.kind, args.size)))
        return
    if args.command == "tables":
        print(tables(json.loads(args.saved.read_text(encoding="utf-8"))))
        return
    results = run()
    if args.save:
        args.save.write_text(json.dumps(results, indent=1), encoding="utf-8")
    text = tables(results)
    print(text)
    if args.readme:
        write_readme(text)


if __name__ == "__main__":
    main()
