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
CHUNK_ROWS = 10_000  # evidence rows written at a time
GROUP_ROWS = 10_000  # evidence rows of the documents coded at a time by the extract command (code_to)
RUN_READ_ROWS = 16_000  # evidence rows held from all the sorted runs at once while merging (shared among them)
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


def _run_rows(path: Path, rows: int = 1_000) -> Iterator[tuple]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=rows):
        yield from batch.to_pandas().itertuples(index=False, name=None)


_KEY = (EVIDENCE_COLUMNS.index("doc_id"), EVIDENCE_COLUMNS.index("passage_id"), EVIDENCE_COLUMNS.index("value_code"))


def _merged(runs: list[Path]) -> Iterator[pd.DataFrame]:
    """The evidence of all runs in (doc_id, passage_id, value_code) order, CHUNK_ROWS rows at a time.

    At most RUN_READ_ROWS rows of the runs are held at once; with more than MERGE_FAN_IN runs, groups of them are first
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
    size = max(50, RUN_READ_ROWS // max(1, len(runs)))  # the rows held do not grow with the number of runs
    rows = heapq.merge(*(_run_rows(r, size) for r in runs), key=lambda r: (r[d], r[p], r[v]))
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


# ---------------------------------------------------------------- the extract command: document rule and reviews

REVIEW_PASSAGE_COLUMNS = ["doc_id", "passage_id", "page", "section_path", "text"]  # what an added review needs


@dataclass
class StreamedCoding:
    """What :func:`code_to` coded and wrote: the small tables (one row per document, or per document and value)
    in memory, the evidence only on disk."""

    matrix: pd.DataFrame        # doc_id, V01…V22
    decisions: pd.DataFrame     # DECISION_COLUMNS
    issues: pd.DataFrame        # per-file problems of the inputs
    not_coded: list[str]        # doc_ids in languages the extractor does not read
    n_evidence: int = 0         # evidence rows (backing the 1s) written
    written: list[Path] | None = None

    @property
    def failed(self) -> bool:
        return bool((self.issues["severity"] == "error").any()) if len(self.issues) else False


class _Tally:
    """What phase one keeps of the passages: small per-document aggregates, and the passages of reviewed documents."""

    def __init__(self, reviewed: set[str]):
        from collections import Counter

        self.order: dict = {}            # documents of the passages tables, in order of appearance
        self.n_passages: Counter = Counter()
        self.langs: dict = {}            # doc_id -> Counter of its passages' languages
        self.reviewed = reviewed
        self.review_passages: list[pd.DataFrame] = []

    def add(self, batch: pd.DataFrame, ordered: bool) -> None:
        from collections import Counter

        ids = batch["doc_id"]
        if ordered:
            self.order.update(dict.fromkeys(ids.astype(str)))
        self.n_passages.update(ids.value_counts(dropna=True).to_dict())
        if "lang" in batch.columns:
            for (d, lang), n in batch.groupby(["doc_id", "lang"]).size().items():
                self.langs.setdefault(d, Counter())[lang] += int(n)
        if self.reviewed:
            hit = batch[ids.astype(str).isin(self.reviewed)]
            if len(hit):
                self.review_passages.append(hit[[c for c in REVIEW_PASSAGE_COLUMNS if c in hit.columns]])

    def lang(self, doc_id) -> str:
        """The most common language of the document's passages (ties: the first in sort order), as
        :func:`aicompare.extract.read_inputs` gives it; "" when none."""
        counts = self.langs.get(doc_id)
        if not counts:
            return ""
        top = max(counts.values())
        return min(k for k, n in counts.items() if n == top)


def system_memory_pool() -> None:
    """Let pyarrow (and the text columns of pandas) allocate with the system allocator for the rest of the process:
    its default pool (mimalloc) keeps freed memory, about 100 MB more peak memory for a streamed command."""
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())


def code_to(paths: Sequence[str | os.PathLike] | str | os.PathLike, matrix: str | os.PathLike,
            decisions: str | os.PathLike, evidence: str | os.PathLike | None = None, *,
            reviews: pd.DataFrame | None = None, min_score: float | None = None, bom: bool = False,
            use_cache: bool = True, follow_outside: bool = False, batch_rows: int = BATCH_ROWS) -> StreamedCoding:
    """What the ``extract`` command writes, in bounded memory: the tables of :func:`aicompare.extract.read_inputs`
    then :func:`aicompare.extract.code_documents`, written with :func:`aicompare.io.write_table`, byte for byte.

    Phase one reads the passages ``batch_rows`` at a time (ingested ``passages.parquet`` tables in row batches,
    files and folders ingested batch by batch; manifests and WAIE files as every command reads them), scores them
    (:func:`aicompare.extract.extract_values`), spills the machine evidence to sorted runs and keeps only
    per-document aggregates (passage counts, languages) and the passages of reviewed documents. Phase two merges
    the runs in evidence order (doc_id, passage_id, value_code): each group of complete documents is coded by
    :func:`aicompare.extract.code_evidence` (the document rule, then its own reviews) and its evidence appended to
    ``evidence``; the matrix and decisions (one row per document and value) are written at the end. When no
    document can be read nothing is written.
    """
    from aicompare.corpus.load import is_waie_file
    from aicompare.extract import decision_matrix, extract_values, not_coded_documents
    from aicompare.io import write_table, write_table_chunks
    from aicompare.schema import COLUMNS

    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else paths)]
    reviews = reviews if reviews is not None and len(reviews) else None
    tally = _Tally(set(reviews["doc_id"].astype(str)) if reviews is not None else set())
    issues: list[dict] = []
    is_table = [p.suffix.lower() == ".parquet" and not is_waie_file(p) for p in paths]
    tables = []
    for p in [p for p, t in zip(paths, is_table) if t]:
        problem = _passages_file_problem(p)
        if problem:
            issues.append({"path": str(p), "doc_id": None, "severity": "error", "code": "bad_passages",
                           "message": problem})
        else:
            tables.append(p)
    others = [p for p, t in zip(paths, is_table) if not t]
    read: dict = {}  # what reading ``others`` gave: their documents and issues
    with tempfile.TemporaryDirectory(prefix="aicompare-evidence-") as tmp:
        runs: list[Path] = []
        for batch in _passage_batches(tables, others, tally, read, use_cache, follow_outside, batch_rows):
            ev = extract_values(batch, min_score=min_score)
            if len(ev):
                runs.append(_spill(ev, Path(tmp) / f"run{len(runs):06d}.parquet"))
            del ev, batch
        issues += read.get("issues", [])
        documents = _documents_of(tally, read.get("documents"))
        issues_df = pd.DataFrame(issues, columns=COLUMNS["issues"])
        not_coded = not_coded_documents(documents)
        if documents.empty:  # nothing could be read: the outputs of an earlier run are kept
            return StreamedCoding(decision_matrix(_no_decisions()), _no_decisions(), issues_df, not_coded, 0, [])
        coded = _CodedGroups(_merged(runs), documents["doc_id"].tolist(), tally, set(not_coded), reviews,
                             group_rows=min(batch_rows, GROUP_ROWS))
        written = []
        if evidence is not None:
            written.append(write_table_chunks(coded, evidence, bom=bom, empty=_empty_evidence()))
        else:
            for _ in coded:
                pass
    dec = coded.decisions(documents["doc_id"].tolist())
    m = decision_matrix(dec)
    written = [write_table(m, matrix, bom=bom), write_table(dec, decisions, bom=bom), *written]
    return StreamedCoding(m, dec, issues_df, not_coded, coded.n_evidence, written)


def _passage_batches(tables: list[Path], others: list[Path], tally: _Tally, read: dict, use_cache: bool,
                     follow_outside: bool, batch_rows: int) -> Iterator[pd.DataFrame]:
    """The passages of the inputs in batches, each added to ``tally``: the passages tables', then those of the
    other inputs, read as :func:`aicompare.extract.read_inputs` reads them (whose documents and issues go to
    ``read``)."""
    from aicompare.corpus.ingest import _documents_frame, _ingest_batches, _issues_frame, _passages_frame
    from aicompare.corpus.load import corpus_kind, load_corpus
    from aicompare.corpus.pool import DEFAULT_FILE_TIMEOUT

    for p in tables:
        for batch in parquet_batches(p, batch_rows, EXTRACT_COLUMNS + ["lang"]):
            tally.add(batch, ordered=True)
            yield batch
    if not others:
        return
    if any(corpus_kind(p) != "ingest" for p in others):  # manifests and WAIE files: read whole
        res = load_corpus(others, follow_outside=follow_outside)
        tally.add(res.passages, ordered=False)
        yield res.passages
        documents, found = res.documents, res.issues
    else:  # files and folders: ingested batch by batch
        doc_rows: list[dict] = []
        found_rows: list[dict] = []
        for frame in _ingest_batches(others, doc_rows, found_rows, pdf_engine="pypdfium2", workers=None,
                                     use_cache=use_cache, progress=False, file_timeout=DEFAULT_FILE_TIMEOUT,
                                     batch_passages=batch_rows, follow_outside=follow_outside):
            if len(frame):
                batch = _passages_frame([frame])
                del frame
                tally.add(batch, ordered=False)
                yield batch
        documents, found = _documents_frame(doc_rows), _issues_frame(found_rows)
    read["documents"] = documents.assign(doc_id=documents["doc_id"].astype(str))
    read["issues"] = found.to_dict("records")


def _documents_of(tally: _Tally, others: pd.DataFrame | None) -> pd.DataFrame:
    """``doc_id`` and ``lang`` of every document, as :func:`aicompare.extract.read_inputs` gives them: the passages
    tables' documents in order of appearance, then the documents read from the other inputs; the language of a
    document read from the other inputs is its own, else its passages' most common."""
    ids = list(tally.order)
    own: dict = {}
    if others is not None:
        ids += others["doc_id"].tolist()
        langs = others["lang"] if "lang" in others.columns else [None] * len(others)
        own = dict(zip(others["doc_id"][::-1], list(langs)[::-1]))  # the first row of a doc_id wins
    ids = list(dict.fromkeys(ids))
    return pd.DataFrame({"doc_id": ids, "lang": [own[d] if d in own else tally.lang(d) for d in ids]},
                        columns=["doc_id", "lang"])


