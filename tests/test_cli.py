"""The command line: demo and freq over .txt and .jsonl files."""

import json
import subprocess
import sys

import pytest

from corpuscle.cli import main


def test_demo_prints_summary_and_top_terms(capsys):
    assert main(["demo", "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "Northgate Ledger          3     810    346" in out
    assert "Northgate Ledger: workers (19), said (11), union (11)" in out


def test_freq_over_text_files_by_parent_and_stem(tmp_path, capsys):
    (tmp_path / "tass").mkdir()
    (tmp_path / "tass" / "one.txt").write_text("Xi met Putin. Putin smiled.", encoding="utf-8")
    (tmp_path / "bbc").mkdir()
    (tmp_path / "bbc" / "two.txt").write_text("Xi left.", encoding="utf-8")
    assert main(["freq", str(tmp_path / "*" / "*.txt"), "--top", "1"]) == 0
    out = capsys.readouterr().out
    assert "tass: putin (2)" in out
    assert "bbc: left (1)" in out
    assert (
        main(
            ["freq", str(tmp_path / "*" / "*.txt"), "--by", "stem", "--top", "1", "--format", "csv"]
        )
        == 0
    )
    assert capsys.readouterr().out.splitlines()[:2] == [
        "source,term,count,per_million,doc_freq,rank",
        "one,putin,2,400000.0,1,1",
    ]


def test_freq_over_jsonl_as_json(tmp_path, capsys):
    path = tmp_path / "news.jsonl"
    path.write_text(
        json.dumps({"text": "The Power of Siberia.", "source": "A"}) + "\n", encoding="utf-8"
    )
    assert main(["freq", str(path), "--n", "2", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["source"], r["term"], r["count"]) for r in rows] == [
        ("A", "of siberia", 1),
        ("A", "power of", 1),
        ("A", "the power", 1),
    ]
    # Every bigram here holds a stop word.
    assert main(["freq", str(path), "--n", "2", "--stopwords", "english", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_errors_exit_2_with_a_message(tmp_path, capsys):
    assert main(["freq", str(tmp_path / "none" / "*.txt")]) == 2
    assert "no files match" in capsys.readouterr().err


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "corpuscle", "demo", "--top", "2"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Valley Chronicle: said (13), valley (12)" in result.stdout


def test_collocations_and_kwic_commands(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(
        "Vladimir Putin met Xi. Vladimir Putin smiled. Vladimir Putin left.", encoding="utf-8"
    )
    assert (
        main(["collocations", str(tmp_path / "*" / "*.txt"), "--top", "1", "--format", "csv"]) == 0
    )
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("source,ngram,count,expected,count_nested,llr")
    assert rows[1].startswith("a,vladimir putin,3,")
    assert main(["kwic", str(tmp_path / "a" / "one.txt"), "putin", "--window", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3
    assert out[0].endswith("Vladimir [Putin] met")
    assert main(["kwic", str(tmp_path / "a" / "one.txt"), "xi", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["match"] == "Xi"
    assert main(["collocations", str(tmp_path / "a" / "one.txt"), "--sort", "nope"]) == 2
    assert "unknown measure 'nope'" in capsys.readouterr().err


def test_keyness_command_with_plot(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    from corpuscle import datasets

    path = datasets.demo_path()
    plot_file = tmp_path / "key.png"
    assert (
        main(
            [
                "keyness",
                path,
                "--target",
                "Valley Chronicle",
                "--top",
                "2",
                "--format",
                "csv",
                "--plot",
                str(plot_file),
            ]
        )
        == 0
    )
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("term,target_count,reference_count,")
    assert rows[1].startswith("valley,12,0,")
    assert plot_file.stat().st_size > 10_000
    assert main(["keyness", path, "--top", "1", "--stopwords", "english"]) == 0
    out = capsys.readouterr().out
    assert "Northgate Ledger" in out
    assert "workers" in out
    assert main(["keyness", path, "--target", "Nobody"]) == 2
    assert "target 'Nobody' is not a value of 'source'" in capsys.readouterr().err


STORY = (
    "The rail strike closed every station on the northern line this morning, "
    "and the union said talks with the ministry would resume on Friday."
)


def test_dedupe_reports_the_copy(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY.upper() + "\n\nAdvertisement", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Prices rose again in March.", encoding="utf-8")
    assert main(["dedupe", str(tmp_path / "*.txt"), "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].split(",")[:2] == ["doc_a", "doc_b"]
    assert len(rows) == 2
    assert rows[1].startswith(f"{tmp_path / 'a.txt'},{tmp_path / 'b.txt'}")
    # 24 tokens -> 20 windows in a.txt; b.txt adds one token, one window: 20 / 21.
    assert rows[1].endswith(f",{20 / 21},1.0")
    assert main(["dedupe", str(tmp_path / "*.txt"), "--threshold", "0.99"]) == 0
    assert "no pairs with jaccard >= 0.99 among 3 documents" in capsys.readouterr().out


def test_clean_flag_drops_copies_and_boilerplate(tmp_path, capsys):
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / "a.txt").write_text(STORY + "\nAdvertisement", encoding="utf-8")
    (tmp_path / "wire" / "b.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "wire" / "c.txt").write_text("Prices rose.\nAdvertisement", encoding="utf-8")
    (tmp_path / "wire" / "d.txt").write_text("Markets shut.\nAdvertisement", encoding="utf-8")
    pattern = str(tmp_path / "*" / "*.txt")
    assert main(["freq", pattern, "--top", "1"]) == 0
    # Tokens: a 24 + 1, b 24, c 2 + 1, d 2 + 1.
    assert "wire          4      55" in capsys.readouterr().out
    assert main(["freq", pattern, "--top", "1", "--clean"]) == 0
    captured = capsys.readouterr()
    # "Advertisement" is in 3 of the 4 documents: boilerplate; b is a copy of a.
    assert "wire          3      28" in captured.out
    assert "cleaned: 3 boilerplate, 1 duplicate" in captured.err
