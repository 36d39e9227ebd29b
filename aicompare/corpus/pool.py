"""Parsing files in worker processes: results in input order, one file's failure costs only that file.

``parse_all(fn, tasks, workers=…, timeout=…)`` yields ``fn(*task)`` for every task, in order. With
``workers <= 1`` the tasks run in this process (no start-up cost: the right choice for small batches);
otherwise in worker processes, so that

* a worker killed while reading a file (as the out-of-memory killer does) costs that file only: it gets an
  ``error`` result (code ``worker_killed``), a new worker takes over and the other files are parsed;
* a file that takes longer than ``timeout`` seconds is stopped (its worker is killed and replaced) and gets an
  ``error`` result (code ``timeout``). In this process the limit is kept with a timer signal where the
  platform allows it (the main thread on POSIX).

Results are collected by a background thread as soon as a worker has one, so the workers never wait for
the caller. Files in flight or waiting to be taken are bounded (bounded memory): ``2 × workers`` files, or more
while their total size stays within ``WINDOW_BYTES``, so that the workers keep reading while the caller is busy
with other work (loading later stages) instead of stopping after two files each.
This module imports nothing heavy: workers forked from a light process start in milliseconds.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable, Iterator, Sequence

DEFAULT_FILE_TIMEOUT = 300.0  # seconds for one file (the largest real guideline PDFs take a few seconds)
# files read ahead of the caller may total this many bytes of input (beyond the 2 per worker always allowed); a
# file's parsed passages take about as much memory as the file, or less for PDFs
WINDOW_BYTES = 64 * 1024 * 1024


def timeout_error(path: str, timeout: float) -> dict:
    return {"error": ("timeout", f"{Path(path).name}: reading took longer than {timeout:g} s and was stopped; "
                                 "the other files were processed. Check the file (a damaged or unusually "
                                 "complex document?) or allow more time with --file-timeout.")}


def killed_error(path: str, exitcode: int | None) -> dict:
    how = f"signal {signal.Signals(-exitcode).name}" if exitcode and exitcode < 0 else f"exit code {exitcode}"
    return {"error": ("worker_killed", f"{Path(path).name}: the process reading this file was killed ({how}), "
                                       "for example by the system running out of memory; the other files were "
                                       "processed. Free memory or split the file, then ingest it again.")}


def _context() -> mp.context.BaseContext:
    # fork starts a worker in milliseconds and shares the parent's imported modules; elsewhere spawn
    return mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")


def _worker_main(conn, fn: Callable[..., dict]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the parent, which stops the workers
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        i, task = msg
        try:
            res = fn(*task)
        except Exception as exc:  # fn reports its own errors; anything else still costs this file only
            res = {"error": ("read_failed", f"{Path(str(task[0])).name}: could not be read "
                                            f"({type(exc).__name__}: {exc}).")}
        try:
            conn.send((i, res))
        except (OSError, ValueError):
            return


@dataclass
class _Worker:
    proc: mp.process.BaseProcess
    conn: object
    task: int | None = None
    started: float = 0.0


class _FileTimeout(BaseException):
    """Raised by the timer signal in this process; a BaseException so that readers' ``except Exception`` let it pass."""


def _alarm(signum, frame):
    raise _FileTimeout()


