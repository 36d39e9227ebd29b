"""Atomic, deterministic writing of tables and files.

Every output goes to a temporary file in the target folder first and is then renamed
over the destination, so an interrupted run never leaves a half-written file.
"""
from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Iterator

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

# ------------------------------------------------------------------ hostile cell text
# A spreadsheet program treats a cell starting with = + - @ (or tab / carriage return, which some programs
# skip before such a character) as a formula. Text written by aicompare comes from guideline documents and
# file names, i.e. from anyone: it is written as a value, never as a formula (docs/data_dictionary.md).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_ESCAPE = "'"  # prefixed to a CSV text cell that starts with a trigger (OWASP's advice)
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?$")
# C0 control characters other than tab, newline and carriage return (and DEL): Excel's XML cannot hold them.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
EXCEL_MAX_CELL = 32_767


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula (a plain number such as -1.5 is not)."""
    return text.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.match(text)


def escape_csv_cell(value: object) -> object:
    """``'`` before text a spreadsheet would read as a formula; injective (text already starting with
    ``'`` followed by a trigger gets one more), undone by :func:`unescape_csv_cell`."""
    if not isinstance(value, str):
        return value
    if is_formula_like(value) or (value.startswith(CSV_ESCAPE) and is_formula_like(value[1:].lstrip(CSV_ESCAPE))):
        return CSV_ESCAPE + value
    return value


def unescape_csv_cell(value: object) -> object:
    """Inverse of :func:`escape_csv_cell`, for reading a CSV aicompare wrote."""
    if isinstance(value, str) and value.startswith(CSV_ESCAPE) and is_formula_like(value[1:].lstrip(CSV_ESCAPE)):
        return value[1:]
    return value


def visible_controls(text: str) -> str:
    """Control characters (NUL, ESC, U+0001 …) replaced by their visible Unicode symbols (␀ ␛ ␁)."""
    return _XML_ILLEGAL.sub(lambda m: chr(0x2400 + ord(m.group())) if m.group() < "\x20" else "\ufffd"
                            if m.group() != "\x7f" else "\u2421", text)


def is_text_dtype(dtype) -> bool:
    """A column of text (object, pandas' str or string): the columns escaped for CSV and cleaned for Excel."""
    return dtype == object or str(dtype) in ("str", "string")


def _text_columns(df: pd.DataFrame) -> list:
    return [c for c in df.columns if is_text_dtype(df[c].dtype)]


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells (and column names) cannot run as spreadsheet formulas."""
    cols = _text_columns(df)
    renamed = {c: escape_csv_cell(c) for c in df.columns if isinstance(c, str) and escape_csv_cell(c) != c}
    if not cols and not renamed:
        return df
    out = df.copy()
    for c in cols:
        col = out[c]
        if str(col.dtype) in ("str", "string"):  # text only: the cells that may change are found at C speed
            may_change = col.str.startswith(FORMULA_TRIGGERS + (CSV_ESCAPE,)).fillna(False).to_numpy(dtype=bool)
            if may_change.any():
                out.loc[may_change, c] = col[may_change].map(escape_csv_cell)
        else:
            out[c] = col.map(escape_csv_cell, na_action="ignore")
    return out.rename(columns=renamed)


def _any_starts_with(col: pd.Series, prefix: str) -> bool:
    if str(col.dtype) in ("str", "string"):
        return bool(col.str.startswith(prefix).fillna(False).any())
    return any(isinstance(v, str) and v.startswith(prefix) for v in col.tolist())


def unescape_csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Undo :func:`csv_safe` on a table read back from a CSV aicompare wrote."""
    out = df.copy()
    for c in _text_columns(out):
        if _any_starts_with(out[c], CSV_ESCAPE):  # else nothing to undo
            out[c] = out[c].map(unescape_csv_cell, na_action="ignore")
    return out.rename(columns={c: unescape_csv_cell(c) for c in out.columns})


def _excel_value(value: object) -> object:
    if isinstance(value, str):
        return visible_controls(value)[:EXCEL_MAX_CELL]
    return value


