"""Counts: the numbers of the Corpus methods, exact merging, saving, streaming, bad input."""

import itertools
import json
import pickle
import struct
import zlib
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corpuscle
from corpuscle import Corpus, Counts, FileFormatError, RepairWarning, Tokenizer, datasets

WORDS = ["xi", "putin", "met", "gas", "deal", "moscow", "the", "of", "power", "siberia"]


@pytest.fixture(scope="module")
def demo():
    return datasets.demo()


@pytest.fixture(scope="module")
def demo_counts(demo):
    return demo.counts(n=3)


# -- the same numbers as the Corpus ------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "stopwords", "top"), [(1, None, None), ((1, 2), "english", None), (3, None, 5)]
)
def test_frequencies_equal_the_corpus(demo, demo_counts, n, stopwords, top):
    expected = demo.frequencies(n=n, by="source", stopwords=stopwords, top=top)
    got = demo_counts.frequencies(n=n, stopwords=stopwords, top=top)
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("size", [2, 3])
def test_collocations_equal_the_corpus_but_for_count_nested(demo, demo_counts, size):
    expected = demo.collocations(size=size, by="source", min_count=2, stopwords="english")
    got = demo_counts.collocations(size=size, min_count=2, stopwords="english")
    assert "count_nested" not in got.columns
    pd.testing.assert_frame_equal(got, expected.drop(columns="count_nested"))


@pytest.mark.parametrize("measure", ["llr", "chi2", "fisher", "lrc", "log_odds_dirichlet"])
def test_keyness_and_contrast_equal_the_corpus_but_for_dp(demo, demo_counts, measure):
    expected = demo.keyness("Harbour Courier", measure=measure, n=(1, 2), min_count=2)
    got = demo_counts.keyness("Harbour Courier", measure=measure, n=(1, 2), min_count=2)
    pd.testing.assert_frame_equal(got, expected.drop(columns="dp"))
    assert got.attrs == {k: v for k, v in expected.attrs.items()}
    expected = demo.contrast(measure=measure, stopwords="english", top=5)
    got = demo_counts.contrast(measure=measure, stopwords="english", top=5)
    # Exactly: adjusted p-values of 1e-20 are below the default tolerance.
    pd.testing.assert_frame_equal(got, expected.drop(columns="dp"), check_exact=True)


def test_pairwise_contrast_and_a_named_reference(demo, demo_counts):
    expected = demo.contrast(pairwise=True, top=3).drop(columns="dp")
    pd.testing.assert_frame_equal(
        demo_counts.contrast(pairwise=True, top=3), expected, check_exact=True
    )
    sides = {"target": "Capital Wire", "reference": ["Valley Chronicle", "Harbour Courier"]}
    expected = demo.keyness(**sides).drop(columns="dp")
    pd.testing.assert_frame_equal(demo_counts.keyness(**sides), expected)


def test_xi_putin_counts_equal_the_corpus(xi_putin):
    counts = xi_putin.counts(n=2)
    expected = xi_putin.contrast(n=(1, 2), top=None, stopwords="english").drop(columns="dp")
    pd.testing.assert_frame_equal(
        counts.contrast(n=(1, 2), top=None, stopwords="english"), expected
    )
    expected = xi_putin.frequencies(n=2, by="source")
    pd.testing.assert_frame_equal(counts.frequencies(n=2), expected)


def test_group_totals_by_hand():
    corpus = Corpus(["b a b. A", "c c", "a c"], sources=["A", "B", "A"])
    counts = corpus.counts(n=2)
    assert counts.groups.to_dict("list") == {
        "source": ["A", "B"],
        "documents": [2, 1],
        "tokens": [6, 2],
        "types": [3, 1],
    }
    bigrams = counts.frequencies(n=2)
    # "b a b" gives "b a" and "a b"; "a" alone none; "a c" one: 3 bigram positions in A.
    assert bigrams[bigrams["source"] == "A"]["count"].sum() == 3
    assert (counts.n, counts.by, counts.n_docs, counts.n_tokens) == (2, ["source"], 3, 8)


