"""Who published a disclosure, for which year, and of which kind, read from the document.

The cover (the text before 目录, or the first page of a PDF) names the unit and the year:
"2024年度 / 南阳市政务大数据中心单位决算", or "上海市普陀区财政局 / 年度部门决算 / 2024"
(the year set in another font and extracted apart). When the cover gives nothing, the
part headings ("第二部分 上海市普陀区财政局 2024 年度部门决算表") and the table headers
("单位：南阳市政务大数据中心", "2024年度") are read instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .sources import Item, SourceDocument
from .tables import normalise

YEAR = re.compile(r"(20\d{2})")
KIND = re.compile(r"(部门|单位)决算")
PLACEHOLDER = re.compile(r"X{2,}|×{2,}|＊{2,}|\*{2,}|某某|XX|xx")
CHINESE_DATE = re.compile(r"^[〇零一二三四五六七八九十○]{4}年.*月$|^\d{4}年\d{1,2}月(\d{1,2}日)?$")
UNIT_LINE = re.compile(r"^(编制|填报)?单位[:：](.+)$")


@dataclass
class Identity:
    unit_name: str | None
    fiscal_year: int | None
    disclosure_kind: str | None   # 部门决算 or 单位决算
    document_title: str | None
    evidence: str

    @property
    def is_placeholder(self) -> bool:
        return bool(self.unit_name and PLACEHOLDER.search(self.unit_name))


def _cover_lines(document: SourceDocument, text_items: list[Item]) -> list[str]:
    lines = []
    for item in text_items:
        squeezed = normalise(item.text)
        if squeezed in ("目录", "目 录") or squeezed.startswith("目录"):
            break
        if document.file_format == "pdf" and item.page and item.page > 1 and lines:
            break
        if CHINESE_DATE.match(squeezed):
            continue
        lines.append(squeezed)
        if len(lines) >= 8:
            break
    return lines


def _from_text(text: str) -> tuple[str | None, int | None, str | None]:
    """(unit, year, kind) from a squeezed title such as 2024年度南阳市政务大数据中心单位决算."""
    kind_match = KIND.search(text)
    if not kind_match:
        return None, None, None
    years = YEAR.findall(text)
    year = int(years[0]) if years else None
    head = text[: kind_match.start()]
    head = YEAR.sub("", head)
    head = re.sub(r"^第[一二三四五六七八九十]+部分", "", head)
    head = re.sub(r"年度?$", "", head)
    head = re.sub(r"^年度?", "", head)
    unit = head.strip("：:，, ") or None
    return unit, year, kind_match.group(1) + "决算"


def identify(document: SourceDocument, text_items: list[Item]) -> Identity:
    cover = "".join(_cover_lines(document, text_items))
    unit, year, kind = _from_text(cover)
    evidence = f"cover: {cover[:60]}"
    if year is None and unit:
        years = YEAR.findall(cover)
        year = int(years[0]) if years else None
    if not unit or year is None:
        for item in text_items[:400]:
            squeezed = normalise(item.text)
            if "决算" in squeezed and squeezed.startswith("第二部分"):
                heading_unit, heading_year, heading_kind = _from_text(squeezed)
                if heading_unit and heading_year:
                    unit, year, kind = unit or heading_unit, year or heading_year, kind or heading_kind
                    evidence = f"part heading at {item.where}: {squeezed[:60]}"
                    break
    if not unit:
        for item in text_items:
            match = UNIT_LINE.match(normalise(item.text))
            if match and "万元" not in match.group(2):
                unit = match.group(2)
                evidence = f"table header at {item.where}: {normalise(item.text)}"
                break
    if year is None:
        for item in text_items:
            match = re.match(r"^(20\d{2})年度$", normalise(item.text))
            if match:
                year = int(match.group(1))
                break
    title = f"{year}年度{unit}{kind}" if unit and year and kind else (cover or None)
    return Identity(unit, year, kind, title, evidence)
