"""Speed of the overseas comparison and of clustering (issue 6 targets), printed as figures.

    python benchmarks/compare_cluster.py [WAIE_PARQUET]

* WAIE compare: load the WAIE file, extract the 22 values, aggregate by region, country and
  publisher type, apply the review's selection and the overseas/domestic prevalence
  (tables only; figure export runs Chromium and is timed apart). Target < 5 s.
* Clustering 200 documents in both views (values: Jaccard/Ward; text: TF-IDF/LSA/k-means), each
  with its silhouette choice of k and 50 bootstrap resamples. The WAIE dev subset has 109
  documents, so they are resampled to 200 (fixed seed, copies renamed). Target < 10 s.

Uses ``$AICOMPARE_WAIE``, ``data/external/waie/data_raw.parquet`` or ``../shared/corpora/waie/waie_dev.parquet``.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from aicompare.cluster import cluster_text, cluster_values, compare_text_representations, labelled_passages
from aicompare.compare import (
    GROUP_KEYS, aggregate_values, corpus_values, domestic_doc_ids, prevalence_comparison, review_scope,
    review_selection, value_prevalence,
)
from aicompare.corpus.fetch import locate_waie
from aicompare.corpus.waie import load_waie
from aicompare.figures.compare import matrix_figure

N_CLUSTER_DOCS = 200
SEED = 0


def _timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def resample(documents: pd.DataFrame, passages: pd.DataFrame, matrix: pd.DataFrame, n: int, seed: int):
    """``n`` documents drawn with replacement; copies get new ids so that all are distinct."""
    rng = np.random.default_rng(seed)
    picks = documents["doc_id"].to_numpy()[np.sort(rng.choice(len(documents), size=n, replace=n > len(documents)))]
    new_ids = [f"{d}-r{i:03d}" for i, d in enumerate(picks)]
    rename = pd.DataFrame({"doc_id": picks, "new_id": new_ids})
    docs = rename.merge(documents, on="doc_id").drop(columns="doc_id").rename(columns={"new_id": "doc_id"})
    ps = rename.merge(passages, on="doc_id")
    ps["passage_id"] = ps["new_id"] + ":" + ps["passage_id"].str.rsplit(":", n=1).str[-1]
    ps = ps.drop(columns="doc_id").rename(columns={"new_id": "doc_id"})
    mat = rename.merge(matrix, on="doc_id").drop(columns="doc_id").rename(columns={"new_id": "doc_id"})
    return docs, ps, mat


def compare_waie(path: Path) -> dict:
    t0 = time.perf_counter()
    documents, passages = load_waie(path)
    t_load = time.perf_counter() - t0
    (evidence, matrix), t_extract = _timed(corpus_values, passages, documents["doc_id"].tolist())
    t1 = time.perf_counter()
    tables = {by: aggregate_values(matrix, documents, by) for by in GROUP_KEYS}
    selection = review_selection(documents, review_scope())
    home = domestic_doc_ids(documents)
    overseas = sorted(set(documents["doc_id"]) - set(home))
    prevalence_comparison(value_prevalence(matrix, overseas), value_prevalence(matrix, home))
    t_aggregate = time.perf_counter() - t1
    _, t_fig = _timed(matrix_figure, tables["region"])
    total = time.perf_counter() - t0 - t_fig
    return {"documents": len(documents), "passages": len(passages), "evidence": len(evidence),
            "selected": int(selection["selected"].sum()), "load_s": t_load, "extract_s": t_extract,
            "aggregate_s": t_aggregate, "total_s": total, "figure_build_s": t_fig,
            "documents_data": (documents, passages, matrix)}


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else locate_waie()
    if path is None or not path.is_file():
        print("no WAIE file: run `aicompare fetch waie`, set AICOMPARE_WAIE or pass a path")
        return 1
    print(f"WAIE file: {path}")
    c = compare_waie(path)
    print(f"WAIE compare: {c['documents']} documents, {c['passages']} passages, {c['evidence']} evidence rows, "
          f"{c['selected']} pass the review's rules")
    print(f"  load {c['load_s']:.2f} s, extract {c['extract_s']:.2f} s, aggregate 3 groupings + selection + "
          f"prevalence {c['aggregate_s']:.2f} s → total {c['total_s']:.2f} s (target < 5 s: "
          f"{'OK' if c['total_s'] < 5 else 'MISSED'}); matrix figure built in {c['figure_build_s']:.2f} s")

    documents, passages, matrix = c["documents_data"]
    docs200, ps200, mat200 = resample(documents, passages, matrix, N_CLUSTER_DOCS, SEED)
    values, t_values = _timed(cluster_values, mat200)
    text, t_text = _timed(cluster_text, ps200)
    total = t_values + t_text
    print(f"Clustering {len(docs200)} documents (resampled from {len(documents)}), 50 bootstrap resamples each:")
    for res, t in ((values, t_values), (text, t_text)):
        r = res.report()
        print(f"  {r['view']:6s} {t:5.2f} s  k={r['k']} (of 2…{r['k_max']}), silhouette {r['silhouette']:.3f}, "
              f"bootstrap ARI {r['ari_mean']:.3f} ± {r['ari_std']:.3f}")
    print(f"  both views {total:.2f} s (target < 10 s: {'OK' if total < 10 else 'MISSED'})")
    print("  (copies of a document are identical, so clusters of the resampled set are tighter than the real ones)")

    v109, t_v109 = _timed(cluster_values, matrix)
    t109, t_t109 = _timed(cluster_text, passages)
    print(f"Clustering the {len(documents)} real documents:")
    for res, t in ((v109, t_v109), (t109, t_t109)):
        r = res.report()
        print(f"  {r['view']:6s} {t:5.2f} s  k={r['k']} (of 2…{r['k_max']}), silhouette {r['silhouette']:.3f}, "
              f"bootstrap ARI {r['ari_mean']:.3f} ± {r['ari_std']:.3f}")

    print("Text features, char n-grams vs fugashi tokens (label recovery on labelled passages):")
    en = compare_text_representations(passages["text"], passages["heading"])
    print("  WAIE principle passages (en):")
    print(en.to_string(index=False))
    from aicompare.corpus.ingest import ingest
    from aicompare.paths import raw_dir

    seeds = ingest([raw_dir()])
    ja_set = labelled_passages(seeds.passages, "C. 共通の指針")
    ja = compare_text_representations(ja_set["text"], ja_set["label"])
    print("  business guideline, passages of the ten common principles (ja):")
    print(ja.to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
