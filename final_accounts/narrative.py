"""Reading the document as a whole: every year and every self-reference of the unit it
prints outside the tables, with where it is printed, for the document-wide rules
(DOC-YEAR, DOC-UNIT-NAME in models/intermediate/int_checks_document.sql).

Years, by the frame they stand in (the rule decides what year each frame must name):

- ``title``       "2024年度…决算", "2024 年度部门决算表", "2024年度单位决算" (headings, titles);
- ``as_of``       "截至2024年12月31日";
- ``comparison``  "与2023年度相比", "比2023年度", "较2023年" (the year compared with);
- ``statement``   "2024年度收入支出总计…" and any other "YYYY年度" in a sentence.

Unit names, where the document names itself: the cover, part headings ("第三部分 NAME
2024 年度部门决算情况说明"), table banners ("NAME 2024 年度部门决算表"), "单位：NAME"
lines, and sentences opening with "NAME 2024 年度…" / "NAME本年度…". A template placeholder
("XX局") is caught the same way. Names of other bodies in ordinary prose (a 主管部门, the
units a department consolidates) are not self-references and are not collected.

Lines of a page are joined before matching (a PDF wraps sentences), and each match is
reported at the line where it starts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .sources import Item

YEAR_FRAMES: list[tuple[str, re.Pattern]] = [
    ("as_of", re.compile(r"截至\s*(20\d{2})\s*年\s*12\s*月\s*31\s*日")),
    ("comparison", re.compile(r"(?:与|比|较|同比|相比)\s*(20\d{2})\s*年度?")),
    ("title", re.compile(r"(20\d{2})\s*年度\s*(?:[\u4e00-\u9fa5（）()]{0,30}?)\s*(?:部门|单位)?决算(?:表|情况说明)?")),
    ("statement", re.compile(r"(20\d{2})\s*年度")),
]
ORG_SUFFIX = r"(?:局|中心|委员会|办公室|院|所|站|厅|馆|队|校|处|会|公司|社|部)"
ORG_NAME = rf"[\u4e00-\u9fa5（）()ＸXx×]{{2,30}}?{ORG_SUFFIX}"
SELF_REFERENCES: list[tuple[str, re.Pattern]] = [
    ("part_heading", re.compile(rf"第[一二三四五六七八九十]部分\s*({ORG_NAME})\s*(?:20\d{{2}}\s*年度|概况|年度)")),
    ("banner", re.compile(rf"(?:^|[\s。；])({ORG_NAME})\s*20\d{{2}}\s*年度\s*(?:部门|单位)决算")),
    ("banner", re.compile(rf"20\d{{2}}\s*年度\s*({ORG_NAME})\s*(?:部门|单位)决算")),
    ("unit_line", re.compile(rf"(?:编制|填报)?单位[:：]\s*({ORG_NAME})\s*$")),
    ("sentence", re.compile(rf"({ORG_NAME})\s*(?:20\d{{2}}\s*年度|本年度)")),
]
# words that precede a name in a sentence or run on from a heading joined to it
LEADING_WORDS = re.compile(r"^.*(?:）|\)|情况|纳入|说明|其中|包括|根据|按照|经|第[一二三四五六七八九十]+部分)")
PLACEHOLDER = re.compile(r"X{2,}|x{2,}|×{2,}|Ｘ{2,}|某某")


@dataclass
class Mention:
    kind: str        # "year" or "unit_name"
    frame: str       # year frame or self-reference context
    value: str       # the year, or the name as printed (blanks removed)
    context: str     # the words around it
    where: str       # page N / line N


def _pages(items: list[Item]) -> list[list[Item]]:
    """Text lines grouped by page (PDF) or paragraph (text export: each line stands alone)."""
    groups: list[list[Item]] = []
    current_page = object()
    for item in items:
        if item.kind != "text":
            continue
        key = item.page if item.page is not None else item.line
        if key != current_page:
            groups.append([])
            current_page = key
        groups[-1].append(item)
    return groups


def _joined(group: list[Item]) -> tuple[str, list[tuple[int, Item]]]:
    text, starts = "", []
    for item in group:
        starts.append((len(text), item))
        text += item.text.strip() + "\n"
    return text, starts


def _where(starts: list[tuple[int, Item]], position: int) -> str:
    found = starts[0][1]
    for offset, item in starts:
        if offset <= position:
            found = item
    return found.where


def _context(text: str, start: int, end: int) -> str:
    return re.sub(r"\s+", "", text[max(0, start - 12): end + 12])


def find_mentions(items: list[Item]) -> list[Mention]:
    mentions: list[Mention] = []
    for group in _pages(items):
        text, starts = _joined(group)
        flat = text.replace("\n", "")
        # match on the page with line breaks removed, then map back to the line
        positions = []
        for index, character in enumerate(text):
            if character != "\n":
                positions.append(index)
        taken: set[int] = set()
        for frame, pattern in YEAR_FRAMES:
            for match in pattern.finditer(flat):
                start = match.start(1)
                if start in taken:
                    continue
                taken.add(start)
                mentions.append(Mention("year", frame, match.group(1), _context(flat, match.start(), match.end()),
                                        _where(starts, positions[start])))
        seen_names: set[tuple[int, str]] = set()
        for line_text, line_starts in ((flat, starts),):
            for frame, pattern in SELF_REFERENCES:
                for match in pattern.finditer(line_text):
                    raw = re.sub(r"\s+", "", match.group(1))
                    name = LEADING_WORDS.sub("", raw)
                    # where the name starts (a heading read joined to it, as OCR reads a line, is not the name)
                    key = (match.start(1) + len(raw) - len(name), name)
                    if key in seen_names or len(name) < 3:
                        continue
                    seen_names.add(key)
                    mentions.append(Mention("unit_name", frame, name,
                                            _context(line_text, match.start(), match.end()),
                                            _where(line_starts, positions[match.start(1)])))
    return mentions
