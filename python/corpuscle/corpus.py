"""The Corpus: documents with metadata, tokenized once in Rust."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from corpuscle import _core
from corpuscle._args import Stopwords
from corpuscle._cleaning import Cleaning, empty_log
from corpuscle._collocations import Collocations
from corpuscle._concordance import Concordance
from corpuscle._config import get_num_threads
from corpuscle._groups import By, fields_of, group
from corpuscle._keyness import Keyness
from corpuscle._memory import give_back_memory
from corpuscle._output import frame
from corpuscle._progress import progress_bar
from corpuscle._readers import (
    PathLike,
    SourceRule,
    arrow_text_column,
    check_texts,
    column_of,
    describe,
    expand_paths,
    read_csv,
    read_parquet,
    read_text,
    record_columns,
    source_of,
    table_columns,
)
from corpuscle._repairs import (
    Repairs,
    decoding_repairs,
    has_surrogates,
    replace_surrogates,
    surrogate_repairs,
)
from corpuscle._statistics import Statistics
from corpuscle._values import field_column, matching, values_of
from corpuscle.tokenizer import Tokenizer

# A change to the tokens made after tokenizing, replayed when the corpus is
# rebuilt from its texts: ("compound", (phrases as word lists, separator)) or
# ("fold", [(term, into), ...]).
Edit = tuple[str, Any]


class Corpus(Statistics, Collocations, Concordance, Keyness, Cleaning):
    """Documents with an id, a text and metadata fields, one of them usually ``source``.

    Each text is normalised and tokenized once, in Rust, in parallel and with
    the GIL released, into integer ids over one shared vocabulary. Sentence
    boundaries and each token's character offsets in the original text are
    kept, so statistics never join words across sentences.

    Parameters
    ----------
    texts : iterable of str
        The documents. An empty string is a valid (empty) document.
    sources : sequence, optional
        The outlet (or author, period...) of each document: the ``source`` field.
    ids : sequence, optional
        A unique id for each document; by default ``0 .. n-1``.
    meta : dict of sequences or list of dicts, optional
        Further metadata fields, one value per document.
    tokenizer : Tokenizer, optional
        How to tokenize; ``Tokenizer()`` by default.
    errors : {"strict", "replace"}, default "strict"
        What to do with lone surrogates in a text: raise ValueError naming the
        document and offset, or replace each with U+FFFD.
    progress : bool, optional
        Draw a progress bar if tokenizing takes more than about two seconds;
        by default as :func:`corpuscle.set_progress` says. Every constructor
        and long computation takes this argument.

    Raises
    ------
    TypeError
        A text that is not a str (None, NaN, bytes, int...), naming its index.
    ValueError
        No documents; columns of different lengths (naming both); duplicate ids.

    Examples
    --------
    >>> from corpuscle import Corpus
    >>> corpus = Corpus(["Xi met Putin in Moscow.", "Putin’s guest, Xi."], sources=["A", "B"])
    >>> len(corpus), corpus.n_tokens, corpus.sources
    (2, 8, ['A', 'B'])
    """

    _inner: _core.Corpus
    _meta: pd.DataFrame
    _tokenizer: Tokenizer

    def __init__(
        self,
        texts: Iterable[str],
        sources: Sequence[Any] | None = None,
        ids: Sequence[Any] | None = None,
        meta: Mapping[str, Sequence[Any]] | Sequence[Mapping[str, Any]] | None = None,
        tokenizer: Tokenizer | None = None,
        *,
        errors: str = "strict",
        progress: bool | None = None,
    ) -> None:
        if isinstance(texts, str):
            raise TypeError("texts must be an iterable of str, not one str; wrap it in a list")
        texts = list(texts)
        if not texts:
            raise ValueError("a corpus needs at least one document, and texts is empty")
        tokenizer = _tokenizer(tokenizer)
        table = _metadata(len(texts), sources, ids, meta, errors)
        with progress_bar("Tokenizing", progress):
            inner = _core.Corpus(texts, tokenizer._inner, errors=errors, threads=get_num_threads())
        if errors == "replace":
            # The engine keeps the repaired text (one U+FFFD a surrogate), so
            # kwic, the report and pickling never meet the surrogate again.
            repairs = surrogate_repairs()
            for index, text in enumerate(texts):
                if has_surrogates(text):
                    repairs.add(f"texts[{index}]")
            repairs.warn(total=len(texts))
        self._set(inner, table, tokenizer, [], empty_log(table))
        # Building frees far more than it keeps: hand it back to the system.
        give_back_memory()

    def _set(
        self,
        inner: _core.Corpus,
        meta: pd.DataFrame,
        tokenizer: Tokenizer,
        edits: list[Edit],
        log: pd.DataFrame,
    ) -> None:
        # The texts live in the engine (`inner`), once, as UTF-8.
        self._inner, self._meta, self._tokenizer = inner, meta, tokenizer
        # The compound() and fold() calls that made this corpus, so pickling
        # and cleaning can replay them on new texts.
        self._edits = edits
        self._log = log

    @classmethod
    def _from_parts(
        cls,
        inner: _core.Corpus,
        meta: pd.DataFrame,
        tokenizer: Tokenizer,
        edits: list[Edit],
        log: pd.DataFrame,
    ) -> Corpus:
        corpus = cls.__new__(cls)
        corpus._set(inner, meta, tokenizer, edits, log)
        return corpus

    def _rebuilt(self, inner: _core.Corpus, meta: pd.DataFrame, log: pd.DataFrame) -> Corpus:
        """A corpus of new texts tokenized as this one was (`inner`), its edits replayed."""
        inner = _replay(inner, self._edits)
        give_back_memory()
        return Corpus._from_parts(inner, meta, self._tokenizer, self._edits, log)

    # -- constructors -------------------------------------------------------------

    @classmethod
    def from_dict(
        cls,
        texts_by_source: Mapping[Any, Iterable[str]],
        tokenizer: Tokenizer | None = None,
        *,
        progress: bool | None = None,
    ) -> Corpus:
        """Build a corpus from ``{source: [text, ...], ...}``.

        Examples
        --------
        >>> Corpus.from_dict({"A": ["one text", "two"], "B": ["three"]}).sources
        ['A', 'B']
        """
        texts: list[str] = []
        sources: list[Any] = []
        for source, source_texts in texts_by_source.items():
            if isinstance(source_texts, str):
                raise TypeError(
                    f"the texts of source {source!r} must be a list of str, not one str"
                )
            for text in source_texts:
                texts.append(text)
                sources.append(source)
        return cls(texts, sources=sources, tokenizer=tokenizer, progress=progress)

    @classmethod
    def from_frame(
        cls,
        df: Any,
        text: str = "text",
        source: str | None = None,
        id: str | None = None,
        tokenizer: Tokenizer | None = None,
        *,
        progress: bool | None = None,
    ) -> Corpus:
        """Build a corpus from a table: pandas, polars, pyarrow, or a Hugging Face Dataset.

        Parameters
        ----------
        df : table
            A pandas or polars DataFrame, a pyarrow Table or RecordBatch, a
            Hugging Face ``datasets.Dataset`` (one split), or any object with
            the Arrow C stream interface (a DuckDB relation, for one).
        text : str, default "text"
            The text column; a missing column raises KeyError listing the
            columns, a value that is not a str raises TypeError naming its row.
        source : str, optional
            The column used as the ``source`` field.
        id : str, optional
            The column of unique document ids; by default ``id``, if there is one.

        Every other column becomes a metadata field. A text column of Arrow
        strings (pyarrow, polars, pandas' default ``str`` columns, Hugging
        Face datasets) is read by the engine from its Arrow buffers, never as
        Python strings; a pandas ``object`` column is read value by value.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame(
        ...     {"body": ["Xi met Putin.", "Moscow"], "outlet": ["A", "B"], "year": [2023, 2023]}
        ... )
        >>> Corpus.from_frame(df, text="body", source="outlet").fields
        ['id', 'source', 'year']
        """
        texts = arrow_text_column(df, text)
        if texts is None:
            columns = table_columns(df)
            return cls._from_columns(
                columns, text, source, id, tokenizer, "the table", progress=progress
            )
        # Arrow strings go to the engine from their buffers; the other columns as lists.
        columns = table_columns(df, skip=text)
        tokenizer = _tokenizer(tokenizer)
        with progress_bar("Tokenizing", progress):
            inner = _core.Corpus.from_arrow(
                texts, repr(text), "the table", tokenizer._inner, threads=get_num_threads()
            )
        return cls._from_engine(inner, columns, source, id, tokenizer, "the table", lenient=False)

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        text: str = "text",
        source: str | None = "source",
        id: str | None = None,
        tokenizer: Tokenizer | None = None,
        *,
        progress: bool | None = None,
    ) -> Corpus:
        """Build a corpus from dicts, one per document (a list, a generator, a streamed dataset).

        Each dict holds the field `text`; a record without it raises KeyError
        naming its index. A record without the `source` field (or any other)
        gets None there. Every other field becomes metadata.

        Examples
        --------
        >>> rows = ({"text": t, "source": s} for t, s in [("Gas deal.", "A"), ("No deal.", "B")])
        >>> Corpus.from_records(rows).sources
        ['A', 'B']
        """
        if isinstance(records, (str, bytes, Mapping)):
            raise TypeError(
                f"records must be an iterable of dicts, not one {type(records).__name__}"
            )
        numbered = ((f"records[{i}]", record) for i, record in enumerate(records))
        columns = record_columns(numbered, text)
        return cls._from_columns(
            columns, text, source, id, tokenizer, "records", lenient=True, progress=progress
        )

    @classmethod
    def from_parquet(
        cls,
        path: PathLike | Iterable[PathLike],
        text: str = "text",
        source: str | None = "source",
        id: str | None = None,
        columns: Sequence[str] | None = None,
        tokenizer: Tokenizer | None = None,
        *,
        progress: bool | None = None,
    ) -> Corpus:
        """Build a corpus from Parquet files, one row per document (needs pyarrow).

        Parameters
        ----------
        path : str, path, glob pattern or iterable of paths
            One or more files, stacked in order (their columns are unified).
        text, source, id : str
            Column names, as for :meth:`from_frame`; ``source=None`` reads no
            source. A named column that is missing raises KeyError listing the
            columns there are.
        columns : list of str, optional
            Read only these columns (the text, source and id columns included).

        Examples
        --------
        >>> import pandas as pd, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "news.parquet"
        >>> pd.DataFrame({"text": ["Gas deal.", "No deal."], "source": ["A", "B"]}).to_parquet(path)
        >>> Corpus.from_parquet(path).sources
        ['A', 'B']
        """
        files = expand_paths(path)
        found = read_parquet(files, None if columns is None else list(columns))
        return cls._from_columns(
            found, text, source, id, tokenizer, describe(files, "Parquet"), progress=progress
        )

    @classmethod
    def from_csv(
        cls,
        path: PathLike | Iterable[PathLike],
        text: str = "text",
        source: str | None = "source",
        id: str | None = None,
        encoding: str = "utf-8",
        errors: str = "strict",
        tokenizer: Tokenizer | None = None,
        *,
        progress: bool | None = None,
        **options: Any,
    ) -> Corpus:
        r"""Build a corpus from CSV files, one row per document.

        Parameters
        ----------
        path : str, path, glob pattern or iterable of paths
            One or more files, stacked in order.
        text, source, id : str
            Column names, as for :meth:`from_parquet`. The text column is read
            verbatim: an empty cell is an empty document, never NaN.
        encoding : str, default "utf-8"
        errors : {"strict", "replace"}, default "strict"
            ``"strict"`` raises UnicodeDecodeError naming the file and byte offset.
        **options
            Passed to :func:`pandas.read_csv` (``sep="\t"``, ``usecols=``...).

        Examples
        --------
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "news.csv"
        >>> _ = path.write_text('source,text\nA,"Gas deal, signed."\nB,\n')
        >>> corpus = Corpus.from_csv(path)
        >>> corpus.texts
        ['Gas deal, signed.', '']
        """
        files = expand_paths(path)
        repairs = decoding_repairs()
        found = read_csv(files, text, encoding, errors, options, repairs)
        corpus = cls._from_columns(
            found, text, source, id, tokenizer, describe(files, "CSV"), progress=progress
        )
        repairs.warn(total=len(files))
        return corpus

    @classmethod
    def _from_columns(
        cls,
        columns: dict[str, list[Any]],
        text: str,
        source: str | None,
        id: str | None,
        tokenizer: Tokenizer | None,
        where: str,
        *,
        lenient: bool = False,
        errors: str = "strict",
        progress: bool | None = None,
    ) -> Corpus:
        """A corpus of named columns; `lenient` lets a source field be absent (records)."""
        if not columns or (text in columns and not columns[text]):
            raise ValueError(f"{where} holds no documents; a corpus needs at least one")
        texts = column_of(columns, text, "text")
        check_texts(texts, text, where)
        sources, ids, rest = _fields(columns, text, source, id, lenient)
        return cls(
            texts,
            sources=sources,
            ids=ids,
            meta=rest or None,
            tokenizer=tokenizer,
            errors=errors,
            progress=progress,
        )

    @classmethod
    def _from_engine(
        cls,
        inner: _core.Corpus,
        columns: dict[str, list[Any]],
        source: str | None,
        id: str | None,
        tokenizer: Tokenizer,
        where: str,
        lenient: bool = True,
    ) -> Corpus:
        """A corpus of texts the engine read (`inner`) and their other fields, `columns`.

        With `lenient` (JSON Lines) a missing source field means no sources;
        without (tables) it is a KeyError.
        """
        if inner.n_docs == 0:
            raise ValueError(f"{where} holds no documents; a corpus needs at least one")
        sources, ids, rest = _fields(columns, None, source, id, lenient)
        table = _metadata(inner.n_docs, sources, ids, rest or None)
        corpus = cls.__new__(cls)
        corpus._set(inner, table, tokenizer, [], empty_log(table))
        give_back_memory()
        return corpus

    @classmethod
    def from_files(
        cls,
        paths: PathLike | Iterable[PathLike],
        source: SourceRule = "parent",
        encoding: str = "utf-8",
        errors: str = "strict",
        tokenizer: Tokenizer | None = None,
        *,
        progress: bool | None = None,
    ) -> Corpus:
        """Build a corpus with one document per text file.

        Parameters
        ----------
        paths : str, path or iterable of paths
            Files, or one glob pattern such as ``"articles/**/*.txt"`` (sorted).
        source : {"parent", "stem"}, callable or None, default "parent"
            The ``source`` of each file: the name of its folder, its file name
            without extension, or ``source(path)``.
        encoding : str, default "utf-8"
            A UTF-8 byte order mark is dropped.
        errors : {"strict", "replace"}
            ``"strict"`` raises UnicodeDecodeError naming the file and byte
            offset of the first undecodable byte; ``"replace"`` puts U+FFFD there.

        The ``id`` of each document is its path; the ``path`` field holds it too.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> for outlet, name, text in [("A", "one", "Gas deal signed."), ("B", "two", "No deal.")]:
        ...     (folder / outlet).mkdir()
        ...     _ = (folder / outlet / f"{name}.txt").write_text(text)
        >>> corpus = Corpus.from_files(folder / "*" / "*.txt")
        >>> corpus.sources, corpus.fields
        (['A', 'B'], ['id', 'source', 'path'])
        """
        files = expand_paths(paths)
        if not files:
            raise ValueError("a corpus needs at least one document, and no paths were given")
        sources = None if source is None else [source_of(path, source) for path in files]
        names = [str(path) for path in files]
        repairs = decoding_repairs()
        if not _is_utf8(encoding):
            texts = [read_text(path, encoding, errors, repairs) for path in files]
            corpus = cls(
                texts,
                sources=sources,
                ids=names,
                meta={"path": names},
                tokenizer=tokenizer,
                errors=errors,
                progress=progress,
            )
            repairs.warn(total=len(files))
            return corpus
        tokenizer = _tokenizer(tokenizer)
        # First: a file name that is no valid text is named before any reading.
        table = _metadata(len(files), sources, names, {"path": names}, errors)
        with progress_bar("Reading", progress):
            inner, repaired = _core.read_files(
                files, tokenizer._inner, errors=errors, threads=get_num_threads()
            )
        for item in repaired:
            repairs.add(item)
        repairs.warn(total=len(files))
        corpus = cls.__new__(cls)
        corpus._set(inner, table, tokenizer, [], empty_log(table))
        give_back_memory()
        return corpus

    @classmethod
    def from_jsonl(
        cls,
        path: PathLike | Iterable[PathLike],
        text: str = "text",
        source: str | None = "source",
        id: str | None = None,
        errors: str = "strict",
        tokenizer: Tokenizer | None = None,
        *,
        progress: bool | None = None,
    ) -> Corpus:
        r"""Build a corpus from JSON Lines files, one JSON object per document.

        Parameters
        ----------
        path : str, path, glob pattern or iterable of paths
            One or more ``.jsonl`` files, read in order.
        text : str, default "text"
            The text field; a record without it raises KeyError naming file and line.
        source : str or None, default "source"
            The field used as ``source``; a record without it gets None.
        id : str, optional
            The field holding unique document ids; by default ``id``, if present.
        errors : {"strict", "replace"}, default "strict"
            ``"strict"`` raises UnicodeDecodeError naming the file, line and
            byte offset of an undecodable byte, and ValueError naming the
            file and line of a lone surrogate (JSON can spell ``"\ud800"``);
            ``"replace"`` puts U+FFFD in place of either, and warns once
            naming the lines.

        The files are UTF-8, as JSON is (a byte order mark at the start is
        dropped), and are read and parsed in the engine, in parallel: no
        text passes through Python. Every other field becomes metadata.
        Blank lines are skipped; a line that is not a JSON object raises
        ValueError naming file and line.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "news.jsonl"
        >>> _ = path.write_text(
        ...     '{"id": "a1", "source": "A", "text": "Gas deal."}\n'
        ...     '{"id": "b1", "source": "B", "text": "No deal."}\n'
        ... )
        >>> corpus = Corpus.from_jsonl(path)
        >>> corpus.ids, corpus.sources
        (['a1', 'b1'], ['A', 'B'])
        """
        files = expand_paths(path)
        tokenizer = _tokenizer(tokenizer)
        with progress_bar("Reading", progress):
            inner, columns, repaired = _core.read_jsonl(
                files,
                text,
                tokenizer._inner,
                errors=errors,
                threads=get_num_threads(),
            )
        repairs = Repairs(
            "put U+FFFD in place of undecodable bytes or lone surrogates", ("line", "lines")
        )
        for item in repaired:
            repairs.add(item)
        repairs.warn()
        if id is not None and id not in columns and inner.n_docs:
            raise KeyError(f"no id field {id!r}; the fields are: {', '.join(columns)}")
        where = describe(files, "JSON Lines")
        return cls._from_engine(inner, columns, source, id, tokenizer, where)

    # -- the documents --------------------------------------------------------------

    def __len__(self) -> int:
        return self._inner.n_docs

    @property
    def n_tokens(self) -> int:
        """Number of tokens in all documents."""
        return self._inner.n_tokens

    @property
    def texts(self) -> list[str]:
        """The original texts, as given (a new list; the corpus keeps them in its engine)."""
        return self._inner.texts()

    @property
    def ids(self) -> list[Any]:
        """The document ids."""
        return self._meta["id"].tolist()

    @property
    def fields(self) -> list[str]:
        """The metadata field names, ``id`` first."""
        return [str(c) for c in self._meta.columns]

    @property
    def sources(self) -> list[Any]:
        """The distinct values of the ``source`` field, sorted; empty without one."""
        if "source" not in self._meta.columns:
            return []
        return group(self._meta, "source").labels["source"].tolist()

    @property
    def meta(self) -> Any:
        """The metadata, one row per document (a copy), in the configured DataFrame library."""
        return frame({c: self._meta[c] for c in self._meta.columns})

    @property
    def tokenizer(self) -> Tokenizer:
        """The tokenizer the texts were tokenized with."""
        return self._tokenizer

    def tokens(self, doc: int) -> list[str]:
        """The tokens of document number `doc` (position, not id), in order.

        Examples
        --------
        >>> from corpuscle import Corpus
        >>> Corpus(["Xi met Putin. They talked."]).tokens(0)
        ['xi', 'met', 'putin', 'they', 'talked']
        """
        return [token for sentence in self.sentences(doc) for token in sentence]

    def sentences(self, doc: int) -> list[list[str]]:
        """The tokens of document number `doc`, sentence by sentence.

        Examples
        --------
        >>> from corpuscle import Corpus
        >>> Corpus(["Xi met Putin. They talked."]).sentences(0)
        [['xi', 'met', 'putin'], ['they', 'talked']]
        """
        return self._inner.sentences(self._position(doc))

    def offsets(self, doc: int) -> tuple[np.ndarray, np.ndarray]:
        """Character offsets ``(starts, ends)`` of the tokens of document `doc` in its text.

        Examples
        --------
        >>> from corpuscle import Corpus
        >>> corpus = Corpus(["Xi met Putin."])
        >>> starts, ends = corpus.offsets(0)
        >>> [corpus.texts[0][s:e] for s, e in zip(starts, ends)]
        ['Xi', 'met', 'Putin']
        """
        return self._inner.offsets(self._position(doc))

    def _position(self, doc: int) -> int:
        if not isinstance(doc, (int, np.integer)) or isinstance(doc, bool):
            raise TypeError(f"document number must be an int, got {type(doc).__name__}")
        if not -len(self) <= doc < len(self):
            raise IndexError(
                f"document number {doc} is out of range for a corpus of {len(self)} documents"
            )
        return int(doc) % len(self)

    def filter(
        self,
        mask: Sequence[bool] | np.ndarray | None = None,
        **field_values: Any,
    ) -> Corpus:
        """A new corpus of the documents that match, without tokenizing again.

        Parameters
        ----------
        mask : sequence of bool, optional
            One flag per document.
        **field_values
            ``field=value`` keeps documents whose field equals value;
            ``field=[v1, v2]`` (or a set, array or Series) keeps those whose
            field is any of them; ``field=None`` keeps those where it is
            missing (None, NaN). Numbers equal in value match (2020 finds
            2020.0). All conditions must hold.

        Examples
        --------
        >>> corpus = Corpus(["a", "b", "c"], sources=["X", "Y", "X"])
        >>> corpus.filter(source="X").texts
        ['a', 'c']
        >>> corpus.filter([False, True, True], source=["X", "Y"]).texts
        ['b', 'c']
        """
        keep = np.ones(len(self), dtype=bool)
        if mask is not None:
            flags = np.asarray(mask)
            if flags.dtype != bool or flags.shape != (len(self),):
                raise ValueError(
                    f"mask must be {len(self)} booleans, one per document; "
                    f"got shape {flags.shape} of {flags.dtype}"
                )
            keep &= flags
        for field, wanted in field_values.items():
            fields_of(field, self._meta)
            keep &= matching(self._meta[field], values_of(wanted))
        positions = np.flatnonzero(keep)
        if len(positions) == 0:
            raise ValueError(f"the filter matched none of the {len(self)} documents")
        return self._with(positions, self._log)

    def compound(self, phrases: Any, separator: str = "_") -> Corpus:
        """A new corpus whose tokens join the given phrases into one term each.

        Afterwards frequencies, collocations and keyness count each phrase as
        one term (``international_criminal_court``), and concordances show it
        as one match.

        Parameters
        ----------
        phrases : DataFrame from :meth:`phrases`, or iterable of str or of word lists
            Each phrase is tokenized with the corpus' tokenizer, so
            ``"International Criminal Court"`` works as written. Phrases the
            corpus never contains are ignored.
        separator : str, default "_"
            What joins the words of a compound term.

        Notes
        -----
        A phrase is joined where its words stand next to each other in one
        sentence. Where phrases overlap, the one that starts first wins, and
        of those the longest. The compound token's offsets run from its first
        word's start to its last word's end in the original text.

        Examples
        --------
        >>> from corpuscle import Corpus
        >>> corpus = Corpus(["The International Criminal Court issued a warrant."])
        >>> corpus.compound(["international criminal court"]).tokens(0)
        ['the', 'international_criminal_court', 'issued', 'a', 'warrant']
        """
        if not isinstance(separator, str):
            raise TypeError(f"separator must be a str, got {type(separator).__name__}")
        words = [self._tokenizer.tokenize(text) for text in _phrase_texts(phrases)]
        edit: Edit = ("compound", (words, separator))
        return self._edited(edit)

    def _edited(self, edit: Edit) -> Corpus:
        inner = _replay(self._inner, [edit])
        edits = [*self._edits, edit]
        return Corpus._from_parts(inner, self._meta, self._tokenizer, edits, self._log)

    # -- the report ----------------------------------------------------------------

    def report(
        self,
        path: str | os.PathLike[str],
        by: By = "source",
        *,
        title: str | None = None,
        top: int = 15,
        lines: int = 3,
        stopwords: Stopwords = "english",
        measure: str = "llr",
        min_count: int = 3,
        max_groups: int = 12,
        duplicate_threshold: float = 0.8,
        progress: bool | None = None,
    ) -> Path:
        """Write an outlet-comparison report: one self-contained HTML file to share.

        The page holds the corpus summary per group; each group's keywords
        against the rest (:meth:`contrast`) with a chart of their log ratios,
        and the concordance lines (:meth:`kwic`) behind its top five; the top
        collocations (:meth:`collocations`); the near-duplicate pairs
        (:meth:`near_duplicates`) and boilerplate lines (:meth:`boilerplate`);
        and every setting used. It needs no network, script or font to open,
        prints cleanly, and keeps only the top rows of each section (never the
        texts), so it stays well under 5 MB for any corpus.

        Parameters
        ----------
        path : str or path
            Where to write the page; must end in ``.html``. Overwritten if it exists.
        by : str or list of str, default "source"
            The metadata field(s) whose values are compared (at least two).
        title : str, optional
            The page's heading; by default "What each <by> says that the others don't".
        top : int, default 15
            Keywords per group, 1 to 100.
        lines : int, default 3
            Concordance lines per keyword, 1 to 10, from different documents
            where there are enough.
        stopwords : "english", iterable of str or None, default "english"
            Left out of keywords and collocations.
        measure : str, default "llr"
            The keyness measure keywords are ranked by (see :meth:`keyness`).
        min_count : int, default 3
            Least count of a keyword in its group, and of a collocation.
        max_groups : int, default 12
            Groups given a keyword section, the largest by tokens (1 to 50);
            the report names the ones left out.
        duplicate_threshold : float, default 0.8
            Least Jaccard similarity of the near-duplicate pairs listed.
        progress : bool, optional
            Draw a progress bar on long runs; see :func:`corpuscle.set_progress`.

        Returns
        -------
        pathlib.Path
            The file written.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> from corpuscle import datasets
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "outlets.html"
        >>> datasets.demo().report(path, by="source").name
        'outlets.html'
        >>> "Harbour Courier" in path.read_text(encoding="utf-8")
        True
        """
        from corpuscle._report import Settings, write_report

        fields = by if isinstance(by, str) or by is None else " / ".join(by)
        settings = Settings(
            by=by,
            title=title if title is not None else f"What each {fields} says that the others don't",
            top=top,
            lines=lines,
            stopwords=stopwords,
            measure=measure,
            min_count=min_count,
            max_groups=max_groups,
            duplicate_threshold=duplicate_threshold,
        )
        return write_report(self, path, settings, progress)

    # -- display and pickling -------------------------------------------------------

    def counts(self, n: int = 2, by: By = "source") -> Any:
        """The n-gram counts of each group, to save, merge or score without the texts.

        Parameters
        ----------
        n : int, default 2
            Count every n-gram of length 1 to `n` (at most 5).
        by : str, list of str or None, default "source"
            The metadata fields whose values make the groups (None, or the
            default on a corpus without a ``source`` field: one group).

        Returns
        -------
        Counts
            Mergeable with counts of other corpora or streams made with the
            same tokenizer settings, `n` and `by`; see :class:`corpuscle.Counts`.

        Examples
        --------
        >>> from corpuscle import datasets
        >>> counts = datasets.demo().counts(n=2)
        >>> key = counts.keyness("Northgate Ledger", stopwords="english", top=1)
        >>> key[["term", "statistic"]].round(1)
               term  statistic
        0   workers       23.8
        1     route       -8.9
        """
        from corpuscle.counts import counts_of_corpus

        return counts_of_corpus(self, n, by)

    def _display_by(self) -> By:
        return "source" if "source" in self._meta.columns else None

    def __repr__(self) -> str:
        by = self._display_by()
        head = f"<corpuscle.Corpus: {len(self):,} documents, {self.n_tokens:,} tokens"
        head += f", {len(self.sources)} sources>" if by else ">"
        table = pd.DataFrame(self._summary_columns(by)).to_string(index=False)
        return head + "\n" + table + self._cleaning_note()

    def _repr_html_(self) -> str:
        by = self._display_by()
        table = pd.DataFrame(self._summary_columns(by)).to_html(index=False, border=0)
        head = f"<b>corpuscle.Corpus</b>: {len(self):,} documents, {self.n_tokens:,} tokens"
        return f"<p>{head}</p>{table}<p>{self._cleaning_note().strip()}</p>"

    def __reduce__(self) -> tuple[Any, ...]:
        # The texts travel as one UTF-8 buffer and their bounds, not a str each.
        data, bounds = self._inner.text_buffers()
        state = (data, bounds, self._meta, self._tokenizer, self._edits, self._log)
        return (_rebuild_corpus, state)


def _tokenizer(tokenizer: Tokenizer | None) -> Tokenizer:
    tokenizer = Tokenizer() if tokenizer is None else tokenizer
    if not isinstance(tokenizer, Tokenizer):
        raise TypeError(f"tokenizer must be a corpuscle.Tokenizer, got {type(tokenizer).__name__}")
    return tokenizer


def _is_utf8(encoding: str) -> bool:
    """Whether `encoding` names UTF-8, which the engine reads itself."""
    return encoding.replace("_", "-").lower() in ("utf-8", "utf8", "utf-8-sig")


def _phrase_texts(phrases: Any) -> list[str]:
    """Phrases as given to compound(): a frame's ``phrase`` column, strings, or word lists."""
    if hasattr(phrases, "columns"):
        if "phrase" not in phrases.columns:
            raise KeyError("a frame of phrases needs a 'phrase' column, as phrases() returns")
        phrases = list(phrases["phrase"])
    if isinstance(phrases, str):
        raise TypeError("phrases must be a list of phrases, not one str; wrap it in a list")
    texts = []
    for i, phrase in enumerate(phrases):
        if isinstance(phrase, str):
            texts.append(phrase)
        elif isinstance(phrase, (list, tuple)) and all(isinstance(w, str) for w in phrase):
            texts.append(" ".join(phrase))
        else:
            raise TypeError(f"phrases[{i}] is {type(phrase).__name__}, expected str or list of str")
    return texts


