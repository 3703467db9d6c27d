"""Readers: every table library and file format gives the same corpus, and bad input is named."""

import json

import pandas as pd
import pytest

from corpuscle import Corpus, datasets
from corpuscle import corpus as corpus_module

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pl = pytest.importorskip("polars")


@pytest.fixture(scope="module")
def frame():
    demo = datasets.demo()
    return pd.DataFrame(
        {
            "id": [f"doc-{i}" for i in range(len(demo))],
            "source": demo.meta["source"],
            "year": [2024 + i % 2 for i in range(len(demo))],
            "text": demo.texts,
        }
    )


@pytest.fixture(scope="module")
def expected(frame):
    return Corpus.from_frame(frame, source="source")


def same(corpus, expected):
    assert corpus.texts == expected.texts
    assert list(corpus.meta["source"]) == list(expected.meta["source"])
    assert list(corpus.meta["id"]) == list(expected.meta["id"])
    assert list(corpus.meta["year"]) == list(expected.meta["year"])
    pd.testing.assert_frame_equal(
        corpus.frequencies(by="source"), expected.frequencies(by="source")
    )


class ArrowStream:
    """Only the Arrow C stream interface, as DuckDB and other engines expose it."""

    def __init__(self, table):
        self.table = table

    def __arrow_c_stream__(self, requested_schema=None):
        return self.table.__arrow_c_stream__(requested_schema)


def test_every_table_library_gives_the_same_corpus(frame, expected):
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for df in (
        pl.from_pandas(frame),
        table,
        table.to_batches()[0],
        ArrowStream(table),
    ):
        same(Corpus.from_frame(df, source="source"), expected)


def test_a_hugging_face_dataset(frame, expected):
    hf = pytest.importorskip("datasets")
    dataset = hf.Dataset.from_pandas(frame, preserve_index=False)
    same(Corpus.from_frame(dataset, source="source"), expected)
    splits = hf.DatasetDict({"train": dataset, "test": dataset})
    with pytest.raises(TypeError, match=r"several splits \('train', 'test'\).*dataset\['train'\]"):
        Corpus.from_frame(splits)
    # A streamed dataset is an iterable of dicts.
    streamed = dataset.to_iterable_dataset()
    same(Corpus.from_records(streamed), expected)


def test_records_parquet_csv_and_json_lines(tmp_path, frame, expected):
    rows = frame.to_dict("records")
    same(Corpus.from_records(rows), expected)
    same(Corpus.from_records(iter(rows)), expected)
    half = len(frame) // 2
    frame[:half].to_parquet(tmp_path / "a.parquet")
    frame[half:].to_parquet(tmp_path / "b.parquet")
    same(Corpus.from_parquet(tmp_path / "*.parquet"), expected)
    narrow = Corpus.from_parquet(tmp_path / "a.parquet", columns=["text", "source"])
    assert narrow.fields == ["id", "source"]
    frame.to_csv(tmp_path / "news.csv", index=False)
    same(Corpus.from_csv(tmp_path / "news.csv"), expected)
    frame.to_csv(tmp_path / "news.tsv", index=False, sep="\t")
    same(Corpus.from_csv(tmp_path / "news.tsv", sep="\t"), expected)
    with open(tmp_path / "news.jsonl", "w") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
    same(Corpus.from_jsonl(tmp_path / "news.jsonl"), expected)


def test_csv_texts_are_kept_as_written(tmp_path):
    path = tmp_path / "tricky.csv"
    path.write_text(
        'source,text,score\nA,"one, two\nthree",1.5\nB,NA,NA\nC,,\nD,null,2\n', encoding="utf-8"
    )
    corpus = Corpus.from_csv(path)
    assert corpus.texts == ["one, two\nthree", "NA", "", "null"]
    assert corpus.meta["score"].isna().tolist() == [False, True, True, False]
    assert corpus.sources == ["A", "B", "C", "D"]


