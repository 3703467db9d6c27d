"""Near-duplicates, boilerplate, reflow, variants and fold.

Similarities are checked against plain-Python shingle sets (tests/reference.py
style: sets of token tuples), on the real xi-putin corpus and on a generated
corpus with planted copies at known similarity.
"""

import pickle
import random
from collections import Counter
from itertools import combinations

import numpy as np
import pytest

import corpuscle
from corpuscle import Corpus

# -- a plain-Python reference ---------------------------------------------------------


def shingles(tokens, size=5):
    if not tokens:
        return set()
    width = min(size, len(tokens))
    return {tuple(tokens[i : i + width]) for i in range(len(tokens) - width + 1)}


def similarity(a, b):
    shared = len(a & b)
    return shared, shared / len(a | b), shared / min(len(a), len(b))


def reference_pairs(corpus, measure, threshold, size=5):
    sets = [shingles(corpus.tokens(i), size) for i in range(len(corpus))]
    found = {}
    for i, j in combinations(range(len(sets)), 2):
        if sets[i] and sets[j]:
            shared, jaccard, containment = similarity(sets[i], sets[j])
            value = jaccard if measure == "jaccard" else containment
            if value >= threshold:
                found[(i, j)] = (shared, jaccard, containment)
    return found


# -- the real corpus ------------------------------------------------------------------


def test_the_two_moscow_times_files_and_no_other_pair(xi_putin):
    pairs = xi_putin.near_duplicates(measure="containment")
    assert pairs[["doc_a", "doc_b"]].values.tolist() == [
        ["moscow-times-pdf.txt", "moscow-times-web.txt"]
    ]
    assert pairs.loc[0, "source_a"] == pairs.loc[0, "source_b"] == "The Moscow Times"
    # Exact, as a plain-Python reference computes them; Jaccard is low (a truncated copy).
    expected = reference_pairs(xi_putin, "containment", 0.8)
    assert list(expected) == [(0, 1)]
    shared, jaccard, containment = expected[(0, 1)]
    assert pairs.loc[0, "shared"] == shared
    assert pairs.loc[0, "jaccard"] == pytest.approx(jaccard, abs=1e-12)
    assert pairs.loc[0, "containment"] == pytest.approx(containment, abs=1e-12)
    assert jaccard < 0.6 < 0.9 < containment
    assert len(xi_putin.near_duplicates(measure="jaccard")) == 0


def test_drop_duplicates_keeps_the_longer_pdf_and_logs_the_web_copy(xi_putin):
    kept = xi_putin.drop_duplicates(measure="containment", keep="longest")
    assert "moscow-times-web.txt" not in kept.ids
    assert len(kept) == 4
    log = kept.cleaning_log
    assert log["id"].tolist() == ["moscow-times-web.txt"]
    assert log["step"].tolist() == ["duplicate"]
    assert log.loc[0, "detail"].startswith("near-duplicate of 'moscow-times-pdf.txt'")
    first = xi_putin.drop_duplicates(measure="containment", keep="first")
    assert "moscow-times-web.txt" not in first.ids  # the PDF comes first in the manifest too


def repeated_lines_by_hand(text):
    counts = Counter(" ".join(line.split()).lower() for line in text.splitlines())
    return {line: n for line, n in counts.items() if n > 1 and any(c.isalnum() for c in line)}


def test_boilerplate_finds_every_repeated_caption_advertisement_and_teaser(xi_putin):
    table = xi_putin.boilerplate()
    # Each outlet has at most two articles: every find is a line repeated in one document.
    assert set(table["kind"]) == {"repeated"}
    for position, doc in enumerate(xi_putin.ids):
        expected = repeated_lines_by_hand(xi_putin.texts[position])
        rows = table[table["id"] == doc]
        found = {" ".join(line.split()).lower(): n for line, n in zip(rows["line"], rows["count"])}
        assert found == expected, doc
    lines = set(table["line"])
    assert "Advertisement" in lines
    assert table.loc[table["line"] == "Advertisement", "count"].item() == 5
    teaser = "China Starts Surprise War Drill Around Taiwan, Vows Blood of ‘Independence Forces’"
    assert teaser in lines
    assert any(line.startswith("CHINESE PRESIDENT XI JINPING LANDED") for line in lines)
    assert any(line.startswith("Xi (center) and Putin (center right)") for line in lines)


def sentences_starting_lower_case(corpus, doc):
    text, (starts, _) = corpus.texts[doc], corpus.offsets(doc)
    first, found = 0, []
    for sentence in corpus.sentences(doc):
        if text[starts[first]].islower():
            found.append(text[starts[first] : starts[first] + 40])
        first += len(sentence)
    return found


