"""Ingestion: files, folders and document tables → ``documents``, ``passages`` and ``issues`` tables.

    res = ingest(["data/raw"])
    res.documents, res.passages, res.issues

* Folders are read recursively; a ``SOURCES.csv`` or ``manifest.csv`` in a folder is metadata for
  that folder's files (matched on the ``file`` column), not a document.
* Any other ``.csv`` / ``.jsonl`` is a document table with columns ``doc_id``, ``text`` and optional
  ``lang``, ``title``, ``publisher``, ``country``, ``publisher_type``, ``year`` (one document per row), read row
  by row (:mod:`aicompare.corpus.doctable`): a bad row costs that row, a table that cannot be read one message.
* Every file is parsed independently: a file that cannot be read gets an ``error`` row in ``issues``
  and the batch goes on. Parsed files are cached by content hash (and parser version) under
  ``data/processed/.cache/ingest``. Files are parsed in worker processes when that pays off
  (``aicompare.corpus.pool``): a killed worker or a file over the time limit costs that file only.
* ``ingest_to(paths, out_dir)`` writes the tables batch by batch, so memory stays flat for any corpus size.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Iterator

from aicompare import __version__
from aicompare.corpus import tables
from aicompare.corpus.doctable import table_rows
from aicompare.corpus.model import Corpus, has_errors, ingest_summary
from aicompare.corpus.normalise import detect_language
from aicompare.corpus.pool import DEFAULT_FILE_TIMEOUT, parse_all, plan_workers
from aicompare.corpus.readers import (MAX_PASSAGE_CHARS, PDF_SUFFIXES, Line, RawDocument, ReadError, read_file,
                                     split_at_limit, strip_controls)
from aicompare.corpus.segment import segment
from aicompare.io import atomic_path
from aicompare.lazy import LazyModule, is_loaded
from aicompare.paths import cache_dir

# pandas (through aicompare.schema) is imported on first use: files are handed to the worker
# processes first, so that these imports overlap with the reading instead of delaying it.
pd = LazyModule("pandas")

# Characters of text read from one document (about 8 times the longest guideline of the shared corpus, the EU AI
# Act's 0.58 M): a larger file (a 50 MB one-line text) is read up to here, with a warning naming it, so that
# ingest, value extraction and every later stage take bounded time and memory per file.
MAX_DOCUMENT_CHARS = 5_000_000

METADATA_FILES = {"sources.csv", "manifest.csv"}
# Files in a folder that document the folder rather than being guidelines: README, LICENCE/LICENSE, NOTICE,
# COPYING, and a document's own licence (``<name>_LICENSE.md``). Named on the command line they are read.
NOT_DOCUMENTS = re.compile(r"^(?:readme|licen[cs]es?|notice|copying)(?:[._-].*)?$|[._-]licen[cs]e$", re.I)
TABLE_SUFFIXES = {".csv", ".jsonl"}
META_FIELDS = ["title", "publisher", "country", "publisher_type", "year", "lang", "role"]


# ------------------------------------------------------------------ metadata

@lru_cache(maxsize=1)
def _publisher_type_map() -> dict[str, str]:
    import csv

    with resources.files("aicompare.data").joinpath("publisher_types.csv").open(encoding="utf-8", newline="") as fh:
        return {r["value"].lower(): r["publisher_type"] for r in csv.DictReader(fh)}


def map_publisher_type(value: object) -> str | None:
    """Map a free publisher-type label to the review's types (government / industry_body / company / other)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == "":
        return None
    key = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    return _publisher_type_map().get(key, "other")


def _year(value: object) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    digits = "".join(ch for ch in str(value)[:4] if ch.isdigit())
    return int(digits) if len(digits) == 4 else None


def read_metadata(path: Path) -> pd.DataFrame:
    """Read a SOURCES.csv / manifest.csv into a frame indexed by file name with aicompare's field names."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "file" not in df.columns:
        raise ReadError("malformed_table", f"{path.name}: a metadata table needs a 'file' column "
                                           f"(found: {', '.join(df.columns)}).")
    df = df.rename(columns={"language": "lang", "date": "year"})
    if "lang" in df.columns:
        df["lang"] = df["lang"].str.extract(r"^\s*([a-z]{2})", expand=False)
    out = pd.DataFrame({"file": df["file"]})
    for col in META_FIELDS:
        out[col] = df[col] if col in df.columns else None
    out["publisher_type"] = out["publisher_type"].map(map_publisher_type)
    out["year"] = out["year"].map(_year).astype("Int64")
    out = out.replace({"": None})
    return out.drop_duplicates("file").set_index("file")


# ------------------------------------------------------------------ per-file parsing (cacheable)

_READER_PACKAGES = ("pypdfium2", "pdfplumber", "pdfminer.six", "beautifulsoup4", "lxml", "markdown-it-py",
                    "charset-normalizer")


@lru_cache(maxsize=1)
def _parser_fingerprint() -> str:
    """Hash of the parsing code and of the reader packages' versions: the cache is invalidated whenever either changes."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    for name in ("readers.py", "segment.py", "segment_patterns.yaml", "normalise.py", "ingest.py", "pool.py"):
        if (here / name).is_file():
            h.update((here / name).read_bytes())
    for pkg in _READER_PACKAGES:
        try:
            h.update(f"{pkg}={version(pkg)}".encode())
        except PackageNotFoundError:
            h.update(f"{pkg}=none".encode())
    return h.hexdigest()[:16]