# -- merging --------------------------------------------------------------------------

texts = st.lists(st.sampled_from([*WORDS, ".", ",", "Putin's", "—"]), max_size=12).map(" ".join)
documents = st.lists(st.tuples(texts, st.sampled_from(["A", "B", "C"])), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.data())
def test_merging_the_parts_equals_counting_the_whole(docs, data):
    whole = corpuscle.count(docs, n=3)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(docs)), max_size=4)))
    bounds = [0, *cuts, len(docs)]
    parts = [corpuscle.count(docs[a:b], n=3) for a, b in itertools.pairwise(bounds)]
    order = data.draw(st.permutations(range(len(parts))))
    merged = Counts.merge([parts[i] for i in order])
    assert merged == whole
    assert sum(parts) == whole
    assert merged.frequencies(n=(1, 3)).equals(whole.frequencies(n=(1, 3)))
    assert pickle.loads(pickle.dumps(merged)) == whole
    assert merged._inner.to_bytes() == whole._inner.to_bytes()


@settings(max_examples=25, deadline=None)
@given(documents)
def test_pickle_and_save_round_trip_exactly(tmp_path_factory, docs):
    counts = corpuscle.count(docs, n=2)
    path = tmp_path_factory.mktemp("counts") / "c.counts"
    counts.save(path)
    loaded = Counts.load(path)
    assert loaded == counts
    assert path.read_bytes() == pickle.loads(pickle.dumps(counts))._inner.to_bytes()
    pd.testing.assert_frame_equal(loaded.frequencies(n=2), counts.frequencies(n=2))


def test_streaming_in_tiny_chunks_equals_the_corpus(demo):
    rows = [{"source": s, "text": t} for s, t in zip(demo.meta["source"], demo.texts, strict=True)]
    streamed = corpuscle.count(iter(rows), n=3, by="source", chunk_chars=50)
    assert streamed == demo.counts(n=3)


def test_merging_different_counts_names_the_difference():
    a = corpuscle.count(["Xi met Putin."], n=2)
    with pytest.raises(ValueError, match="lowercase is 'true' in one and 'false'"):
        a + corpuscle.count(["Xi met Putin."], n=2, tokenizer=Tokenizer(lowercase=False))
    with pytest.raises(ValueError, match="up to n=2 in one and n=1"):
        a + corpuscle.count(["Xi met Putin."], n=1)
    with pytest.raises(ValueError, match=r'grouped by \[\] and the other by \["source"\]'):
        a + corpuscle.count([("Xi met Putin.", "A")], n=2)
    with pytest.raises(TypeError, match=r"parts\[1\] is str"):
        Counts.merge([a, "b"])
    with pytest.raises(ValueError, match="at least one"):
        Counts.merge([])


# -- groups -------------------------------------------------------------------------------


def test_group_values_keep_their_types_and_several_fields_combine():
    rows = [
        {"outlet": "A", "year": 2023, "text": "Gas deal signed."},
        {"outlet": "A", "year": 2024, "text": "Gas deal ended."},
        {"outlet": "B", "year": 2023, "text": "No gas deal."},
        {"outlet": "B", "text": "No year here."},
    ]
    counts = corpuscle.count(rows, n=1, by=["outlet", "year"])
    groups = counts.groups
    assert groups["outlet"].tolist() == ["A", "A", "B", "B"]
    # As in a DataFrame of metadata, a missing year makes the column float (NaN, last).
    assert groups["year"].tolist()[:3] == [2023, 2024, 2023]
    assert pd.isna(groups["year"].iloc[3])
    # keyness by one of the two fields adds the other's groups up.
    key = counts.keyness("A", by="outlet", min_count=1, correction=None)
    corpus = Corpus([r["text"] for r in rows], meta={"outlet": [r["outlet"] for r in rows]})
    expected = corpus.keyness("A", by="outlet", min_count=1, correction=None)
    pd.testing.assert_frame_equal(key, expected.drop(columns="dp"))
    assert key.set_index("term")["target_count"].to_dict()["gas"] == 2
    by_year = counts.contrast(by="year", top=None, min_count=1, correction=None)
    assert set(by_year["group"].dropna()) == {2023, 2024}
    with pytest.raises(ValueError, match="say which field"):
        counts.keyness("A")
    with pytest.raises(KeyError, match="not grouped by 'source'"):
        counts.keyness("A", by="source")


