"""Slow, obvious reference implementations that corpuscle's numbers are checked against.

The tokenizer here is only right on a restricted alphabet: ASCII words
separated by single spaces, sentences ending in ". " and starting with a
capital letter. On that input the Unicode rules corpuscle uses agree with it.
The measures are the textbook formulas, one cell at a time, with no shared
code or shortcuts from the engine: tests/test_reference.py compares the two
on generated corpora.
"""

from __future__ import annotations

import itertools
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
    """(node occurrences, span size R1, collocate counts) for a one-word node.

    Windows stop at sentence boundaries; overlapping windows are merged (a
    set of positions) and the node's own positions are left out (Evert 2008).
    """
    occurrences, span, near = 0, 0, Counter()
    for doc in docs:
        for sentence in doc:
            nodes = {i for i, word in enumerate(sentence) if word == node}
            occurrences += len(nodes)
            around: set[int] = set()
            for i in nodes:
                around.update(range(max(0, i - left), i))
                around.update(range(i + 1, min(len(sentence), i + 1 + right)))
            around -= nodes
            span += len(around)
            near.update(sentence[j] for j in around)
    return occurrences, span, near


def table_2x2(o11: float, r1: float, c1: float, n: float) -> tuple[list[float], list[float]]:
    """Observed and expected cells of the 2x2 table with margins r1, c1 and total n."""
    observed = [o11, r1 - o11, c1 - o11, n - r1 - c1 + o11]
    expected = [r1 * c1 / n, r1 * (n - c1) / n, (n - r1) * c1 / n, (n - r1) * (n - c1) / n]
    return observed, expected


def g2_2x2(o11: float, r1: float, c1: float, n: float) -> float:
    """Dunning's G² = 2 Σ o ln(o/e) of the 2x2 table; NaN when a cell is negative."""
    observed, expected = table_2x2(o11, r1, c1, n)
    if min(observed) < 0:
        return math.nan
    return 2 * sum(o * math.log(o / e) for o, e in zip(observed, expected) if o > 0)


def chi2_2x2(o11: float, r1: float, c1: float, n: float) -> float:
    """Pearson's X² = Σ (o - e)²/e of the 2x2 table, without Yates' correction.

    A cell expected and observed 0 times adds nothing.
    """
    observed, expected = table_2x2(o11, r1, c1, n)
    return sum((o - e) ** 2 / e for o, e in zip(observed, expected) if (o, e) != (0, 0))


def bigram_tables(docs: Iterable[list[list[str]]]) -> tuple[Counter, Counter, int]:
    """(bigram counts, word counts, tokens) of documents given as sentences of words.

    Bigrams stay inside sentences; the margins count words anywhere (NLTK's convention).
    """
    pairs: Counter = Counter()
    words: Counter = Counter()
    for doc in docs:
        for sentence in doc:
            words.update(sentence)
            pairs.update(itertools.pairwise(sentence))
    return pairs, words, sum(words.values())


def collocation_scores(o: int, f1: int, f2: int, n: int) -> dict[str, float]:
    """The measures of an adjacent bigram seen o times, its words f1 and f2 times, in n tokens.

    The table is o, f1 - o, f2 - o, n - f1 - f2 + o; E = f1·f2/n. A table with a
    negative cell (one word filling most of a tiny corpus) has no scores.
    """
    expected = f1 * f2 / n
    if n - f1 - f2 + o < 0:
        return {"expected": expected} | dict.fromkeys(["llr", "chi2", "pmi", "log_dice"], math.nan)
    return {
        "expected": expected,
        "llr": g2_2x2(o, f1, f2, n),
        "chi2": chi2_2x2(o, f1, f2, n),
        "pmi": math.log2(o / expected),
        "log_dice": 14 + math.log2(2 * o / (f1 + f2)),
    }


def keyness_scores(a: int, b: int, n1: int, n2: int) -> dict[str, float]:
    """Keyness of a term seen a times in a target of n1 tokens and b times in a reference of n2.

    Signed: positive when the term is relatively more frequent in the target.
    log_ratio and pmi count a zero count as 0.5.
    """
    sign = 1.0 if a / n1 > b / n2 else -1.0 if a / n1 < b / n2 else 0.0

    def half(count: int) -> float:
        return count if count > 0 else 0.5

    return {
        "llr": sign * g2_2x2(a, a + b, n1, n1 + n2),
        "chi2": sign * chi2_2x2(a, a + b, n1, n1 + n2),
        "log_ratio": math.log2((half(a) / n1) / (half(b) / n2)),
        "pmi": math.log2(half(a) / ((a + b) * n1 / (n1 + n2))),
    }


def dp(counts: Sequence[int], sizes: Sequence[int]) -> float:
    """Gries' (2008) deviation of proportions of a term over documents.

    counts[i] is the term's count in document i, sizes[i] the document's
    tokens: DP = ½ Σ |counts[i]/C - sizes[i]/T|. NaN for a term never seen.
    """
    total_count, total_size = sum(counts), sum(sizes)
    if total_count == 0:
        return math.nan
    return 0.5 * sum(abs(c / total_count - s / total_size) for c, s in zip(counts, sizes))


def nested_counts(sentence_list: Sequence[Sequence[str]], n: int, min_count: int) -> Counter:
    """Occurrences of each n-gram inside an (n+1)-gram seen at least `min_count` times.

    An occurrence counts once, whether the longer n-gram extends it to the
    left, to the right or both (the frequency of the longer n-gram counts
    every sentence, as the n-gram's does).
    """
    longer = Counter(ngrams(sentence_list, n + 1))
    out: Counter = Counter()
    for sentence in sentence_list:
        for i in range(len(sentence) - n + 1):
            left = i > 0 and longer[" ".join(sentence[i - 1 : i + n])] >= min_count
            right = i + n < len(sentence) and longer[" ".join(sentence[i : i + n + 1])] >= min_count
            if left or right:
                out[" ".join(sentence[i : i + n])] += 1
    return out
