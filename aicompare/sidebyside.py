"""Two or more guidelines side by side (``aicompare.sidebyside``, so that ``from aicompare import side_by_side``
gives the function, not this module): for each of the 22 values, whether each document addresses it, how
strongly, and its best quote.

    long = side_by_side_long(documents, passages, evidence, ["oecd_ai_recommendation_2019_en",
                                                             "ai_guidelines_for_business_v1_01_draft_ja"])
    table = side_by_side(documents, passages, evidence, doc_ids)       # parallel columns, titles in headers
    html = side_by_side_html(documents, passages, evidence, doc_ids)   # one self-contained HTML table

* **addressed** — the document has at least one passage supporting the value (as in
  :func:`aicompare.extract.value_matrix`);
* **strength** — the number of supporting passages and their share of the document's passages;
* **best quote** — the strongest evidence passage: statements (sentences, bullets, footnotes) before headings
  and table rows, then the highest score, then the first in the document; trimmed around its first matched
  span, with page, section path and passage id.

``evidence`` is the output of :func:`aicompare.extract.extract_values`; when ``None`` the selected documents'
passages are extracted. Column headers and HTML wording come from ``aicompare/data/side_by_side_labels.csv``.
"""
from __future__ import annotations

import html as _html
from functools import lru_cache
from importlib import resources
from typing import Sequence

import pandas as pd

from aicompare.schema import SIDE_BY_SIDE_COLUMNS
from aicompare.search import ordered_passages, check_doc_ids, first_span, kwic
from aicompare.taxonomy import load_values

LANGS = ("ja", "en")
# Passage kinds in the order they are preferred as a quote (a sentence says more than a heading or a table row).
QUOTE_KIND_RANK = {"sentence": 0, "bullet": 0, "footnote": 0, "heading": 1, "table": 2}
QUOTE_CONTEXT = 80
LONG_COLUMNS = SIDE_BY_SIDE_COLUMNS
# Per-document fields of the wide table, in order, with their wording key.
WIDE_FIELDS = [
    ("addressed", "field_addressed"), ("n_passages", "field_passages"), ("share", "field_share"),
    ("quote", "field_quote"), ("page", "field_page"), ("section_path", "field_section"),
    ("passage_id", "field_passage_id"),
]


@lru_cache(maxsize=1)
def _labels() -> pd.DataFrame:
    with resources.files("aicompare.data").joinpath("side_by_side_labels.csv").open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False).set_index("key")


