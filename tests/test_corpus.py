"""Corpus construction, fields, filtering, summary, display and pickling."""

import json
import pickle

import numpy as np
import pandas as pd
import pytest

import corpuscle
from corpuscle import Corpus, Tokenizer

TEXTS = ["Xi met Putin. Putin met Xi.", "Xi left Moscow.", "", "Putin stayed."]
SOURCES = ["A", "A", "B", "C"]


@pytest.fixture
def corpus():
    return Corpus(TEXTS, sources=SOURCES, meta={"year": [2023, 2023, 2022, 2023]})


def test_sizes_fields_and_meta(corpus):
    assert len(corpus) == 4
    assert corpus.n_tokens == 6 + 3 + 0 + 2
    assert corpus.sources == ["A", "B", "C"]
    assert corpus.fields == ["id", "source", "year"]
    assert corpus.ids == [0, 1, 2, 3]
    assert corpus.meta["year"].tolist() == [2023, 2023, 2022, 2023]
    assert corpus.texts == TEXTS
    assert corpus.tokens(1) == ["xi", "left", "moscow"]
    assert corpus.sentences(0) == [["xi", "met", "putin"], ["putin", "met", "xi"]]
    assert corpus.tokens(2) == []
    assert corpus.tokens(-1) == ["putin", "stayed"]
    starts, ends = corpus.offsets(1)
    assert [TEXTS[1][s:e] for s, e in zip(starts, ends)] == ["Xi", "left", "Moscow"]


def test_meta_as_list_of_dicts_and_ids():
    corpus = Corpus(["a", "b"], ids=["x", "y"], meta=[{"year": 1}, {"year": 2, "lang": "en"}])
    assert corpus.fields == ["id", "year", "lang"]
    assert corpus.meta["lang"].tolist()[1] == "en"
    assert corpus.ids == ["x", "y"]


def test_from_dict():
    corpus = Corpus.from_dict({"Outlet A": ["one", "two"], "Outlet B": ["three"]})
    assert corpus.meta["source"].tolist() == ["Outlet A", "Outlet A", "Outlet B"]
    assert corpus.texts == ["one", "two", "three"]


def test_from_frame_pandas_and_polars():
    df = pd.DataFrame(
        {
            "body": ["Xi met Putin", "Moscow"],
            "outlet": ["A", "B"],
            "key": ["k1", "k2"],
            "year": [1, 2],
        }
    )
    corpus = Corpus.from_frame(df, text="body", source="outlet", id="key")
    assert corpus.fields == ["id", "source", "year"]
    assert corpus.ids == ["k1", "k2"]
    assert corpus.sources == ["A", "B"]
    pl = pytest.importorskip("polars")
    from_polars = Corpus.from_frame(pl.DataFrame(df.to_dict("list")), text="body", source="outlet")
    assert from_polars.fields == ["id", "source", "key", "year"]
    assert from_polars.tokens(0) == ["xi", "met", "putin"]


def test_from_files_source_rules(tmp_path):
    for outlet, name, text in [
        ("tass", "a.txt", "Xi met Putin."),
        ("bbc", "b.txt", "\ufeffPutin met Xi."),
        ("bbc", "c.txt", ""),
    ]:
        (tmp_path / outlet).mkdir(exist_ok=True)
        (tmp_path / outlet / name).write_text(text, encoding="utf-8")
    corpus = Corpus.from_files(str(tmp_path / "*" / "*.txt"))
    assert corpus.meta["source"].tolist() == ["bbc", "bbc", "tass"]
    # The byte order mark is dropped, so the first token's offset is 0.
    assert corpus.texts[0] == "Putin met Xi."
    assert len(corpus) == 3
    by_stem = Corpus.from_files(sorted((tmp_path / "bbc").glob("*.txt")), source="stem")
    assert by_stem.sources == ["b", "c"]
    by_callable = Corpus.from_files([tmp_path / "tass" / "a.txt"], source=lambda p: p.stem.upper())
    assert by_callable.sources == ["A"]


