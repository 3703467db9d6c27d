"""Regression tests for the twenty faults an adversarial pass found (issue 19).

Each test is named after its fault and failed before the fix; docs/reliability.md
lists them. Numbers are checked by hand or against tests/reference.py.
"""

import json
import math
import os
import pickle
import signal
import struct
import subprocess
import sys
import textwrap
import threading
import warnings
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import reference
from generated import corpora
from hypothesis import given, settings
from hypothesis import strategies as st

import corpuscle
from corpuscle import Corpus, Counts, datasets
from corpuscle import cli as command_line

ROOT = Path(__file__).resolve().parent.parent
STORY = "the strike closed every station on the northern line this morning today"

# -- lost or replaced data ---------------------------------------------------------


def test_fault_01_a_field_named_like_a_result_column_is_renamed_never_lost():
    corpus = Corpus(
        [STORY, STORY, "other news from elsewhere in the land"],
        ids=["a", "b", "c"],
        meta={"doc": ["x1", "x2", "x3"], "start": [1, 2, 3], "count": [5, 6, 7]},
    )
    pairs = corpus.near_duplicates()
    assert pairs[["doc_a", "doc_b"]].values.tolist() == [["a", "b"]]
    assert pairs[["meta_doc_a", "meta_doc_b"]].values.tolist() == [["x1", "x2"]]
    assert pairs[["start_a", "start_b"]].values.tolist() == [[1, 2]]

    lines = corpus.kwic("strike")
    assert lines["start"].tolist() == [4, 4]  # the match's offset, as documented
    assert lines["meta_start"].tolist() == [1, 2]  # the field, kept
    assert lines["doc"].tolist() == ["x1", "x2"]

    counts = corpus.frequencies(by="count", top=1)
    assert list(counts.columns[:2]) == ["meta_count", "term"]
    assert counts["meta_count"].tolist() == [5, 6, 7]
    assert counts["count"].tolist() == [2, 2, 1]
    wide = counts.to_wide()
    assert wide.columns.name == "meta_count"

    summary = Corpus(["a b", "c"], meta={"tokens": ["x", "y"]}).summary(by="tokens")
    assert summary.columns.tolist()[:2] == ["meta_tokens", "documents"]
    assert summary["tokens"].tolist() == [2, 1]

    lines = Corpus(["x\nAd", "y\nAd"], meta={"count": ["A", "A"]}).boilerplate(
        min_docs=2, by="count"
    )
    assert lines[["meta_count", "count"]].values.tolist() == [["A", 2]]

    grouped = corpuscle.count([{"text": "a b", "tokens": "x"}], by="tokens", n=1).groups
    assert grouped.columns.tolist() == ["meta_tokens", "documents", "tokens", "types"]
    assert grouped.values.tolist() == [["x", 1, 2, 2]]


def _save_many(path: str, seed: int, times: int) -> int:
    """Save counts of one of two sizes to `path` over and over; return the failures."""
    texts = [f"word{i} word{i + seed} " * 50 for i in range(200 * (seed + 1))]
    counts = corpuscle.count(texts, n=2)
    failures = 0
    for _ in range(times):
        try:
            counts.save(path)
        except OSError:
            failures += 1
    return failures


def _load_many(path: str, times: int) -> int:
    failures = 0
    for _ in range(times):
        try:
            Counts.load(path)
        except (OSError, ValueError):
            failures += 1
    return failures


def test_fault_02_concurrent_saves_to_one_path_are_atomic(tmp_path):
    import concurrent.futures
    import multiprocessing

    path = str(tmp_path / "shared.counts")
    _save_many(path, 0, 1)
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(5, mp_context=context) as pool:
        saves = [pool.submit(_save_many, path, seed, 100) for seed in range(4)]
        loads = pool.submit(_load_many, path, 300)
        assert [save.result() for save in saves] == [0, 0, 0, 0]
        assert loads.result() == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared.counts"]
    assert Counts.load(path).n_docs in (200, 400, 600, 800)


