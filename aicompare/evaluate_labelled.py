"""Agreement with the labelled development sets of ``../shared/corpora/labelled`` (coded by the codebook).

* **Passage level** (``en_guideline_passages_dev.csv``, ``ja_guideline_passages_dev.csv``): each passage is
  scored on its own (its text and section); a value is predicted when the passage supports it. Gold: the
  ``values`` column; the pairs in ``uncertain`` are not scored. Micro P/R/F1 over all scored
  (passage, value) pairs, per-value figures and their macro average, beside the naive baseline.
* **Document level** (``doc_level_dev.csv``): the matrix of the documents, extracted from their PDFs in
  ``../shared/corpora/pdf`` by the same rule as ``aicompare extract`` (see :func:`aicompare.extract.document_decisions`),
  against ``gold`` yes/no (``uncertain`` not scored): accuracy, beside the baseline (a value is addressed
  when its regex matches anywhere).

Held-out estimate: the passage sets are split by document (SHA-256 of the document name, like the WAIE
halves); a tuning round reads the errors of one half only and the other half's figure is its held-out
estimate (docs/extraction.md gives each round). Nothing here is shipped data: the
sets stay in ``../shared`` and every function skips (raises ``FileNotFoundError``) when they are absent.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from aicompare.evaluate import metric_lines
from aicompare.extract import score_passages
from aicompare.taxonomy import load_baseline, value_codes

PASSAGE_SETS = {"en": "en_guideline_passages_dev.csv", "ja": "ja_guideline_passages_dev.csv"}
DOC_LEVEL_FILE = "doc_level_dev.csv"
VALUE_METRIC_COLUMNS = ["value_code", "n_gold", "tp", "fp", "fn", "precision", "recall", "f1",
                        "baseline_precision", "baseline_recall", "baseline_f1"]


def labelled_dir() -> Path | None:
    """``../shared/corpora/labelled`` beside the project, if present."""
    from aicompare.paths import shared_dir

    root = shared_dir()
    cand = root / "corpora" / "labelled" if root is not None else None
    return cand if cand is not None and cand.is_dir() else None


def document_half(document: str) -> str:
    """``"A"`` (tuning) or ``"B"`` (held out) for a document, by the first byte of its name's SHA-256."""
    return "A" if hashlib.sha256(str(document).encode("utf-8")).digest()[0] % 2 == 0 else "B"


def _codes(cell) -> set[str]:
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return set()
    return {c.strip() for c in str(cell).replace(",", ";").split(";") if c.strip()}


def read_passage_set(lang: str, folder: str | Path | None = None) -> pd.DataFrame:
    """A labelled passage set as passages (doc_id = document) with ``gold`` and ``uncertain`` code sets."""
    folder = Path(folder) if folder is not None else labelled_dir()
    path = folder / PASSAGE_SETS[lang] if folder is not None else None
    if path is None or not path.is_file():
        raise FileNotFoundError(f"labelled passage set not found ({path or '../shared/corpora/labelled/' + PASSAGE_SETS[lang]})")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    out = pd.DataFrame({
        "doc_id": raw["document"], "passage_id": raw["passage_id"],
        "page": pd.to_numeric(raw["page"], errors="coerce").astype("Int64") if "page" in raw else pd.NA,
        "section_path": raw.get("section", ""), "text": raw["text"],
        "gold": raw["values"].map(_codes), "uncertain": raw["uncertain"].map(_codes),
    })
    out["half"] = out["doc_id"].map(document_half)
    return out


def _baseline_sets(passages: pd.DataFrame) -> dict[str, set[str]]:
    import re

    base = load_baseline()
    pats = [(c, re.compile(p)) for c, p in zip(base["value_code"], base["pattern"])]
    return {pid: {c for c, pat in pats if pat.search(t)} for pid, t in zip(passages["passage_id"], passages["text"])}


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class PassageEvaluation:
    """Passage-level agreement on one labelled set."""

    name: str
    per_value: pd.DataFrame                     # VALUE_METRIC_COLUMNS
    micro: dict                                 # {"all"|"A"|"B": {precision, recall, f1, baseline_*}}
    errors: pd.DataFrame                        # worst errors with their passages
    notes: list[str] = field(default_factory=list)

    @property
    def micro_f1(self) -> float:
        return self.micro["all"]["f1"]

    @property
    def macro_f1(self) -> float:
        return float(self.per_value["f1"].mean()) if len(self.per_value) else 0.0


def _pairs(passages: pd.DataFrame, pred: dict[str, set[str]]) -> pd.DataFrame:
    """One row per scored (passage, value): gold, predicted; uncertain pairs left out."""
    rows = []
    for rec in passages.itertuples(index=False):
        p = pred.get(rec.passage_id, set())
        for code in (rec.gold | p) - rec.uncertain:
            rows.append((rec.passage_id, rec.doc_id, rec.half, code, code in rec.gold, code in p))
    return pd.DataFrame(rows, columns=["passage_id", "doc_id", "half", "value_code", "gold", "pred"])


