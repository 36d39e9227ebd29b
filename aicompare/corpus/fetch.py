"""Download published data sets (``external_sources.yaml``) into ``data/external/`` with a checksum.

``fetch_dataset("waie")`` downloads the WAIE ``data_raw.parquet``, checks that it has the expected
columns, writes it atomically and records its SHA-256 beside it (``<file>.sha256``, the
``sha256sum`` format). Without a network it raises :class:`FetchError` whose message says
how to get the file by hand; every command also accepts a local path instead.
"""
from __future__ import annotations

import hashlib
import io
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from aicompare.io import write_bytes, write_text
from aicompare.paths import project_root

WAIE_ENV = "AICOMPARE_WAIE"


class FetchError(RuntimeError):
    """A download that could not be completed; the message tells the user what to do."""


@dataclass(frozen=True)
class Fetched:
    name: str
    path: Path
    sha256: str
    n_bytes: int
    url: str


@lru_cache(maxsize=None)
def external_sources() -> dict[str, dict]:
    """The downloadable data sets, by name."""
    text = resources.files("aicompare.corpus").joinpath("external_sources.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def external_dir() -> Path:
    """``data/external/`` of the project (ignored by git)."""
    return project_root() / "data" / "external"


def _source(name: str) -> dict:
    sources = external_sources()
    if name not in sources:
        raise FetchError(f"unknown data set '{name}'; known: {', '.join(sorted(sources))}")
    return sources[name]


def manual_instructions(name: str, dest: Path) -> str:
    """How to get a data set by hand when the download is impossible."""
    src = _source(name)
    return (
        f"To get it by hand: on a machine with internet access download\n"
        f"    {src['url']}\n"
        f"(or open {src['page']} and download {Path(src['dest']).name}), copy it to\n"
        f"    {dest}\n"
        f"(where the notebooks look for it) — or pass the file's path directly to any command, e.g.\n"
        f"    aicompare compare /path/to/{Path(src['dest']).name} --by region --out out/\n"
        f"Licence: {src['licence']}."
    )


def _check_content(name: str, data: bytes) -> None:
    src = _source(name)
    if src.get("format") != "parquet":
        return
    import pyarrow.parquet as pq

    try:
        columns = set(pq.read_schema(io.BytesIO(data)).names)
    except Exception as exc:
        raise FetchError(f"the file downloaded for '{name}' is not a readable parquet file ({exc})") from exc
    missing = [c for c in src.get("expected_columns", []) if c not in columns]
    if missing:
        raise FetchError(f"the file downloaded for '{name}' lacks the expected columns {', '.join(missing)}")


def fetch_dataset(name: str, *, dest_dir: str | Path | None = None, url: str | None = None, timeout: float = 60) -> Fetched:
    """Download data set ``name`` into ``dest_dir`` (default ``data/external/``); return path and checksum."""
    src = _source(name)
    url = url or src["url"]
    dest = Path(dest_dir) if dest_dir is not None else external_dir()
    dest = dest / src["dest"]
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 (URL from our own config)
            data = resp.read()
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(
            f"could not download '{name}' from {url}: {reason}.\n"
            f"There seems to be no network access (or the address has moved).\n"
            + manual_instructions(name, dest)
        ) from exc
    _check_content(name, data)
    digest = hashlib.sha256(data).hexdigest()
    write_bytes(dest, data)
    write_text(dest.with_name(dest.name + ".sha256"), f"{digest}  {dest.name}\n")
    return Fetched(name=name, path=dest, sha256=digest, n_bytes=len(data), url=url)


def locate_waie() -> Path | None:
    """The WAIE file a user has: ``$AICOMPARE_WAIE`` (set but missing → none), else the data set fetched by
    ``aicompare fetch waie`` into ``data/external/``; ``None`` when there is none (WAIE is an optional extra)."""
    env = os.environ.get(WAIE_ENV)
    if env:
        return Path(env) if Path(env).is_file() else None
    full = external_dir() / _source("waie")["dest"]
    return full if full.is_file() else None