def _in_a_process_limited_to(limit: int, code: str, tmp_path: Path) -> None:
    """Run `code` where no file may grow past `limit` bytes, as on a full disk."""
    script = textwrap.dedent(
        f"""
        import resource, signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
        """
    ) + textwrap.dedent(code)
    subprocess.run([sys.executable, "-c", script], check=True, cwd=tmp_path, timeout=120)


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file size limits")
def test_fault_03_a_failed_write_leaves_no_partial_file_and_the_old_file_whole(tmp_path):
    old = corpuscle.count(["a small file"], n=1)
    old.save(tmp_path / "week.counts")
    datasets.demo().filter(source=["Capital Wire", "Valley Chronicle"]).report(
        tmp_path / "report.html"
    )
    yesterday = (tmp_path / "report.html").read_bytes()
    _in_a_process_limited_to(
        20_000,
        """
        import corpuscle
        big = corpuscle.count(["word%d and more" % i for i in range(5000)], n=2)
        try:
            big.save("week.counts")
        except OSError:
            pass
        else:
            raise SystemExit("the save should have failed")
        try:
            corpuscle.datasets.demo().report("report.html")
        except OSError:
            pass
        else:
            raise SystemExit("the report should have failed")
        """,
        tmp_path,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "week.counts"]
    assert Counts.load(tmp_path / "week.counts") == old
    assert (tmp_path / "report.html").read_bytes() == yesterday


def test_fault_04_whitespace_only_texts_of_a_one_column_csv_are_kept(tmp_path):
    texts = ["first text", "  ", "third text", "\t", "", "last"]
    pd.DataFrame({"text": texts}).to_csv(tmp_path / "one.csv", index=False)
    corpus = Corpus.from_csv(tmp_path / "one.csv", source=None)
    assert corpus.texts == texts
    assert len(corpus) == 6
    # With more columns a blank line holds no row, and none is made up.
    (tmp_path / "two.csv").write_text("source,text\nA,one\n\nB,  \n")
    assert Corpus.from_csv(tmp_path / "two.csv").texts == ["one", "  "]


# -- wrong numbers ---------------------------------------------------------------------


def test_fault_05_overlapping_windows_count_a_collocate_token_once():
    corpus = Corpus(["a b a b", "a b c d"])
    table = corpus.collocates("a", window=2, min_count=1).set_index("collocate")
    # Merged windows less the nodes: b, b in the first text, b, c in the second.
    assert table["count"].to_dict() == {"b": 3, "c": 1}
    assert (table["count"] <= table["collocate_count"]).all()
    # R1 = 4, N = 8: E11(b) = 4 * 3 / 8, mi = log2(3 / 1.5) = 1, delta_p = 3/4 - 0/4.
    assert table.loc["b", "expected"] == pytest.approx(1.5)
    assert table.loc["b", "mi"] == pytest.approx(1.0)
    assert table.loc["b", "delta_p"] == pytest.approx(0.75)
    assert table.loc["b", "llr"] == pytest.approx(reference.g2_2x2(3, 4, 3, 8))
    demo = datasets.demo().collocates("we")
    assert (demo["count"] <= demo["collocate_count"]).all()
    assert not demo["llr"].isna().any()


@settings(max_examples=60, deadline=None)
@given(corpora(max_size=5), st.integers(1, 3), st.sampled_from(["a", "b", "c"]))
def test_fault_05_merged_windows_equal_the_reference(corpus_texts, window, node):
    texts, _ = corpus_texts
    corpus = Corpus(texts)
    docs = [reference.sentences(text) for text in texts]
    occurrences, span, near = reference.window_cooccurrence(docs, node, window, window)
    if span == 0:
        return
    table = corpus.collocates(node, window=window, min_count=1).set_index("collocate")
    assert table["count"].to_dict() == dict(near)
    assert (table["node_count"] == occurrences).all()
    n = corpus.n_tokens
    for word, row in table.iterrows():
        c1 = row["collocate_count"]
        assert row["expected"] == pytest.approx(span * c1 / n, rel=1e-12)
        assert row["llr"] == pytest.approx(
            reference.g2_2x2(row["count"], span, c1, n), rel=1e-9, abs=1e-12
        ), word


