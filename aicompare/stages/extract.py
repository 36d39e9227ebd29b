"""The extract stage: the 22 values of every document with their evidence and document-level decisions,
written as the value matrix, the decisions table and (optionally) the evidence table, in bounded memory
(:func:`aicompare.streaming.code_to`: the tables of :func:`aicompare.extract.code_documents`, byte for byte)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import pandas as pd

from aicompare.io import check_table_path
from aicompare.streaming import StreamedCoding, code_to, system_memory_pool


@dataclass
class ExtractRun:
    """What :func:`run_extract` coded and wrote; ``reviews_path``: the reviewed-decisions file applied. ``result``
    holds the matrix and decisions; the evidence is on disk only (``result.n_evidence`` rows)."""

    result: StreamedCoding
    written: list[Path] = field(default_factory=list)
    reviews_path: Path | None = None

    @property
    def failed(self) -> bool:
        return self.result.failed


def decisions_path_for(out: Path) -> Path:
    """The default decisions table beside the matrix: ``<out stem>_decisions<suffix>``."""
    return out.with_name(out.stem + "_decisions" + (out.suffix or ".csv"))


def load_reviews(reviews: str | os.PathLike | None) -> tuple[pd.DataFrame | None, Path | None]:
    """The reviewed decisions: ``reviews`` (which must exist), else ``data/reviews.csv`` when it exists, else none.
    A malformed file raises ValueError naming it."""
    from aicompare.paths import default_reviews_path
    from aicompare.review import read_reviews

    if reviews is not None and not Path(reviews).is_file():
        raise ValueError(f"reviews file not found: {reviews}")
    path = Path(reviews) if reviews is not None else default_reviews_path()
    return (read_reviews(path), path) if path.is_file() else (None, None)


def run_extract(
    inputs: Sequence[str | os.PathLike],
    out: str | os.PathLike,
    *,
    evidence: str | os.PathLike | None = None,
    decisions: str | os.PathLike | None = None,
    reviews: str | os.PathLike | None = None,
    min_score: float | None = None,
    bom: bool = False,
    follow_outside: bool = False,
) -> ExtractRun:
    """Code ``inputs`` and write the matrix to ``out``, the decisions (default :func:`decisions_path_for`) and, when
    asked, the evidence. Output names are checked before anything is read (ValueError); when no document could be
    read nothing is written, so an earlier run's outputs are kept. Memory stays bounded whatever the corpus size
    (pyarrow then allocates with the system allocator for the rest of the process, :func:`system_memory_pool`)."""
    out = Path(out)
    decisions = Path(decisions) if decisions is not None else decisions_path_for(out)
    targets = [out, decisions, *([Path(evidence)] if evidence is not None else [])]
    for target in targets:
        check_table_path(target)
    review_table, review_path = load_reviews(reviews)
    system_memory_pool()
    res = code_to(inputs, out, decisions, evidence, reviews=review_table, min_score=min_score, bom=bom,
                  follow_outside=follow_outside)
    return ExtractRun(res, res.written or [], review_path)
