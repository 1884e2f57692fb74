"""From a recognised table's printed grid to the raw rows the staging models read.

Columns are found by their printed headers, never by position: each column's header is
the path of the header cells above it (a merged cell covers the columns to its right
under the same parent), and keywords in that path decide what the column holds. This
copes with both layouts:

- codes joined in one column (``2010301``) or split over 类/款/项 columns
  (``201 | 03 | 01``; 经济分类 ``301 | 13``);
- with or without 行次/栏次 columns and 栏次 number rows;
- tables continued on the next page, with or without the header repeated (a segment
  without a header reuses the previous segment's columns);
- cells wrapped over lines (joined) and row labels wrapped onto a row of their own
  (joined to the row above, and recorded as a layout judgment);
- empty cells, which mean "not printed" and land as empty text (NULL in staging).

Every landed row keeps where it is printed (page or line) and its printed row number.
Anything that cannot be placed is returned as a plain sentence, never dropped silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .sources import Item
from .tables import RecognisedTable, normalise

AMOUNT = re.compile(r"^[-－]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[-－]?\d*\.\d+$")
DECIMAL_AMOUNT = re.compile(r"^[-－]?[\d,，]*\d[.．]\d+$|^[-－]?\d{1,3}([,，]\d{3})+$")
CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
HEADER_WORDS = ("项目", "决算数", "预算数", "行次", "栏次", "科目名称", "科目编码", "功能分类", "经济分类")
ORDINAL_LABEL = re.compile(r"^[一二三四五六七八九十]+、")

# Landing columns of each table type (after the disclosure key and provenance columns).
COLUMNS: dict[str, list[str]] = {
    "gk01_income_expenditure_summary": ["row_no", "income_item", "income_line_no", "income_amount",
                                        "expenditure_item", "expenditure_line_no", "expenditure_amount"],
    "gk02_income_by_function": ["row_no", "function_code", "item_name", "total_income", "fiscal_appropriation_income",
                                "superior_subsidy_income", "business_income", "operating_income",
                                "subsidiary_remittance_income", "other_income"],
    "gk03_expenditure_by_function": ["row_no", "function_code", "item_name", "total_expenditure", "basic_expenditure",
                                     "project_expenditure", "remittance_to_superior", "operating_expenditure",
                                     "subsidy_to_subsidiaries"],
    "gk04_fiscal_appropriation_summary": ["row_no", "income_item", "income_line_no", "income_amount",
                                          "expenditure_item", "expenditure_line_no", "expenditure_total",
                                          "expenditure_general_budget", "expenditure_government_fund",
                                          "expenditure_state_capital"],
    "gk05_general_budget_expenditure": ["row_no", "function_code", "item_name", "subtotal", "basic_expenditure",
                                        "project_expenditure"],
    "gk06_basic_expenditure_by_economic": ["row_no"] + [f"{name}_{block}" for block in (1, 2, 3)
                                                         for name in ("economic_code", "item_name", "amount")],
    "gk07_government_fund": ["row_no", "function_code", "item_name", "opening_balance", "current_year_income",
                             "expenditure_subtotal", "basic_expenditure", "project_expenditure", "closing_balance"],
    "gk08_state_capital_expenditure": ["row_no", "function_code", "item_name", "opening_balance",
                                       "current_year_income", "subtotal", "basic_expenditure", "project_expenditure",
                                       "closing_balance"],
    "gk09_three_public_expenditure": ["row_no"] + [f"{kind}_{item}" for kind in ("budget", "final") for item in
                                                   ("total", "overseas_travel", "vehicle_subtotal", "vehicle_purchase",
                                                    "vehicle_operation", "official_reception")],
}

# Header keywords -> landing column, most specific first, per coded table type.
AMOUNT_KEYWORDS: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "gk02_income_by_function": [
        (("财政拨款",), "fiscal_appropriation_income"), (("上级补助",), "superior_subsidy_income"),
        (("事业收入",), "business_income"), (("经营收入",), "operating_income"),
        (("附属单位",), "subsidiary_remittance_income"), (("其他收入",), "other_income"),
        (("合计", "总计"), "total_income")],
    "gk03_expenditure_by_function": [
        (("基本支出",), "basic_expenditure"), (("项目支出",), "project_expenditure"),
        (("上缴上级",), "remittance_to_superior"), (("经营支出",), "operating_expenditure"),
        (("附属单位",), "subsidy_to_subsidiaries"), (("合计", "总计"), "total_expenditure")],
    "gk05_general_budget_expenditure": [
        (("基本支出",), "basic_expenditure"), (("项目支出",), "project_expenditure"),
        (("合计", "小计", "总计"), "subtotal")],
    "gk07_government_fund": [
        (("年初结转",), "opening_balance"), (("年末结转",), "closing_balance"), (("本年收入",), "current_year_income"),
        (("基本支出",), "basic_expenditure"), (("项目支出",), "project_expenditure"),
        (("小计", "合计"), "expenditure_subtotal")],
    "gk08_state_capital_expenditure": [
        (("年初结转",), "opening_balance"), (("年末结转",), "closing_balance"), (("本年收入",), "current_year_income"),
        (("基本支出",), "basic_expenditure"), (("项目支出",), "project_expenditure"),
        (("小计", "合计"), "subtotal")],
}
SUMMARY_KEYWORDS = {
    "gk01_income_expenditure_summary": {
        "收入": [(("决算数", "金额", "合计", "本年数"), "income_amount")],
        "支出": [(("决算数", "金额", "合计", "本年数"), "expenditure_amount")]},
    "gk04_fiscal_appropriation_summary": {
        "收入": [(("决算数", "金额", "合计", "本年数"), "income_amount")],
        "支出": [(("一般公共预算",), "expenditure_general_budget"), (("政府性基金",), "expenditure_government_fund"),
                 (("国有资本",), "expenditure_state_capital"), (("合计", "决算数", "金额"), "expenditure_total")]},
}


@dataclass
class LandedTable:
    code: str
    rows: list[dict[str, str | int | None]] = field(default_factory=list)
    figures: int = 0
    unplaced: list[str] = field(default_factory=list)
    judgments: list[str] = field(default_factory=list)
    # read problems (landing.READ_PROBLEM_COLUMNS without the key and problem_no)
    problems: list[dict] = field(default_factory=list)


def clean_label(cell: str | None) -> str:
    return normalise(cell or "")


def clean_amount(cell: str | None) -> str:
    return re.sub(r"\s+", "", cell or "")


def _is_empty(cells) -> bool:
    return not any((cell or "").strip() for cell in cells)


def header_paths(header_rows: list[tuple[str | None, ...]], width: int) -> list[list[str]]:
    """Per column, the header texts above it, top to bottom. An empty or merged cell takes
    the text of its left neighbour when both sit under the same parent header."""
    paths: list[list[str]] = [[] for _ in range(width)]
    for row in header_rows:
        texts = [clean_label(row[j]) if j < len(row) else "" for j in range(width)]
        filled: list[str] = []
        for j in range(width):
            if texts[j]:
                filled.append(texts[j])
            elif j > 0 and filled[j - 1] and paths[j] == paths[j - 1]:
                filled.append(filled[j - 1])
            else:
                filled.append("")
        for j in range(width):
            paths[j].append(filled[j])
    return paths


def _segments_text(path: list[str]) -> list[str]:
    return [segment for segment in path if segment and not segment.isdigit()]


def _is_column_number_row(cells) -> bool:
    values = [clean_label(cell) for cell in cells if clean_label(cell)]
    values = [value for value in values if value not in ("栏次", "行次")]
    return bool(values) and all(value.isdigit() for value in values) and \
        [int(value) for value in values] == list(range(int(values[0]), int(values[0]) + len(values)))


def _is_data_row(code: str, cells) -> bool:
    texts = [clean_label(cell) for cell in cells]
    if _is_column_number_row(cells):
        return False
    if any(DECIMAL_AMOUNT.match(clean_amount(cell)) for cell in cells):
        return True
    if any(word in text for text in texts for word in HEADER_WORDS):
        return False
    if code != "gk09_three_public_expenditure":
        if any(CODE.match(text) for text in texts[:3]):
            return True
        if any(text in ("合计", "总计") for text in texts[:4]):
            return True
        if code in SUMMARY_KEYWORDS and any(ORDINAL_LABEL.match(text) for text in texts):
            return True
    return False


@dataclass
class _Segment:
    header: list[tuple[str | None, ...]]
    data: list[Item]
    first: Item


def _has_header_words(cells) -> bool:
    labels = [clean_label(cell) for cell in cells]
    return (any(word in label for label in labels for word in HEADER_WORDS) or _is_column_number_row(cells)
            or {"收入", "支出"} <= set(labels))


def _split_segments(table: RecognisedTable) -> list[_Segment]:
    """Each segment's leading header rows (the first segment's rows up to the first data
    row; a continuation's only where they carry header words) and its data rows."""
    segments = []
    for number, rows in enumerate(table.segments):
        rows = [row for row in rows if not _is_empty(row.cells)]
        if not rows:
            continue
        header, data = [], []
        for index, row in enumerate(rows):
            if _is_data_row(table.table_type.code, row.cells) or (number > 0 and not _has_header_words(row.cells)):
                data = rows[index:]
                break
            header.append(row.cells)
        # a data row that also carries the 类/款/项 header labels (ruled PDFs merge them)
        if data:
            first = data[0].cells
            labels = tuple(cell if clean_label(cell) in ("类", "款", "项") else None for cell in first)
            if any(labels):
                header.append(labels)
                data[0] = Item("row", cells=tuple(None if labels[j] else cell for j, cell in enumerate(first)),
                               page=data[0].page, line=data[0].line, segment=data[0].segment)
        segments.append(_Segment(header, [row for row in data if not _is_column_number_row(row.cells)], rows[0]))
    return segments


