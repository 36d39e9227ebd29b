"""The extract stage: the 22 values of every document with their evidence and document-level decisions,
written as the value matrix, the decisions table and (optionally) the evidence table."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import pandas as pd

from aicompare.extract import ExtractResult, extract_from_paths
from aicompare.io import check_table_path, write_table


@dataclass
class ExtractRun:
    """What :func:`run_extract` coded and wrote; ``reviews_path``: the reviewed-decisions file applied."""

    result: ExtractResult
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
    read nothing is written, so an earlier run's outputs are kept."""
    out = Path(out)
    decisions = Path(decisions) if decisions is not None else decisions_path_for(out)
    targets = [out, decisions, *([Path(evidence)] if evidence is not None else [])]
    for target in targets:
        check_table_path(target)
    review_table, review_path = load_reviews(reviews)
    res = extract_from_paths(inputs, min_score=min_score, reviews=review_table, follow_outside=follow_outside)
    run = ExtractRun(res, [], review_path)
    if res.matrix.empty:
        return run
    run.written = [write_table(res.matrix, out, bom=bom), write_table(res.decisions, decisions, bom=bom)]
    if evidence is not None:
        run.written.append(write_table(res.evidence, Path(evidence), bom=bom))
    return run
