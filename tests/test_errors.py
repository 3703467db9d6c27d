"""The bad-input table: each bad input raises the exception named, naming the bad item."""

import math

import pytest

import corpuscle
from corpuscle import Corpus, RepairWarning, _core


@pytest.mark.parametrize(
    ("bad", "shown"),
    [
        (None, r"texts\[1\] is NoneType \(None\)"),
        (math.nan, r"texts\[1\] is float \(nan\)"),
        (b"bytes", r"texts\[1\] is bytes \(b'bytes'\)"),
        (7, r"texts\[1\] is int \(7\)"),
    ],
)
def test_non_str_text_names_its_index(bad, shown):
    with pytest.raises(TypeError, match=shown):
        Corpus(["fine", bad, "fine"])


def test_nan_in_a_frame_names_the_row():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"text": ["ok", None, "ok"], "source": ["A", "B", "C"]})
    # pandas may store the missing text as None, NaN or an Arrow null; either way row 1 is named.
    with pytest.raises(
        TypeError,
        match=r"row 1 of the text column 'text' is (NoneType \(None\)|float \(nan\)|missing)",
    ):
        Corpus.from_frame(df, source="source")


def test_lengths_must_match():
    with pytest.raises(ValueError, match="texts has 2 items but sources has 3"):
        Corpus(["a", "b"], sources=["A", "B", "C"])
    with pytest.raises(ValueError, match=r"texts has 2 items but meta\['year'\] has 1"):
        Corpus(["a", "b"], meta={"year": [1]})
    with pytest.raises(ValueError, match="texts has 2 items but ids has 1"):
        Corpus(["a", "b"], ids=["x"])


def test_duplicate_ids_and_one_string():
    with pytest.raises(ValueError, match="'x' appears more than once"):
        Corpus(["a", "b"], ids=["x", "x"])
    with pytest.raises(TypeError, match="not one str"):
        Corpus("a text")


def test_empty_corpus():
    with pytest.raises(ValueError, match="at least one document"):
        Corpus([])
    with pytest.raises(ValueError, match="at least one document"):
        Corpus.from_dict({})


def test_unknown_by_field_lists_the_fields():
    corpus = Corpus(["a"], sources=["A"], meta={"year": [1]})
    with pytest.raises(
        KeyError, match="no metadata field 'outlet'; the fields are: 'id', 'source', 'year'"
    ):
        corpus.frequencies(by="outlet")
    with pytest.raises(KeyError, match="'outlet'"):
        corpus.summary(by=["source", "outlet"])
    with pytest.raises(KeyError, match="'outlet'"):
        corpus.filter(outlet="A")


