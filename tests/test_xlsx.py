"""The workbooks of plain tables (aicompare.xlsx): the bytes openpyxl's cell-by-cell writing gives, and the cells
a reader expects from the tables they are built from (data_dictionary.md, "Text from documents is data")."""
from __future__ import annotations

import csv
import re

import numpy as np
import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

HOSTILE = ['=HYPERLINK("http://x","y")', "+SUM(A1:A9)", "-cmd|' /C calc'!A0", "@evil", "\tTAB", "=", "-1.5",
           "'=already quoted", "''+twice", "#N/A", "#DIV/0!", " leading space", "trailing\u3000", "a&b<c>d\"e'f",
           "ESC\x1b[31m NUL\x00 DEL\x7f", "line\nbreak", "日本語のテキスト", "emoji 😀", "", "x" * 40_000, "plain"]
CARRIAGE_RETURNS = ["\rCR", "a\r\nb", "end\r"]  # not in the CSV table: its writer does not quote a lone \r


@pytest.fixture(scope="module")
def processed(seed_ingest, tmp_path_factory):
    """data/processed of the five seed documents (ingest and extract as `aicompare all` writes them) and a
    hostile coverage table, written through aicompare.io (CSV escaping included)."""
    from aicompare.corpus.ingest import write_ingested
    from aicompare.extract import code_documents
    from aicompare.io import write_table

    out = tmp_path_factory.mktemp("processed")
    write_ingested(seed_ingest, out)
    evidence, decisions, matrix = code_documents(seed_ingest.passages, seed_ingest.documents)
    write_table(matrix, out / "extract" / "matrix.csv")
    write_table(evidence, out / "extract" / "evidence.csv")
    write_table(pd.DataFrame({"doc_id": HOSTILE, "n": range(len(HOSTILE)), "=col": HOSTILE[::-1]}),
                out / "coverage" / "coverage_values.csv")
    return out


# ------------------------------------------------------------------ an independent reading of the tables

_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|\.\d+)([eE][+-]?\d+)?%?")


def _formula_like(text: str) -> bool:
    return text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _PLAIN_NUMBER.fullmatch(text)


def _from_csv(text: str) -> str:
    """A CSV cell as the workbook shows it: aicompare's ``'`` escape removed, cut at 32,000 characters, control
    characters as their visible symbols."""
    if text.startswith("'") and _formula_like(text[1:].lstrip("'")):
        text = text[1:]
    text = text[:32_000]
    return "".join(chr(0x2400 + ord(ch)) if ord(ch) < 0x20 and ch not in "\t\n\r" else "\u2421" if ch == "\x7f"
                   else "\ufffd" if ch in "\ufffe\uffff" else ch for ch in text)


