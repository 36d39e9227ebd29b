"""Search a corpus: a term, a phrase or a value code, shown as keyword in context.

    hits = search_passages(corpus.passages, "human oversight", documents=corpus.documents)
    hits = search_passages(corpus.passages, "「人間の判断」", documents=corpus.documents)
    hits = search_passages(corpus.passages, "V08", documents=corpus.documents)   # the extractor's evidence

* **Term or phrase** — matched literally (regular-expression characters have no special meaning) on the
  normalised passage text: the query goes through the same NFKC and space folding as the passages, so
  full-width （案） finds (案) and Japanese needs no spaces. Letters match case-insensitively; a query that
  starts or ends with a Latin letter or digit only matches there at a word boundary (``fair`` does not find
  *fairness*, ``AI`` finds 生成AIの but not *said*). White space in a phrase matches any white space.
  Quotes around the whole query ("…", “…”, 「…」, 『…』) are removed (a quoted "V08" is literal text).
* **Value code** (``V01`` … ``V22``) — the passages the extractor (:func:`aicompare.extract.extract_values`)
  codes with that value, with the first matched span as the keyword; pass ``evidence`` to reuse an
  extraction, otherwise the searched passages are extracted.

One row per match (value codes: per evidence passage), ordered by ``doc_id``, then by the passages' order in
the document (:func:`ordered_passages`), then by position — the same rows in the same order for the same
passages, whatever their row order. Columns: :data:`SEARCH_COLUMNS`.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

import pandas as pd

from aicompare.corpus.normalise import normalise_line
from aicompare.schema import SEARCH_COLUMNS
from aicompare.taxonomy import value_codes

DEFAULT_CONTEXT = 60
ELLIPSIS = "…"

_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "'": "'"}
_VALUE_CODE = re.compile(r"^[Vv]\d{1,3}$")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Query:
    """A parsed query: ``kind`` is ``term``, ``phrase`` or ``value``; ``text`` the normalised query."""
    text: str
    kind: str
    pattern: re.Pattern | None = None


def parse_query(query: str) -> Query:
    """Parse a search query (see module doc). Raises ValueError for an empty query or an unknown value code."""
    raw = str(query).strip()
    quoted = len(raw) >= 2 and _QUOTES.get(raw[0]) == raw[-1]
    if quoted:
        raw = raw[1:-1].strip()
    if not quoted and _VALUE_CODE.match(raw):
        code = f"V{int(raw[1:]):02d}"
        codes = value_codes()
        if code not in codes:
            raise ValueError(f"unknown value code {raw} (value codes run {codes[0]}…{codes[-1]})")
        return Query(code, "value")
    text = normalise_line(raw)
    if not text:
        raise ValueError("empty search query")
    kind = "phrase" if re.search(r"\s", text) else "term"
    return Query(text, kind, literal_pattern(text))


def literal_pattern(text: str) -> re.Pattern:
    """The regex for a literal query: escaped, white space as any white space, ASCII word boundaries at the ends."""
    body = r"\s+".join(re.escape(w) for w in text.split())
    left = r"(?<![A-Za-z0-9])" if _ASCII_WORD.match(text[0]) else ""
    right = r"(?![A-Za-z0-9])" if _ASCII_WORD.match(text[-1]) else ""
    return re.compile(left + body + right, re.IGNORECASE)


def check_doc_ids(doc_ids: Iterable[str], known: Iterable[str]) -> list[str]:
    """``doc_ids`` without duplicates, in the order given; ValueError naming any unknown id (with close matches)."""
    known = list(dict.fromkeys(str(k) for k in known))
    wanted = list(dict.fromkeys(str(d) for d in doc_ids))
    bad = [d for d in wanted if d not in set(known)]
    if bad:
        hints = []
        for d in bad:
            close = difflib.get_close_matches(d, known, n=3, cutoff=0.5)
            hints.append(f"'{d}'" + (f" (did you mean {', '.join(close)}?)" if close else ""))
        raise ValueError(f"unknown document id {'; '.join(hints)}; the corpus has {len(known)} documents "
                         f"({', '.join(known[:5])}{', …' if len(known) > 5 else ''})")
    return wanted


def kwic(text: str, start: int, end: int, context: int = DEFAULT_CONTEXT) -> tuple[str, str, str]:
    """``(left, match, right)``: up to ``context`` characters either side of ``text[start:end]``,
    with an ellipsis where the passage was cut."""
    ls = max(0, start - context)
    re_ = min(len(text), end + context)
    left = (ELLIPSIS if ls > 0 else "") + text[ls:start]
    right = text[end:re_] + (ELLIPSIS if re_ < len(text) else "")
    return left, text[start:end], right


def ordered_passages(passages: pd.DataFrame) -> pd.DataFrame:
    """Passages sorted by ``doc_id``, then passage order (the number that ends the ``passage_id``, which ingest
    gives in reading order; then the id itself), whatever the row order of the input; ``order`` = rank in the
    document."""
    df = passages.reset_index(drop=True).copy()
    ids = df["passage_id"].astype(str)
    df["_num"] = pd.to_numeric(ids.str.extract(r"(\d+)$", expand=False), errors="coerce")
    df["_id"] = ids
    df = df.sort_values(["doc_id", "_num", "_id"], kind="stable", na_position="last").drop(columns=["_num", "_id"])
    df["order"] = df.groupby("doc_id", sort=False).cumcount()
    return df


def _select(passages: pd.DataFrame, doc_ids: Sequence[str] | None, lang: str | None,
            documents: pd.DataFrame | None) -> pd.DataFrame:
    if doc_ids:
        known = documents["doc_id"] if documents is not None else passages["doc_id"]
        wanted = check_doc_ids(doc_ids, known)
        passages = passages[passages["doc_id"].isin(wanted)]
    if lang:
        if "lang" not in passages.columns:
            raise ValueError("the passages table has no 'lang' column to filter on")
        passages = passages[passages["lang"] == lang]
    return passages


def _titles(documents: pd.DataFrame | None) -> dict[str, str]:
    if documents is None or "title" not in documents.columns:
        return {}
    return {str(d): str(t) for d, t in zip(documents["doc_id"], documents["title"]) if pd.notna(t) and str(t)}


def _empty() -> pd.DataFrame:
    out = pd.DataFrame(columns=SEARCH_COLUMNS)
    out["page"] = out["page"].astype("Int64")
    return out


def search_passages(
    passages: pd.DataFrame,
    query: str,
    *,
    documents: pd.DataFrame | None = None,
    evidence: pd.DataFrame | None = None,
    doc_ids: Sequence[str] | None = None,
    lang: str | None = None,
    context: int = DEFAULT_CONTEXT,
    limit: int | None = None,
) -> pd.DataFrame:
    """Keyword in context for ``query`` in ``passages`` (see module doc).

    ``documents`` gives titles (and the known doc_ids for ``doc_ids``); ``doc_ids`` restricts the search
    (ValueError for an id not in the corpus); ``lang`` keeps passages of one language; ``limit`` keeps the
    first rows of the ordered result.
    """
    if context < 0:
        raise ValueError(f"context must be 0 or more characters, got {context}")
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be 0 or more, got {limit}")
    q = parse_query(query)
    selected = ordered_passages(_select(passages, doc_ids, lang, documents))
    titles = _titles(documents)
    rows = _value_rows(selected, q, evidence, context) if q.kind == "value" else _literal_rows(selected, q, context)
    if not rows:
        return _empty()
    out = pd.DataFrame(rows)
    out["title"] = [titles.get(d, d) for d in out["doc_id"]]
    out = out.sort_values(["doc_id", "order", "start"], kind="stable")[SEARCH_COLUMNS].reset_index(drop=True)
    out["page"] = out["page"].astype("Int64")
    for c in ("start", "end"):
        out[c] = out[c].astype("int64")
    out["score"] = out["score"].astype("float64")
    return out.head(limit).reset_index(drop=True) if limit is not None else out


def _base(p, q: Query, order: int) -> dict:
    return {"doc_id": p.doc_id, "page": p.page, "section_path": p.section_path, "passage_id": p.passage_id,
            "query": q.text, "query_kind": q.kind, "text": p.text, "order": order}


def _literal_rows(selected: pd.DataFrame, q: Query, context: int) -> list[dict]:
    rows = []
    texts = selected["text"].fillna("").astype(str)
    hit = texts.str.contains(q.pattern, regex=True)
    for p in selected[hit.to_numpy()].itertuples(index=False):
        for m in q.pattern.finditer(p.text):
            left, match, right = kwic(p.text, m.start(), m.end(), context)
            rows.append({**_base(p, q, p.order), "left": left, "match": match, "right": right,
                         "start": m.start(), "end": m.end(), "value_code": None, "score": float("nan")})
    return rows


def first_span(spans: str) -> tuple[int, int]:
    """The first ``start-end`` pair of an evidence row's ``spans``."""
    s, e = str(spans).split(";")[0].split("-")
    return int(s), int(e)