def test_pairs_strings_and_one_group():
    assert corpuscle.count(["Gas deal."], n=1).by == []
    assert corpuscle.count([("Gas deal.", "A")], n=1, by="outlet").by == ["outlet"]
    empty = corpuscle.count(iter([]), n=2, by="source")
    assert (empty.n_docs, empty.by, len(empty.groups)) == (0, ["source"], 0)
    one = corpuscle.count(["Gas deal.", "No deal."], n=1)
    assert one.frequencies()["term"].tolist() == ["deal", "gas", "no"]
    with pytest.raises(ValueError, match="contrast needs at least two groups"):
        one.contrast()


def test_a_value_json_cannot_keep_is_refused_by_name():
    with pytest.raises(TypeError, match=r"a group value of 'date' is Timestamp"):
        corpuscle.count([{"text": "x", "date": pd.Timestamp("2023-03-21")}], by="date")


def test_equal_values_of_other_types_are_other_groups():
    counts = corpuscle.count([("a", 1), ("b", True), ("c", 1.5), ("d", 1)], n=1)
    groups = counts.groups
    # True is not 1: bools are their own kind, listed before numbers.
    assert [type(v) for v in groups["source"]] == [bool, int, float]
    assert groups["documents"].tolist() == [1, 2, 1]


# -- bad input ---------------------------------------------------------------------------


def test_bad_items_are_named():
    with pytest.raises(TypeError, match=r"items\[2\] is tuple, but items\[0\] was str"):
        corpuscle.count(["a", "b", ("c", "A")])
    with pytest.raises(TypeError, match=r"items\[1\]: the text is NoneType"):
        corpuscle.count([("a", "A"), (None, "B")])
    with pytest.raises(KeyError, match=r"items\[1\] has no 'text' field"):
        corpuscle.count([{"text": "a"}, {"body": "b"}])
    with pytest.raises(ValueError, match=r"texts\[3\] contains a lone surrogate"):
        corpuscle.count(["a", "b", "c", "bad \ud800 text"], chunk_chars=2)
    with pytest.warns(RepairWarning, match=r"surrogates in 1 of 2 documents: items\[1\]$"):
        replaced = corpuscle.count(["fine", "bad \ud800 text"], n=1, errors="replace")
    assert replaced.n_tokens == 3
    with pytest.raises(TypeError, match="not one str"):
        corpuscle.count("just one text")
    with pytest.raises(ValueError, match="plain texts, which have no field 'source'"):
        corpuscle.count(["a"], by="source")


def test_what_needs_documents_says_so(demo_counts):
    for method in ("kwic", "collocates", "count_matrix"):
        with pytest.raises(TypeError, match=f"Counts.{method}\\(\\) needs the documents"):
            getattr(demo_counts, method)("gas")
    with pytest.raises(ValueError, match="document tests need the documents"):
        demo_counts.keyness("Capital Wire", test="wilcoxon")
    with pytest.raises(ValueError, match="up to n=3, not 4"):
        demo_counts.frequencies(n=4)
    with pytest.raises(ValueError, match="external frequency table"):
        demo_counts.keyness("Capital Wire", reference={"gas": 3})
    with pytest.raises(TypeError, match="not directly"):
        Counts("x")


