"""Structure of the AI Guidelines for Business (AI事業者ガイドライン) parsed from its text.

``parse_guideline(path_or_passages)`` reads the guideline line by line with a small state
machine (part → section A–E → principle ``1)`` → sub-item ``①`` → statement ``✧/◇/☆``; advanced-AI
items ``I)``–``XII)``; actor items ``D-2) i.`` in parts 3–5; Table 1 as tab-separated rows) and
returns a :class:`Guideline` holding one DataFrame per structural level. Every row keeps its
``section_path`` and the ``passage_ids`` (``;``-joined) of the ingest passages that hold its text;
passages are linked to lines by matching their whitespace-free normalised text in document order.

Nothing about the guideline's content is typed into this module: the principles, sub-items, items,
their labels and the principles they cite all come from the text. The regular expressions only
describe the numbering scheme (``1)``, ``①``, ``I)``, ``D-2) i.``, ``「2）安全性」``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

from aicompare.corpus.normalise import CIRCLED, JA_CHARS, JA_PUNCT, match_key, nfkc
from aicompare.corpus.normalise import normalise_guideline_line as normalize
from aicompare.corpus.sources import BUSINESS_GUIDELINE, source_with_role

STATEMENT_MARKERS = "✧◇☆"
_CJK = JA_CHARS + JA_PUNCT
_FOOTNOTE = re.compile(r"^\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s")
_URL = re.compile(r"^\s*<?https?://|^\s*[（(][^）)]*https?://")
_TOC = re.compile(r"^(.+?)(?:\t|\s*\.{3,}\s*)(\d+)\s*$")
_PART = re.compile(r"^第(\d+)部\.?\s*(.*)$")
_SECTION = re.compile(r"^([A-E])\.\s*(\S.{0,60})$")
_PRINCIPLE = re.compile(r"^(\d{1,2})\)\s*(\S.{0,30})$")
_CIRCLED_ITEM = re.compile(rf"^([{CIRCLED}])\s*(\S.*)$")
_ADVANCED = re.compile(r"^-?\s*([IVX]+)\)\s*(\S.*)$")
_ACTOR_ITEM = re.compile(r"^(?:➤\s*|-\s*)?([DPU])-(\d{1,2})\)\s*([ivx]+)\.\s*(\S.*)$")
_STAGE = re.compile(r"^●\s*(\S.*)$")
_STATEMENT = re.compile(rf"^-\s*([{STATEMENT_MARKERS}])\s*(.*)$")
_BULLET = re.compile(r"^[-・]\s*(.*)$")
_TABLE_CAPTION = re.compile(r"^表\s*(\d+)\.\s*(.*)$")
_FIGURE = re.compile(r"^図\s*(\d+)\.\s*(.*)$")
_CITATION = re.compile(r"「\s*(\d{1,2})\s*\)\s*([^」]+?)\s*」")
_ROMAN = {"I": 1, "V": 5, "X": 10}
_LOWER_ROMAN_ITEM = re.compile(r"(?:^|\s)([ivx]+)\.\s*")
_REPRINT = re.compile(r"\(\s*([DPU]-\d{1,2}\)\s*[ivx]+\.)\s*再掲\s*\)")
# Line ends after which a wrapped statement or paragraph is complete (a following plain line is new text).
_COMPLETE_END = "。)」等励うくすつぬぶむるいただ"

ACTOR_KEYS = {"D": "developer", "P": "provider", "U": "business_user"}


def roman_to_int(s: str) -> int:
    """I…XII → 1…12 (also lower-case i, ii, iii)."""
    s = s.upper()
    vals = [_ROMAN[c] for c in s]
    return sum(-v if i + 1 < len(vals) and v < vals[i + 1] else v for i, v in enumerate(vals))


def cited_principles(text: str) -> list[tuple[int, str]]:
    """The principles a passage cites as 「2）安全性」, in order, without repeats."""
    seen: dict[int, str] = {}
    for m in _CITATION.finditer(normalize(text)):
        seen.setdefault(int(m.group(1)), m.group(2))
    return list(seen.items())


def guideline_source(raw: Path | None = None) -> Path:
    """Path of the corpus document whose ``role`` in ``SOURCES.csv`` is ``business_guideline``."""
    return source_with_role(BUSINESS_GUIDELINE, raw)


# --------------------------------------------------------------------------- line classification

@dataclass
class _State:
    part: str = ""
    part_no: int | None = None
    section: str = ""          # "A" … "E" (part 2)
    section_label: str = ""
    heading: str = ""          # unnumbered heading under the current part/section
    principle: int | None = None
    principle_label: str = ""
    subitem: str = ""
    subitem_label: str = ""
    philosophy: str = ""
    advanced: str = ""
    stage: str = ""
    actor_item: str = ""
    actor_label: str = ""
    statement: int | None = None
    table: str = ""
    in_body: bool = False
    last_kind: str = ""
    last_text: str = ""
    toc: dict[str, int] = field(default_factory=dict)

    def path(self) -> str:
        parts = [self.part]
        if self.section:
            parts.append(f"{self.section}. {self.section_label}")
        if self.heading:
            parts.append(self.heading)
        if self.philosophy:
            parts.append(self.philosophy)
        if self.principle is not None:
            parts.append(f"{self.principle}) {self.principle_label}")
            if self.subitem:
                parts.append(f"{self.subitem} {self.subitem_label}")
        if self.advanced:
            parts.append(f"{self.advanced})")
        if self.stage:
            parts.append(f"● {self.stage}")
        if self.actor_item:
            parts.append(f"{self.actor_item} {self.actor_label}")
        if self.table:
            parts.append(self.table)
        return " > ".join(p for p in parts if p)

    def reset_below_section(self) -> None:
        self.heading = self.philosophy = self.subitem = self.subitem_label = ""
        self.principle = None
        self.principle_label = self.advanced = self.stage = self.actor_item = self.actor_label = ""
        self.statement = None
        self.table = ""


def _is_generic_heading(t: str) -> bool:
    return (
        0 < len(t) <= 60
        and not re.search(r"[、。()（）:：\d\[\]|]", t)
        and not t.startswith(("-", "・", "<", "＜", "例", "注", "※"))
    )


def _continues(prev_kind: str, prev_text: str, t: str) -> bool:
    """Whether ``t`` continues the previous line (text wrapped over a page break)."""
    if prev_kind not in ("statement", "bullet", "paragraph", "advanced") or len(prev_text) < 20:
        return False
    if prev_kind != "paragraph" and _CITATION.match(t):
        return True
    last = prev_text[-1]
    return last == "、" or (bool(re.match(rf"[{_CJK}]", last)) and last not in _COMPLETE_END)


def classify_guideline_lines(text: str) -> pd.DataFrame:
    """Classify every line of the guideline and give it its structural context.

    Columns: line_no (1-based), raw, text (normalised), kind, section_path, part_no, section,
    principle_no, subitem, philosophy, advanced, stage, actor_item, statement_id, marker, level,
    continuation, table.
    """
    st = _State()
    rows: list[dict] = []
    statement_seq = 0
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i, raw in enumerate(lines, start=1):
        kind, marker, level, cont = "paragraph", "", 0, False
        stripped = raw.strip()
        t = normalize(raw)
        if not t:
            kind = "blank"
        elif _FOOTNOTE.match(raw) or _URL.match(raw):
            kind = "footnote"
        elif not st.in_body and (m := _TOC.match(stripped)):
            # table of contents: titles with page numbers; a body line repeating one opens the body
            st.toc[normalize(m.group(1))] = int(m.group(2))
            kind = "toc"
        elif "\t" in raw:
            kind = "table"
        elif (m := _PART.match(t)) and len(t) <= 60 and not re.search("[、。]", t) and (st.in_body or t in st.toc):
            st.in_body = True
            st.reset_below_section()
            st.section = st.section_label = ""
            st.part_no = int(m.group(1))
            st.part = f"第{m.group(1)}部 {m.group(2)}".strip()
            kind = "part"
        elif t in st.toc and not st.in_body:
            st.in_body = True
            st.part, st.part_no = t, None
            st.reset_below_section()
            kind = "part"
        elif not st.in_body:
            kind = "front"
        elif st.part_no == 2 and (m := _SECTION.match(t)) and not t.endswith("。"):
            st.reset_below_section()
            st.section, st.section_label = m.group(1), m.group(2)
            kind = "section"
        elif _TABLE_CAPTION.match(t):
            st.reset_below_section()
            st.table = t
            kind = "table_caption"
        elif _FIGURE.match(t):
            kind = "figure"
        elif st.section == "A" and (m := _CIRCLED_ITEM.match(t)) and len(t) <= 60:
            st.philosophy = f"{m.group(1)} {m.group(2)}"
            kind = "philosophy"
        elif st.section == "C" and (m := _PRINCIPLE.match(t)):
            st.principle, st.principle_label = int(m.group(1)), m.group(2)
            st.subitem = st.subitem_label = st.table = ""
            st.statement = None
            kind = "principle"
        elif st.section == "C" and st.principle is not None and (m := _CIRCLED_ITEM.match(t)) and len(t) <= 60:
            st.subitem, st.subitem_label = m.group(1), m.group(2)
            st.statement = None
            kind = "subitem"
        elif st.section == "D" and st.part_no == 2 and (m := _ADVANCED.match(t)):
            st.advanced = m.group(1)
            st.statement = None
            kind = "advanced"
        elif st.part_no in (3, 4, 5) and (m := _STAGE.match(t)):
            st.stage, st.actor_item, st.actor_label = m.group(1), "", ""
            st.statement = None
            kind = "stage"
        elif st.part_no in (3, 4, 5) and (m := _ACTOR_ITEM.match(t)):
            st.actor_item = f"{m.group(1)}-{int(m.group(2))}) {m.group(3)}."
            st.actor_label = m.group(4)
            st.statement = None
            kind = "actor_item"
        elif m := _STATEMENT.match(t):
            statement_seq += 1
            st.statement = statement_seq
            marker, level = m.group(1), 2 if raw[:1].isspace() else 1
            kind = "statement"
        elif _BULLET.match(t) and not t.startswith("-" * 2):
            level = 2 if raw[:1].isspace() else 1
            kind = "bullet"
        elif _continues(st.last_kind, st.last_text, t):
            kind, cont = st.last_kind, True
        elif st.part and _is_generic_heading(t) and st.section not in ("A", "C"):
            st.reset_below_section()
            st.heading = t
            kind = "heading"
        else:
            kind = "paragraph"
            st.statement = None
            if t.endswith("。") and st.actor_item:
                # A full sentence after an item's bullets closes the item (e.g. 「以下に…を挙げる。」).
                st.actor_item = st.actor_label = ""
        if kind not in ("blank", "footnote", "figure"):
            st.last_kind, st.last_text = kind, t
        rows.append(
            dict(
                line_no=i, raw=raw, text=t, kind=kind, section_path=st.path(), part_no=st.part_no,
                section=st.section, principle_no=st.principle, subitem=st.subitem,
                philosophy=st.philosophy.split(" ")[0] if st.philosophy else "",
                advanced=st.advanced, stage=st.stage, actor_item=st.actor_item,
                statement_id=st.statement if kind in ("statement", "bullet") or cont else None,
                marker=marker, level=level, continuation=cont, table=st.table if kind == "table" else "",
            )
        )
    df = pd.DataFrame(rows)
    df["part_no"] = df["part_no"].astype("Int64")
    df["principle_no"] = df["principle_no"].astype("Int64")
    df["statement_id"] = df["statement_id"].astype("Int64")
    return df


# --------------------------------------------------------------------------- structural frames

def _join(values: Iterable[str], sep: str = ";") -> str:
    seen: dict[str, None] = {}
    for v in values:
        for part in str(v).split(sep) if v else ():
            if part:
                seen.setdefault(part, None)
    return sep.join(seen)


def split_ids(cell: str | float | None) -> list[str]:
    """``"a;b"`` → ``["a", "b"]`` (empty or missing → ``[]``)."""
    return [p for p in str(cell).split(";") if p] if isinstance(cell, str) else []


def _content(lines: pd.DataFrame) -> pd.DataFrame:
    """Lines that carry the guideline's own text (no blanks, footnotes, figure captions, front matter)."""
    return lines[~lines["kind"].isin(["blank", "footnote", "figure", "front", "toc"])]


