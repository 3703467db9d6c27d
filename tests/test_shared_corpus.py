"""The real xi-putin-2023 corpus from ../shared (skipped when absent).

The expected counts were checked by hand: `grep -o` over each file, then
compounds (Xi-Putin, Putin-Xi) and the two URLs that contain "putin" taken out,
and phrases counted over the text with line breaks folded to spaces (the PDF
version is hard-wrapped).
"""

import json

import pandas as pd

from corpuscle import Corpus


def test_loads_with_manifest(xi_putin):
    assert len(xi_putin) == 5
    assert xi_putin.sources == ["Kyiv Post", "The Moscow Times", "USIP", "VICE World News"]
    assert xi_putin.fields == ["id", "source", "date", "extraction", "title"]
    summary = xi_putin.summary()
    assert summary["documents"].tolist() == [1, 2, 1, 1]


def test_from_files_with_a_source_callable(xi_putin_dir, xi_putin):
    manifest = {
        record["file"]: record["source"]
        for record in map(
            json.loads, (xi_putin_dir / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
        )
    }
    files = Corpus.from_files(str(xi_putin_dir / "*.txt"), source=lambda path: manifest[path.name])
    pd.testing.assert_frame_equal(files.summary(), xi_putin.summary())


def test_putin_counts_by_hand(xi_putin):
    df = xi_putin.frequencies(by="id")
    putin = dict(zip(df[df["term"] == "putin"]["id"], df[df["term"] == "putin"]["count"]))
    # Curly and straight possessives fold into "putin"; "Xi-Putin" is one compound token.
    assert putin == {
        "kyiv-post.txt": 13,
        "moscow-times-pdf.txt": 11,
        "moscow-times-web.txt": 8,
        "usip.txt": 36,
        "vice.txt": 7,
    }
    by_source = xi_putin.frequencies(by="source")
    assert (
        by_source[(by_source["source"] == "The Moscow Times") & (by_source["term"] == "putin")][
            "count"
        ].item()
        == 19
    )


def test_multiword_names_and_compounds(xi_putin):
    trigrams = xi_putin.frequencies(n=3, by="source")
    siberia = trigrams[trigrams["term"] == "power of siberia"]
    assert dict(zip(siberia["source"], siberia["count"])) == {"Kyiv Post": 2, "The Moscow Times": 2}
    icc = trigrams[trigrams["term"] == "international criminal court"]
    assert icc["count"].sum() == 5
    bigrams = xi_putin.frequencies(n=2, by="source")
    jinping = bigrams[bigrams["term"] == "xi jinping"]
    assert dict(zip(jinping["source"], jinping["count"])) == {
        "Kyiv Post": 4,
        "The Moscow Times": 4,
        "USIP": 7,
        "VICE World News": 5,
    }
    unigrams = xi_putin.frequencies(by="source")
    compounds = unigrams[unigrams["term"].isin(["russia-china", "vnukovo-2"])]
    assert sorted(zip(compounds["source"], compounds["term"], compounds["count"])) == [
        ("The Moscow Times", "russia-china", 2),
        ("The Moscow Times", "vnukovo-2", 2),
        ("USIP", "russia-china", 2),
    ]
    urls = unigrams[unigrams["term"].str.match(r"https?://")]
    assert len(urls) == 6
    assert set(urls["source"]) == {"The Moscow Times"}