def test_edited_corpora_are_not_counted(demo):
    with pytest.raises(ValueError, match="changed by compound"):
        demo.compound([["northern", "arc"]]).counts()


# -- files ------------------------------------------------------------------------------


@pytest.fixture
def saved(tmp_path, demo_counts):
    path = tmp_path / "demo.counts"
    demo_counts.save(path)
    return path


def test_every_truncation_is_a_file_format_error(saved):
    data = saved.read_bytes()
    broken = saved.with_name("broken.counts")
    for end in [0, 10, 20, 40, len(data) // 2, len(data) - 5, len(data) - 1]:
        broken.write_bytes(data[:end])
        with pytest.raises(FileFormatError, match=r"broken.counts'.*at byte \d+"):
            Counts.load(broken)


def test_corruption_and_versions_are_named(saved):
    data = bytearray(saved.read_bytes())
    data[len(data) // 2] ^= 0xFF
    saved.write_bytes(bytes(data))
    with pytest.raises(FileFormatError, match="checksum of section NGRM does not match"):
        Counts.load(saved)
    data[len(data) // 2] ^= 0xFF
    data[16:20] = struct.pack("<I", 7)
    saved.write_bytes(bytes(data))
    with pytest.raises(FileFormatError, match=r"format version 7.*newer corpuscle"):
        Counts.load(saved)
    saved.write_text("source,text\nA,hello\n")
    with pytest.raises(FileFormatError, match="not a corpuscle counts file"):
        Counts.load(saved)
    assert issubclass(FileFormatError, ValueError)


def test_the_file_layout_is_as_documented(saved, demo_counts):
    data = saved.read_bytes()
    assert data[:16] == b"CORPUSCLE COUNTS"
    assert struct.unpack("<I", data[16:20])[0] == corpuscle.counts.FORMAT_VERSION == 2
    assert data[20:24] == b"HEAD"
    (length,) = struct.unpack("<Q", data[24:32])
    header = data[32 : 32 + length]
    (crc,) = struct.unpack("<I", data[32 + length : 36 + length])
    assert crc == zlib.crc32(header)
    lines = dict(line.split("=", 1) for line in header.decode().splitlines())
    assert lines["max_n"] == "3"
    assert json.loads(lines["grouping"]) == ["source"]
    assert lines["groups"] == "4"
    assert lines["approximate"] == "exact"
    assert lines["tokenizer.lowercase"] == "true"
    assert lines["tokenizer.numbers"] == "keep"
    assert data[36 + length : 40 + length] == b"WORD"
    assert data.endswith(b"END." + bytes(8) + struct.pack("<I", zlib.crc32(b"")))


def test_saving_is_deterministic_and_leaves_no_partial_file(tmp_path, demo):
    first, second = tmp_path / "a.counts", tmp_path / "b.counts"
    demo.counts(n=2).save(first)
    rows = [(t, s) for t, s in zip(demo.texts, demo.meta["source"], strict=True)]
    corpuscle.count(reversed(rows), n=2).save(second)
    assert first.read_bytes() == second.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.counts", "b.counts"]


def test_count_files_reads_json_lines_and_text_files(tmp_path, demo):
    rows = [{"source": s, "text": t} for s, t in zip(demo.meta["source"], demo.texts, strict=True)]
    half = len(rows) // 2
    for name, part in (("one.jsonl", rows[:half]), ("two.jsonl", rows[half:])):
        lines = [json.dumps(row) for row in part]
        (tmp_path / name).write_text("\n".join([*lines[:2], "", *lines[2:]]) + "\n")
    counts = corpuscle.count_files(tmp_path / "*.jsonl", n=2, chunk_chars=100)
    assert counts == demo.counts(n=2)
    for threads in (1, 2, 3):
        assert corpuscle.count_files(tmp_path / "*.jsonl", n=2, threads=threads) == counts
    folder = tmp_path / "Kyiv Post"
    folder.mkdir()
    (folder / "a.txt").write_text("Gas deal signed.")
    (folder / "b.txt").write_text("Gas deal ended.")
    plain = corpuscle.count_files(folder / "*.txt", n=1)
    assert plain.groups.to_dict("list") == {
        "source": ["Kyiv Post"],
        "documents": [2],
        "tokens": [6],
        "types": [4],
    }


def test_bad_files_are_named_with_their_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"text": oops}\n')
    with pytest.raises(ValueError, match=r"bad.jsonl' line 2: invalid JSON"):
        corpuscle.count_files(bad)
    bad.write_text('{"text": "fine"}\n\n{"body": "no text"}\n')
    with pytest.raises(KeyError, match=r"bad.jsonl' line 3 has no 'text' field"):
        corpuscle.count_files(bad)
    bad.write_text('{"text": "lone \\ud800"}\n')
    # The engine reads UTF-8 files and words this as Corpus.from_jsonl does.
    with pytest.raises(ValueError, match=r"bad.jsonl' line 1 holds a lone surrogate escape"):
        corpuscle.count_files(bad)
    # Python decodes other encodings, and finds the same surrogate.
    with pytest.raises(
        ValueError, match=r"line 1: the text holds a lone surrogate at character offset 5"
    ):
        corpuscle.count_files(bad, encoding="latin-1")
    bad.write_bytes(b'{"text": "caf\xe9"}\n')
    with pytest.raises(UnicodeDecodeError, match=r"bad\.jsonl"):
        corpuscle.count_files(bad)
    with pytest.warns(
        RepairWarning,
        match=r"undecodable bytes or lone surrogates in 1 file or line: '.*bad.jsonl' line 1",
    ):
        assert corpuscle.count_files(bad, errors="replace").n_tokens == 1


def test_counting_uses_any_number_of_threads_alike(demo):
    corpuscle.set_num_threads(1)
    one = demo.counts(n=2)
    corpuscle.set_num_threads(2)
    assert demo.counts(n=2) == one
    assert np.array_equal(one.groups["tokens"], demo.summary(by="source")["tokens"])


# -- approximate counts ------------------------------------------------------------------


def misra_gries(summary: Counter, limit: int) -> tuple[Counter, int]:
    """The summary cut to `limit` items, and the amount subtracted (plain Python)."""
    if len(summary) <= limit:
        return summary, 0
    cut = sorted(summary.values(), reverse=True)[limit]
    return Counter({k: v - cut for k, v in summary.items() if v > cut}), cut


def test_approximate_streaming_equals_a_plain_misra_gries(demo):
    # One text per chunk: after each text, its n-grams are added and the summary cut.
    limit, texts = 25, [" ".join(text.lower().split()) for text in demo.texts[:60]]
    texts = ["".join(c for c in t if c.isalpha() or c == " ") for t in texts]
    counts = corpuscle.count(texts, n=2, by=None, chunk_chars=1, approximate=limit)
    for n in (1, 2):
        summary, undercount = Counter(), 0
        for text in texts:
            words = text.split()
            summary.update(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
            summary, cut = misra_gries(summary, limit)
            undercount += cut
        got = counts.frequencies(n=n)
        assert dict(zip(got["term"], got["count"], strict=True)) == dict(summary)
        assert set(got["max_undercount"]) == {undercount}
        assert undercount > 0
        bounds = counts.error_bounds
        assert bounds.loc[bounds["n"] == n, "max_undercount"].item() == undercount


def test_approximate_counts_bound_their_error(demo):
    exact = demo.counts(n=2)
    limit = 60
    rows = [(t, s) for t, s in zip(demo.texts, demo.meta["source"], strict=True)]
    approximate = corpuscle.count(rows, n=2, chunk_chars=5_000, approximate=limit)
    assert approximate.approximate == limit
    assert exact.approximate is None
    pd.testing.assert_frame_equal(
        approximate.groups.drop(columns="types"), exact.groups.drop(columns="types")
    )
    bounds = approximate.error_bounds
    assert (bounds["max_undercount"] <= bounds["positions"] // (limit + 1)).all()
    assert bounds["max_undercount"].gt(0).all()
    truth = exact.frequencies(n=(1, 2))
    kept = approximate.frequencies(n=(1, 2))
    assert kept.groupby(["source", kept["term"].str.count(" ")]).size().max() <= limit
    both = truth.merge(kept, on=["source", "term"], how="left", suffixes=("", "_kept"))
    lengths = both["term"].str.count(" ") + 1
    bound = bounds.set_index(["source", "n"])["max_undercount"]
    both["bound"] = [bound[(s, n)] for s, n in zip(both["source"], lengths, strict=True)]
    for column in ("count", "doc_freq"):
        got = both[f"{column}_kept"].fillna(0)
        assert (got <= both[column]).all()
        assert (both[column] - got <= both["bound"]).all()
    # Every n-gram more frequent than the bound is kept.
    assert both.loc[both["count"] > both["bound"], "count_kept"].notna().all()
    loose = exact.to_approximate(10**9).frequencies()
    assert (loose.pop("max_undercount") == 0).all()
    pd.testing.assert_frame_equal(loose, exact.frequencies(), check_like=True)


def test_approximate_counts_merge_save_and_describe_themselves(tmp_path, demo):
    exact = demo.counts(n=2)
    small, large = exact.to_approximate(20), exact.to_approximate(50)
    assert (small + large).approximate == 20
    assert (exact + large).approximate == 50
    assert small + large == large + small
    small.save(tmp_path / "small.counts")
    loaded = Counts.load(tmp_path / "small.counts")
    assert loaded == small
    assert loaded.approximate == 20
    pd.testing.assert_frame_equal(loaded.error_bounds, small.error_bounds)
    assert pickle.loads(pickle.dumps(small)) == small
    assert "approximate (at most 20)" in repr(small)
    keyness = small.keyness("Harbour Courier", min_count=1)
    assert keyness.attrs["approximate"] == 20
    assert keyness.attrs["max_undercount"] == small.error_bounds["max_undercount"].max() > 0
    bounds = small.error_bounds.groupby("source")["max_undercount"].max()
    assert keyness.attrs["target_max_undercount"] == bounds["Harbour Courier"]
    assert keyness.attrs["reference_max_undercount"] == bounds.drop("Harbour Courier").sum()
    assert "approximate" not in exact.keyness("Harbour Courier").attrs
    assert (exact.error_bounds["max_undercount"] == 0).all()
    with pytest.raises(ValueError, match="limit must be"):
        exact.to_approximate(0)
    with pytest.raises(ValueError, match="approximate must be"):
        corpuscle.count(["a b"], approximate=0)


_GROUP_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**64 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    # Where Python's repr changes notation, and integral floats (2020.0 is 2020).
    st.sampled_from([2020.0, -0.0, 1e-4, 1e-5, 1234567890123456.7, 1e16, 2.0**53 + 2, 1e22]),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=6),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["Gas deal.", "No deal here.", "Gas. Oil!", ""]),
            st.one_of(st.just("missing"), _GROUP_VALUES),
            _GROUP_VALUES,
        ),
        min_size=1,
        max_size=12,
    )
)
def test_json_lines_read_in_the_engine_label_groups_as_python_does(tmp_path, rows):
    # Counts merge by label: a group read from JSON Lines by the engine must be
    # labelled, byte for byte, as Python labels the same values from dicts.
    records = []
    for text, source, year in rows:
        record = {"year": year, "text": text}
        if source != "missing":
            record["source"] = source
        records.append(record)
    path = tmp_path / "groups.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    by = ["source", "year"]
    engine = corpuscle.count_files(path, n=2, by=by, chunk_chars=40)
    python = corpuscle.count(records, n=2, by=by)
    assert engine == python
    assert engine.n_docs == len(records)