def _segment_bounded(lines: list[Line], lang: str) -> list:
    """:func:`segment`, with every line longer than ``MAX_PASSAGE_CHARS`` cut into pieces segmented on their
    own (so a 50 MB one-line file costs bounded memory) and every passage still longer than that split.
    Character offsets stay those of the document text ``"\\n".join(lines)``."""
    from dataclasses import replace

    from aicompare.corpus.normalise import normalise_text

    blocks: list[tuple[int, list[Line]]] = []
    current: list[Line] = []
    current_start = pos = 0
    for ln in lines:
        if len(ln.text) > MAX_PASSAGE_CHARS:
            if current:
                blocks.append((current_start, current))
            for a, b in split_at_limit(ln.text):
                blocks.append((pos + a, [Line(ln.text[a:b], ln.page, ln.level, ln.table)]))
            current = []
            current_start = pos + len(ln.text) + 1
        else:
            if not current:
                current_start = pos
            current.append(ln)
        pos += len(ln.text) + 1
    if current:
        blocks.append((current_start, current))
    out = []
    for offset, block in blocks:
        for p in segment(block, lang):
            p = replace(p, char_start=p.char_start + offset, char_end=p.char_end + offset)
            if len(p.text_raw) <= MAX_PASSAGE_CHARS and len(p.text) <= MAX_PASSAGE_CHARS:
                out.append(p)
                continue
            for a, b in split_at_limit(p.text_raw):
                raw = p.text_raw[a:b]
                text = normalise_text(raw.replace("\t", " | ") if p.kind in ("table", "toc") else raw)
                if text:
                    out.append(replace(p, text=text, text_raw=raw, char_start=p.char_start + a,
                                       char_end=min(p.char_end, p.char_start + b)))
    return out