def _write_sheet(xw: "pd.ExcelWriter", df: pd.DataFrame, sheet: str) -> None:
    """One sheet, every cell a value: control characters made visible, text never stored as a formula."""
    clean = df.copy()
    for c in _text_columns(clean):
        clean[c] = clean[c].map(_excel_value, na_action="ignore")
    clean.columns = [_excel_value(c) if isinstance(c, str) else c for c in clean.columns]
    if isinstance(clean.columns, pd.MultiIndex) or not xw.book.__class__.__module__.startswith("openpyxl"):
        clean.to_excel(xw, sheet_name=sheet, index=False)  # pandas raises or handles what _fill_sheet does not
        ws = xw.sheets[sheet]
        for row in ws.iter_rows():
            for cell in row:
                _as_value(cell)
        return
    _fill_sheet(xw, clean, sheet)


def _as_value(cell) -> None:
    if cell.data_type == "f" or (isinstance(cell.value, str) and is_formula_like(cell.value)):
        cell.data_type = "s"  # openpyxl took the text for a formula: store it as text
        cell.quotePrefix = True  # and keep Excel from re-reading it as one when the cell is edited


_EXCEL_MAX_ROWS, _EXCEL_MAX_COLS = 1_048_576, 16_384


def check_sheet_size(rows: int, cols: int) -> None:
    """Raise pandas' ValueError for a table larger than an Excel sheet."""
    if rows > _EXCEL_MAX_ROWS or cols > _EXCEL_MAX_COLS:
        raise ValueError(f"This sheet is too large! Your sheet size is: {rows}, {cols} "
                         f"Max sheet size is: {_EXCEL_MAX_ROWS}, {_EXCEL_MAX_COLS}")


def excel_scalar(val: object, date_fmt: str = "YYYY-MM-DD",
                 datetime_fmt: str = "YYYY-MM-DD HH:MM:SS") -> tuple[object, str | None]:
    """A cell value other than ``str`` as pandas writes it (its ExcelFormatter._format_value, then its writer's
    _value_with_fmt): missing -> "", ±inf -> "inf"/"-inf", numpy scalars -> Python ones, dates with their
    number format; returns (value, number format or None)."""
    import datetime
    from decimal import Decimal

    from pandas.api.types import is_bool, is_float, is_integer, is_scalar

    fmt = None
    if is_scalar(val) and pd.isna(val):
        val = ""
    elif is_float(val) and val in (float("inf"), float("-inf")):
        val = "inf" if val > 0 else "-inf"
    if getattr(val, "tzinfo", None) is not None:
        raise ValueError("Excel does not support datetimes with timezones. Please ensure that datetimes "
                         "are timezone unaware before writing to Excel.")
    if is_integer(val):
        val = int(val)
    elif is_float(val):
        val = float(val)
    elif is_bool(val):
        val = bool(val)
    elif isinstance(val, Decimal):
        val = Decimal(val)
    elif isinstance(val, datetime.datetime):
        fmt = datetime_fmt
    elif isinstance(val, datetime.date):
        fmt = date_fmt
    elif isinstance(val, datetime.timedelta):
        val, fmt = val.total_seconds() / 86400, "0"
    else:
        val = str(val)
    return val, fmt


def _fill_sheet(xw: "pd.ExcelWriter", df: pd.DataFrame, sheet: str) -> None:
    """The cells ``df.to_excel(xw, sheet_name=sheet, index=False)`` writes (same values, types and number formats,
    hence the same workbook bytes), created directly: pandas' per-cell formatting objects and openpyxl's cell
    lookups cost more than the workbook's serialisation. Formula-like text is stored as text (:func:`_as_value`)."""
    import warnings

    from openpyxl.cell.cell import Cell

    rows, cols = df.shape
    check_sheet_size(rows, cols)
    book = xw.book
    if sheet in book.sheetnames:  # pandas writes over a sheet of the same name
        ws = book[sheet]
    else:
        ws = book.create_sheet()
        ws.title = sheet
    date_fmt = xw._date_format if getattr(xw, "_date_format", None) else "YYYY-MM-DD"
    datetime_fmt = xw._datetime_format if getattr(xw, "_datetime_format", None) else "YYYY-MM-DD HH:MM:SS"
    add = ws._add_cell

    def put(r: int, c: int, val) -> None:
        fmt = None
        if type(val) is not str:
            val, fmt = excel_scalar(val, date_fmt, datetime_fmt)
        if type(val) is str and len(val) > 32767:
            warnings.warn("Cell contents too long, truncated to 32767 characters", UserWarning, stacklevel=3)
        cell = Cell(ws, row=r, column=c, value=val)
        if fmt:
            cell.number_format = fmt
        if cell.data_type == "f" or (cell.data_type == "s" and is_formula_like(cell.value)):
            _as_value(cell)
        add(cell)

    for j, name in enumerate(df.columns, 1):
        put(1, j, name)
    for j in range(cols):
        for i, val in enumerate(df.iloc[:, j], 2):
            put(i, j + 1, val)


