import json
from pathlib import Path

import pandas as pd
import pytest

import corpuscle
from corpuscle import Corpus

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
XI_PUTIN = SHARED / "corpora" / "xi-putin-2023"


@pytest.fixture
def xi_putin_dir() -> Path:
    """The real five-article corpus in ../shared; tests using it skip when it is absent."""
    if not (XI_PUTIN / "manifest.jsonl").exists():
        pytest.skip(f"shared corpus not found at {XI_PUTIN}")
    return XI_PUTIN


@pytest.fixture
def xi_putin(xi_putin_dir):
    """The five articles as a Corpus: id = file name, source = outlet, manifest fields."""
    manifest = [
        json.loads(line)
        for line in (xi_putin_dir / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    frame = pd.DataFrame(manifest)
    frame["text"] = [(xi_putin_dir / name).read_text(encoding="utf-8") for name in frame["file"]]
    return Corpus.from_frame(frame, text="text", source="source", id="file")


@pytest.fixture(autouse=True)
def _default_settings():
    yield
    corpuscle.set_output("pandas")
    corpuscle.set_num_threads(None)
