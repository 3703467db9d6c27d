"""The outlet-comparison report: its content, its size, its safety, and how a browser shows it."""

import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

import corpuscle
from corpuscle import Corpus, datasets
from corpuscle.cli import main

SECTIONS = ["summary", "keywords", "collocations", "duplicates", "settings"]
ARTIFACTS = Path(os.environ.get("CORPUSCLE_ARTIFACTS", Path(__file__).parent.parent / "artifacts"))


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "outlets.html"
    datasets.demo().report(path)
    return path, path.read_text(encoding="utf-8")


def test_sections_hold_the_numbers_of_the_methods_behind_them(demo_report):
    _, page = demo_report
    corpus = datasets.demo()
    for section in SECTIONS:
        assert f'<section id="{section}">' in page
    summary = corpus.summary()
    for source, tokens in zip(summary["source"], summary["tokens"]):
        assert re.search(
            rf"<td>{source}</td><td class=\"num\">3</td><td class=\"num\">{tokens:,}<", page
        )
    keywords = corpus.contrast(stopwords="english", top=15)
    keywords = keywords[keywords["direction"] == "target"]
    for source in corpus.sources:
        top = keywords[keywords["group"] == source].iloc[0]
        assert f"<h3>{source}</h3>" in page
        # The top keyword's row, with its counts, and its lines in context.
        assert f"<td>{top.term}</td><td class=num>{top.target_count}</td>" in page
        assert f"<h4>“{top.term}” in context</h4>" in page
    pairs = corpus.near_duplicates(0.8)
    assert len(pairs) == 1
    assert f"{pairs['doc_a'][0]}</td><td>{pairs['doc_b'][0]}" in page
    top_collocation = corpus.collocations(stopwords="english", top=1)["ngram"][0]
    assert f"<td>{top_collocation}</td>" in page
    assert "<dt>keyness measure</dt><dd>llr</dd>" in page


def test_concordance_lines_come_from_the_group_and_from_different_documents(demo_report):
    _, page = demo_report
    corpus = datasets.demo()
    block = page.split("<h4>“agreement” in context</h4>")[1].split("</table>")[0]
    docs = re.findall(r'<td class="doc" title="([^"]+)"', block)
    assert len(docs) == 3
    wire = corpus.filter(source="Capital Wire").kwic("agreement")
    assert set(docs) <= set(wire["doc_id"])
    # Three lines from the two documents that hold it: both documents are shown.
    assert set(docs) == set(wire["doc_id"])


def test_nothing_is_fetched_and_there_is_no_script(demo_report):
    _, page = demo_report
    assert "<script" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//|file:)""", page)
    assert "@import" not in page
    assert "url(" not in page
    assert "<link" not in page


def test_corpus_text_is_escaped(tmp_path):
    texts = ["<script>alert(1)</script> deal & talks " * 3, "<b>bold</b> plan " * 3] * 3
    sources = ["<i>A</i>", "B&B"] * 3
    path = Corpus(texts, sources=sources).report(tmp_path / "r.html", stopwords=None, min_count=1)
    page = path.read_text(encoding="utf-8")
    assert "<script" not in page
    assert "<i>A</i>" not in page
    assert "<b>bold" not in page
    assert "&lt;i&gt;A&lt;/i&gt;" in page
    assert "B&amp;B" in page


def test_a_large_corpus_keeps_the_file_small(tmp_path):
    rng = np.random.default_rng(7)
    vocabulary = np.array([f"w{i:05d}" for i in range(20_000)])
    groups = [f"outlet {g:02d}" for g in range(60)]
    texts, sources = [], []
    for g, name in enumerate(groups):
        # Each outlet favours its own slice of the vocabulary, so every one has keywords.
        own = vocabulary[g * 300 : (g + 1) * 300]
        for _ in range(40):
            words = np.concatenate([rng.choice(own, 150), rng.choice(vocabulary, 150)])
            rng.shuffle(words)
            texts.append(" ".join(words) + ". " + "Subscribe to our newsletter for more. " * 2)
            sources.append(name)
    corpus = Corpus(texts, sources=sources)
    path = corpus.report(tmp_path / "big.html", top=100, lines=10, max_groups=50)
    size = path.stat().st_size
    assert size < 5 * 2**20
    page = path.read_text(encoding="utf-8")
    assert page.count('<div class="group">') == 50
    assert "Not shown: 10 smaller groups" in page


