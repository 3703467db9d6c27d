"""Slow, obvious reference implementations that corpuscle's numbers are checked against.

The tokenizer here is only right on a restricted alphabet: ASCII words
separated by single spaces, sentences ending in ". " and starting with a
capital letter. On that input the Unicode rules corpuscle uses agree with it.
"""

from __future__ import annotations

import math
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


def window_cooccurrence(
    docs: Sequence[list[list[str]]], node: str, left: int, right: int
) -> tuple[int, int, Counter]:
    """(node occurrences, window positions R1, collocate counts) for a one-word node.

    Windows stop at sentence boundaries and leave out the node itself.
    """
    occurrences, span, near = 0, 0, Counter()
    for doc in docs:
        for sentence in doc:
            for i, word in enumerate(sentence):
                if word != node:
                    continue
                occurrences += 1
                around = [
                    *range(max(0, i - left), i),
                    *range(i + 1, min(len(sentence), i + 1 + right)),
                ]
                span += len(around)
                near.update(sentence[j] for j in around)
    return occurrences, span, near


def g2_2x2(o11: float, r1: float, c1: float, n: float) -> float:
    """Dunning's G² of the 2x2 table with margins r1, c1 and total n."""
    observed = [o11, r1 - o11, c1 - o11, n - r1 - c1 + o11]
    expected = [r1 * c1 / n, r1 * (n - c1) / n, (n - r1) * c1 / n, (n - r1) * (n - c1) / n]
    return 2 * sum(o * math.log(o / e) for o, e in zip(observed, expected) if o > 0)
