"""Parse the 2022 review (AIネットワーク社会推進会議 報告書2022) into tables.

The report states its survey design and domestic results in slide text: the 22 "values to be
respected" (尊重すべき価値) listed in three columns per line, the domestic publishers listed in three
columns, and one count per value, with page breaks inside the lists. :func:`parse_survey` reads
that layout from the structure of the text (section headings, numbered items, note markers), so a
corrected or newer report can be re-parsed rather than retyped. Whatever it cannot find is reported
by a :class:`SurveyParseError` naming the missing piece.

Tables (columns in :mod:`aicompare.schema`):

* ``values`` — one row per value: number, code ``V01``…, label as printed in the overseas and
  domestic comparisons (value 22 differs) and the report's explanation, whether it is new in 2022.
* ``counts_domestic`` — per value, how many of the surveyed domestic guidelines mention it.
* ``publishers`` — the surveyed domestic organisations as listed, with their notes.
* ``scope`` — countries, bodies, publisher-type split, totals and the notes that qualify them.
* ``findings`` — the bullets of ＜レビューの結果＞ with the values they name.

Every row carries ``doc_id`` and ``line`` (1-based line in the report text) as evidence and, when the
report's ingested passages are given, the ``passage_id``, ``page`` and ``section_path`` holding that line.

The automatic coding of another corpus beside the published counts is :mod:`aicompare.recoding`
(``compare_recoding`` and ``read_matrix`` are re-exported here for older imports). The figures are in :mod:`aicompare.figures.survey`; :func:`aicompare.stages.survey.write_survey_outputs` is what ``aicompare survey`` runs.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from aicompare.corpus.normalise import nfkc
from aicompare.corpus.readers import ReadError, decode_bytes
from aicompare.recoding import compare_recoding, read_matrix  # noqa: F401  (re-exported, see module doc)
from aicompare.schema import validate

__all__ = [
    "SurveyParseError",
    "Survey",
    "parse_survey",
    "parse_survey_text",
    "survey_labels_en",
    "value_code",
    "compare_recoding",
    "read_matrix",
    "report_passages",
    "source_title",
]


class SurveyParseError(ValueError):
    """The report does not have the structure the parser expects; the message names what is missing."""


# ---------------------------------------------------------------- structural cues of the report
# Section headings are slide titles such as ＜国内における原則・指針・ガイドライン等との比較からの検証①＞.
_HEADING = re.compile(r"^\s*[＜<](?P<title>[^＜＞<>]+)[＞>]\s*$")
_D = "[0-9０-９]"
_RESULTS_TITLE = "レビューの結果"
# "調査を通じて、22の「尊重すべき価値」を確認※５"
_VALUES_INTRO = re.compile(rf"(?P<n>{_D}+)の「尊重すべき価値」を確認(?P<marker>※{_D}*)?")
# one numbered item of a value list; several per line (three columns)
_VALUE_ITEM = re.compile(rf"(?:^|\s)(?P<no>{_D}{{1,2}})[.．]\s*(?P<label>.+?)(?=\s+{_D}{{1,2}}[.．]\s|\s*$)")
# one count line: "13. プライバシー 21"
_COUNT_LINE = re.compile(rf"^\s*(?P<no>{_D}{{1,2}})[.．]\s*(?P<label>.+?)\s+(?P<count>{_D}+)\s*$")
# "国内の事業者、団体等が公表している22個の指針等を調査" / "…67個の指針等※３を調査"
_N_GUIDELINES = re.compile(rf"(?P<n>{_D}+)個の指針等(?P<marker>※{_D}*)?を調査")
# "16箇国※２（米国、…）、EU、国際機関（…）"
_COUNTRIES = re.compile(rf"(?P<n>{_D}+)箇国(?P<marker>※{_D}*)?[（(](?P<list>.+?)[）)](?:、(?P<rest>.+))?$")
# "政府機関※４・国際機関（40個）"
_TYPE_ITEM = re.compile(rf"^(?P<name>.+?)[（(](?P<n>{_D}+)個[）)]$")
# "1.～16.までは、AIガイドライン比較表（…）における項目と同じ項目。17.～22.が新たに確認した項目。"
_NEW_RANGE = re.compile(rf"(?P<a>{_D}+)[.．]?[～~〜](?P<b>{_D}+)[.．]?が新たに確認した項目")
_BASE_RANGE = re.compile(rf"(?P<a>{_D}+)[.．]?[～~〜](?P<b>{_D}+)[.．]?までは、(?P<source>.+?)における項目と同じ項目")
# a note paragraph: ※５ …, （注２） …, 【注】 …
_NOTE = re.compile(rf"^\s*(?P<marker>※{_D}*|[（(]注{_D}*[）)]|【注{_D}*】)\s*(?P<text>.*)$")
_MARKER_SUFFIX = re.compile(rf"(※{_D}*)$")
_BULLET = "・"
# a line that starts a new paragraph (bullet, arrow, box, note, numbered item)
_PARA_START = re.compile(rf"^\s*(?:[・➢■●○⇒]|※|[（(]注|【|{_D}{{1,2}}[.．]\s)")
_QUOTED = re.compile(r"「([^「」]+)」")
_HALF_RULE = "半数を超える"
_NAME_NOTE_CUE = "社名"
_CLAIM_CUES = {"new_values": "新しい「尊重すべき価値」", "emphasised": "重視されている"}
_PREFIX = "V"


@dataclass(frozen=True)
class Survey:
    """The parsed survey: one DataFrame per table."""

    values: pd.DataFrame
    counts_domestic: pd.DataFrame
    publishers: pd.DataFrame
    scope: pd.DataFrame
    findings: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by file stem, in output order."""
        return {
            "values": self.values,
            "counts_domestic": self.counts_domestic,
            "publishers": self.publishers,
            "scope": self.scope,
            "findings": self.findings,
        }


