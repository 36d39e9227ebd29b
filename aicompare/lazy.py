"""Modules imported on first use, so that commands start fast and worker processes forked early stay light."""
from __future__ import annotations

import importlib
from types import ModuleType


class LazyModule:
    """Stands for module ``name``; the first attribute access imports it (``pd = LazyModule("pandas")``)."""

    def __init__(self, name: str):
        object.__setattr__(self, "_name", name)

    def _module(self) -> ModuleType:
        return importlib.import_module(object.__getattribute__(self, "_name"))

    def __getattr__(self, attr: str):
        return getattr(self._module(), attr)

    def __repr__(self) -> str:
        return f"<lazy module {object.__getattribute__(self, '_name')!r}>"


def is_loaded(name: str) -> bool:
    """True when module ``name`` has been imported in this process."""
    import sys

    return name in sys.modules
