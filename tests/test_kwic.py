"""Concordance lines: original text, character offsets, patterns, case."""

import pytest

from corpuscle import Corpus


def test_lines_hold_original_text_and_offsets():
    texts = ["“Xi’s host,” said Putin’s aide — in Moscow.", "Nothing here.", "Putin!"]
    corpus = Corpus(texts, sources=["A", "B", "C"], meta={"year": [1, 2, 3]})
    lines = corpus.kwic("putin", window=2)
    assert list(lines.columns) == [
        "doc_id",
        "source",
        "year",
        "start",
        "end",
        "left",
        "match",
        "right",
    ]
    assert lines[["doc_id", "left", "match", "right"]].values.tolist() == [
        [0, "host,” said ", "Putin’s", " aide — in"],
        [2, "", "Putin", ""],
    ]
    for row in lines.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.match


def test_phrases_globs_case_and_order():
    corpus = Corpus(
        ["Vladimir Putin and PUTIN.", "Zelensky met Zelenskyy and Zelenksyy."], sources=["B", "A"]
    )
    assert corpus.kwic("vladimir putin")["match"].tolist() == ["Vladimir Putin"]
    assert corpus.kwic("zelensk*")["match"].tolist() == ["Zelensky", "Zelenskyy"]
    assert corpus.kwic("putin")["match"].tolist() == ["Putin", "PUTIN"]
    assert corpus.kwic("Putin", case_sensitive=True)["match"].tolist() == ["Putin"]
    assert corpus.kwic("PUTIN", case_sensitive=True)["match"].tolist() == ["PUTIN"]
    by_source = corpus.kwic("*", window=0, by="source")
    assert by_source["source"].tolist()[0] == "A"
    assert list(by_source.columns) == ["doc_id", "source", "start", "end", "left", "match", "right"]


def test_empty_and_bad_patterns():
    corpus = Corpus(["a b"])
    empty = corpus.kwic("nobody")
    assert empty.empty
    assert list(empty.columns) == ["doc_id", "start", "end", "left", "match", "right"]
    with pytest.raises(ValueError, match="has no words"):
        corpus.kwic("...")
    with pytest.raises(ValueError, match="window must be an int >= 0"):
        corpus.kwic("a", window=-1)


def test_real_corpus_lines_by_hand(xi_putin_dir):
    corpus = Corpus.from_files(str(xi_putin_dir / "*.txt"), source="stem")
    # 75 "Putin" tokens by hand (see test_shared_corpus.py); VICE's caption has "PUTIN" twice.
    assert len(corpus.kwic("putin")) == 75
    assert len(corpus.kwic("Putin", case_sensitive=True)) == 73
    # Zelensky twice in each of three articles, Zelenskyy once in VICE; "Zelenksyy" is a typo.
    zelensky = corpus.kwic("zelensk*")
    assert zelensky["source"].value_counts().to_dict() == {
        "kyiv-post": 2,
        "moscow-times-pdf": 2,
        "moscow-times-web": 2,
        "vice": 1,
    }
    for row in zelensky.itertuples():
        assert corpus.texts[corpus.ids.index(row.doc_id)][row.start : row.end] == row.match
