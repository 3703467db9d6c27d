"""Data sets shipped with corpuscle."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpuscle.corpus import Corpus

__all__ = ["demo", "demo_path"]


def demo_path() -> str:
    """Path of the demo corpus, a JSON Lines file (fields: source, id, date, title, text)."""
    return str(resources.files(__name__).joinpath("demo.jsonl"))


def demo() -> Corpus:
    """The demo corpus: a fictional event covered by five fictional outlets.

    The northern Veldrian rail strike of March 2031: Prime Minister Anneliese
    Korvath's government, the United Rail Workers union and the Northern Arc
    high-speed line, seen by a business daily, a labour weekly, a regional
    paper with an environmental beat, a wire service, and a tabloid-leaning
    city paper that re-runs the wire's story almost word for word. Written for
    corpuscle; every name, place and quotation in it is invented.

    Examples
    --------
    >>> from corpuscle import datasets
    >>> corpus = datasets.demo()
    >>> corpus.sources
    ['Capital Wire', 'Harbour Courier', 'Northgate Ledger', 'The Morning Post', 'Valley Chronicle']
    """
    from corpuscle.corpus import Corpus

    return Corpus.from_jsonl(demo_path(), text="text", source="source", id="id")
