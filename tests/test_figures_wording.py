"""All figure wording in one file (aicompare/figures/wording.csv), read by one accessor, one language check."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from aicompare.cluster import VIEWS
from aicompare.compare import GROUP_KEYS
from aicompare.figures.wording import LANGS, check_lang, text, wording_table
from aicompare.taxonomy import LANGS as TAXONOMY_LANGS

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "aicompare" / "figures"


def _keys_used() -> tuple[set[str], set[str]]:
    """Keys the package and the notebooks pass to ``text`` (or a module's ``_t``, which prefixes its
    namespace = the module's name): literal keys, and the literal prefixes of f-string keys."""
    keys, prefixes = set(), set()
    sources = [(p.stem, p.read_text(encoding="utf-8")) for p in FIGURES.glob("*.py")]
    sources += [(p.stem, p.read_text(encoding="utf-8")) for p in (ROOT / "aicompare").rglob("*.py")
                if FIGURES not in p.parents]
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        sources.append((nb.stem, "\n".join(l for l in code.splitlines() if not l.lstrip().startswith(("%", "!")))))
    for stem, src in sources:
        for node in ast.walk(ast.parse(src)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args
                    and node.func.id in ("text", "_t")):
                continue
            ns = "" if node.func.id == "text" else f"{stem}."
            key = node.args[0]
            if isinstance(key, ast.JoinedStr):  # f"view.{...}": a prefix
                prefixes.add(ns + (key.values[0].value if isinstance(key.values[0], ast.Constant) else ""))
                continue
            keys.update(ns + part.value for part in ast.walk(key)  # a literal, or both branches of an if-expression
                        if isinstance(part, ast.Constant) and isinstance(part.value, str))
    return keys, prefixes


def test_every_key_used_exists_and_every_key_is_used():
    table = wording_table()
    keys, prefixes = _keys_used()
    assert len(keys) > 50 and prefixes  # the scan finds the figures' calls
    assert sorted(keys - set(table)) == []
    unused = [k for k in table if k not in keys and not any(k.startswith(p) for p in prefixes)]
    assert unused == []
    for view in VIEWS:  # the keys built at run time
        assert f"cluster.view.{view}" in table
    for by in GROUP_KEYS:
        assert f"compare.by.{by}" in table


def test_one_language_check():
    assert LANGS == ("ja", "en") == tuple(TAXONOMY_LANGS)  # figure labels need the taxonomy's labels too
    assert check_lang("en") == "en"
    with pytest.raises(ValueError, match="lang must be one of ja, en, not 'fr'"):
        check_lang("fr")
    with pytest.raises(ValueError, match="lang must be one of ja, en"):
        text("survey.bar_title", "de", n=3)


def test_text_formats_fields_and_reports_unknown_keys():
    assert text("survey.cell", "en", c=3, p=0.25) == "3 (25%)"
    assert text("survey.cell", "ja", c=3, p=0.25) == "3（25%）"
    assert text("survey.bar_title", "ja").endswith("{n}個の指針等）")  # no fields: the text as written
    assert text("compare.by.nowhere", "ja", default="nowhere") == "nowhere"
    with pytest.raises(KeyError, match="compare.by.nowhere"):
        text("compare.by.nowhere", "ja")


def test_japanese_wording_is_japanese():
    """A Japanese text that is not Japanese (or an English one that is) is a column mix-up in the file."""
    ja_char = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")  # kana, kanji, full-width forms
    table = wording_table()
    assert not [k for k, t in table.items() if ja_char.search(t["en"])]
    neutral = {k for k, t in table.items() if t["ja"] == t["en"]}  # e.g. "No."
    assert not [k for k, t in table.items() if k not in neutral and not ja_char.search(t["ja"])]