def test_thousands_of_groups_and_huge_tokens_stay_small(tmp_path):
    # Every document its own group, each with one 3,000-character token three times:
    # labels, terms and the summary must all be cut down.
    texts = [f"{'x' * 3000}{i} " * 3 + "common words here." for i in range(3000)]
    labels = [f"outlet {'y' * 500} {i}" for i in range(3000)]
    corpus = Corpus(texts, sources=labels)
    path = corpus.report(tmp_path / "wide.html", top=100, lines=10, max_groups=50, min_count=1)
    assert path.stat().st_size < 5 * 2**20
    page = path.read_text(encoding="utf-8")
    assert page.count('<div class="group">') == 50
    assert "<td>2,950 other groups</td>" in page
    assert "x" * 100 not in page
    assert "y" * 200 not in page


def test_bad_arguments_are_named(tmp_path):
    corpus = datasets.demo()
    with pytest.raises(ValueError, match="give by= a metadata field"):
        corpus.report(tmp_path / "r.html", by=None)
    with pytest.raises(ValueError, match="has only 1 value"):
        corpus.filter(source="Capital Wire").report(tmp_path / "r.html")
    with pytest.raises(ValueError, match=r"ending in \.html"):
        corpus.report(tmp_path / "r.pdf")
    with pytest.raises(ValueError, match="top must be an int from 1 to 100"):
        corpus.report(tmp_path / "r.html", top=0)
    with pytest.raises(TypeError, match="duplicate_threshold must be a number"):
        corpus.report(tmp_path / "r.html", duplicate_threshold="high")
    with pytest.raises(ValueError, match=r"duplicate_threshold must be in \(0, 1\]"):
        corpus.report(tmp_path / "r.html", duplicate_threshold=1.5)
    with pytest.raises(KeyError, match="outlet"):
        corpus.report(tmp_path / "r.html", by="outlet")
    assert not (tmp_path / "r.html").exists()


def test_polars_output_setting_does_not_change_the_report(tmp_path, demo_report):
    pytest.importorskip("polars")
    corpuscle.set_output("polars")
    path = datasets.demo().report(tmp_path / "outlets.html")
    generated = re.compile(r"Generated [0-9-]+ [0-9:]+")
    assert generated.sub("", path.read_text(encoding="utf-8")) == generated.sub("", demo_report[1])


def test_command_line_writes_the_report(tmp_path, capsys):
    corpus = datasets.demo()
    csv = tmp_path / "news.csv"
    corpus.meta.assign(text=corpus.texts).to_csv(csv, index=False)
    out = tmp_path / "report.html"
    assert main(["report", str(csv), "--by", "source", "-o", str(out), "--top", "5"]) == 0
    assert "wrote" in capsys.readouterr().out
    page = out.read_text(encoding="utf-8")
    assert all(f"<h3>{source}</h3>" in page for source in corpus.sources)
    assert "<dt>keywords per group</dt><dd>5</dd>" in page
    assert main(["report", str(csv), "--by", "title", "-o", str(tmp_path / "t.html")]) == 0
    assert main(["report", str(csv), "--by", "nothing", "-o", str(out)]) == 2
    assert "no field 'nothing'" in capsys.readouterr().err


# -- in a real browser --------------------------------------------------------------


def _browser():
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CORPUSCLE_REQUIRE_BROWSER"):
            pytest.fail("CORPUSCLE_REQUIRE_BROWSER is set and chromium is not installed")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


def _headless(browser, *args):
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def test_report_renders_in_headless_chromium(demo_report):
    browser = _browser()
    path, _ = demo_report
    url = path.resolve().as_uri()
    shown = _headless(browser, "--dump-dom", url)
    # Chromium logs every console message, and every failed load, as CONSOLE lines.
    console = [line for line in shown.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    dom = shown.stdout
    for heading in [
        "Corpus summary",
        "Keywords of each group",
        "Top collocations",
        "Near-duplicates and boilerplate",
        "Settings",
    ]:
        assert f"{heading}</h2>" in dom
    for source in datasets.demo().sources:
        assert f"<h3>{source}</h3>" in dom
    assert "“agreement” in context" in dom

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "report.png"
    screenshot.unlink(missing_ok=True)
    _headless(browser, "--window-size=1280,2400", f"--screenshot={screenshot}", url)
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2400)
    assert len(data) > 50_000  # a blank page compresses to a few KB


def test_report_of_the_real_articles(xi_putin, tmp_path):
    page = xi_putin.report(tmp_path / "xi.html").read_text(encoding="utf-8")
    for source in xi_putin.sources:
        assert f"<h3>{source}</h3>" in page
    # The top pair over all five articles (20 times: grep -io 'xi jinping' agrees).
    assert "<td>xi jinping</td><td class=num>20</td>" in page
    assert len(page.encode()) < 200_000
