"""The example notebook runs top to bottom and still prints what it shows; examples type-check.

The notebook is stored with its outputs, so readers see results without running it. Here it
runs again in a fresh kernel of this Python, and every text output (results, printed lines)
must equal the stored one: a change in corpuscle that changes what the notebook shows fails
this test until the notebook is re-run and committed (``python tests/test_examples.py``).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "examples" / "compare_outlets.ipynb"
SCRIPTS = sorted((ROOT / "docs" / "examples").glob("*.py"))

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")


def _kernel_of_this_python(folder: Path) -> Path:
    """A Jupyter path whose "python3" kernel is this interpreter, not whatever else is installed."""
    spec = folder / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "Python 3", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel))
    return folder


def execute(notebook_path: Path, workdir: Path) -> "nbformat.NotebookNode":
    notebook = nbformat.read(notebook_path, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}
    )
    client.execute()
    return notebook


def text_outputs(notebook) -> list[list[str]]:
    """Each code cell's text: printed streams and the plain-text form of its results."""
    cells = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        texts = []
        for output in cell.outputs:
            if output.output_type == "stream" and output.name == "stdout":
                texts.append(output.text)
            elif output.output_type in ("execute_result", "display_data"):
                texts.append(output.data.get("text/plain", ""))
            elif output.output_type == "error":
                texts.append(f"{output.ename}: {output.evalue}")
        cells.append(["\n".join(line.rstrip() for line in t.splitlines()) for t in texts])
    return cells


@pytest.fixture
def jupyter_path(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", str(_kernel_of_this_python(tmp_path / "jupyter")))
    monkeypatch.setenv("CORPUSCLE_NUM_THREADS", "2")


def test_notebook_runs_and_shows_what_it_stores(tmp_path, jupyter_path):
    stored = nbformat.read(NOTEBOOK, as_version=4)
    ran = execute(NOTEBOOK, tmp_path)
    assert text_outputs(ran) == text_outputs(stored)
    report = tmp_path / "compare_outlets_report.html"
    assert "<h3>Valley Chronicle</h3>" in report.read_text(encoding="utf-8")
    assert any("image/png" in o.get("data", {}) for c in ran.cells for o in c.get("outputs", []))


def test_examples_pass_mypy_strict(tmp_path):
    stored = nbformat.read(NOTEBOOK, as_version=4)
    code = "\n\n".join(cell.source for cell in stored.cells if cell.cell_type == "code")
    notebook_code = tmp_path / "compare_outlets.py"
    notebook_code.write_text(code + "\n")
    checked = [notebook_code, *SCRIPTS]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--ignore-missing-imports",
            "--no-incremental",
            *map(str, checked),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(checked)} source files" in result.stdout


if __name__ == "__main__":
    # Re-run the notebook in place and store its new outputs.
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        os.environ["JUPYTER_PATH"] = str(_kernel_of_this_python(Path(folder) / "jupyter"))
        os.environ["CORPUSCLE_NUM_THREADS"] = "2"
        ran = execute(NOTEBOOK, Path(folder))
    nbformat.write(ran, NOTEBOOK)
    print(f"wrote {NOTEBOOK}")