def _provenance(item: Item) -> dict[str, int | None]:
    return {"source_page": item.page, "source_line": item.line}


def _match(path_text: str, keywords: list[tuple[tuple[str, ...], str]]) -> str | None:
    for words, column in keywords:
        if any(word in path_text for word in words):
            return column
    return None


class _Columns:
    """What each printed column holds, worked out from one segment's header."""

    def __init__(self, code: str, header, width: int):
        self.width = width
        self.paths = header_paths(header, width)
        self.roles: dict[int, tuple[str, str | None]] = {}
        self.unmatched: list[str] = []
        if code in SUMMARY_KEYWORDS:
            self._summary(code)
        elif code == "gk06_basic_expenditure_by_economic":
            self._economic()
        elif code == "gk09_three_public_expenditure":
            self._three_public()
        else:
            self._coded(code)

    def text(self, j: int) -> str:
        return "/".join(_segments_text(self.paths[j]))

    def _coded(self, code: str) -> None:
        for j in range(self.width):
            segments = _segments_text(self.paths[j])
            last = segments[-1] if segments else ""
            joined = "".join(segments)
            if last in ("类", "款", "项"):
                self.roles[j] = ("code_part", last)
            elif "名称" in last or ("名称" in joined and not any(
                    word in joined for word in ("合计", "支出", "收入", "结转", "结余"))):
                self.roles[j] = ("name", None)
            elif "编码" in joined or "代码" in joined:
                self.roles[j] = ("code", None)
            elif "栏次" in joined or "行次" in joined or not joined:
                self.roles[j] = ("skip", None)
            else:
                column = _match(joined, AMOUNT_KEYWORDS[code])
                self.roles[j] = ("amount", column) if column else ("unmatched", joined)

    def _summary(self, code: str) -> None:
        for j in range(self.width):
            segments = _segments_text(self.paths[j])
            side = next((segment for segment in segments if segment in ("收入", "支出")), None)
            rest = [segment for segment in segments if segment not in ("收入", "支出")]
            joined = "".join(rest)
            if side is None:
                self.roles[j] = ("unmatched", "".join(segments))
            elif "行次" in joined:
                self.roles[j] = ("line_no", side)
            elif "项目" in joined or "栏次" in joined and not rest[0:1] == ["栏次"]:
                self.roles[j] = ("item", side)
            elif not joined:
                self.roles[j] = ("skip", side)
            else:
                column = _match(joined, SUMMARY_KEYWORDS[code][side])
                self.roles[j] = ("amount", column) if column else ("unmatched", joined)

    def _economic(self) -> None:
        block = 1
        for j in range(self.width):
            joined = "".join(_segments_text(self.paths[j]))
            if block > 3:
                self.roles[j] = ("unmatched", f"第{block}组 {joined}") if joined else ("skip", None)
            elif "决算数" in joined or "金额" in joined:
                self.roles[j] = ("amount", str(block))
                block += 1
            elif "名称" in joined:
                self.roles[j] = ("name", str(block))
            elif joined:
                self.roles[j] = ("code_part", str(block))
            else:
                self.roles[j] = ("skip", None)

    def _three_public(self) -> None:
        for j in range(self.width):
            segments = [segment for segment in _segments_text(self.paths[j]) if "三公" not in segment]
            kinds = [segment for segment in segments if segment in ("预算数", "决算数", "预算", "决算")]
            items = [segment for segment in segments if segment not in kinds]
            kind = "budget" if kinds and kinds[-1].startswith("预算") else "final" if kinds else None
            last = items[-1] if items else ""
            if "小计" in last or ("购置" in last and "运行" in last):
                item = "vehicle_subtotal"
            elif "购置" in last:
                item = "vehicle_purchase"
            elif "运行" in last or "维护" in last:
                item = "vehicle_operation"
            elif "出国" in last:
                item = "overseas_travel"
            elif "接待" in last:
                item = "official_reception"
            elif "合计" in last or "总计" in last:
                item = "total"
            else:
                item = None
            if kind and item:
                self.roles[j] = ("amount", f"{kind}_{item}")
            elif segments:
                self.roles[j] = ("unmatched", "/".join(segments))
            else:
                self.roles[j] = ("skip", None)


