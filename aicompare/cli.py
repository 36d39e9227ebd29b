"""The ``aicompare`` command line: parse options, call the package's functions, write files, print a summary."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from aicompare import __version__

app = typer.Typer(
    help="aicompare — compare AI guidelines: ingest, extract the 22 values, reproduce the 2022 review, coverage, clustering.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"aicompare {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """aicompare command line."""