def test_reflow_leaves_no_sentence_cut_at_a_line_end(xi_putin):
    pdf = xi_putin.ids.index("moscow-times-pdf.txt")
    # Hard-wrapped: dozens of sentences start mid-sentence, after a line end.
    assert len(sentences_starting_lower_case(xi_putin, pdf)) > 40
    cleaned = xi_putin.clean()
    assert sentences_starting_lower_case(cleaned, pdf) == []
    lines = [line for line in cleaned.texts[pdf].splitlines() if line.strip()]
    assert not any(line[0].islower() for line in lines)
    assert (
        lines[0].strip()
        == "As Xi Visits Putin, Allies Trumpet ‘New Era’' But Offer Little Substance"
    )
    # The web texts, one paragraph per line, are not reflowed.
    reflowed = cleaned.cleaning_log.query("step == 'reflow'")["id"].tolist()
    assert reflowed == ["moscow-times-pdf.txt"]


def test_clean_removes_urls_metadata_and_repeats_and_logs_each(xi_putin):
    cleaned = xi_putin.clean()
    log = cleaned.cleaning_log
    web = xi_putin.ids.index("moscow-times-web.txt")
    assert cleaned.texts[web].startswith("Chinese President Xi Jinping")
    assert log.query("step == 'metadata'")["text"].tolist() == ["date 2023-03-21"]
    urls = log.query("step == 'url'")["text"].item().split("\n")
    assert len(urls) == 6
    assert all(u.startswith("http") for u in urls)
    assert "http" not in cleaned.texts[xi_putin.ids.index("moscow-times-pdf.txt")]
    vice = xi_putin.ids.index("vice.txt")
    assert cleaned.texts[vice].count("Advertisement") == 1
    # For the documents that were not reflowed, the removed lines are exactly the log's.
    for doc in ("usip.txt", "kyiv-post.txt", "vice.txt"):
        position = xi_putin.ids.index(doc)
        before = Counter(line.strip() for line in xi_putin.texts[position].splitlines())
        after = Counter(line.strip() for line in cleaned.texts[position].splitlines())
        logged = Counter(log.query("id == @doc")["text"])
        assert before - after == logged, doc
    assert len(cleaned) == len(xi_putin)
    assert "cleaned (" in repr(cleaned)


def test_variants_group_the_three_spellings_of_zelensky(xi_putin):
    table = xi_putin.variants()
    group = table.loc[table["canonical"] == "zelensky"]
    assert sorted(group["spelling"]) == ["Zelenksyy", "Zelensky", "Zelenskyy"]
    # grep: Kyiv Post 2, each Moscow Times version 2 (the PDF's URL is one token).
    assert group.set_index("term")["count"].to_dict() == {
        "zelensky": 6,
        "zelenskyy": 1,
        "zelenksyy": 1,
    }
    assert group.set_index("term")["VICE World News"].to_dict() == {
        "zelensky": 0,
        "zelenskyy": 1,
        "zelenksyy": 1,
    }
    folded = xi_putin.fold(group)
    counts = folded.frequencies().set_index("term")["count"]
    assert counts["zelensky"] == 8
    assert "zelenskyy" not in counts.index


# -- planted duplicates: precision and recall ------------------------------------------


def planted_corpus(seed, measure):
    """300 random documents, and 60 edited copies spread over a range of similarity."""
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(3000)]
    base = [[rng.choice(vocabulary) for _ in range(rng.randint(80, 200))] for _ in range(300)]
    copies = []
    for k in range(60):
        words = list(base[k])
        if measure == "containment":
            # A truncated copy: 50-100% of the original, from a random start.
            keep = int(len(words) * rng.uniform(0.5, 1.0))
            start = rng.randint(0, len(words) - keep)
            words = words[start : start + keep]
        edits = len(words) // (10 if measure == "jaccard" else 25)
        for _ in range(rng.randint(0, edits)):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        copies.append(words)
    texts = [" ".join(words) for words in base + copies]
    return Corpus(texts)


@pytest.mark.parametrize(("measure", "threshold"), [("jaccard", 0.5), ("containment", 0.8)])
def test_planted_duplicates_precision_and_recall(measure, threshold):
    corpus = planted_corpus(7, measure)
    truth = reference_pairs(corpus, measure, threshold)
    found = corpus.near_duplicates(threshold, measure=measure)
    pairs = {
        (int(a), int(b)): row
        for a, b, row in zip(found["doc_a"], found["doc_b"], found.itertuples())
    }
    # Precision 1.0: every reported pair is at or above the threshold, with exact values.
    assert set(pairs) <= set(truth)
    for key, row in pairs.items():
        shared, jaccard, containment = truth[key]
        assert (row.shared, row.jaccard, row.containment) == (
            shared,
            pytest.approx(jaccard),
            pytest.approx(containment),
        )
    # Recall >= 0.95 for pairs 0.1 above the threshold.
    index = 1 if measure == "jaccard" else 2
    clear = [key for key, values in truth.items() if values[index] >= threshold + 0.1]
    assert len(clear) >= 30  # the planted range reaches well above the threshold
    recall = sum(key in pairs for key in clear) / len(clear)
    assert recall >= 0.95
    assert found.attrs["recall_at_threshold"] < 1.0 <= found.attrs["bands"] * found.attrs["rows"]


def test_results_do_not_depend_on_threads():
    corpus = planted_corpus(3, "jaccard")
    corpuscle.set_num_threads(1)
    one = corpus.near_duplicates(0.4)
    corpuscle.set_num_threads(2)
    two = corpus.near_duplicates(0.4)
    assert one.equals(two)
    assert len(one) > 20