# ---------------------------------------------------------------- small helpers
def _int(s: str) -> int:
    return int(nfkc(s))


def _key(label: str) -> str:
    """Matching key for labels: NFKC, without spaces and list punctuation (、・,)."""
    return re.sub(r"[\s、・,，]", "", nfkc(label))


def value_code(no: int) -> str:
    """``V01`` … ``V22``."""
    return f"{_PREFIX}{no:02d}"


def survey_labels_en() -> pd.DataFrame:
    """English labels and codes for the report's Japanese terms (package file ``taxonomy/survey_labels_en.csv``)."""
    with resources.files("aicompare").joinpath("taxonomy", "survey_labels_en.csv").open(encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False)
    df["key"] = df["label_ja"].map(_key)
    return df


def _lookup(labels: pd.DataFrame, kind: str, label_ja: str, column: str) -> str | None:
    hit = labels[(labels["kind"] == kind) & (labels["key"] == _key(label_ja))]
    if hit.empty or not hit.iloc[0][column]:
        return None
    return str(hit.iloc[0][column])


@dataclass(frozen=True)
class _Para:
    text: str  # wrapped lines joined
    line: int  # 1-based line of its first line


def _paragraphs(lines: list[str], start: int, end: int) -> list[_Para]:
    """Join PDF-wrapped lines into paragraphs.

    A paragraph ends at a new bullet/note/numbered item or heading, and at a blank line unless
    its text so far ends with 、 (a clause cut by a page or column break).
    """
    paras: list[_Para] = []
    cur: list[str] = []
    first = start

    def flush() -> None:
        if cur:
            paras.append(_Para("".join(cur), first + 1))
            cur.clear()

    for i in range(start, end):
        raw = lines[i].strip()
        if not raw:
            if cur and not cur[-1].endswith("、"):
                flush()
            continue
        if _HEADING.match(raw):
            flush()
            continue
        if _PARA_START.match(raw):
            flush()
        if not cur:
            first = i
        cur.append(raw)
    flush()
    return paras


def _sections(lines: list[str]) -> list[tuple[str, int, int]]:
    """(title, first line index after the heading, end index) for every ＜…＞ heading."""
    heads = [(i, nfkc(m.group("title")).strip()) for i, l in enumerate(lines) if (m := _HEADING.match(l))]
    return [(t, i + 1, heads[k + 1][0] if k + 1 < len(heads) else len(lines)) for k, (i, t) in enumerate(heads)]


