"""Self-training experiment (issue 11): does a linear model trained on the lexicon's own decisions find more values?

    python benchmarks/selftrain.py [--C 0.5] [--balanced] [--clean S] [--bigrams-only] [--weak-only] [--no-mask]
                                   [--out terms.csv] [--sample 30 --threshold T]
    python benchmarks/selftrain.py --terms terms.csv --threshold T --then heldout [--unseen DIR]
    python benchmarks/selftrain.py --terms terms.csv --threshold T --then evaluate [--out DIR]

Hypothesis: a per-value linear classifier trained on the shipped corpus (``data/raw``, openly licensed: what it
learns may ship) with the lexicon's passage decisions as weak labels learns vocabulary that co-occurs with the value
words, and so finds passages that express a value in other words (the recall the lexicon lacks on unseen text).

Method (deterministic: liblinear with a fixed ``random_state``; two runs write identical terms files):

1. the English passages of ``data/raw`` that the extractor codes at all (not tables of contents, furniture or
   bibliographic lines), labels: the lexicon's ``supports`` per value (:func:`aicompare.extract.score_passages`);
   ``--clean S`` leaves out of a value's training set the passages whose lexicon score for it is below S;
2. features: binary word unigrams and bigrams (lowercase, English stop words dropped) of the text with every
   accepted lexicon match masked out (the model must learn the *other* words, not relearn the lexicon; a bigram never
   spans a masked match); ``--no-mask`` keeps the matches, ``--bigrams-only`` drops the unigrams;
3. per value an L1-regularised logistic regression (liblinear, ``--balanced`` class weights or none): sparse, so the
   whole model is a list of (value, feature, weight) rows plus an intercept (``--out``), computed exactly at coding
   time;
4. combination: the lexicon's decisions stay; the model adds a value to a passage when its probability reaches a
   threshold and the passage holds one of the value's positive features (the evidence span: the strongest one);
   ``--weak-only`` adds only where the lexicon already has a below-threshold match of the value.

Printed: per threshold, the additions on the English development set (``../shared/corpora/labelled``) and how many
are gold, the pooled micro-F1 and that of the 5 document folds of ``benchmarks/heldout.py``; the cross-validated
figure (each fold scored at the threshold best on the other four); with ``--sample`` a random sample (seed 0) of the
evidence rows the model adds on ``data/raw``, to read against the codebook. ``--then`` scores the lexicon plus a terms
file with ``benchmarks/heldout.py`` or ``aicompare evaluate`` by replacing ``score_passages`` in that process only:
nothing is wired into the package.

Result (2026-11-30, 17 English shipped documents, 15,788 passages; no-go, not integrated):

* no setting raises the cross-validated English figure above the lexicon's (fold mean 0.882-0.894 vs 0.894). Default
  (C 0.5, masked, unbalanced, 5,741 weights): additions on the 240 dev passages at t 0.2/0.3/0.5/0.6 = 59/24/7/3, of
  which gold 4/3/2/2; the best pooled threshold t 0.6 gives pooled 0.890 (lexicon 0.885), folds mean 0.895 (0.894),
  ja 0.910 (unchanged: English only), document level 0.927 (unchanged), business guideline 0.854 (unchanged), WAIE
  0.901 -> 0.898. Balanced class weights, ``--clean 1.0/1.5``, ``--bigrams-only``, ``--weak-only`` and ``--no-mask``
  all add more false than true pairs at every threshold where they add anything;
* blind English set (100 passages of 4 unseen documents, aggregate only): 0.761 -> 0.756 (P 0.895 -> 0.879,
  R 0.662 -> 0.662) at t 0.6;
* the 137 evidence rows the default adds on ``data/raw`` at t 0.6: 11 of a random 30 express the value by the
  codebook (37 %; 11 of 23 at t 0.8). The learned words are topical co-occurrences ("health", "processing",
  "protection", "body", "pose", "detrimental", "supervisor"), often inside names of bodies or laws the lexicon
  masks on purpose, not paraphrases of the value;
* cost: features and probabilities of the 19,781 English passages take about 2.2 s beyond the lexicon (the
  measurement wrapper, which matches the lexicon a second time, about 10 s).
"""
from __future__ import annotations

import argparse
import hashlib
import math
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aicompare.extract import (NON_STATEMENT_KINDS, is_bibliographic, is_furniture, match_text,  # noqa: E402
                               score_passages)
