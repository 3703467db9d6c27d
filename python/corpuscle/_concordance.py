"""Concordance (KWIC): every match of a pattern with its context, as written."""

from __future__ import annotations

import fnmatch
from typing import TYPE_CHECKING, Any

import numpy as np

from corpuscle._args import count_at_least
from corpuscle._config import get_num_threads
from corpuscle._groups import By, fields_of, group
from corpuscle._output import Fields, assemble, frame
from corpuscle._progress import progress_bar
from corpuscle.tokenizer import Tokenizer

if TYPE_CHECKING:
    import pandas as pd

    from corpuscle import _core


class Concordance:
    """Mixin of Corpus: reads ``self._inner``, ``self._meta``, ``self._texts``."""

    _inner: _core.Corpus
    _meta: pd.DataFrame
    _texts: list[str]
    _tokenizer: Tokenizer

    def kwic(
        self,
        pattern: str,
        window: int = 5,
        by: By = None,
        case_sensitive: bool = False,
        *,
        progress: bool | None = None,
    ) -> Any:
        """Keyword in context: each match of `pattern` with the text around it.

        Parameters
        ----------
        pattern : str
            A word, a phrase or a glob, as for :meth:`collocates`.
        window : int, default 5
            Tokens of context on each side (within the document).
        by : str, list of str or None
            Metadata fields to show after ``doc_id``, lines ordered by them;
            by default every field, lines in document order.
        case_sensitive : bool, default False
            Keep only matches whose text has the case of `pattern` (compared
            after the tokenizer's other normalisation, so ``Putin`` finds
            ``Putin’s`` but not ``PUTIN``).
        progress : bool, optional
            Draw a progress bar if the call runs longer than about two seconds;
            by default as :func:`corpuscle.set_progress` says.

        Returns
        -------
        DataFrame
            ``doc_id, [fields], start, end, left, match, right``. ``left``,
            ``match`` and ``right`` are the original text, not tokens;
            ``start`` and ``end`` are character offsets of the match in its
            document, so ``corpus.texts[i][start:end] == match``. A field
            named like one of these columns is shown as ``meta_<field>``.

        Examples
        --------
        >>> from corpuscle import Corpus
        >>> corpus = Corpus(["Xi met Putin in Moscow.", "PUTIN’S guest was Xi."])
        >>> corpus.kwic("putin", window=2)[["doc_id", "left", "match", "right"]]
           doc_id     left    match       right
        0       0  Xi met     Putin   in Moscow
        1       1           PUTIN’S   guest was
        """
        with progress_bar("Concordance", progress):
            window = count_at_least(window, "window", 0)
            if not isinstance(pattern, str):
                raise TypeError(f"pattern must be a str, got {type(pattern).__name__}")
            lines = self._inner.concordance(pattern, window, threads=get_num_threads())
            if case_sensitive:
                lines = _keep_cased(self, pattern, lines)
            docs = lines["doc"].astype(np.intp)
            if by is not None and len(docs):
                # Sorted here, by the group codes, so any field (mixed types
                # included) orders the lines, in either output library.
                order = np.argsort(group(self._meta, by).codes[docs], kind="stable")
                lines = {name: column[order] for name, column in lines.items()}
                docs = docs[order]
            names = (
                [f for f in self._meta.columns if f != "id"]
                if by is None
                else fields_of(by, self._meta)
            )
            fields = Fields({name: self._meta[name].to_numpy()[docs] for name in names})
            texts = self._texts
            offsets = (lines[k].tolist() for k in ("left", "start", "end", "right"))
            bounds = zip(docs.tolist(), *offsets, strict=True)
            left, match, right = [], [], []
            for doc, context_start, start, end, context_end in bounds:
                text = texts[doc]
                left.append(text[context_start:start])
                match.append(text[start:end])
                right.append(text[end:context_end])
            columns = assemble(
                {"doc_id": self._meta["id"].to_numpy()[docs]},
                fields,
                {"start": lines["start"], "end": lines["end"]},
                {"left": left, "match": match, "right": right},
            )
            attrs = {"pattern": pattern, "window": window, "lines": len(docs)}
            return frame(columns, attrs)


def _keep_cased(corpus: Concordance, pattern: str, lines: dict[str, Any]) -> dict[str, Any]:
    """The lines whose matched tokens have the case of `pattern`."""
    params = corpus._tokenizer.get_params()
    keep_case = Tokenizer(**{**params, "lowercase": False})
    wanted: list[str] = []
    for word in pattern.split():
        wanted += [word] if ("*" in word or "?" in word) else keep_case.tokenize(word)
    keep = np.zeros(len(lines["doc"]), dtype=bool)
    offsets: dict[int, np.ndarray] = {}
    matches = zip(lines["doc"].tolist(), lines["start"].tolist(), strict=True)
    for i, (doc, start) in enumerate(matches):
        if doc not in offsets:
            offsets[doc] = np.column_stack(corpus._inner.offsets(doc))
        spans = offsets[doc]
        first = int(np.searchsorted(spans[:, 0], start))
        text = corpus._texts[doc]
        surfaces = [text[s:e] for s, e in spans[first : first + len(wanted)]]
        keep[i] = all(
            fnmatch.fnmatchcase(keep_case.normalize(surface), want)
            if ("*" in want or "?" in want)
            else keep_case.normalize(surface) == want
            for surface, want in zip(surfaces, wanted, strict=True)
        )
    return {name: column[keep] for name, column in lines.items()}
