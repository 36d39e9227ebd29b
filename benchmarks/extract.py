"""Benchmark: value extraction over the default corpus (data/raw) plus the WAIE development subset.

Prints passages, seconds (lexicon compilation and extraction, cold and warm) and passages/s.
Target (issue 3): extraction over the default corpus + WAIE subset in under 3 s.
Run from the project root: ``python benchmarks/extract.py``.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's package, not another install

from aicompare.corpus.ingest import ingest  # noqa: E402
from aicompare.evaluate import _read_waie_dev, default_waie_path  # noqa: E402
from aicompare.extract import _compiled, extract_values, value_matrix  # noqa: E402
from aicompare.paths import raw_dir  # noqa: E402
from aicompare.schema import PASSAGE_COLUMNS  # noqa: E402


def main() -> None:
    res = ingest([raw_dir()])
    frames = [res.passages]
    doc_ids = res.documents["doc_id"].tolist()
    waie = default_waie_path()
    if waie is not None:
        _, wp = _read_waie_dev(waie)
        frames.append(wp[PASSAGE_COLUMNS])
        doc_ids += list(dict.fromkeys(wp["doc_id"]))
    passages = pd.concat(frames, ignore_index=True)
    print(f"corpus: {len(doc_ids)} documents, {len(passages)} passages"
          f" ({'default corpus + WAIE dev' if waie else 'default corpus only: WAIE dev not found'})")

    t0 = time.perf_counter()
    _compiled()
    t1 = time.perf_counter()
    ev = extract_values(passages)
    m = value_matrix(ev, doc_ids)
    t2 = time.perf_counter()
    ev = extract_values(passages)
    t3 = time.perf_counter()
    cold = t2 - t0
    print(f"lexicon compile      {t1 - t0:6.2f} s")
    print(f"extraction (cold)    {cold:6.2f} s  incl. compile, tokenizer start and matrix "
          f"({len(passages) / cold:,.0f} passages/s)")
    print(f"extraction (warm)    {t3 - t2:6.2f} s  ({len(passages) / (t3 - t2):,.0f} passages/s)")
    print(f"evidence rows        {len(ev)}; matrix {m.shape[0]} x {m.shape[1] - 1}")
    print(f"target < 3 s (cold): {'met' if cold < 3 else 'NOT met'}")


if __name__ == "__main__":
    main()