def _replay(inner: _core.Corpus, edits: list[Edit]) -> _core.Corpus:
    """Apply compound() and fold() edits, in order, to tokenized texts."""
    for kind, arguments in edits:
        if kind == "compound":
            words, separator = arguments
            inner = inner.compound(words, separator)
        else:
            inner = _core.fold(inner, arguments)
    return inner


def _rebuild_corpus(
    data: bytes,
    bounds: np.ndarray,
    meta: pd.DataFrame,
    tokenizer: Tokenizer,
    edits: list[Edit],
    log: pd.DataFrame,
) -> Corpus:
    threads = get_num_threads()
    inner = _core.Corpus.from_text_buffers(data, bounds, tokenizer._inner, threads=threads)
    inner = _replay(inner, edits)
    return Corpus._from_parts(inner, meta, tokenizer, edits, log)


def _fields(
    columns: dict[str, list[Any]],
    text: str | None,
    source: str | None,
    id: str | None,
    lenient: bool,
) -> tuple[list[Any] | None, list[Any] | None, dict[str, list[Any]]]:
    """The sources, the ids and the other fields of a reader's columns.

    A column named ``id`` holds the ids unless told otherwise; with `lenient`
    (records, JSON Lines) a missing source field means no sources.
    """
    if id is None and "id" in columns and text != "id":
        id = "id"
    if source is None or (lenient and source not in columns):
        sources = None
    elif source not in columns:
        there = ", ".join(repr(c) for c in columns)
        raise KeyError(
            f"no source column {source!r}; the columns are: {there} "
            "(source=None reads the documents without a source)"
        )
    else:
        sources = list(columns[source])
    ids = list(column_of(columns, id, "id")) if id is not None else None
    rest = {k: v for k, v in columns.items() if k not in (text, source, id)}
    return sources, ids, rest


