"""The analyst's review loop: reviewed decisions that override the machine coding, and what to review first.

A reviews file (CSV, versioned with the analyst's project; default ``data/reviews.csv``) has one row per
decision: ``doc_id, value_code, passage_id, quote, decision, reviewer, note``. ``decision`` is

* ``accept`` — the value is addressed (with ``passage_id``: that passage is confirmed as evidence);
* ``reject`` — with ``passage_id``: that passage does not support the value (its evidence row is dropped and
  the cell is decided again from the remaining passages by the document rule); without: the document does not
  address the value (the cell becomes 0 and its evidence rows are dropped);
* ``add`` — the value is addressed, evidenced by ``passage_id`` or by ``quote`` (the passage containing the
  quote is found in the document's passages when they are given; else the quote itself is the evidence).

:func:`apply_reviews` is a pure function of (evidence, decisions, reviews[, passages]); every reviewed cell
gets ``status`` ``reviewed`` (with the reviewer and note), every other cell stays ``machine``. Later rows win
over earlier ones for the same cell. :func:`review_queue` lists the machine decisions that most need a look
(weakest first), :func:`cell_context` the evidence of one cell in context.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from aicompare.extract import decide, document_rule
from aicompare.paths import default_reviews_path  # noqa: F401  (the reviews file's home, re-exported)
from aicompare.schema import EVIDENCE_COLUMNS
from aicompare.taxonomy import value_codes

REVIEW_COLUMNS = ["doc_id", "value_code", "passage_id", "quote", "decision", "reviewer", "note"]
DECISIONS = ("accept", "reject", "add")


def read_reviews(path: str | Path) -> pd.DataFrame:
    """Read and check a reviews CSV (``REVIEW_COLUMNS``; ``passage_id``, ``quote``, ``reviewer``, ``note`` optional).

    Raises ``ValueError`` naming the file and row for a missing column, an unknown decision or value code.
    """
    path = Path(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except Exception as exc:  # noqa: BLE001 - any unreadable file is reported the same way
        raise ValueError(f"{path}: cannot be read as a reviews CSV ({type(exc).__name__}: {exc})") from exc
    return check_reviews(df, str(path))


def check_reviews(df: pd.DataFrame, source: str = "reviews") -> pd.DataFrame:
    missing = [c for c in ("doc_id", "value_code", "decision") if c not in df.columns]
    if missing:
        raise ValueError(f"{source}: missing columns {', '.join(missing)} (needs {', '.join(REVIEW_COLUMNS)})")
    df = df.copy()
    for c in REVIEW_COLUMNS:
        df[c] = df[c].fillna("").astype(str).str.strip() if c in df.columns else ""
    df["decision"] = df["decision"].str.lower()
    codes = set(value_codes())
    for i, r in enumerate(df.itertuples(index=False), start=2):
        if r.decision not in DECISIONS:
            raise ValueError(f"{source}, line {i}: decision {r.decision!r} is not one of {', '.join(DECISIONS)}")
        if r.value_code not in codes:
            raise ValueError(f"{source}, line {i}: unknown value code {r.value_code!r}")
        if r.decision == "add" and not (r.passage_id or r.quote):
            raise ValueError(f"{source}, line {i}: 'add' needs a passage_id or a quote")
    return df[REVIEW_COLUMNS].reset_index(drop=True)


def _evidence_row(doc_id: str, code: str, passage_id: str, quote: str, passages: pd.DataFrame | None) -> dict:
    """An evidence row for an added decision (from the passage when it can be found)."""
    row = {c: "" for c in EVIDENCE_COLUMNS}
    row.update({"doc_id": doc_id, "value_code": code, "passage_id": passage_id, "page": pd.NA, "score": 0.0,
                "matched": quote, "text": quote, "spans": "", "status": "reviewed"})
    if passages is not None and len(passages):
        own = passages[passages["doc_id"].astype(str) == doc_id]
        hit = own[own["passage_id"].astype(str) == passage_id] if passage_id else own.iloc[0:0]
        if hit.empty and quote:
            hit = own[own["text"].astype(str).str.contains(quote, regex=False)]
        if len(hit):
            p = hit.iloc[0]
            text = str(p["text"])
            start = text.find(quote) if quote else -1
            row.update({"passage_id": str(p["passage_id"]), "page": p.get("page", pd.NA),
                        "section_path": p.get("section_path", ""), "text": text,
                        "spans": f"{start}-{start + len(quote)}" if start >= 0 else ""})
    return row


def apply_reviews(evidence: pd.DataFrame, decisions: pd.DataFrame, reviews: pd.DataFrame,
                  passages: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Evidence and decisions with the analyst's reviews applied (inputs are not modified).

    ``evidence``: ``EVIDENCE_COLUMNS`` (machine evidence); ``decisions``: the long table of
    :func:`aicompare.extract.document_decisions`; ``reviews``: :func:`read_reviews` rows; ``passages``
    (optional) to find added passages and quotes. Reviews of documents not in ``decisions`` are ignored.
    The matrix follows with :func:`aicompare.extract.decision_matrix`.
    """
    reviews = check_reviews(reviews) if len(reviews) else pd.DataFrame(columns=REVIEW_COLUMNS)
    ev = evidence.copy()
    if "status" not in ev.columns:
        ev["status"] = "machine"
    dec = decisions.copy()
    dec["reviewer"] = dec.get("reviewer", "")
    dec["note"] = dec.get("note", "")
    dec["status"] = dec.get("status", "machine")
    index = {(d, c): i for i, (d, c) in enumerate(zip(dec["doc_id"].astype(str), dec["value_code"]))}
    rule = document_rule()
    added: list[dict] = []
    for r in reviews.itertuples(index=False):
        key = (r.doc_id, r.value_code)
        if key not in index:
            continue
        i = dec.index[index[key]]
        cell = (ev["doc_id"].astype(str) == r.doc_id) & (ev["value_code"] == r.value_code)
        if r.decision == "reject" and r.passage_id:
            ev = ev[~(cell & (ev["passage_id"].astype(str) == r.passage_id))]
            added = [a for a in added if not (a["doc_id"] == r.doc_id and a["value_code"] == r.value_code
                                              and a["passage_id"] == r.passage_id)]
            rest = ev[(ev["doc_id"].astype(str) == r.doc_id) & (ev["value_code"] == r.value_code)]
            n_add = sum(a["doc_id"] == r.doc_id and a["value_code"] == r.value_code for a in added)
            if n_add:
                addressed = True
            else:
                addressed, _ = decide(len(rest), int(dec.at[i, "n_doc_passages"]),
                                      float(rest["score"].max()) if len(rest) else 0.0, rule)
            dec.at[i, "addressed"] = bool(addressed) and bool(dec.at[i, "coded"])
            dec.at[i, "n_passages"] = len(rest) + n_add
        elif r.decision == "reject":
            ev = ev[~cell]
            added = [a for a in added if not (a["doc_id"] == r.doc_id and a["value_code"] == r.value_code)]
            dec.at[i, "addressed"] = False
        else:  # accept / add: the analyst says the value is addressed
            if r.decision == "add" or (r.passage_id and not (cell & (ev["passage_id"].astype(str) == r.passage_id)).any()):
                row = _evidence_row(r.doc_id, r.value_code, r.passage_id, r.quote, passages)
                if not (cell & (ev["passage_id"].astype(str) == row["passage_id"])).any() or not row["passage_id"]:
                    added.append(row)
            if r.passage_id:
                ev.loc[cell & (ev["passage_id"].astype(str) == r.passage_id), "status"] = "reviewed"
            dec.at[i, "addressed"] = True
        dec.at[i, "status"] = "reviewed"
        dec.at[i, "strength"] = "reviewed" if dec.at[i, "addressed"] else "rejected"
        dec.at[i, "reviewer"] = r.reviewer
        dec.at[i, "note"] = r.note
    if added:
        ev = pd.concat([ev, pd.DataFrame(added, columns=ev.columns)], ignore_index=True)
        for a in added:
            i = dec.index[index[(a["doc_id"], a["value_code"])]]
            dec.at[i, "n_passages"] = int(((ev["doc_id"].astype(str) == a["doc_id"]) & (ev["value_code"] == a["value_code"])).sum())
    # a rejected or not-addressed cell keeps no evidence only when the analyst rejected it outright;
    # machine evidence below the document rule stays visible (weak evidence)
    ev = ev.sort_values(["doc_id", "passage_id", "value_code"], kind="stable").reset_index(drop=True)
    ev["page"] = ev["page"].astype("Int64")
    ev["score"] = ev["score"].astype("float64")
    dec["addressed"] = dec["addressed"].astype(bool)
    return ev, dec


