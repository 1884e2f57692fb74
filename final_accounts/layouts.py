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
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .sources import Item, looks_like_mojibake
from .tables import RecognisedTable, normalise
from .vocabulary import rows as vocabulary_rows

AMOUNT = re.compile(r"^[-－]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[-－]?\d*\.\d+$")
DECIMAL_AMOUNT = re.compile(r"^[-－]?[\d,，]*\d[.．]\d+$|^[-－]?\d{1,3}([,，]\d{3})+$")
DECIMAL_INSIDE = re.compile(r"(^|[^\d.,，])(\d{1,3}([,，]\d{3})+|\d+)[.．]\d+$")
CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
# a printed figure as the staging number parser accepts it (full-width forms folded first)
NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
NOT_PRINTED = {"", "-", "—", "－", "–", "―"}
_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．－＋", "0123456789,.-+")
# characters every classification name may share (支出, 其他, 事务 …): sharing only these is sharing nothing
_GENERIC_NAME_CHARACTERS = set("支出其他事务费用和与及等类款项的之各")
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
    # where each landed figure is printed, for a document read with positions (a PDF): row_no,
    # column_name, source_page, box (x0, top, x1, bottom), read_by, ocr_confidence
    boxes: list[dict] = field(default_factory=list)


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
    if any(text in ("合计", "总计") for text in texts[:4]) and \
            any(DECIMAL_INSIDE.search(clean_amount(cell)) for cell in cells):
        return True  # a 合计 row printing column headings beside its figures (“本年收入 0.00”)
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
                data[0] = replace(data[0], cells=tuple(None if labels[j] else cell for j, cell in enumerate(first)))
        segments.append(_Segment(header, [row for row in data if not _is_column_number_row(row.cells)], rows[0]))
    return segments


def _provenance(item: Item) -> dict[str, int | None]:
    return {"source_page": item.page, "source_line": item.line}


# a header keyword this long is still recognised with its first character missing (the OCR drops
# a lone leading stroke: 一般公共预算 read 般公共预算), when no other keyword is so recognised
DROPPED_LEAD_MIN = 4


def _match(path_text: str, keywords: list[tuple[tuple[str, ...], str]]) -> str | None:
    for words, column in keywords:
        if any(word in path_text for word in words):
            return column
    dropped = {column for words, column in keywords for word in words
               if len(word) >= DROPPED_LEAD_MIN and word[1:] in path_text}
    return dropped.pop() if len(dropped) == 1 else None


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

    def signature(self) -> tuple:
        """What the columns hold, in order, leaving out the columns read as nothing."""
        return tuple(self.roles[j] for j in sorted(self.roles) if self.roles[j][0] != "skip")

    def describe(self) -> str:
        return f"{self.width}列：" + "、".join(self.text(j) for j in sorted(self.roles)
                                              if self.roles[j][0] != "skip" and self.text(j))

    def heading_of(self, key: str) -> str:
        """The printed heading (path joined) of the column a landing key is read from."""
        for j, (role, detail) in self.roles.items():
            if role == "amount" and (detail == key or f"amount_{detail}" == key):
                return "".join(_segments_text(self.paths[j]))
        return ""

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
            segments = [part for segment in _segments_text(self.paths[j]) for part in _split_side(segment)]
            side = next((segment for segment in segments if segment in ("收入", "支出")), None)
            if side is None and any(word in "".join(segments) for word in ("项目", "行次")):
                # 项目 | 行次 | 收入决算数: an item or 行次 column belongs to the side of the
                # figure column it stands before
                side = self._side_to_the_right(j)
            rest = [segment for segment in segments if segment not in ("收入", "支出")]
            joined = "".join(rest)
            if side is None:
                self.roles[j] = ("unmatched", "".join(segments))
            elif "行次" in joined:
                self.roles[j] = ("line_no", side)
            elif "项目" in joined or ("栏次" in joined and rest[0:1] != ["栏次"]):
                self.roles[j] = ("item", side)
            elif not joined:
                self.roles[j] = ("skip", side)
            else:
                column = _match(joined, SUMMARY_KEYWORDS[code][side])
                self.roles[j] = ("amount", column) if column else ("unmatched", joined)

    def _side_to_the_right(self, j: int) -> str | None:
        for k in range(j + 1, self.width):
            parts = [part for segment in _segments_text(self.paths[k]) for part in _split_side(segment)]
            side = next((part for part in parts if part in ("收入", "支出")), None)
            if side is not None:
                return side
        return None

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