def test_fault_06_an_external_reference_counts_only_terms_the_corpus_could_hold():
    corpus = Corpus(["A a b b a c d"], sources=["A"])
    clean = corpus.keyness("A", reference={"a": 3, "b": 2}, min_count=1)
    noisy_table = {"a": 3, "b": 2, ",": 1000, ".": 1000}
    with pytest.warns(UserWarning, match="reference table") as caught:
        noisy = corpus.keyness("A", reference=noisy_table, min_count=1)
    pd.testing.assert_frame_equal(noisy, clean)
    assert caught[0].category is corpuscle.ReferenceWarning
    assert "2 entries of the reference table (2,000 of its 2,005 tokens)" in str(caught[0].message)
    assert noisy.attrs == clean.attrs
    # a: 3 of the target's 7 tokens, 3 of the reference's 5.
    row = clean.set_index("term").loc["a"]
    # The reference's llr is signed: negative, as a is relatively rarer in the target.
    assert row["statistic"] == pytest.approx(reference.keyness_scores(3, 3, 7, 5)["llr"])
    assert row["statistic"] < 0
    assert set(clean["term"]) == {"a", "b", "c", "d"}


def test_fault_07_keyness_refuses_comparisons_that_mean_nothing():
    corpus = Corpus(["a b c", "a b d", "c d e"], sources=["X", "Y", "Z"])
    counts = corpus.counts(n=1)
    for source in (corpus, counts):
        with pytest.raises(ValueError, match=r"'X' of 'source' is in both the target and the"):
            source.keyness("X", reference=["X", "Y"], min_count=1)
        with pytest.raises(ValueError, match=r"'X' of 'source' is in both"):
            source.keyness("X", reference="X", min_count=1)
        with pytest.raises(ValueError, match=r"target names no value of 'source'"):
            source.keyness([], min_count=1)
        with pytest.raises(ValueError, match=r"reference names no value of 'source'"):
            source.keyness("X", reference=[], min_count=1)


