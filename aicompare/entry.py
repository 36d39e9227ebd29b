"""The command line's entry point (``aicompare`` and ``python -m aicompare``).

A plain ``aicompare all`` (only the options below, every path existing) is run here without loading the
command-line framework: typer and pydantic take longer to import than the whole cached run. Its answer comes
from the cache when inputs, code and outputs are unchanged; otherwise the same
:func:`run_all_reported` the command runs computes it. Every other command line — other
commands, ``--help``, ``--no-cache``, a path that does not exist, an unknown option — goes to
:mod:`aicompare.cli`, which parses, checks and reports it as usual.
"""
from __future__ import annotations

import sys
from pathlib import Path

# the options of `aicompare all` taken here: name -> (keyword of run_all, may repeat)
_ALL_OPTIONS = {"--raw": ("raw", False), "--extra": ("extra", True), "--overseas": ("overseas", True),
                "--out": ("out", False), "--figures": ("figures", False), "--lang": ("lang", False),
                "--reviews": ("reviews", False)}


def plain_all_arguments(argv: list[str]) -> dict | None:
    """The keyword arguments of :func:`aicompare.pipeline.cached_run` for ``argv`` when it is ``all`` with only
    the options above, each path existing and the language valid; None for anything else."""
    if not argv or argv[0] != "all":
        return None
    kwargs: dict = {"extra": [], "overseas": []}
    args = list(argv[1:])
    while args:
        arg = args.pop(0)
        name, eq, value = arg.partition("=")
        if name not in _ALL_OPTIONS:
            return None
        if not eq:
            if not args:
                return None
            value = args.pop(0)
        key, repeats = _ALL_OPTIONS[name]
        if repeats:
            kwargs[key].append(Path(value))
        elif key in kwargs:
            return None  # given twice: let the CLI say what it does with that
        else:
            kwargs[key] = value if key == "lang" else Path(value)
    from aicompare.figures.wording import BOTH, LANGS

    if kwargs.get("lang", LANGS[0]) not in (*LANGS, BOTH):
        return None
    paths = [kwargs.get("raw"), *kwargs["extra"], *kwargs["overseas"], kwargs.get("reviews")]
    if any(p is not None and not p.exists() for p in paths):
        return None
    return kwargs


def main(argv: list[str] | None = None) -> None:
    """Run the command line: a plain ``all`` here, everything else through :mod:`aicompare.cli`."""
    try:
        _main(sys.argv[1:] if argv is None else list(argv))
    finally:
        _no_collection_at_exit()


def _main(argv: list[str]) -> None:
    kwargs = plain_all_arguments(argv)
    if kwargs is not None:
        from aicompare.pipeline import cached_run

        res = cached_run(**kwargs)
        if res is not None:
            from aicompare.console import print_run

            print_run(res)
            sys.exit(1 if res.failed else 0)
        sys.exit(run_all_reported(**kwargs))
    from aicompare.cli import app

    app(args=argv, prog_name="aicompare")


def run_all_reported(use_cache: bool = True, **kwargs) -> int:
    """``aicompare all``: every stage through :func:`aicompare.pipeline.run_all` (``kwargs``: its arguments), with
    a status line on a terminal, then the run printed. Returns the exit code: 1 when a stage failed or the
    reviews file is malformed (said before anything is computed), else 0. The command line and its fast start
    (:func:`main`, which answers a plain ``all`` without loading the command-line framework) both run it."""
    import contextlib

    from aicompare.console import console, interactive, literal, print_run
    from aicompare.pipeline import run_all

    try:
        with console.status("running", spinner="dots") if interactive() else contextlib.nullcontext() as status:
            res = run_all(**kwargs, use_cache=use_cache,
                          log=(lambda msg: status.update(msg)) if status is not None else (lambda msg: None))
    except ValueError as exc:  # a malformed reviews file, before anything is computed
        console.print(f"[red]error[/red] {literal(str(exc))}")
        return 1
    print_run(res)
    return 1 if res.failed else 0


def _no_collection_at_exit() -> None:
    """The command is done and the process ends: keep Python's garbage collector from scanning the whole heap
    (a run's tables) again and again while the interpreter frees it — about a second after ``all``. Exit
    handlers and the freeing itself run as usual."""
    import gc

    gc.disable()
    gc.freeze()