def test_from_jsonl(tmp_path):
    path = tmp_path / "news.jsonl"
    rows = [
        {"text": "Xi met Putin.", "source": "A", "date": "2023-03-20"},
        {"text": "Moscow", "date": "2023-03-21"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    corpus = Corpus.from_jsonl(path)
    assert corpus.fields == ["id", "source", "date"]
    assert corpus.meta["source"].tolist()[0] == "A"
    assert corpus.meta["source"].isna().tolist() == [False, True]
    assert corpus.tokens(1) == ["moscow"]


def test_filter_by_field_values_and_mask(corpus):
    only_a = corpus.filter(source="A")
    assert only_a.texts == TEXTS[:2]
    assert only_a.ids == [0, 1]
    assert only_a.n_tokens == 9
    assert only_a.tokens(1) == ["xi", "left", "moscow"]
    assert corpus.filter(source=["B", "C"], year=2023).ids == [3]
    assert corpus.filter(np.array([True, False, False, True])).ids == [0, 3]
    assert corpus.filter(source="A").frequencies()["count"].sum() == 9


def test_summary_by_hand(corpus):
    summary = corpus.summary()
    assert summary["source"].tolist() == ["A", "B", "C"]
    assert summary["documents"].tolist() == [2, 1, 1]
    assert summary["tokens"].tolist() == [9, 0, 2]
    # A: xi met putin left moscow = 5 types.
    assert summary["types"].tolist() == [5, 0, 2]
    assert summary["type_token_ratio"].iloc[0] == pytest.approx(5 / 9)
    assert np.isnan(summary["type_token_ratio"].iloc[1])
    overall = corpus.summary(by=None)
    assert overall[["documents", "tokens", "types"]].iloc[0].tolist() == [4, 11, 6]
    by_two = corpus.summary(by=["year", "source"])
    assert by_two[["year", "source"]].values.tolist() == [[2022, "B"], [2023, "A"], [2023, "C"]]


def test_repr_and_html(corpus):
    text = repr(corpus)
    assert text.startswith("<corpuscle.Corpus: 4 documents, 11 tokens, 3 sources>")
    assert "type_token_ratio" in text
    assert "<table" in corpus._repr_html_()
    assert repr(Corpus(["a b"])).startswith("<corpuscle.Corpus: 1 documents, 2 tokens>")


def test_pickle_round_trip(corpus):
    stemmed = Corpus(TEXTS, sources=SOURCES, tokenizer=Tokenizer(stem="english"))
    clone = pickle.loads(pickle.dumps(stemmed))
    assert clone.tokens(0) == ["xi", "met", "putin", "putin", "met", "xi"]
    assert clone.tokenizer == Tokenizer(stem="english")
    assert clone.sources == corpus.sources
    pd.testing.assert_frame_equal(clone.frequencies(by="source"), stemmed.frequencies(by="source"))
    assert "stay" in clone.frequencies()["term"].tolist()


def test_empty_documents_count_as_documents():
    corpus = Corpus(["", "", "word"])
    assert len(corpus) == 3
    assert corpus.summary(by=None)["documents"].iloc[0] == 3
    assert corpus.frequencies()["doc_freq"].tolist() == [1]


def test_an_id_column_holds_the_ids(tmp_path):
    df = pd.DataFrame({"id": ["a1", "a2"], "text": ["x", "y"]})
    assert Corpus.from_frame(df).ids == ["a1", "a2"]
    path = tmp_path / "n.jsonl"
    path.write_text('{"id": 7, "text": "x"}\n{"id": 8, "text": "y"}\n', encoding="utf-8")
    assert Corpus.from_jsonl(path).ids == [7, 8]
    with pytest.raises(ValueError, match="7 appears more than once"):
        Corpus.from_frame(pd.DataFrame({"id": [7, 7], "text": ["x", "y"]}))


def _every_plane():
    """Texts holding code points of every Unicode plane, surrogates excepted."""
    points = [p for p in range(0, 0x110000, 251) if not 0xD800 <= p <= 0xDFFF]
    chunks = [points[i : i + 400] for i in range(0, len(points), 400)]
    return ["".join(map(chr, chunk)) + " word" for chunk in chunks]


def test_the_engine_gives_back_every_text_exactly():
    texts = [*_every_plane(), "", "  ", "Xi met Putin’s aide.\r\n\x00\u200b", "é" + "e\u0301"]
    assert {ord(c) >> 16 for text in texts for c in text} == set(range(17))
    corpus = Corpus(texts)
    assert corpus.texts == texts
    assert pickle.loads(pickle.dumps(corpus)).texts == texts
    odd = list(range(1, len(texts), 2))
    assert corpus.filter(np.isin(np.arange(len(texts)), odd)).texts == [texts[i] for i in odd]
    assert corpus.compound(["putin aide"]).texts == texts
    # Offsets are characters of these texts, whatever the bytes of their UTF-8:
    # each span is the token as written.
    tokenizer = corpus.tokenizer
    for d, text in enumerate(texts):
        starts, ends = corpus.offsets(d)
        spans = [text[s:e] for s, e in zip(starts, ends)]
        assert [tokenizer.normalize(span) for span in spans] == corpus.tokens(d)
    assert corpus.tokens(len(texts) - 2) == ["xi", "met", "putin", "aide"]


def test_replaced_surrogates_are_the_texts_kept():
    with pytest.warns(corpuscle.RepairWarning):
        corpus = Corpus(["a \ud800 b \udfff\ud800 c", "ok"], errors="replace")
    assert corpus.texts == ["a \ufffd b \ufffd\ufffd c", "ok"]
    starts, ends = corpus.offsets(0)
    assert [corpus.texts[0][s:e] for s, e in zip(starts, ends)] == ["a", "b", "c"]
    assert pickle.loads(pickle.dumps(corpus)).texts == corpus.texts
