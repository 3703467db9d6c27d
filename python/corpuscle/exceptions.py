"""Exceptions corpuscle raises besides the builtin ones.

Bad input raises builtin exceptions that name the bad item: TypeError for a
non-str text (with its index), ValueError for mismatched lengths, empty
corpora and lone surrogates, KeyError for unknown fields (listing the fields
there are), UnicodeDecodeError for undecodable files (with file and byte
offset). An interrupted computation raises KeyboardInterrupt.

>>> import corpuscle, pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "notes.counts"
>>> _ = path.write_text("These are my notes, not counts.")
>>> try:
...     corpuscle.Counts.load(path)
... except corpuscle.FileFormatError as error:  # also a ValueError
...     print(str(error).split(": ", 1)[1])
at byte 0: this is not a corpuscle counts file (it does not start with 'CORPUSCLE COUNTS')
"""

from corpuscle._core import FileFormatError, InternalError

__all__ = ["FileFormatError", "InternalError", "ReferenceWarning", "RepairWarning"]


class RepairWarning(UserWarning):
    r"""Input was repaired because ``errors="replace"`` was asked for.

    Raised as a warning, once per call, with how many documents, files or
    lines were changed and the first few of them, so no repair goes unseen.
    Silence it with :func:`warnings.filterwarnings` when the repairs are expected.

    >>> import warnings, corpuscle
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     corpus = corpuscle.Corpus(["ok", "broken \ud800 scrape"], errors="replace")
    >>> print(caught[0].message)
    errors='replace' put U+FFFD in place of lone surrogates in 1 of 2 documents: texts[1]
    """


class ReferenceWarning(UserWarning):
    """Entries of an external reference table that the corpus could never hold were left out.

    A reference frequency table (``keyness(reference={...})``) is often a list
    made by another tool, with punctuation, numbers or phrases among its
    terms. An entry the corpus' tokenizer turns into no n-gram of the length
    compared counts toward neither side: it is left out of the table and of
    its size, and this warning says how many entries and tokens that was.

    >>> import warnings, corpuscle
    >>> corpus = corpuscle.Corpus(["Gas deal."], sources=["A"])
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     key = corpus.keyness("A", reference={"gas": 3, "deal": 2, ",": 1000}, min_count=1)
    >>> print(caught[0].message)  # doctest: +NORMALIZE_WHITESPACE
    1 entry of the reference table (1,000 of its 1,005 tokens) is left out of it and of
    its size, as the tokenizer makes no 1-gram of them: ','
    """


InternalError.__doc__ = (
    "A bug in corpuscle: the engine failed where it should not. "
    "Subclass of RuntimeError; please report it with the input that caused it."
)
FileFormatError.__doc__ = (
    "Saved counts that cannot be read: truncated, corrupted, not a counts file, or of "
    "another format version. Subclass of ValueError; the message names the file and byte offset."
)