def _region_text(region: pd.DataFrame) -> str:
    """Text of a run of lines; a line that continues the previous one (page break) is glued on."""
    out = ""
    for text, cont in zip(region["text"], region["continuation"]):
        if text:
            out += (text if cont or not out else "\n" + text)
    return out


def _philosophies(lines: pd.DataFrame) -> pd.DataFrame:
    body = _content(lines)
    rows = []
    for key, region in body[body["philosophy"] != ""].groupby("philosophy", sort=False):
        head = region.iloc[0]
        m = re.match(rf"^([{CIRCLED}])\s*(.*?)\s*(?:\(([^()]*)\))?$", head["text"])
        rows.append(dict(
            philosophy=key, philosophy_no=CIRCLED.index(key) + 1, label=m.group(2), label_en=m.group(3) or "",
            section_path=head["section_path"], text=_region_text(region.iloc[1:]),
            passage_ids=_join(region["passage_ids"]), line_start=int(region["line_no"].min()),
        ))
    return pd.DataFrame(rows, columns=["philosophy", "philosophy_no", "label", "label_en", "section_path", "text",
                                       "passage_ids", "line_start"])


def _principles(lines: pd.DataFrame) -> pd.DataFrame:
    body = _content(lines)
    body = body[(body["section"] == "C") & body["principle_no"].notna()]
    rows = []
    for no, region in body.groupby("principle_no", sort=True):
        head = region[region["kind"] == "principle"].iloc[0]
        intro = region[(region["subitem"] == "") & (region["kind"] == "paragraph")]
        rows.append(dict(
            principle_no=int(no), label=re.sub(r"^\d+\)\s*", "", head["text"]),
            n_subitems=int((region["kind"] == "subitem").sum()),
            n_statements=int(region.loc[region["kind"] == "statement", "statement_id"].nunique()),
            section_path=head["section_path"], intro=_region_text(intro),
            passage_ids=_join(region["passage_ids"]), line_start=int(region["line_no"].min()),
        ))
    return pd.DataFrame(rows, columns=["principle_no", "label", "n_subitems", "n_statements", "section_path", "intro",
                                       "passage_ids", "line_start"])


