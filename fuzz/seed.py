"""Write seed inputs for the fuzz targets into fuzz/corpus/<target>/.

The counts_load target starts from real count files, small ones of each
kind (exact, approximate, one and several groups, n up to 3), so mutations
begin inside the format rather than at its signature. Run with corpuscle
installed: python fuzz/seed.py
"""

from __future__ import annotations

import pathlib

import corpuscle

HERE = pathlib.Path(__file__).parent

TEXTS = [
    "Xi met Putin in Moscow. They signed a deal.",
    "The deal was signed. Putin's visit ended.",
    "Beijing welcomed the news; Moscow did too.",
    "Café, naïve — résumé! 2023 and 3.5% of #trade @reuters.",
]


def main() -> None:
    """Write the seed files."""
    seeds = HERE / "corpus" / "counts_load"
    seeds.mkdir(parents=True, exist_ok=True)
    corpus = corpuscle.Corpus(TEXTS, sources=["a", "b", "a", "c"])
    corpuscle.Corpus(TEXTS[:1]).counts(n=1, by=None).save(seeds / "one_group.counts")
    corpus.counts(n=2).save(seeds / "three_groups.counts")
    corpus.counts(n=3).to_approximate(3).save(seeds / "approximate.counts")
    text_seeds = HERE / "corpus" / "tokenize"
    text_seeds.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(TEXTS):
        (text_seeds / f"text{i}").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