def test_invalid_utf8_names_file_and_byte_offset(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Xi met Putin \xff in Moscow")
    with pytest.raises(UnicodeDecodeError, match=r"bad\.txt' at byte offset 13") as info:
        Corpus.from_files([path])
    assert info.value.start == 13
    with pytest.warns(RepairWarning, match=r"undecodable bytes in 1 of 1 file: '.*bad.txt'$"):
        replaced = Corpus.from_files([path], errors="replace")
    assert replaced.texts[0] == "Xi met Putin \ufffd in Moscow"
    assert replaced.tokens(0) == ["xi", "met", "putin", "in", "moscow"]


def test_lone_surrogates_strict_and_replace():
    with pytest.raises(
        ValueError, match=r"texts\[1\] contains a lone surrogate U\+DC80 at character offset 2"
    ):
        Corpus(["fine", "ab\udc80cd"])
    with pytest.warns(RepairWarning, match=r"surrogates in 1 of 2 documents: texts\[1\]$"):
        corpus = Corpus(["fine", "ab\udc80cd efg"], errors="replace")
    assert corpus.tokens(1) == ["ab", "cd", "efg"]
    starts, _ = corpus.offsets(1)
    # Offsets still index the original text: one replacement character per surrogate.
    assert starts.tolist() == [0, 3, 6]
    # A high and a low surrogate side by side are two code points in a Python str
    # (JSON's "\ud83d\ude00" read leniently gives them), so they are two repairs,
    # never joined into one character that would shift every later offset.
    paired = "\ud83d\ude00 ab"
    with pytest.raises(ValueError, match=r"lone surrogate U\+D83D at character offset 0"):
        Corpus([paired])
    with pytest.warns(RepairWarning, match=r"in 1 of 1 document: texts\[0\]$"):
        corpus = Corpus([paired], errors="replace")
    starts, ends = corpus.offsets(0)
    assert paired[starts[0] : ends[0]] == "ab"


def test_missing_columns_and_fields(tmp_path):
    pd = pytest.importorskip("pandas")
    with pytest.raises(KeyError, match="no text column 'text'; the columns are: 'body'"):
        Corpus.from_frame(pd.DataFrame({"body": ["a"]}))
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "a"}\n{"body": "b"}\n', encoding="utf-8")
    with pytest.raises(KeyError, match="line 2 has no 'text' field"):
        Corpus.from_jsonl(path)
    path.write_text('{"text": "a"}\n{"text": \n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2: invalid JSON"):
        Corpus.from_jsonl(path)
    with pytest.raises(FileNotFoundError, match="no files match"):
        Corpus.from_files(str(tmp_path / "*.none"))
    with pytest.raises(FileNotFoundError):
        Corpus.from_files([tmp_path / "missing.txt"])


def test_bad_statistic_arguments():
    corpus = Corpus(["a b"])
    with pytest.raises(ValueError, match="n-gram lengths must be between 1 and 5"):
        corpus.frequencies(n=6)
    with pytest.raises(ValueError, match="n must be an int"):
        corpus.frequencies(n=(3, 1))
    with pytest.raises(ValueError, match="min_count must be an int >= 1"):
        corpus.frequencies(min_count=0)
    with pytest.raises(ValueError, match="not a built-in list"):
        corpus.frequencies(stopwords="klingon")
    with pytest.raises(TypeError, match=r"stopwords\[1\] is int"):
        corpus.frequencies(stopwords=["a", 1])
    with pytest.raises(ValueError, match="mask must be 1 booleans"):
        corpus.filter([True, False])
    with pytest.raises(ValueError, match="matched none"):
        corpus.filter([False])
    with pytest.raises(IndexError, match="document number 3 is out of range"):
        corpus.tokens(3)
    with pytest.raises(ValueError, match="output must be"):
        corpuscle.set_output("excel")
    with pytest.raises(ValueError, match="threads must be"):
        corpuscle.set_num_threads(-1)


def test_internal_error_is_a_runtime_error():
    assert issubclass(corpuscle.InternalError, RuntimeError)


def test_repairs_are_counted_and_named_never_silent(tmp_path):
    texts = [f"doc {i} \ud800" if i % 2 else f"doc {i}" for i in range(16)]
    with pytest.warns(RepairWarning) as caught:
        corpus = Corpus(texts, errors="replace")
    assert len(caught) == 1
    assert str(caught[0].message) == (
        "errors='replace' put U+FFFD in place of lone surrogates in 8 of 16 documents: "
        "texts[1], texts[3], texts[5], texts[7], texts[9] and 3 more"
    )
    assert len(corpus) == 16  # repaired, not dropped
    # Nothing to repair, nothing said (warnings are errors in this test suite).
    Corpus(["clean text"], errors="replace")
    (tmp_path / "good.csv").write_bytes(b"text\nfine\n")
    (tmp_path / "bad.csv").write_bytes(b"text\ncaf\xe9\nfine\n")
    with pytest.warns(RepairWarning, match=r"bytes in 1 of 2 files: '.*bad.csv'$"):
        corpus = Corpus.from_csv(sorted(tmp_path.glob("*.csv")), source=None, errors="replace")
    assert corpus.texts == ["caf\ufffd", "fine", "fine"]
    lines = tmp_path / "news.jsonl"
    lines.write_bytes(b'{"text": "ok"}\n\n{"text": "caf\xe9"}\n{"text": "\\ud800"}\n')
    with pytest.warns(RepairWarning) as caught:
        counts = corpuscle.count_files(lines, by=None, errors="replace")
    # The engine reads UTF-8 and names both lines in one warning.
    assert [str(w.message) for w in caught] == [
        "errors='replace' put U+FFFD in place of undecodable bytes or lone surrogates in 2 "
        f"files or lines: {str(lines)!r} line 3, {str(lines)!r} line 4"
    ]
    assert counts.n_docs == 3
    # Python decodes other encodings, and warns of each repair by its kind.
    lines.write_bytes(b'{"text": "ok"}\n\n{"text": "caf\x81"}\n{"text": "\\ud800"}\n')
    with pytest.warns(RepairWarning) as caught:
        counts = corpuscle.count_files(lines, by=None, encoding="cp1252", errors="replace")
    messages = sorted(str(w.message) for w in caught)
    assert messages[0].endswith("surrogates in 1 of 3 documents: items[2]")
    assert messages[1].endswith("bytes in 1 file or line: " + repr(str(lines)) + " line 3")
    assert counts.n_docs == 3


@pytest.mark.parametrize("place", ["caller", "worker"])
def test_a_panic_is_an_internal_error_and_the_process_goes_on(place):
    # A panic in a rayon worker would abort the process if it crossed into
    # Python unwinding; it must arrive as InternalError, which `except
    # Exception` catches (pyo3's own PanicException would not be).
    with pytest.raises(corpuscle.InternalError, match="deliberate panic") as info:
        _core._panic_for_tests(place)
    assert isinstance(info.value, Exception)
    # The same pool machinery still works afterwards, on any thread count.
    for threads in (1, 2):
        corpuscle.set_num_threads(threads)
        assert Corpus(["Xi met Putin.", "Putin met Xi."]).frequencies()["count"].tolist() == [
            2,
            2,
            2,
        ]


def test_missing_group_values_are_one_group_never_dropped():
    pd = pytest.importorskip("pandas")
    corpus = Corpus(["a b", "c d", "e", "f"], sources=[None, "x", float("nan"), pd.NA])
    summary = corpus.summary(by="source")
    assert summary["documents"].tolist() == [1, 3]
    assert summary["source"].isna().tolist() == [False, True]
    assert summary["tokens"].sum() == corpus.n_tokens == 6
    streamed = corpuscle.count([("a b", None), ("c d", "x"), ("e", float("nan"))], by="source")
    assert streamed.groups["documents"].tolist() == [1, 2]