def evaluate_passage_set(lang: str, folder: str | Path | None = None, n_errors: int = 30) -> PassageEvaluation:
    """Micro/macro P/R/F1 of the extractor (and the baseline) on a labelled passage set."""
    passages = read_passage_set(lang, folder)
    scored = score_passages(passages)
    ev = scored[scored["supports"]]
    pred = ev.groupby("passage_id")["value_code"].agg(set).to_dict()
    base = _baseline_sets(passages)
    pairs, bpairs = _pairs(passages, pred), _pairs(passages, base)
    micro = {}
    for key in ("all", "A", "B"):
        out = {}
        for prefix, df in (("", pairs), ("baseline_", bpairs)):
            d = df if key == "all" else df[df["half"] == key]
            p, r, f = _prf(int((d.gold & d.pred).sum()), int((~d.gold & d.pred).sum()), int((d.gold & ~d.pred).sum()))
            out.update({f"{prefix}precision": round(p, 4), f"{prefix}recall": round(r, 4), f"{prefix}f1": round(f, 4)})
        micro[key] = out
    rows = []
    for code in value_codes():
        d, b = pairs[pairs["value_code"] == code], bpairs[bpairs["value_code"] == code]
        n_gold = int(d["gold"].sum())
        if not n_gold and not d["pred"].any():
            continue
        tp, fp, fn = int((d.gold & d.pred).sum()), int((~d.gold & d.pred).sum()), int((d.gold & ~d.pred).sum())
        p, r, f = _prf(tp, fp, fn)
        bp, br, bf = _prf(int((b.gold & b.pred).sum()), int((~b.gold & b.pred).sum()), int((b.gold & ~b.pred).sum()))
        rows.append({"value_code": code, "n_gold": n_gold, "tp": tp, "fp": fp, "fn": fn,
                     "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                     "baseline_precision": round(bp, 4), "baseline_recall": round(br, 4), "baseline_f1": round(bf, 4)})
    per_value = pd.DataFrame(rows, columns=VALUE_METRIC_COLUMNS)
    score_of = {(r.passage_id, r.value_code): (r.score, r.matched) for r in scored.itertuples(index=False)}
    text_of = dict(zip(passages["passage_id"], passages["text"]))
    err = pairs[pairs["gold"] != pairs["pred"]].copy()
    err["error"] = err["pred"].map({True: "false positive", False: "false negative"})
    err["score"] = [score_of.get((p, c), (0.0, ""))[0] for p, c in zip(err["passage_id"], err["value_code"])]
    err["matched"] = [score_of.get((p, c), (0.0, ""))[1] for p, c in zip(err["passage_id"], err["value_code"])]
    err["text"] = err["passage_id"].map(text_of)
    err = (err.assign(_k=err["error"].map({"false positive": 0, "false negative": 1}))
           .sort_values(["_k", "score", "value_code", "passage_id"], ascending=[True, False, True, True], kind="stable")
           [["value_code", "error", "doc_id", "passage_id", "half", "score", "matched", "text"]]
           .head(n_errors).reset_index(drop=True))
    n_unc = int(passages["uncertain"].map(len).sum())
    notes = [f"{len(passages)} passages from {passages['doc_id'].nunique()} documents; "
             f"{len(pairs)} scored (passage, value) pairs, {n_unc} uncertain pairs not scored",
             f"documents split by SHA-256 of their name: half A micro-F1 {micro['A']['f1']:.3f} "
             f"(baseline {micro['A']['baseline_f1']:.3f}), half B {micro['B']['f1']:.3f} "
             f"(baseline {micro['B']['baseline_f1']:.3f}); held-out figures of each tuning round: docs/extraction.md"]
    return PassageEvaluation(f"{lang} guideline passages (labelled dev)", per_value, micro, err, notes)


# ---------------------------------------------------------------- document level


@dataclass
class DocumentEvaluation:
    name: str
    table: pd.DataFrame                         # document, value_code, gold, pred, baseline, strength columns
    notes: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        t = self.table
        return float((t["gold"] == t["pred"]).mean()) if len(t) else 0.0

    @property
    def baseline_accuracy(self) -> float:
        t = self.table
        return float((t["gold"] == t["baseline"]).mean()) if len(t) else 0.0


def read_doc_level(folder: str | Path | None = None) -> pd.DataFrame:
    folder = Path(folder) if folder is not None else labelled_dir()
    path = folder / DOC_LEVEL_FILE if folder is not None else None
    if path is None or not path.is_file():
        raise FileNotFoundError(f"document-level set not found ({path or '../shared/corpora/labelled/' + DOC_LEVEL_FILE})")
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def evaluate_documents(folder: str | Path | None = None, pdf_dir: str | Path | None = None) -> DocumentEvaluation:
    """Document-level accuracy on ``doc_level_dev.csv`` (documents read from ``../shared/corpora/pdf``)."""
    import re

    from aicompare.corpus.ingest import ingest
    from aicompare.extract import document_decisions
    from aicompare.paths import shared_dir

    gold = read_doc_level(folder)
    if pdf_dir is None:
        root = shared_dir()
        pdf_dir = root / "corpora" / "pdf" if root is not None else None
    pdf_dir = Path(pdf_dir) if pdf_dir is not None else None
    docs = sorted(gold["document"].unique())
    files = [pdf_dir / f"{d}.pdf" for d in docs] if pdf_dir is not None else []
    missing = [f for f in files if not f.is_file()]
    if not files or missing:
        raise FileNotFoundError(f"PDFs of the document-level set not found in {pdf_dir}")
    res = ingest(files)
    passages = res.passages
    decisions = document_decisions(passages, res.documents)
    base = load_baseline()
    pats = [(c, re.compile(p)) for c, p in zip(base["value_code"], base["pattern"])]
    text_of = passages.groupby("doc_id")["text"].agg(lambda s: "\n".join(s)).to_dict()
    dec = decisions.set_index(["doc_id", "value_code"])
    rows = []
    for r in gold.itertuples(index=False):
        if r.gold not in ("yes", "no"):
            continue
        d = dec.loc[(r.document, r.value)] if (r.document, r.value) in dec.index else None
        pat = dict(pats)[r.value]
        rows.append({"document": r.document, "value_code": r.value, "gold": r.gold == "yes",
                     "pred": bool(d["addressed"]) if d is not None else False,
                     "baseline": bool(pat.search(text_of.get(r.document, ""))),
                     "n_passages": int(d["n_passages"]) if d is not None else 0,
                     "share": float(d["share"]) if d is not None else 0.0,
                     "max_score": float(d["max_score"]) if d is not None else 0.0,
                     "quote": r.quote_a})
    table = pd.DataFrame(rows)
    n_unc = int((gold["gold"] == "uncertain").sum())
    notes = [f"{len(docs)} documents, {len(table)} scored decisions ({n_unc} uncertain not scored)"]
    return DocumentEvaluation("document level (labelled dev)", table, notes)


# ---------------------------------------------------------------- report


def evaluate_labelled(folder: str | Path | None = None, documents: bool = True) -> dict:
    """All labelled-set evaluations that can run; ``{}`` when the sets are absent."""
    folder = Path(folder) if folder is not None else labelled_dir()
    out: dict = {}
    if folder is None or not folder.is_dir():
        return out
    for lang in PASSAGE_SETS:
        try:
            out[f"passages_{lang}"] = evaluate_passage_set(lang, folder)
        except FileNotFoundError:
            pass
    if documents:
        try:
            out["documents"] = evaluate_documents(folder)
        except FileNotFoundError:
            pass
    return out


def format_labelled_report(results: dict, n_errors: int = 10) -> str:
    lines: list[str] = []
    for key, ev in results.items():
        if isinstance(ev, PassageEvaluation):
            m = ev.micro["all"]
            lines.append(f"== {ev.name} (passage level)")
            lines += [f"   {n}" for n in ev.notes]
            lines.append(f"   micro  P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}   | baseline "
                         f"P {m['baseline_precision']:.3f}  R {m['baseline_recall']:.3f}  F1 {m['baseline_f1']:.3f}")
            lines.append(f"   macro-F1 {ev.macro_f1:.3f} (baseline {ev.per_value['baseline_f1'].mean():.3f})")
            lines += metric_lines(ev.per_value.rename(columns={"value_code": "value"}), "value", 8)
            if len(ev.errors):
                lines.append("   worst errors:")
                for r in ev.errors.head(n_errors).itertuples(index=False):
                    text = r.text if len(r.text) <= 160 else r.text[:157] + "..."
                    lines.append(f"     [{r.error}] {r.value_code} {r.doc_id}/{r.passage_id} score={r.score:.2f} "
                                 f"({r.matched}): {text}")
        elif isinstance(ev, DocumentEvaluation):
            lines.append(f"== {ev.name}")
            lines += [f"   {n}" for n in ev.notes]
            lines.append(f"   accuracy {ev.accuracy:.3f}   | baseline {ev.baseline_accuracy:.3f}")
            wrong = ev.table[ev.table["gold"] != ev.table["pred"]]
            for r in wrong.head(n_errors).itertuples(index=False):
                lines.append(f"     [{'missed' if r.gold else 'false'}] {r.document} {r.value_code}: "
                             f"{r.n_passages} passages, share {r.share:.3f}, max score {r.max_score:.2f}; gold quote: {r.quote[:120]}")
        lines.append("")
    return "\n".join(lines)
