"""One set of options and inputs across the commands: ``--lang ja|en|both``, ``--figures`` and ``--out`` on every
command that draws, and manifests accepted by ``ingest`` and ``extract`` as by ``all``, ``compare`` and ``cluster``."""
from pathlib import Path

import pandas as pd
import pytest
import typer.main
from typer.testing import CliRunner

from aicompare.cli import app

from conftest import RAW

OVERSEAS = RAW / "overseas"
DRAWING = ("survey", "coverage", "compare", "cluster", "all")


def _manifest(tmp_path: Path) -> Path:
    """A manifest beside copies of two shipped overseas documents, with titles of the analyst's own."""
    import shutil

    sources = pd.read_csv(OVERSEAS / "SOURCES.csv", dtype=str, keep_default_na=False)
    two = sources.sort_values("file").head(2)
    for f in two["file"]:
        shutil.copy(OVERSEAS / f, tmp_path / f)
    rows = pd.DataFrame({"file": two["file"].tolist(),
                         "title": [f"Analyst title {i}" for i in range(len(two))],
                         "country": two["country"].tolist(), "publisher_type": two["publisher_type"].tolist()})
    path = tmp_path / "manifest.csv"
    rows.to_csv(path, index=False)
    return path


def _options(command: str) -> set[str]:
    click_app = typer.main.get_command(app)
    return {o for p in click_app.commands[command].params for o in getattr(p, "opts", [])}


@pytest.mark.parametrize("command", DRAWING)
def test_every_drawing_command_has_lang_figures_and_out(command):
    assert {"--lang", "--figures", "--out"} <= _options(command), command


@pytest.mark.parametrize("command", ["ingest", "extract", "coverage", "compare", "cluster"])
def test_every_corpus_command_can_follow_links_outside(command):
    assert "--follow-outside" in _options(command)


@pytest.mark.parametrize("command", DRAWING)
def test_lang_is_checked_the_same_way_everywhere(command, tmp_path):
    args = {"survey": [str(RAW / "ai_network_society_report_2022_summary_ja.txt"), "--out", str(tmp_path)],
            "coverage": [str(tmp_path)], "compare": [str(tmp_path), "--out", str(tmp_path)],
            "cluster": [str(tmp_path), "--out", str(tmp_path)], "all": []}[command]
    r = CliRunner().invoke(app, [command, *args, "--lang", "fr"])
    assert r.exit_code == 2 and "lang must be one of ja, en, both, not 'fr'" in r.output, r.output


def test_ingest_and_extract_accept_a_manifest(tmp_path):
    manifest = _manifest(tmp_path)
    r = CliRunner().invoke(app, ["ingest", str(manifest), "--out", str(tmp_path / "ing")])
    assert r.exit_code == 0, r.output
    docs = pd.read_parquet(tmp_path / "ing" / "documents.parquet")
    assert sorted(docs["title"]) == ["Analyst title 0", "Analyst title 1"]  # the manifest's metadata, not the files'
    assert len(pd.read_parquet(tmp_path / "ing" / "passages.parquet")) > 0
    r = CliRunner().invoke(app, ["extract", str(manifest), "--out", str(tmp_path / "m.csv")])
    assert r.exit_code == 0, r.output
    assert sorted(pd.read_csv(tmp_path / "m.csv")["doc_id"]) == sorted(docs["doc_id"])


def test_compare_lang_both_writes_each_language_with_en_suffix(tmp_path):
    manifest = _manifest(tmp_path)
    fig = tmp_path / "fig"
    r = CliRunner().invoke(app, ["compare", str(manifest), "--out", str(tmp_path / "out"), "--figures", str(fig),
                                 "--lang", "both", "--domestic", "none", "--by", "country"])
    assert r.exit_code == 0, r.output
    assert (fig / "country_matrix.html").is_file() and (fig / "country_matrix_en.html").is_file()
    assert "<html" in (fig / "country_matrix_en.html").read_text(encoding="utf-8").lower()
    assert not list((tmp_path / "out").glob("*.html"))  # figures went to --figures, tables to --out


def test_a_manifest_whose_every_entry_is_outside_is_reported_not_a_crash(tmp_path):
    """Every listed file outside the manifest's folder: one error per entry, nothing ingested, no KeyError."""
    from aicompare.corpus.manifest import read_manifest_corpus

    folder = tmp_path / "m"
    folder.mkdir()
    pd.DataFrame({"file": [str(OVERSEAS / f) for f in sorted(p.name for p in OVERSEAS.glob("*.md"))],
                  "title": ["outside"]}).to_csv(folder / "manifest.csv", index=False)
    corpus = read_manifest_corpus(folder / "manifest.csv")
    assert corpus.documents.empty and list(corpus.issues["code"]) == ["outside_input"]


def test_plain_all_is_answered_without_the_cli_framework(tmp_path, small_raw):
    """A plain `aicompare all` is run by the entry point alone (typer and pydantic are not imported): with
    unchanged inputs verified against the cache, otherwise computed; it prints what the CLI prints, and anything
    unusual still goes to the CLI."""
    import subprocess
    import sys

    from aicompare.entry import plain_all_arguments

    out, fig = tmp_path / "p", tmp_path / "f"
    args = ["all", "--raw", str(small_raw), "--out", str(out), "--figures", str(fig), "--lang", "en"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    probe = ("import sys; from aicompare.entry import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n"
             "    print('typer' in sys.modules, 'aicompare.cli' in sys.modules, 'pydantic' in sys.modules, e.code)\n")
    r = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True)
    assert "inputs and code unchanged" in r.stderr and r.stdout.split() == ["False", "False", "False", "0"], r.stderr
    # the per-stage lines are the CLI's own
    assert [line for line in r.stderr.splitlines() if ": " in line and "unchanged" not in line] == \
        [line for line in first.output.splitlines() if ": " in line]
    # a cache miss (other outputs) is computed there too, by the command's own code
    args2 = ["all", "--raw", str(small_raw), "--out", str(tmp_path / "p2"), "--figures", str(tmp_path / "f2"),
             "--lang", "en"]
    r2 = subprocess.run([sys.executable, "-c", probe, *args2], capture_output=True, text=True)
    assert r2.stdout.split() == ["False", "False", "False", "0"], r2.stderr
    assert "unchanged" not in r2.stderr and (tmp_path / "p2" / "extract" / "matrix.csv").is_file()
    assert [line for line in r2.stderr.splitlines() if ": " in line] == \
        [line for line in first.output.splitlines() if ": " in line]
    assert plain_all_arguments(args) is not None
    for other in (["all", "--no-cache"], ["all", "--help"], ["all", "--lang", "fr"], ["all", "--raw", str(tmp_path / "no")],
                  ["all", "--out"], ["all", "--out", "a", "--out", "b"], ["ingest", "x"], []):
        assert plain_all_arguments(other) is None, other


def test_command_line_leaves_the_heap_to_the_exit_without_collections(tmp_path):
    """After a command, the garbage collector is off and every object frozen: the interpreter's teardown frees a
    run's tables without scanning the heap again and again (about a second after `aicompare all`)."""
    import subprocess
    import sys

    probe = ("import gc, sys; from aicompare.entry import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n"
             "    print(gc.isenabled(), gc.get_freeze_count() > 0, e.code)\n")
    r = subprocess.run([sys.executable, "-c", probe, "--help"], capture_output=True, text=True)
    assert r.stdout.split()[-3:] == ["False", "True", "0"], r.stdout + r.stderr
