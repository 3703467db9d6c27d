"""Optional libraries, imported only when a feature needs them."""

from __future__ import annotations

import importlib
from types import ModuleType

_EXTRAS = {"polars": "polars", "scipy": "scipy", "matplotlib": "matplotlib", "pyarrow": "parquet"}


def import_optional(name: str) -> ModuleType:
    """Import `name`, or raise ImportError saying which extra installs it."""
    try:
        return importlib.import_module(name)
    except ImportError as error:
        extra = _EXTRAS.get(name.split(".")[0], name)
        raise ImportError(
            f"this feature needs the optional package {name!r}: "
            f"pip install 'corpuscle[{extra}]' (or pip install {name.split('.')[0]})"
        ) from error
