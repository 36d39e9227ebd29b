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


def portable_path(path: str | os.PathLike) -> str:
    """``path`` as stored in output tables: relative to the project root (POSIX separators) when it lies in the
    project or beside it (``../shared/…``), so two clones of the project write identical files; other paths
    (and relative ones) unchanged."""
    text = str(path)
    if not text or not os.path.isabs(text):
        return text
    root = project_root()
    p = Path(os.path.normpath(text))
    for base, prefix in ((root, ""), (root.parent, "../")):
        try:
            return prefix + p.relative_to(base).as_posix()
        except ValueError:
            continue
    return text


def portable_text(text: str) -> str:
    """``text`` (a message) with the project root's absolute prefix removed from the paths it names."""
    root = str(project_root())
    return text.replace(root + os.sep, "").replace(str(Path(root).parent) + os.sep, "../")


def default_reviews_path() -> Path:
    """The analyst's reviewed decisions, versioned with the project: ``data/reviews.csv``."""
    return project_root() / "data" / "reviews.csv"
