"""Figures have one home: only aicompare/figures draws (imports plotly); analyses never import figures or the
stage writers; figures never import the command line, the pipeline or the stage writers.

Imports are read from every module's syntax tree, including imports inside functions (lazy imports count)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "aicompare"
DRAWING = ("plotly", "kaleido", "choreographer")
# figures, the writers of stages, the report (an HTML writer of tables and figures), the pipeline, the CLI and its
# entry point
ABOVE_ANALYSES = ("aicompare.figures", "aicompare.stages", "aicompare.report", "aicompare.pipeline", "aicompare.cli",
                  "aicompare.entry")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports (absolute names; relative imports resolved against its package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)  # `from aicompare import figures`
    return found


MODULES = {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def test_the_scan_sees_the_layers():
    """The scan is not vacuous: the figures layer draws and the stage writers use it."""
    assert any(_within(i, "plotly") for i in MODULES["aicompare.figures.export"])
    assert "aicompare.figures.compare" in MODULES["aicompare.stages.compare"]
    assert "aicompare.coverage" in MODULES["aicompare.figures.coverage"]  # figures import analyses


def test_only_the_figures_layer_draws():
    drawing = {m: sorted(i for i in imports if any(_within(i, d) for d in DRAWING))
               for m, imports in MODULES.items() if not _within(m, "aicompare.figures")}
    assert {m: i for m, i in drawing.items() if i} == {}


def test_figures_import_no_command_line_pipeline_or_stage_writer():
    upward = ("aicompare.cli", "aicompare.pipeline", "aicompare.stages", "typer", "click")
    bad = {m: sorted(i for i in imports if any(_within(i, u) for u in upward))
           for m, imports in MODULES.items() if _within(m, "aicompare.figures")}
    assert {m: i for m, i in bad.items() if i} == {}


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not any(_within(m, a) for a in ABOVE_ANALYSES)
                                          and m not in ("aicompare", "aicompare.__main__")))
def test_analyses_never_import_figures_or_writers(module):
    above = ("aicompare.figures", "aicompare.stages", "aicompare.pipeline", "aicompare.cli")
    assert sorted(i for i in MODULES[module] if any(_within(i, a) for a in above)) == []


def test_old_figure_modules_are_gone():
    for name in ("plots", "survey_plots", "coverage_plots"):
        assert not (PACKAGE / f"{name}.py").exists(), name