_SIDE_HEADING = re.compile(r"^(收入|支出)(决算数|金额|本年数|合计|项目|行次|栏次)$")


def _split_side(segment: str) -> list[str]:
    """A summary-table heading that joins its side and its column (“收入决算数”, “支出项目”)
    as the two headings it stands for (收入 / 决算数)."""
    match = _SIDE_HEADING.match(segment)
    return [match.group(1), match.group(2)] if match else [segment]


def _cell(cells, j: int) -> str | None:
    return cells[j] if j < len(cells) else None


def figure_text(value: str | None) -> str:
    """A figure cell's text with blanks removed and full-width digits folded."""
    return clean_amount(value).translate(_FULL_WIDTH)


def parses_as_figure(value: str | None) -> bool:
    """Whether a figure cell is a number or "not printed" (empty or a dash)."""
    text = figure_text(value)
    return text in NOT_PRINTED or bool(NUMBER.match(text))


def is_number_text(value: str | None) -> bool:
    """Whether a name cell holds an amount (a figure with decimals or thousands separators)."""
    return bool(DECIMAL_AMOUNT.match(figure_text(value)))


def reference_names(code: str | None) -> tuple[str, ...]:
    """Every name the reference knows for a functional or economic code: its 2024 name
    (seeds/ref_functional_classification.csv, ref_economic_classification.csv) and its dated
    older titles (seeds/ref_classification_name_history.csv). Empty when the code is unknown."""
    return _reference_names().get(code or "", ())


@lru_cache(maxsize=1)
def _reference_names() -> dict[str, tuple[str, ...]]:
    names: dict[str, list[str]] = {}
    for seed, key in (("ref_functional_classification", "function_code"),
                      ("ref_economic_classification", "economic_code")):
        for row in vocabulary_rows(seed):
            names.setdefault(row[key], []).append(row["official_name"])
    for row in vocabulary_rows("ref_classification_name_history"):
        names.setdefault(row["function_code"], []).append(row["name"])
    return {code: tuple(values) for code, values in names.items()}


def _name_characters(name: str) -> set[str]:
    return {char for char in normalise(name) if "\u4e00" <= char <= "\u9fff"} - _GENERIC_NAME_CHARACTERS


def name_shares_nothing(code: str | None, name: str | None) -> bool:
    """Whether a printed name shares no meaningful character with any reference name of its
    code (行政运行 for 2010301 shares; 住房公积金 does not). False when the code is
    not in the reference or the name has no characters to compare (1,283.70: READ-NAME-NUMBER
    says that one): that cannot be judged."""
    known = reference_names(code)
    printed = _name_characters(name or "")
    if not known or not printed:
        return False
    return not any(printed & _name_characters(reference) for reference in known)


def name_matches_reference(code: str | None, name: str | None) -> bool:
    return bool(name) and any(normalise(name) == normalise(reference) for reference in reference_names(code))


NAME_KEYS = ("item_name", "income_item", "expenditure_item", "item_name_1", "item_name_2", "item_name_3")
CODE_NAME_KEYS = (("function_code", "item_name"), ("economic_code_1", "item_name_1"),
                  ("economic_code_2", "item_name_2"), ("economic_code_3", "item_name_3"))
_NUMBER_INSIDE = re.compile(r"^(.*?)([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(.*)$")


def figure_keys(code: str) -> list[str]:
    """The landing columns of a table type that hold printed figures."""
    return [column for column in COLUMNS[code] if column != "row_no" and column not in NAME_KEYS
            and not column.endswith("_line_no") and not column.startswith(("function_code", "economic_code"))]


def _printed(cells) -> str:
    return " | ".join(clean_label(cell) for cell in cells if clean_label(cell))


def _problem(rule_id: str, item: Item, printed_text: str, detail: str) -> dict:
    return {"rule_id": rule_id, "source_page": item.page, "source_line": item.line,
            "printed_text": printed_text, "detail": detail}


