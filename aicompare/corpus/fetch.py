"""Download published data sets (``external_sources.yaml``) into ``data/external/`` with a checksum.

``fetch_dataset("waie")`` downloads the WAIE ``data_raw.parquet``, checks that it has the expected
columns, writes it atomically and records its SHA-256 beside it (``<file>.sha256``, the
``sha256sum`` format); a later download must match that checksum (or the one pinned in
``external_sources.yaml``, or given with ``--sha256``). Each network wait and the whole download have
time limits. Without a network it raises :class:`FetchError` whose message says
how to get the file by hand; every command also accepts a local path instead.
"""
from __future__ import annotations

import hashlib
import io
import os
import time
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
WAIE_DEV_FILE = "waie_dev.parquet"


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


class _Deadline(Exception):
    pass


def _download(url: str, timeout: float, total_timeout: float) -> bytes:
    """The bytes at ``url``; ``timeout`` bounds each network wait, ``total_timeout`` the whole download."""
    deadline = time.monotonic() + total_timeout
    chunks = []
    with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 (URL from our own config or the user)
        read = getattr(resp, "read1", resp.read)  # what has arrived, so that the deadline is checked often
        while True:
            chunk = read(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise _Deadline()
    return b"".join(chunks)


def _pinned_sha256(name: str, dest: Path) -> str | None:
    """The checksum the file must have: pinned in ``external_sources.yaml``, else the one recorded beside an
    earlier download (``<file>.sha256``), else None."""
    pin = _source(name).get("sha256")
    if pin:
        return str(pin).lower()
    record = dest.with_name(dest.name + ".sha256")
    if record.is_file():
        text = record.read_text(encoding="utf-8", errors="replace").split()
        if text and len(text[0]) == 64:
            return text[0].lower()
    return None


def fetch_dataset(name: str, *, dest_dir: str | Path | None = None, url: str | None = None, timeout: float = 60,
                  total_timeout: float = 900, sha256: str | None = None) -> Fetched:
    """Download data set ``name`` into ``dest_dir`` (default ``data/external/``); return path and checksum.

    ``timeout`` bounds each network wait and ``total_timeout`` the whole download. The file must match
    ``sha256`` when given, else the checksum pinned in ``external_sources.yaml``, else the one recorded by an
    earlier download; a file that does not is not written (the earlier copy stays)."""
    src = _source(name)
    url = url or src["url"]
    dest = Path(dest_dir) if dest_dir is not None else external_dir()
    dest = dest / src["dest"]
    try:
        data = _download(url, timeout, total_timeout)
    except _Deadline:
        raise FetchError(f"could not download '{name}' from {url}: it took longer than {total_timeout:.0f} s.\n"
                         + manual_instructions(name, dest)) from None
    except urllib.error.HTTPError as exc:
        raise FetchError(
            f"could not download '{name}' from {url}: the server answered HTTP {exc.code} ({exc.reason}).\n"
            "The address has probably moved; pass a mirror with --url.\n" + manual_instructions(name, dest)
        ) from exc
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(
            f"could not download '{name}' from {url}: {reason}.\n"
            f"There seems to be no network access (or the address has moved).\n"
            + manual_instructions(name, dest)
        ) from exc
    _check_content(name, data)
    digest = hashlib.sha256(data).hexdigest()
    expected = (sha256 or "").lower() or _pinned_sha256(name, dest)
    if expected and digest != expected:
        raise FetchError(f"the file downloaded for '{name}' from {url} has SHA-256 {digest}, not the expected "
                         f"{expected}; it was not saved (the file may have changed upstream or been tampered with).")
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


def locate_waie_dev() -> Path | None:
    """The WAIE development subset the evaluation scores against: ``../shared/corpora/waie/waie_dev.parquet``
    beside the project, if present (``None`` otherwise)."""
    from aicompare.paths import shared_dir

    root = shared_dir()
    cand = root / "corpora" / "waie" / WAIE_DEV_FILE if root is not None else None
    return cand if cand is not None and cand.is_file() else None
