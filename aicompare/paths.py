"""Where the project's folders are: data/raw, data/processed, figures.

The project root is the nearest folder (from the working directory upwards) that holds
``pyproject.toml`` and ``data/raw``; failing that, the checkout the package was imported from.
Set ``AICOMPARE_ROOT`` to override.
"""
from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    env = os.environ.get("AICOMPARE_ROOT")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for cand in (here, *here.parents):
        if (cand / "data" / "raw").is_dir() and (cand / "pyproject.toml").is_file():
            return cand
    return Path(__file__).resolve().parent.parent


def raw_dir() -> Path:
    return project_root() / "data" / "raw"


def processed_dir() -> Path:
    return project_root() / "data" / "processed"


def figures_dir() -> Path:
    return project_root() / "figures"


def cache_dir() -> Path:
    """Content-hash cache of derived tables (``AICOMPARE_CACHE`` overrides; tests use a temporary one)."""
    env = os.environ.get("AICOMPARE_CACHE")
    return Path(env) if env else processed_dir() / ".cache"


def shared_dir() -> Path | None:
    """``../shared`` beside the project (development corpora), if present."""
    cand = project_root().parent / "shared"
    return cand if cand.is_dir() else None