def _within_document_limit(lines: list[Line], name: str) -> tuple[list[Line], list[tuple[str, str, str]]]:
    """The lines of a document up to ``MAX_DOCUMENT_CHARS`` characters of text (the last one cut after a space
    when it can be), and the warning naming ``name`` when text was left out."""
    limit = MAX_DOCUMENT_CHARS
    total = sum(len(ln.text) + 1 for ln in lines) - bool(lines)
    if total <= limit:
        return lines, []
    kept, pos, page = [], 0, None
    for ln in lines:
        page = ln.page
        room = limit - pos
        if len(ln.text) <= room:
            kept.append(ln)
            pos += len(ln.text) + 1
            continue
        if room > 0:
            cut = ln.text.rfind(" ", room // 2, room)
            kept.append(Line(ln.text[:cut if cut > 0 else room], ln.page, ln.level, ln.table))
            pos += len(kept[-1].text)
        break
    where = f" (page {page})" if page is not None else ""
    return kept, [("warning", "document_too_long",
                   f"{name}: {total:,} characters of text, more than the {limit:,} read from one document; the text "
                   f"from character {pos:,}{where} on is not ingested, so no value is coded from it. Split the file "
                   "to read all of it.")]


def passages_from_lines(lines: list[Line], source_type: str, name: str = "document", **extra) -> dict:
    """Segment lines into passages (none longer than ``MAX_PASSAGE_CHARS``); the language is detected from the
    whole text. At most ``MAX_DOCUMENT_CHARS`` characters are segmented: ``issues`` names ``name`` when text was
    left out."""
    lines = [Line(strip_controls(ln.text), ln.page, ln.level, ln.table) for ln in lines]  # NUL, ESC … carry no text
    n_chars = sum(len(ln.text) + 1 for ln in lines) - bool(lines)
    lines, limit_issues = _within_document_limit(lines, name)
    full = "\n".join(ln.text for ln in lines)
    lang = detect_language(full)
    passages = _segment_bounded(lines, lang)
    del full
    rows = []
    for p in passages:
        plang = detect_language(p.text) if len(p.text) >= 20 else lang
        if plang == "und" or (lang == "ja" and plang == "zh"):
            plang = lang
        rows.append({"page": p.page, "section_path": p.section_path, "heading": p.heading, "kind": p.kind,
                     "text": p.text, "text_raw": p.text_raw, "lang": plang,
                     "char_start": p.char_start, "char_end": p.char_end})
    first_heading = next((p.text for p in passages if p.kind == "heading"), None)
    out = {"source_type": source_type, "lang": lang, "n_chars": n_chars, "passages": rows,
           "first_heading": first_heading, **extra}
    if limit_issues:
        out["issues"] = limit_issues
    return out


def parse_path(path: str, pdf_engine: str = "pypdfium2") -> dict:
    """Read and segment one file. Returns a dict with passages or with an ``error`` (never raises)."""
    p = Path(path)
    try:
        raw: RawDocument = read_file(p, pdf_engine)
    except ReadError as exc:
        return {"error": (exc.code, str(exc))}
    except Exception as exc:  # a reader bug or an exotic file must not stop the batch
        return {"error": ("read_failed", f"{p.name}: could not be read ({type(exc).__name__}: {exc}).")}
    out = passages_from_lines(raw.lines, raw.source_type, name=p.name, n_pages=raw.n_pages, title=raw.title,
                              encoding=raw.encoding)
    out["issues"] = list(raw.issues) + out.get("issues", [])
    if not out["passages"]:
        out = {"error": ("no_text", f"{p.name}: no text found in the file.")}
    return out


def _cache_file(path: Path, sha: str, pdf_engine: str) -> Path:
    """The cache entry of one file: keyed on its bytes, its type (suffix, hence reader), the PDF engine,
    and the parser code and package versions. Entries are JSON, so a planted entry cannot run code."""
    suffix = path.suffix.lower()
    engine = pdf_engine if suffix in PDF_SUFFIXES else "text"
    kind = re.sub(r"[^a-z0-9]", "", suffix) or "none"
    return cache_dir() / "ingest" / f"{sha[:32]}-{kind}-{engine}-{_parser_fingerprint()}.json"


def _valid_entry(entry: object) -> bool:
    if not isinstance(entry, dict):
        return False
    if "error" in entry:
        return isinstance(entry["error"], list) and len(entry["error"]) == 2
    return isinstance(entry.get("passages"), list) and {"source_type", "lang", "n_chars"} <= set(entry)


def _parse_cached(path: Path, sha: str, pdf_engine: str, use_cache: bool) -> dict | None:
    """The cached parse of ``path``, or None (no entry, or a corrupt one — then the file is parsed again)."""
    if not use_cache:
        return None
    cf = _cache_file(path, sha, pdf_engine)
    try:
        entry = json.loads(cf.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return entry if _valid_entry(entry) else None


def _store_cache(path: Path, sha: str, pdf_engine: str, parsed: dict) -> None:
    cf = _cache_file(path, sha, pdf_engine)
    try:
        with atomic_path(cf) as tmp:
            tmp.write_text(json.dumps(parsed, ensure_ascii=False), encoding="utf-8")
    except (OSError, TypeError, ValueError):
        pass  # a read-only project folder (or an unserialisable value) only costs speed


# ------------------------------------------------------------------ discovery

def _walk(root: Path, follow_outside: bool, issues: list[dict]) -> list[Path]:
    """Files below ``root`` (sorted, hidden names skipped), without following links out of it unless
    ``follow_outside``. Links that loop or dangle, links out of the folder, sub-folders that cannot be
    listed and entries that are not regular files (FIFOs, sockets, devices) are reported in ``issues``."""
    top = root.resolve()
    found: list[Path] = []
    seen_dirs: set[Path] = {top}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            issues.append(_issue(folder, None, "error", "unreadable_folder",
                                 f"{folder}: folder cannot be listed ({exc.strerror or exc}); its files are not ingested."))
            continue
        subdirs = []
        for e in entries:
            if e.name.startswith("."):
                continue
            p = Path(e.path)
            if e.is_symlink():
                try:
                    target = p.resolve(strict=True)
                except RuntimeError:
                    issues.append(_issue(p, None, "error", "symlink_loop", f"{p}: symbolic link loop; skipped."))
                    continue
                except OSError as exc:
                    if exc.errno == 40:  # ELOOP
                        issues.append(_issue(p, None, "error", "symlink_loop", f"{p}: symbolic link loop; skipped."))
                    else:
                        issues.append(_issue(p, None, "error", "dangling_link",
                                             f"{p}: symbolic link to a missing target ({os.readlink(p)}); skipped."))
                    continue
                inside = target == top or top in target.parents
                if not inside and not follow_outside:
                    issues.append(_issue(p, None, "error", "outside_input",
                                         f"{p}: links to {target}, outside the input folder {root}; not followed "
                                         "(pass --follow-outside to read it)."))
                    continue
                if not inside:
                    issues.append(_issue(p, None, "warning", "outside_input",
                                         f"{p}: links to {target}, outside the input folder {root}; read as asked."))
                if target.is_dir():
                    if target in seen_dirs or any(d in target.parents for d in seen_dirs if inside):
                        issues.append(_issue(p, None, "warning", "symlink_loop" if target in p.resolve().parents
                                             or target == top else "duplicate_link",
                                             f"{p}: links to a folder already read ({target}); skipped."))
                        continue
                    seen_dirs.add(target)
                    subdirs.append(p)
                    continue
            try:
                st = p.stat()
            except OSError as exc:
                issues.append(_issue(p, None, "error", "unreadable", f"{p.name}: cannot be opened ({exc.strerror or exc})."))
                continue
            import stat as stat_mod

            if stat_mod.S_ISDIR(st.st_mode):
                subdirs.append(p)
            elif stat_mod.S_ISREG(st.st_mode):
                found.append(p)
            else:
                issues.append(_issue(p, None, "error", "not_a_file",
                                     f"{p.name}: not a regular file (a pipe, socket or device); skipped."))
        stack.extend(reversed(subdirs))
    return sorted(found)


def discover(paths: Iterable[str | os.PathLike], follow_outside: bool = False
             ) -> tuple[list[Path], list[Path], dict[Path, Path], list[dict]]:
    """Expand inputs into document files, document tables and per-folder metadata files.

    Folders are walked without following symbolic links that point outside them unless ``follow_outside``
    (such links are then named in a warning); link loops, dangling links, unlistable sub-folders and
    non-regular files are reported, never skipped silently."""
    files: list[Path] = []
    tables: list[Path] = []
    metadata: dict[Path, Path] = {}
    issues: list[dict] = []
    for item in paths:
        p = Path(item)
        if not p.exists():
            code = "dangling_link" if p.is_symlink() else "not_found"
            issues.append(_issue(p, None, "error", code, f"{p}: no such file or folder."))
            continue
        if p.is_dir():
            candidates = _walk(p, follow_outside, issues)
        elif p.is_file():
            candidates = [p]
        else:
            issues.append(_issue(p, None, "error", "not_a_file",
                                 f"{p.name}: not a regular file (a pipe, socket or device); skipped."))
            continue
        for f in candidates:
            if f.name.lower() in METADATA_FILES:
                metadata[f.parent.resolve()] = f
            elif p.is_dir() and NOT_DOCUMENTS.search(f.stem):
                continue
            elif f.suffix.lower() in TABLE_SUFFIXES:
                tables.append(f)
            else:
                files.append(f)
    return files, tables, metadata, issues


def _issue(path: Path | str, doc_id: str | None, severity: str, code: str, message: str) -> dict:
    return {"path": str(path), "doc_id": doc_id, "severity": severity, "code": code, "message": message}


_LANG_CODE = re.compile(r"^[a-z]{2,3}$")


def _cell(value: object) -> str | None:
    """A table cell as stripped text; None for missing values (None, NaN, NA, empty) — never the string 'nan'."""
    if value is None:
        return None
    if isinstance(value, str):  # the common case, answered without touching pandas
        return value.strip() or None
    if isinstance(value, float) and math.isnan(value):
        return None
    if is_loaded("pandas") and value is pd.NA:  # pd.NA exists only where pandas has been loaded
        return None
    if isinstance(value, (list, dict)):
        return None
    text = str(value).strip()
    return text or None


def table_row(rec: dict, table: str, n_row: int) -> tuple[str, str, dict]:
    """Check one row of a document table: ``(doc_id, text, metadata)``, metadata with an ``_issues`` list.

    Raises ``ReadError`` (costing this row only) when doc_id or text is missing or not text; a missing or
    invalid ``lang`` is detected from the text instead, with a warning.
    """
    doc_id = _cell(rec.get("doc_id"))
    raw_text = rec.get("text")
    text = raw_text if isinstance(raw_text, str) else (_cell(raw_text) if isinstance(raw_text, (int, float)) else None)
    if not doc_id or not text or not text.strip():
        what = "doc_id" if not doc_id else "text"
        raise ReadError("malformed_row", f"{table}: row {n_row} has no {what} and was skipped "
                                         f"(doc_id={doc_id!r}).")
    md: dict = {"_issues": []}
    for k in META_FIELDS:
        v = _cell(rec.get(k))
        if v is not None:
            md[k] = v
    if "lang" in md and not _LANG_CODE.match(md["lang"].lower()):
        md["_issues"].append(("warning", "bad_lang", f"{table}: document {doc_id} has lang {md['lang']!r} "
                                                     "(not a language code); the language is detected from the text."))
        del md["lang"]
    elif "lang" in md:
        md["lang"] = md["lang"].lower()
    elif "lang" in rec:
        md["_issues"].append(("warning", "missing_lang", f"{table}: document {doc_id} has no lang; "
                                                         "the language is detected from the text."))
    if "publisher_type" in md:
        md["publisher_type"] = map_publisher_type(md["publisher_type"])
    if "year" in md:
        md["year"] = _year(md["year"])
    return doc_id, text, md


# ------------------------------------------------------------------ main entry

BATCH_PASSAGES = 50_000  # passages assembled, validated and written at a time by the streaming ingest


def ingest(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    *,
    pdf_engine: str = "pypdfium2",
    workers: int | None = None,
    use_cache: bool = True,
    progress: bool = False,
    file_timeout: float | None = DEFAULT_FILE_TIMEOUT,
    follow_outside: bool = False,
    while_parsing: Callable[[], None] | None = None,
    when_parsed: Callable[[], None] | None = None,
) -> Corpus:
    """Ingest files, folders and document tables into documents / passages / issues tables.

    ``pdf_engine``: 'pypdfium2' (fast, default) or 'pdfplumber' (pdfminer layout analysis, slower).
    ``workers``: processes for parsing (default: as many as pay off, at most one per core; 1 = none).
    ``file_timeout``: seconds one file may take before it is stopped with an error (None: no limit).
    ``follow_outside``: follow symbolic links that lead out of an input folder (named in a warning).
    ``while_parsing``: the caller's own work, run in this process while worker processes parse the files (e.g.
    loading what later steps need; not called when no worker is started).
    ``when_parsed``: called once the worker processes have read every file (from a background thread, possibly
    while ``while_parsing`` still runs): no worker is forked from then on, so the caller may start threads and
    processes of its own (e.g. a browser on the cores the workers leave free; not called when no worker is started).
    For corpora too large for memory, :func:`ingest_to` writes the tables batch by batch.
    """
    doc_rows: list[dict] = []
    issues: list[dict] = []
    frames = list(_ingest_batches(paths, doc_rows, issues, pdf_engine=pdf_engine, workers=workers,
                                  use_cache=use_cache, progress=progress, file_timeout=file_timeout,
                                  follow_outside=follow_outside, while_parsing=while_parsing,
                                  when_parsed=when_parsed))
    return _frames(doc_rows, frames, issues)


def _ingest_batches(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    doc_rows: list[dict],
    issues: list[dict],
    *,
    pdf_engine: str,
    workers: int | None,
    use_cache: bool,
    progress: bool,
    file_timeout: float | None,
    batch_passages: int | None = None,
    follow_outside: bool = False,
    while_parsing: Callable[[], None] | None = None,
    when_parsed: Callable[[], None] | None = None,
) -> Iterator[pd.DataFrame]:
    """Parse the inputs and yield their passages (raw frames, several documents each, in input order).

    Documents go to ``doc_rows`` and problems to ``issues`` as they are met. With ``batch_passages`` a frame
    is yielded as soon as it holds that many passages (bounded memory); otherwise one frame at the end.
    """
    for rows in _ingest_rows(paths, doc_rows, issues, pdf_engine=pdf_engine, workers=workers, use_cache=use_cache,
                             progress=progress, file_timeout=file_timeout, batch_passages=batch_passages,
                             follow_outside=follow_outside, preload=_load_table_libraries,
                             while_parsing=while_parsing, when_parsed=when_parsed):
        yield _rows_frame(rows)


def _rows_frame(rows: list[dict]) -> pd.DataFrame:
    """Passage rows as one frame, built as one frame per document concatenated (text columns then hold one
    Arrow chunk per document, as Parquet files written from them always have)."""
    if not rows:
        return _empty_passages()
    cuts = [0] + [i for i in range(1, len(rows)) if rows[i]["doc_id"] != rows[i - 1]["doc_id"]] + [len(rows)]
    return pd.concat([pd.DataFrame(rows[a:b]) for a, b in zip(cuts, cuts[1:])], ignore_index=True)


def _ingest_rows(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    doc_rows: list[dict],
    issues: list[dict],
    *,
    pdf_engine: str,
    workers: int | None,
    use_cache: bool,
    progress: bool,
    file_timeout: float | None,
    batch_passages: int | None = None,
    follow_outside: bool = False,
    preload: Callable[[], None] | None = None,
    while_parsing: Callable[[], None] | None = None,
    when_parsed: Callable[[], None] | None = None,
) -> Iterator[list[dict]]:
    """Parse the inputs and yield their passages as lists of rows (``doc_id``, ``passage_id``, then the parsed
    passage's fields; several documents each, in input order), without pandas unless a ``.csv`` document table or
    a metadata file needs it. Document tables are read row by row, so their passages are yielded as they are made.

    Documents go to ``doc_rows`` and problems to ``issues`` as they are met. With ``batch_passages`` a list is
    yielded as soon as it holds that many passages (bounded memory); otherwise one list at the end. ``preload``
    is called while worker processes read the first files (the libraries the caller will build its tables with),
    then ``while_parsing``; ``when_parsed`` once the workers have read every file (see :func:`ingest`).
    """
    from aicompare.corpus.readers import PDF_ENGINES

    if pdf_engine not in PDF_ENGINES:
        raise ValueError(f"unknown PDF engine {pdf_engine!r}; choose one of {', '.join(PDF_ENGINES)}")
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = list(paths)
    files, tables, metadata_files, found_issues = discover(paths, follow_outside)
    issues.extend(found_issues)
    explicit = {Path(p) for p in paths if Path(p).is_file()}  # named on the command line, not found in a folder

    # -- files: from the cache, or parsed (in worker processes when they pay off)
    cached: dict[Path, dict] = {}
    todo: list[tuple[Path, str]] = []
    shas: dict[Path, str] = {}
    for f in files:
        try:
            data = f.read_bytes()
        except OSError as exc:
            cached[f] = {"error": ("unreadable", f"{f.name}: cannot be opened ({exc}).")}
            continue
        shas[f] = hashlib.sha256(data).hexdigest()
        hit = _parse_cached(f, shas[f], pdf_engine, use_cache)
        if hit is not None:
            cached[f] = hit
        else:
            todo.append((f, shas[f]))
    light = not is_loaded("pandas")
    n_workers = plan_workers([(f.suffix.lower(), len_of(f)) for f, _ in todo], workers, light=light)
    bar, advance = _progress_bar(progress and len(todo) > 1, len(todo))
    parsed = parse_all(parse_path, [(str(f), pdf_engine) for f, _ in todo], workers=n_workers,
                       timeout=file_timeout, on_result=_counting(advance, len(todo), when_parsed if n_workers else None))
    try:
        if n_workers and light and preload is not None:
            preload()  # while the workers read the first files
        if n_workers and while_parsing is not None:
            while_parsing()
        meta: dict[Path, pd.DataFrame] = {}
        for folder, mf in sorted(metadata_files.items()):
            try:
                meta[folder] = read_metadata(mf)
            except (ReadError, Exception) as exc:
                issues.append(_issue(mf, None, "warning", "malformed_metadata", f"{mf.name}: ignored ({exc})."))

        # -- assemble documents, in input order
        batch: list[dict] = []
        used_ids: set[str] = set()

        first_source: dict[str, str] = {}

        def unique_id(stem: str, source: str) -> str:
            """``stem``, or ``stem-2`` … when it is taken, with a warning naming both sources."""
            base, k = stem, 2
            while stem in used_ids:
                stem = f"{base}-{k}"
                k += 1
            used_ids.add(stem)
            if stem != base:
                issues.append(_issue(source, stem, "warning", "duplicate_doc_id",
                                     f"{source}: document id '{base}' is already used by {first_source[base]}; "
                                     f"this document is stored as '{stem}'."))
            first_source.setdefault(base, source)
            return stem

        def add_document(doc_id: str, path: str, sha: str | None, res: dict, md: dict) -> None:
            rows = res["passages"]
            batch.extend({"doc_id": doc_id, "passage_id": f"{doc_id}:{i:05d}", **r} for i, r in enumerate(rows))
            lang = _cell(md.get("lang")) or res["lang"]
            doc_rows.append({
                "doc_id": doc_id, "title": md.get("title") or res.get("title") or res.get("first_heading") or doc_id,
                "path": path, "sha256": sha, "lang": lang, "n_pages": res.get("n_pages"), "n_chars": res["n_chars"],
                "n_passages": len(rows), "source_type": res["source_type"], "publisher": md.get("publisher"),
                "country": md.get("country"), "publisher_type": md.get("publisher_type"), "year": md.get("year"),
                "role": md.get("role"),
            })
            if res["lang"] not in ("ja", "en"):
                issues.append(_issue(path, doc_id, "warning", "language",
                                     f"{Path(path).name}: detected language '{res['lang']}' (not Japanese or English); "
                                     "ingested, but value extraction covers Japanese and English only."))
            for sev, code, msg in res.get("issues", []):
                issues.append(_issue(path, doc_id, sev, code, msg))

        def full() -> bool:
            return batch_passages is not None and len(batch) >= batch_passages

        def flush() -> list[dict]:
            nonlocal batch
            rows, batch = batch, []
            return rows

        parsed_iter = iter(parsed)
        for f in files:
            res = cached[f] if f in cached else next(parsed_iter)
            if not (f in cached) and use_cache and res.get("error", ("",))[0] not in ("read_failed", "unsupported",
                                                                                     "timeout", "worker_killed"):
                _store_cache(f, shas[f], pdf_engine, res)
            if "error" in res:
                code, msg = res["error"]
                # an unsupported file met inside a folder is skipped with a warning; one named explicitly fails
                severity = "warning" if code == "unsupported" and f not in explicit else "error"
                issues.append(_issue(f, None, severity, code, msg))
                continue
            md_frame = meta.get(f.parent.resolve())
            md = {}
            if md_frame is not None and f.name in md_frame.index:
                md = {k: v for k, v in md_frame.loc[f.name].to_dict().items() if v is not None and not pd.isna(v)}
            add_document(unique_id(f.stem, f.name), str(f), shas.get(f), res, md)
            if full():
                yield flush()
    finally:
        parsed.close()  # stops the workers early when the caller gives up
        if bar:
            bar.stop()

    for t in tables:
        try:
            rows = table_rows(t)  # the whole table is checked first: a table that cannot be read costs one message
        except ReadError as exc:
            issues.append(_issue(t, None, "error", exc.code, str(exc)))
            continue
        try:
            for n_row, rec in enumerate(rows, start=1):
                try:
                    row = table_row(rec, t.name, n_row)
                except ReadError as exc:
                    issues.append(_issue(f"{t}#{n_row}", _cell(rec.get("doc_id")), "error", exc.code, str(exc)))
                    continue
                doc_id, text, md = row
                for sev, code, msg in md.pop("_issues"):
                    issues.append(_issue(f"{t}#{doc_id}", doc_id, sev, code, msg))
                lines = [Line(x) for x in text.replace("\r\n", "\n").split("\n")]
                try:
                    res = passages_from_lines(lines, "table", name=f"{t.name}: document {doc_id}", n_pages=None,
                                              title=md.get("title"))
                except Exception as exc:  # one bad row costs that row
                    issues.append(_issue(f"{t}#{doc_id}", doc_id, "error", "read_failed",
                                         f"{t.name}: document {doc_id} could not be segmented ({type(exc).__name__}: {exc})."))
                    continue
                if not res["passages"]:
                    issues.append(_issue(t, doc_id, "error", "no_text", f"{t.name}: document {doc_id} has no text."))
                    continue
                add_document(unique_id(doc_id, f"{t.name} row {n_row}"), f"{t}#{doc_id}",
                             hashlib.sha256(text.encode()).hexdigest(), res, md)
                if full():
                    yield flush()
        except ReadError as exc:  # the table changed while its rows were read: the rows read so far are kept
            issues.append(_issue(t, None, "error", exc.code, str(exc)))
    if batch or batch_passages is None:
        yield flush()


def len_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _load_table_libraries() -> None:
    """Import pandas, the table schemas and pyarrow (Parquet) now."""
    import pyarrow.parquet  # noqa: F401

    import aicompare.schema_checks  # noqa: F401


def _counting(on_result: Callable[[], None] | None, total: int,
              on_last: Callable[[], None] | None) -> Callable[[], None] | None:
    """``on_result`` for each finished file, then ``on_last`` after the ``total``-th (a failure of it is left to
    whatever it started to report)."""
    if on_last is None:
        return on_result
    done = [0]

    def call() -> None:
        if on_result is not None:
            on_result()
        done[0] += 1
        if done[0] == total:
            with contextlib.suppress(Exception):
                on_last()

    return call


def _progress_bar(show: bool, total: int):
    """A transient bar on a terminal only (not in notebooks, CI or pipes; see :mod:`aicompare.console`)."""
    from aicompare.console import console, interactive

    if not show or not interactive():
        return None, None
    from rich.progress import Progress

    bar = Progress(transient=True, console=console)
    bar.start()
    task = bar.add_task("parsing", total=total)
    return bar, lambda: bar.advance(task)


def _empty_passages() -> pd.DataFrame:
    from aicompare.schema import PASSAGE_COLUMNS

    return pd.DataFrame(columns=PASSAGE_COLUMNS)


def _documents_frame(doc_rows: list[dict]) -> pd.DataFrame:
    from aicompare.schema import DOCUMENT_COLUMNS, validate

    documents = pd.DataFrame(doc_rows, columns=DOCUMENT_COLUMNS)
    for col in ("n_pages", "n_chars", "n_passages", "year"):
        documents[col] = documents[col].astype("Int64")
    for col in ("doc_id", "title", "path", "sha256", "lang", "source_type", "publisher", "country",
                "publisher_type", "role"):
        documents[col] = documents[col].astype("str")
    return validate(documents, "documents")


def _passages_frame(passage_frames: list[pd.DataFrame]) -> pd.DataFrame:
    from aicompare.schema import PASSAGE_COLUMNS, validate

    passages = (pd.concat(passage_frames, ignore_index=True) if passage_frames
                else pd.DataFrame(columns=PASSAGE_COLUMNS))
    passages = passages[PASSAGE_COLUMNS]
    for col in ("page", "char_start", "char_end"):
        passages[col] = passages[col].astype("Int64")
    for col in ("doc_id", "passage_id", "section_path", "heading", "kind", "text", "text_raw", "lang"):
        passages[col] = passages[col].astype(str)
    return validate(passages, "passages")


def _issues_frame(issues: list[dict]) -> pd.DataFrame:
    from aicompare.schema import COLUMNS

    issues_df = pd.DataFrame(issues, columns=COLUMNS["issues"])
    return issues_df.sort_values(["severity", "path", "code"], kind="stable").reset_index(drop=True)


def _frames(doc_rows: list[dict], passage_frames: list[pd.DataFrame], issues: list[dict]) -> Corpus:
    return Corpus(_documents_frame(doc_rows), _passages_frame(passage_frames), _issues_frame(issues))


# ------------------------------------------------------------------ outputs

def write_ingested(res: Corpus, out_dir: str | os.PathLike) -> list[Path]:
    """Write documents.parquet, passages.parquet and issues.csv atomically to ``out_dir`` (paths in them relative
    to the project root, see :func:`portable_paths`)."""
    from aicompare.io import write_table

    out = Path(out_dir)
    return [
        write_table(portable_paths(res.documents), out / "documents.parquet"),
        write_table(res.passages, out / "passages.parquet"),
        write_table(portable_paths(res.issues), out / "issues.csv"),
    ]


def portable_paths(df: pd.DataFrame) -> pd.DataFrame:
    """``path`` (and ``message``) columns with paths relative to the project root, for output files."""
    from aicompare.paths import portable_path, portable_text

    out = df.copy()
    if "path" in out.columns:
        out["path"] = out["path"].map(lambda v: portable_path(v) if isinstance(v, str) else v)
    if "message" in out.columns:
        out["message"] = out["message"].map(lambda v: portable_text(v) if isinstance(v, str) else v)
    return out


def read_ingested(out_dir: str | os.PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load documents.parquet and passages.parquet written by ``aicompare ingest``."""
    out = Path(out_dir)
    return pd.read_parquet(out / "documents.parquet"), pd.read_parquet(out / "passages.parquet")



class IngestWritten:
    """What :func:`ingest_to` wrote: the documents and issues tables, the passage count and the files.

    ``documents`` and ``issues`` are given as data frames or as lists of records (the ``ingest`` command writes its
    tables with pyarrow alone and need not load pandas); records become frames on first access, while ``failed``
    and :meth:`summary` are answered from them directly.
    """

    def __init__(self, documents: pd.DataFrame | list[dict], issues: pd.DataFrame | list[dict], n_passages: int,
                 written: list[Path]):
        self._documents, self._issues = documents, issues
        self.n_passages = n_passages
        self.written = written

    @property
    def documents(self) -> pd.DataFrame:
        if isinstance(self._documents, list):
            self._documents = _documents_frame(self._documents)
        return self._documents

    @property
    def issues(self) -> pd.DataFrame:
        if isinstance(self._issues, list):
            self._issues = _issues_frame(self._issues)
        return self._issues

    def issue_records(self) -> list[dict]:
        """The issues as records, in the table's order (without building a frame when there is none yet)."""
        return self._issues if isinstance(self._issues, list) else self._issues.to_dict("records")

    @property
    def failed(self) -> bool:
        if isinstance(self._issues, list):
            return any(r["severity"] == "error" for r in self._issues)
        return has_errors(self._issues)

    def summary(self) -> dict[str, int]:
        if isinstance(self._documents, list) and isinstance(self._issues, list):
            return tables.ingest_summary(self._documents, self._issues, self.n_passages)
        return ingest_summary(self.documents, self.issues, self.n_passages)

    def __repr__(self) -> str:
        return f"IngestWritten({self.summary()}, written={[str(p) for p in self.written]})"


def ingest_to(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    out_dir: str | os.PathLike,
    *,
    pdf_engine: str = "pypdfium2",
    workers: int | None = None,
    use_cache: bool = True,
    progress: bool = False,
    file_timeout: float | None = DEFAULT_FILE_TIMEOUT,
    batch_passages: int = BATCH_PASSAGES,
    follow_outside: bool = False,
) -> IngestWritten:
    """Like :func:`ingest` followed by :func:`write_ingested`, in bounded memory.

    Passages are checked and appended to ``passages.parquet`` ``batch_passages`` at a time, so memory does not
    grow with the corpus; the tables equal those of ``write_ingested(ingest(paths), out_dir)`` (byte for byte
    when the corpus fits in one batch; larger corpora get one Parquet row group per batch). When no document
    could be ingested nothing is written, so that the tables of an earlier run are kept.

    The tables are built and written with pyarrow alone (:mod:`aicompare.corpus.tables`, the same bytes as
    through pandas): importing pandas would take longer than reading a few PDFs. pyarrow itself is
    imported once the worker processes read the first files (``preload``), not before.
    """
    native = tables.native_tables()
    out = Path(out_dir)
    doc_rows: list[dict] = []
    issues: list[dict] = []
    n_passages = 0
    target = out / "passages.parquet"
    try:
        with atomic_path(target) as tmp:
            writer = None
            try:
                for rows in _ingest_rows(paths, doc_rows, issues, pdf_engine=pdf_engine, workers=workers,
                                         use_cache=use_cache, progress=progress, file_timeout=file_timeout,
                                         follow_outside=follow_outside, batch_passages=batch_passages,
                                         preload=tables.load_arrow if native else _load_table_libraries):
                    table = tables.passages_table(rows) if native else _passages_arrow_via_pandas(rows)
                    del rows
                    if writer is None:
                        import pyarrow.parquet as pq

                        writer = pq.ParquetWriter(tmp, table.schema)
                    elif not table.schema.equals(writer.schema, check_metadata=False):
                        table = table.cast(writer.schema)
                    writer.write_table(table)
                    n_passages += table.num_rows
                    del table
            finally:
                if writer is not None:
                    writer.close()
            if not doc_rows or writer is None:
                raise _NothingIngested
    except _NothingIngested:
        return IngestWritten(doc_rows, tables.sorted_issues(issues), 0, [])
    if not native:
        from aicompare.io import write_table

        documents, issues_df = _documents_frame(doc_rows), _issues_frame(issues)
        written = [write_table(portable_paths(documents), out / "documents.parquet"), target,
                   write_table(portable_paths(issues_df), out / "issues.csv")]
        return IngestWritten(documents, issues_df, n_passages, written)
    documents = tables.document_records(doc_rows)
    issue_rows = tables.sorted_issues(issues)
    written = [tables.write_documents_parquet(_portable_records(documents), out / "documents.parquet"), target,
               tables.write_issues_csv(_portable_records(issue_rows), out / "issues.csv")]
    return IngestWritten(documents, issue_rows, n_passages, written)


def _portable_records(rows: list[dict]) -> list[dict]:
    """:func:`portable_paths` for rows given as records (the tables ``ingest_to`` writes without pandas)."""
    from aicompare.paths import portable_path, portable_text

    def portable(r: dict) -> dict:
        r = dict(r)
        if isinstance(r.get("path"), str):
            r["path"] = portable_path(r["path"])
        if isinstance(r.get("message"), str):
            r["message"] = portable_text(r["message"])
        return r

    return [portable(r) for r in rows]


def _passages_arrow_via_pandas(rows: list[dict]):
    """Passage rows as the Arrow table pandas makes of their validated frame (pandas before 3)."""
    import pyarrow as pa

    return pa.Table.from_pandas(_passages_frame([_rows_frame(rows)]), preserve_index=False)


class _NothingIngested(Exception):
    """No document could be ingested: the earlier outputs are kept."""
