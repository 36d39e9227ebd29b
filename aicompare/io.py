"""Atomic, deterministic writing of tables and files.

Every output goes to a temporary file in the target folder first and is then renamed
over the destination, so an interrupted run never leaves a half-written file.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from aicompare.lazy import LazyModule

pd = LazyModule("pandas")  # imported on first use: ingest's workers start before pandas is loaded


_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it over ``path`` on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_UMASK)  # mkstemp creates 0600; give the usual permissions
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> Path:
    return write_bytes(path, text.encode(encoding))


TABLE_SUFFIXES = (".csv", ".parquet", ".xlsx", ".jsonl")


def check_table_path(path: str | os.PathLike) -> Path:
    """Raise ValueError now (before any work) if ``path`` has no table format aicompare can write."""
    path = Path(path)
    if path.suffix.lower() not in TABLE_SUFFIXES:
        raise ValueError(f"unsupported table format: {path.name} (use {', '.join(TABLE_SUFFIXES)})")
    return path


def write_table(df: pd.DataFrame, path: str | os.PathLike, *, bom: bool = False) -> Path:
    """Write ``df`` atomically; the format follows the suffix (.csv, .parquet, .xlsx, .jsonl).

    CSV is plain UTF-8 unless ``bom`` is true (UTF-8 with BOM, which Excel opens
    correctly on Japanese Windows). Parquet is written without pandas metadata
    timestamps, so identical frames give identical bytes.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    with atomic_path(path) as tmp:
        if suffix == ".csv":
            df.to_csv(tmp, index=False, encoding="utf-8-sig" if bom else "utf-8", lineterminator="\n")
        elif suffix == ".parquet":
            df.to_parquet(tmp, index=False)
        elif suffix == ".xlsx":
            import io

            buf = io.BytesIO()
            df.to_excel(buf, index=False, engine="openpyxl")
            tmp.write_bytes(_stable_xlsx(buf.getvalue()))
        elif suffix == ".jsonl":
            df.to_json(tmp, orient="records", lines=True, force_ascii=False)
        else:
            check_table_path(path)
    return path


_FIXED_TIME = "2000-01-01T00:00:00Z"


def _stable_xlsx(data: bytes) -> bytes:
    """Make an .xlsx byte-identical across runs: fixed document timestamps and zip entry times."""
    import io
    import re
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + _FIXED_TIME.encode() + rb"\g<2>", body)
            zi = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, body)
    return out.getvalue()


def write_tables_xlsx(tables: dict[str, pd.DataFrame], path: str | os.PathLike) -> Path:
    """Write several tables as sheets of one Excel workbook (sheet names cut to 31 chars), deterministically."""
    import io

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, df in tables.items():
            df.to_excel(xw, sheet_name=name[:31], index=False)
    return write_bytes(path, _stable_xlsx(buf.getvalue()))


def write_table_chunks(chunks: Iterable[pd.DataFrame], path: str | os.PathLike, *, bom: bool = False,
                       empty: pd.DataFrame | None = None) -> Path:
    """Write a table given as consecutive frames, atomically and without holding it all in memory.

    The file is the one :func:`write_table` writes for the frames concatenated: each chunk goes through
    ``write_table`` itself (same formatting and escaping) and is appended, the CSV header once; Parquet gets
    one row group per chunk; an Excel workbook is assembled in memory. ``empty`` is written when there is
    no chunk (the table's columns, no rows).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    it = iter(chunks)
    first = next(it, None)
    if first is None:
        return write_table(empty if empty is not None else pd.DataFrame(), path, bom=bom)
    if suffix == ".xlsx":
        return write_table(pd.concat([first, *it], ignore_index=True), path, bom=bom)
    with atomic_path(path) as tmp, tmp.open("wb") as out:
        if suffix == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            writer = None
            for chunk in _chain(first, it):
                table = pa.Table.from_pandas(chunk, preserve_index=False)
                if writer is None:
                    writer = pq.ParquetWriter(out, table.schema)
                writer.write_table(table.cast(writer.schema))
            writer.close()
            return path
        part = tmp.with_name(tmp.name + ".part" + suffix)
        try:
            for n, chunk in enumerate(_chain(first, it)):
                write_table(chunk, part, bom=bom and n == 0)
                data = part.read_bytes()
                if suffix == ".csv" and n > 0:  # the header line only once
                    data = data[data.index(b"\n") + 1:]
                out.write(data)
        finally:
            part.unlink(missing_ok=True)
    return path


def _chain(first, rest):
    yield first
    yield from rest