def test_fault_08_one_rule_for_group_values_in_every_reader(tmp_path):
    path = tmp_path / "years.jsonl"
    records = [
        {"text": "a b", "year": 2020},
        {"text": "a c", "year": 2020.0},
        {"text": "c", "year": 2021},
        {"text": "d", "year": None},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    corpus = Corpus.from_jsonl(path, source=None)
    from_corpus = corpus.summary(by="year")
    streamed = corpuscle.count_files(str(path), by="year", n=1).groups
    for groups in (from_corpus, streamed, corpus.counts(n=1, by="year").groups):
        assert groups["year"].tolist()[:2] == [2020, 2021]
        assert [type(v) for v in groups["year"].tolist()[:2]] == [int, int]
        assert _missing(groups["year"].tolist()[2])
        assert groups["documents"].tolist() == [2, 1, 1]
    ids = Corpus(["a", "b"], ids=[float("nan"), 1]).ids
    assert math.isnan(ids[0])
    assert ids[1] == 1
    assert type(ids[1]) is int
    assert Corpus(["a", "b"], meta={"year": [2020, None]}).meta["year"].tolist() == [2020, None]
    # True is not 1, in a Corpus as in Counts.
    flags = Corpus(["a", "b", "c"], meta={"flag": [True, 1, 1]})
    assert flags.summary(by="flag")["documents"].tolist() == [1, 2]
    assert flags.counts(n=1, by="flag").groups["documents"].tolist() == [1, 2]


def _missing(value):
    return value is None or (isinstance(value, float) and math.isnan(value))


def _scaled(data: bytes, factor: int) -> bytes:
    """A counts file with every count, document and position multiplied by `factor`.

    The sections are re-checksummed, so the file is well formed and holds
    numbers no text could make.
    """
    out, at = bytearray(data[:20]), 20
    max_n = None
    while at < len(data):
        tag = data[at : at + 4]
        (length,) = struct.unpack("<Q", data[at + 4 : at + 12])
        payload = bytearray(data[at + 12 : at + 12 + length])
        if tag == b"HEAD":
            lines = dict(line.split("=", 1) for line in payload.decode().splitlines())
            max_n = int(lines["max_n"])
        elif tag == b"GRUP":
            i = 0
            while i < len(payload):
                (size,) = struct.unpack("<I", payload[i : i + 4])
                i += 4 + size
                for _ in range(1 + max_n):  # documents, positions
                    (value,) = struct.unpack("<Q", payload[i : i + 8])
                    payload[i : i + 8] = struct.pack("<Q", value * factor)
                    i += 8
                i += 8 * max_n  # undercounts
        elif tag == b"NGRM":
            i = 0
            while i < len(payload):
                for n in range(1, max_n + 1):
                    (rows,) = struct.unpack("<Q", payload[i : i + 8])
                    i += 8
                    for _ in range(rows):
                        i += 4 * n
                        for _ in range(2):  # count, documents
                            (value,) = struct.unpack("<Q", payload[i : i + 8])
                            payload[i : i + 8] = struct.pack("<Q", value * factor)
                            i += 8
        out += tag + struct.pack("<Q", length) + payload + struct.pack("<I", zlib.crc32(payload))
        at += 12 + length + 4
    return bytes(out)


def test_fault_09_counts_past_2_63_are_errors_never_wrapped(tmp_path):
    one = corpuscle.count([("a b a", "X")], n=2)
    two = corpuscle.count([("a b a", "X"), ("b a b", "Y")], n=2)
    # 3 tokens x 2**61: a group's counts fit in int64; two groups of them do not.
    big = 2**61
    (tmp_path / "one.counts").write_bytes(_scaled(one._inner.to_bytes(), big))
    (tmp_path / "two.counts").write_bytes(_scaled(two._inner.to_bytes(), big))
    loaded = Counts.load(tmp_path / "one.counts")
    assert loaded.n_tokens == 3 * big  # an exact Python int, never a wrapped sum
    table = loaded.collocations(min_count=1)
    assert (table["expected"] > 0).all()
    assert not table["llr"].isna().any()
    # The same as the unscaled counts: llr scales with the counts, pmi not at all.
    small = one.collocations(min_count=1)
    np.testing.assert_allclose(table["llr"], small["llr"] * big, rtol=1e-9)
    np.testing.assert_allclose(table["pmi"], small["pmi"], rtol=1e-9)
    passed = r"positions summed over the groups pass the largest count held \(2\*\*63 - 1\)"
    with pytest.raises(corpuscle.FileFormatError, match=passed + r' at group \["Y"\]'):
        Counts.load(tmp_path / "two.counts")
    with pytest.raises(OverflowError, match=passed + r' at group \["X"\]'):
        loaded + loaded
    corpus = Corpus(["a b"], sources=["A"])
    with pytest.raises(OverflowError, match=r"reference count of 'a' is 9,223,372,036,854,775,808"):
        corpus.keyness("A", reference={"a": 2**63, "b": 2**63})
    with pytest.raises(OverflowError, match=r"sums to 9,223,372,036,854,775,808 tokens"):
        corpus.keyness("A", reference={"a": 2**62, "b": 2**62})


# -- crashes and hangs -----------------------------------------------------------------


def test_fault_10_a_report_never_touches_the_output_setting(tmp_path):
    pytest.importorskip("polars")
    import polars as pl

    corpuscle.set_output("polars")
    corpus = datasets.demo()
    seen, errors = set(), []

    def write(name):
        try:
            corpus.report(tmp_path / name)
        except Exception as error:  # recorded, and the test fails below
            errors.append(error)

    reports = [threading.Thread(target=write, args=(f"r{i}.html",)) for i in range(2)]
    for thread in reports:
        thread.start()
    while any(thread.is_alive() for thread in reports):
        seen.add(corpuscle.get_output())
        assert isinstance(corpus.summary(), pl.DataFrame)
    for thread in reports:
        thread.join()
    assert errors == []
    assert seen == {"polars"}
    assert corpuscle.get_output() == "polars"


def test_fault_11_kwic_by_a_field_under_polars_and_of_mixed_types():
    corpus = Corpus(
        ["the strike began", "a strike ended", "no strike", "strike again"],
        meta={"year": [2021, "unknown", None, 2020]},
    )
    lines = corpus.kwic("strike", by="year")
    # Numbers first, then text, missing last: as summary and frequencies group them.
    assert lines["year"].tolist()[:3] == [2020, 2021, "unknown"]
    assert lines["year"].tolist()[3] is None
    assert lines["doc_id"].tolist() == [3, 0, 1, 2]
    assert corpus.summary(by="year")["year"].tolist()[:3] == [2020, 2021, "unknown"]
    pytest.importorskip("polars")
    corpuscle.set_output("polars")
    polar = Corpus(["b strike", "a strike"], sources=["B", "A"]).kwic("strike", by="source")
    assert polar["source"].to_list() == ["A", "B"]
    assert polar["match"].to_list() == ["strike", "strike"]


def test_fault_12_kwic_and_report_after_lone_surrogates_were_replaced(tmp_path):
    with pytest.warns(corpuscle.RepairWarning):
        corpus = Corpus(
            ["bad \ud800 scrape on the strike", "the strike goes on"],
            sources=["A", "B"],
            errors="replace",
        )
    assert corpus.texts[0] == "bad \ufffd scrape on the strike"
    lines = corpus.kwic("strike", window=2)
    assert lines["left"].tolist() == ["on the ", "the "]
    assert lines["match"].tolist() == ["strike", "strike"]
    assert corpus.report(tmp_path / "r.html").stat().st_size > 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the repaired corpus pickles without repairs
        again = pickle.loads(pickle.dumps(corpus))
    assert again.texts == corpus.texts


def test_fault_13_a_surrogate_in_metadata_is_named_or_replaced(tmp_path):
    with pytest.raises(ValueError, match=r"meta\['title'\]\[1\] .*U\+DCFF at character offset 1"):
        Corpus(["a", "b"], meta={"title": ["ok", "x\udcff"]})
    with pytest.warns(corpuscle.RepairWarning, match=r"1 metadata value: meta\['title'\]\[1\]"):
        corpus = Corpus(["a", "b"], meta={"title": ["ok", "x\udcff"]}, errors="replace")
    assert corpus.meta["title"].tolist() == ["ok", "x\ufffd"]
    if sys.platform != "linux":
        return
    # A file name that is not UTF-8: Python holds it with a surrogate.
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("a text")
    with pytest.raises(ValueError, match=r"ids\[0\] .*caf\\udce9.txt.* errors='replace'"):
        Corpus.from_files(tmp_path / "*.txt")
    with pytest.warns(corpuscle.RepairWarning):
        corpus = Corpus.from_files(tmp_path / "*.txt", errors="replace")
    assert corpus.ids[0].endswith("caf\ufffd.txt")
    pytest.importorskip("polars")
    corpuscle.set_output("polars")
    assert corpus.meta["path"].to_list()[0].endswith("caf\ufffd.txt")


def test_fault_14_a_huge_thread_count_is_refused():
    for threads in (40000, 2**40):
        with pytest.raises(ValueError, match=r"4 per core"):
            corpuscle.set_num_threads(threads)
    most = corpuscle._core.MAX_THREADS
    assert most >= 4
    for threads in (most + 1, 40000, 2**40):
        with pytest.raises(ValueError, match=rf"at most {most} \(4 per core"):
            corpuscle.set_num_threads(threads)
        with pytest.raises(ValueError, match=rf"at most {most}"):
            corpuscle.count(["a"], threads=threads)
    corpuscle.set_num_threads(most)
    assert corpuscle.get_num_threads() == most
    # The engine refuses too, for any caller.
    with pytest.raises(ValueError, match=rf"at most {most}"):
        corpuscle._core.Corpus(["a"], corpuscle.Tokenizer()._inner, threads=most + 1)
    environment = {**os.environ, "CORPUSCLE_NUM_THREADS": "99999999999999999999"}
    script = "import corpuscle; print(corpuscle.get_num_threads())"
    ran = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True
    )
    assert ran.stdout.strip() == "0"
    assert "ignoring CORPUSCLE_NUM_THREADS='99999999999999999999'" in ran.stderr


