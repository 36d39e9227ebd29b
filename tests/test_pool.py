"""Parsing in worker processes (aicompare.corpus.pool): the read-ahead window keeps workers busy while the caller
is busy, and stays bounded."""
import threading
import time

from aicompare.corpus import pool


def _size(path: str) -> dict:
    with open(path, "rb") as f:
        return {"bytes": len(f.read())}


def _parsed_while_busy(tmp_path, n_files: int, wait: float, expect: int | None = None) -> tuple[int, list[dict]]:
    """Files parsed before the caller takes its first result (it is busy until ``n_files`` — or ``expect``, then
    one second more — are parsed, ``wait`` s at most), then all results."""
    files = []
    for i in range(n_files):
        f = tmp_path / f"f{i}.txt"
        f.write_bytes(b"x" * (i + 1))
        files.append((str(f),))
    done = []
    lock = threading.Lock()

    def on_result() -> None:
        with lock:
            done.append(1)

    it = pool.parse_all(_size, files, workers=2, timeout=30, on_result=on_result)
    deadline = time.monotonic() + wait
    while len(done) < (expect or n_files) and time.monotonic() < deadline:
        time.sleep(0.05)  # the caller's own work (loading the later stages, in a run)
    if expect is not None:
        time.sleep(1.0)  # would the workers read on?
    before = len(done)
    return before, list(it)


def test_workers_keep_reading_while_the_caller_is_busy(tmp_path):
    before, results = _parsed_while_busy(tmp_path, 10, wait=20)
    assert before == 10  # not only the 2 files per worker of the minimum window
    assert results == [{"bytes": i + 1} for i in range(10)]  # in input order


def test_read_ahead_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(pool, "WINDOW_BYTES", 0)  # no byte allowance: 2 files per worker
    before, results = _parsed_while_busy(tmp_path, 10, wait=20, expect=4)
    assert before == 4
    assert results == [{"bytes": i + 1} for i in range(10)]