def review_queue(decisions: pd.DataFrame, limit: int | None = 30) -> pd.DataFrame:
    """Machine decisions that most need review, weakest first.

    First the cells with weak evidence (supporting passages below the document rule: a 0 that might be a 1),
    then the addressed cells by increasing number of passages and strongest score (a 1 resting on one passage
    is the likeliest false positive). Reviewed and not-coded cells are left out.
    """
    d = decisions[(decisions["status"] == "machine") & decisions["coded"].astype(bool) & (decisions["n_passages"] > 0)]
    order = d.assign(_k=d["strength"].map({"weak": 0, "moderate": 1, "strong": 2}).fillna(3))
    order = order.sort_values(["_k", "n_passages", "max_score", "share", "doc_id", "value_code"], kind="stable")
    order = order.drop(columns="_k").reset_index(drop=True)
    return order.head(limit) if limit else order


def cell_context(doc_id: str, value_code: str, evidence: pd.DataFrame, passages: pd.DataFrame,
                 documents: pd.DataFrame | None = None, neighbours: int = 1) -> list[dict]:
    """The evidence of one cell in context: for each evidence passage, its neighbours, page, section, file."""
    ev = evidence[(evidence["doc_id"].astype(str) == doc_id) & (evidence["value_code"] == value_code)]
    own = passages[passages["doc_id"].astype(str) == doc_id].reset_index(drop=True)
    pos = {str(p): i for i, p in enumerate(own["passage_id"])}
    path = ""
    if documents is not None and "path" in documents.columns:
        hit = documents.loc[documents["doc_id"].astype(str) == doc_id, "path"]
        path = str(hit.iloc[0]) if len(hit) else ""
    out = []
    for r in ev.to_dict("records"):
        i = pos.get(str(r["passage_id"]))
        before = own.iloc[max(0, i - neighbours):i]["text"].tolist() if i is not None else []
        after = own.iloc[i + 1:i + 1 + neighbours]["text"].tolist() if i is not None else []
        out.append({"passage_id": r["passage_id"], "page": r.get("page"), "section_path": r.get("section_path", ""),
                    "file": path, "score": r.get("score"), "matched": r.get("matched", ""), "spans": r.get("spans", ""),
                    "status": r.get("status", "machine"), "before": before, "text": r["text"], "after": after})
    return out