# -- unclear errors --------------------------------------------------------------------


def test_fault_15_invalid_utf8_in_json_lines_names_file_line_and_byte(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"text": f"story {i} " + "é" * 60}) + "\n" for i in range(1500)]
    head = "".join(lines).encode("utf-8")
    path.write_bytes(head + b'{"text": "bad \xff byte"}\n' + lines[0].encode())
    offset = len(head) + len(b'{"text": "bad ')
    expected = rf"in file '.*news.jsonl' line 1501 at byte offset {offset}"
    with pytest.raises(UnicodeDecodeError, match=expected):
        Corpus.from_jsonl(path)
    with pytest.raises(UnicodeDecodeError, match=expected):
        corpuscle.count_files(str(path), n=1)
    with pytest.warns(corpuscle.RepairWarning, match=r"news.jsonl' line 1501"):
        corpus = Corpus.from_jsonl(path, errors="replace")
    assert corpus.texts[1500] == "bad \ufffd byte"


def test_fault_16_a_bom_is_dropped_and_a_bad_text_is_named_by_its_line(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"text": "first", "source": "A"}\n{"text": "x"}\n')
    assert Corpus.from_jsonl(path).texts == ["first", "x"]
    assert corpuscle.count_files(str(path), n=1).n_docs == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{"text": "ok"}\n\n{"text": "ok"}\n{"text": 5}\n')
    with pytest.raises(TypeError, match=r"'.*bad.jsonl' line 5: the text 'text' is int"):
        Corpus.from_jsonl(bad)
    surrogate = tmp_path / "surrogate.jsonl"
    surrogate.write_text('{"text": "a"}\n{"text": "b \\ud800"}\n')
    with pytest.raises(ValueError, match=r"surrogate.jsonl' line 2 holds a lone surrogate escape"):
        Corpus.from_jsonl(surrogate)


