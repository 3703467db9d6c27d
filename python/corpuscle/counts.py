"""Counts: what a corpus leaves when its documents are forgotten, mergeable and savable."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pandas as pd

from corpuscle import _core
from corpuscle._args import (
    NgramSpec,
    Stopwords,
    count_and_top,
    count_at_least,
    ngram_lengths,
    stopword_label,
    stopword_list,
)
from corpuscle._config import get_num_threads
from corpuscle._files import write_atomically
from corpuscle._groups import By, Groups, group, group_or_all
from corpuscle._keyness import (
    contrast_columns,
    describe,
    direction,
    is_frequency_table,
    keyness_settings,
    sides,
    summary,
)
from corpuscle._labels import (
    decode_fields,
    display_order,
    encode_fields,
    encode_label,
    label_frame,
)
from corpuscle._output import Fields, assemble, frame
from corpuscle._wide import frequency_result
from corpuscle.tokenizer import Tokenizer

#: The counts file format this version writes and reads (see ``docs/counts.md``).
FORMAT_VERSION = 2

# The document bootstrap's options: unused, counts have only the bag test.
_NO_BOOTSTRAP = {"n_boot": 1000, "seed": 0}


class Counts:
    """N-gram counts per group, with document frequencies and totals, exact to merge.

    Counts hold, for each group of documents (an outlet, a year...), every
    n-gram of length 1 to `n` with its count and the number of documents it
    occurs in, the group's documents and n-gram positions, and the tokenizer
    settings that produced them. That is enough for :meth:`frequencies`,
    :meth:`collocations`, :meth:`keyness` and :meth:`contrast`, which give the
    numbers the same methods of the :class:`~corpuscle.Corpus` give; what
    needs the documents themselves (concordances, windowed collocates,
    document tests, dispersion) needs the Corpus.

    Make them with :meth:`Corpus.counts`, :func:`corpuscle.count` (a stream of
    texts, in bounded memory), :func:`corpuscle.count_files` or
    :func:`corpuscle.dask.count`; combine them with ``a + b`` or
    :meth:`Counts.merge`; keep them with :meth:`save` and :meth:`load` or
    pickle.

    Merging adds integers, matching words by their text and groups by their
    field values, so it is exact, associative and commutative: counting parts
    and merging gives what counting the whole gives. Nothing is pruned unless
    a method is asked to (``min_count`` and ``top`` filter results only).

    When even the merged table would not fit in memory, counting with
    ``approximate=k`` (or :meth:`to_approximate`) keeps at most `k` n-grams
    per group and length as a Misra-Gries summary: every count it keeps is
    at most :attr:`error_bounds` below the truth, never above, and any n-gram
    more frequent than that bound is kept. Exact is the default.

    Examples
    --------
    >>> import corpuscle
    >>> monday = corpuscle.count([("Xi met Putin.", "A"), ("Putin left.", "B")], n=2)
    >>> tuesday = corpuscle.count([("Xi met Biden.", "A")], n=2)
    >>> week = monday + tuesday
    >>> week.groups
      source  documents  tokens  types
    0      A          2       6      4
    1      B          1       2      2
    >>> week.frequencies(top=2)
      source   term  count    per_million  doc_freq  rank
    0      A    met      2  333333.333333         2     1
    1      A     xi      2  333333.333333         2     2
    2      B   left      1  500000.000000         1     1
    3      B  putin      1  500000.000000         1     2
    """

    _inner: _core.Counts

    def __init__(self, inner: _core.Counts) -> None:
        if not isinstance(inner, _core.Counts):
            raise TypeError(
                "Counts are made by Corpus.counts(), corpuscle.count(), "
                "corpuscle.count_files() or Counts.load(), not directly"
            )
        self._inner = inner

    # -- what they hold ----------------------------------------------------------

    @property
    def n(self) -> int:
        """The longest n-gram counted: every length from 1 to `n` is held."""
        return self._inner.max_n

    @property
    def by(self) -> list[str]:
        """The metadata fields the groups are values of (empty: one group of all)."""
        return decode_fields(self._inner.grouping)

    @property
    def approximate(self) -> int | None:
        """The most n-grams kept per group and length, or None when the counts are exact."""
        return self._inner.approximate

    @property
    def error_bounds(self) -> Any:
        """How far approximate counts may be below the truth, per group and n-gram length.

        One row per group and length: the group's field values, ``n``,
        ``positions`` (n-gram positions counted, exact) and
        ``max_undercount``. Every count and document frequency of an n-gram
        of that group and length lies between the value given and the value
        plus ``max_undercount``; an n-gram left out occurs at most
        ``max_undercount`` times. The bound is at most ``positions / (k + 1)``
        for ``approximate=k`` (Agarwal et al. 2012, "Mergeable summaries").
        All zero for exact counts.
        """
        columns = self._inner.undercounts()
        order = self._order()
        n = self.n
        rows = [i * n + length for i in order for length in range(n)]
        fields = self.by
        every = columns["label"].to_list()  # a row per group and length
        labels = label_frame([every[i] for i in rows], fields)
        table = {
            "n": columns["n"][rows],
            "positions": columns["positions"][rows],
            "max_undercount": columns["undercount"][rows],
        }
        return frame(assemble(Fields({f: labels[f] for f in fields}), table))

    @property
    def tokenizer(self) -> Tokenizer:
        """A tokenizer with the settings these counts were made with."""
        return Tokenizer(**self._inner.tokenizer_settings())

    @property
    def groups(self) -> Any:
        """One row per group: its field values, documents, tokens and types."""
        return frame(self._group_columns())

    def _group_columns(self) -> dict[str, Any]:
        columns = self._inner.groups()
        order = self._order()
        fields = self.by
        every = self._labels()
        labels = label_frame([every[i] for i in order], fields)
        table = {name: columns[name][order] for name in ("documents", "tokens", "types")}
        return assemble(Fields({f: labels[f] for f in fields}), table)

    @property
    def n_docs(self) -> int:
        """Documents counted, in all groups."""
        return sum(self._inner.groups()["documents"].tolist())  # Python ints never wrap

    @property
    def n_tokens(self) -> int:
        """Tokens counted, in all groups."""
        return sum(self._inner.groups()["tokens"].tolist())

    def __len__(self) -> int:
        return self.n_docs

    # -- statistics --------------------------------------------------------------

    def frequencies(
        self,
        n: NgramSpec = 1,
        min_count: int = 1,
        stopwords: Stopwords = None,
        top: int | None = None,
    ) -> Any:
        """Term (n-gram) frequencies of each group, as :meth:`Corpus.frequencies` gives them.

        Takes the arguments of :meth:`Corpus.frequencies` except `by`: the
        groups are those counted. Returns ``[by fields], term, count,
        per_million, doc_freq, rank``, and for approximate counts
        ``max_undercount``: the true count and document frequency are at most
        that much higher (see :attr:`error_bounds`).

        Examples
        --------
        >>> import corpuscle
        >>> items = [("Gas deal signed. Gas deal off.", "A"), ("No gas deal.", "B")]
        >>> counts = corpuscle.count(items)
        >>> counts.frequencies(top=2)
          source  term  count    per_million  doc_freq  rank
        0      A  deal      2  333333.333333         1     1
        1      A   gas      2  333333.333333         1     2
        2      B  deal      1  333333.333333         1     1
        3      B   gas      1  333333.333333         1     2
        """
        lengths = self._lengths(n)
        min_count, top = count_and_top(min_count, top)
        order = self._order()
        columns = self._inner.frequencies(
            order,
            lengths,
            min_count=min_count,
            top=top,
            stopwords=stopword_list(stopwords),
            threads=get_num_threads(),
        )
        attrs = {
            "n": lengths,
            "by": self.by,
            "min_count": min_count,
            "stopwords": stopword_label(stopwords),
            "top": top,
        }
        if self.approximate is not None:
            undercount = self._inner.undercounts()["undercount"].reshape(-1, self.n)
            columns["max_undercount"] = undercount[columns["group"], _spaces(columns["term"])]
        return frequency_result(self._grouped(columns, attrs))

    def collocations(
        self,
        size: int = 2,
        min_count: int = 3,
        measures: Sequence[str] | None = None,
        sort: str = "llr",
        stopwords: Stopwords = None,
        top: int | None = None,
    ) -> Any:
        """Adjacent n-grams scored by association, as :meth:`Corpus.collocations` scores them.

        Every margin of the contingency tables is a sum of counted n-grams, so
        the scores equal the Corpus' for the same texts. Needs counts up to
        `size`. The ``count_nested`` column is missing: telling occurrences
        inside a longer n-gram apart needs their positions.

        Examples
        --------
        >>> from corpuscle import datasets
        >>> counts = datasets.demo().counts(n=2)
        >>> counts.collocations(top=1)[["source", "ngram", "count", "llr"]].round(1)
                     source             ngram  count   llr
        0      Capital Wire     veldrian rail      6  46.1
        1   Harbour Courier     veldrian rail      6  53.9
        2  Northgate Ledger      northern arc      5  52.5
        3  Valley Chronicle  regional council      5  60.8
        """
        if isinstance(size, bool) or not isinstance(size, int):
            raise ValueError(f"size must be an int between 2 and 5, got {size!r}")
        self._lengths(size)
        min_count, top = count_and_top(min_count, top)
        if isinstance(measures, str):
            measures = [measures]
        columns = self._inner.collocations(
            self._order(),
            size,
            min_count=min_count,
            measures=None if measures is None else list(measures),
            sort=sort,
            stopwords=stopword_list(stopwords),
            top=top,
            threads=get_num_threads(),
        )
        attrs = {
            "size": size,
            "by": self.by,
            "min_count": min_count,
            "sort": sort,
            "stopwords": stopword_label(stopwords),
        }
        return self._grouped(columns, attrs)

    def keyness(
        self,
        target: Any,
        reference: Any = None,
        by: str | None = None,
        measure: str = "llr",
        n: NgramSpec = 1,
        min_count: int = 3,
        stopwords: Stopwords = None,
        correction: str | None = "holm",
        alpha: float = 0.05,
        test: str = "bag",
        top: int | None = None,
        *,
        yates: bool = False,
        smoothing: float = 1.0,
        prior_scale: float = 0.01,
    ) -> Any:
        """Terms a target group uses more (and less) than a reference, as :meth:`Corpus.keyness`.

        `target` and `reference` are values of the field `by` (by default the
        one field the counts are grouped by); groups are added up as documents
        would be. Every measure is available with ``test="bag"``; the document
        tests and the ``dp`` column need the documents, so they are not. The
        ``log_odds_dirichlet`` prior is the counts' whole, as a corpus' is.

        For approximate counts, ``attrs`` holds ``target_max_undercount`` and
        ``reference_max_undercount``: how far the target and reference counts
        may be below the truth (the sums of their groups' bounds).

        Examples
        --------
        >>> from corpuscle import datasets
        >>> counts = datasets.demo().counts(n=1)
        >>> key = counts.keyness("Valley Chronicle", stopwords="english", top=1)
        >>> key[["term", "target_count", "reference_count", "direction"]]
              term  target_count  reference_count direction
        0   valley            12                0    target
        1  workers             0               27 reference
        """
        self._lengths(n)
        field = self._field(by)
        meta = self._label_frame()
        if is_frequency_table(reference):
            raise ValueError(
                "counts are compared with groups of the same counts; for an external "
                "frequency table, use Corpus.keyness"
            )
        in_target, in_reference = sides(meta[field], field, target, reference, "every group")
        tokens = self._inner.groups()["tokens"]
        if not tokens[in_reference].any():
            raise ValueError(f"the reference {reference!r} has no tokens to compare with")
        settings = keyness_settings(
            measure,
            n,
            min_count,
            stopwords,
            correction,
            alpha,
            test,
            top,
            yates,
            smoothing,
            prior_scale,
            **_NO_BOOTSTRAP,
        )
        pair = [(np.flatnonzero(in_target).tolist(), np.flatnonzero(in_reference).tolist())]
        columns = self._inner.contrast(pair, target_only=False, settings=settings)
        columns.pop("comparison")
        columns.pop("dp")
        columns["direction"] = direction(columns["direction"])
        attrs = {"target": target, "reference": describe(reference), "by": field}
        if self.approximate is not None:
            # A count summed over groups may be below the truth by the sum of their bounds.
            bound = self._inner.undercounts()["undercount"].reshape(-1, self.n).max(axis=1)
            attrs["target_max_undercount"] = int(bound[in_target].sum())
            attrs["reference_max_undercount"] = int(bound[in_reference].sum())
        return frame(columns, {**attrs, **summary(settings), **self._size()})

    def contrast(
        self,
        by: By = None,
        measure: str = "llr",
        top: int | None = 20,
        n: NgramSpec = 1,
        min_count: int = 3,
        stopwords: Stopwords = None,
        correction: str | None = "holm",
        alpha: float = 0.05,
        test: str = "bag",
        pairwise: bool = False,
        *,
        yates: bool = False,
        smoothing: float = 1.0,
        prior_scale: float = 0.01,
    ) -> Any:
        """Every group against the rest (or every ordered pair), as :meth:`Corpus.contrast`.

        `by` is one or more of the counted fields (by default all of them);
        groups with the same values are added up. The columns are those of
        :meth:`Corpus.contrast` without ``dp``.

        Examples
        --------
        >>> from corpuscle import datasets
        >>> counts = datasets.demo().counts(n=1)
        >>> counts.contrast(stopwords="english", top=1)[["group", "term", "statistic"]].round(1)
                      group       term  statistic
        0      Capital Wire  agreement        4.9
        1   Harbour Courier    chamber       11.1
        2  Northgate Ledger    workers       23.8
        3  Valley Chronicle     valley       32.9
        """
        self._lengths(n)
        fields = self.by if by is None else by
        groups = group(self._label_frame(), fields)
        if not fields or groups.count < 2:
            raise ValueError(f"contrast needs at least two groups of {fields!r}")
        settings = keyness_settings(
            measure,
            n,
            min_count,
            stopwords,
            correction,
            alpha,
            test,
            top,
            yates,
            smoothing,
            prior_scale,
            **_NO_BOOTSTRAP,
        )
        labelled = contrast_columns(
            groups,
            pairwise,
            lambda pairs: self._inner.contrast(pairs, target_only=True, settings=settings),
        )
        labelled.pop("dp")
        attrs = {"by": fields, "pairwise": pairwise, **summary(settings)}
        return frame(labelled, {**attrs, **self._size()})

    # -- what needs documents ------------------------------------------------------

    def kwic(self, *args: Any, **kwargs: Any) -> NoReturn:
        """Not available: a concordance needs the texts; build a Corpus.

        Examples
        --------
        >>> import corpuscle
        >>> corpuscle.count(["Gas deal."]).kwic("gas")
        Traceback (most recent call last):
        ...
        TypeError: Counts.kwic() needs the documents...
        """
        _needs_corpus("kwic")

    def collocates(self, *args: Any, **kwargs: Any) -> NoReturn:
        """Not available: windows around a node need token positions; build a Corpus.

        Examples
        --------
        >>> import corpuscle
        >>> corpuscle.count(["Gas deal."]).collocates("gas")
        Traceback (most recent call last):
        ...
        TypeError: Counts.collocates() needs the documents...
        """
        _needs_corpus("collocates")

    def count_matrix(self, *args: Any, **kwargs: Any) -> NoReturn:
        """Not available: a document-term matrix needs documents; build a Corpus.

        Examples
        --------
        >>> import corpuscle
        >>> corpuscle.count(["Gas deal."]).count_matrix()
        Traceback (most recent call last):
        ...
        TypeError: Counts.count_matrix() needs the documents...
        """
        _needs_corpus("count_matrix")

    # -- merging, saving ---------------------------------------------------------

    def to_approximate(self, limit: int) -> Counts:
        """A summary keeping at most `limit` n-grams per group and length.

        The Misra-Gries summary (Misra & Gries 1982): while a group holds more
        than `limit` n-grams of one length, the (limit+1)-th largest count is
        subtracted from every count of that length and n-grams left at zero
        are dropped; the amount subtracted is added to the group's
        ``max_undercount`` (see :attr:`error_bounds`). Totals stay exact.
        Summaries merge with the same guarantee, and the sum of exact and
        approximate counts is approximate, with the smaller `limit`.
        Merging summaries is commutative, but which n-grams survive can
        depend on how the text was split into parts; the bounds always hold.

        Examples
        --------
        >>> import corpuscle
        >>> counts = corpuscle.count(["a a a a a b b b c c d"], n=1)
        >>> summary = counts.to_approximate(2)
        >>> summary.frequencies()[["term", "count", "max_undercount"]]
          term  count  max_undercount
        0    a      3               2
        1    b      1               2
        """
        limit = count_at_least(limit, "limit", 1)
        return Counts(self._inner.approximated(limit, threads=get_num_threads()))

    @classmethod
    def merge(cls, parts: Iterable[Counts]) -> Counts:
        """The sum of `parts` (at least one), exactly; order and grouping do not matter.

        Raises ValueError naming the difference when the parts were counted
        with different tokenizer settings, n-gram lengths or ``by`` fields.
        A sum with approximate counts is approximate (see :meth:`to_approximate`).

        Examples
        --------
        >>> import corpuscle
        >>> monday = corpuscle.count(["Gas deal."], n=1)
        >>> tuesday = corpuscle.count(["No deal."], n=1)
        >>> week = corpuscle.Counts.merge([monday, tuesday])  # or monday + tuesday
        >>> week.n_docs, week.frequencies()[["term", "count"]].values.tolist()
        (2, [['deal', 2], ['gas', 1], ['no', 1]])
        """
        parts = list(parts)
        if not parts:
            raise ValueError("Counts.merge needs at least one Counts")
        for i, part in enumerate(parts):
            if not isinstance(part, Counts):
                raise TypeError(f"parts[{i}] is {type(part).__name__}, expected Counts")
        total = parts[0]._inner
        for part in parts[1:]:
            total = total.merged(part._inner, threads=get_num_threads())
        return cls(total)

    def __add__(self, other: object) -> Counts:
        if not isinstance(other, Counts):
            return NotImplemented
        return Counts.merge([self, other])

    def __radd__(self, other: object) -> Counts:
        # sum(parts) starts from 0.
        if isinstance(other, int) and other == 0:
            return self
        return NotImplemented

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Counts):
            return NotImplemented
        return self._inner.equals(other._inner)

    __hash__ = None  # type: ignore[assignment]

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the counts to `path` in the counts file format (version 2).

        The file holds a header (format version, ``n``, the ``by`` fields,
        whether approximate, every tokenizer setting) and the tables, each
        with a CRC-32 checksum; the layout is documented in
        ``docs/counts.md``. Equal counts give equal files. The file is written
        whole to a temporary name of its own beside `path`, flushed to disk,
        then renamed over `path`: a reader (or a save running at the same
        time) sees the old file or the new one, never part of one, and a
        failed save (a full disk, Ctrl-C) leaves no temporary file behind.

        Examples
        --------
        >>> import corpuscle, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "monday.counts"
        >>> corpuscle.count(["Gas deal."], n=1).save(path)
        >>> corpuscle.Counts.load(path).n_tokens
        2
        """
        write_atomically(path, self._inner.to_bytes())

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Counts:
        """Read counts that :meth:`save` wrote.

        Raises FileFormatError (a ValueError) naming the file and byte offset
        when the file is truncated, corrupted, not a counts file, or of
        a newer format version. Version 1 files are read.

        Examples
        --------
        >>> import corpuscle, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "notes.counts"
        >>> _ = path.write_bytes(b"not counts")
        >>> corpuscle.Counts.load(path)
        Traceback (most recent call last):
        ...
        corpuscle._core.FileFormatError: '...notes.counts': ...
        """
        data = Path(path).read_bytes()
        try:
            return cls(_core.Counts.from_bytes(data))
        except _core.FileFormatError as error:
            raise _core.FileFormatError(f"{os.fspath(path)!r}: {error}") from None

    def __reduce__(self) -> tuple[Any, ...]:
        return (_from_bytes, (self._inner.to_bytes(),))

    def __repr__(self) -> str:
        groups = pd.DataFrame(self._group_columns())
        kind = "" if self.approximate is None else f"approximate (at most {self.approximate:,}) "
        head = (
            f"<corpuscle.Counts: {kind}n-grams up to n={self.n}, "
            f"{self.n_docs:,} documents, {self.n_tokens:,} tokens, {len(groups)} groups>"
        )
        return head + "\n" + groups.to_string(index=False)

    # -- helpers -----------------------------------------------------------------

    def _labels(self) -> list[str]:
        """Each group's label, in the engine's order."""
        labels: list[str] = self._inner.groups()["label"].to_list()
        return labels

    def _order(self) -> list[int]:
        return display_order(self._labels(), self.by)

    def _label_frame(self) -> pd.DataFrame:
        """One row per group, in the engine's order: the groups' field values."""
        return label_frame(self._labels(), self.by)

    def _grouped(self, columns: dict[str, Any], attrs: dict[str, Any]) -> Any:
        """Label the engine's rows, whose ``group`` holds the engine's group indices.

        Labels are laid out in display order, so a result never depends on the
        order the engine happens to hold its groups in (merged or loaded).
        """
        order = self._order()
        every = self._labels()
        labels = label_frame([every[i] for i in order], self.by)
        place = np.empty(len(order), dtype=np.intp)
        place[order] = np.arange(len(order))
        groups = Groups(self.by, np.arange(len(order)), labels)
        codes = place[columns.pop("group")]
        return frame(assemble(groups.columns_for(codes), columns), {**attrs, **self._size()})

    def _size(self) -> dict[str, Any]:
        groups = self._inner.groups()
        size: dict[str, Any] = {
            "documents": sum(groups["documents"].tolist()),
            "tokens": sum(groups["tokens"].tolist()),
        }
        if self.approximate is not None:
            # The largest bound of any one group: a count summed over k groups may be k times it.
            size["approximate"] = self.approximate
            size["max_undercount"] = int(self._inner.undercounts()["undercount"].max())
        return size

    def _lengths(self, n: NgramSpec) -> list[int]:
        lengths = ngram_lengths(n)
        if lengths[-1] > self.n:
            raise ValueError(
                f"these counts hold n-grams up to n={self.n}, not {lengths[-1]}: "
                f"count with n={lengths[-1]} or more"
            )
        return lengths

    def _field(self, by: str | None) -> str:
        fields = self.by
        if by is None:
            if len(fields) != 1:
                raise ValueError(f"these counts are grouped by {fields}: say which field, by=...")
            return fields[0]
        if by not in fields:
            raise KeyError(f"these counts are not grouped by {by!r}; their fields are {fields}")
        return by


def _needs_corpus(method: str) -> NoReturn:
    raise TypeError(
        f"Counts.{method}() needs the documents, which counts do not keep: "
        f"build a Corpus and call Corpus.{method}()"
    )


def _spaces(terms: _core.StringColumn) -> Any:
    """The spaces in each term: an n-gram's words are joined by one, and words hold none."""
    data, offsets = terms.buffers()
    before = np.concatenate([[0], np.cumsum(data == ord(" "))])
    return before[offsets[1:]] - before[offsets[:-1]]


def _from_bytes(data: bytes) -> Counts:
    return Counts(_core.Counts.from_bytes(data))


def counts_of_corpus(corpus: Any, n: int, by: By) -> Counts:
    """The counts of a Corpus, grouped by the fields `by` (see :meth:`Corpus.counts`)."""
    n = count_at_least(n, "n", 1)
    if n > _core.MAX_N:
        raise ValueError(f"n must be between 1 and {_core.MAX_N}, got {n}")
    if corpus._edits:
        raise ValueError(
            "this corpus was changed by compound() or fold(), so its tokens are not what "
            "its tokenizer makes of the texts, and its counts could not be merged safely "
            "with counts of texts: count the corpus before compound()/fold()"
        )
    return counts_of_documents(corpus._inner, corpus._meta, n, by, get_num_threads())


def counts_of_documents(
    inner: _core.Corpus, meta: pd.DataFrame, n: int, by: By, threads: int
) -> Counts:
    """The counts of the engine's corpus `inner`, grouped by the fields `by` of `meta`.

    One row of `meta` per document; each group is labelled as
    :func:`corpuscle._labels.encode_label` labels its values, so the counts
    merge with counts of the same texts read any other way.
    """
    groups = group_or_all(meta, by)
    fields = groups.fields
    rows = groups.labels[fields].itertuples(index=False, name=None) if fields else [()]
    labels = [encode_label(row, fields) for row in rows]
    counted = _core.Counts.from_corpus(
        inner, groups.codes, labels, n, encode_fields(fields), threads=threads
    )
    return Counts(counted)