def _find_section(sections: list[tuple[str, int, int]], where: str, no: str, doc: str) -> tuple[int, int]:
    for title, a, b in sections:
        if title.startswith(f"{where}における") and "比較からの検証" in title and title.endswith(no):
            return a, b
    raise SurveyParseError(
        f"{doc}: section heading ＜{where}における原則・指針・ガイドライン等との比較からの検証"
        f"{'①②'[int(no) - 1]}＞ not found"
    )


def _split_top(s: str, sep: str = "、") -> list[str]:
    """Split on ``sep`` outside parentheses."""
    out, depth, cur = [], 0, []
    for ch in s:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
        if ch == sep and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return [x.strip() for x in out if x.strip()]


def _notes(paras: list[_Para]) -> dict[str, _Para]:
    """Note paragraphs by marker in NFKC form (``※5``, ``(注2)``, ``【注】``)."""
    out: dict[str, _Para] = {}
    for p in paras:
        m = _NOTE.match(p.text)
        if m:
            out.setdefault(nfkc(m.group("marker")), _Para(m.group("text").strip(), p.line))
    return out


def _note_text(notes: dict[str, _Para], marker: str | None) -> str:
    if not marker:
        return ""
    p = notes.get(nfkc(marker))
    return p.text if p else ""


# ---------------------------------------------------------------- value lists
def _value_list(
    lines: list[str], a: int, b: int, where: str, doc: str
) -> tuple[int, str | None, int, dict[int, tuple[str, int]]]:
    """Parse a section's numbered three-column value list.

    Returns (stated number of values, note marker, line of the intro, {no: (label as printed, line)}).
    """
    intro = next(((i, m) for i in range(a, b) if (m := _VALUES_INTRO.search(lines[i]))), None)
    if intro is None:
        raise SurveyParseError(f"{doc}: {where} comparison: line 「…の「尊重すべき価値」を確認」 not found")
    i0, m0 = intro
    n = _int(m0.group("n"))
    items: dict[int, tuple[str, int]] = {}
    for i in range(i0 + 1, b):
        raw = lines[i]
        if not raw.strip():
            continue
        if _NOTE.match(raw) or not re.match(rf"\s*{_D}{{1,2}}[.．]", raw):
            break
        for m in _VALUE_ITEM.finditer(raw):
            no = _int(m.group("no"))
            if no in items:
                raise SurveyParseError(f"{doc}: {where} value list: value {no} listed twice (line {i + 1})")
            items[no] = (m.group("label").strip(), i + 1)
    missing = sorted(set(range(1, n + 1)) - set(items))
    extra = sorted(set(items) - set(range(1, n + 1)))
    if missing or extra:
        raise SurveyParseError(
            f"{doc}: {where} value list after line {i0 + 1} should number 1–{n} (「{n}の「尊重すべき価値」」); "
            f"missing {missing or 'none'}, unexpected {extra or 'none'}"
        )
    return n, m0.group("marker"), i0 + 1, items


def _ranges(note: str, doc: str) -> tuple[range, range, str]:
    """(values as in the 2019 table, values new in 2022, the 2019 table's name) from the value-list note."""
    new = _NEW_RANGE.search(note)
    base = _BASE_RANGE.search(note)
    if not new or not base:
        raise SurveyParseError(
            f"{doc}: value-list note does not state which values are new (「…が新たに確認した項目」) "
            f"and which come from the 2019 table (「…までは、…における項目と同じ項目」): {note!r}"
        )
    return (
        range(_int(base.group("a")), _int(base.group("b")) + 1),
        range(_int(new.group("a")), _int(new.group("b")) + 1),
        base.group("source"),
    )


