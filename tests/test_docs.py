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


def _public_api():
    """Every public function, class and method a user can reach from ``corpuscle``."""
    import corpuscle.dask
    import corpuscle.plot

    found = {}
    for module in (corpuscle, corpuscle.plot, corpuscle.dask):
        for name in module.__all__:
            obj = getattr(module, name)
            if not callable(obj):
                continue
            found[f"{module.__name__}.{name}"] = obj
            if isinstance(obj, type) and obj.__module__.startswith("corpuscle."):
                for base in obj.__mro__:
                    if base.__module__.startswith("corpuscle."):
                        for member, value in vars(base).items():
                            if not member.startswith("_") and _is_method(value):
                                found.setdefault(f"{module.__name__}.{name}.{member}", value)
    return found


def _is_method(value):
    return callable(value) or isinstance(value, (classmethod, staticmethod))


# The exception classes come from the compiled module, whose docstrings
# doctest does not run; corpuscle.exceptions' module docstring shows them.
NOT_RUN = {"corpuscle.FileFormatError", "corpuscle.InternalError"}


def test_every_public_function_has_a_runnable_example():
    api = _public_api()
    assert "corpuscle.Corpus.report" in api
    assert "corpuscle.Counts.merge" in api
    missing = [
        name
        for name, obj in api.items()
        if name not in NOT_RUN and ">>>" not in (getattr(obj, "__func__", obj).__doc__ or "")
    ]
    assert missing == []


def test_every_test_the_reliability_page_cites_exists():
    # The bad-input table is only worth its proofs: each `path::name` must be a
    # test function (Python) or #[test] function (Rust) in that file.
    import re

    page = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    cited = re.findall(r"`((?:tests|src)/[\w/]+\.(?:py|rs))::(\w+)`", page)
    assert len(cited) >= 30
    for path, name in cited:
        source = (ROOT / path).read_text(encoding="utf-8")
        assert re.search(rf"^\s*(?:async )?(?:def|fn) {name}\(", source, re.M), f"{path}::{name}"
