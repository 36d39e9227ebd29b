"""Value extraction over corpora of any size, in batches: memory stays flat, outputs equal the in-memory ones.

    res = extract_to(["passages.parquet"], matrix="matrix.csv", evidence="evidence.csv")

Passages are read ``batch_rows`` at a time (from ingested ``passages.parquet`` files, or from files and
folders ingested batch by batch), each batch goes through :func:`aicompare.extract.extract_values`
unchanged, and only two things are kept between batches: the (document, value) pairs found, from which
the matrix is built at the end, and the batch's evidence, spilled to a sorted temporary file. The evidence
table is then written by merging those files in the order ``extract_values`` gives the whole corpus
(doc_id, passage_id, value_code), chunk by chunk. Matrix and evidence are byte-identical to
``value_matrix(extract_values(all passages))`` written with :func:`aicompare.io.write_table`.
"""
from __future__ import annotations

import heapq
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import pandas as pd

from aicompare.schema import EVIDENCE_COLUMNS

BATCH_ROWS = 20_000  # passages scored at a time
CHUNK_ROWS = 20_000  # evidence rows written at a time
RUN_READ_ROWS = 1_000  # evidence rows read at a time from each sorted run while merging
MERGE_FAN_IN = 64  # runs merged at once; more runs are first merged into larger runs (memory stays flat)
# the passage columns extraction reads (text_raw, the largest, is left on disk)
EXTRACT_COLUMNS = ["doc_id", "passage_id", "page", "section_path", "kind", "text"]


@dataclass
class StreamedExtract:
    matrix: pd.DataFrame        # doc_id, V01…V22 (small: one row per document)
    n_evidence: int             # evidence rows written
    issues: pd.DataFrame        # per-file problems of the inputs
    written: list[Path]

    @property
    def failed(self) -> bool:
        return bool((self.issues["severity"] == "error").any()) if len(self.issues) else False