def _cell(cells, j: int) -> str | None:
    return cells[j] if j < len(cells) else None


def land_table(table: RecognisedTable) -> LandedTable:
    code = table.table_type.code
    landed = LandedTable(code)
    columns: _Columns | None = None
    row_no = 0
    title = table.title_as_printed
    for segment in _split_segments(table):
        width = max([len(cells) for cells in segment.header] + [len(row.cells) for row in segment.data] + [0])
        if segment.header and any(not _is_column_number_row(cells) for cells in segment.header):
            columns = _Columns(code, segment.header, width)
            for j, (role, detail) in columns.roles.items():
                if role == "unmatched":
                    filled = sum(1 for row in segment.data if clean_amount(_cell(row.cells, j)))
                    if filled:
                        landed.unplaced.append(
                            f"{title} ({segment.first.where}): column “{detail}” matches no known column; "
                            f"{filled} figure(s) under it not placed")
        if columns is None:
            if segment.data:
                landed.unplaced.append(f"{title} ({segment.first.where}): {len(segment.data)} row(s) with no header "
                                       "to read their columns from")
            continue
        if width != columns.width and segment.data:
            landed.unplaced.append(f"{title} ({segment.first.where}): continuation has {width} columns, the header "
                                   f"{columns.width}; read by position")
        for row in segment.data:
            parsed = _parse_row(code, columns, row)
            if parsed is None:
                continue
            if parsed == "wrapped":
                if landed.rows:
                    previous = landed.rows[-1]
                    label_key = "item_name" if "item_name" in previous else "income_item"
                    fragment = "".join(clean_label(cell) for cell in row.cells if clean_label(cell))
                    previous[label_key] = f"{previous.get(label_key) or ''}{fragment}"
                    landed.judgments.append(f"{title} {row.where}: label “{fragment}” wrapped onto a row of its own, "
                                            f"joined to printed row {previous['row_no']}")
                continue
            row_no += 1
            parsed["row_no"] = row_no
            parsed.update(_provenance(row))
            landed.figures += sum(1 for key, value in parsed.items()
                                  if value and key not in ("row_no", "source_page", "source_line")
                                  and AMOUNT.match(str(value)) and not key.endswith(("_line_no", "code"))
                                  and not key.startswith("economic_code"))
            landed.rows.append(parsed)
    return landed


