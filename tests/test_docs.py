"""The README session and every docstring example run as written."""

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import corpuscle

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
GUIDES = sorted((ROOT / "docs").glob("*.md"))
MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(corpuscle.__path__, prefix="corpuscle.")
    if not name.endswith("__main__")
)
OPTIONS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


def test_readme_session():
    result = doctest.testfile(str(README), module_relative=False, optionflags=OPTIONS)
    assert result.attempted >= 8
    assert result.failed == 0


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_guide_examples(guide):
    result = doctest.testfile(str(guide), module_relative=False, optionflags=OPTIONS)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize("name", ["corpuscle", *MODULES])
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=OPTIONS)
    assert result.failed == 0