def parquet_batches(path: str | os.PathLike, batch_rows: int = BATCH_ROWS,
                    columns: Sequence[str] = EXTRACT_COLUMNS) -> Iterator[pd.DataFrame]:
    """The passages of an ingested ``passages.parquet``, ``batch_rows`` at a time (only ``columns`` present)."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    names = set(pf.schema_arrow.names)
    missing = [c for c in ("doc_id", "passage_id", "text") if c not in names]
    if missing:
        raise ValueError(f"{Path(path).name}: not an ingested passages table (missing {', '.join(missing)}); "
                         "give the passages.parquet written by 'aicompare ingest'")
    cols = [c for c in columns if c in names]
    for batch in pf.iter_batches(batch_size=batch_rows, columns=cols):
        yield batch.to_pandas()


def extract_batches(batches: Iterable[pd.DataFrame], matrix: str | os.PathLike | None,
                    evidence: str | os.PathLike | None, *, doc_ids: Iterable[str] | None = None,
                    seen_doc_ids: list[str] | None = None, min_score: float | None = None,
                    bom: bool = False) -> tuple[pd.DataFrame, int, list[Path]]:
    """Extract the values of passage ``batches`` and write the matrix and evidence tables incrementally.

    ``doc_ids`` fixes the matrix rows (a callable's result is taken after the last batch when
    ``seen_doc_ids`` is given: the documents met in the batches, in order). Returns the matrix, the
    number of evidence rows and the files written.
    """
    from aicompare.extract import extract_values, value_matrix
    from aicompare.io import write_table

    pairs: set[tuple[str, str]] = set()
    n_evidence = 0
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="aicompare-evidence-") as tmp:
        runs: list[Path] = []
        for batch in batches:
            if seen_doc_ids is not None:
                seen_doc_ids.extend(batch["doc_id"].astype(str).drop_duplicates())
            ev = extract_values(batch, min_score=min_score)
            pairs.update(zip(ev["doc_id"], ev["value_code"]))
            n_evidence += len(ev)
            if evidence is not None and len(ev):
                runs.append(_spill(ev, Path(tmp) / f"run{len(runs):06d}.parquet"))
            del ev, batch
        found = pd.DataFrame(sorted(pairs), columns=["doc_id", "value_code"])
        ids = doc_ids if doc_ids is not None else (seen_doc_ids if seen_doc_ids is not None else None)
        m = value_matrix(found, ids)
        if matrix is not None:
            written.append(write_table(m, matrix, bom=bom))
        if evidence is not None:
            from aicompare.io import write_table_chunks

            written.append(write_table_chunks(_merged(runs), evidence, bom=bom, empty=_empty_evidence()))
    return m, n_evidence, written


def _empty_evidence() -> pd.DataFrame:
    from aicompare.extract import extract_values

    return extract_values(pd.DataFrame({"doc_id": [], "passage_id": [], "text": []}))


def _spill(ev: pd.DataFrame, path: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pandas(ev, preserve_index=False), path)
    return path


def _run_rows(path: Path) -> Iterator[tuple]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=RUN_READ_ROWS):
        yield from batch.to_pandas().itertuples(index=False, name=None)


_KEY = (EVIDENCE_COLUMNS.index("doc_id"), EVIDENCE_COLUMNS.index("passage_id"), EVIDENCE_COLUMNS.index("value_code"))


def _merged(runs: list[Path]) -> Iterator[pd.DataFrame]:
    """The evidence of all runs in (doc_id, passage_id, value_code) order, CHUNK_ROWS rows at a time.

    Each run is read RUN_READ_ROWS rows at a time; with more than MERGE_FAN_IN runs, groups of them are first
    merged into larger runs, so the rows held at once do not grow with the corpus."""
    import pyarrow.parquet as pq

    while len(runs) > MERGE_FAN_IN:
        merged = []
        for k in range(0, len(runs), MERGE_FAN_IN):
            group = runs[k:k + MERGE_FAN_IN]
            out = group[0].with_name(f"{group[0].stem}-m{len(runs)}.parquet")
            writer = None
            for chunk in _merge_group(group):
                import pyarrow as pa

                table = pa.Table.from_pandas(chunk, preserve_index=False)
                if writer is None:
                    writer = pq.ParquetWriter(out, table.schema)
                writer.write_table(table.cast(writer.schema))
            if writer is not None:
                writer.close()
            for r in group:
                r.unlink()
            merged.append(out)
        runs = merged
    if len(runs) == 1:  # one batch: already in order
        for batch in pq.ParquetFile(runs[0]).iter_batches(batch_size=CHUNK_ROWS):
            yield _typed(batch.to_pandas())
        return
    yield from _merge_group(runs)


def _merge_group(runs: list[Path]) -> Iterator[pd.DataFrame]:
    d, p, v = _KEY
    rows = heapq.merge(*(_run_rows(r) for r in runs), key=lambda r: (r[d], r[p], r[v]))
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK_ROWS:
            yield _typed(pd.DataFrame.from_records(chunk, columns=EVIDENCE_COLUMNS))
            chunk = []
    if chunk:
        yield _typed(pd.DataFrame.from_records(chunk, columns=EVIDENCE_COLUMNS))


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """The column types ``extract_values`` gives (a nullable integer page, a float score)."""
    df = df[EVIDENCE_COLUMNS].copy()
    df["page"] = df["page"].astype("Int64")
    df["score"] = df["score"].astype("float64")
    return df


def extract_to(paths: Sequence[str | os.PathLike] | str | os.PathLike, matrix: str | os.PathLike | None,
               evidence: str | os.PathLike | None = None, *, min_score: float | None = None, bom: bool = False,
               use_cache: bool = True, batch_rows: int = BATCH_ROWS) -> StreamedExtract:
    """:func:`aicompare.extract.extract_from_paths` written straight to ``matrix`` / ``evidence``, in bounded memory.

    ``.parquet`` inputs are ingested passage tables, read in batches; other inputs are ingested batch by batch.
    The tables written equal those of ``extract_from_paths`` written with ``write_table``.
    """
    from aicompare.corpus.ingest import _ingest_batches, _issues_frame, _passages_frame
    from aicompare.corpus.pool import DEFAULT_FILE_TIMEOUT

    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else paths)]
    issues: list[dict] = []
    seen: list[str] = []
    doc_rows: list[dict] = []
    readable = []
    for p in [p for p in paths if p.suffix.lower() == ".parquet"]:
        problem = _passages_file_problem(p)
        if problem:
            issues.append({"path": str(p), "doc_id": None, "severity": "error", "code": "bad_passages",
                           "message": problem})
            continue
        readable.append(p)
    others = [p for p in paths if p.suffix.lower() != ".parquet"]
    n_seen_parquet = [0]

    def batches() -> Iterator[pd.DataFrame]:
        for p in readable:
            yield from parquet_batches(p, batch_rows)
        n_seen_parquet[0] = len(seen)
        if others:
            for frame in _ingest_batches(others, doc_rows, issues, pdf_engine="pypdfium2", workers=None,
                                         use_cache=use_cache, progress=False,
                                         file_timeout=DEFAULT_FILE_TIMEOUT, batch_passages=batch_rows):
                if len(frame):
                    yield _passages_frame([frame])

    m, n_ev, written = extract_batches(batches(), matrix, evidence, seen_doc_ids=seen, min_score=min_score, bom=bom,
                                       doc_ids=_LateIds(seen, n_seen_parquet, doc_rows))
    return StreamedExtract(m, n_ev, _issues_frame(issues), written)


def _passages_file_problem(path: Path) -> str | None:
    """Why ``path`` is not an ingested passages table (a message naming it), or None."""
    import pyarrow.parquet as pq

    try:
        names = set(pq.ParquetFile(path).schema_arrow.names)
    except Exception as exc:
        return f"{path.name}: cannot be read as a parquet table ({type(exc).__name__}: {exc})"
    missing = [c for c in ("doc_id", "passage_id", "text") if c not in names]
    if missing:
        return (f"{path.name}: not an ingested passages table (missing {', '.join(missing)}); "
                "give the passages.parquet written by 'aicompare ingest'")
    return None


class _LateIds:
    """The matrix rows of :func:`extract_to`, known only after the last batch: the documents of the parquet
    inputs in order of appearance, then the ingested documents in ingest order."""

    def __init__(self, seen: list[str], n_parquet: list[int], doc_rows: list[dict]):
        self.seen, self.n_parquet, self.doc_rows = seen, n_parquet, doc_rows

    def __iter__(self):
        ids = list(dict.fromkeys(self.seen[:self.n_parquet[0]]))
        ids += [str(r["doc_id"]) for r in self.doc_rows]
        return iter(ids)
