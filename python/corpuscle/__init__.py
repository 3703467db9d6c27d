"""corpuscle: fast, trustworthy corpus statistics with a Rust core.

Load articles from several outlets into a :class:`Corpus`, clean out copies and
boilerplate, then ask for term frequencies, document-term matrices,
collocations, concordances and keyness, as tidy DataFrames.

>>> import corpuscle
>>> corpus = corpuscle.Corpus(["Xi met Putin.", "Putin’s visit"], sources=["A", "B"])
>>> corpus.frequencies(by="source")["term"].tolist()
['met', 'putin', 'xi', 'putin', 'visit']
"""

from corpuscle import datasets
from corpuscle._config import get_num_threads, get_output, set_num_threads, set_output
from corpuscle._core import __version__
from corpuscle.corpus import Corpus
from corpuscle.exceptions import InternalError
from corpuscle.stopwords import stopwords
from corpuscle.tokenizer import Tokenizer

__all__ = [
    "Corpus",
    "InternalError",
    "Tokenizer",
    "__version__",
    "datasets",
    "get_num_threads",
    "get_output",
    "set_num_threads",
    "set_output",
    "stopwords",
]
