"""Agreement of the value extractor with human coding, beside a naive baseline.

(a) **WAIE development subset** (document level): each document's text is its principle passages with
    the ``#Principle:`` headings removed; WAIE's principle labels become value codes through
    ``taxonomy/crosswalks/waie_to_values.csv`` (column ``evaluate_as`` says which values WAIE labels
    unambiguously and how they are scored; safety, security and robustness are scored together).
(b) **Business guideline seed** (passage level): the sentences and bullets of 第2部 C. 共通の指針 are
    labelled by the principle they stand under; ``taxonomy/crosswalks/business_guideline_sections.csv``
    says which values each principle and sub-item expresses. A passage is predicted to belong to a
    principle when the extractor finds one of that principle's values in it.

The baseline is one short regular expression per value (``taxonomy/baseline.csv``) matched anywhere in
a passage. Both are scored by precision, recall and F1 per item and by their macro average; the
confusions and the worst errors are listed with their passages so the lexicon can be improved with
evidence.

WAIE reading: the file is read and its ``doc_id``s made by the one WAIE reader
(:func:`aicompare.corpus.waie.read_waie_table`); ``_read_waie_dev`` then cuts each row into labelled
sentence passages, since evaluation needs the principle of every passage and the labels a heading adds.
The held-out split (:func:`waie_half`) is keyed on the row's position in the development file
(``waie_<row>``, 3 digits), the key the lexicon was first tuned against, so the tuning half stays the same.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from aicompare.corpus.fetch import WAIE_DEV_FILE
from aicompare.corpus.normalise import compact_key, nfkc
from aicompare.extract import is_bibliographic, score_passages
from aicompare.taxonomy import load_baseline, load_crosswalk

METRIC_COLUMNS = ["item", "n_gold", "tp", "fp", "fn", "precision", "recall", "f1",
                  "baseline_precision", "baseline_recall", "baseline_f1"]
_HEADING = re.compile(r"#\s*([^#:\n]{2,100}?)\s*:")


@dataclass
class Evaluation:
    """One evaluation: per-item metrics (extractor beside baseline), errors and confusions."""

    name: str
    unit: str                                   # "document" or "passage"
    metrics: pd.DataFrame                       # METRIC_COLUMNS, one row per item
    errors: pd.DataFrame                        # worst errors with their passages
    confusions: pd.DataFrame                    # where false positives come from
    notes: list[str] = field(default_factory=list)
    halves: pd.DataFrame | None = None          # WAIE only: per-item metrics on each half (column ``half``)

    @property
    def macro_f1(self) -> float:
        return float(self.metrics["f1"].mean())

    @property
    def baseline_macro_f1(self) -> float:
        return float(self.metrics["baseline_f1"].mean())


# ---------------------------------------------------------------- metrics


def prf(gold: pd.Series, pred: pd.Series) -> dict[str, float | int]:
    """Precision, recall, F1 and counts for two aligned boolean series (0 when undefined)."""
    g, p = gold.astype(bool).to_numpy(), pred.astype(bool).to_numpy()
    tp, fp, fn = int((g & p).sum()), int((~g & p).sum()), int((g & ~p).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"n_gold": int(g.sum()), "tp": tp, "fp": fp, "fn": fn,
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _metric_row(item: str, gold: pd.Series, pred: pd.Series, base: pd.Series) -> dict:
    row = {"item": item, **prf(gold, pred)}
    b = prf(gold, base)
    row.update({"baseline_precision": b["precision"], "baseline_recall": b["recall"], "baseline_f1": b["f1"]})
    return row


def baseline_values(passages: pd.DataFrame) -> pd.DataFrame:
    """The naive baseline: (doc_id, passage_id, value_code) wherever a value's one regex matches."""
    rows = []
    base = load_baseline()
    pats = [(c, re.compile(p)) for c, p in zip(base["value_code"], base["pattern"])]
    for doc_id, pid, text in zip(passages["doc_id"], passages["passage_id"], passages["text"].astype(str)):
        for code, pat in pats:
            if pat.search(text):
                rows.append((doc_id, pid, code))
    return pd.DataFrame(rows, columns=["doc_id", "passage_id", "value_code"])


# ---------------------------------------------------------------- (a) WAIE, document level