# ---------------------------------------------------------------- parser
def parse_survey_text(text: str, doc_id: str = "report", passages: pd.DataFrame | None = None) -> Survey:
    """Parse the report's text into a :class:`Survey` (see the module docstring).

    ``passages`` (the ingested passages of this document, ``aicompare.ingest``) add the evidence
    columns ``passage_id``, ``page`` and ``section_path`` of the passage holding each row's line;
    without them those columns are empty.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    doc = doc_id
    sections = _sections(lines)
    labels = survey_labels_en()
    oa, ob = _find_section(sections, "海外", "1", doc)
    da, db = _find_section(sections, "国内", "1", doc)
    pa, pb = _find_section(sections, "国内", "2", doc)
    o2a, o2b = _find_section(sections, "海外", "2", doc)
    o_paras, d_paras, p_paras = _paragraphs(lines, oa, ob), _paragraphs(lines, da, db), _paragraphs(lines, pa, pb)
    o_notes, d_notes, p_notes = _notes(o_paras), _notes(d_paras), _notes(p_paras)
    o2_notes = _notes(_paragraphs(lines, o2a, o2b))

    # -- values (overseas and domestic lists)
    n_o, mk_o, line_o, items_o = _value_list(lines, oa, ob, "overseas", doc)
    n_d, mk_d, line_d, items_d = _value_list(lines, da, db, "domestic", doc)
    if n_o != n_d:
        raise SurveyParseError(f"{doc}: overseas list has {n_o} values, domestic list {n_d}")
    note_d = _note_text(d_notes, mk_d)
    if not note_d:
        raise SurveyParseError(f"{doc}: note {mk_d or '※'} explaining the domestic value list not found")
    base, new, base_source = _ranges(note_d, doc)
    rows = []
    for no in range(1, n_d + 1):
        lo, ld = items_o[no][0], items_d[no][0]
        differs = _key(lo) != _key(ld)
        rows.append(
            {
                "value_no": no,
                "value_code": value_code(no),
                "label_ja": lo,
                "label_ja_domestic": ld,
                "label_en": _lookup(labels, "value", lo, "label_en"),
                "label_en_domestic": _lookup(labels, "value", ld, "label_en"),
                "labels_differ": differs,
                "label_note": _label_note(note_d, no) if differs else "",
                "new_in_2022": no in new,
                "baseline_source": base_source if no in base else "",
                "doc_id": doc,
                "line": items_o[no][1],
                "line_domestic": items_d[no][1],
            }
        )
    values = pd.DataFrame(rows)

    # -- domestic guidelines surveyed, counts
    n_guidelines, _ = _stated_guidelines(d_paras, "domestic", doc)
    counts = _counts(lines, pa, pb, values, n_guidelines, doc)
    if not any(_HALF_RULE in p.text for p in p_notes.values()):
        raise SurveyParseError(f"{doc}: domestic results: note on highlighting (「{_HALF_RULE}…赤字で表示」) not found")

    # -- publishers
    publishers = _publishers(lines, pa, pb, p_notes, doc)
    if len(publishers) != n_guidelines:
        raise SurveyParseError(
            f"{doc}: {len(publishers)} domestic publishers listed but the report surveyed {n_guidelines} guidelines"
        )

    scope = _scope(
        o_paras, [o_notes, o2_notes], d_paras, [d_notes, p_notes],
        {"overseas": (n_o, mk_o, line_o), "domestic": (n_d, mk_d, line_d)}, labels, doc,
    )
    findings = _findings(lines, sections, values, doc)
    ev = lambda df: _attach_passages(df, passages, lines, doc)  # noqa: E731
    return Survey(
        values=validate(ev(values), "survey_values"),
        counts_domestic=validate(ev(counts), "survey_counts"),
        publishers=validate(ev(publishers), "survey_publishers"),
        scope=validate(ev(scope), "survey_scope"),
        findings=validate(ev(findings), "survey_findings"),
    )


def _attach_passages(df: pd.DataFrame, passages: pd.DataFrame | None, lines: list[str], doc: str) -> pd.DataFrame:
    """Add the passage (id, page, section path) whose character span holds the first character of each row's line."""
    out = df.copy()
    out["passage_id"] = pd.Series([None] * len(out), dtype="object", index=out.index)
    out["page"] = pd.Series([pd.NA] * len(out), dtype="Int64", index=out.index)
    out["section_path"] = pd.Series([None] * len(out), dtype="object", index=out.index)
    if passages is None or passages.empty:
        return out
    p = passages[passages["doc_id"] == doc].sort_values("char_start").reset_index(drop=True)
    if p.empty:
        raise ValueError(f"passages hold no rows for doc_id {doc!r}")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    begin = p["char_start"].astype(int).tolist()
    for i, line_no in zip(out.index, out["line"]):
        if pd.isna(line_no):
            continue
        raw = lines[int(line_no) - 1]
        offset = starts[int(line_no) - 1] + len(raw) - len(raw.lstrip())
        k = bisect.bisect_right(begin, offset) - 1
        if k >= 0 and offset < int(p.at[k, "char_end"]):
            out.at[i, "passage_id"] = p.at[k, "passage_id"]
            out.at[i, "page"] = p.at[k, "page"]
            out.at[i, "section_path"] = p.at[k, "section_path"]
    return out