def _subitems(lines: pd.DataFrame) -> pd.DataFrame:
    body = _content(lines)
    body = body[(body["section"] == "C") & body["principle_no"].notna() & (body["subitem"] != "")]
    rows = []
    for (no, sub), region in body.groupby(["principle_no", "subitem"], sort=False):
        head = region[region["kind"] == "subitem"].iloc[0]
        rows.append(dict(
            principle_no=int(no), subitem=sub, subitem_no=CIRCLED.index(sub) + 1,
            label=re.sub(rf"^[{CIRCLED}]\s*", "", head["text"]),
            n_statements=int(region.loc[region["kind"] == "statement", "statement_id"].nunique()),
            section_path=head["section_path"], text=_region_text(region.iloc[1:]),
            passage_ids=_join(region["passage_ids"]), line_start=int(region["line_no"].min()),
        ))
    df = pd.DataFrame(rows, columns=["principle_no", "subitem", "subitem_no", "label", "n_statements", "section_path",
                                     "text", "passage_ids", "line_start"])
    return df.sort_values(["principle_no", "subitem_no"], kind="stable").reset_index(drop=True)


def _statements(lines: pd.DataFrame) -> pd.DataFrame:
    body = _content(lines)
    body = body[body["statement_id"].notna()]
    rows = []
    for sid, region in body.groupby("statement_id", sort=True):
        head = region.iloc[0]
        text = _region_text(region)
        rows.append(dict(
            statement_id=int(sid), marker=head["marker"], section=head["section"],
            principle_no=head["principle_no"], subitem=head["subitem"], advanced=head["advanced"],
            actor_item=head["actor_item"], text=re.sub(rf"^-\s*[{STATEMENT_MARKERS}]\s*", "", text),
            cited_principles=";".join(str(n) for n, _ in cited_principles(text)),
            section_path=head["section_path"], passage_ids=_join(region["passage_ids"]),
            line_start=int(region["line_no"].min()),
        ))
    df = pd.DataFrame(rows, columns=["statement_id", "marker", "section", "principle_no", "subitem", "advanced",
                                     "actor_item", "text", "cited_principles", "section_path", "passage_ids",
                                     "line_start"])
    df["principle_no"] = df["principle_no"].astype("Int64")
    return df


