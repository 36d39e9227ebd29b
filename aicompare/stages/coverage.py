"""The coverage stage's files: the tables of a :class:`~aicompare.coverage.CoverageResult` and its charts."""
from __future__ import annotations

from pathlib import Path

from aicompare.coverage import CoverageResult
from aicompare.figures.coverage import save_coverage_figures
from aicompare.figures.wording import check_lang
from aicompare.io import write_table


def write_coverage_outputs(result: CoverageResult, out_dir: str | Path, *, figures_dir: str | Path | None = None,
                           lang: str = "ja") -> list[Path]:
    """Write coverage_values.csv, coverage_documents.csv (+ evidence, summary, gaps, groups and the parsed
    guideline structure under ``guideline/``) atomically to ``out_dir``; with ``figures_dir`` also the charts."""
    check_lang(lang)
    out = Path(out_dir)
    written = [
        write_table(result.values, out / "coverage_values.csv"),
        write_table(result.documents, out / "coverage_documents.csv"),
        write_table(result.evidence, out / "coverage_evidence.csv"),
        write_table(result.summary, out / "coverage_summary.csv"),
        write_table(result.gaps, out / "coverage_gaps.csv"),
    ]
    if len(result.groups):
        written.append(write_table(result.groups, out / "coverage_groups.csv"))
    for name, table in result.guideline.tables().items():
        written.append(write_table(table, out / "guideline" / f"{name}.csv"))
    if figures_dir is not None:
        written += save_coverage_figures(result, figures_dir, lang=lang)
    return written