def _usual_width(rows) -> int:
    """The number of cells most rows of a segment have (the widest on a tie)."""
    counts: dict[int, int] = {}
    for cells in rows:
        counts[len(cells)] = counts.get(len(cells), 0) + 1
    return max(counts, key=lambda width: (counts[width], width)) if counts else 0


def _signature(cells) -> tuple[str, ...]:
    return tuple(clean_amount(cell) for cell in cells)


def land_table(table: RecognisedTable) -> LandedTable:
    """The table's rows in landing shape. What it lands is first checked against the
    table's own structure; a row read doubtfully is a read problem and its figures are not
    landed as printed: a name cell holding an amount (READ-NAME-NUMBER), a figure cell that
    is not a number (READ-FIGURE-TEXT), a row wider or narrower than its columns
    (READ-ROW-WIDTH), a continuation page whose header or column count differs from the
    table's (READ-CONTINUATION), the table printed a second time (READ-TABLE-TWICE), a row of
    mojibake (READ-MOJIBAKE), a code whose printed name shares nothing with the reference
    names of that code (READ-CODE-NAME)."""
    code = table.table_type.code
    landed = LandedTable(code)
    columns: _Columns | None = None
    expected_width = 0
    title = table.title_as_printed
    first_signatures: list[tuple[str, ...]] = []  # the table's first two data rows with figures
    for segment in _split_segments(table):
        # the columns are the header's (a data row wider than most is a row problem, not a column)
        width = max([len(cells) for cells in segment.header] + [_usual_width([row.cells for row in segment.data])])
        printed_header = [cells for cells in segment.header if not _is_column_number_row(cells)]
        if printed_header:
            # a 栏次 row numbers the columns; it heads none of them
            new_columns = _Columns(code, printed_header, width)
            if columns is not None and segment.data and new_columns.signature() != columns.signature():
                landed.problems.append(_problem(
                    "READ-CONTINUATION", segment.first, " / ".join(_printed(cells) for cells in printed_header),
                    f"续页（{segment.first.where}）自带的表头与本表首个表头不同（{new_columns.describe()}；"
                    f"首个表头：{columns.describe()}），该页按其自身表头读取"))
            columns = new_columns
            expected_width = _usual_width([cells for cells in segment.header] + [row.cells for row in segment.data])
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
        misfit = not printed_header and bool(segment.data) and \
            _usual_width([row.cells for row in segment.data]) != expected_width
        if misfit:
            continuation_width = _usual_width([row.cells for row in segment.data])
            landed.problems.append(_problem(
                "READ-CONTINUATION", segment.first, _printed(segment.data[0].cells),
                f"续页（{segment.first.where}）无表头，有{continuation_width}列，本表表头{expected_width}列："
                f"其{len(segment.data)}行的数字不按本表的列落地"
                + ("（只落地可辨认的编码与名称）" if code in AMOUNT_KEYWORDS else "")))
        parsed_rows: list[tuple[Item, object]] = []
        check_width = _usual_width([row.cells for row in segment.data]) if misfit else expected_width
        for index, row in enumerate(segment.data):
            signature = _signature(row.cells)
            if signature in first_signatures[:1]:
                # the table's first data rows printed again (the next row too, unless the table
                # has a single row): the same table a second time, not a row that repeats
                following = _signature(segment.data[index + 1].cells) if index + 1 < len(segment.data) else None
                if len(first_signatures) == 1 or following == first_signatures[1]:
                    landed.problems.append(_problem(
                        "READ-TABLE-TWICE", row, _printed(row.cells),
                        f"本表在{row.where}再次印出（与{title}首个数据行相同）：落地第一次印出的表，再次印出的部分不落地"))
                    _land_rows(landed, columns, parsed_rows, check_width, title)
                    return landed
            if len(first_signatures) < 2 and any(DECIMAL_AMOUNT.match(cell) for cell in signature):
                first_signatures.append(signature)
            parsed = _content_row(code, row) if misfit else _parse_row(code, columns, row)
            if parsed is not None:
                parsed_rows.append((row, parsed))
        _land_rows(landed, columns, parsed_rows, check_width, title)
    return landed