def wording(key: str, lang: str = "ja") -> str:
    """One piece of side-by-side wording in ``lang`` (``ja`` or ``en``)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} (use {' or '.join(LANGS)})")
    return str(_labels().loc[key, lang])


def document_titles(documents: pd.DataFrame, doc_ids: Sequence[str]) -> dict[str, str]:
    """Header titles for ``doc_ids``: the document title (the doc_id when it has none); a title shared by two
    selected documents gets the doc_id in brackets so that headers stay distinct."""
    titles = {}
    by_id = documents.drop_duplicates("doc_id").set_index("doc_id")
    for d in doc_ids:
        t = by_id["title"].get(d) if "title" in by_id.columns else None
        titles[d] = str(t).strip() if t is not None and pd.notna(t) and str(t).strip() else d
    counts = pd.Series(list(titles.values())).value_counts()
    return {d: (f"{t} ({d})" if counts[t] > 1 else t) for d, t in titles.items()}


def _selection(documents: pd.DataFrame, doc_ids: Sequence[str]) -> list[str]:
    wanted = check_doc_ids(doc_ids, documents["doc_id"])
    if len(wanted) < 2:
        raise ValueError(f"side by side needs at least two different documents, got {len(wanted)}")
    return wanted


def side_by_side_long(
    documents: pd.DataFrame,
    passages: pd.DataFrame,
    evidence: pd.DataFrame | None,
    doc_ids: Sequence[str],
    *,
    context: int = QUOTE_CONTEXT,
) -> pd.DataFrame:
    """One row per (value, document) in the order values × ``doc_ids`` (columns :data:`LONG_COLUMNS`)."""
    wanted = _selection(documents, doc_ids)
    selected = ordered_passages(passages[passages["doc_id"].isin(wanted)])
    if evidence is None:
        from aicompare.extract import extract_values

        evidence = extract_values(selected.drop(columns="order"))
    ev = evidence[evidence["doc_id"].isin(wanted)].drop_duplicates(["value_code", "passage_id"])
    order = dict(zip(selected["passage_id"], selected["order"]))
    texts = dict(zip(selected["passage_id"], selected["text"]))
    kinds = dict(zip(selected["passage_id"], selected["kind"])) if "kind" in selected.columns else {}
    ev = ev.assign(order=ev["passage_id"].map(order),
                   kind_rank=ev["passage_id"].map(lambda p: QUOTE_KIND_RANK.get(kinds.get(p), 3)))
    n_doc = selected.groupby("doc_id").size()
    titles = document_titles(documents, wanted)
    groups = {k: g for k, g in ev.groupby(["value_code", "doc_id"], sort=False)}
    rows = []
    for v in load_values().itertuples(index=False):
        for d in wanted:
            g = groups.get((v.code, d))
            total = int(n_doc.get(d, 0))
            row = {"value_code": v.code, "label_ja": v.label_ja, "label_en": v.label_en, "doc_id": d,
                   "title": titles[d], "addressed": g is not None, "n_passages": 0 if g is None else len(g),
                   "n_doc_passages": total, "score": float("nan"), "quote": "", "left": "", "match": "",
                   "right": "", "page": pd.NA, "section_path": "", "passage_id": ""}
            if g is not None:
                best = g.sort_values(["kind_rank", "score", "order"], ascending=[True, False, True], kind="stable").iloc[0]
                text = str(texts.get(best["passage_id"], best["text"]))
                left, match, right = kwic(text, *first_span(best["spans"]), context)
                row.update(score=float(best["score"]), quote=left + match + right, left=left, match=match,
                           right=right, page=best["page"], section_path=str(best["section_path"] or ""),
                           passage_id=str(best["passage_id"]))
            row["share"] = round(row["n_passages"] / total, 4) if total else 0.0
            rows.append(row)
    out = pd.DataFrame(rows, columns=LONG_COLUMNS)
    out["page"] = out["page"].astype("Int64")
    out["n_passages"] = out["n_passages"].astype("int64")
    out["n_doc_passages"] = out["n_doc_passages"].astype("int64")
    return out


def wide_table(long: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """The long table as parallel columns: code, value, then for each document ``<title>: <field>``."""
    label = "label_ja" if lang == "ja" else "label_en"
    first = long.drop_duplicates("value_code")
    out = pd.DataFrame({wording("col_code", lang): first["value_code"].to_numpy(),
                        wording("col_value", lang): first[label].to_numpy()})
    yes, no = wording("yes", lang), wording("no", lang)
    for d in dict.fromkeys(long["doc_id"]):
        part = long[long["doc_id"] == d].reset_index(drop=True)
        title = part["title"].iloc[0]
        for field, key in WIDE_FIELDS:
            col = part[field].map({True: yes, False: no}) if field == "addressed" else part[field]
            out[f"{title}: {wording(key, lang)}"] = col.to_numpy()
    return out


def side_by_side(
    documents: pd.DataFrame,
    passages: pd.DataFrame,
    evidence: pd.DataFrame | None,
    doc_ids: Sequence[str],
    *,
    lang: str = "ja",
    context: int = QUOTE_CONTEXT,
) -> pd.DataFrame:
    """For each of the 22 values, parallel columns per document (titles in the headers): addressed, supporting
    passages, their share, the best quote with page, section and passage id."""
    wording("yes", lang)  # checks lang before any work
    return wide_table(side_by_side_long(documents, passages, evidence, doc_ids, context=context), lang)


_CSS = """body{font-family:system-ui,-apple-system,"Hiragino Sans","Noto Sans CJK JP","Yu Gothic",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #ccc;padding:.45em .6em;vertical-align:top;text-align:left;font-size:.9em}
thead th{background:#f4f4f4;position:sticky;top:0}
th.value{width:13em}
td.yes{background:#fde6ee}
td.no{color:#888;background:#fafafa}
.strength{font-weight:600}
.quote{margin:.35em 0;font-size:.92em}
.where{color:#666;font-size:.85em}
mark{background:#f9c0d3;padding:0 .1em}
.docid{font-weight:400;color:#666;font-size:.8em}
p.note{color:#444;max-width:60em}"""


def _cell(row: pd.Series, lang: str) -> str:
    e = _html.escape
    if not row["addressed"]:
        return f'<td class="no">{e(wording("not_addressed", lang))}</td>'
    where = []
    if pd.notna(row["page"]):
        where.append(f"{wording('page_prefix', lang)}{int(row['page'])}")
    if row["section_path"]:
        where.append(str(row["section_path"]))
    where.append(str(row["passage_id"]))
    unit = wording("passage_unit" if row["n_passages"] == 1 else "passages_unit", lang)
    return (f'<td class="yes"><div class="strength">{int(row["n_passages"])} {e(unit)}'
            f' ({row["share"]:.1%})</div><div class="quote">{e(row["left"])}<mark>{e(row["match"])}</mark>'
            f'{e(row["right"])}</div><div class="where">{e(" · ".join(where))}</div></td>')


def long_to_html(long: pd.DataFrame, lang: str = "ja") -> str:
    """A self-contained HTML page (inline CSS, no scripts) with one table: values × documents."""
    e = _html.escape
    label = "label_ja" if lang == "ja" else "label_en"
    docs = long.drop_duplicates("doc_id")[["doc_id", "title"]]
    heads = "".join(f'<th>{e(t)}<br><span class="docid">{e(d)}</span></th>' for d, t in docs.itertuples(index=False))
    body = []
    for code, g in long.groupby("value_code", sort=False):
        cells = "".join(_cell(r, lang) for _, r in g.iterrows())
        body.append(f'<tr><th class="value">{e(code)} {e(str(g[label].iloc[0]))}</th>{cells}</tr>')
    title = wording("html_title", lang)
    names = " / ".join(docs["title"])
    return (f'<!DOCTYPE html>\n<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{e(title)}: {e(names)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n"
            f"<h1>{e(title)}</h1>\n<p class=\"note\">{e(wording('html_note', lang))}</p>\n"
            f'<table>\n<thead><tr><th class="value">{e(wording("col_value", lang))}</th>{heads}</tr></thead>\n'
            f"<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n</body>\n</html>\n")


def side_by_side_html(
    documents: pd.DataFrame,
    passages: pd.DataFrame,
    evidence: pd.DataFrame | None,
    doc_ids: Sequence[str],
    *,
    lang: str = "ja",
    context: int = QUOTE_CONTEXT,
) -> str:
    """The side-by-side view as one self-contained HTML page (all text escaped with :func:`html.escape`)."""
    wording("yes", lang)
    return long_to_html(side_by_side_long(documents, passages, evidence, doc_ids, context=context), lang)
