"""The tokenizer: what every statistic counts, visible token by token."""

from __future__ import annotations

from typing import Any, Literal

from corpuscle import _core
from corpuscle._text import check_text

NumberPolicy = Literal["keep", "drop", "placeholder"]


class Tokenizer:
    r"""Cut text into normalised tokens, with rules tuned for English news.

    Every rule is an option; the defaults are these:

    - Invisible characters (Unicode's Default_Ignorable_Code_Point: soft
      hyphens, zero-width joiners, direction marks, byte order marks) are
      removed, then Unicode NFKC normalisation and case folding, as in
      NFKC_Casefold; curly, straight and other apostrophes are one
      character, so ``Xi’s`` and ``Xi's`` are the same.
    - A possessive ``'s`` is stripped (``putin’s`` -> ``putin``); contractions
      of *is*/*has*/*us* such as ``it's``, ``that's``, ``let's`` are kept whole.
    - Hyphenated compounds stay whole (``russia-china``, ``vnukovo-2``); en and
      em dashes separate words.
    - Abbreviations with inner dots keep them (``u.s.``, ``u.n.``); decimals and
      thousands separators stay in numbers (``3.5``, ``12,000``).
    - URLs (kept as written), e-mail addresses, ``@handles`` and ``#hashtags``
      are single tokens.
    - Punctuation and symbols (including emoji) are dropped.
    - Words are found by Unicode UAX #29 word boundaries, sentences by UAX #29
      sentence boundaries; n-grams never cross a sentence.

    Stop words are not removed here: each statistic takes ``stopwords=``.

    Parameters
    ----------
    lowercase : bool, default True
        Case-fold tokens (Unicode lowercasing, plus ``ß`` -> ``ss`` and final
        sigma -> ``σ`` as in ``str.casefold``).
    strip_possessive : bool, default True
        Strip a possessive ``'s``.
    split_hyphens : bool, default False
        Split hyphenated compounds into their parts.
    numbers : {"keep", "drop", "placeholder"}, default "keep"
        Keep numbers, drop them, or replace each with the token ``<num>``.
    urls, emails, handles, hashtags : bool, default True
        Keep each kind as one token (True) or drop it whole (False).
    stem : str or None, default None
        Snowball stemmer language, for example ``"english"``.
    min_length : int, default 1
        Drop tokens shorter than this many characters.

    Examples
    --------
    >>> from corpuscle import Tokenizer
    >>> Tokenizer().tokenize("Xi’s 12-point plan for the U.S. — see https://example.com.")
    ['xi', '12-point', 'plan', 'for', 'the', 'u.s.', 'see', 'https://example.com']
    >>> Tokenizer(split_hyphens=True, numbers="drop").tokenize("A 12-point Russia-China plan")
    ['a', 'point', 'russia', 'china', 'plan']
    """

    def __init__(
        self,
        *,
        lowercase: bool = True,
        strip_possessive: bool = True,
        split_hyphens: bool = False,
        numbers: NumberPolicy = "keep",
        urls: bool = True,
        emails: bool = True,
        handles: bool = True,
        hashtags: bool = True,
        stem: str | None = None,
        min_length: int = 1,
    ) -> None:
        if isinstance(min_length, bool) or not isinstance(min_length, int) or min_length < 0:
            raise ValueError(f"min_length must be a non-negative int, got {min_length!r}")
        self._params: dict[str, Any] = {
            "lowercase": bool(lowercase),
            "strip_possessive": bool(strip_possessive),
            "split_hyphens": bool(split_hyphens),
            "numbers": numbers,
            "urls": bool(urls),
            "emails": bool(emails),
            "handles": bool(handles),
            "hashtags": bool(hashtags),
            "stem": stem,
            "min_length": min_length,
        }
        self._inner = _core.Tokenizer(**self._params)

    def tokenize(self, text: str) -> list[str]:
        """Return the tokens of `text`, normalised, in order.

        Examples
        --------
        >>> from corpuscle import Tokenizer
        >>> Tokenizer().tokenize("Putin’s visit, 2 days.")
        ['putin', 'visit', '2', 'days']
        """
        return self._inner.tokenize(check_text(text))

    def tokenize_spans(self, text: str) -> list[tuple[str, int, int]]:
        """Return ``(token, start, end)`` triples; offsets are characters of `text`.

        Examples
        --------
        >>> Tokenizer().tokenize_spans("Xi’s visit")
        [('xi', 0, 4), ('visit', 5, 10)]
        """
        return self._inner.tokenize_spans(check_text(text))

    def sentences(self, text: str) -> list[list[str]]:
        """Return the tokens of `text` sentence by sentence (UAX #29 sentences).

        Examples
        --------
        >>> Tokenizer().sentences("Xi met Putin. They talked.")
        [['xi', 'met', 'putin'], ['they', 'talked']]
        """
        return self._inner.sentences(check_text(text))

    def normalize(self, term: str) -> str:
        """Return `term` normalised as a token would be (used for stop words).

        Examples
        --------
        >>> from corpuscle import Tokenizer
        >>> Tokenizer().normalize("PUTIN’S")
        'putin'
        """
        return self._inner.normalize_term(check_text(term))

    def get_params(self) -> dict[str, Any]:
        """Return the options this tokenizer was made with.

        Examples
        --------
        >>> from corpuscle import Tokenizer
        >>> Tokenizer(numbers="drop").get_params()["numbers"]
        'drop'
        """
        return dict(self._params)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tokenizer):
            return NotImplemented
        return self._params == other._params

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._params.items())))

    def __repr__(self) -> str:
        defaults = Tokenizer.__init__.__kwdefaults__ or {}
        changed = [f"{k}={v!r}" for k, v in self._params.items() if defaults.get(k) != v]
        return f"Tokenizer({', '.join(changed)})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_tokenizer, (self._params,))


def _rebuild_tokenizer(params: dict[str, Any]) -> Tokenizer:
    return Tokenizer(**params)
