"""Benchmark: coverage of 200 documents against the AI Guidelines for Business (target < 5 s).

The 200 documents are copies of real texts (the seeds in data/raw and, when present, the shared
English PDF of the guideline), each under its own doc_id, so the text volume is realistic.
Run from the project root:  python benchmarks/coverage.py [N_DOCS]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aicompare.corpus.ingest import ingest  # noqa: E402
from aicompare.coverage import coverage_against, coverage_documents, match_passages  # noqa: E402
from aicompare.guideline import guideline_source, parse_guideline  # noqa: E402
from aicompare.paths import shared_dir  # noqa: E402


def corpus_of(n_docs: int) -> pd.DataFrame:
    paths = [ROOT / "data" / "raw"]
    shared = shared_dir()
    pdf = shared / "corpora" / "pdf" / "jp_meti_mic_ai_guidelines_for_business_v1_0_en.pdf" if shared else None
    if pdf is not None and pdf.is_file():
        paths.append(pdf)
    base = ingest(paths).passages
    sources = list(dict.fromkeys(base["doc_id"]))
    frames = []
    for k in range(n_docs):
        src = base[base["doc_id"] == sources[k % len(sources)]]
        doc = f"bench{k:03d}"
        frames.append(src.assign(doc_id=doc, passage_id=[f"{doc}:{i:05d}" for i in range(len(src))]))
    return pd.concat(frames, ignore_index=True)


def main(n_docs: int = 200) -> None:
    passages = corpus_of(n_docs)
    chars = int(passages["text"].str.len().sum())
    print(f"corpus: {n_docs} documents, {len(passages):,} passages, {chars:,} characters")

    t0 = time.perf_counter()
    g = parse_guideline(guideline_source())
    t1 = time.perf_counter()
    ev = match_passages(passages, g)
    t2 = time.perf_counter()
    cov = coverage_documents(passages, g, evidence=ev)
    t3 = time.perf_counter()
    res = coverage_against(passages, g)
    t4 = time.perf_counter()
    print(f"parse guideline            {t1 - t0:6.2f} s")
    print(f"match passages (lexicon)   {t2 - t1:6.2f} s   ({len(ev):,} evidence rows)")
    print(f"document × item grid       {t3 - t2:6.2f} s   ({len(cov):,} cells)")
    print(f"coverage of {n_docs} documents  {t3 - t1:6.2f} s   (target < 5 s)")
    print(f"coverage_against, all      {t4 - t3:6.2f} s   (values incl. extractor on the guideline, "
          f"{int(res.documents['covered'].sum()):,} covered cells)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
