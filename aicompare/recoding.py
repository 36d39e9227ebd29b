"""An automatic coding of a corpus beside the review's published domestic counts.

:func:`compare_recoding` takes the ``counts_domestic`` table of :func:`aicompare.survey.parse_survey` and a
document × value matrix (e.g. the one ``aicompare extract`` writes, read with :func:`read_matrix`) and puts
the two codings side by side, as shares since the corpora differ. ``aicompare survey --matrix`` writes the
result as ``survey/recoding.csv``; :func:`aicompare.figures.survey.survey_figures` draws it.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from aicompare.schema import validate


def compare_recoding(counts: pd.DataFrame, matrix: pd.DataFrame, corpus_label: str) -> pd.DataFrame:
    """Put an automatic coding of another corpus beside the published domestic counts.

    ``matrix`` has one row per document: ``doc_id`` and 0/1 columns named by value code
    (``V01`` … as in ``counts``), e.g. the document × value matrix of ``aicompare extract``.
    Returns one row per value with published and recoded counts and shares and both corpus
    labels; ``share_diff`` is recoded minus published share. The corpora differ, so compare shares.
    """
    if "doc_id" not in matrix.columns:
        raise ValueError("matrix lacks the doc_id column")
    if matrix.empty:
        raise ValueError(f"matrix for {corpus_label!r} has no documents")
    dup = matrix["doc_id"][matrix["doc_id"].duplicated()].unique().tolist()
    if dup:
        raise ValueError(f"matrix has repeated doc_id: {', '.join(map(str, dup[:5]))}")
    codes = counts["value_code"].tolist()
    missing = [c for c in codes if c not in matrix.columns]
    if missing:
        raise ValueError(f"matrix lacks value columns: {', '.join(missing)}")
    cells = matrix[codes]
    bad = ~cells.isin([0, 1, True, False]) | cells.isna()
    if bad.to_numpy().any():
        col = bad.any().idxmax()
        docs = matrix.loc[bad[col], "doc_id"].astype(str).tolist()[:5]
        raise ValueError(f"matrix column {col} holds values other than 0/1 (doc_id {', '.join(docs)})")
    n_docs = len(matrix)
    recoded = cells.astype(int).sum()
    doc = counts["doc_id"].iloc[0] if "doc_id" in counts.columns else "report"
    out = counts[["value_no", "value_code", "label_ja", "label_en"]].copy()
    out["published_count"] = counts["count"].to_numpy()
    out["published_n"] = counts["n_guidelines"].to_numpy()
    out["published_share"] = counts["share"].to_numpy()
    out["published_corpus"] = f"{doc} (published hand coding, {int(counts['n_guidelines'].iloc[0])} domestic guidelines)"
    out["recoded_count"] = [int(recoded[c]) for c in codes]
    out["recoded_n"] = n_docs
    out["recoded_share"] = out["recoded_count"] / n_docs
    out["recoded_corpus"] = corpus_label
    out["share_diff"] = out["recoded_share"] - out["published_share"]
    return validate(out.reset_index(drop=True), "survey_recoding")


def read_matrix(path: str | Path) -> pd.DataFrame:
    """Read a document × value matrix written as .csv or .parquet."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"matrix not found: {path}")
    if path.suffix.lower() == ".parquet":
        return pd.read_parquet(path)
    if path.suffix.lower() == ".csv":
        from aicompare.io import unescape_csv_frame

        return unescape_csv_frame(pd.read_csv(path, encoding="utf-8-sig", dtype={"doc_id": str}))
    raise ValueError(f"unsupported matrix format: {path.name} (use .csv or .parquet)")
