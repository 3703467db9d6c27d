"""Cleaning before counting: near-duplicates, boilerplate, extraction artefacts, name variants.

Each method checks its arguments, makes one call into the engine, and names
the columns that come back. Methods that change the corpus return a new one
and add what they removed to its ``cleaning_log``.
"""

from __future__ import annotations

from collections.abc import Mapping
from numbers import Real
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from corpuscle import _core
from corpuscle._args import count_at_least
from corpuscle._config import get_num_threads
from corpuscle._groups import By, group, group_or_all
from corpuscle._output import FIELD_PREFIX, Fields, assemble, frame
from corpuscle._progress import progress_bar

if TYPE_CHECKING:
    from corpuscle.corpus import Corpus, Edit
    from corpuscle.tokenizer import Tokenizer

MEASURES = ("jaccard", "containment")
LOG_COLUMNS = ("step", "text", "detail")
# Characters of a dropped document's text shown in the cleaning log.
PREVIEW = 80


def empty_log(meta: pd.DataFrame) -> pd.DataFrame:
    """A cleaning log with no rows: ``id``, ``source`` (if any), step, text, detail."""
    keys = ["id", "source"] if "source" in meta.columns else ["id"]
    return pd.DataFrame({name: pd.Series(dtype=object) for name in [*keys, *LOG_COLUMNS]})


def _similarity(threshold: float, measure: str, shingle: int) -> tuple[float, str, int]:
    if not isinstance(threshold, Real) or isinstance(threshold, bool) or not 0 < threshold <= 1:
        raise ValueError(f"threshold must be a number in (0, 1], got {threshold!r}")
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, got {measure!r}")
    return float(threshold), measure, count_at_least(shingle, "shingle", 1)


def _share(value: float, name: str) -> float:
    if not isinstance(value, Real) or isinstance(value, bool) or not 0 <= value <= 1:
        raise ValueError(f"{name} must be a number between 0 and 1, got {value!r}")
    return float(value)


