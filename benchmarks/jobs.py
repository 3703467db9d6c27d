"""One measurement: one tool doing one job on one file, in a fresh process.

    python benchmarks/jobs.py corpuscle b benchmarks/data/news-100mb.jsonl --threads 2

prints one JSON object: seconds (the job, from opening the file to the returned
result), tokens counted, peak RSS of the process, and the RSS before the job (the
interpreter and imported libraries), so ``peak - baseline`` is what the job
itself needed. A fresh process per measurement keeps one tool's memory and
caches from flattering or penalising the next. ``run.py`` calls this script.

The jobs, as in issue 6:

a  load + tokenize + unigram frequencies per source
b  unigram + bigram frequencies per source (bp: with polars output; b20: top 20 per source)
c  bigram collocations scored with log-likelihood and PMI (min count 3)
d  keyness of every source against the rest (timed once the corpus is built)
e  KWIC of a frequent word (timed once the corpus is built)
f  near-duplicate pairs (Jaccard >= 0.8 over word 5-shingles), short documents
m  memory of a built corpus: resident bytes after building, per input byte

The peers read the file the way a user of each would: ``json.loads`` per line,
then their own tokenizer. For ``re`` + ``Counter``, NLTK and gensim that is the
regular expression ``WORD`` below over lowercased text (corpuscle's rules keep
hyphenated compounds and drop possessive 's in the same way); CountVectorizer
keeps its default ``token_pattern``. Their bigrams run across sentence ends,
corpuscle's do not, which only makes the peers' work a little smaller.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

WORD = re.compile(r"\w+(?:[-'’]\w+)*")
FREQUENT_WORD = "government"


def peak_rss() -> int:
    """Peak resident set size of this process so far, in bytes (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def current_rss() -> int:
    """Resident set size now, in bytes (Linux), else the peak."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
    except OSError:
        return peak_rss()
    return pages * resource.getpagesize()


def records(path: Path) -> tuple[list[str], list[str]]:
    texts, sources = [], []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            texts.append(record["text"])
            sources.append(record["source"])
    return texts, sources


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


# -- corpuscle ------------------------------------------------------------------------


def corpuscle_corpus(path: Path) -> Any:
    import corpuscle

    return corpuscle.Corpus.from_jsonl(path, text="text", source="source")


def corpuscle_a(path: Path) -> int:
    corpus = corpuscle_corpus(path)
    corpus.frequencies(by="source")
    return corpus.n_tokens


def corpuscle_b(path: Path) -> int:
    corpus = corpuscle_corpus(path)
    corpus.frequencies(n=(1, 2), by="source")
    return corpus.n_tokens


def corpuscle_bp(path: Path) -> int:
    import corpuscle

    corpuscle.set_output("polars")
    return corpuscle_b(path)


def corpuscle_b20(path: Path) -> int:
    corpus = corpuscle_corpus(path)
    corpus.frequencies(n=(1, 2), by="source", top=20)
    return corpus.n_tokens


def corpuscle_c(path: Path) -> int:
    corpus = corpuscle_corpus(path)
    corpus.collocations(measures=["llr", "pmi"], min_count=3)
    return corpus.n_tokens


# -- re + Counter ---------------------------------------------------------------------


def counter_a(path: Path) -> int:
    texts, sources = records(path)
    counts: dict[str, Counter[str]] = {}
    for text, source in zip(texts, sources):
        counts.setdefault(source, Counter()).update(words(text))
    return sum(c.total() for c in counts.values())


def counter_b(path: Path) -> int:
    texts, sources = records(path)
    unigrams: dict[str, Counter[str]] = {}
    bigrams: dict[str, Counter[tuple[str, str]]] = {}
    tokens = 0
    for text, source in zip(texts, sources):
        terms = words(text)
        tokens += len(terms)
        unigrams.setdefault(source, Counter()).update(terms)
        bigrams.setdefault(source, Counter()).update(zip(terms, terms[1:]))
    return tokens


# -- scikit-learn ---------------------------------------------------------------------


def vectorizer(path: Path, ngram_range: tuple[int, int]) -> int:
    import numpy as np
    import scipy.sparse
    from sklearn.feature_extraction.text import CountVectorizer

    texts, sources = records(path)
    matrix = CountVectorizer(ngram_range=ngram_range).fit_transform(texts)
    names, codes = np.unique(sources, return_inverse=True)
    by_source = scipy.sparse.csr_matrix(
        (np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(len(names), len(codes))
    )
    per_source = by_source @ matrix  # one row of counts per source
    # Tokens are the unigram positions (the (1, 2) matrix also holds bigrams).
    return int(per_source.sum()) if ngram_range == (1, 1) else -1


def sklearn_a(path: Path) -> int:
    return vectorizer(path, (1, 1))


def sklearn_b(path: Path) -> int:
    return vectorizer(path, (1, 2))


# -- NLTK and gensim ------------------------------------------------------------------


def nltk_c(path: Path) -> int:
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    texts, _ = records(path)
    documents = [words(text) for text in texts]
    finder = BigramCollocationFinder.from_documents(documents)
    finder.apply_freq_filter(3)
    finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)
    finder.score_ngrams(BigramAssocMeasures.pmi)
    return sum(len(d) for d in documents)


def gensim_c(path: Path) -> int:
    from gensim.models.phrases import Phrases

    texts, _ = records(path)
    documents = [words(text) for text in texts]
    model = Phrases(documents, min_count=3, threshold=10.0)
    model.export_phrases()
    return sum(len(d) for d in documents)


# -- jobs on a built corpus -----------------------------------------------------------


def corpuscle_d(path: Path) -> tuple[float, int]:
    corpus = corpuscle_corpus(path)
    start = time.perf_counter()
    corpus.contrast(by="source", top=None)
    return time.perf_counter() - start, corpus.n_tokens


def corpuscle_d20(path: Path) -> tuple[float, int]:
    corpus = corpuscle_corpus(path)
    start = time.perf_counter()
    corpus.contrast(by="source")
    return time.perf_counter() - start, corpus.n_tokens


def corpuscle_e(path: Path) -> tuple[float, int]:
    corpus = corpuscle_corpus(path)
    start = time.perf_counter()
    lines = corpus.kwic(FREQUENT_WORD, window=5)
    assert len(lines) > 0, f"{FREQUENT_WORD!r} does not occur"
    return time.perf_counter() - start, corpus.n_tokens


def corpuscle_f(path: Path) -> int:
    corpus = corpuscle_corpus(path)
    corpus.near_duplicates(threshold=0.8, shingle=5)
    return corpus.n_tokens


JOBS: dict[tuple[str, str], Callable[[Path], Any]] = {
    ("corpuscle", "a"): corpuscle_a,
    ("corpuscle", "b"): corpuscle_b,
    ("corpuscle", "bp"): corpuscle_bp,
    ("corpuscle", "b20"): corpuscle_b20,
    ("corpuscle", "c"): corpuscle_c,
    ("corpuscle", "d"): corpuscle_d,
    ("corpuscle", "d20"): corpuscle_d20,
    ("corpuscle", "e"): corpuscle_e,
    ("corpuscle", "f"): corpuscle_f,
    ("re+Counter", "a"): counter_a,
    ("re+Counter", "b"): counter_b,
    ("CountVectorizer", "a"): sklearn_a,
    ("CountVectorizer", "b"): sklearn_b,
    ("NLTK", "c"): nltk_c,
    ("gensim Phrases", "c"): gensim_c,
}

IMPORTS = {
    "corpuscle": ["corpuscle"],
    "CountVectorizer": ["sklearn.feature_extraction.text", "scipy.sparse", "numpy"],
    "NLTK": ["nltk.collocations"],
    "gensim Phrases": ["gensim.models.phrases"],
}


def measure_memory(path: Path) -> dict[str, Any]:
    """Resident bytes a built corpus holds, its texts included."""
    import corpuscle

    gc.collect()
    before = current_rss()
    corpus = corpuscle.Corpus.from_jsonl(path, text="text", source="source")
    gc.collect()
    return {"seconds": 0.0, "tokens": corpus.n_tokens, "resident": current_rss() - before}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("tool")
    parser.add_argument("job")
    parser.add_argument("path", type=Path)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    import importlib

    for module in IMPORTS.get(args.tool, []):
        importlib.import_module(module)
    if args.tool == "corpuscle":
        import corpuscle

        corpuscle.set_num_threads(args.threads)
    baseline = peak_rss()
    if args.job == "m":
        result = measure_memory(args.path)
    else:
        start = time.perf_counter()
        outcome = JOBS[args.tool, args.job](args.path)
        seconds = time.perf_counter() - start
        if isinstance(outcome, tuple):  # jobs timed inside, once the corpus is built
            seconds, outcome = outcome
        result = {"seconds": seconds, "tokens": outcome}
    result.update(baseline=baseline, peak=peak_rss())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