def _metadata(
    n: int,
    sources: Sequence[Any] | None,
    ids: Sequence[Any] | None,
    meta: Mapping[str, Sequence[Any]] | Sequence[Mapping[str, Any]] | None,
    errors: str = "strict",
) -> pd.DataFrame:
    """The metadata table: ``id``, then ``source``, then the other fields; lengths checked.

    Values are kept by the rule of :mod:`corpuscle._values`. A str value with
    a lone surrogate raises ValueError naming it, or under ``errors="replace"``
    has U+FFFD put in its place, with one RepairWarning.
    """
    named: dict[str, tuple[str, list[Any]]] = {
        "id": ("ids", list(range(n)) if ids is None else _column(ids, "ids", n))
    }
    if sources is not None:
        named["source"] = ("sources", _column(sources, "sources", n))
    if meta is not None:
        if isinstance(meta, Mapping):
            fields = {
                str(k): (f"meta[{k!r}]", _column(v, f"meta[{k!r}]", n)) for k, v in meta.items()
            }
        else:
            records = _column(meta, "meta", n)
            names = list(dict.fromkeys(str(k) for record in records for k in record))
            fields = {
                name: (f"meta[{name!r}]", [record.get(name) for record in records])
                for name in names
            }
        for name, field in fields.items():
            if name in named:
                raise ValueError(f"meta field {name!r} clashes with the {name!r} given separately")
            named[name] = field
    repairs = Repairs(
        "put U+FFFD in place of lone surrogates", ("metadata value", "metadata values")
    )
    for argument, column in named.values():
        _check_metadata_text(column, argument, errors, repairs)
    repairs.warn(stacklevel=4)
    table = pd.DataFrame({name: field_column(column) for name, (_, column) in named.items()})
    duplicated = table["id"].duplicated()
    if duplicated.any():
        first = table["id"][duplicated].tolist()[0]
        raise ValueError(f"document ids must be unique; {first!r} appears more than once")
    return table


def _check_metadata_text(values: list[Any], argument: str, errors: str, repairs: Repairs) -> None:
    """Raise naming the first str of `values` with a lone surrogate, or repair each in place."""
    for row, value in enumerate(values):
        if isinstance(value, str) and has_surrogates(value):
            if errors != "replace":
                at = next(i for i, char in enumerate(value) if "\ud800" <= char <= "\udfff")
                raise ValueError(
                    f"{argument}[{row}] ({value!r:.80}) contains a lone surrogate "
                    f"U+{ord(value[at]):04X} at character offset {at}, which is not valid "
                    "Unicode text; errors='replace' puts U+FFFD in its place"
                )
            values[row] = replace_surrogates(value)
            repairs.add(f"{argument}[{row}]")


def _column(values: Any, name: str, n: int) -> list[Any]:
    if isinstance(values, str):
        raise TypeError(f"{name} must be a sequence with one value per document, not a str")
    values = list(values)
    if len(values) != n:
        raise ValueError(
            f"texts has {n} items but {name} has {len(values)}; they must be the same length"
        )
    return values
