"""Table schemas (aicompare.schema_checks): real tables pass, and each kind of break is reported by name."""
import pytest

from aicompare.schema import validate
from aicompare.schema_checks import SchemaError


@pytest.fixture(scope="module")
def tables(seed_ingest):
    return seed_ingest.documents, seed_ingest.passages


def test_ingested_tables_pass_their_schemas(tables):
    documents, passages = tables
    assert validate(documents, "documents") is not None and validate(passages, "passages") is not None


@pytest.mark.parametrize("table, column, value, message", [
    ("passages", "kind", "weird", "column 'kind' values not one of"),
    ("passages", "char_start", -3, "column 'char_start' values not greater than or equal to 0: -3"),
    ("passages", "text", "", "column 'text' values not at least 1 characters long"),
    ("passages", "passage_id", None, "column 'passage_id' has 1 missing values"),
    ("documents", "source_type", "pdf2", "column 'source_type' values not one of"),
    ("documents", "n_chars", -1, "column 'n_chars' values not greater than or equal to 0"),
])
def test_a_broken_cell_is_named(tables, table, column, value, message):
    frame = (tables[0] if table == "documents" else tables[1]).copy()
    frame.loc[frame.index[0], column] = value
    with pytest.raises(SchemaError, match=f"^{table} table: .*{message}".replace("(", r"\(")):
        validate(frame, table)


def test_duplicates_types_and_cross_column_checks(tables):
    documents, passages = tables
    dup = documents.copy()
    dup.loc[dup.index[1], "doc_id"] = dup.loc[dup.index[0], "doc_id"]
    with pytest.raises(SchemaError, match="column 'doc_id' has duplicates"):
        validate(dup, "documents")
    wrong_type = passages.assign(char_start=passages["char_start"].astype("float64"))
    with pytest.raises(SchemaError, match="column 'char_start' has dtype float64, expected Int64"):
        validate(wrong_type, "passages")
    crossed = passages.copy()
    crossed.loc[crossed.index[0], "char_end"] = crossed.loc[crossed.index[0], "char_start"] - 1
    with pytest.raises(SchemaError, match="check failed: char_end < char_start"):
        validate(crossed, "passages")
    with pytest.raises(ValueError, match="lacks columns: text"):
        validate(passages.drop(columns="text"), "passages")