def _label_note(note: str, no: int) -> str:
    """The sentences of the value-list note about value ``no`` itself (e.g. 「なお、22.について、…」)."""
    sentences = [s + "。" for s in note.split("。") if s.strip()]
    mention = re.compile(rf"(?<![0-9]){no}[.]")
    return "".join(
        s for s in sentences if mention.search(nfkc(s)) and not _NEW_RANGE.search(s) and not _BASE_RANGE.search(s)
    )


def _stated_guidelines(paras: list[_Para], where: str, doc: str) -> tuple[int, _Para]:
    for p in paras:
        m = _N_GUIDELINES.search(p.text)
        if m:
            return _int(m.group("n")), p
    raise SurveyParseError(f"{doc}: {where} comparison: number of guidelines surveyed (「…個の指針等を調査」) not found")


def _counts(lines: list[str], a: int, b: int, values: pd.DataFrame, n: int, doc: str) -> pd.DataFrame:
    """Count lines ``no. label count`` anywhere in the section (they may be split by page breaks)."""
    found: dict[int, tuple[str, int, int]] = {}
    for i in range(a, b):
        m = _COUNT_LINE.match(lines[i])
        if not m:
            continue
        no = _int(m.group("no"))
        if no in found:
            raise SurveyParseError(f"{doc}: domestic counts: value {no} has two count lines ({found[no][2]} and {i + 1})")
        found[no] = (m.group("label").strip(), _int(m.group("count")), i + 1)
    expected = values["value_no"].tolist()
    missing = [no for no in expected if no not in found]
    if missing:
        names = ", ".join(f"{no}. {values.loc[values.value_no == no, 'label_ja_domestic'].iloc[0]}" for no in missing)
        raise SurveyParseError(f"{doc}: domestic counts not found for {len(missing)} value(s): {names}")
    rows = []
    for v in values.itertuples():
        label, count, line = found[v.value_no]
        if _key(label) != _key(v.label_ja_domestic):
            raise SurveyParseError(
                f"{doc}: domestic count line {line} labels value {v.value_no} 「{label}」, "
                f"but the domestic value list calls it 「{v.label_ja_domestic}」"
            )
        if count > n:
            raise SurveyParseError(
                f"{doc}: domestic count {count} for {v.value_no}. {label} (line {line}) exceeds the {n} guidelines surveyed"
            )
        rows.append(
            {
                "value_no": v.value_no,
                "value_code": v.value_code,
                "label_ja": label,
                "label_en": v.label_en_domestic,
                "count": count,
                "n_guidelines": n,
                "share": count / n,
                "over_half": count * 2 > n,
                "doc_id": doc,
                "line": line,
            }
        )
    return pd.DataFrame(rows)


def _publishers(lines: list[str], a: int, b: int, notes: dict[str, _Para], doc: str) -> pd.DataFrame:
    """Bullet rows ``・ A ・ B ・ C``: three columns per row; the list order reads down each column."""
    cells = []
    row = 0
    for i in range(a, b):
        raw = lines[i].strip()
        if not raw.startswith(_BULLET):
            continue
        names = [x.strip() for x in re.split(rf"(?:^|\s+){_BULLET}\s+", raw) if x.strip()]
        for col, name in enumerate(names):
            cells.append((col, row, name, i + 1))
        row += 1
    if not cells:
        raise SurveyParseError(f"{doc}: domestic publishers (rows of 「・ 名称 ・ 名称 ・ 名称」) not found")
    name_note = next((p.text for p in notes.values() if _NAME_NOTE_CUE in p.text), "")
    rows = []
    for k, (col, r, name, line) in enumerate(sorted(cells)):
        m = _MARKER_SUFFIX.search(name)
        marker = m.group(1) if m else ""
        rows.append(
            {
                "publisher_no": k + 1,
                "name": name[: m.start()].strip() if m else name,
                "name_as_printed": name,
                "list_row": r + 1,
                "list_column": col + 1,
                "marker": nfkc(marker),
                "note": _note_text(notes, marker) if marker else "",
                "name_note": name_note,
                "doc_id": doc,
                "line": line,
            }
        )
    missing = [r["name_as_printed"] for r in rows if r["marker"] and not r["note"]]
    if missing:
        raise SurveyParseError(f"{doc}: note for publisher(s) {', '.join(missing)} not found")
    return pd.DataFrame(rows)


