"""Keyness of the xi-putin-2023 outlets before and after cleaning (docs/cleaning.md).

Run from the repository root, with ../shared beside it:

    python docs/examples/clean_xi_putin.py [path/to/xi-putin-2023]
"""

import json
import sys
from pathlib import Path

import pandas as pd

import corpuscle

COLUMNS = ["group", "term", "target_count", "reference_count", "statistic", "p_adjusted"]


def load(folder: Path) -> corpuscle.Corpus:
    """The five articles, grouped by outlet, with the manifest's fields."""
    lines = (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    manifest = pd.DataFrame([json.loads(line) for line in lines])
    manifest["text"] = [(folder / name).read_text(encoding="utf-8") for name in manifest["file"]]
    return corpuscle.Corpus.from_frame(manifest, source="source", id="file")


def main() -> None:
    """Print each cleaning step's findings, then the keyness before and after."""
    default = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "xi-putin-2023"
    corpus = load(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
    pd.set_option("display.width", 120)
    pd.set_option("display.max_colwidth", 60)
    pairs = corpus.near_duplicates(measure="containment")
    print(pairs[["doc_a", "doc_b", "jaccard", "containment"]])
    print()
    print(corpus.boilerplate()[["line", "source", "count"]])
    print()
    cleaned = corpus.clean().drop_duplicates(measure="containment", keep="longest")
    print(cleaned.cleaning_log["step"].value_counts().to_string())
    print()
    print(corpus.variants()[["canonical", "spelling", "count"]].head(3))
    print()
    cleaned = cleaned.fold({"zelenskyy": "zelensky", "zelenksyy": "zelensky"})
    for name, version in [("before", corpus), ("after", cleaned)]:
        print(f"{name}:")
        print(version.contrast(stopwords="english", top=4)[COLUMNS].round(3).to_string())
        print()


if __name__ == "__main__":
    main()