def check_table_path(path: str | os.PathLike) -> Path:
    """Raise ValueError now (before any work) if ``path`` has no table format aicompare can write."""
    path = Path(path)
    if path.suffix.lower() not in TABLE_SUFFIXES:
        raise ValueError(f"unsupported table format: {path.name} (use {', '.join(TABLE_SUFFIXES)})")
    return path


def write_table(df: pd.DataFrame, path: str | os.PathLike, *, bom: bool = False) -> Path:
    """Write ``df`` atomically; the format follows the suffix (.csv, .parquet, .xlsx, .jsonl).

    CSV is plain UTF-8 unless ``bom`` is true (UTF-8 with BOM, which Excel opens
    correctly on Japanese Windows); text cells that a spreadsheet would take for a formula get a
    leading ``'`` (:func:`csv_safe`). Excel cells are always values (:func:`_write_sheet`). Parquet is written without pandas metadata
    timestamps, so identical frames give identical bytes.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    with atomic_path(path) as tmp:
        if suffix == ".csv":
            csv_safe(df).to_csv(tmp, index=False, encoding="utf-8-sig" if bom else "utf-8", lineterminator="\n")
        elif suffix == ".parquet":
            df.to_parquet(tmp, index=False)
        elif suffix == ".xlsx":
            tmp.write_bytes(_workbook_bytes({"Sheet1": df}))
        elif suffix == ".jsonl":
            df.to_json(tmp, orient="records", lines=True, force_ascii=False)
        else:
            check_table_path(path)
    return path


_FIXED_TIME = "2000-01-01T00:00:00Z"


def _stable_zip(parts: dict[str, bytes]) -> bytes:
    """An .xlsx byte-identical across runs: entries in name order, fixed document timestamps and zip entry times."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(parts):
            body = parts[name]
            if name == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                              rb"\g<1>" + _FIXED_TIME.encode() + rb"\g<2>", body)
            zi = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, body)
    return out.getvalue()


def _openpyxl_workbook(tables: dict[str, pd.DataFrame],
                       format_sheet: "Callable[[str, object, pd.DataFrame], None] | None" = None) -> dict[str, bytes]:
    """The workbook's parts written cell by cell through openpyxl (styled sheets, dates, decimals…)."""
    import io
    import zipfile

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, df in tables.items():
            _write_sheet(xw, df, name[:31])
            if format_sheet is not None:
                format_sheet(name, xw.sheets[name[:31]], df)
    with zipfile.ZipFile(buf) as src:
        return {info.filename: src.read(info.filename) for info in src.infolist()}


def _workbook_bytes(tables: dict[str, pd.DataFrame],
                    format_sheet: "Callable[[str, object, pd.DataFrame], None] | None" = None) -> bytes:
    """The deterministic bytes of the workbook holding ``tables`` (see :func:`write_tables_xlsx`): plain tables
    by :mod:`aicompare.xlsx` (the same bytes, several times faster), the rest through openpyxl."""
    from aicompare.xlsx import NotPlain, plain_workbook_parts

    if format_sheet is None:
        try:
            return _stable_zip(plain_workbook_parts(tables))
        except NotPlain:
            pass
    return _stable_zip(_openpyxl_workbook(tables, format_sheet))


def write_tables_xlsx(tables: dict[str, pd.DataFrame], path: str | os.PathLike, *,
                      format_sheet: "Callable[[str, object, pd.DataFrame], None] | None" = None) -> Path:
    """Write several tables as sheets of one Excel workbook (sheet names cut to 31 chars), deterministically.

    ``format_sheet(name, worksheet, table)`` may then style each openpyxl sheet (fills, fonts, widths; the
    header is row 1, the table from row 2, column A). Cells stay values: formatting never writes a formula."""
    return write_bytes(path, _workbook_bytes(tables, format_sheet))


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