def _parse_row(code: str, columns: _Columns, row: Item):
    cells = row.cells
    if code in SUMMARY_KEYWORDS:
        return _parse_summary_row(columns, cells)
    if code == "gk06_basic_expenditure_by_economic":
        return _parse_economic_row(columns, cells)
    if code == "gk09_three_public_expenditure":
        values = {column: clean_amount(_cell(cells, j)) or None for j, (role, column) in columns.roles.items()
                  if role == "amount"}
        return values if any(values.values()) else None
    function_code, name, amounts = _coded_cells(columns, cells)
    if not function_code and not name and not any(amounts.values()):
        return None
    if not function_code and name and not any(amounts.values()) and name not in ("合计", "总计"):
        return "wrapped"
    return {"function_code": function_code, "item_name": name, **amounts}


def _coded_cells(columns: _Columns, cells, block: str | None = None):
    """(code, name, amounts) of one printed row (or one column block of it): the code
    joined from its parts (类/款/项 columns) or read whole; a label printed in a code
    column (合计, 人员经费合计) stands as the name when the name column is empty."""
    parts, whole, name, label, amounts = [], "", "", "", {}
    for j, (role, detail) in sorted(columns.roles.items()):
        if block is not None and detail != block:
            continue
        value = _cell(cells, j)
        if role in ("code_part", "code"):
            text = clean_label(value)
            if text.isdigit():
                if role == "code":
                    whole = text
                else:
                    parts.append(text)
            elif text:
                label += text
        elif role == "name":
            name = clean_label(value)
        elif role == "amount":
            amounts[detail] = clean_amount(value) or None
    return (whole or "".join(parts)) or None, (name or label) or None, amounts


def _parse_summary_row(columns: _Columns, cells):
    values: dict[str, str | None] = {}
    for j, (role, detail) in sorted(columns.roles.items()):
        value = _cell(cells, j)
        if role == "item":
            key = "income_item" if detail == "收入" else "expenditure_item"
            if not values.get(key):
                values[key] = clean_label(value) or None
        elif role == "line_no":
            key = "income_line_no" if detail == "收入" else "expenditure_line_no"
            values[key] = clean_label(value) or None
        elif role == "amount":
            values[detail] = clean_amount(value) or None
    if not any(values.values()):
        return None
    return values


def _parse_economic_row(columns: _Columns, cells):
    values: dict[str, str | None] = {}
    for block in ("1", "2", "3"):
        code, name, amounts = _coded_cells(columns, cells, block)
        values[f"economic_code_{block}"] = code
        values[f"item_name_{block}"] = name
        values[f"amount_{block}"] = amounts.get(block)
    if not any(values.values()):
        return None
    return values
