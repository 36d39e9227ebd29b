"""Honest passage-coding accuracy (issue 11): micro-F1 by groups of documents, not only pooled.

    python benchmarks/heldout.py [--folds 5] [--labelled DIR] [--root PATH] [--detail]

The labelled English set (``../shared/corpora/labelled``, development data: never committed) holds passages
of many PDFs. The pooled micro-F1 hides how much the lexicon was fitted to those very passages; here the
documents are dealt into ``--folds`` groups by the SHA-256 of their name (a fixed, content-blind split), and the
micro-F1 of each fold is printed with the mean, the spread and the worst fold, beside leave-one-document-out
(the micro-F1 over documents' pairs, and the mean of per-document F1s). A lexicon change is kept only when it is
written from the codebook's definitions and the per-fold figures rise on folds whose errors were not read to
make it. Japanese is printed the same way. Every passage of these sets has been read while tuning, so all their
figures are optimistic; ``--unseen DIR`` scores a further set in the same format, coded blind (before looking at the
coder's output) from documents absent from the development set, which is the honest figure. ``--root`` points at another checkout (before/after figures).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CODE = r"""
import hashlib, json, sys
from pathlib import Path
import pandas as pd
from aicompare.evaluate_labelled import read_passage_set, _pairs
from aicompare.extract import score_passages

folder, k, extra = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
out = {}
unseen = [(f"{lang} unseen ({e})", lang, e) for e in extra for lang in ("en", "ja")
          if (Path(e) / f"{lang}_guideline_passages_dev.csv").is_file()]
for name, lang, where in [("en", "en", folder), ("ja", "ja", folder)] + unseen:
    passages = read_passage_set(lang, where)
    scored = score_passages(passages)
    pred = scored[scored["supports"]].groupby("passage_id")["value_code"].agg(set).to_dict()
    pairs = _pairs(passages, pred)
    pairs["fold"] = [hashlib.sha256(d.encode()).digest()[0] % k for d in pairs["doc_id"]]
    def f1(d):
        tp, fp, fn = int((d.gold & d.pred).sum()), int((~d.gold & d.pred).sum()), int((d.gold & ~d.pred).sum())
        return (2 * tp / (2 * tp + fp + fn)) if tp + fp + fn else float("nan"), tp, fp, fn
    folds = {int(f): f1(d) for f, d in pairs.groupby("fold")}
    by_doc = {d: f1(g) for d, g in pairs.groupby("doc_id")}
    docs = {d: v[0] for d, v in by_doc.items()}
    out[name] = {"pooled": f1(pairs), "folds": folds, "n_docs": passages["doc_id"].nunique(),
                 "doc_mean": float(pd.Series(docs).mean()), "doc_min": float(pd.Series(docs).min()),
                 "by_doc": by_doc, "by_value": {v: f1(g) for v, g in pairs.groupby("value_code")}}
print(json.dumps(out))
"""


def measure(root: Path, folder: Path, k: int, extra: list[Path]) -> dict:
    env = dict(os.environ, PYTHONPATH=str(root))
    res = subprocess.run([sys.executable, "-c", CODE, str(folder), str(k), *map(str, extra)], capture_output=True, text=True, env=env,
                         cwd=root, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--labelled", type=Path, default=ROOT.parent / "shared" / "corpora" / "labelled")
    ap.add_argument("--root", type=Path, default=ROOT)
    ap.add_argument("--detail", action="store_true",
                    help="also print P/R/F1 of each document (leave-one-document-out: a lexicon is not fitted, so each "
                         "document's figure is its held-out figure for rules not written from it) and recall per value")
    ap.add_argument("--unseen", type=Path, action="append", default=[],
                    help="a folder holding another en_ or ja_guideline_passages_dev.csv (same columns), coded by the codebook "
                         "from documents and passages the lexicon was never tuned on: its pooled F1 is the honest one")
    args = ap.parse_args()
    if not (args.labelled / "en_guideline_passages_dev.csv").is_file():
        print(f"labelled sets not found in {args.labelled}: nothing measured")
        return
    res = measure(args.root, args.labelled, args.folds, args.unseen)
    for lang, r in res.items():
        f, tp, fp, fn = r["pooled"]
        folds = {int(k): v for k, v in r["folds"].items()}
        vals = [v[0] for v in folds.values()]
        mean = sum(vals) / len(vals)
        sd = (sum((v - mean) ** 2 for v in vals) / max(len(vals) - 1, 1)) ** 0.5
        print(f"{lang}: pooled micro-F1 {f:.3f} (tp {tp}, fp {fp}, fn {fn}); {args.folds} document folds: "
              + ", ".join(f"{k}:{folds[k][0]:.3f}" for k in sorted(folds))
              + f"; mean {mean:.3f} ± {sd:.3f}, worst {min(vals):.3f}; per-document F1 over {r['n_docs']} documents: "
              f"mean {r['doc_mean']:.3f}, worst {r['doc_min']:.3f}")
        print(f"   pooled P {_p(tp, fp):.3f} R {_r(tp, fn):.3f}")
        if args.detail:
            for d, (f, tp, fp, fn) in sorted(r["by_doc"].items()):
                print(f"   {d[:60]:60s} P {_p(tp, fp):.3f} R {_r(tp, fn):.3f} F1 {f:.3f} (tp {tp}, fp {fp}, fn {fn})")
            print("   recall per value: " + ", ".join(f"{v} {_r(tp, fn):.2f} ({tp}/{tp + fn})"
                                                       for v, (f, tp, fp, fn) in sorted(r["by_value"].items()) if tp + fn))


def _p(tp: int, fp: int) -> float:
    return tp / (tp + fp) if tp + fp else float("nan")


def _r(tp: int, fn: int) -> float:
    return tp / (tp + fn) if tp + fn else float("nan")


if __name__ == "__main__":
    main()