from aicompare.cluster.features import english_stop_words  # noqa: E402
from aicompare.taxonomy import value_codes  # noqa: E402

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
INTERCEPT = "(intercept)"


def features(text: str, masked: list[tuple[int, int]], stops: frozenset[str]) -> list[tuple[str, int, int]]:
    """(feature, start, end) of ``text``: lowercase words (not stop words, not inside a masked span) and the bigrams
    of words adjacent in that stream with no masked span between them."""
    out, prev = [], None
    spans = sorted(masked)
    k = 0
    for m in _WORD.finditer(text):
        s, e = m.span()
        gap = False
        while k < len(spans) and spans[k][1] <= s:  # masked spans passed since the previous word
            gap = True
            k += 1
        if k < len(spans) and spans[k][0] < e:  # the word lies in a masked span
            prev = None
            continue
        w = m.group().lower()
        if w in stops or len(w) < 3:
            continue
        if gap:
            prev = None
        if not BIGRAMS_ONLY:
            out.append((w, s, e))
        if prev is not None:
            out.append((prev[0] + " " + w, prev[1], e))
        prev = (w, s, e)
    return out


def codable(passages: pd.DataFrame) -> pd.Series:
    """Passages the extractor codes at all (as :func:`aicompare.extract.score_passages` filters them)."""
    kind = passages["kind"] if "kind" in passages.columns else pd.Series("", index=passages.index)
    page = passages["page"] if "page" in passages.columns else pd.Series(pd.NA, index=passages.index)
    keep = [not (k in NON_STATEMENT_KINDS or not t.strip() or is_bibliographic(t) or is_furniture(t, p))
            for k, t, p in zip(kind, passages["text"].fillna(""), page)]
    return pd.Series(keep, index=passages.index)


MASK = True  # mask the lexicon's matches out of the features (--no-mask: keep them)
BIGRAMS_ONLY = False  # features: word bigrams only (--bigrams-only)
WEAK_ONLY = False  # add only where the lexicon has a weak (below-threshold) match of the value (--weak-only)


def featurise(passages: pd.DataFrame) -> tuple[list[list[tuple[str, int, int]]], pd.DataFrame]:
    """Per passage its features (lexicon matches masked), and the lexicon's supported (passage, value) labels."""
    stops = english_stop_words()
    feats = [features(t, [(s, e) for _, _, _, s, e in match_text(t)] if MASK else [], stops) for t in passages["text"]]
    scored = score_passages(passages)
    return feats, scored


def train(feats: list, labels: dict[str, np.ndarray], C: float, balanced: bool, min_df: int,
          ignore: dict[str, np.ndarray] | None = None):
    """Per value: {feature: weight} and intercept of an L1 logistic regression on binary features (``ignore``: per
    value, passages left out of its training set)."""
    from scipy.sparse import csr_matrix
    import warnings

    from sklearn.linear_model import LogisticRegression

    warnings.filterwarnings("ignore", module="sklearn")  # penalty="l1" is deprecated in favour of l1_ratio (1.8)

    df: dict[str, int] = {}
    for f in feats:
        for name in {x[0] for x in f}:
            df[name] = df.get(name, 0) + 1
    vocab = sorted(n for n, c in df.items() if c >= min_df)
    index = {n: i for i, n in enumerate(vocab)}
    rows, cols = [], []
    for r, f in enumerate(feats):
        for c in sorted({index[x[0]] for x in f if x[0] in index}):
            rows.append(r)
            cols.append(c)
    X = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feats), len(vocab)))
    models = {}
    for code, y in labels.items():
        if y.sum() < 5:
            continue
        lr = LogisticRegression(penalty="l1", solver="liblinear", C=C, random_state=0,
                                class_weight="balanced" if balanced else None, max_iter=1000)
        keep = ~ignore[code] if ignore is not None else np.ones(len(y), dtype=bool)
        lr.fit(X[keep], y[keep])
        w = lr.coef_[0]
        nz = np.flatnonzero(w)
        models[code] = ({vocab[i]: round(float(w[i]), 4) for i in nz}, round(float(lr.intercept_[0]), 4))
    return models