def _content_row(code: str, row: Item):
    """A row of a continuation that cannot be read with the table's columns: its code and
    name, recognised by what they are (the leading digit cells, the first text cell), with no
    figures; None for tables whose rows carry no code."""
    if code not in AMOUNT_KEYWORDS:
        return None
    parts, name = [], None
    for cell in row.cells:
        text = clean_label(cell)
        if not text:
            continue
        if text.isdigit() and name is None and len("".join(parts) + text) <= 7:
            parts.append(text)
        elif name is None and any("\u4e00" <= char <= "\u9fff" for char in text):
            name = text
    function_code = "".join(parts)
    if not CODE.match(function_code):
        function_code = ""
    if not function_code and not name:
        return None
    return {"function_code": function_code or None, "item_name": name,
            **{key: None for key in figure_keys(code)}, "_distrusted": True}


def _wrapped_fragment(row: Item) -> str:
    return "".join(clean_label(cell) for cell in row.cells if clean_label(cell))


def _land_rows(landed: LandedTable, columns: _Columns, parsed_rows: list, expected_width: int, title: str) -> None:
    """Number, check and land one segment's parsed rows (in print order), joining a label
    wrapped onto a row of its own to the row it belongs to."""
    code = landed.code
    index = 0
    while index < len(parsed_rows):
        row, parsed = parsed_rows[index]
        following = parsed_rows[index + 1][1] if index + 1 < len(parsed_rows) else None
        following = following if isinstance(following, dict) else None
        if parsed == "wrapped":
            fragment = _wrapped_fragment(row)
            previous = landed.rows[-1] if landed.rows else None
            if following is not None and following.get("function_code") and (
                    not following.get("item_name")
                    or (not (previous and name_matches_reference(previous.get("function_code"),
                                                                 f"{previous.get('item_name') or ''}{fragment}"))
                        and name_matches_reference(following["function_code"],
                                                   f"{fragment}{following['item_name']}"))):
                following["item_name"] = f"{fragment}{following.get('item_name') or ''}"
                landed.judgments.append(f"{title} {row.where}: label “{fragment}” wrapped onto a row of its own "
                                        "above its figures, joined to the next printed row")
            elif previous is not None:
                label_key = "item_name" if "item_name" in previous else "income_item"
                previous[label_key] = f"{previous.get(label_key) or ''}{fragment}"
                landed.judgments.append(f"{title} {row.where}: label “{fragment}” wrapped onto a row of its own, "
                                        f"joined to printed row {previous['row_no']}")
            index += 1
            continue
        if (code in AMOUNT_KEYWORDS and following is not None and parsed.get("function_code")
                and not any(parsed.get(key) for key in figure_keys(code))
                and not following.get("function_code") and following.get("item_name")
                and following["item_name"] not in ("合计", "总计")
                and any(following.get(key) for key in figure_keys(code))):
            # a code and the start of its name on one printed row, the rest of the name and the
            # figures on the next: one item
            following_row = parsed_rows[index + 1][0]
            landed.judgments.append(f"{title} {row.where}: name “{parsed.get('item_name') or ''}” of "
                                    f"{parsed['function_code']} continued on {following_row.where} with its "
                                    f"figures; read as one row")
            parsed = {**following, "function_code": parsed["function_code"],
                      "item_name": f"{parsed.get('item_name') or ''}{following['item_name']}"}
            figure_row = following_row
            index += 1
        else:
            figure_row = row
        index += 1
        _check_row(landed, columns, row, parsed, expected_width)
        parsed["row_no"] = len(landed.rows) + 1
        parsed.update(_provenance(row))
        _figure_boxes(landed, columns, figure_row, parsed)
        landed.figures += sum(1 for key in figure_keys(code) if parsed.get(key) and AMOUNT.match(str(parsed[key])))
        landed.rows.append(parsed)


