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
    """The demo corpus: a fictional event covered by four fictional outlets.

    The northern Veldrian rail strike of March 2031: Prime Minister Anneliese
    Korvath's government, the United Rail Workers union and the Northern Arc
    high-speed line, in twelve articles (three per outlet) by a wire service
    (Capital Wire), a business daily that also re-runs the wire's first story
    almost word for word (Harbour Courier), a labour weekly (Northgate Ledger)
    and a regional paper with an environmental beat (Valley Chronicle).
    Written for corpuscle; every name, place and quotation in it is invented.

    Examples
    --------
    >>> from corpuscle import datasets
    >>> corpus = datasets.demo()
    >>> corpus.sources
    ['Capital Wire', 'Harbour Courier', 'Northgate Ledger', 'Valley Chronicle']
    """
    from corpuscle.corpus import Corpus

    return Corpus.from_jsonl(demo_path(), text="text", source="source", id="id")