def predict(models: dict, f: list[tuple[str, int, int]]) -> dict[str, tuple[float, tuple[str, int, int] | None]]:
    """Per value: probability and the strongest positive feature present (its span: the evidence)."""
    present: dict[str, tuple[str, int, int]] = {}
    for x in f:
        present.setdefault(x[0], x)
    out = {}
    for code, (w, b) in models.items():
        z, best = b, None
        for name, x in present.items():
            wt = w.get(name)
            if wt is not None:
                z += wt
                if wt > 0 and (best is None or wt > w[best[0]]):
                    best = x
        out[code] = (1.0 / (1.0 + math.exp(-z)), best)
    return out


def fold_of(doc: str, k: int = 5) -> int:
    return hashlib.sha256(doc.encode()).digest()[0] % k


def dev_pairs(labelled: Path, models: dict) -> pd.DataFrame:
    """One row per (dev passage, value) either the lexicon or the model proposes, or gold, with the model's
    probability; uncertain pairs left out."""
    from aicompare.evaluate_labelled import read_passage_set

    passages = read_passage_set("en", labelled)
    feats, scored = featurise(passages)
    lex = scored[scored["supports"]].groupby("passage_id")["value_code"].agg(set).to_dict()
    weak = set(zip(scored.loc[~scored["supports"], "passage_id"], scored.loc[~scored["supports"], "value_code"]))
    ok = codable(passages).tolist()
    rows = []
    for rec, f, keep in zip(passages.itertuples(index=False), feats, ok):
        probs = predict(models, f) if keep else {}
        lx = lex.get(rec.passage_id, set())
        for code in value_codes():
            if code in rec.uncertain:
                continue
            p, best = probs.get(code, (0.0, None))
            allowed = best is not None and (not WEAK_ONLY or (rec.passage_id, code) in weak)
            rows.append((rec.passage_id, rec.doc_id, fold_of(rec.doc_id), code, code in rec.gold, code in lx,
                         p if allowed else 0.0))
    return pd.DataFrame(rows, columns=["passage_id", "doc_id", "fold", "value_code", "gold", "lex", "prob"])


