import time

import pandas as pd

from aicompare.io import write_table, write_tables_xlsx


def test_tables_are_written_atomically_and_identically(tmp_path):
    df = pd.DataFrame({"value_code": ["V13", "V14"], "label_ja": ["プライバシー", "公平性"], "count": [21, 21]})
    for suffix in ("csv", "parquet", "xlsx", "jsonl"):
        a = write_table(df, tmp_path / f"a.{suffix}").read_bytes()
        time.sleep(1.1)  # xlsx stores times with 1 s resolution
        b = write_table(df, tmp_path / f"a.{suffix}").read_bytes()
        assert a == b, suffix
    x1 = write_tables_xlsx({"counts": df, "other": df}, tmp_path / "t.xlsx").read_bytes()
    time.sleep(1.1)
    x2 = write_tables_xlsx({"counts": df, "other": df}, tmp_path / "t.xlsx").read_bytes()
    assert x1 == x2
    back = pd.read_excel(tmp_path / "t.xlsx", sheet_name="counts")
    assert back["label_ja"].tolist() == ["プライバシー", "公平性"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert write_table(df, tmp_path / "x.csv", bom=True).read_bytes().startswith(b"\xef\xbb\xbf")


def test_workbooks_hold_text_with_xml_non_characters(tmp_path):
    """pdfium's U+FFFE soft-hyphen marker and other non-characters must not stop a workbook being written."""
    import openpyxl
    import pandas as pd

    from aicompare.io import write_tables_xlsx

    text = "deployment in high\ufffe risk settings\x1b and \uffff more"
    book = write_tables_xlsx({"evidence": pd.DataFrame({"text": [text]})}, tmp_path / "t.xlsx")
    value = openpyxl.load_workbook(book)["evidence"]["A2"].value
    assert "high" in value and "risk settings" in value and "\ufffe" not in value and "\x1b" not in value