def _no_decisions() -> pd.DataFrame:
    from aicompare.extract import DECISION_COLUMNS

    return pd.DataFrame(columns=DECISION_COLUMNS)


class _CodedGroups:
    """Phase two of :func:`code_to`. Iterating gives the coded evidence (the rows backing the 1s, in evidence order)
    of consecutive groups of complete documents, each of at least ``group_rows`` machine evidence rows (the last:
    the rest), never part of a document; documents without evidence are coded with their neighbours.
    :meth:`decisions` then gives the decisions of all documents, in ``doc_ids`` order."""

    def __init__(self, merged: Iterator[pd.DataFrame], doc_ids: list[str], tally: _Tally, not_coded: set[str],
                 reviews: pd.DataFrame | None, group_rows: int):
        self.merged, self.tally, self.not_coded, self.group_rows = merged, tally, not_coded, group_rows
        self.sorted_ids = sorted(doc_ids)
        self.reviews = reviews
        self.review_passages = (pd.concat(tally.review_passages, ignore_index=True) if tally.review_passages
                                else None)
        self.parts: list[pd.DataFrame] = []
        self.n_evidence = 0

    def __iter__(self) -> Iterator[pd.DataFrame]:
        import bisect

        done = 0  # documents of sorted_ids coded so far
        pending: list[pd.DataFrame] = []
        n_pending = 0
        for chunk in self.merged:
            pending.append(chunk)
            n_pending += len(chunk)
            if n_pending < self.group_rows:
                continue
            rows = pd.concat(pending, ignore_index=True) if len(pending) > 1 else pending[0]
            ids = rows["doc_id"].to_numpy()
            starts = [0, *(ids[1:] != ids[:-1]).nonzero()[0] + 1]  # where each document's rows begin
            cut = 0
            for start in starts[1:]:  # the last document may go on in the next chunk
                if start - cut >= self.group_rows:
                    upto = bisect.bisect_left(self.sorted_ids, ids[start], lo=done)
                    yield self._code(rows.iloc[cut:start], self.sorted_ids[done:upto])
                    cut, done = start, upto
            pending = [rows.iloc[cut:]] if cut else [rows]
            n_pending = len(rows) - cut
        if done < len(self.sorted_ids) or n_pending:
            rows = pd.concat(pending, ignore_index=True) if pending else _empty_evidence()
            yield self._code(rows, self.sorted_ids[done:])

    def _code(self, evidence: pd.DataFrame, doc_ids: list[str]) -> pd.DataFrame:
        from aicompare.extract import code_evidence

        reviews = passages = None
        if self.reviews is not None:
            mine = self.reviews["doc_id"].astype(str).isin(set(doc_ids))
            if mine.any():
                reviews, passages = self.reviews[mine].reset_index(drop=True), self.review_passages
        ev, dec = code_evidence(evidence.reset_index(drop=True), doc_ids, self.tally.n_passages,
                                [d for d in doc_ids if d in self.not_coded], reviews, passages)
        self.parts.append(dec)
        self.n_evidence += len(ev)
        return _typed(ev)

    def decisions(self, doc_ids: list[str]) -> pd.DataFrame:
        """The decisions of all documents (after iterating), in ``doc_ids`` order."""
        dec = pd.concat(self.parts, ignore_index=True) if self.parts else _no_decisions()
        position = {d: i for i, d in enumerate(doc_ids)}
        order = dec["doc_id"].map(position).to_numpy().argsort(kind="stable")
        return dec.iloc[order].reset_index(drop=True)