def test_fault_17_missing_values_are_selected_with_none():
    corpus = Corpus(["a b c", "a d", "b c", "e f"], meta={"year": [2020, np.nan, 2021, np.nan]})
    assert corpus.summary(by="year")["documents"].tolist() == [1, 1, 2]
    assert corpus.filter(year=None).texts == ["a d", "e f"]
    assert corpus.filter(year=float("nan")).texts == ["a d", "e f"]
    assert corpus.filter(year=[2020, None]).texts == ["a b c", "a d", "e f"]
    key = corpus.keyness(None, by="year", min_count=1).set_index("term")
    assert key.loc["e", "target_count"] == 1
    assert key.loc["c", "reference_count"] == 2
    counted = corpus.counts(n=1, by="year").keyness(None, min_count=1).set_index("term")
    pd.testing.assert_series_equal(counted["statistic"], key["statistic"], check_like=True)
    with pytest.raises(KeyError, match=r"target None is not .* the values are: 2020.0, 2021.0\W*$"):
        Corpus(["a", "b"], meta={"year": [2020.0, 2021.0]}).keyness(None, by="year")


def test_fault_19_the_command_line_says_one_line_and_exits_2_or_130(tmp_path, capsys, monkeypatch):
    table = pd.DataFrame(
        {
            "text": ["the strike began", "the strike ended", "calm day"],
            "pub date": ["2023-01", "2023-02", "2023-02"],
            "year": [2022, 2023, 2023],
        }
    )
    table.to_csv(tmp_path / "news.csv", index=False)
    news = str(tmp_path / "news.csv")
    assert command_line.main(["kwic", news, "strike", "--by", "pub date"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == ["2023-01", "2023-02"]
    arguments = ["keyness", news, "--by", "year", "--target", "2022", "--min-count", "1"]
    assert command_line.main(arguments) == 0
    assert "began" in capsys.readouterr().out
    assert command_line.main(["kwic", news, "strike", "--by", "no such"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("corpuscle: error: no field 'no such'")

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(command_line, "_run_freq", interrupted)
    assert command_line.main(["freq", news]) == 130
    assert capsys.readouterr().err == "corpuscle: interrupted\n"

    def broken(args):
        raise AttributeError("'NoneType' object has no attribute 'x'")

    monkeypatch.setattr(command_line, "_run_freq", broken)
    assert command_line.main(["freq", news]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_fault_20_small_faults(tmp_path):
    counts = corpuscle.count(["Gas deal."], n=1)
    with pytest.raises(ValueError, match=r"cannot write to '': give a file name"):
        counts.save("")
    without = Corpus(["a b", "c"])
    assert without.summary()["documents"].tolist() == [2]
    assert without.counts(n=1).n_docs == 2
    assert without.counts(n=1).by == []
    pytest.importorskip("polars")
    import polars as pl

    corpuscle.set_output("polars")
    assert isinstance(counts.groups, pl.DataFrame)
    assert isinstance(counts.error_bounds, pl.DataFrame)
    assert counts.groups["tokens"].to_list() == [2]
    corpuscle.set_output("pandas")
    with pytest.warns(corpuscle.RepairWarning):
        repaired = Corpus(["ok", "bad \ud800"], errors="replace")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert pickle.loads(pickle.dumps(repaired)).texts == ["ok", "bad \ufffd"]
