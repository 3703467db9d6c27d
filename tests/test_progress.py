"""Progress: the engine's counter, and the bar a watcher thread draws from it."""

import io
import threading

import pytest

import corpuscle
from corpuscle import _core, _progress

tqdm_std = pytest.importorskip("tqdm.std")

TEXTS = [f"word{i % 13} and word{i % 7} met word{i}." for i in range(3000)]


def test_counter_follows_each_pass_over_the_documents():
    with _core.Progress() as counter:
        corpus = corpuscle.Corpus(TEXTS, progress=False)
        assert (counter.done, counter.expected) == (3000, 3000)
        corpus.frequencies(n=2)
        assert (counter.done, counter.expected) == (6000, 6000)
        corpus.kwic("word3")
        assert (counter.done, counter.expected) == (9000, 9000)
    corpus.frequencies()  # outside the block: not counted
    assert (counter.done, counter.expected) == (9000, 9000)


def test_counter_ignores_calls_from_other_threads():
    corpus = corpuscle.Corpus(TEXTS[:500])
    with _core.Progress() as counter:
        worker = threading.Thread(target=corpus.frequencies)
        worker.start()
        worker.join()
    assert (counter.done, counter.expected) == (0, 0)


@pytest.fixture
def bars(monkeypatch):
    """Every bar drawn, as a real tqdm writing to a buffer; no delay."""
    drawn = []

    def make_bar(description):
        bar = tqdm_std.tqdm(total=None, desc=description, file=io.StringIO(), leave=True)
        drawn.append(bar)
        return bar

    monkeypatch.setattr(_progress, "DELAY", 0.0)
    monkeypatch.setattr(_progress, "_interactive", lambda: True)
    monkeypatch.setattr(_progress, "make_bar", make_bar)
    yield drawn
    corpuscle.set_progress(True)


def test_bar_ends_at_the_number_of_documents(bars):
    corpus = corpuscle.Corpus(TEXTS)
    corpus.collocations(top=5)
    assert [bar.desc for bar in bars] == ["Tokenizing", "Collocations"]
    assert (bars[0].n, bars[0].total) == (3000, 3000)
    # Collocations read the documents four times: the pairs, the words, the
    # pairs' sub-patterns, and the triples that might extend them.
    assert bars[1].n == bars[1].total == 4 * 3000
    assert "3000/3000" in bars[0].fp.getvalue()


def test_progress_false_and_set_progress_silence_the_bar(bars):
    corpus = corpuscle.Corpus(TEXTS, progress=False)
    corpus.frequencies(progress=False)
    assert bars == []
    corpuscle.set_progress(False)
    corpus.frequencies()
    corpuscle.Corpus.from_dict({"A": TEXTS[:10]})
    assert bars == []
    corpus.frequencies(progress=True)  # the call's own say wins
    assert [bar.desc for bar in bars] == ["Counting"]


def test_no_bar_when_stderr_is_not_a_terminal(bars, monkeypatch):
    monkeypatch.setattr(_progress, "_interactive", lambda: False)
    corpuscle.Corpus(TEXTS, progress=True).frequencies(progress=True)
    assert bars == []
    monkeypatch.setattr(_progress, "_interactive", lambda: True)
    monkeypatch.setattr(_progress, "_tqdm", lambda: None)  # tqdm not installed
    corpuscle.Corpus(TEXTS, progress=True)
    assert bars == []


def test_short_calls_stay_quiet(bars, monkeypatch):
    monkeypatch.setattr(_progress, "DELAY", 30.0)
    corpuscle.Corpus(TEXTS).frequencies()
    assert bars == []


def test_interactive_means_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert not _progress._interactive()
    monkeypatch.setattr("sys.stderr", Terminal())
    assert _progress._interactive()


def test_set_progress_takes_a_bool():
    with pytest.raises(TypeError, match="True or False"):
        corpuscle.set_progress("no")


def test_streamed_counting_counts_documents_as_they_come(bars):
    counts = corpuscle.count(iter(TEXTS), n=1, chunk_chars=20_000)
    assert counts.n_docs == 3000
    assert [bar.desc for bar in bars] == ["Counting"]
    # Each chunk is tokenized and then counted: two passes over every document.
    assert bars[0].n == bars[0].total == 2 * 3000


def test_a_call_inside_another_feeds_the_outer_bar(bars, tmp_path):
    corpus = corpuscle.Corpus(TEXTS[:600], sources=["A", "B", "C"] * 200, progress=False)
    corpus.report(tmp_path / "r.html", min_count=1)
    # contrast, kwic, collocations... all count into the report's one bar.
    assert [bar.desc for bar in bars] == ["Report"]
    assert bars[0].n == bars[0].total > 4 * 600
