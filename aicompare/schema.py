"""Column definitions and validators for aicompare's tables (one place for all of them).

Each table has an ordered column list (the order written to disk) and a schema of its columns' types and values
(in ``aicompare.schema_checks``).
``validate(df, "passages")`` checks a frame and returns it with columns in canonical order.
The data dictionary in ``docs/data_dictionary.md`` describes every column.
"""
from __future__ import annotations

from aicompare.lazy import LazyModule

pd = LazyModule("pandas")  # imported on first use: the ingest command writes its tables without pandas

DOCUMENT_COLUMNS = [
    "doc_id", "title", "path", "sha256", "lang", "n_pages", "n_chars", "n_passages",
    "source_type", "publisher", "country", "publisher_type", "year", "role",
]
PASSAGE_COLUMNS = [
    "doc_id", "passage_id", "page", "section_path", "heading", "kind",
    "text", "text_raw", "lang", "char_start", "char_end",
]
ISSUE_COLUMNS = ["path", "doc_id", "severity", "code", "message"]
# Value extraction (aicompare.extract): one evidence row per supporting passage; ``spans`` are the
# ``start-end`` character offsets of the matched terms in ``text``. The value matrix is doc_id + V01…V22.
# ``status``: ``machine`` or ``reviewed`` (a passage the analyst accepted or added, aicompare.review).
EVIDENCE_COLUMNS = ["doc_id", "value_code", "passage_id", "page", "section_path", "score", "matched", "text", "spans",
                    "status"]

# Search (aicompare.search): one row per match, keyword in context; side by side (aicompare.sidebyside): one row
# per (value, document) before the table is laid out in parallel columns.
SEARCH_COLUMNS = [
    "doc_id", "title", "page", "section_path", "passage_id", "left", "match", "right",
    "start", "end", "query", "query_kind", "value_code", "score", "text",
]
SIDE_BY_SIDE_COLUMNS = [
    "value_code", "label_ja", "label_en", "doc_id", "title", "addressed", "n_passages", "n_doc_passages", "share",
    "score", "quote", "left", "match", "right", "page", "section_path", "passage_id",
]

PUBLISHER_TYPES = ["government", "industry_body", "company", "other"]

# Tables parsed from the 2022 review report (aicompare.survey). Evidence columns last: doc_id, line (1-based
# line of the report text) and, when the report's ingested passages are given, passage_id, page, section_path.
SURVEY_VALUE_COLUMNS = [
    "value_no", "value_code", "label_ja", "label_ja_domestic", "label_en", "label_en_domestic",
    "labels_differ", "label_note", "new_in_2022", "baseline_source", "doc_id", "line", "line_domestic",
    "passage_id", "page", "section_path",
]
SURVEY_COUNT_COLUMNS = [
    "value_no", "value_code", "label_ja", "label_en", "count", "n_guidelines", "share", "over_half", "doc_id", "line",
    "passage_id", "page", "section_path",
]
SURVEY_PUBLISHER_COLUMNS = [
    "publisher_no", "name", "name_as_printed", "list_row", "list_column", "marker", "note", "name_note", "doc_id", "line",
    "passage_id", "page", "section_path",
]
SURVEY_SCOPE_COLUMNS = [
    "survey", "category", "name", "name_en", "publisher_type", "count", "marker", "note", "doc_id", "line",
    "passage_id", "page", "section_path",
]
SURVEY_FINDING_COLUMNS = [
    "finding_no", "text", "claim", "value_codes", "doc_id", "line", "passage_id", "page", "section_path",
]
SURVEY_RECODING_COLUMNS = [
    "value_no", "value_code", "label_ja", "label_en", "published_count", "published_n", "published_share",
    "published_corpus", "recoded_count", "recoded_n", "recoded_share", "recoded_corpus", "share_diff",
]

COLUMNS = {
    "documents": DOCUMENT_COLUMNS,
    "passages": PASSAGE_COLUMNS,
    "issues": ISSUE_COLUMNS,
    "survey_values": SURVEY_VALUE_COLUMNS,
    "survey_counts": SURVEY_COUNT_COLUMNS,
    "survey_publishers": SURVEY_PUBLISHER_COLUMNS,
    "survey_scope": SURVEY_SCOPE_COLUMNS,
    "survey_findings": SURVEY_FINDING_COLUMNS,
    "survey_recoding": SURVEY_RECODING_COLUMNS,
}
COLUMNS["evidence"] = EVIDENCE_COLUMNS

# --- coverage against the business guideline (aicompare.coverage)
COVERAGE_VALUE_COLUMNS = [
    "value_code", "label_ja", "n_passages", "principles", "parts", "covered", "first_location",
    "first_passage_id", "targets", "anchors_found", "relation", "domestic_2022", "note",
]
COVERAGE_DOCUMENT_COLUMNS = [
    "doc_id", "principle_no", "subitem", "covered", "score", "evidence_passage_ids", "principle_label", "subitem_label",
]
COVERAGE_EVIDENCE_COLUMNS = ["doc_id", "passage_id", "page", "section_path", "principle_no", "subitem", "matched", "text"]
COLUMNS.update({"coverage_values": COVERAGE_VALUE_COLUMNS, "coverage_documents": COVERAGE_DOCUMENT_COLUMNS,
                "coverage_evidence": COVERAGE_EVIDENCE_COLUMNS})


def empty(table: str) -> pd.DataFrame:
    """An empty frame with the table's columns."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS[table]})


def validate(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Validate ``df`` against the table's schema; return it with canonical column order first."""
    cols = COLUMNS[table]
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ValueError(f"{table} table lacks columns: {', '.join(missing)}")
    df = df[cols + [c for c in df.columns if c not in cols]]
    from aicompare.schema_checks import SCHEMAS

    schema = SCHEMAS.get(table)
    return schema.validate(df, table) if schema is not None else df


# ---- overseas comparison and clustering (aicompare.compare, aicompare.cluster)
COMPARE_COLUMNS = ["by", "group", "value", "count", "n_documents", "share", "over_half"]
COMPARE_EVIDENCE_COLUMNS = ["by", "group", "value", "doc_id", "passage_id", "page", "section_path"]
SELECTION_COLUMNS = ["doc_id", "scope_entity", "in_area", "in_period", "publisher_ok", "selected"]
PREVALENCE_COLUMNS = ["value", "overseas_count", "overseas_n", "overseas_share",
                      "domestic_count", "domestic_n", "domestic_share", "difference"]
CLUSTER_DOCUMENT_COLUMNS = ["doc_id", "view", "cluster", "silhouette"]
CLUSTER_SUMMARY_COLUMNS = ["view", "cluster", "size", "silhouette", "dominant_values", "dominant_publisher_types",
                           "dominant_regions", "top_terms", "example_documents"]
COLUMNS.update({
    "compare": COMPARE_COLUMNS, "compare_evidence": COMPARE_EVIDENCE_COLUMNS, "selection": SELECTION_COLUMNS, "prevalence": PREVALENCE_COLUMNS,
    "clusters_documents": CLUSTER_DOCUMENT_COLUMNS, "clusters_summary": CLUSTER_SUMMARY_COLUMNS,
})
