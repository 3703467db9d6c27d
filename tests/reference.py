"""Slow, obvious reference implementations that corpuscle's numbers are checked against.

The tokenizer here is only right on a restricted alphabet: ASCII words
separated by single spaces, sentences ending in ". " and starting with a
capital letter. On that input the Unicode rules corpuscle uses agree with it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence


def sentences(text: str) -> list[list[str]]:
    """Sentences of lower-cased words; a sentence ends at '. '."""
    out = []
    for sentence in text.replace(".", ". ").split(". "):
        words = [w.lower() for w in sentence.split()]
        if words:
            out.append(words)
    return out


def ngrams(
    sentence_list: Iterable[Sequence[str]], n: int, stop: frozenset[str] = frozenset()
) -> list[str]:
    """Every n-gram inside a sentence, joined by spaces; those with a stop word are skipped."""
    out = []
    for sentence in sentence_list:
        for i in range(len(sentence) - n + 1):
            gram = sentence[i : i + n]
            if not any(w in stop for w in gram):
                out.append(" ".join(gram))
    return out


def frequencies(
    docs: Sequence[list[list[str]]],
    groups: Sequence[object],
    n: int,
    stop: frozenset[str] = frozenset(),
) -> dict[object, list[tuple[str, int, float, int, int]]]:
    """Per group: (term, count, per_million, doc_freq, rank), best rank first."""
    counts: dict[object, Counter] = defaultdict(Counter)
    doc_freq: dict[object, Counter] = defaultdict(Counter)
    positions: Counter = Counter()
    for doc, group in zip(docs, groups):
        grams = ngrams(doc, n, stop)
        counts[group].update(grams)
        doc_freq[group].update(set(grams))
        positions[group] += sum(max(len(s) - n + 1, 0) for s in doc)
    out = {}
    for group, counter in counts.items():
        ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        out[group] = [
            (term, count, count / positions[group] * 1e6, doc_freq[group][term], rank)
            for rank, (term, count) in enumerate(ordered, start=1)
        ]
    return out
