"""Type stub of the native module ``corpuscle._core`` (the Rust engine's bindings)."""

import os
from collections.abc import Sequence
from typing import Any, final

import numpy as np
import numpy.typing as npt

__all__ = [
    "MAX_N",
    "MAX_THREADS",
    "NUMBER_PLACEHOLDER",
    "STEMMER_LANGUAGES",
    "Corpus",
    "Counts",
    "FileFormatError",
    "InternalError",
    "Progress",
    "StringColumn",
    "Tokenizer",
    "__version__",
    "_panic_for_tests",
    "banding",
    "clean_texts",
    "duplicates_to_drop",
    "fold",
    "near_duplicate_pairs",
    "read_files",
    "read_jsonl",
    "repeated_line_table",
    "variant_table",
]

__version__: str
MAX_N: int
MAX_THREADS: int
NUMBER_PLACEHOLDER: str
STEMMER_LANGUAGES: list[str]

class InternalError(RuntimeError):
    """A bug in corpuscle: the engine failed where it should not."""

class FileFormatError(ValueError):
    """Saved counts that cannot be read: truncated, corrupted, or of another format version."""

@final
class Tokenizer:
    def __new__(
        cls,
        *,
        lowercase: bool = True,
        strip_possessive: bool = True,
        split_hyphens: bool = False,
        numbers: str = "keep",
        urls: bool = True,
        emails: bool = True,
        handles: bool = True,
        hashtags: bool = True,
        stem: str | None = None,
        min_length: int = 1,
    ) -> Tokenizer: ...
    def tokenize(self, text: str) -> list[str]: ...
    def tokenize_spans(self, text: str) -> list[tuple[str, int, int]]: ...
    def sentences(self, text: str) -> list[list[str]]: ...
    def normalize_term(self, term: str) -> str: ...

def _panic_for_tests(place: str, *, threads: int = 2) -> None: ...

@final
class Progress:
    """Counts the engine's work on this thread while entered; read from another thread."""

    def __init__(self) -> None: ...
    @property
    def done(self) -> int: ...
    @property
    def expected(self) -> int: ...
    def __enter__(self) -> Progress: ...
    def __exit__(self, *_exc: object) -> bool: ...

@final
class StringColumn:
    """Strings in Arrow's large-string layout: UTF-8 bytes and int64 offsets."""

    def __len__(self) -> int: ...
    def buffers(self) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64]]: ...
    def to_list(self) -> list[str]: ...

_Csr = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[Any], list[str]]

@final
class Corpus:
    def __new__(
        cls, texts: list[Any], tokenizer: Tokenizer, *, errors: str = "strict", threads: int = 0
    ) -> Corpus: ...
    @property
    def n_docs(self) -> int: ...
    @property
    def n_tokens(self) -> int: ...
    @property
    def vocab_size(self) -> int: ...
    @staticmethod
    def from_text_buffers(
        data: bytes, bounds: npt.NDArray[np.int64], tokenizer: Tokenizer, *, threads: int = 0
    ) -> Corpus: ...
    @staticmethod
    def from_arrow(
        column: object, name: str, place: str, tokenizer: Tokenizer, *, threads: int = 0
    ) -> Corpus: ...
    def text_buffers(self) -> tuple[bytes, npt.NDArray[np.int64]]: ...
    def texts(self) -> list[str]: ...
    def text(self, d: int) -> str: ...
    def select(self, indices: list[int]) -> Corpus: ...
    def sentences(self, d: int) -> list[list[str]]: ...
    def offsets(self, d: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]: ...
    def group_sizes(
        self, groups: npt.NDArray[np.int64], n_groups: int, *, threads: int = 0
    ) -> dict[str, npt.NDArray[np.int64]]: ...
    def frequencies(
        self,
        groups: npt.NDArray[np.int64],
        n_groups: int,
        n: list[int],
        *,
        min_count: int = 1,
        top: int | None = None,
        stopwords: list[str] | None = None,
        threads: int = 0,
    ) -> dict[str, Any]: ...
    def collocations(
        self,
        groups: npt.NDArray[np.int64],
        n_groups: int,
        size: int,
        *,
        min_count: int = 3,
        measures: list[str] | None = None,
        sort: str = "llr",
        stopwords: list[str] | None = None,
        top: int | None = None,
        threads: int = 0,
    ) -> dict[str, Any]: ...
    def concordance(
        self,
        pattern: str,
        window: int,
        *,
        case_sensitive: bool = False,
        order: npt.NDArray[np.int64] | None = None,
        threads: int = 0,
    ) -> dict[str, Any]: ...
    def collocates(
        self,
        groups: npt.NDArray[np.int64],
        n_groups: int,
        node: str,
        left: int,
        right: int,
        *,
        min_count: int = 2,
        measures: list[str] | None = None,
        sort: str = "log_dice",
        stopwords: list[str] | None = None,
        threads: int = 0,
    ) -> dict[str, Any]: ...
    def keyness(
        self,
        target: list[int],
        reference: list[int] | None,
        *,
        reference_counts: dict[str, int] | None = None,
        reference_total: int = 0,
        settings: dict[str, Any],
    ) -> dict[str, Any]: ...
    def contrast(
        self, comparisons: list[tuple[list[int], list[int]]], *, settings: dict[str, Any]
    ) -> dict[str, Any]: ...
    def phrases(
        self,
        *,
        min_count: int = 5,
        threshold: float = 0.5,
        scoring: str = "npmi",
        max_size: int = 4,
        threads: int = 0,
    ) -> dict[str, Any]: ...
    def compound(self, phrases: list[list[str]], separator: str = "_") -> Corpus: ...
    def count_matrix(
        self,
        n: list[int],
        min_df: float,
        max_df: float,
        *,
        stopwords: list[str] | None = None,
        threads: int = 0,
    ) -> _Csr: ...
    def tfidf_matrix(
        self,
        n: list[int],
        min_df: float,
        max_df: float,
        *,
        norm: str | None,
        stopwords: list[str] | None = None,
        use_idf: bool = True,
        smooth_idf: bool = True,
        sublinear_tf: bool = False,
        threads: int = 0,
    ) -> _Csr: ...