def test_drop_duplicates_follows_kept_documents_only():
    a = " ".join(f"w{i}" for i in range(100))
    b = " ".join(f"w{i}" for i in range(30, 130))  # 70 of 100 tokens shared with a
    c = " ".join(f"w{i}" for i in range(60, 160))  # shares 70 with b, 40 with a
    corpus = Corpus([a, b, c], ids=["a", "b", "c"])
    pairs = corpus.near_duplicates(0.6, measure="containment")
    assert pairs[["doc_a", "doc_b"]].values.tolist() == [["a", "b"], ["b", "c"]]
    # b goes as a copy of a; c resembles only b, which was dropped, so c stays.
    assert corpus.drop_duplicates(0.6, measure="containment").ids == ["a", "c"]


def test_by_compares_within_groups_only():
    text = "the strike closed every station on the northern line this morning again"
    corpus = Corpus([text, text, text], sources=["A", "B", "A"])
    assert len(corpus.near_duplicates()) == 3
    within = corpus.near_duplicates(by="source")
    assert within[["doc_a", "doc_b"]].values.tolist() == [[0, 2]]


# -- fold, pickling and bad input ----------------------------------------------------


def test_fold_and_clean_survive_pickling():
    corpus = Corpus(
        ["date 2023-03-21 Zelensky met Zelenskyy.\nAdvertisement\nAdvertisement", "Zelensky."],
        sources=["A", "B"],
    )
    cleaned = corpus.compound(["zelensky met"]).clean().fold({"zelenskyy": "zelensky"})
    assert cleaned.tokens(0) == ["zelensky_met", "zelensky", "advertisement"]
    again = pickle.loads(pickle.dumps(cleaned))
    assert again.tokens(0) == cleaned.tokens(0)
    assert again.cleaning_log.equals(cleaned.cleaning_log)
    assert again.texts == cleaned.texts
    assert len(cleaned.filter(source="A").cleaning_log) == 2


def test_fold_with_values_not_in_the_corpus():
    corpus = Corpus(["Kiev and Kyiv"])
    folded = corpus.fold({"Kiev": "Kyiv", "Odessa": "Odesa"})
    assert folded.tokens(0) == ["kyiv", "and", "kyiv"]
    assert folded.frequencies()["term"].tolist() == ["kyiv", "and"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.near_duplicates(0), "threshold"),
        (lambda c: c.near_duplicates(measure="cosine"), "measure"),
        (lambda c: c.near_duplicates(shingle=0), "shingle"),
        (lambda c: c.drop_duplicates(keep="last"), "keep"),
        (lambda c: c.boilerplate(min_docs=1), "min_docs"),
        (lambda c: c.boilerplate(min_share=2), "min_share"),
        (lambda c: c.variants(max_distance=0), "max_distance"),
    ],
)
def test_bad_arguments_name_themselves(call, message):
    corpus = Corpus(["a b c", "d e f"])
    with pytest.raises(ValueError, match=message):
        call(corpus)


def test_bad_types():
    corpus = Corpus(["a b c"])
    with pytest.raises(TypeError, match="reflow"):
        corpus.clean(reflow="yes")
    with pytest.raises(TypeError, match="dict or a DataFrame"):
        corpus.fold([("a", "b")])
    with pytest.raises(KeyError, match=r"no metadata field 'outlet'"):
        corpus.boilerplate(by="outlet")


def test_empty_documents_are_never_duplicates():
    corpus = Corpus(["", "", "some text here"])
    assert len(corpus.near_duplicates()) == 0
    assert np.array_equal(corpus.drop_duplicates().ids, [0, 1, 2])


def test_keyness_before_and_after_cleaning_as_docs_show(xi_putin):
    """docs/cleaning.md: the artefacts leave the keyword lists, the double count halves."""

    def top(corpus):
        table = corpus.contrast(stopwords="english", top=4)
        return {(g, t): c for g, t, c in zip(table["group"], table["term"], table["target_count"])}

    cleaned = xi_putin.clean().drop_duplicates(measure="containment", keep="longest")
    before, after = top(xi_putin), top(cleaned)
    assert before[("VICE World News", "advertisement")] == 5
    assert ("VICE World News", "advertisement") not in after
    assert before[("The Moscow Times", "kuhrt")] == 11
    assert after[("The Moscow Times", "kuhrt")] == 6
    assert ("The Moscow Times", "college") in before
    assert ("The Moscow Times", "college") not in after


def test_engine_rejects_bad_group_codes_without_a_panic():
    from corpuscle import _core

    corpus = Corpus(["a b", "c d"])
    with pytest.raises(ValueError, match="document 1 has group code 5"):
        _core.repeated_line_table(corpus._inner, np.array([0, 5]), 1, min_docs=2, min_share=0.3)
    with pytest.raises(ValueError, match="document 1 has group code 5"):
        _core.variant_table(
            corpus._inner,
            np.array([0, 5]),
            1,
            min_count=1,
            max_distance=1,
            min_length=1,
        )