def f1(d: pd.DataFrame, t: float) -> tuple[float, int, int, int]:
    pred = d["lex"] | (d["prob"] >= t)
    tp, fp, fn = int((d.gold & pred).sum()), int((~d.gold & pred).sum()), int((d.gold & ~pred).sum())
    return (2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")), tp, fp, fn


def report_thresholds(pairs: pd.DataFrame, grid: list[float]) -> float:
    """Print the pooled and fold F1 per threshold and the cross-validated figure; return the best pooled threshold."""
    base = f1(pairs, 2.0)
    base_folds = [f1(g, 2.0)[0] for _, g in pairs.groupby("fold")]
    print(f"lexicon only: pooled {base[0]:.3f} (tp {base[1]}, fp {base[2]}, fn {base[3]}); folds "
          + " ".join(f"{x:.3f}" for x in base_folds) + f"; mean {np.mean(base_folds):.3f}")
    best_t, best = 2.0, base[0]
    for t in grid:
        r = f1(pairs, t)
        folds = [f1(g, t)[0] for _, g in pairs.groupby("fold")]
        new = pairs[~pairs["lex"] & (pairs["prob"] >= t)]
        print(f"t {t:.2f}: adds {len(new)} ({int(new['gold'].sum())} gold); pooled {r[0]:.3f} (tp {r[1]}, fp {r[2]}, fn {r[3]}); folds "
              + " ".join(f"{x:.3f}" for x in folds) + f"; mean {np.mean(folds):.3f}")
        if r[0] > best + 1e-9:
            best_t, best = t, r[0]
    cv = []
    for k, g in pairs.groupby("fold"):
        rest = pairs[pairs["fold"] != k]
        t = max([2.0] + grid, key=lambda t: (f1(rest, t)[0], t))
        cv.append((k, t, f1(g, t)[0], f1(g, 2.0)[0]))
    print("cross-validated threshold per fold (chosen on the other four): "
          + ", ".join(f"{k}: t {t:.2f} F1 {x:.3f} (lexicon {b:.3f})" for k, t, x, b in cv)
          + f"; mean {np.mean([x for *_, x, _ in cv]):.3f} vs {np.mean([b for *_, b in cv]):.3f}")
    return best_t


def additions(passages: pd.DataFrame, feats: list, scored: pd.DataFrame, models: dict, t: float) -> pd.DataFrame:
    """Evidence rows the model adds on a corpus: (passage, value) not supported by the lexicon, probability ≥ t."""
    lex = set(zip(scored.loc[scored["supports"], "passage_id"], scored.loc[scored["supports"], "value_code"]))
    weak = set(zip(scored.loc[~scored["supports"], "passage_id"], scored.loc[~scored["supports"], "value_code"]))
    rows = []
    for rec, f in zip(passages.itertuples(index=False), feats):
        for code, (p, best) in predict(models, f).items():
            if (p >= t and best is not None and (rec.passage_id, code) not in lex
                    and (not WEAK_ONLY or (rec.passage_id, code) in weak)):
                rows.append({"doc_id": rec.doc_id, "passage_id": rec.passage_id, "page": rec.page,
                             "section_path": rec.section_path, "value_code": code, "prob": round(p, 3),
                             "matched": best[0], "span": f"{best[1]}-{best[2]}", "text": rec.text})
    return pd.DataFrame(rows)


def read_terms(path: Path) -> dict:
    """The models of a learned-terms file written by ``--out``: value -> ({feature: weight}, intercept)."""
    tab = pd.read_csv(path, keep_default_na=False)
    models = {}
    for code, g in tab.groupby("value_code", sort=True):
        w = dict(zip(g["feature"], g["weight"].astype(float)))
        models[code] = (w, w.pop(INTERCEPT, 0.0))
    return models


def install(terms: Path, t: float) -> None:
    """For measurement only: replace :func:`aicompare.extract.score_passages` in this process by the lexicon plus the
    model's additions (a supported row, score ``min_passage_score``, the strongest positive feature as evidence),
    so that ``benchmarks/heldout.py`` and ``aicompare evaluate`` score the combination. Nothing is wired into the
    package."""
    import aicompare.extract as ex

    models, lexicon = read_terms(terms), ex.score_passages
    stops = english_stop_words()

    def combined(passages: pd.DataFrame) -> pd.DataFrame:
        out = lexicon(passages)
        df = ex._check_passages(passages)
        sup = set(zip(out.loc[out["supports"], "passage_id"], out.loc[out["supports"], "value_code"]))
        rows, replaced = [], set()
        for rec, keep in zip(df.itertuples(index=False), codable(df).tolist()):
            if not keep or ex._CJK.search(rec.text) or not ex._LATIN.search(rec.text):
                continue
            f = features(rec.text, [(s, e) for *_, s, e in match_text(rec.text)] if MASK else [], stops)
            for code, (p, best) in predict(models, f).items():
                if p >= t and best is not None and (rec.passage_id, code) not in sup:
                    replaced.add((rec.passage_id, code))
                    rows.append({"doc_id": rec.doc_id, "value_code": code, "passage_id": rec.passage_id,
                                 "page": rec.page, "section_path": rec.section_path,
                                 "score": ex._compiled().min_passage_score, "matched": rec.text[best[1]:best[2]],
                                 "text": rec.text, "spans": f"{best[1]}-{best[2]}", "status": "machine",
                                 "supports": True})
        if not rows:
            return out
        keep = [(p, c) not in replaced for p, c in zip(out["passage_id"], out["value_code"])]
        add = pd.DataFrame(rows, columns=out.columns).astype({"page": "Int64", "score": "float64"})
        res = pd.concat([out[keep], add], ignore_index=True)
        return res.sort_values(["doc_id", "passage_id", "value_code"], kind="stable").reset_index(drop=True)

    ex.score_passages = combined


def then(command: str, rest: list[str], terms: Path, t: float) -> None:
    """Run ``benchmarks/heldout.py`` or ``aicompare evaluate`` (arguments ``rest``) on the lexicon plus the model."""
    import os

    if command == "heldout":
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import heldout

        os.environ["SELFTRAIN_TERMS"], os.environ["SELFTRAIN_THRESHOLD"] = str(terms.resolve()), str(t)
        heldout.CODE = (f"import os, sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import selftrain; "
                        "selftrain.install(selftrain.Path(os.environ['SELFTRAIN_TERMS']), "
                        "float(os.environ['SELFTRAIN_THRESHOLD']))\n") + heldout.CODE
        sys.argv = ["heldout.py", *rest]
        heldout.main()
    elif command == "evaluate":
        install(terms, t)
        from aicompare.entry import main as cli

        sys.argv = ["aicompare", "evaluate", *rest]
        cli()
    else:
        raise SystemExit(f"--then: heldout or evaluate, not {command!r}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, default=ROOT / "data" / "raw")
    ap.add_argument("--labelled", type=Path, default=ROOT.parent / "shared" / "corpora" / "labelled")
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--balanced", action="store_true")
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--sample", type=int, default=0, help="print this many random additions on data/raw (seed 0)")
    ap.add_argument("--threshold", type=float, help="threshold for --sample (default: the best pooled one)")
    ap.add_argument("--terms", type=Path, help="with --then: a learned-terms file written by --out")
    ap.add_argument("--then", nargs=argparse.REMAINDER, metavar="heldout|evaluate ARGS",
                    help="score the lexicon plus --terms at --threshold with benchmarks/heldout.py or aicompare "
                         "evaluate (the rest of the command line is theirs); nothing is trained")
    ap.add_argument("--bigrams-only", action="store_true", help="word bigrams only (no unigrams)")
    ap.add_argument("--weak-only", action="store_true",
                    help="add a value only to passages where the lexicon has a weak match of it (promotion)")
    ap.add_argument("--clean", type=float, default=0.0,
                    help="leave out of a value's training set the passages whose lexicon score for it is below this "
                         "(e.g. 1.0: weak matches; 1.5: also single-term supports)")
    ap.add_argument("--no-mask", action="store_true", help="keep the lexicon's matches in the features")
    args = ap.parse_args()
    global MASK, WEAK_ONLY, BIGRAMS_ONLY
    BIGRAMS_ONLY = args.bigrams_only
    MASK = not args.no_mask
    WEAK_ONLY = args.weak_only
    if args.then:
        if args.terms is None or args.threshold is None:
            raise SystemExit("--then needs --terms and --threshold")
        then(args.then[0], args.then[1:], args.terms, args.threshold)
        return

    from aicompare.corpus.ingest import ingest

    corpus = ingest([args.raw], use_cache=True)
    p = corpus.passages
    p = p[(p["lang"] == "en") & codable(p)].reset_index(drop=True)
    p["text"] = p["text"].fillna("").astype(str)
    feats, scored = featurise(p)
    sup = scored[scored["supports"]]
    pos = sup.groupby("value_code")["passage_id"].agg(set).to_dict()
    ids = p["passage_id"].to_numpy()
    labels = {c: np.array([i in pos.get(c, set()) for i in ids], dtype=int) for c in value_codes()}
    ignore = None
    if args.clean:  # leave out passages whose label is doubtful: a below-threshold match, or a single-term support
        weak = scored[scored["score"] < args.clean].groupby("value_code")["passage_id"].agg(set).to_dict()
        ignore = {c: np.array([i in weak.get(c, set()) for i in ids]) for c in value_codes()}
    print(f"training: {len(p)} English passages of {p['doc_id'].nunique()} shipped documents; positives per value: "
          + ", ".join(f"{c} {int(y.sum())}" for c, y in labels.items()))
    models = train(feats, labels, args.C, args.balanced, args.min_df, ignore)
    n_terms = sum(len(w) for w, _ in models.values())
    print(f"model: {n_terms} non-zero weights over {len(models)} values (C {args.C}, balanced {args.balanced}, "
          f"min_df {args.min_df})")
    t = args.threshold
    if (args.labelled / "en_guideline_passages_dev.csv").is_file():
        pairs = dev_pairs(args.labelled, models)
        best = report_thresholds(pairs, [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99])
        t = best if t is None else t
    if args.out:
        rows = [(c, "en", n, w) for c, (ws, b) in sorted(models.items()) for n, w in sorted(ws.items())]
        rows += [(c, "en", INTERCEPT, b) for c, (ws, b) in sorted(models.items())]
        pd.DataFrame(rows, columns=["value_code", "lang", "feature", "weight"]).sort_values(
            ["value_code", "feature"], kind="stable").to_csv(args.out, index=False)
        print(f"wrote {args.out}")
    if args.sample and t is not None and t <= 1.0:
        add = additions(p, feats, scored, models, t)
        print(f"threshold {t:.2f}: the model adds {len(add)} evidence rows on data/raw "
              f"({add['value_code'].value_counts().to_dict() if len(add) else {}})")
        for r in add.sample(min(args.sample, len(add)), random_state=0).itertuples(index=False):
            print(f"--- {r.value_code} p {r.prob} [{r.matched}] {r.doc_id} p.{r.page} {r.section_path[:60]}\n    {r.text[:400]}")


if __name__ == "__main__":
    main()
