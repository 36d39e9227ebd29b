"""Ingestion: files, folders and document tables → ``documents``, ``passages`` and ``issues`` tables.

    res = ingest(["data/raw"])
    res.documents, res.passages, res.issues

* Folders are read recursively; a ``SOURCES.csv`` or ``manifest.csv`` in a folder is metadata for
  that folder's files (matched on the ``file`` column), not a document.
* Any other ``.csv`` / ``.jsonl`` is a document table with columns ``doc_id``, ``text`` and optional
  ``lang``, ``title``, ``publisher``, ``country``, ``publisher_type``, ``year`` (one document per row).
* Every file is parsed independently: a file that cannot be read gets an ``error`` row in ``issues``
  and the batch goes on. Parsed files are cached by content hash (and parser version) under
  ``data/processed/.cache/ingest``. Files are parsed in worker processes when that pays off
  (``aicompare.corpus.pool``): a killed worker or a file over the time limit costs that file only.
* ``ingest_to(paths, out_dir)`` writes the tables batch by batch, so memory stays flat for any corpus size.
"""
from __future__ import annotations

import hashlib
import os
import re
import pickle
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from aicompare import __version__
from aicompare.corpus.normalise import detect_language
from aicompare.corpus.pool import DEFAULT_FILE_TIMEOUT, parse_all, plan_workers
from aicompare.corpus.readers import PDF_SUFFIXES, Line, RawDocument, ReadError, read_file
from aicompare.corpus.segment import segment
from aicompare.io import atomic_path
from aicompare.lazy import LazyModule, is_loaded
from aicompare.paths import cache_dir

# pandas (and pandera, through aicompare.schema) are imported on first use: files are handed to the worker
# processes first, so that these imports overlap with the reading instead of delaying it.
pd = LazyModule("pandas")

METADATA_FILES = {"sources.csv", "manifest.csv"}
# Files in a folder that document the folder rather than being guidelines: README, LICENCE/LICENSE, NOTICE,
# COPYING, and a document's own licence (``<name>_LICENSE.md``). Named on the command line they are read.
NOT_DOCUMENTS = re.compile(r"^(?:readme|licen[cs]es?|notice|copying)(?:[._-].*)?$|[._-]licen[cs]e$", re.I)
TABLE_SUFFIXES = {".csv", ".jsonl"}
META_FIELDS = ["title", "publisher", "country", "publisher_type", "year", "lang", "role"]


@dataclass
class IngestResult:
    documents: pd.DataFrame
    passages: pd.DataFrame
    issues: pd.DataFrame

    @property
    def failed(self) -> bool:
        """True when at least one input could not be ingested."""
        return bool((self.issues["severity"] == "error").any()) if len(self.issues) else False

    def summary(self) -> dict[str, int]:
        sev = self.issues["severity"].value_counts() if len(self.issues) else {}
        return {
            "documents": len(self.documents),
            "passages": len(self.passages),
            "pages": int(self.documents["n_pages"].fillna(0).sum()) if len(self.documents) else 0,
            "errors": int(sev.get("error", 0)),
            "warnings": int(sev.get("warning", 0)),
        }


# ------------------------------------------------------------------ metadata

@lru_cache(maxsize=1)
def _publisher_type_map() -> dict[str, str]:
    with resources.files("aicompare.data").joinpath("publisher_types.csv").open(encoding="utf-8") as fh:
        df = pd.read_csv(fh)
    return dict(zip(df["value"].str.lower(), df["publisher_type"]))


