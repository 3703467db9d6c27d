"""Stop word lists written for corpuscle.

``english`` holds English function words: articles, pronouns (with their
possessive and reflexive forms), auxiliary and modal verbs in all their forms,
prepositions, conjunctions, common adverbs of degree and place, and the
contractions of those, as the default tokenizer writes them (``don't``).
Content words are never in it, not even very frequent ones in news (``said``,
``year``), because they carry what outlets differ in. One word per line in
``english.txt``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

LANGUAGES = ("english",)


@cache
def stopwords(language: str = "english") -> frozenset[str]:
    """Return the built-in stop word list for `language`.

    Examples
    --------
    >>> from corpuscle import stopwords
    >>> "the" in stopwords("english"), "putin" in stopwords("english")
    (True, False)
    """
    if language not in LANGUAGES:
        raise ValueError(
            f"no built-in stop word list {language!r}; there is: {', '.join(LANGUAGES)}"
        )
    text = resources.files(__name__).joinpath(f"{language}.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())