def _figure_boxes(landed: LandedTable, columns: _Columns, row: Item, parsed: dict) -> None:
    """The printed box of each figure the row lands, from the cell of the column it is read
    from (rows read with positions only: a PDF's cells carry boxes, a text export's none)."""
    if not row.boxes:
        return
    # a misread header can give two columns one landed column: the row's parse keeps the last
    # one's figure (_parse_row), so the box is that column's, one box per landed figure
    read_from = {(detail if detail in parsed else f"amount_{detail}"): j
                 for j, (role, detail) in sorted(columns.roles.items()) if role == "amount"}
    for key, j in sorted(read_from.items(), key=lambda pair: pair[1]):
        if j >= len(row.boxes) or row.boxes[j] is None:
            continue
        if not parsed.get(key) or clean_amount(_cell(row.cells, j)) != parsed[key]:
            continue
        x0, top, x1, bottom = row.boxes[j]
        confidence = row.confidences[j] if j < len(row.confidences) else None
        landed.boxes.append({"row_no": parsed["row_no"], "column_name": key, "source_page": row.page,
                             "x0": x0, "top": top, "x1": x1, "bottom": bottom, "read_by": row.read_by,
                             "ocr_confidence": confidence})


def _check_row(landed: LandedTable, columns: _Columns, row: Item, parsed: dict, expected_width: int) -> None:
    """Check one parsed row against the table's structure; record a read problem for what
    is doubtful and set the figures involved to not landed (None)."""
    code = landed.code
    distrusted = bool(parsed.pop("_distrusted", False))
    cells = row.cells
    printed = _printed(cells)
    if any(looks_like_mojibake(cell) for cell in cells if cell):
        landed.problems.append(_problem("READ-MOJIBAKE", row, printed,
                                        "该行是乱码（按错误编码读出的文字）：名称与数字均不落地"))
        for key in NAME_KEYS:
            if key in parsed:
                parsed[key] = None
        distrusted = True
    filled_beyond = any(clean_label(cell) for cell in cells[expected_width:])
    if expected_width and (len(cells) < expected_width or filled_beyond):
        landed.problems.append(_problem(
            "READ-ROW-WIDTH", row, printed,
            f"该行有{len(cells)}格，本表各列共{expected_width}格（{'多' if len(cells) > expected_width else '少'}"
            f"{abs(len(cells) - expected_width)}格）：数字可能错列，不落地"))
        distrusted = True
    for key in NAME_KEYS:
        if parsed.get(key) and is_number_text(parsed[key]):
            landed.problems.append(_problem(
                "READ-NAME-NUMBER", row, printed,
                f"名称栏（{key}）读出的是数字“{parsed[key]}”：该行多半按错误的列读取，名称与数字均不落地"))
            parsed[key] = None
            distrusted = True
    for code_key, name_key in CODE_NAME_KEYS:
        if parsed.get(code_key) and name_shares_nothing(parsed[code_key], parsed.get(name_key)):
            landed.problems.append(_problem(
                "READ-CODE-NAME", row, printed,
                f"编码{parsed[code_key]}所印名称“{parsed[name_key]}”与该编码的参考名称（"
                f"{'、'.join(reference_names(parsed[code_key]))}）毫无共同之处：编码或名称读错，该行数字不落地"))
            distrusted = True
    for key in figure_keys(code):
        value = parsed.get(key)
        if not value or parses_as_figure(value):
            continue
        number = _heading_beside_figure(columns, key, value)
        if number is not None:
            landed.judgments.append(f"{landed.code} {row.where}: figure cell “{value}” prints its column heading "
                                    f"beside the figure; read as {number}")
            parsed[key] = number
            continue
        landed.problems.append(_problem("READ-FIGURE-TEXT", row, str(value),
                                        f"数字栏（{key}）所印“{value}”不是数字：不落地"))
        parsed[key] = None
    if distrusted:
        for key in figure_keys(code):
            if key in parsed:
                parsed[key] = None


def _heading_beside_figure(columns: _Columns, key: str, value: str) -> str | None:
    """The figure of a cell that prints its own column heading beside it (“本年收入 0.00”
    under 本年收入), or None when the words are not that column's heading."""
    match = _NUMBER_INSIDE.match(figure_text(value))
    if not match:
        return None
    words = normalise(match.group(1) + match.group(3))
    heading = columns.heading_of(key)
    if not words or not heading or not any("\u4e00" <= char <= "\u9fff" for char in words):
        return None
    return match.group(2) if words in heading else None


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