def default_waie_path() -> Path | None:
    """``../shared/corpora/waie/waie_dev.parquet`` beside the project, if present
    (:func:`aicompare.corpus.fetch.locate_waie_dev`)."""
    from aicompare.corpus.fetch import locate_waie_dev

    return locate_waie_dev()


def _canonical_principle(name: str, principles: list[str]) -> str | None:
    """Map a heading variant (``Justice/Equity``) to the WAIE principle it abbreviates."""
    name = name.strip()
    if name in principles:
        return name
    hits = [p for p in principles if p.startswith(name)]
    return hits[0] if len(hits) == 1 else None


def _read_waie_dev(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """WAIE rows → (labels, passages) for evaluation.

    labels: doc_id, document_name, principle (one row per labelled principle; the ``principles`` list
    plus any principle heading found in ``principles_definition``, since each heading marks a passage the
    coders wrote for that principle). passages: ingest-style passages of the principle texts with the
    headings removed, plus the column ``principle`` (kept for error analysis, never used for extraction).
    """
    from aicompare.corpus.ingest import passages_from_lines
    from aicompare.corpus.readers import Line
    from aicompare.corpus.waie import read_waie_table

    path = Path(path)
    raw = read_waie_table(path, columns=["principles", "principles_definition"])
    known = sorted(load_crosswalk("waie_to_values")["waie_principle"])
    label_rows, passage_rows = [], []
    for i, rec in enumerate(raw.to_dict("records")):
        doc_id = rec["doc_id"]
        labels = {p.strip() for p in str(rec["principles"] or "").split(",") if p.strip()}
        text = nfkc(str(rec["principles_definition"] or ""))
        parts = _HEADING.split(text)
        n = 0
        for j in range(1, len(parts), 2):
            principle = _canonical_principle(parts[j], known)
            if principle is not None:
                labels.add(principle)
            body = parts[j + 1].strip()
            if not body:
                continue
            parsed = passages_from_lines([Line(x) for x in body.split("\n")], "table")
            for p in parsed["passages"]:
                passage_rows.append({**p, "doc_id": doc_id, "passage_id": f"{doc_id}:{n:05d}",
                                     "principle": principle or parts[j].strip()})
                n += 1
        unknown = sorted(labels - set(known))
        if unknown:
            raise ValueError(f"{path}: document {i} has principles unknown to the crosswalk: {unknown}")
        for p in sorted(labels):
            label_rows.append({"doc_id": doc_id, "document_name": rec["document_name"], "principle": p,
                               "split_key": split_key(i)})
    return pd.DataFrame(label_rows), pd.DataFrame(passage_rows)


def split_key(row: int) -> str:
    """The key :func:`waie_half` splits a development-file row on: its position, ``waie_<row>``."""
    return f"waie_{row:03d}"


def waie_half(key: str) -> str:
    """Deterministic half of the WAIE development subset a document belongs to: ``"A"`` or ``"B"``.

    The first byte of the SHA-256 of the row's split key (:func:`split_key`) decides (even: A, odd: B), so
    the split does not depend on any label or text. Lexicon changes are tuned on half A and confirmed on half B.
    """
    return "A" if hashlib.sha256(str(key).encode("utf-8")).digest()[0] % 2 == 0 else "B"


def _waie_items() -> list[tuple[str, list[str]]]:
    cw = load_crosswalk("waie_to_values")
    items = [e for e in dict.fromkeys(cw["evaluate_as"]) if e]
    return [(e, e.split("+")) for e in items]


def evaluate_waie(path: str | Path | None = None, n_errors: int = 30) -> Evaluation:
    """Document-level agreement with WAIE's principle labels (through the crosswalk)."""
    path = Path(path) if path is not None else default_waie_path()
    if path is None or not Path(path).is_file():
        raise FileNotFoundError(f"WAIE development file not found ({path or '../shared/corpora/waie/' + WAIE_DEV_FILE})")
    labels, passages = _read_waie_dev(path)
    cw = load_crosswalk("waie_to_values")
    to_codes = dict(zip(cw["waie_principle"], cw["value_codes"]))
    doc_ids = sorted(labels["doc_id"].unique())
    half_of = dict(zip(labels["doc_id"], labels["split_key"].map(waie_half)))
    gold_codes = {d: set() for d in doc_ids}
    for d, p in zip(labels["doc_id"], labels["principle"]):
        gold_codes[d] |= set(to_codes[p])
    scored = score_passages(passages)
    evidence = scored[scored["supports"]]
    pred_codes = evidence.groupby("doc_id")["value_code"].agg(set).to_dict()
    base = baseline_values(passages)
    base_codes = base.groupby("doc_id")["value_code"].agg(set).to_dict()
    principle_of = dict(zip(passages["passage_id"], passages["principle"]))

    half_rows: list[dict] = []
    rows, errors, confusions = [], [], []
    for item, codes in _waie_items():
        cs = set(codes)
        gold = pd.Series([bool(gold_codes[d] & cs) for d in doc_ids])
        pred = pd.Series([bool(pred_codes.get(d, set()) & cs) for d in doc_ids])
        bpred = pd.Series([bool(base_codes.get(d, set()) & cs) for d in doc_ids])
        rows.append(_metric_row(item, gold, pred, bpred))
        for h in ("A", "B"):
            sel = pd.Series([half_of[d] == h for d in doc_ids])
            half_rows.append({"half": h, **_metric_row(item, gold[sel].reset_index(drop=True),
                                                         pred[sel].reset_index(drop=True),
                                                         bpred[sel].reset_index(drop=True))})
        for d, g, p in zip(doc_ids, gold, pred):
            if p and not g:
                ev = evidence[(evidence["doc_id"] == d) & evidence["value_code"].isin(cs)]
                for r in ev.itertuples(index=False):
                    confusions.append({"item": item, "source": principle_of.get(r.passage_id, "")})
                top = ev.sort_values("score", ascending=False, kind="stable").iloc[0]
                errors.append({"item": item, "error": "false positive", "doc_id": d, "passage_id": top["passage_id"],
                               "score": top["score"], "matched": top["matched"],
                               "source": principle_of.get(top["passage_id"], ""), "text": top["text"]})
            elif g and not p:
                src = [p_ for p_, cs_ in to_codes.items() if set(cs_) & cs]
                own = passages[(passages["doc_id"] == d) & passages["principle"].isin(src)]
                near = scored[(scored["doc_id"] == d) & scored["value_code"].isin(cs)]
                errors.append({"item": item, "error": "false negative", "doc_id": d,
                               "passage_id": own["passage_id"].iloc[0] if len(own) else "",
                               "score": float(near["score"].max()) if len(near) else 0.0,
                               "matched": "; ".join(near["matched"]) if len(near) else "",
                               "source": "; ".join(dict.fromkeys(own["principle"])),
                               "text": " ".join(own["text"])})
    metrics = pd.DataFrame(rows, columns=METRIC_COLUMNS)
    errors_df = _rank_errors(pd.DataFrame(errors), n_errors)
    conf = (pd.DataFrame(confusions, columns=["item", "source"]).value_counts().rename("n_passages").reset_index()
            .sort_values(["n_passages", "item", "source"], ascending=[False, True, True], kind="stable")
            .reset_index(drop=True))
    n_labels = labels.groupby("doc_id").size()
    n_added = int((n_labels > raw_label_counts(path).reindex(n_labels.index)).sum())
    halves = pd.DataFrame(half_rows)
    notes = [f"{len(doc_ids)} documents, {len(passages)} passages",
             f"{n_added} documents have a principle heading missing from their 'principles' list; the heading counts as a label"]
    for h, g in halves.groupby("half"):
        n_docs = sum(half_of[d] == h for d in doc_ids)
        role = "tuning half" if h == "A" else "confirmation half"
        notes.append(f"half {h} ({role}, {n_docs} documents, split by SHA-256 of the row key): macro-F1 "
                     f"{g['f1'].mean():.3f} (baseline {g['baseline_f1'].mean():.3f})")
    return Evaluation("WAIE development subset", "document", metrics, errors_df, conf, notes,
                      halves[["half"] + METRIC_COLUMNS].reset_index(drop=True))


def raw_label_counts(path: str | Path) -> pd.Series:
    """Number of labels in WAIE's ``principles`` column per doc_id (for the notes)."""
    from aicompare.corpus.waie import read_waie_table

    raw = read_waie_table(path, columns=["principles"])
    counts = raw["principles"].map(lambda s: len({p.strip() for p in str(s or "").split(",") if p.strip()}))
    return pd.Series(counts.to_numpy(), index=raw["doc_id"].to_numpy())


def _rank_errors(errors: pd.DataFrame, n: int) -> pd.DataFrame:
    cols = ["item", "error", "doc_id", "passage_id", "score", "matched", "source", "text"]
    if errors.empty:
        return pd.DataFrame(columns=cols)
    # false positives with the highest scores and false negatives with the closest misses first
    errors = errors.assign(_k=errors["error"].map({"false positive": 0, "false negative": 1}))
    errors = errors.sort_values(["_k", "score", "item", "passage_id"], ascending=[True, False, True, True], kind="stable")
    return errors[cols].head(n).reset_index(drop=True)


# ---------------------------------------------------------------- (b) business guideline, passage level


_STATEMENT_MARK = re.compile(r"^\s*(?:[-–*]\s*)?[✧◇☆]")
_CANNOT_START = ("助詞", "助動詞", "接尾辞")        # a sentence cannot begin with these parts of speech
_CANNOT_END = ("助詞",)                             # nor end with a particle


@lru_cache(maxsize=1)
def _pos_tagger():
    import fugashi

    return fugashi.Tagger()


def _cut_off(before: str, fragment: str) -> bool:
    """True when ``fragment`` completes ``before`` (a sentence cut by a page break and a footnote).

    ``before`` cannot end a sentence (it ends with a comma or a particle), or ``fragment`` cannot begin
    one (it starts with a particle, auxiliary or suffix: 「性があることや…」 after 「…助長する可能」).
    """
    before, fragment = before.rstrip()[-20:], fragment.lstrip()[:20]
    if not before or not fragment:
        return False
    if before[-1] in "、,，":
        return True
    joint, pos, last_pos = len(before), 0, None
    for w in _pos_tagger()(before + fragment):
        start = (before + fragment).find(w.surface, pos)
        end = start + len(w.surface)
        if start < joint < end:            # one word across the joint
            return True
        if start >= joint:                 # first word of the fragment, read in context
            return w.feature.pos1 in _CANNOT_START or last_pos in _CANNOT_END
        last_pos, pos = w.feature.pos1, end
    return False


def footnote_continuations(passages: pd.DataFrame) -> pd.Series:
    """Sentences and bullets that continue a footnote rather than the body text (boolean, aligned).

    Ingestion marks a footnote's first paragraph as ``footnote``; its further paragraphs (lists of
    references, URLs, 「また、…」 sentences) follow it as ordinary sentences and bullets. Such a passage
    continues the footnote when it follows a footnote (or a continuation) and begins after it in the
    source text (``char_start``), opens no ✧/◇ statement, and does not complete a body sentence the page
    break cut off (see :func:`_cut_off`). A heading ends the footnote.
    """
    flags, in_note, note_end, body_before = [], False, None, ""
    for rec in passages.to_dict("records"):
        kind, text = rec.get("kind"), str(rec["text"])
        start = rec.get("char_start")
        start = None if start is None or pd.isna(start) else int(start)
        flag = False
        if kind == "footnote":
            in_note = True
            end = rec.get("char_end")
            note_end = None if end is None or pd.isna(end) else int(end)
        elif kind == "heading":
            in_note, body_before = False, ""
        elif in_note and kind in ("sentence", "bullet"):
            after = start is None or note_end is None or start > note_end
            opens = _STATEMENT_MARK.match(str(rec.get("text_raw") or text)) is not None
            if not after or opens or _cut_off(body_before, text):
                in_note = False
                body_before = text
            else:
                flag = True
                note_end = max(note_end or 0, start or 0)
        elif kind in ("sentence", "bullet"):
            body_before = text
        flags.append(flag)
    return pd.Series(flags, index=passages.index, dtype=bool)


def business_guideline_labels(passages: pd.DataFrame) -> pd.DataFrame:
    """The sentences and bullets of the business guideline's principles, labelled by principle and values.

    ``passages``: the guideline's passages (one document). Returns them with ``principle_no`` and
    ``gold_codes`` (values of the principle and of the sub-item the passage stands under). Headings,
    footnotes and their continuation paragraphs (:func:`footnote_continuations`), tables and
    bibliographic passages are not scored: they are not statements of the principle.
    """
    sections = load_crosswalk("business_guideline_sections")
    sections["principle_no"] = sections["principle_no"].astype(int)
    heads = {(compact_key(s), compact_key(u)): (n, codes)
             for n, s, u, codes in zip(sections["principle_no"], sections["section"], sections["subsection"],
                                       sections["value_codes"])}
    principle_heads = {k[0]: v[0] for k, v in heads.items() if not k[1]}
    rows = []
    in_note = footnote_continuations(passages).to_numpy()
    for rec, note in zip(passages.to_dict("records"), in_note):
        parts = [compact_key(x) for x in str(rec["section_path"]).split(" > ")]
        hit = [i for i, x in enumerate(parts) if x in principle_heads]
        if not hit or rec["kind"] not in ("sentence", "bullet") or note or is_bibliographic(rec["text"]):
            continue
        i = hit[-1]
        sub = parts[i + 1] if i + 1 < len(parts) else ""
        codes = list(heads[(parts[i], "")][1])
        if sub:
            if (parts[i], sub) not in heads:
                raise ValueError(f"business_guideline_sections.csv has no row for sub-item {sub!r} of {parts[i]!r}")
            codes += [c for c in heads[(parts[i], sub)][1] if c not in codes]
        rows.append({**rec, "principle_no": principle_heads[parts[i]], "subsection": sub, "gold_codes": codes})
    out = pd.DataFrame(rows)
    missing = sorted(set(principle_heads.values()) - set(out["principle_no"] if len(out) else []))
    if missing:
        raise ValueError(f"business guideline: no passages found under principles {missing} "
                         "(is this the AI事業者ガイドライン with its 第2部 C. section structure?)")
    return out.reset_index(drop=True)


def _business_guideline_passages() -> pd.DataFrame:
    from aicompare.corpus.ingest import ingest
    from aicompare.corpus.sources import BUSINESS_GUIDELINE, source_with_role

    path = source_with_role(BUSINESS_GUIDELINE)
    res = ingest([path])
    if res.failed or res.passages.empty:
        raise ValueError(f"business guideline {path.name} could not be ingested: {res.issues.to_dict('records')}")
    return res.passages


def business_guideline_units(labelled: pd.DataFrame) -> pd.DataFrame:
    """Group labelled passages into the guideline's statements.

    A statement is a ✧/◇ bullet together with everything that follows it in the same section up to the
    next ✧/◇ bullet or heading: its list items and the sentence fragments that page breaks and footnotes
    split off it. Outside ✧ statements (a principle's lead text), a paragraph is a statement: sentences
    that follow each other without a line break in the source (``char_start`` of one equals ``char_end``
    of the other) belong together. Adds ``unit_id`` (the first passage's id) to ``labelled``.
    """
    unit_ids, current, lead, current_section, prev = [], None, None, None, None
    for rec in labelled.to_dict("records"):
        raw = str(rec.get("text_raw", rec["text"]))
        starts = rec["kind"] == "bullet" and _STATEMENT_MARK.match(raw) is not None
        if rec["section_path"] != current_section:
            current, lead, current_section, prev = None, None, rec["section_path"], None
        same_paragraph = (prev is not None and rec["kind"] == "sentence" and prev["kind"] == "sentence"
                          and _position(rec, "char_start") is not None
                          and _position(rec, "char_start") == _position(prev, "char_end"))
        if starts:
            current = lead = rec["passage_id"]
            unit_ids.append(current)
        elif current is not None:
            unit_ids.append(current)
        elif same_paragraph and lead is not None:
            unit_ids.append(lead)
        else:
            lead = rec["passage_id"]
            unit_ids.append(lead)
        prev = rec
    return labelled.assign(unit_id=unit_ids)


def _position(rec: dict, key: str) -> int | None:
    v = rec.get(key)
    return None if v is None or pd.isna(v) else int(v)


def _predict_principles(unit_scores: dict[str, float], value_sets: dict[int, set],
                        own_values: dict[int, set] | None = None) -> set[int]:
    """The principle(s) whose values reach the highest score in a unit (empty when none is found).

    Ties are broken in favour of the principles whose own value (the principle-level row of the section
    crosswalk, e.g. V14 for 3) 公平性) is found in the unit: sub-item values are shared between principles
    (V08 under 2) and 3), V19 under 6) and 7)) and name them less directly. Remaining ties: all of them.
    """
    best, out = 0.0, set()
    for n, vs in value_sets.items():
        score = max((unit_scores.get(v, 0.0) for v in vs), default=0.0)
        if score > best:
            best, out = score, {n}
        elif score == best and score > 0:
            out.add(n)
    if own_values and len(out) > 1:
        preferred = {n for n in out if any(unit_scores.get(v, 0.0) > 0 for v in own_values.get(n, ()))}
        out = preferred or out
    return out


def evaluate_business_guideline(passages: pd.DataFrame | None = None, n_errors: int = 30,
                                unit: str = "statement") -> Evaluation:
    """Statement-level agreement with the business guideline's own section structure (10 principles).

    Each statement (see :func:`business_guideline_units`) under 第2部 C. is labelled with the
    principle it stands under. The extractor's supported values in the statement are mapped to principles
    through the section crosswalk (a principle's values: its own and its sub-items'); the statement is
    assigned to the principle whose values score highest (ties: see :func:`_predict_principles`). ``unit="passage"`` scores
    every sentence and bullet on its own instead.
    """
    if unit not in ("statement", "passage"):
        raise ValueError(f"unit must be 'statement' or 'passage', not {unit!r}")
    labelled = business_guideline_labels(passages if passages is not None else _business_guideline_passages())
    labelled = (business_guideline_units(labelled) if unit == "statement"
                else labelled.assign(unit_id=labelled["passage_id"]))
    sections = load_crosswalk("business_guideline_sections")
    sections["principle_no"] = sections["principle_no"].astype(int)
    value_sets = {int(n): set().union(*g["value_codes"].map(set)) for n, g in sections.groupby("principle_no")}
    names = dict(sections.loc[sections["subsection"] == "", ["principle_no", "section"]].values)
    own_values = {int(n): set(cs) for n, cs in sections.loc[sections["subsection"] == "", ["principle_no", "value_codes"]].values}
    scored = score_passages(labelled)
    unit_of = dict(zip(labelled["passage_id"], labelled["unit_id"]))
    evidence = scored[scored["supports"]].assign(unit_id=lambda d: d["passage_id"].map(unit_of))
    unit_scores = evidence.groupby(["unit_id", "value_code"])["score"].max()
    base = baseline_values(labelled).assign(unit_id=lambda d: d["passage_id"].map(unit_of), score=1.0)
    base_scores = base.groupby(["unit_id", "value_code"])["score"].max()
    units = labelled.groupby("unit_id", sort=False).agg(
        doc_id=("doc_id", "first"), principle_no=("principle_no", "first"),
        text=("text", " / ".join)).reset_index()

    def predictions(scores: pd.Series) -> list[set[int]]:
        by_unit = {u: g.droplevel(0).to_dict() for u, g in scores.groupby(level=0)} if len(scores) else {}
        return [_predict_principles(by_unit.get(u, {}), value_sets, own_values) for u in units["unit_id"]]

    pred_sets, base_sets = predictions(unit_scores), predictions(base_scores)
    rows, errors, confusions = [], [], []
    for n in sorted(value_sets):
        gold = units["principle_no"] == n
        pred = pd.Series([n in ps for ps in pred_sets])
        bpred = pd.Series([n in ps for ps in base_sets])
        row = _metric_row(names[n], gold, pred, bpred)
        row["scoreable"] = bool(value_sets[n])
        rows.append(row)
        for rec, g, p in zip(units.to_dict("records"), gold, pred):
            ev = evidence[evidence["unit_id"] == rec["unit_id"]]
            found = "; ".join(ev["value_code"] + ": " + ev["matched"])
            best = float(ev["score"].max()) if len(ev) else 0.0
            if p and not g:
                confusions.append({"item": names[n], "source": names[rec["principle_no"]]})
                errors.append({"item": names[n], "error": "false positive", "doc_id": rec["doc_id"],
                               "passage_id": rec["unit_id"], "score": best, "matched": found,
                               "source": names[rec["principle_no"]], "text": rec["text"]})
            elif g and not p and value_sets[n]:
                errors.append({"item": names[n], "error": "false negative", "doc_id": rec["doc_id"],
                               "passage_id": rec["unit_id"], "score": best, "matched": found,
                               "source": names[rec["principle_no"]], "text": rec["text"]})
    metrics = pd.DataFrame(rows)
    unscoreable = metrics.loc[~metrics["scoreable"], "item"].tolist()
    conf = (pd.DataFrame(confusions, columns=["item", "source"]).value_counts().rename("n_passages").reset_index()
            .sort_values(["n_passages", "item", "source"], ascending=[False, True, True], kind="stable")
            .reset_index(drop=True))
    notes = [f"{len(units)} {unit}s ({len(labelled)} sentences and bullets) under the 10 principles of 第2部 C. 共通の指針",
             "macro over all 10 principles (an unscoreable principle counts as 0): "
             f"{metrics['f1'].mean():.3f} (baseline {metrics['baseline_f1'].mean():.3f})"]
    if unscoreable:
        notes.append(f"not scoreable (no counterpart among the 22 values): {', '.join(unscoreable)}; "
                     "the macro-F1 below is over the scoreable principles")
    ev_obj = Evaluation("AI事業者ガイドライン sections", unit,
                        metrics[metrics["scoreable"]][METRIC_COLUMNS].reset_index(drop=True),
                        _rank_errors(pd.DataFrame(errors), n_errors), conf, notes)
    return ev_obj


# ---------------------------------------------------------------- both, and the printed report


def evaluate(waie: str | Path | None = None, business_passages: pd.DataFrame | None = None) -> dict[str, Evaluation]:
    """Run both evaluations; WAIE is skipped (with a note) when its file is absent."""
    out: dict[str, Evaluation] = {}
    path = Path(waie) if waie is not None else default_waie_path()
    if path is not None:
        out["waie"] = evaluate_waie(path)
    bg = evaluate_business_guideline(business_passages)
    per_passage = evaluate_business_guideline(business_passages, unit="passage")
    bg.notes.append(f"each sentence/bullet scored on its own (passage level): macro-F1 {per_passage.macro_f1:.3f} "
                    f"(baseline {per_passage.baseline_macro_f1:.3f})")
    out["business_guideline"] = bg
    return out


def metric_lines(metrics: pd.DataFrame, label: str, width: int) -> list[str]:
    """A metrics table as text: header, then one line per row of ``metrics`` (column ``label`` first, cut to
    ``width - 1`` characters), the extractor's P/R/F1 with the baseline's beside."""
    lines = [f"{label:<{width}}{'n':>5}{'P':>8}{'R':>8}{'F1':>8}   | baseline {'P':>6}{'R':>7}{'F1':>7}"]
    for r in metrics.itertuples(index=False):
        lines.append(f"{str(getattr(r, label))[:width - 1]:<{width}}{r.n_gold:>5}{r.precision:>8.3f}{r.recall:>8.3f}"
                     f"{r.f1:>8.3f}   |          {r.baseline_precision:>6.3f}{r.baseline_recall:>7.3f}{r.baseline_f1:>7.3f}")
    return lines


def format_report(results: dict[str, Evaluation], n_errors: int = 10) -> str:
    """Plain-text report: metrics with the baseline beside, macro-F1, confusions, worst errors."""
    lines: list[str] = []
    for ev in results.values():
        lines.append(f"== {ev.name} ({ev.unit} level)")
        lines += [f"   {n}" for n in ev.notes]
        lines += metric_lines(ev.metrics, "item", 24)
        lines.append(f"{'macro-F1':<24}{'':>5}{'':>8}{'':>8}{ev.macro_f1:>8.3f}   |"
                     f"          {'':>6}{'':>7}{ev.baseline_macro_f1:>7.3f}")
        if len(ev.confusions):
            lines.append("   false positives come from (item <- labelled as):")
            for r in ev.confusions.head(n_errors).itertuples(index=False):
                lines.append(f"     {r.item} <- {r.source}: {r.n_passages}")
        if len(ev.errors):
            lines.append("   worst errors:")
            for r in ev.errors.head(n_errors).itertuples(index=False):
                text = r.text if len(r.text) <= 160 else r.text[:157] + "..."
                lines.append(f"     [{r.error}] {r.item} {r.passage_id} score={r.score:.2f} ({r.matched}) "
                             f"under {r.source}: {text}")
        lines.append("")
    return "\n".join(lines)