def _scope(
    o_paras: list[_Para],
    o_note_groups: list[dict[str, _Para]],
    d_paras: list[_Para],
    d_note_groups: list[dict[str, _Para]],
    lists: dict[str, tuple[int, str | None, int]],
    labels: pd.DataFrame,
    doc: str,
) -> pd.DataFrame:
    """Survey design: countries and bodies, totals, publisher-type split, qualifying notes.

    ``*_note_groups`` are the note dicts of each section of a survey (the first holds the ※ notes
    the scope lines refer to); ``lists`` maps survey -> (stated number of values, marker, line).
    """
    rows: list[dict] = []
    o_notes, d_notes = o_note_groups[0], d_note_groups[0]

    def add(survey, category, name, count=None, marker=None, notes=None, line=None, publisher_type=None, name_en=None):
        rows.append(
            {
                "survey": survey,
                "category": category,
                "name": name,
                "name_en": name_en,
                "publisher_type": publisher_type,
                "count": count,
                "marker": nfkc(marker or ""),
                "note": _note_text(notes or {}, marker),
                "doc_id": doc,
                "line": line,
            }
        )

    # countries, supranational and international bodies
    cp = next(((p, m) for p in o_paras if (m := _COUNTRIES.search(p.text))), None)
    if cp is None:
        raise SurveyParseError(f"{doc}: overseas comparison: list of countries (「…箇国（…）」) not found")
    p, m = cp
    countries = _split_top(m.group("list"))
    n_countries = _int(m.group("n"))
    if len(countries) != n_countries:
        raise SurveyParseError(f"{doc}: overseas comparison states {n_countries} countries but lists {len(countries)}")
    add("overseas", "countries", f"{n_countries}箇国", n_countries, m.group("marker"), o_notes, p.line)
    for c in countries:
        add("overseas", "country", c, line=p.line)
    for item in _split_top(m.group("rest") or ""):
        g = re.match(r"^(?P<group>[^（(]+)[（(](?P<members>.+)[）)]$", item)
        if g and len(_split_top(g.group("members"))) > 1:
            code = _lookup(labels, "scope_group", g.group("group"), "code") or g.group("group")
            for member in _split_top(g.group("members")):
                add("overseas", code, member, line=p.line)
        else:
            add("overseas", "supranational", item, line=p.line)

    # totals and publisher-type split (overseas)
    n_total, tp = _stated_guidelines(o_paras, "overseas", doc)
    add("overseas", "guidelines", "指針等", n_total, _N_GUIDELINES.search(tp.text).group("marker"), o_notes, tp.line)
    split = next(
        (p for p in o_paras if sum(bool(_TYPE_ITEM.match(x)) for x in _split_top(p.text.lstrip("➢ "))) > 1), None
    )
    if split is None:
        raise SurveyParseError(f"{doc}: overseas comparison: publisher-type split (「…（NN個）、…（NN個）」) not found")
    total = 0
    for item in _split_top(split.text.lstrip("➢ ")):
        mm = _TYPE_ITEM.match(item)
        if not mm:
            continue
        raw_name = mm.group("name").strip()
        mk = re.search(rf"※{_D}*", raw_name)
        name = raw_name.replace(mk.group(0), "") if mk else raw_name
        total += _int(mm.group("n"))
        add("overseas", "publisher_type", name, _int(mm.group("n")), mk.group(0) if mk else "", o_notes, split.line,
            _lookup(labels, "publisher_type", name, "code"), _lookup(labels, "publisher_type", name, "label_en"))
    if total != n_total:
        raise SurveyParseError(
            f"{doc}: overseas publisher-type split sums to {total}, but {n_total} guidelines were surveyed"
        )

    # domestic total, value lists
    n_dom, dp = _stated_guidelines(d_paras, "domestic", doc)
    add("domestic", "guidelines", "指針等", n_dom, _N_GUIDELINES.search(dp.text).group("marker"), d_notes, dp.line)
    for survey, notes in (("overseas", o_notes), ("domestic", d_notes)):
        n, marker, line = lists[survey]
        add(survey, "values", "尊重すべき価値", n, marker, notes, line)

    # notes qualifying each survey (source, highlighting rule, caveats); ※ notes are attached above
    for survey, groups in (("overseas", o_note_groups), ("domestic", d_note_groups)):
        for notes in groups:
            for marker, p in notes.items():
                if marker.startswith("※"):
                    continue
                category = "highlight_rule" if _HALF_RULE in p.text else "note"
                rows.append(
                    {"survey": survey, "category": category, "name": marker, "name_en": None, "publisher_type": None,
                     "count": None, "marker": marker, "note": p.text, "doc_id": doc, "line": p.line}
                )
    df = pd.DataFrame(rows)
    df["count"] = df["count"].astype("Int64")
    df["line"] = df["line"].astype("Int64")
    return df