def _run_here(fn: Callable[..., dict], task: Sequence, timeout: float | None) -> dict:
    """``fn(*task)`` in this process, stopped after ``timeout`` s where a timer signal can be used."""
    usable = (timeout and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread())
    if not usable:
        return fn(*task)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return fn(*task)
    except _FileTimeout:
        return timeout_error(str(task[0]), timeout)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Pool:
    """Worker processes fed one task at a time by a collector thread; results kept until taken in order."""

    def __init__(self, fn: Callable[..., dict], tasks: Sequence[Sequence], workers: int, timeout: float | None,
                 on_result: Callable[[], None] | None):
        self.fn, self.tasks, self.timeout, self.on_result = fn, list(tasks), timeout, on_result
        self.n_workers = workers
        self.window = 2 * workers
        self.ends = _cumulative_sizes(self.tasks)  # ends[i]: bytes of tasks 0..i-1
        self.ctx = _context()
        self.results: dict[int, dict] = {}
        self.taken = 0  # results handed to the caller
        self.cond = threading.Condition()
        self.stop = False
        self.error: BaseException | None = None
        self.workers: list[_Worker] = []
        self.thread = threading.Thread(target=self._collect, name="aicompare-parse-pool", daemon=True)

    # -- workers
    def _start_worker(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(child, self.fn), daemon=True)
        proc.start()
        child.close()
        w = _Worker(proc, parent)
        self.workers.append(w)
        return w

    def _retire(self, w: _Worker, kill: bool) -> None:
        if kill and w.proc.is_alive():
            w.proc.kill()
        w.proc.join(timeout=5)
        w.conn.close()
        self.workers.remove(w)

    def _deliver(self, i: int, res: dict) -> None:
        with self.cond:
            self.results[i] = res
            self.cond.notify_all()
        if self.on_result:
            self.on_result()

    # -- collector thread
    def _collect(self) -> None:
        try:
            self._loop()
        except BaseException as exc:  # surfaced to the caller by __iter__
            with self.cond:
                self.error = exc
                self.cond.notify_all()
        finally:
            self._shutdown()

    def _loop(self) -> None:
        pending = deque(range(len(self.tasks)))
        while True:
            with self.cond:
                if self.stop:
                    return
                taken = self.taken
            # hand tasks to idle workers (starting workers up to the pool size), within the window
            while pending and self._in_window(pending[0], taken):
                idle = next((w for w in self.workers if w.task is None), None)
                if idle is None:
                    if len(self.workers) >= self.n_workers:
                        break
                    idle = self._start_worker()
                if not idle.proc.is_alive():  # died while idle (killed from outside): replace it
                    self._retire(idle, kill=True)
                    continue
                i = pending.popleft()
                try:
                    idle.conn.send((i, tuple(self.tasks[i])))
                except (OSError, ValueError):  # the worker died while idle: replace it, retry the task
                    self._retire(idle, kill=True)
                    pending.appendleft(i)
                    continue
                idle.task, idle.started = i, time.monotonic()
            busy = [w for w in self.workers if w.task is not None]
            if not pending and not busy:
                return
            if not busy:
                with self.cond:  # everything in the window is done: wait for the caller to take results
                    if not self.stop and not self._in_window(pending[0], self.taken):
                        self.cond.wait(0.5)
                continue
            wait_for = 1.0
            if self.timeout:
                now = time.monotonic()
                wait_for = max(0.0, min(wait_for, min(w.started + self.timeout - now for w in busy)))
            ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=wait_for))
            now = time.monotonic()
            for w in busy:
                i = w.task
                if w.conn in ready or w.proc.sentinel in ready:
                    try:
                        if not w.conn.poll():
                            raise EOFError
                        j, res = w.conn.recv()
                    except (EOFError, OSError):  # died without a result: killed, or crashed in native code
                        w.proc.join(timeout=5)
                        self._retire(w, kill=True)
                        self._deliver(i, killed_error(str(self.tasks[i][0]), w.proc.exitcode))
                        continue
                    w.task = None
                    self._deliver(j, res)
                elif self.timeout and now - w.started >= self.timeout:
                    self._retire(w, kill=True)
                    self._deliver(i, timeout_error(str(self.tasks[i][0]), self.timeout))

    def _in_window(self, i: int, taken: int) -> bool:
        """May task ``i`` be read while the caller has taken ``taken`` results?"""
        return i < taken + self.window or self.ends[i + 1] - self.ends[taken] <= WINDOW_BYTES

    def _shutdown(self) -> None:
        for w in list(self.workers):
            try:
                if w.task is None:
                    w.conn.send(None)
            except (OSError, ValueError):
                pass
        for w in list(self.workers):
            if w.task is None:
                w.proc.join(timeout=2)
            self._retire(w, kill=True)

    # -- caller side
    def start(self) -> "_Pool":
        for _ in range(self.n_workers):  # forked here, before the collector thread exists
            self._start_worker()
        self.thread.start()
        return self

    def __iter__(self) -> "_Pool":
        return self

    def __next__(self) -> dict:
        i = self.taken
        if i >= len(self.tasks):
            self.close()
            raise StopIteration
        with self.cond:
            while i not in self.results and self.error is None and self.thread.is_alive():
                self.cond.wait(0.5)
            if i not in self.results:
                error = self.error or RuntimeError("the parsing pool stopped before every file was parsed")
        if i not in self.results:
            self.close()
            raise error
        with self.cond:
            res = self.results.pop(i)
            self.taken = i + 1
            self.cond.notify_all()
        return res

    def close(self) -> None:
        """Stop the collector and the workers (also when the caller stops early)."""
        with self.cond:
            self.stop = True
            self.cond.notify_all()
        if self.thread.is_alive():
            self.thread.join()