# -- counts (src/py/counts.rs) --------------------------------------------------------

@final
class Counts:
    def __new__(
        cls, tokenizer: Tokenizer, max_n: int, grouping: str, *, approximate: int | None = None
    ) -> Counts: ...
    def approximated(self, limit: int, *, threads: int = 0) -> Counts: ...
    @property
    def approximate(self) -> int | None: ...
    def undercounts(self) -> dict[str, Any]: ...
    @staticmethod
    def from_corpus(
        corpus: Corpus,
        groups: npt.NDArray[np.int64],
        labels: list[str],
        max_n: int,
        grouping: str,
        *,
        threads: int = 0,
    ) -> Counts: ...
    def add_texts(
        self,
        texts: list[Any],
        groups: npt.NDArray[np.int64],
        labels: list[str],
        *,
        first: int = 0,
        errors: str = "strict",
        threads: int = 0,
    ) -> None: ...
    def add_jsonl(
        self,
        paths: Sequence[str | os.PathLike[str]],
        text: str,
        by: list[str],
        *,
        errors: str = "strict",
        block_bytes: int = 8_000_000,
        threads: int = 0,
    ) -> list[str]: ...
    def add_files(
        self,
        paths: Sequence[str | os.PathLike[str]],
        groups: npt.NDArray[np.int64],
        labels: list[str],
        *,
        errors: str = "strict",
        block_bytes: int = 8_000_000,
        threads: int = 0,
    ) -> list[str]: ...
    def merged(self, other: Counts, *, threads: int = 0) -> Counts: ...
    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_bytes(data: bytes) -> Counts: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    def equals(self, other: Counts) -> bool: ...
    @property
    def max_n(self) -> int: ...
    @property
    def grouping(self) -> str: ...
    def tokenizer_settings(self) -> dict[str, Any]: ...
    def groups(self) -> dict[str, Any]: ...
    def frequencies(
        self,
        order: list[int],
        n: list[int],
        *,
        min_count: int = 1,
        top: int | None = None,
        stopwords: list[str] | None = None,
        threads: int = 0,
    ) -> dict[str, Any]: ...
    def collocations(
        self,
        order: list[int],
        size: int,
        *,
        min_count: int = 3,
        measures: list[str] | None = None,
        sort: str = "llr",
        stopwords: list[str] | None = None,
        top: int | None = None,
        threads: int = 0,
    ) -> dict[str, Any]: ...
    def contrast(
        self,
        comparisons: list[tuple[list[int], list[int]]],
        *,
        target_only: bool,
        settings: dict[str, Any],
    ) -> dict[str, Any]: ...

# -- cleaning (src/py/clean.rs) ------------------------------------------------------

def banding(threshold: float, measure: str) -> tuple[int, int, float]: ...
def near_duplicate_pairs(
    corpus: Corpus,
    groups: npt.NDArray[np.int64] | None,
    *,
    threshold: float,
    shingle: int,
    measure: str,
    threads: int = 0,
) -> dict[str, Any]: ...
def duplicates_to_drop(
    corpus: Corpus,
    groups: npt.NDArray[np.int64] | None,
    *,
    threshold: float,
    shingle: int,
    measure: str,
    keep: str,
    threads: int = 0,
) -> dict[str, Any]: ...
def repeated_line_table(
    corpus: Corpus,
    groups: npt.NDArray[np.int64],
    n_groups: int,
    *,
    min_docs: int,
    min_share: float,
    threads: int = 0,
) -> dict[str, Any]: ...
def clean_texts(
    corpus: Corpus,
    groups: npt.NDArray[np.int64],
    n_groups: int,
    *,
    metadata: bool,
    reflow: bool,
    urls: bool,
    boilerplate: bool,
    repeated_lines: bool,
    min_docs: int,
    min_share: float,
    threads: int = 0,
) -> tuple[Corpus, dict[str, Any]]: ...
def variant_table(
    corpus: Corpus,
    groups: npt.NDArray[np.int64],
    n_groups: int,
    *,
    min_count: int,
    max_distance: int,
    min_length: int,
    threads: int = 0,
) -> dict[str, Any]: ...
def fold(corpus: Corpus, mapping: list[tuple[str, str]]) -> Corpus: ...
def read_jsonl(
    paths: Sequence[str | os.PathLike[str]],
    text: str,
    tokenizer: Tokenizer,
    *,
    errors: str = "strict",
    threads: int = 0,
) -> tuple[Corpus, dict[str, list[Any]], list[str]]: ...
def read_files(
    paths: Sequence[str | os.PathLike[str]],
    tokenizer: Tokenizer,
    *,
    errors: str = "strict",
    threads: int = 0,
) -> tuple[Corpus, list[str]]: ...