class Cleaning:
    """Mixin of Corpus: reads ``self._inner`` (texts and tokens) and ``self._meta``."""

    _inner: _core.Corpus
    _meta: pd.DataFrame
    _tokenizer: Tokenizer
    _edits: list[Edit]
    _log: pd.DataFrame

    if TYPE_CHECKING:  # provided by Corpus

        def _rebuilt(
            self, inner: _core.Corpus, meta: pd.DataFrame, log: pd.DataFrame
        ) -> Corpus: ...

        def _edited(self, edit: Edit) -> Corpus: ...

    # -- near-duplicate documents ---------------------------------------------------

    def near_duplicates(
        self,
        threshold: float = 0.8,
        shingle: int = 5,
        measure: str = "jaccard",
        by: By = None,
        *,
        progress: bool | None = None,
    ) -> Any:
        """Pairs of documents that share most of their text.

        Each document is the set of its `shingle`-token windows. Two documents
        are compared by

        - ``jaccard = |A ∩ B| / |A ∪ B|``: the share of all their windows they
          share, for copies of about the same length;
        - ``containment = |A ∩ B| / min(|A|, |B|)``: the share of the smaller
          document found in the larger, which finds a truncated copy (a web
          version holding 60% of the PDF) that Jaccard misses.

        Candidates come from MinHash signatures of 128 hash functions cut into
        bands (locality-sensitive hashing; Broder 1997, Leskovec et al.,
        *Mining of Massive Datasets* ch. 3), so the work grows with the number
        of documents, not its square. Every candidate is then compared exactly:
        the similarities reported are exact and no pair below the threshold is
        reported. The banding can miss a pair: it is tuned so that a pair 0.1
        above the threshold is found with probability at least 0.95 (for
        containment, when the smaller document has at least half the windows
        of the larger), and pairs at the threshold itself are found with
        probability ``1 - (1 - J^rows)^bands`` (``attrs`` holds both numbers).
        Empty documents are never reported.

        Parameters
        ----------
        threshold : float, default 0.8
            Report pairs whose `measure` is at least this.
        shingle : int, default 5
            Tokens per window. Tokens are the corpus' normalised tokens, so
            case, punctuation and line breaks do not matter.
        measure : {"jaccard", "containment"}, default "jaccard"
        by : str, list of str or None, default None
            Compare only documents with equal values of these fields.
        progress : bool, optional
            Draw a progress bar if the call runs longer than about two seconds;
            by default as :func:`corpuscle.set_progress` says.

        Returns
        -------
        DataFrame
            ``doc_a, doc_b`` (the documents' ids, ``doc_a`` first in the
            corpus), ``<field>_a, <field>_b`` for every other metadata field,
            then ``shared`` (windows in common), ``jaccard``, ``containment``;
            the most similar pairs first. A field whose column would take one
            of these names is shown as ``meta_<field>_a``, ``meta_<field>_b``.

        Examples
        --------
        >>> from corpuscle import Corpus
        >>> story = "the strike closed every station on the northern line this morning"
        >>> corpus = Corpus([story, story + " and the union said talks would resume", "other news"])
        >>> corpus.near_duplicates(0.6, shingle=3, measure="containment")
           doc_a  doc_b  shared  jaccard  containment
        0      0      1       9   0.5625          1.0

        The story's 9 three-token windows are all in the longer text, which
        has 16: containment 9/9, Jaccard 9/16.
        """
        with progress_bar("Near-duplicates", progress):
            threshold, measure, shingle = _similarity(threshold, measure, shingle)
            codes = None if by is None else group(self._meta, by).codes
            pairs = _core.near_duplicate_pairs(
                self._inner,
                codes,
                threshold=threshold,
                shingle=shingle,
                measure=measure,
                threads=get_num_threads(),
            )
            a, b = pairs.pop("a").astype(np.int64), pairs.pop("b").astype(np.int64)
            ids = self._meta["id"].to_numpy()
            fields = Fields()
            for field in self._meta.columns[1:]:
                values = self._meta[field].to_numpy()
                fields[f"{field}_a"], fields[f"{field}_b"] = values[a], values[b]
            order = np.lexsort((b, a, -pairs[measure]))
            columns = assemble({"doc_a": ids[a], "doc_b": ids[b]}, fields, pairs)
            attrs = _banding_attrs(threshold, measure)
            attrs.update(threshold=threshold, measure=measure, shingle=shingle)
            return frame(
                {name: np.asarray(values)[order] for name, values in columns.items()}, attrs
            )

    def drop_duplicates(
        self,
        threshold: float = 0.8,
        shingle: int = 5,
        measure: str = "jaccard",
        keep: str = "first",
        by: By = None,
        *,
        progress: bool | None = None,
    ) -> Corpus:
        """A new corpus without near-duplicate documents.

        Documents are visited in order of preference: corpus order for
        ``keep="first"``, most tokens first for ``keep="longest"`` (ties in
        corpus order). A document is dropped when it is a near-duplicate (see
        :meth:`near_duplicates`) of a document already kept; so a chain
        A ~ B ~ C, where C does not resemble A, keeps A and C. Each dropped
        document gets a ``"duplicate"`` row in the new corpus'
        ``cleaning_log`` naming the document it duplicates and the similarity.

        Parameters
        ----------
        progress : bool, optional
            Draw a progress bar if the call runs longer than about two seconds;
            by default as :func:`corpuscle.set_progress` says.

        Examples
        --------
        >>> from corpuscle import Corpus
        >>> text = "the strike closed every station on the northern line this morning"
        >>> corpus = Corpus([text, "other news", text.upper()], ids=["a", "b", "c"])
        >>> kept = corpus.drop_duplicates()
        >>> kept.ids
        ['a', 'b']
        >>> kept.cleaning_log[["id", "step", "detail"]]
          id       step                                             detail
        0  c  duplicate  near-duplicate of 'a' (jaccard 1.000, containm...
        """
        with progress_bar("Near-duplicates", progress):
            threshold, measure, shingle = _similarity(threshold, measure, shingle)
            if keep not in ("first", "longest"):
                raise ValueError(f"keep must be 'first' or 'longest', got {keep!r}")
            codes = None if by is None else group(self._meta, by).codes
            result = _core.duplicates_to_drop(
                self._inner,
                codes,
                threshold=threshold,
                shingle=shingle,
                measure=measure,
                keep=keep,
                threads=get_num_threads(),
            )
            duplicate_of = result["duplicate_of"]
            dropped = np.flatnonzero(duplicate_of >= 0)
            if len(dropped) == 0:
                return self._with(np.arange(len(self._meta)), self._log)
            ids = self._meta["id"].tolist()
            details = [
                f"near-duplicate of {ids[duplicate_of[d]]!r} (jaccard "
                f"{result['jaccard'][d]:.3f}, containment {result['containment'][d]:.3f})"
                for d in dropped
            ]
            previews = [_preview(self._inner.text(int(d))) for d in dropped]
            rows = self._log_rows(dropped, ["duplicate"] * len(dropped), previews, details)
            return self._with(np.flatnonzero(duplicate_of < 0), pd.concat([self._log, rows]))

    def _with(self, positions: np.ndarray, log: pd.DataFrame) -> Corpus:
        from corpuscle.corpus import Corpus

        inner = self._inner.select(positions.tolist())
        meta = self._meta.iloc[positions].reset_index(drop=True)
        log = log.reset_index(drop=True)
        return Corpus._from_parts(inner, meta, self._tokenizer, self._edits, log)

    # -- boilerplate and extraction artefacts ---------------------------------------

    def boilerplate(
        self,
        min_docs: int = 3,
        by: By = "source",
        min_share: float = 0.3,
        *,
        progress: bool | None = None,
    ) -> Any:
        r"""Lines that are not the article: boilerplate and lines printed twice.

        A line is **boilerplate** when it appears in at least `min_docs`
        documents of one group, and in at least `min_share` of the group's
        documents ("Advertisement", footers, "Related article: ..." lines,
        navigation). A line is **repeated** when it appears more than once in
        one document (a caption or teaser printed twice) and is not
        boilerplate. Lines are compared after NFKC normalisation, lower-casing
        and collapsing white space; lines without a letter or digit are
        ignored.

        Parameters
        ----------
        min_docs : int, default 3
            At least 2.
        by : str, list of str or None, default "source"
            The groups whose documents share boilerplate; None (or no
            ``source`` field) for the whole corpus.
        min_share : float, default 0.3
        progress : bool, optional
            Draw a progress bar if the call runs longer than about two seconds;
            by default as :func:`corpuscle.set_progress` says.

        Returns
        -------
        DataFrame
            ``line`` (as first seen), ``kind`` ("boilerplate" or "repeated"),
            the `by` fields, ``id`` (the first document holding the line, or
            the one it repeats in), ``documents`` (holding it), ``share`` (of
            the group's documents), ``count`` (occurrences in them).

        Examples
        --------
        >>> from corpuscle import Corpus
        >>> corpus = Corpus(
        ...     ["Story one.\nAdvertisement", "Story two.\nAdvertisement", "A.\nB.\nA."],
        ...     sources=["X", "X", "Y"],
        ... )
        >>> corpus.boilerplate(min_docs=2)
                    line         kind source  id  documents  share  count
        0  Advertisement  boilerplate      X   0          2    1.0      2
        1             A.     repeated      Y   2          1    1.0      2
        """
        with progress_bar("Boilerplate", progress):
            min_docs = count_at_least(min_docs, "min_docs", 2)
            min_share = _share(min_share, "min_share")
            groups = group_or_all(self._meta, by)
            table = _core.repeated_line_table(
                self._inner,
                groups.codes,
                groups.count,
                min_docs=min_docs,
                min_share=min_share,
                threads=get_num_threads(),
            )
            codes = table.pop("group").astype(np.int64)
            docs = table.pop("doc").astype(np.int64)
            columns = assemble(
                {"line": table["line"], "kind": table["kind"]},
                groups.columns_for(codes),
                {"id": self._meta["id"].to_numpy()[docs]},
                {name: table[name] for name in ("documents", "share", "count")},
            )
            attrs = {"min_docs": min_docs, "min_share": min_share, "by": groups.fields or None}
            return frame(columns, attrs)

    def clean(
        self,
        boilerplate: bool = True,
        repeated_lines: bool = True,
        reflow: bool = True,
        urls: bool = True,
        metadata: bool = True,
        *,
        min_docs: int = 3,
        min_share: float = 0.3,
        by: By = "source",
        progress: bool | None = None,
    ) -> Corpus:
        r"""A new corpus of cleaned texts, with a record of every change.

        Per document, in this order:

        1. ``metadata``: leading fields such as ``date 2023-03-21`` or
           ``Published: 2023-03-21T10:00Z`` are removed.
        2. ``reflow``: a hard-wrapped text (PDF extraction: lines of at most
           160 characters, many of them broken inside a sentence) has the
           line breaks inside its paragraphs joined, so sentences are no
           longer cut at every line end. A new paragraph starts after a blank
           line, at an indented line, or after a line that ends a sentence
           well short of the width. A word hyphenated across a line break
           (``estab-`` / ``lished``) loses the hyphen when the joined word is
           seen elsewhere in the corpus; otherwise the hyphen stays
           (``Russia-China``). Text with one paragraph per line is left alone.
        3. ``urls``: lines holding nothing but a URL are removed.

        Then, over all documents (see :meth:`boilerplate`): ``boilerplate``
        lines are removed wherever they appear, and of a ``repeated_lines``
        line only the first copy in each document is kept.

        The new corpus is tokenized as this one was (compound() and fold()
        replayed). Its ``cleaning_log`` lists every removal: one row per
        removed line, URL run, metadata field and re-joined word, and one per
        reflowed document.

        Parameters
        ----------
        progress : bool, optional
            Draw a progress bar if the call runs longer than about two seconds;
            by default as :func:`corpuscle.set_progress` says.

        Examples
        --------
        >>> from corpuscle import Corpus
        >>> corpus = Corpus(
        ...     ["date 2023-03-21 Talks resumed.\nAdvertisement\nA caption.\nA caption."]
        ... )
        >>> corpus.clean().texts
        ['Talks resumed.\nAdvertisement\nA caption.\n']
        >>> corpus.clean().cleaning_log[["step", "text"]]
               step             text
        0  metadata  date 2023-03-21
        1  repeated       A caption.
        """
        with progress_bar("Cleaning", progress):
            min_docs = count_at_least(min_docs, "min_docs", 2)
            min_share = _share(min_share, "min_share")
            flags = dict(
                metadata=metadata,
                reflow=reflow,
                urls=urls,
                boilerplate=boilerplate,
                repeated_lines=repeated_lines,
            )
            for name, value in flags.items():
                if not isinstance(value, bool):
                    raise TypeError(f"{name} must be True or False, got {value!r}")
            groups = group_or_all(self._meta, by)
            inner, log = _core.clean_texts(
                self._inner,
                groups.codes,
                groups.count,
                **flags,
                min_docs=min_docs,
                min_share=min_share,
                threads=get_num_threads(),
            )
            rows = self._log_rows(
                log["doc"].astype(np.int64),
                log["step"].to_list(),
                log["text"].to_list(),
                log["detail"].to_list(),
            )
            full_log = pd.concat([self._log, rows]).reset_index(drop=True)
            return self._rebuilt(inner, self._meta, full_log)

    def _log_rows(self, docs: Any, steps: Any, texts: Any, details: Any) -> pd.DataFrame:
        docs = np.asarray(docs, dtype=np.int64)
        columns: dict[str, Any] = {"id": self._meta["id"].to_numpy()[docs]}
        if "source" in self._log.columns:
            columns["source"] = self._meta["source"].to_numpy()[docs]
        columns.update(step=list(steps), text=list(texts), detail=list(details))
        # Object columns throughout, so logs concatenate and pickle unchanged.
        return pd.DataFrame(columns, columns=list(self._log.columns), dtype=object)

    @property
    def cleaning_log(self) -> Any:
        """What cleaning removed or changed, one row per change (a copy).

        Columns: ``id`` and ``source`` (if any) of the document, ``step``
        (``duplicate``, ``metadata``, ``reflow``, ``hyphenation``, ``url``,
        ``boilerplate``, ``repeated``), ``text`` (what was removed; the start
        of a dropped document) and ``detail`` (why). Empty until
        :meth:`clean` or :meth:`drop_duplicates` has made this corpus.
        """
        return frame({c: self._log[c] for c in self._log.columns})

    def _cleaning_note(self) -> str:
        if len(self._log) == 0:
            return ""
        steps = self._log["step"].value_counts()
        parts = ", ".join(f"{count} {step}" for step, count in steps.items())
        return f"\ncleaned ({parts}): see .cleaning_log"

    # -- spelling variants -------------------------------------------------------------

    def variants(
        self,
        min_count: int = 2,
        max_distance: int = 2,
        min_length: int = 5,
        by: By = "source",
        *,
        progress: bool | None = None,
    ) -> Any:
        """Groups of capitalised words that are probably one name spelt differently.

        A word takes part when it has at least `min_length` letters and only
        letters, and is capitalised in at least half its occurrences inside a
        sentence (the first word of a sentence is capitalised anyway, so it
        counts only for words never seen elsewhere). Two words are variants
        when they start with the same letter, their optimal string alignment
        distance (insertions, deletions, substitutions and swaps of adjacent
        letters, each one edit; Damerau 1964) is at most `max_distance` and
        at most a quarter of the shorter word's length, at least one of them
        is seen `min_count` times (a typo seen once joins the spelling it
        resembles), and they are not one stem with different English endings
        such as -s, -n, -an, -i, -ese, -er/-ry (``Russia``/``Russian`` and
        ``Minister``/``Ministry`` are pairs of words, not spellings).
        Variants are grouped by single linkage. The suggestions are for a
        person to check: pass the ones you accept to :meth:`fold`.

        Parameters
        ----------
        progress : bool, optional
            Draw a progress bar if the call runs longer than about two seconds;
            by default as :func:`corpuscle.set_progress` says.

        Returns
        -------
        DataFrame
            ``group`` (numbered by falling total count), ``canonical`` (the
            group's most frequent term), ``term`` (a normalised spelling),
            ``spelling`` (as first written), ``distance`` (edits from
            ``canonical``), ``count``, then one column of counts per value of
            `by` (for ``by="source"``: per outlet).

        Examples
        --------
        >>> from corpuscle import Corpus
        >>> corpus = Corpus(
        ...     ["Zelensky spoke. Zelensky left.", "Zelenskyy came. Zelenksyy said no."],
        ...     sources=["A", "B"],
        ... )
        >>> corpus.variants()
           group canonical       term   spelling  distance  count  A  B
        0      0  zelensky   zelensky   Zelensky         0      2  2  0
        1      0  zelensky  zelenskyy  Zelenskyy         1      1  0  1
        2      0  zelensky  zelenksyy  Zelenksyy         2      1  0  1
        """
        with progress_bar("Variants", progress):
            groups = group_or_all(self._meta, by)
            table = _core.variant_table(
                self._inner,
                groups.codes,
                groups.count,
                min_count=count_at_least(min_count, "min_count", 1),
                max_distance=count_at_least(max_distance, "max_distance", 1),
                min_length=count_at_least(min_length, "min_length", 1),
                threads=get_num_threads(),
            )
            by_group = table.pop("by_group")
            # One column per group, named by its values; a group named like a
            # column of the table (or like another group: 2020 and "2020")
            # gets the prefix, as a colliding field does.
            per_group = Fields()
            if groups.fields:
                for code in range(groups.count):
                    label = groups.labels.iloc[code]
                    name = str(label.iloc[0]) if len(label) == 1 else " / ".join(map(str, label))
                    while name in per_group:
                        name = FIELD_PREFIX + name
                    per_group[name] = by_group[:, code]
            columns = assemble(dict(table), per_group)
            attrs = {
                "min_count": min_count,
                "max_distance": max_distance,
                "by": groups.fields or None,
            }
            return frame(columns, attrs)

    def fold(self, variants: Mapping[str, str] | Any) -> Corpus:
        """A new corpus in which several spellings count as one term.

        Parameters
        ----------
        variants : dict or DataFrame
            ``{"zelenskyy": "zelensky", ...}``: each key counts as its value
            from now on (keys and values are normalised as the corpus'
            tokens are, so ``"Zelenskyy"`` works too). Or a frame with
            ``term`` and ``canonical`` columns, such as :meth:`variants`
            returns (filter it to the groups you accept first). Keys the
            corpus never contains are ignored.

        The texts, offsets and concordances are unchanged; frequencies,
        collocations and keyness count the folded term.

        Examples
        --------
        >>> from corpuscle import Corpus
        >>> corpus = Corpus(["Zelensky and Zelenskyy met Zelenksyy."])
        >>> corpus.fold({"Zelenskyy": "Zelensky", "zelenksyy": "zelensky"}).tokens(0)
        ['zelensky', 'and', 'zelensky', 'met', 'zelensky']
        """
        pairs = _fold_pairs(variants)
        edit: Edit = ("fold", pairs)
        return self._edited(edit)


def _fold_pairs(variants: Any) -> list[tuple[str, str]]:
    if hasattr(variants, "columns"):
        if "term" not in variants.columns or "canonical" not in variants.columns:
            raise KeyError("a frame of variants needs 'term' and 'canonical' columns")
        pairs = list(zip(variants["term"], variants["canonical"], strict=True))
    elif isinstance(variants, Mapping):
        pairs = list(variants.items())
    else:
        raise TypeError(
            f"variants must be a dict or a DataFrame of variants, got {type(variants).__name__}"
        )
    for term, into in pairs:
        if not isinstance(term, str) or not isinstance(into, str):
            raise TypeError(f"fold maps str to str; got {term!r}: {into!r}")
    return [(term, into) for term, into in pairs if term != into]


def _preview(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…"


def _banding_attrs(threshold: float, measure: str) -> dict[str, Any]:
    bands, rows, recall_at_threshold = _core.banding(threshold, measure)
    return {"bands": bands, "rows": rows, "recall_at_threshold": recall_at_threshold}
