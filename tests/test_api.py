"""The curated public API of ``aicompare``: every name in ``__all__`` resolves lazily to its module's object."""
from __future__ import annotations

import importlib
import subprocess
import sys

import aicompare


def test_every_public_name_resolves_to_its_module():
    for name, module in aicompare._API.items():
        assert name in aicompare.__all__
        assert getattr(aicompare, name) is getattr(importlib.import_module(module), name)


def test_no_public_name_is_also_a_submodule():
    """``aicompare.<name>`` must mean one thing: once a submodule of that name is imported, Python binds the module
    to the package and the lazy name could never be reached."""
    import pkgutil

    submodules = {m.name for m in pkgutil.iter_modules(aicompare.__path__)}
    assert sorted(set(aicompare._API) & submodules) == []


def test_importing_the_package_imports_no_stage():
    code = "import sys, aicompare; print(any(m.startswith('aicompare.') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
