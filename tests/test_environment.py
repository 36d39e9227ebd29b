"""pyproject.toml and environment.yml must list the same dependencies."""
import re
import tomllib

import yaml

from conftest import ROOT

# conda-forge names that differ from PyPI names
CONDA_TO_PYPI = {"python-kaleido": "kaleido"}
CONDA_ONLY = {"python", "pip", "font-ttf-noto-cjk"}


def _name(spec: str) -> str:
    return re.split(r"[<>=!~\[ ;]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_pyproject_and_environment_agree():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pip_deps = {_name(d) for d in pyproject["project"]["dependencies"]}
    pip_deps |= {_name(d) for d in pyproject["project"]["optional-dependencies"]["dev"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = set()
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name = _name(dep)
            if name not in CONDA_ONLY:
                conda.add(CONDA_TO_PYPI.get(name, name))
    assert conda == pip_deps, {"only in pyproject": pip_deps - conda, "only in environment.yml": conda - pip_deps}


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    cmd = re.search(r"^\s+(python -m pytest.*)$", readme, re.M).group(1).strip()
    assert any(line.strip() == cmd for line in ci.splitlines())