def map_publisher_type(value: object) -> str | None:
    """Map a free publisher-type label to the review's types (government / industry_body / company / other)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
        return None
    key = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    return _publisher_type_map().get(key, "other")


def _year(value: object) -> int | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
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

@lru_cache(maxsize=1)
def _parser_fingerprint() -> str:
    """Hash of the parsing code, so the cache is invalidated whenever the parser changes."""
    h = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    for name in ("readers.py", "segment.py", "normalise.py", "ingest.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def parse_lines(lines: list[Line], source_type: str, **extra) -> dict:
    """Segment lines into passages; the language is detected from the whole text."""
    full = "\n".join(ln.text for ln in lines)
    lang = detect_language(full)
    passages = segment(lines, lang)
    rows = []
    for p in passages:
        plang = detect_language(p.text) if len(p.text) >= 20 else lang
        if plang == "und" or (lang == "ja" and plang == "zh"):
            plang = lang
        rows.append({"page": p.page, "section_path": p.section_path, "heading": p.heading, "kind": p.kind,
                     "text": p.text, "text_raw": p.text_raw, "lang": plang,
                     "char_start": p.char_start, "char_end": p.char_end})
    first_heading = next((p.text for p in passages if p.kind == "heading"), None)
    return {"source_type": source_type, "lang": lang, "n_chars": len(full), "passages": rows,
            "first_heading": first_heading, **extra}


def parse_path(path: str, pdf_engine: str = "pypdfium2") -> dict:
    """Read and segment one file. Returns a dict with passages or with an ``error`` (never raises)."""
    p = Path(path)
    try:
        raw: RawDocument = read_file(p, pdf_engine)
    except ReadError as exc:
        return {"error": (exc.code, str(exc))}
    except Exception as exc:  # a reader bug or an exotic file must not stop the batch
        return {"error": ("read_failed", f"{p.name}: could not be read ({type(exc).__name__}: {exc}).")}
    out = parse_lines(raw.lines, raw.source_type, n_pages=raw.n_pages, title=raw.title, encoding=raw.encoding)
    out["issues"] = list(raw.issues)
    if not out["passages"]:
        out = {"error": ("no_text", f"{p.name}: no text found in the file.")}
    return out


def _cache_file(sha: str, engine: str) -> Path:
    return cache_dir() / "ingest" / f"{sha[:32]}-{engine}-{_parser_fingerprint()}.pkl"


def _parse_cached(path: Path, sha: str, pdf_engine: str, use_cache: bool) -> dict | None:
    if not use_cache:
        return None
    cf = _cache_file(sha, pdf_engine if path.suffix.lower() in PDF_SUFFIXES else "text")
    if cf.exists():
        try:
            with cf.open("rb") as fh:
                return pickle.load(fh)
        except Exception:
            return None
    return None


def _store_cache(path: Path, sha: str, pdf_engine: str, parsed: dict) -> None:
    cf = _cache_file(sha, pdf_engine if path.suffix.lower() in PDF_SUFFIXES else "text")
    try:
        with atomic_path(cf) as tmp:
            with tmp.open("wb") as fh:
                pickle.dump(parsed, fh, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass  # a read-only project folder only costs speed


# ------------------------------------------------------------------ discovery

def discover(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[Path], dict[Path, Path], list[dict]]:
    """Expand inputs into document files, document tables and per-folder metadata files."""
    files: list[Path] = []
    tables: list[Path] = []
    metadata: dict[Path, Path] = {}
    issues: list[dict] = []
    for item in paths:
        p = Path(item)
        if not p.exists():
            issues.append(_issue(p, None, "error", "not_found", f"{p}: no such file or folder."))
            continue
        candidates = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
        for f in candidates:
            rel_parts = f.relative_to(p).parts if p.is_dir() else (f.name,)
            if any(part.startswith(".") for part in rel_parts):
                continue
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


def _read_table(path: Path) -> pd.DataFrame:
    try:
        if path.suffix.lower() == ".jsonl":
            df = pd.read_json(path, lines=True, dtype=False)
        else:
            df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except Exception as exc:
        raise ReadError("malformed_table", f"{path.name}: could not be read as a table ({type(exc).__name__}: {exc}).") from exc
    missing = {"doc_id", "text"} - set(df.columns)
    if missing:
        raise ReadError("malformed_table", f"{path.name}: a document table needs columns doc_id and text "
                                           f"(missing: {', '.join(sorted(missing))}).")
    return df


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
) -> IngestResult:
    """Ingest files, folders and document tables into documents / passages / issues tables.

    ``pdf_engine``: 'pypdfium2' (fast, default) or 'pdfplumber' (pdfminer layout analysis, slower).
    ``workers``: processes for parsing (default: as many as pay off, at most one per core; 1 = none).
    ``file_timeout``: seconds one file may take before it is stopped with an error (None: no limit).
    For corpora too large for memory, :func:`ingest_to` writes the tables batch by batch.
    """
    doc_rows: list[dict] = []
    issues: list[dict] = []
    frames = list(_ingest_batches(paths, doc_rows, issues, pdf_engine=pdf_engine, workers=workers,
                                  use_cache=use_cache, progress=progress, file_timeout=file_timeout))
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
) -> Iterator[pd.DataFrame]:
    """Parse the inputs and yield their passages (raw frames, several documents each, in input order).

    Documents go to ``doc_rows`` and problems to ``issues`` as they are met. With ``batch_passages`` a frame
    is yielded as soon as it holds that many passages (bounded memory); otherwise one frame at the end.
    """
    from aicompare.corpus.readers import PDF_ENGINES

    if pdf_engine not in PDF_ENGINES:
        raise ValueError(f"unknown PDF engine {pdf_engine!r}; choose one of {', '.join(PDF_ENGINES)}")
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = list(paths)
    files, tables, metadata_files, found_issues = discover(paths)
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
                       timeout=file_timeout, on_result=advance)
    try:
        if n_workers and light:
            _load_table_libraries()  # while the workers read the first files
        meta: dict[Path, pd.DataFrame] = {}
        for folder, mf in sorted(metadata_files.items()):
            try:
                meta[folder] = read_metadata(mf)
            except (ReadError, Exception) as exc:
                issues.append(_issue(mf, None, "warning", "malformed_metadata", f"{mf.name}: ignored ({exc})."))

        # -- assemble documents, in input order
        passage_frames: list[pd.DataFrame] = []
        n_batch = 0
        used_ids: set[str] = set()

        def unique_id(stem: str) -> str:
            base, k = stem, 2
            while stem in used_ids:
                stem = f"{base}-{k}"
                k += 1
            used_ids.add(stem)
            return stem

        def add_document(doc_id: str, path: str, sha: str | None, res: dict, md: dict) -> None:
            nonlocal n_batch
            rows = pd.DataFrame(res["passages"])
            rows.insert(0, "doc_id", doc_id)
            rows.insert(1, "passage_id", [f"{doc_id}:{i:05d}" for i in range(len(rows))])
            lang = md.get("lang") or res["lang"]
            passage_frames.append(rows)
            n_batch += len(rows)
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
            return batch_passages is not None and n_batch >= batch_passages

        def flush() -> pd.DataFrame:
            nonlocal n_batch
            frame = pd.concat(passage_frames, ignore_index=True)
            passage_frames.clear()
            n_batch = 0
            return frame

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
            add_document(unique_id(f.stem), str(f), shas.get(f), res, md)
            if full():
                yield flush()
    finally:
        parsed.close()  # stops the workers early when the caller gives up
        if bar:
            bar.stop()

    for t in tables:
        try:
            df = _read_table(t)
        except ReadError as exc:
            issues.append(_issue(t, None, "error", exc.code, str(exc)))
            continue
        for rec in df.to_dict("records"):
            text = str(rec.get("text") or "")
            doc_id = str(rec.get("doc_id") or "").strip()
            if not doc_id or not text.strip():
                issues.append(_issue(t, doc_id or None, "error", "malformed_row",
                                     f"{t.name}: a row without doc_id or text was skipped (doc_id={doc_id!r})."))
                continue
            lines = [Line(x) for x in text.replace("\r\n", "\n").split("\n")]
            res = parse_lines(lines, "table", n_pages=None, title=rec.get("title"))
            if not res["passages"]:
                issues.append(_issue(t, doc_id, "error", "no_text", f"{t.name}: document {doc_id} has no text."))
                continue
            md = {k: rec.get(k) for k in META_FIELDS if rec.get(k) not in (None, "")}
            if "publisher_type" in md:
                md["publisher_type"] = map_publisher_type(md["publisher_type"])
            if "year" in md:
                md["year"] = _year(md["year"])
            add_document(unique_id(doc_id), f"{t}#{doc_id}", hashlib.sha256(text.encode()).hexdigest(), res, md)
            if full():
                yield flush()
        del df
    if passage_frames or batch_passages is None:
        yield flush() if passage_frames else _empty_passages()


def len_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _load_table_libraries() -> None:
    """Import pandas, pandera (table validation) and pyarrow (Parquet) now."""
    import pyarrow.parquet  # noqa: F401

    import aicompare.schema_checks  # noqa: F401


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


def _frames(doc_rows: list[dict], passage_frames: list[pd.DataFrame], issues: list[dict]) -> IngestResult:
    return IngestResult(_documents_frame(doc_rows), _passages_frame(passage_frames), _issues_frame(issues))


# ------------------------------------------------------------------ outputs

def write_ingested(res: IngestResult, out_dir: str | os.PathLike) -> list[Path]:
    """Write documents.parquet, passages.parquet and issues.csv atomically to ``out_dir``."""
    from aicompare.io import write_table

    out = Path(out_dir)
    return [
        write_table(res.documents, out / "documents.parquet"),
        write_table(res.passages, out / "passages.parquet"),
        write_table(res.issues, out / "issues.csv"),
    ]


def read_ingested(out_dir: str | os.PathLike) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load documents.parquet and passages.parquet written by ``aicompare ingest``."""
    out = Path(out_dir)
    return pd.read_parquet(out / "documents.parquet"), pd.read_parquet(out / "passages.parquet")



