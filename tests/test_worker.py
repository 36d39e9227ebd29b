"""A function call in a worker process: the value comes back; a failure is a WorkerError, never a hang."""
import os

import pytest

from aicompare.worker import WorkerError, start_call


def test_a_call_returns_its_value_from_another_process():
    call = start_call(os.getpid)
    assert call.result() != os.getpid()
    assert start_call(sorted, ["b", "a"]).result() == ["a", "b"]


def test_a_failing_or_killed_call_raises_worker_error():
    with pytest.raises(WorkerError, match="ValueError"):
        start_call(int, "not a number").result()
    call = start_call(__import__("time").sleep, 30)
    call.cancel()
    with pytest.raises(WorkerError, match="code -9"):
        call.result()


def test_a_script_without_a_main_guard_is_not_run_again(tmp_path):
    """multiprocessing's spawn would re-run the caller's script; the worker never imports it."""
    import subprocess
    import sys

    marker = tmp_path / "runs.txt"
    script = tmp_path / "analysis.py"
    script.write_text("from pathlib import Path\n"
                      f"p = Path({str(marker)!r}); p.write_text(p.read_text() + 'x' if p.exists() else 'x')\n"
                      "from aicompare.worker import start_call\n"
                      "print(start_call(sum, [1, 2]).result())\n", encoding="utf-8")
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert r.stdout.strip() == "3" and marker.read_text() == "x", r.stderr