def _findings(lines: list[str], sections, values: pd.DataFrame, doc: str) -> pd.DataFrame:
    """Bullets of ＜レビューの結果＞ with the values they quote (「…」) and the claim they make."""
    sec = next(((a, b) for t, a, b in sections if t == _RESULTS_TITLE), None)
    if sec is None:
        raise SurveyParseError(f"{doc}: section heading ＜{_RESULTS_TITLE}＞ not found")
    keys = {}
    for v in values.itertuples():
        keys[_key(v.label_ja)] = v.value_code
        keys[_key(v.label_ja_domestic)] = v.value_code
    rows = []
    for p in _paragraphs(lines, *sec):
        if not p.text.startswith(_BULLET):
            continue
        text = p.text[len(_BULLET):].strip()
        quoted = _QUOTED.findall(text)
        codes = [keys[_key(q)] for q in quoted if _key(q) in keys]
        claims = [c for c, cue in _CLAIM_CUES.items() if cue in text]
        rows.append(
            {
                "finding_no": len(rows) + 1,
                "text": text,
                "claim": claims[0] if claims else "",
                "value_codes": ";".join(codes),
                "doc_id": doc,
                "line": p.line,
            }
        )
    if not rows:
        raise SurveyParseError(f"{doc}: no bullet findings under ＜{_RESULTS_TITLE}＞")
    return pd.DataFrame(rows)


def parse_survey(path: str | Path, doc_id: str | None = None, passages: pd.DataFrame | None = None) -> Survey:
    """Read the report at ``path`` and parse it; ``doc_id`` defaults to the file stem.

    The bytes are decoded as ingest decodes text files (UTF-8 with or without BOM, UTF-16 with BOM,
    Shift_JIS/CP932, EUC-JP, ISO-2022-JP; :func:`aicompare.corpus.readers.decode_bytes`).
    Pass the report's ingested ``passages`` to fill the evidence columns (see :func:`parse_survey_text`).
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SurveyParseError(f"report not found: {path}") from None
    try:
        text, _encoding = decode_bytes(data, path.name)
    except ReadError as exc:
        raise SurveyParseError(str(exc)) from None
    return parse_survey_text(text, doc_id or path.stem, passages)


# ---------------------------------------------------------------- outputs
def report_passages(report_path: str | Path) -> pd.DataFrame | None:
    """The report's passages from :func:`aicompare.corpus.ingest.ingest` (None if it cannot be ingested)."""
    from aicompare.corpus.ingest import ingest

    res = ingest([report_path])
    return None if res.failed or res.passages.empty else res.passages


def source_title(report_path: str | Path) -> str:
    """The report's title from ``SOURCES.csv`` beside it, else its file name (figure captions)."""
    from aicompare.corpus.sources import source_row

    report_path = Path(report_path)
    row = source_row(report_path)
    if row is not None and row.get("title"):
        return str(row["title"])
    return report_path.name
