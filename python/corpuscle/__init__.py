"""corpuscle: fast, trustworthy corpus statistics with a Rust core.

Load articles from several outlets into a :class:`Corpus`, clean out copies and
boilerplate, then ask for term frequencies, document-term matrices,
collocations, concordances and keyness, as tidy DataFrames. For more text than
memory holds, :func:`count` and :func:`count_files` stream it into mergeable
:class:`Counts` (and :mod:`corpuscle.dask` counts on a cluster).

>>> import corpuscle
>>> corpus = corpuscle.Corpus(["Xi met Putin.", "Putin’s visit"], sources=["A", "B"])
>>> corpus.frequencies(by="source")["term"].tolist()
['met', 'putin', 'xi', 'putin', 'visit']
"""

from corpuscle import datasets
from corpuscle._config import (
    get_num_threads,
    get_output,
    get_progress,
    set_num_threads,
    set_output,
    set_progress,
)
from corpuscle._core import __version__
from corpuscle._streaming import count, count_files
from corpuscle._wide import Frequencies, to_wide
from corpuscle.corpus import Corpus
from corpuscle.counts import Counts
from corpuscle.exceptions import FileFormatError, InternalError, ReferenceWarning, RepairWarning
from corpuscle.stopwords import stopwords
from corpuscle.tokenizer import Tokenizer

__all__ = [
    "Corpus",
    "Counts",
    "FileFormatError",
    "Frequencies",
    "InternalError",
    "ReferenceWarning",
    "RepairWarning",
    "Tokenizer",
    "__version__",
    "count",
    "count_files",
    "datasets",
    "get_num_threads",
    "get_output",
    "get_progress",
    "set_num_threads",
    "set_output",
    "set_progress",
    "stopwords",
    "to_wide",
]