@dataclass
class IngestWritten:
    """What :func:`ingest_to` wrote: the documents and issues tables, the passage count and the files."""
    documents: pd.DataFrame
    issues: pd.DataFrame
    n_passages: int
    written: list[Path]

    @property
    def failed(self) -> bool:
        return bool((self.issues["severity"] == "error").any()) if len(self.issues) else False

    def summary(self) -> dict[str, int]:
        sev = self.issues["severity"].value_counts() if len(self.issues) else {}
        return {
            "documents": len(self.documents),
            "passages": self.n_passages,
            "pages": int(self.documents["n_pages"].fillna(0).sum()) if len(self.documents) else 0,
            "errors": int(sev.get("error", 0)),
            "warnings": int(sev.get("warning", 0)),
        }


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
) -> IngestWritten:
    """Like :func:`ingest` followed by :func:`write_ingested`, in bounded memory.

    Passages are validated and appended to ``passages.parquet`` ``batch_passages`` at a time, so memory does not
    grow with the corpus; the tables equal those of ``write_ingested(ingest(paths), out_dir)`` (byte for byte
    when the corpus fits in one batch; larger corpora get one Parquet row group per batch). When no document
    could be ingested nothing is written, so that the tables of an earlier run are kept.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from aicompare.io import write_table

    out = Path(out_dir)
    doc_rows: list[dict] = []
    issues: list[dict] = []
    n_passages = 0
    target = out / "passages.parquet"
    try:
        with atomic_path(target) as tmp:
            writer = None
            try:
                for frame in _ingest_batches(paths, doc_rows, issues, pdf_engine=pdf_engine, workers=workers,
                                             use_cache=use_cache, progress=progress, file_timeout=file_timeout,
                                             batch_passages=batch_passages):
                    table = pa.Table.from_pandas(_passages_frame([frame]), preserve_index=False)
                    del frame
                    if writer is None:
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
        return IngestWritten(_documents_frame(doc_rows), _issues_frame(issues), 0, [])
    documents, issues_df = _documents_frame(doc_rows), _issues_frame(issues)
    written = [write_table(documents, out / "documents.parquet"), target, write_table(issues_df, out / "issues.csv")]
    return IngestWritten(documents, issues_df, n_passages, written)


class _NothingIngested(Exception):
    """No document could be ingested: the earlier outputs are kept."""