def _cumulative_sizes(tasks: Sequence[Sequence]) -> list[int]:
    """Running totals of the tasks' file sizes (``task[0]`` is the path; an unreadable one counts 0)."""
    ends = [0]
    for task in tasks:
        try:
            size = os.path.getsize(task[0])
        except (OSError, TypeError, ValueError):
            size = 0
        ends.append(ends[-1] + size)
    return ends


class _InProcess:
    def __init__(self, fn, tasks, timeout, on_result):
        self.it = self._run(fn, tasks, timeout, on_result)

    @staticmethod
    def _run(fn, tasks, timeout, on_result):
        for task in tasks:
            res = _run_here(fn, task, timeout)
            if on_result:
                on_result()
            yield res

    def __iter__(self):
        return self

    def __next__(self) -> dict:
        return next(self.it)

    def close(self) -> None:
        self.it.close()


def parse_all(fn: Callable[..., dict], tasks: Sequence[Sequence], *, workers: int = 0,
              timeout: float | None = DEFAULT_FILE_TIMEOUT, on_result: Callable[[], None] | None = None):
    """An iterator of ``fn(*task)`` for each task, in order (``task[0]`` is the file path, used in messages).

    ``workers``: worker processes, started at once (so they read while the caller does other work); 0 runs
    each task in this process when it is taken. ``on_result`` is called after each finished file (from a
    background thread when workers are used). Call ``close()`` on the iterator to stop early.
    """
    if workers <= 0 or len(tasks) == 0:
        return _InProcess(fn, tasks, timeout, on_result)
    return _Pool(fn, tasks, min(workers, len(tasks)), timeout, on_result).start()


def available_cores() -> int:
    """The CPU cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


MIN_PARALLEL_BYTES = 256 * 1024  # below this (about 0.1 s of reading) a worker's start-up is not repaid


def plan_workers(sizes: Sequence[tuple[str, int]], requested: int | None, *, light: bool) -> int:
    """How many worker processes pay off for files of these (suffix, bytes); 0 = read them in this process.

    ``requested`` (``--workers``; 1 = this process only) wins. Otherwise workers are used when there is
    enough to read to repay their start-up (a few milliseconds each): several files, one per core; or — when
    this process has not yet loaded its table libraries (``light``) — a single substantial file, read by one
    worker while this process loads them.
    """
    n = len(sizes)
    if requested is not None:
        return 0 if requested <= 1 else min(requested, n)
    work = sum(size * (1 if suffix == ".pdf" else 4) for suffix, size in sizes)  # text costs more per byte
    if n == 0 or work < MIN_PARALLEL_BYTES:
        return 0
    if n == 1:
        return 1 if light else 0
    cores = available_cores()
    return max(1, min(cores, n)) if cores > 1 or light else 0