def _advanced(lines: pd.DataFrame) -> pd.DataFrame:
    body = _content(lines)
    body = body[(body["part_no"] == 2) & (body["section"] == "D") & (body["advanced"] != "")]
    rows = []
    for key, region in body.groupby("advanced", sort=False):
        head = region[region["kind"] == "advanced"].iloc[0]
        cites = cited_principles(head["text"])
        rows.append(dict(
            item=key, item_no=roman_to_int(key),
            text=re.sub(r"^-?\s*[IVX]+\)\s*", "", _CITATION_TAIL.sub("", head["text"])),
            cited_principles=";".join(str(n) for n, _ in cites), cited_labels=";".join(lab for _, lab in cites),
            details=_region_text(region.iloc[1:]), section_path=head["section_path"],
            passage_ids=_join(region["passage_ids"]), line_start=int(region["line_no"].min()),
        ))
    df = pd.DataFrame(rows, columns=["item", "item_no", "text", "cited_principles", "cited_labels", "details",
                                     "section_path", "passage_ids", "line_start"])
    return df.sort_values("item_no", kind="stable").reset_index(drop=True)


_CITATION_TAIL = re.compile(r"\((?:「[^」]*」[、,]?\s*)+\)\s*$")
_ACTOR_ID = re.compile(r"^([DPU])-(\d{1,2})\)\s*([ivx]+)\.$")


