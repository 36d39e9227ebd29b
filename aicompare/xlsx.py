"""Plain workbooks, written fast: each sheet's XML built directly from its table.

A workbook of plain tables (text, numbers, booleans, missing values; no styling) is the one
:func:`aicompare.io.write_tables_xlsx` wrote through openpyxl cell by cell, byte for byte: openpyxl still writes
the package (workbook, styles, theme, properties, with every sheet empty) and each sheet's ``<sheetData>`` is
filled in with the rows openpyxl would have serialised (``inlineStr`` text, ``n`` numbers, ``b`` booleans, ``e``
for Excel's error codes; formula-like text keeps the ``quotePrefix`` style). Creating one openpyxl cell object per
value cost most of the time of the pipeline's excel stage. A table this writer does not cover (dates, decimals,
categories, MultiIndex columns, a styled sheet) raises :class:`NotPlain` and is written by openpyxl as before.
"""
from __future__ import annotations

import io

import pandas as pd
from openpyxl.cell.cell import ERROR_CODES

from aicompare.io import _excel_value, check_sheet_size, excel_scalar, is_formula_like, is_text_dtype

_EMPTY_DATA = b"<sheetData></sheetData>"  # what openpyxl writes for a sheet without cells
_EMPTY_DIMENSION = b'<dimension ref="A1:A1"/>'
_QUOTED_STYLE = 1  # index of the quotePrefix cell style: the first after the default style


class NotPlain(Exception):
    """The table holds values this writer leaves to openpyxl (dates, decimals, objects, categories…)."""


def _xml_text(text: str) -> str:
    """Text escaped as lxml writes it (non-ASCII characters become references when the sheet is encoded)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _text_cell(text: str) -> str:
    """The cell's XML after ``<c r="A1" `` for text openpyxl stores as given: ``'=…'`` would be a formula and is
    kept as quoted text (:func:`aicompare.io._as_value`), an error code is an error cell, other text an inline
    string (quoted when a spreadsheet could read it as a formula)."""
    if text == "":
        return 't="inlineStr"></c>'
    if text in ERROR_CODES:
        return f't="e"><v>{_xml_text(text)}</v></c>'
    quoted = (len(text) > 1 and text.startswith("=")) or is_formula_like(text)
    space = ' xml:space="preserve"' if text != text.strip() else ""
    style = f's="{_QUOTED_STYLE}" ' if quoted else ""
    return f'{style}t="inlineStr"><is><t{space}>{_xml_text(text)}</t></is></c>'


class _Cells:
    """Cell XML for one workbook; each distinct text is converted once."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self.quoted = False

    def text(self, value: str) -> str:
        """A text value of a text column or a column name (made safe for Excel first, as _write_sheet does)."""
        xml = self._texts.get(value)
        if xml is None:
            xml = self._texts[value] = self._text_cell(_excel_value(value))
        return xml

    def _text_cell(self, text: str) -> str:
        xml = _text_cell(text)
        self.quoted = self.quoted or xml.startswith("s=")
        return xml

    def other(self, value: object) -> str:
        """Any other value, converted as pandas does (:func:`aicompare.io.excel_scalar`; Python's own numbers,
        booleans and None, the values of ``Series.tolist()``, directly)."""
        kind = type(value)
        if kind is int or (kind is float and value - value == 0):  # finite
            return f't="n"><v>{"%.16g" % value}</v></c>'
        if kind is bool:
            return f't="b"><v>{value:d}</v></c>'
        if value is None:
            return _text_cell("")
        val, fmt = excel_scalar(value)
        kind = type(val)
        if fmt is not None or kind not in (str, int, float, bool):
            raise NotPlain(f"{type(value).__name__} value")
        if kind is bool:
            return f't="b"><v>{val:d}</v></c>'
        if kind is not str:
            return f't="n"><v>{"%.16g" % val}</v></c>'
        if not (val == "" or val in ("inf", "-inf")):  # str(value) of an object: openpyxl's own checks
            raise NotPlain(f"{type(value).__name__} value")
        return self._text_cell(val)


