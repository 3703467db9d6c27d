"""Result layouts: frequency tables laid out wide, and results read through the Arrow stream."""

from collections import defaultdict

import numpy as np
import pandas as pd
import pytest

import corpuscle
from corpuscle import datasets


@pytest.fixture(scope="module")
def demo():
    return datasets.demo()


def reference_wide(long, groups, values):
    """The wide table built cell by cell from the long one, in plain Python."""
    cells = defaultdict(dict)
    for row in long.itertuples(index=False):
        label = tuple(getattr(row, g) for g in groups)
        cells[row.term][label if len(groups) > 1 else label[0]] = getattr(row, values)
    labels = list(dict.fromkeys(
        tuple(r) if len(groups) > 1 else r[0] for r in long[groups].itertuples(index=False)
    ))  # fmt: skip
    rows = {term: [cells[term].get(label, 0) for label in labels] for term in cells}
    ordered = sorted(rows, key=lambda term: (-sum(rows[term]), term))
    return ordered, labels, [rows[term] for term in ordered]


@pytest.mark.parametrize("values", ["count", "doc_freq", "per_million"])
def test_wide_equals_the_long_table_cell_by_cell(demo, values):
    long = demo.frequencies(by="source", n=(1, 2))
    wide = long.to_wide(values=values)
    terms, labels, cells = reference_wide(long, ["source"], values)
    assert list(wide.index) == terms
    assert list(wide.columns) == labels == demo.sources
    np.testing.assert_allclose(wide.to_numpy(), np.array(cells, dtype=float))
    if values != "per_million":
        assert wide.dtypes.map(pd.api.types.is_integer_dtype).all()


def test_several_fields_no_fields_and_counts(demo):
    long = demo.frequencies(by=["source", "date"], top=5)
    wide = long.to_wide()
    terms, labels, cells = reference_wide(long, ["source", "date"], "count")
    assert list(wide.columns) == labels
    assert wide.columns.names == ["source", "date"]
    assert list(wide.index) == terms
    assert wide.to_numpy().tolist() == cells
    overall = demo.frequencies().to_wide()
    assert list(overall.columns) == ["count"]
    assert overall["count"].tolist() == sorted(overall["count"], reverse=True)
    counted = demo.counts(n=1).frequencies().to_wide()
    pd.testing.assert_frame_equal(counted, demo.frequencies(by="source").to_wide())


def test_slices_stay_frequency_tables_and_bad_tables_are_refused(demo):
    long = demo.frequencies(by="source")
    assert isinstance(long, corpuscle.Frequencies)
    assert long.attrs["by"] == "source"
    subset = long[long["count"] >= 3].sort_values("term").head(50)
    assert isinstance(subset, corpuscle.Frequencies)
    wide = subset.to_wide()
    assert (wide.to_numpy() >= 0).all()
    assert set(wide.index) == set(subset["term"])
    with pytest.raises(ValueError, match="columns 'term' and 'count'"):
        long[["source", "rank"]].to_wide()
    with pytest.raises(ValueError, match="'lift'"):
        corpuscle.to_wide(long, values="lift")
    with pytest.raises(TypeError, match="expected a frequency table"):
        corpuscle.to_wide([1, 2])


def test_polars_results_lay_out_wide_too(demo):
    pl = pytest.importorskip("polars")
    expected = demo.frequencies(by="source").to_wide()
    corpuscle.set_output("polars")
    try:
        long = demo.frequencies(by="source")
    finally:
        corpuscle.set_output("pandas")
    assert isinstance(long, pl.DataFrame)
    wide = corpuscle.to_wide(long)
    assert wide.columns == ["term", *demo.sources]
    assert wide["term"].to_list() == list(expected.index)
    assert wide.drop("term").to_numpy().tolist() == expected.to_numpy().tolist()


def test_results_are_read_through_the_arrow_stream(demo):
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    long = demo.frequencies(by="source")
    assert hasattr(long, "__arrow_c_stream__")
    table = pa.table(long)
    assert table.column_names == list(long.columns)
    assert table.column("count").to_pylist() == long["count"].tolist()
    assert table.column("term").to_pylist() == long["term"].tolist()
    keyness = demo.keyness("Harbour Courier")
    through = pl.DataFrame(pa.table(keyness))
    assert through["statistic"].to_list() == keyness["statistic"].tolist()


def _results(corpus):
    counts = corpus.counts(n=2)
    return {
        "summary": corpus.summary(),
        "frequencies": corpus.frequencies(n=(1, 2), by="source"),
        "collocations": corpus.collocations(min_count=2),
        "collocates": corpus.collocates("rail", min_count=1),
        "keyness": corpus.keyness("Capital Wire", min_count=1),
        "contrast": corpus.contrast(top=5),
        "kwic": corpus.kwic("rail"),
        "boilerplate": corpus.boilerplate(min_docs=2),
        "near_duplicates": corpus.near_duplicates(0.3),
        "variants": corpus.variants(min_count=1),
        "phrases": corpus.phrases(),
        "counts.groups": counts.groups,
        "counts.frequencies": counts.frequencies(),
        "counts.keyness": counts.keyness("Capital Wire", min_count=1),
        "counts.error_bounds": counts.error_bounds,
    }


def test_every_count_column_is_a_signed_64_bit_integer(demo):
    # Unsigned columns wrap when users subtract them (issue 20).
    checked = 0
    for name, result in _results(demo).items():
        for column in result.columns:
            dtype = result[column].dtype
            if pd.api.types.is_integer_dtype(dtype):
                assert dtype == np.int64, f"{name}.{column} is {dtype}"
                checked += 1
    assert checked >= 30
    key = demo.keyness("Capital Wire", min_count=1)
    difference = key["target_count"] - key["reference_count"]
    assert difference.min() < 0
    assert (
        difference == key["target_count"].astype(int) - key["reference_count"].astype(int)
    ).all()


def test_count_columns_are_int64_under_polars_too(demo):
    pl = pytest.importorskip("polars")
    corpuscle.set_output("polars")
    for name, result in _results(demo).items():
        for column, dtype in result.schema.items():
            if dtype.is_integer():
                assert dtype == pl.Int64, f"{name}.{column} is {dtype}"


def test_group_columns_stay_categorical(demo):
    frequencies = demo.frequencies(by="source")
    assert isinstance(frequencies["source"].dtype, pd.CategoricalDtype)
    assert list(frequencies["source"].cat.categories) == demo.sources
    direction = demo.keyness("Capital Wire")["direction"]
    assert isinstance(direction.dtype, pd.CategoricalDtype)
    pl = pytest.importorskip("polars")
    corpuscle.set_output("polars")
    polar = demo.frequencies(by="source")
    assert polar.schema["source"] == pl.Enum(demo.sources)
    assert polar["source"].to_list() == frequencies["source"].tolist()
    key = demo.keyness("Capital Wire")
    assert key.schema["direction"] == pl.Enum(["reference", "target"])
    assert key["direction"].to_list() == direction.tolist()
