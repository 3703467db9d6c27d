"""corpuscle.dask on a real two-process local cluster: the result equals counting in one process."""

import json
import random

import pandas as pd
import pytest

import corpuscle
import corpuscle.dask
from corpuscle import datasets

dask = pytest.importorskip("dask")
db = pytest.importorskip("dask.bag")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


@pytest.fixture(scope="module")
def rows():
    demo = datasets.demo()
    return [
        {"source": source, "date": date, "text": text}
        for source, date, text in zip(
            demo.meta["source"], demo.meta["date"], demo.texts, strict=True
        )
    ]


@pytest.fixture(scope="module")
def expected(rows):
    return corpuscle.count(rows, n=3, by="source")


@pytest.mark.parametrize("npartitions", [1, 3, 12])
@pytest.mark.parametrize("shuffled", [False, True])
def test_a_bag_counted_on_the_cluster_equals_one_process(
    client, rows, expected, npartitions, shuffled
):
    items = list(rows)
    if shuffled:
        random.Random(npartitions).shuffle(items)
    bag = db.from_sequence(items, npartitions=npartitions)
    counts = corpuscle.dask.count(bag, n=3, split_every=2)
    assert counts == expected
    pd.testing.assert_frame_equal(
        counts.contrast(top=5), datasets.demo().contrast(top=5).drop(columns="dp")
    )


def test_a_dataframe_with_two_group_columns(client, rows):
    frame = pd.DataFrame(rows)
    ddf = dd.from_pandas(frame, npartitions=4)
    counts = corpuscle.dask.count(ddf, by=["source", "date"], n=2)
    assert counts == corpuscle.count(rows, n=2, by=["source", "date"])
    assert counts.by == ["source", "date"]


def test_pairs_texts_empty_partitions_and_bad_input(client, rows):
    pairs = [(row["text"], row["source"]) for row in rows]
    bag = db.from_sequence(pairs, npartitions=5).filter(lambda pair: pair[1] != "Capital Wire")
    counts = corpuscle.dask.count(bag, n=1)
    kept = [pair for pair in pairs if pair[1] != "Capital Wire"]
    assert counts == corpuscle.count(kept, n=1)
    texts = db.from_sequence([row["text"] for row in rows], npartitions=3)
    assert corpuscle.dask.count(texts, by=None, n=1) == corpuscle.count(
        [row["text"] for row in rows], n=1
    )
    with pytest.raises(KeyError, match="no column 'body'"):
        corpuscle.dask.count(dd.from_pandas(pd.DataFrame(rows), npartitions=2), text="body")
    with pytest.raises(TypeError, match="expected a dask bag or dask DataFrame"):
        corpuscle.dask.count(rows)
    delayed = corpuscle.dask.count(db.from_sequence(pairs, npartitions=2), n=1, compute=False)
    assert delayed.compute() == corpuscle.count(pairs, n=1)


def test_approximate_counts_on_the_cluster_keep_their_bound(client, rows, expected):
    limit = 40
    bag = db.from_sequence(rows, npartitions=6)
    counts = corpuscle.dask.count(bag, n=2, approximate=limit)
    assert counts.approximate == limit
    exact = expected.frequencies(n=(1, 2))
    kept = counts.frequencies(n=(1, 2))
    both = exact.merge(kept, on=["source", "term"], how="left", suffixes=("", "_kept"))
    missed = both["count"] - both["count_kept"].fillna(0)
    assert (missed >= 0).all()
    assert (missed <= both["source"].map(_largest_bound(counts))).all()
    assert missed.max() > 0, "the limit must make the summary drop n-grams"


def _largest_bound(counts):
    bounds = counts.error_bounds
    return bounds.groupby("source")["max_undercount"].max()


def test_files_counted_on_the_cluster_are_read_by_the_workers(client, rows, tmp_path):
    # Each worker reads its files in the engine; the merged counts equal one
    # process reading them all, whatever the tree of merges.
    for i in range(5):
        part = rows[i::5]
        (tmp_path / f"part-{i}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in part))
    folder = tmp_path / "Kyiv Post"
    folder.mkdir()
    (folder / "a.txt").write_text("Gas deal signed.")
    files = [*sorted(tmp_path.glob("*.jsonl")), folder / "a.txt"]
    expected = corpuscle.count_files(files, n=3, by="source")
    assert corpuscle.dask.count_files(files, n=3, split_every=2) == expected
    assert expected.n_docs == len(rows) + 1
    assert corpuscle.dask.count_files(tmp_path / "*.jsonl", n=3) == corpuscle.count(
        rows, n=3, by="source"
    )
    delayed = corpuscle.dask.count_files(files[:2], n=1, by=["source", "date"], compute=False)
    assert delayed.compute() == corpuscle.count_files(files[:2], n=1, by=["source", "date"])
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"text": 5}\n')
    with pytest.raises(TypeError, match=r"bad.jsonl' line 2: the text 'text' is int"):
        corpuscle.dask.count_files([files[0], bad])
    assert corpuscle.dask.count_files([], n=2) == corpuscle.count([], n=2, by="source")
    # Bad settings are refused at the call, not when a worker meets them.
    with pytest.raises(ValueError, match="errors must be 'strict' or 'replace'"):
        corpuscle.dask.count_files(files, errors="ignore", compute=False)
    with pytest.raises(ValueError, match="approximate must be an int >= 1"):
        corpuscle.dask.count_files(files, approximate=0, compute=False)


def test_arrow_partitions_count_as_their_rows_would(rows, monkeypatch):
    # A partition whose texts are Arrow strings goes to the engine from its
    # buffers; its groups (missing values and 2020.0 among them) get the labels
    # the rows would get as dicts.
    frame = pd.DataFrame(rows[:9])
    frame["year"] = [2020.0, 2021.0, None, 2020.0, 2020, 2021, None, 2022, 2020]
    frame.index = range(100, 109)  # a partition's index is not 0..n
    frame = frame.astype({"text": "string[pyarrow]"})
    how = corpuscle.dask._How("text", 2, corpuscle.Tokenizer(), 1, None)
    used = []
    arrow = corpuscle.dask.counts_of_documents
    monkeypatch.setattr(
        corpuscle.dask, "counts_of_documents", lambda *args: used.append(1) or arrow(*args)
    )
    by = ["source", "year"]
    records = frame.astype({"text": object}).to_dict("records")
    expected = corpuscle.count(records, n=2, by=by)
    assert corpuscle.dask._count_frame(frame, by, how) == expected
    assert used == [1]
    # Texts held as Python objects take the rows' path.
    assert corpuscle.dask._count_frame(frame.astype({"text": object}), by, how) == expected
    assert used == [1]
    assert corpuscle.dask._count_frame(frame.iloc[:0], by, how).n_docs == 0
