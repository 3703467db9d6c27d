"""Fuzz corpuscle's Python entry points with atheris.

Each input becomes a handful of documents (any Unicode, lone surrogates
included, since atheris makes them) with sources of mixed types, or the bytes
of a JSON lines or CSV file, and goes through the public API. A documented
exception (ValueError and its subclasses, TypeError, KeyError) is a correct
answer to bad input; anything else (a PanicException, an InternalError, a
SystemError, a broken invariant below) is a finding, and atheris stops with
the input that caused it.

    pip install atheris
    python fuzz/python_entry_points.py -max_total_time=1800 fuzz/corpus/python

The Python layer is instrumented for coverage; the Rust engine is not (its own
cargo-fuzz targets cover it).
"""

from __future__ import annotations

import io
import math
import pickle
import sys
import tempfile
import warnings
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["corpuscle"]):
    import corpuscle

EXPECTED = (ValueError, TypeError, KeyError)
SOURCES = ["a", "b", "", None, math.nan, 1, 2.5, "a"]
WORK = Path(tempfile.mkdtemp(prefix="corpuscle-fuzz-"))


def documents(data: atheris.FuzzedDataProvider) -> tuple[list[str], list[object]]:
    """A few texts of any Unicode and their sources of mixed types."""
    count = data.ConsumeIntInRange(0, 6)
    texts = [data.ConsumeUnicode(data.ConsumeIntInRange(0, 80)) for _ in range(count)]
    sources = [SOURCES[data.ConsumeIntInRange(0, len(SOURCES) - 1)] for _ in range(count)]
    return texts, sources


def check_corpus(corpus: corpuscle.Corpus, texts: list[str], data: atheris.FuzzedDataProvider):
    """Invariants every corpus keeps, then a tour of the analyses."""
    assert len(corpus) == len(texts), (len(corpus), len(texts))
    frequencies = corpus.frequencies()
    assert int(frequencies["count"].sum()) == corpus.n_tokens
    for d in range(len(corpus)):
        starts, ends = corpus.offsets(d)
        assert len(starts) == len(corpus.tokens(d))
        assert all(0 <= s < e <= len(texts[d]) for s, e in zip(starts, ends, strict=True)), d
    corpus.collocations(min_count=1, size=data.ConsumeIntInRange(2, 5))
    if len(frequencies):
        node = str(frequencies["term"].iloc[0])
        corpus.collocates(node, window=data.ConsumeIntInRange(1, 4), min_count=1)
        lines = corpus.kwic(node)
        # A term that NFKC gave punctuation (U+3220 to "(一)") does not tokenize
        # back to itself, so a pattern cannot name it: a known limit, in
        # docs/reliability.md.
        if corpus.tokenizer.tokenize(node) == [node]:
            assert len(lines) >= 1, node
    corpus.near_duplicates(threshold=data.ConsumeProbability())
    counts = corpus.counts(n=2, by=None)
    assert pickle.loads(pickle.dumps(counts)) == counts
    sources = set(corpus.frequencies(by="source")["source"])
    if len(sources) >= 2:
        corpus.keyness(sorted(sources, key=repr)[0], min_count=1)


def from_texts(data: atheris.FuzzedDataProvider) -> None:
    """A Corpus of generated texts, checked and analysed."""
    texts, sources = documents(data)
    errors = "replace" if data.ConsumeBool() else "strict"
    try:
        corpus = corpuscle.Corpus(texts, sources=sources, errors=errors)
    except EXPECTED:
        return
    try:
        check_corpus(corpus, texts, data)
    except EXPECTED as error:
        # Analyses of a valid corpus may refuse (an empty corpus, no tokens)
        # but must say so in words, not fail inside.
        assert str(error), repr(error)  # noqa: PT017 (atheris, not pytest)


def from_file(data: atheris.FuzzedDataProvider) -> None:
    """Any bytes read as a JSON lines file, a CSV file or saved counts."""
    kind = data.ConsumeIntInRange(0, 2)
    content = data.ConsumeBytes(data.ConsumeIntInRange(0, 600))
    path = WORK / ("corpus.jsonl", "corpus.csv", "notes.counts")[kind]
    path.write_bytes(content)
    try:
        if kind == 0:
            corpuscle.Corpus.from_jsonl(path)
        elif kind == 1:
            corpuscle.Corpus.from_csv(path, errors="replace" if data.ConsumeBool() else "strict")
        else:
            corpuscle.Counts.load(path)
    except EXPECTED:
        return


def from_stream(data: atheris.FuzzedDataProvider) -> None:
    """Generated texts streamed through count() in tiny chunks."""
    texts, sources = documents(data)
    items = [{"text": t, "source": s} for t, s in zip(texts, sources, strict=True)]
    try:
        counts = corpuscle.count(items, n=2, by="source", chunk_chars=data.ConsumeIntInRange(1, 64))
    except EXPECTED:
        return
    buffer = io.BytesIO()
    pickle.dump(counts, buffer)
    assert pickle.loads(buffer.getvalue()) == counts


def test_one_input(raw: bytes) -> None:
    """One fuzz input: the first choice picks the entry point."""
    data = atheris.FuzzedDataProvider(raw)
    (from_texts, from_file, from_stream)[data.ConsumeIntInRange(0, 2)](data)


def main() -> None:
    """Run atheris on the arguments given (see the module's docstring)."""
    corpuscle.set_num_threads(1)
    # Repairs under errors="replace" are expected here, by the thousand.
    warnings.simplefilter("ignore", corpuscle.RepairWarning)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