def _value_rows(selected: pd.DataFrame, q: Query, evidence: pd.DataFrame | None, context: int) -> list[dict]:
    if evidence is None:
        from aicompare.extract import extract_values

        evidence = extract_values(selected)
    ev = evidence[(evidence["value_code"] == q.text) & evidence["passage_id"].isin(selected["passage_id"])]
    ev = ev.drop_duplicates("passage_id")
    by_id = selected.set_index("passage_id")
    rows = []
    for e in ev.itertuples(index=False):
        p = by_id.loc[e.passage_id]
        text = str(p["text"])
        s, t = first_span(e.spans)
        left, match, right = kwic(text, s, t, context)
        rows.append({"doc_id": p["doc_id"], "page": p["page"], "section_path": p["section_path"],
                     "passage_id": e.passage_id, "query": q.text, "query_kind": q.kind, "text": text,
                     "order": int(p["order"]), "left": left, "match": match, "right": right, "start": s, "end": t,
                     "value_code": q.text, "score": float(e.score)})
    return rows


def search_summary(hits: pd.DataFrame) -> dict[str, int]:
    """Counts for a one-line summary: matches, passages and documents."""
    return {"matches": len(hits), "passages": int(hits["passage_id"].nunique()) if len(hits) else 0,
            "documents": int(hits["doc_id"].nunique()) if len(hits) else 0}
