from pathlib import Path

import pytest

import corpuscle

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
XI_PUTIN = SHARED / "corpora" / "xi-putin-2023"


@pytest.fixture
def xi_putin_dir() -> Path:
    """The real five-article corpus in ../shared; tests using it skip when it is absent."""
    if not (XI_PUTIN / "manifest.jsonl").exists():
        pytest.skip(f"shared corpus not found at {XI_PUTIN}")
    return XI_PUTIN


@pytest.fixture(autouse=True)
def _default_settings():
    yield
    corpuscle.set_output("pandas")
    corpuscle.set_threads(None)