def _csv_rows(path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _parquet_rows(path) -> list[list]:
    table = pq.read_table(path)
    return [table.column_names] + [list(r.values()) for r in table.to_pylist()]


def _check_cell(cell, expected, where: str) -> None:
    if expected is None or expected == "":
        assert cell.value is None, where
    elif isinstance(expected, str):
        if expected in ("#N/A", "#DIV/0!"):  # openpyxl (and so Excel) reads Excel's error codes as errors
            assert (cell.value, cell.data_type) == (expected, "e"), where
        else:
            assert (cell.value, cell.data_type) == (expected, "s"), where
        # formula-like text is stored as text with Excel's quote prefix, so it is never evaluated
        assert cell.quotePrefix == (_formula_like(expected) or (len(expected) > 1 and expected[0] == "=")), where
    else:
        assert (cell.value, cell.data_type, cell.quotePrefix) == (expected, "n", False), where
    assert cell.number_format == "General" and cell.hyperlink is None and cell.comment is None, where
    assert (cell.font.name, cell.font.sz, cell.font.b, cell.fill.fill_type) == ("Calibri", 11, False, None), where
    assert cell.alignment.horizontal is None and cell.alignment.text_rotation == 0, where


def test_exported_workbook_holds_its_tables_cell_for_cell(processed, tmp_path):
    from aicompare.report import MAIN_TABLES, export_tables_xlsx

    book, sheets = export_tables_xlsx(tmp_path / "t.xlsx", processed)
    present = [name for name, rel in MAIN_TABLES.items() if (processed / rel).is_file()]
    assert sheets == present == ["documents", "matrix", "evidence", "coverage_values"]
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == sheets and not wb.defined_names
    for name in sheets:
        path = processed / MAIN_TABLES[name]
        rows = _parquet_rows(path) if path.suffix == ".parquet" else \
            [[_from_csv(v) for v in row] for row in _csv_rows(path)]
        ws = wb[name]
        assert (ws.max_row, ws.max_column) == (len(rows), len(rows[0])), name
        for i, (expected_row, cells) in enumerate(zip(rows, ws.iter_rows()), 1):
            assert len(cells) == len(expected_row)
            for expected, cell in zip(expected_row, cells):
                _check_cell(cell, expected, f"{name}!{cell.coordinate}")
        assert ws.freeze_panes is None and ws.auto_filter.ref is None and not ws.merged_cells.ranges, name
        assert not ws.conditional_formatting and not ws.data_validations.dataValidation, name
        assert not [d for d in ws.column_dimensions.values() if d.customWidth], name
    cov = wb["coverage_values"]
    assert cov["A2"].value == HOSTILE[0] and cov["A2"].quotePrefix  # the CSV escape undone, kept as text
    assert cov["A16"].value == "ESC␛[31m NUL␀ DEL␡" and len(cov["A21"].value) == 32_000
    assert cov["C1"].value == "=col" and cov["C1"].quotePrefix
    assert wb["documents"]["G2"].data_type == "n"  # numbers of the Parquet table stay numbers


# ------------------------------------------------------------------ the bytes openpyxl writes


def _edge_tables() -> dict[str, pd.DataFrame]:
    hostile = HOSTILE + CARRIAGE_RETURNS
    n = len(hostile)
    mixed = [1, 2.5, True, None, np.int64(3), np.float64("nan"), pd.NA, "-inf text", -0.0] * 4
    return {
        "hostile": pd.DataFrame({"text": hostile, "=name": hostile[::-1], 0: range(n),
                                 "float": [0.1, float("nan"), float("inf"), float("-inf"), 1e20, -0.0, 1 / 3,
                                           12345678901234567.0, 5e-324, 1e300, *range(n - 10)],
                                 "Int64": pd.array([1, None] * (n // 2), dtype="Int64"),
                                 "bool": [True, False] * (n // 2), "mixed": mixed[:n],
                                 "str": pd.array(hostile, dtype="str")}),
        "header only": pd.DataFrame(columns=["a", "-b", "#REF!"]),
        "no columns": pd.DataFrame(index=range(3)),
        "a sheet name longer than thirty-one characters": pd.DataFrame({"x": [1]}),
    }


@pytest.mark.parametrize("which", ["processed", "edge", "-inf"])
def test_plain_workbooks_are_the_bytes_openpyxl_writes(which, processed):
    """The fast writer and openpyxl's cell-by-cell writing (kept for styled sheets) give the same file."""
    from aicompare.io import _openpyxl_workbook, _stable_zip
    from aicompare.report import MAIN_TABLES, _read_table
    from aicompare.xlsx import plain_workbook_parts

    if which == "processed":
        tables = {name: _read_table(processed / rel) for name, rel in MAIN_TABLES.items()
                  if (processed / rel).is_file()}
    elif which == "edge":
        tables = _edge_tables()
    else:  # the only formula-like cell is a number written as text: the quote-prefix style is still declared
        tables = {"t": pd.DataFrame({"x": [1.0, float("-inf")], "y": ["a", "b"]})}
    fast = _stable_zip(plain_workbook_parts(tables))  # raises NotPlain if it left them to openpyxl
    assert fast == _stable_zip(_openpyxl_workbook(tables))


def test_tables_the_fast_writer_leaves_to_openpyxl(tmp_path):
    """Dates, decimals and styled sheets still go through openpyxl (number formats, styles)."""
    from decimal import Decimal

    from aicompare.io import write_tables_xlsx
    from aicompare.xlsx import NotPlain, plain_workbook_parts

    dated = pd.DataFrame({"when": pd.to_datetime(["2024-05-01 10:30"]), "amount": [Decimal("1.25")]})
    with pytest.raises(NotPlain):
        plain_workbook_parts({"dated": dated})
    ws = openpyxl.load_workbook(write_tables_xlsx({"dated": dated}, tmp_path / "d.xlsx"))["dated"]
    assert ws["A2"].is_date and ws["A2"].number_format == "YYYY-MM-DD HH:MM:SS" and ws["B2"].value == 1.25

    def bold(name, sheet, table):
        sheet["A1"].font = openpyxl.styles.Font(bold=True)
        sheet.freeze_panes = "A2"

    ws = openpyxl.load_workbook(write_tables_xlsx({"t": pd.DataFrame({"a": ["x"]})}, tmp_path / "s.xlsx",
                                                  format_sheet=bold))["t"]
    assert ws["A1"].font.b and ws.freeze_panes == "A2" and ws["A2"].value == "x"