def _actor_items(lines: pd.DataFrame, actor_labels: dict[str, str]) -> pd.DataFrame:
    body = _content(lines)
    body = body[body["part_no"].isin([3, 4, 5]) & (body["actor_item"] != "")]
    rows = []
    for key, region in body.groupby("actor_item", sort=False):
        heads = region[region["kind"] == "actor_item"]
        m = _ACTOR_ID.match(key)
        actor, no, sub = m.group(1), int(m.group(2)), m.group(3)
        label = _ACTOR_ITEM.match(heads.iloc[0]["text"]).group(4)
        cites = cited_principles(_region_text(region))
        rows.append(dict(
            item_id=key, actor=actor, actor_label=actor_labels.get(actor, ""), principle_no=no, item=sub,
            item_no=roman_to_int(sub), label=label, part_no=int(heads.iloc[0]["part_no"]),
            stages=_join(heads["stage"]), n_occurrences=len(heads),
            n_statements=int(region.loc[region["kind"] == "statement", "statement_id"].nunique()),
            cited_principles=";".join(str(n) for n, _ in cites), cited_labels=";".join(lab for _, lab in cites),
            section_path=heads.iloc[0]["section_path"], text=_region_text(region),
            passage_ids=_join(region["passage_ids"]), line_start=int(region["line_no"].min()),
        ))
    df = pd.DataFrame(rows, columns=["item_id", "actor", "actor_label", "principle_no", "item", "item_no", "label",
                                     "part_no", "stages", "n_occurrences", "n_statements", "cited_principles",
                                     "cited_labels", "section_path", "text", "passage_ids", "line_start"])
    order = {a: i for i, a in enumerate(ACTOR_KEYS)}
    return (df.assign(_a=df["actor"].map(order)).sort_values(["_a", "principle_no", "item_no"], kind="stable")
            .drop(columns="_a").reset_index(drop=True))


def _split_numbered(cell: str, pattern: re.Pattern) -> list[tuple[str, str]]:
    marks = list(pattern.finditer(cell))
    out = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(cell)
        out.append((m.group(1), cell[m.end():end].strip()))
    return out


