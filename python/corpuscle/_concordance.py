"""Concordance (KWIC): every match of a pattern with its context, as written."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from corpuscle._args import count_at_least
from corpuscle._config import get_num_threads
from corpuscle._groups import By, fields_of, group
from corpuscle._output import Fields, assemble, frame
from corpuscle._progress import progress_bar

if TYPE_CHECKING:
    import pandas as pd

    from corpuscle import _core


class Concordance:
    """Mixin of Corpus: reads ``self._inner`` (texts and tokens) and ``self._meta``."""

    _inner: _core.Corpus
    _meta: pd.DataFrame

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
            # Ordered in the engine by the group codes, so any field (mixed
            # types included) orders the lines, in either output library.
            order = None if by is None else group(self._meta, by).codes
            lines = self._inner.concordance(
                pattern,
                window,
                case_sensitive=bool(case_sensitive),
                order=order,
                threads=get_num_threads(),
            )
            docs = lines.pop("doc").astype(np.intp)
            names = (
                [f for f in self._meta.columns if f != "id"]
                if by is None
                else fields_of(by, self._meta)
            )
            fields = Fields({name: self._meta[name].to_numpy()[docs] for name in names})
            columns = assemble({"doc_id": self._meta["id"].to_numpy()[docs]}, fields, lines)
            attrs = {"pattern": pattern, "window": window, "lines": len(docs)}
            return frame(columns, attrs)