def test_missing_columns_are_named(tmp_path, frame):
    with pytest.raises(KeyError, match=r"no text column 'body'; the columns are: 'id', 'source'"):
        Corpus.from_frame(frame, text="body")
    frame.to_parquet(tmp_path / "news.parquet")
    with pytest.raises(KeyError, match=r"no source column 'outlet'.*source=None"):
        Corpus.from_parquet(tmp_path / "news.parquet", source="outlet")
    frame.drop(columns="source").to_parquet(tmp_path / "unsourced.parquet")
    with pytest.raises(KeyError, match=r"no source column 'source'"):
        Corpus.from_parquet(tmp_path / "unsourced.parquet")
    assert Corpus.from_parquet(tmp_path / "unsourced.parquet", source=None).fields == ["id", "year"]
    frame.to_csv(tmp_path / "news.csv", index=False)
    with pytest.raises(KeyError, match=r"news.csv' has no text column 'body'"):
        Corpus.from_csv(tmp_path / "news.csv", text="body")
    with pytest.raises(KeyError, match="no id column 'key'"):
        Corpus.from_csv(tmp_path / "news.csv", id="key")


def test_bad_values_and_files_are_named(tmp_path, frame):
    broken = frame.copy()
    broken.loc[3, "text"] = None
    # pandas' Arrow-backed str columns and Arrow tables hold a missing value as a null.
    missing = r"the table: row 3 of the text column 'text' is missing \(an Arrow null\)"
    with pytest.raises(TypeError, match=missing):
        Corpus.from_frame(broken)
    with pytest.raises(TypeError, match=missing):
        Corpus.from_frame(pa.Table.from_pandas(broken))
    with pytest.raises(TypeError, match=r"row 3 of the text column 'text' is float \(nan\)"):
        Corpus.from_frame(broken.astype({"text": object}))
    with pytest.raises(TypeError, match=r"records\[1\] is list, expected a dict"):
        Corpus.from_records([{"text": "a"}, ["b"]])
    with pytest.raises(KeyError, match=r"records\[1\] has no 'text' field; it has: body"):
        Corpus.from_records([{"text": "a"}, {"body": "b"}])
    with pytest.raises(TypeError, match="not one dict"):
        Corpus.from_records({"text": "a"})
    with pytest.raises(ValueError, match="records holds no documents"):
        Corpus.from_records([])
    (tmp_path / "bad.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(ValueError, match=r"cannot read '.*bad.parquet' as Parquet"):
        Corpus.from_parquet(tmp_path / "bad.parquet")
    (tmp_path / "bad.csv").write_text('source,text\nA,"never closed\n')
    with pytest.raises(ValueError, match=r"cannot read '.*bad.csv' as CSV"):
        Corpus.from_csv(tmp_path / "bad.csv")
    (tmp_path / "latin.csv").write_bytes(b"source,text\nA,caf\xe9\n")
    with pytest.raises(UnicodeDecodeError, match=r"latin.csv' at byte offset 17"):
        Corpus.from_csv(tmp_path / "latin.csv")
    assert Corpus.from_csv(tmp_path / "latin.csv", encoding="latin-1").texts == ["café"]
    with pytest.raises(TypeError, match="expected a table"):
        Corpus.from_frame([{"text": "a"}])


def _every_plane():
    """Texts holding code points of every Unicode plane, surrogates excepted."""
    points = [p for p in range(0, 0x110000, 251) if not 0xD800 <= p <= 0xDFFF]
    return ["".join(map(chr, points[i : i + 400])) + " word" for i in range(0, len(points), 400)]


@pytest.mark.parametrize("kind", ["string", "large_string", "string_view"])
def test_arrow_strings_of_every_plane_and_layout_reach_the_engine_exactly(kind, monkeypatch):
    texts = [*_every_plane(), "", "Xi met Putin’s aide.\r\n\x00"]
    assert {ord(c) >> 16 for text in texts for c in text} == set(range(17))
    column = pa.chunked_array([texts[:5], texts[5:7], [], texts[7:]], type=getattr(pa, kind)())
    table = pa.table({"text": column, "source": [f"s{i % 3}" for i in range(len(texts))]})
    expected = Corpus(texts, sources=[f"s{i % 3}" for i in range(len(texts))])
    # The text column goes to the engine as Arrow (never as a list of str).
    found = []
    arrow_text_column = corpus_module.arrow_text_column
    monkeypatch.setattr(
        corpus_module,
        "arrow_text_column",
        lambda df, name: found.append(arrow_text_column(df, name)) or found[-1],
    )
    for df in (
        table,
        pl.from_arrow(table.combine_chunks()) if kind != "string_view" else table,
        table.to_pandas(types_mapper=pd.ArrowDtype),
        ArrowStream(table),
    ):
        got = Corpus.from_frame(df, source="source")
        assert hasattr(found.pop(), "__arrow_c_stream__")
        assert got.texts == texts
        assert got.sources == expected.sources
        pd.testing.assert_frame_equal(
            got.frequencies(by="source"), expected.frequencies(by="source")
        )


def test_arrow_texts_of_other_types_and_nulls_are_named():
    with pytest.raises(TypeError, match=r"the table: the text column 'text' holds Arrow Int64"):
        Corpus.from_frame(pa.table({"text": [1, 2]}))
    nulls = pa.table({"text": pa.chunked_array([["a", "b"], ["c", None]])})
    with pytest.raises(TypeError, match=r"row 3 of the text column 'text' is missing"):
        Corpus.from_frame(nulls)
    with pytest.raises(TypeError, match=r"row 1 of the text column 'body' is missing"):
        Corpus.from_frame(pl.DataFrame({"body": ["a", None]}), text="body")
    with pytest.raises(ValueError, match="the table holds no documents"):
        Corpus.from_frame(pa.table({"text": pa.array([], pa.string())}))


def test_dictionary_encoded_text_columns_are_decoded_from_their_buffers():
    # polars' Categorical and pyarrow's dictionary arrays reach the Arrow path;
    # the texts (repeated, in several chunks, keys of any width) come back exact.
    texts = ["Gas deal.", "No deal.", "Gas deal.", "", "caf\u00e9 \U0001f600", "No deal."]
    sources = ["A", "B", "A", "B", "A", "B"]
    expected = Corpus(texts, sources=sources)
    chunks = pa.chunked_array(
        [pa.array(texts[:4]).dictionary_encode(), pa.array(texts[4:]).dictionary_encode()]
    )
    small_keys = pa.DictionaryArray.from_arrays(
        pa.array([0, 1, 0, 2, 3, 1], pa.int8()),
        pa.array(["Gas deal.", "No deal.", "", "caf\u00e9 \U0001f600"], pa.large_string()),
    )
    polars = pl.DataFrame({"text": texts, "source": sources}).with_columns(
        pl.col("text").cast(pl.Categorical)
    )
    for column in (chunks, small_keys):
        table = pa.table({"text": column, "source": sources})
        assert corpus_module.arrow_text_column(table, "text") is not None
        got = Corpus.from_frame(table, source="source")
        assert got.texts == texts
        pd.testing.assert_frame_equal(
            got.frequencies(by="source"), expected.frequencies(by="source")
        )
    got = Corpus.from_frame(polars, source="source")
    assert got.texts == texts
    assert got.sources == expected.sources
    # A key pointing at a null value is a missing text, named by its row.
    null_value = pa.DictionaryArray.from_arrays(pa.array([0, 1]), pa.array(["a", None]))
    with pytest.raises(TypeError, match=r"row 1 of the text column 'text' is missing"):
        Corpus.from_frame(pa.table({"text": null_value}))
    null_key = pa.array(["a", None, "b"]).dictionary_encode()
    with pytest.raises(TypeError, match=r"row 1 of the text column 'text' is missing"):
        Corpus.from_frame(pa.table({"text": null_key}))