def _table1(lines: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """Table 1 (principle × common sub-items × developer/provider/business user) in long form."""
    tab = lines[lines["kind"] == "table"]
    caption = lines.loc[lines["kind"] == "table_caption", "text"]
    actor_labels: dict[str, str] = {}
    rows = []
    actor_order: list[str] = []
    for r in tab.itertuples():
        cells = [normalize(c) for c in r.raw.strip("\n").split("\t")]
        while cells and not cells[0]:
            cells = cells[1:]
        if not cells:
            continue
        header = [re.search(r"第(\d+)部\.?\s*(.+?)\(([DPU])\)", c) for c in cells]
        if any(header):
            for m in filter(None, header):
                actor_order.append(m.group(3))
                actor_labels[m.group(3)] = m.group(2).strip()
            continue
        m = _PRINCIPLE.match(cells[0])
        if not m:
            continue
        no, plabel = int(m.group(1)), m.group(2)
        raw_cells = r.raw.strip("\n").lstrip("\t").split("\t")
        for j, cell in enumerate(cells[1:], start=1):
            col = "common" if j == 1 else (actor_order[j - 2] if j - 2 < len(actor_order) else "")
            if cell in ("", "-"):
                continue
            if col == "common":
                for mark, lab in _split_numbered(cell, re.compile(rf"([{CIRCLED}])\s*")):
                    rows.append(dict(principle_no=no, principle=plabel, column="common", item=mark,
                                     item_id=f"{no}){mark}", label=lab, reprint_of=""))
            elif col:
                wide = nfkc(raw_cells[j])
                rep = _REPRINT.search(wide)
                wide = _REPRINT.sub("", wide)
                for mark, lab in _split_numbered(wide, _LOWER_ROMAN_ITEM):
                    rows.append(dict(principle_no=no, principle=plabel, column=col, item=f"{mark}.",
                                     item_id=f"{col}-{no}) {mark}.", label=normalize(lab),
                                     reprint_of=re.sub(r"\)\s*", ") ", rep.group(1)) if rep else ""))
    df = pd.DataFrame(rows, columns=["principle_no", "principle", "column", "item", "item_id", "label", "reprint_of"])
    df.attrs["caption"] = caption.iloc[0] if len(caption) else ""
    return df, actor_labels


# --------------------------------------------------------------------------- passages ↔ lines

def link_passages(lines: pd.DataFrame, passages: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Give every line the ids of the passages whose text it holds.

    Passages are matched in document order on a whitespace-free NFKC key of ``text_raw`` (falling
    back to ``text``), so the link does not depend on how ingestion split or normalised the text.
    Returns ``(lines with a passage_ids column, passages with line_start/line_end)``; passages not
    found in the text keep ``line_start`` missing.
    """
    keys = [match_key(r) for r in lines["raw"]]
    starts, pos = [], 0
    for k in keys:
        starts.append(pos)
        pos += len(k)
    big = "".join(keys)
    import bisect

    line_ids: list[list[str]] = [[] for _ in keys]
    found_start: list[int | None] = []
    found_end: list[int | None] = []
    cursor = 0
    order = passages.reset_index(drop=True)
    src = order["text_raw"] if "text_raw" in order.columns else order["text"]
    for pid, raw, txt in zip(order["passage_id"], src, order["text"]):
        hit = -1
        for cand in (match_key(raw), match_key(txt)):
            if not cand:
                continue
            hit = big.find(cand, cursor)
            if hit < 0:
                hit = big.find(cand)
            if hit < 0 and len(cand) > 40:
                cand = cand[:40]
                hit = big.find(cand, cursor)
                hit = hit if hit >= 0 else big.find(cand)
            if hit >= 0:
                break
        if hit < 0:
            found_start.append(None)
            found_end.append(None)
            continue
        first = bisect.bisect_right(starts, hit) - 1
        last = bisect.bisect_right(starts, hit + max(len(cand), 1) - 1) - 1
        for li in range(first, last + 1):
            if keys[li]:
                line_ids[li].append(pid)
        found_start.append(int(lines["line_no"].iloc[first]))
        found_end.append(int(lines["line_no"].iloc[last]))
        cursor = hit + len(cand)
    out = lines.copy()
    out["passage_ids"] = [";".join(dict.fromkeys(ids)) for ids in line_ids]
    linked = order.copy()
    linked["line_start"] = pd.array(found_start, dtype="Int64")
    linked["line_end"] = pd.array(found_end, dtype="Int64")
    return out, linked


def _passage_structure(lines: pd.DataFrame, linked: pd.DataFrame) -> pd.DataFrame:
    """Per passage: the structural place of its first line (part, section, principle, sub-item, item)."""
    cols = ["part_no", "section", "principle_no", "subitem", "advanced", "actor_item", "kind", "section_path"]
    by_line = lines.set_index("line_no")[cols]
    out = linked[["doc_id", "passage_id", "line_start", "line_end"]].copy() if "doc_id" in linked.columns else \
        linked[["passage_id", "line_start", "line_end"]].copy()
    ok = out["line_start"].notna()
    place = by_line.reindex(out.loc[ok, "line_start"].astype(int).to_numpy())
    for c in cols:
        out[c] = pd.Series(pd.NA, index=out.index, dtype=lines[c].dtype)
        out.loc[ok, c] = place[c].to_numpy()
    out = out.rename(columns={"kind": "line_kind", "section_path": "guideline_path"})
    notes = out["line_kind"].isin(["footnote", "figure", "front", "toc"])
    out.loc[notes, "principle_no"] = pd.NA
    out.loc[notes, ["subitem", "advanced", "actor_item"]] = ""
    return out


# --------------------------------------------------------------------------- public API

@dataclass(frozen=True)
class Guideline:
    """The parsed business guideline: one DataFrame per structural level (see :func:`parse_guideline`)."""

    doc_id: str
    source: str
    lines: pd.DataFrame
    philosophies: pd.DataFrame
    principles: pd.DataFrame
    subitems: pd.DataFrame
    statements: pd.DataFrame
    advanced: pd.DataFrame
    actor_items: pd.DataFrame
    table1: pd.DataFrame
    passage_map: pd.DataFrame
    actor_labels: dict[str, str] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The structural tables by name (for writing to disk)."""
        return {
            "philosophies": self.philosophies, "principles": self.principles, "subitems": self.subitems,
            "statements": self.statements, "advanced_items": self.advanced, "actor_items": self.actor_items,
            "table1": self.table1,
        }

    def target_lines(self, target: str) -> pd.DataFrame:
        """Lines of a crosswalk target: ``A.①``, ``C.2)``, ``C.2)①``, ``D.II``, ``E``, ``D-2) i.`` (empty if absent)."""
        L = _content(self.lines)
        t = target.strip()
        if m := re.fullmatch(rf"A\.([{CIRCLED}])", t):
            return L[(L["section"] == "A") & (L["philosophy"] == m.group(1))]
        if m := re.fullmatch(rf"C\.(\d{{1,2}})\)([{CIRCLED}])?", t):
            sel = (L["section"] == "C") & (L["principle_no"] == int(m.group(1)))
            if m.group(2):
                sel &= L["subitem"] == m.group(2)
            return L[sel.fillna(False)]
        if m := re.fullmatch(r"D\.([IVX]+)", t):
            return L[(L["part_no"] == 2) & (L["section"] == "D") & (L["advanced"] == m.group(1))]
        if m := re.fullmatch(r"([A-E])", t):
            return L[(L["part_no"] == 2) & (L["section"] == m.group(1))]
        if _ACTOR_ID.match(t):
            return L[L["actor_item"] == t]
        raise ValueError(f"unknown guideline target {target!r} (use A.①, C.2), C.2)①, D.II, E or D-2) i.)")


def read_guideline_text(path: str | Path) -> str:
    """Raw text of a guideline file as the ingest readers see it (PDF page furniture dropped)."""
    from aicompare.corpus.readers import ReadError, read_file

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"guideline file not found: {path}")
    try:
        raw = read_file(path)
    except ReadError as exc:
        raise ValueError(f"cannot read the guideline {path}: {exc}") from exc
    return "\n".join(line.text for line in raw.lines)


def text_from_passages(passages: pd.DataFrame) -> str:
    """Rebuild a document's text from its passages: ``text_raw`` in order, a new line wherever the
    character offsets leave a gap (sentences of one line are contiguous)."""
    out: list[str] = []
    prev_end = None
    for raw, start, end in zip(passages["text_raw"], passages["char_start"], passages["char_end"]):
        if out and prev_end is not None and pd.notna(start) and int(start) == int(prev_end):
            out[-1] += raw
        else:
            out.append(raw)
        prev_end = end if pd.notna(end) else None
    return "\n".join(out)


def build_guideline(text: str, doc_id: str, passages: pd.DataFrame | None = None, source: str = "") -> Guideline:
    """Parse guideline ``text``; link ``passages`` (ingest rows of this document) when given."""
    lines = classify_guideline_lines(text)
    if passages is not None and len(passages):
        lines, linked = link_passages(lines, passages)
    else:
        lines = lines.assign(passage_ids="")
        linked = pd.DataFrame({"doc_id": pd.Series(dtype=str), "passage_id": pd.Series(dtype=str),
                               "line_start": pd.Series(dtype="Int64"), "line_end": pd.Series(dtype="Int64")})
    # the parts below select and group lines many times: on Python objects rather than Arrow-backed text columns
    # that is several times faster (the tables built are the same)
    work = lines.astype({c: object for c in lines.columns if str(lines[c].dtype) in ("str", "string")})
    table1, actor_labels = _table1(work)
    principles = _principles(work)
    if principles.empty:
        raise ValueError(
            f"no common guiding principles (第2部 C. 共通の指針 with 1)…10)) found in {source or doc_id}: "
            "is it a Japanese edition of the AI Guidelines for Business?")
    return Guideline(
        doc_id=doc_id, source=source, lines=lines, philosophies=_philosophies(work), principles=principles,
        subitems=_subitems(work), statements=_statements(work), advanced=_advanced(work),
        actor_items=_actor_items(work, actor_labels), table1=table1,
        passage_map=_passage_structure(lines, linked), actor_labels=actor_labels,
    )


def parse_guideline(
    source: str | Path | pd.DataFrame | None = None,
    *,
    passages: pd.DataFrame | None = None,
    use_cache: bool = True,
) -> Guideline:
    """Parse the AI Guidelines for Business into its structure, linked to ingest passages.

    ``source``: ``None`` or ``"business-guideline"`` → the document whose role is
    ``business_guideline`` in ``data/raw/SOURCES.csv``; a path → that file (another edition, .txt,
    .md or .pdf); a passages frame of one document → the text is rebuilt from its ``text_raw``.
    ``passages``: the ingest passages of the guideline (e.g. from a corpus already ingested); when
    omitted for a path, the file is ingested (cached) so that rows carry ``passage_ids``.
    """
    if isinstance(source, pd.DataFrame):
        docs = source["doc_id"].unique()
        if len(docs) != 1:
            raise ValueError(f"parse_guideline expects the passages of one document, got {len(docs)} doc_ids")
        return build_guideline(text_from_passages(source), str(docs[0]), source, source=str(docs[0]))
    if source is None or str(source) == "business-guideline":
        source = guideline_source()
    path = Path(source)
    text = read_guideline_text(path)
    if passages is None:
        from aicompare.corpus.ingest import ingest

        res = ingest([path], use_cache=use_cache)
        if res.failed or not len(res.passages):
            raise ValueError(f"cannot ingest the guideline {path}: "
                             + "; ".join(res.issues["message"].astype(str)))
        passages = res.passages
    doc_ids = passages["doc_id"].unique()
    doc_id = path.stem if path.stem in doc_ids else (str(doc_ids[0]) if len(doc_ids) == 1 else path.stem)
    own = passages[passages["doc_id"] == doc_id]
    if not len(own):
        raise ValueError(f"no passages of {doc_id!r} among the passages given for {path}")
    return build_guideline(text, doc_id, own, source=str(path))