def _column_cells(cells: _Cells, name: object, values: list, text_column: bool) -> list[str]:
    out = [cells.text(name) if isinstance(name, str) else cells.other(name)]
    known = cells._texts.get
    for v in values:
        if type(v) is str or isinstance(v, str):
            if not text_column:  # pandas wrote it unchanged: openpyxl's checks apply
                raise NotPlain("text in a non-text column")
            out.append(known(v) or cells.text(v))
        else:
            out.append(cells.other(v))
    return out


def _sheet_data(df: pd.DataFrame, cells: _Cells) -> tuple[bytes, bytes] | None:
    """``(<dimension …/>, <sheetData>…</sheetData>)`` for ``df`` written with its header row, no index; None
    when the sheet has no cell."""
    from openpyxl.utils import get_column_letter

    rows, cols = df.shape
    check_sheet_size(rows, cols)
    if isinstance(df.columns, pd.MultiIndex):
        raise NotPlain("MultiIndex columns")
    if not cols:
        return None
    columns = []
    for j, name in enumerate(df.columns):
        col = df.iloc[:, j]
        if isinstance(col.dtype, pd.CategoricalDtype) or col.dtype.kind in "mMV":
            raise NotPlain(f"{col.dtype} column")
        columns.append(_column_cells(cells, name, col.tolist(), is_text_dtype(col.dtype)))
    letters = [get_column_letter(j) for j in range(1, cols + 1)]
    parts = ["<sheetData>"]
    for r, row in enumerate(zip(*columns), 1):
        parts.append(f'<row r="{r}">')
        parts.extend([f'<c r="{letter}{r}" {cell}' for letter, cell in zip(letters, row)])
        parts.append("</row>")
    parts.append("</sheetData>")
    dimension = f'<dimension ref="A1:{letters[-1]}{rows + 1}"/>'.encode()
    return dimension, "".join(parts).encode("ascii", "xmlcharrefreplace")


def plain_workbook_parts(tables: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """The parts (name -> bytes) of the workbook holding ``tables`` as sheets named ``name[:31]``; raises
    :class:`NotPlain` for a table (or sheet names) left to openpyxl."""
    import zipfile

    from openpyxl import Workbook

    names = [name[:31] for name in tables]
    if not tables or len(set(names)) < len(names):
        raise NotPlain("no table, or two tables for one sheet")
    cells = _Cells()
    data = [_sheet_data(df, cells) for df in tables.values()]
    book = Workbook()
    book.remove(book.active)  # as pandas' ExcelWriter does, then a sheet per table as _fill_sheet does
    for name in names:
        ws = book.create_sheet()
        ws.title = name
    if cells.quoted:  # register the quotePrefix style (index 1) as writing the first quoted cell would
        first = book.worksheets[0]
        cell = first.cell(row=1, column=1)
        cell.quotePrefix = True
        if cell.style_id != _QUOTED_STYLE:
            raise RuntimeError("unexpected index of openpyxl's quotePrefix style")
        first.delete_rows(1)  # the sheet's cells are written below
    buf = io.BytesIO()
    book.save(buf)
    with zipfile.ZipFile(buf) as skeleton:
        parts = {info.filename: skeleton.read(info.filename) for info in skeleton.infolist()}
    for ws, sheet in zip(book.worksheets, data):
        if sheet is None:
            continue
        path = ws.path.lstrip("/")
        xml = parts[path]
        if xml.count(_EMPTY_DATA) != 1 or xml.count(_EMPTY_DIMENSION) != 1:
            raise RuntimeError(f"unexpected empty sheet from openpyxl in {path}")
        parts[path] = xml.replace(_EMPTY_DIMENSION, sheet[0]).replace(_EMPTY_DATA, sheet[1])
    return parts
