"""The project appendix (附件 项目支出绩效自评表) read from a document's items into the raw
shape of the ``project_*`` landing files (the shape of the hand-transcribed seeds).

Each self-evaluation table starts at its printed title (``vocab_appendix_labels`` kind
title) and ends at its 总分 row. Inside, every row is recognised by the words it holds, not
by its position, because text exports and PDFs move cells about (a label merged with the
row above, a header word pushed into a data row, a merged cell printed on its middle row):

- header rows: 项目名称 / 主管部门 / 实施单位 labels, each followed by its value; a value
  goes to the first label of the row (or of a cell holding two labels) still unfilled;
- funds: a row holding a fund source (年度资金总额, 财政拨款 …) gives 年初预算数, 全年预算数,
  全年执行数, 分值, 执行率, 得分 in that order; with fewer cells the 执行率 (the cell with %)
  anchors 分值 before it and 得分 after it, and the amounts missing are the leading ones;
  a row that merges several sources (one label cell naming them all, every cell holding
  one value per source) is split back into one row per source;
- fund management: a row holding one of the four items: 情况说明 (text), 分值, 得分, then
  存在问题和改进措施;
- 年度总体目标: the row after its 预期目标 / 实际完成情况 header: expected, then actual;
- indicators: after the 一级指标 … header, a row's level labels (一级 and 二级 指标, from the
  vocabulary; a 二级指标 names its 一级指标, which wins over a label printed out of place),
  then 三级指标, 年度指标值, 实际完成值, 分值, 得分, [偏差度], 偏差原因; merged (rowspan)
  labels are carried down;
- 总分: the weight and score totals.

Every landed row keeps its page (PDF) or line (text export). Where a part's cells are not
in the document — a header word printed where the figure belongs, fewer amounts than
amount headers, a fund-management item missing — the row's ``transcription_note`` says so
in the words ``int_lost_cells`` reads (“…未导出” for a text export), so the 绩效 rules that
need those cells are 无法核对, never 不符; in a PDF the note says “未印” (what is printed is
judged). Text the reader cannot place is returned as unplaced (READ-UNPLACED).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from statistics import median

from .sources import Item
from .vocabulary import rows as vocabulary_rows
from .word_layout import Word

APPENDIX_PARTS = ("project_evaluations", "project_funds", "project_indicators", "project_fund_management")
FUND_COLUMNS = ("initial_budget_text", "annual_budget_text", "executed_text", "weight_text",
                "execution_rate_text", "score_text")
FUND_KEYS = ("initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score")
_NUMBER = re.compile(r"^[-+]?[\d,]+(\.\d+)?$")
_SIGNED_THEN_TEXT = re.compile(r"^([-+]?\d+(?:\.\d+)?)\s+(\S.*)$", re.S)
_LABEL_THEN_NUMBER = re.compile(r"^(.*?\D)\s*([-+]?\d[\d,]*(?:\.\d+)?)$")
_TOKEN = re.compile(r"[-+]?[\d,]+(?:\.\d+)?\s*%|\S+")
_WRAP = re.compile(r"\s*\n\s*")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_COUNT_SUFFIX = re.compile(r"[(（][^()（）]*[)）]$")  # 分值(20), 全年预算数(A), 执行率(B/A×100%)


@dataclass(frozen=True)
class Words:
    by_kind: dict[str, dict[str, str]]  # kind -> normalised word -> value

    def kind_of(self, text: str, kinds: tuple[str, ...]) -> str | None:
        word = normalise(text)
        for kind in kinds:
            if word in self.by_kind.get(kind, {}) or _COUNT_SUFFIX.sub("", word) in self.by_kind.get(kind, {}):
                return kind
        return None

    def value(self, kind: str, text: str) -> str:
        word = normalise(text)
        table = self.by_kind.get(kind, {})
        return table.get(word, table.get(_COUNT_SUFFIX.sub("", word), ""))


@cache
def words() -> Words:
    by_kind: dict[str, dict[str, str]] = {}
    for row in vocabulary_rows("vocab_appendix_labels"):
        word = row["word"] if row["kind"] in ("form_date", "tex") else normalise(row["word"])
        by_kind.setdefault(row["kind"], {})[word] = row["value"]
    return Words(by_kind)


_SPACE = re.compile(r"\s+")


@cache
def normalise(text: str | None) -> str:
    """A label as the vocabulary holds it: no spaces (“年度总 体目标”), half-width brackets,
    no trailing colon."""
    text = _SPACE.sub("", text or "").replace("（", "(").replace("）", ")")
    return text.rstrip(":：")


def clean(text: str | None) -> str:
    """A cell's text as printed: lines of a wrapped cell joined, HTML tags and TeX residue of
    an export (“$\\geq 95\\%$”) rewritten (vocabulary kind tex)."""
    text = (text or "").strip()
    if not text:
        return ""
    text = _WRAP.sub("", text)
    text = _HTML_TAG.sub("", text).strip()
    if text.startswith("$") and text.endswith("$") and len(text) > 2:
        inner = text[1:-1]
        for source, target in words().by_kind.get("tex", {}).items():
            inner = inner.replace(source, target)
        text = re.sub(r"\s+", "", inner)
    return text


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.replace(" ", "")))


HEADER_KINDS = ("project_name", "competent_department", "implementing_unit")
HEADER_LABELS = {"project_name": "项目名称", "competent_department": "主管部门", "implementing_unit": "实施单位"}
LABEL_KINDS = ("title", "project_name", "competent_department", "implementing_unit", "fund_header", "fund_column",
               "management_header", "goal_header", "indicator_header", "total")


@cache
def _candidates(kinds: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    vocabulary = words()
    return tuple(sorted(((w, k) for k in kinds for w in vocabulary.by_kind.get(k, {})), key=lambda p: -len(p[0])))


def _labels_in(text: str, kinds: tuple[str, ...]) -> list[str] | None:
    """The label kinds a cell is made of (“项目名称 主管部门” → two labels), or None when the
    cell holds anything else."""
    found = _labels_of(normalise(text), kinds)
    return None if found is None else list(found)


@cache
def _labels_of(word: str, kinds: tuple[str, ...]) -> tuple[str, ...] | None:
    vocabulary = words()
    if not word:
        return None
    if (kind := vocabulary.kind_of(word, kinds)) is not None:
        return (kind,)
    found: list[str] = []
    position = 0
    candidates = _candidates(kinds)
    while position < len(word):
        for candidate, kind in candidates:
            if candidate and word.startswith(candidate, position):
                found.append(kind)
                position += len(candidate)
                break
        else:
            return None
    return tuple(found)


def _is_label(text: str) -> bool:
    return bool(text) and _labels_in(text, LABEL_KINDS) is not None


def _fund_sources_in(text: str) -> list[str]:
    """The fund sources a label cell names (“其中：政府预算资金” → one; a cell merging four
    rows' labels → four); empty when the cell holds anything else."""
    word = normalise(text)
    for prefix in words().by_kind.get("fund_prefix", {}):
        if word.startswith(prefix):
            word = word[len(prefix):].lstrip(":：")
    word = re.sub(r"[:：]", "", word)
    return _labels_in(word, ("fund_source",)) or []


@dataclass
class _Table:
    project_no: int
    title: Item
    title_text: str
    notes: dict[str, list[str]] = field(default_factory=dict)
    header: dict[str, str] = field(default_factory=dict)
    pending: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)  # header labels printed
    funds: list[dict] = field(default_factory=list)
    management: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    goal_state: str = ""  # "" before the goal header, "open" after it, "done" once read
    in_indicators: bool = False
    has_deviation: bool = False
    level1: str = ""
    level2: str = ""
    done: bool = False

    def note(self, part: str, text: str) -> None:
        self.notes.setdefault(part, []).append(text)


@dataclass
class Appendix:
    files: dict[str, list[dict]]
    unplaced: list[str]
    problems: list[dict]


def _place(item: Item) -> dict:
    return {"source_page": "" if item.page is None else str(item.page),
            "source_line": "" if item.line is None else str(item.line)}


def _where(item: Item) -> str:
    return f"第{item.page}页" if item.page is not None else f"第{item.line}行"


def _cells(item: Item) -> list[str]:
    if item.kind == "text":
        return [clean(item.text)]
    return [clean(cell) for cell in item.cells]


def _title_of(item: Item) -> str | None:
    filled = [cell for cell in _cells(item) if cell]
    if len(filled) == 1 and words().kind_of(filled[0], ("title",)):
        return filled[0]
    return None


def _laid_out(items: list[Item], page_words: dict[int, list]) -> tuple[list[Item], dict[int, str]]:
    """The items, those of every page read from word positions that prints a 自评表 title
    replaced by the rows ``layout_rows`` rebuilds from its words; and the part of each aligned
    row (by ``id``)."""
    titled = {item.page for item in items if item.page in page_words and _title_of(item) is not None}
    if not titled:
        return items, {}
    # a page printing a title, and a page following one whose 自评表 has not reached its 总分
    # (a table broken across pages: its parts' columns carried over)
    laid_out: dict[int, list[tuple[Item, str]]] = {}
    state: tuple[str, list, list] = ("", [], [])
    for page in sorted(page_words):
        if page in titled or (page - 1 in laid_out and state[0] in PART_FIELDS):
            laid_out[page], state = _layout(page_words[page], page, state if page not in titled else ("", [], []))
    laid: list[Item] = []
    aligned: dict[int, str] = {}
    done: set[int] = set()
    for item in items:
        if item.page not in laid_out:
            laid.append(item)
            continue
        if item.page in done:
            continue
        done.add(item.page)
        for row, part in laid_out[item.page]:
            laid.append(row)
            if part:
                aligned[id(row)] = part
    return laid, aligned


def read_appendix(items: list[Item], exported: bool, page_words: dict[int, list] | None = None) -> Appendix:
    """Every 项目支出绩效自评表 among a document's items. ``exported``: the document is a text
    export (a cell missing there was lost by the export: “未导出”), else a PDF (“未印”).
    ``page_words``: the positioned words of the pages read without ruling (page -> words);
    the 自评表 on those pages is cut from its words (``layout_rows``)."""
    tables: list[_Table] = []
    current: _Table | None = None
    unplaced: list[str] = []
    problems: list[dict] = []
    items, aligned = _laid_out(items, page_words or {})
    for item in items:
        title = _title_of(item)
        if title is not None:
            current = _Table(len(tables) + 1, item, title)
            tables.append(current)
            continue
        if current is None or current.done:
            continue
        _read_item(current, item, exported, unplaced, problems, aligned.get(id(item), ""))
    files: dict[str, list[dict]] = {part: [] for part in APPENDIX_PARTS}
    # a title with nothing under it (a heading, a table-of-contents line) is not a table
    tables = [table for table in tables if table.funds or table.indicators or table.management
              or set(table.header) - {"form_date"}]
    for number, table in enumerate(tables, 1):
        table.project_no = number
        _finish(table, exported)
        files["project_evaluations"].append(_evaluation(table))
        for part, rows in (("project_funds", table.funds), ("project_fund_management", table.management),
                           ("project_indicators", table.indicators)):
            notes = table.notes.get(part, [])
            for row_no, row in enumerate(rows, 1):
                row["row_no"] = str(row_no)
                row.setdefault("transcription_note", "")
            if rows and notes:
                first = rows[0]
                first["transcription_note"] = "；".join(filter(None, [first["transcription_note"], *notes]))
            files[part].extend({"project_no": str(table.project_no), **row} for row in rows)
    return Appendix(files, unplaced, problems)


def _evaluation(table: _Table) -> dict:
    return {"project_no": str(table.project_no), "table_title": table.title_text,
            "form_date_text": table.header.get("form_date", ""),
            "project_name": table.header.get("project_name", ""),
            "competent_department": table.header.get("competent_department", ""),
            "implementing_unit": table.header.get("implementing_unit", ""),
            "goal_expected": table.header.get("goal_expected", ""), "goal_actual": table.header.get("goal_actual", ""),
            "total_weight_text": table.header.get("total_weight", ""),
            "total_score_text": table.header.get("total_score", ""),
            "transcription_note": "；".join(table.notes.get("project_evaluations", [])), **_place(table.title)}


def _finish(table: _Table, exported: bool) -> None:
    lost = "未导出" if exported else "未印"
    printed = [row["item_name"] for row in table.management]
    missing = [item for item in words().by_kind.get("management_item", {}) if printed and item not in
               {normalise(name) for name in printed}]
    if missing:
        table.note("project_fund_management", f"资金管理情况缺“{'、'.join(missing)}”{len(missing)}行，其分值与得分{lost}")
    if table.goal_state == "open":
        table.note("project_evaluations", "年度总体目标只印表头，预期目标与实际完成情况为空")
    # labels seen without their values while the project name holds several texts: the
    # values were merged into the name's cell (the export lost the cells between them)
    unfilled = [label for kind, label in (("competent_department", "主管部门"), ("implementing_unit", "实施单位"))
                if kind in table.seen and not table.header.get(kind)]
    if unfilled and len(table.header.get("project_name", "").split()) > 1:
        table.note("project_evaluations", f"项目名称格含{len(table.header['project_name'].split())}段文字（其他栏的值并入），"
                   f"项目名称、{'、'.join(unfilled)}{lost}为各自的格")
    if not table.header.get("total_score"):
        table.note("project_evaluations", f"总分行{lost}")


def _read_item(table: _Table, item: Item, exported: bool, unplaced: list[str], problems: list[dict],
               aligned: str = "") -> None:
    vocabulary = words()
    cells = _cells(item)
    filled = [(index, cell) for index, cell in enumerate(cells) if cell]
    if not filled:
        return
    texts = [cell for _, cell in filled]
    if any(word in normalise(text) for text in texts for word in vocabulary.by_kind.get("ignored", {})):
        return  # not landed by design (personal data, an attachment number): see vocab_appendix_labels
    if "form_date" not in table.header and len(texts) == 1 and any(
            re.match(pattern, texts[0]) for pattern in vocabulary.by_kind.get("form_date", {})):
        table.header["form_date"] = texts[0]
        return
    if item.kind == "text":
        return  # a line outside the table (a heading, a note under it): the narrative reader's
    if aligned:
        _read_aligned(table, item, cells, aligned, exported, problems)
        return
    # the 总分 row ends the table
    total_at = next((index for index, cell in filled if vocabulary.kind_of(cell, ("total",))), None)
    if total_at is not None:
        numbers = [cell for cell in cells[total_at + 1:] if _is_number(cell)]
        table.header["total_weight"] = numbers[0] if numbers else ""
        table.header["total_score"] = numbers[1] if len(numbers) > 1 else ""
        table.done = True
        return
    # a fund row: a cell naming a fund source
    source_at = next((index for index, cell in filled if _fund_sources_in(cell)
                      or _fund_sources_in(_LABEL_THEN_NUMBER.sub(r"\1", cell))), None)
    if source_at is not None and not table.in_indicators:
        _read_funds(table, item, cells, source_at, exported, problems)
        return
    item_at = next((index for index, cell in filled if vocabulary.kind_of(cell, ("management_item",))), None)
    if item_at is not None and not table.in_indicators:
        _read_management(table, item, cells, item_at, exported)
        return
    kinds = [_labels_in(cell, LABEL_KINDS) for cell in texts]
    goal_words = {vocabulary.value("goal_header", cell) for cell in texts if vocabulary.kind_of(cell, ("goal_header",))}
    if goal_words & {"expected", "actual"} and not table.in_indicators:
        table.goal_state = "open"
        return
    indicator_labels = [cell for cell in texts if vocabulary.kind_of(cell, ("indicator_header",))]
    if len(indicator_labels) >= 3:  # the 一级指标 … header
        table.in_indicators = True
        table.has_deviation = any(vocabulary.value("indicator_header", cell) == "deviation" for cell in indicator_labels)
        if table.goal_state == "open":
            table.goal_state = "done"
            table.note("project_evaluations", "年度总体目标只印表头，预期目标与实际完成情况为空")
        return
    if table.in_indicators:
        _read_indicator(table, item, cells, unplaced, exported)
        return
    values = [cell for cell, kind in zip(texts, kinds) if kind is None]
    if table.goal_state == "open" and values:
        table.header["goal_expected"] = values[0]
        table.header["goal_actual"] = values[1] if len(values) > 1 else ""
        if len(values) > 2:
            unplaced.append(f"line {item.line}" if item.line is not None else f"page {item.page}")
            unplaced[-1] += f": appendix table {table.project_no}: a third text in the 年度总体目标 row: {values[2][:40]}"
        table.goal_state = "done"
        return
    # header rows (项目名称 / 主管部门 / 实施单位) and the fund column header
    # a value answers the last label cell before it in its row, else a label left open above
    header_row = any(kind and ("fund_header" in kind or "fund_column" in kind) for kind in kinds)
    in_row: list[str] = []
    for cell, kind in zip(texts, kinds):
        if kind is not None:
            table.seen.update(kind)
            in_row = [k for k in kind if k in HEADER_KINDS and k not in table.header]
            table.pending.extend(k for k in in_row if k not in table.pending)
        elif in_row or table.pending:
            target = in_row.pop(0) if in_row else table.pending[0]
            table.header[target] = cell
            table.pending = [k for k in table.pending if k != target]
        elif header_row and any(normalise(cell).startswith(word) for word in vocabulary.by_kind.get("fund_column", {})):
            continue  # a column header printed with a suffix (“得分为”): a header, not a value
        elif not table.funds and (empty := next((kind for kind in HEADER_KINDS if kind not in table.header), None)):
            # a value no label claims, before the funds: the first header field still empty
            # (an export moves a value away from its label: 实施单位 at the end of the next row)
            table.header[empty] = cell
            table.note("project_evaluations", f"{_where(item)}的“{cell}”旁无表头，按顺序归为{HEADER_LABELS[empty]}（判断）")
        else:
            where = f"line {item.line}" if item.line is not None else f"page {item.page}"
            unplaced.append(f"{where}: appendix table {table.project_no}: text outside any field: {cell[:60]}")
    table.pending = [kind for kind in table.pending if kind not in table.header]
    # a header row's labels answer only within the header part
    if any(kind and ("fund_header" in kind or "fund_column" in kind) for kind in kinds):
        table.pending.clear()


def _read_aligned(table: _Table, item: Item, cells: list[str], part: str, exported: bool,
                  problems: list[dict]) -> None:
    """A row ``layout_rows`` rebuilt: its cells are the part's fields in order (``PART_FIELDS``),
    an empty cell a field not printed."""
    if part == "fund":
        _fund_row(table, item, cells[0], cells[1:], exported, problems, [], aligned=True)
    elif part == "management":
        description, weight, score, measures = cells[1:5]
        table.management.append({"item_name": cells[0], "description": description, "transcription_note": "",
                                 "weight_text": weight, "score_text": score, "problems_and_measures": measures,
                                 **_place(item)})
    elif part == "goal" and table.goal_state == "open":
        table.header["goal_expected"], table.header["goal_actual"] = cells[0], cells[1]
        table.goal_state = "done"
    elif part == "indicator":
        printed1, printed2 = normalise(cells[0]), normalise(cells[1])
        level2 = printed2 or table.level2
        level1 = words().value("level2", level2) or printed1 or table.level1
        table.level1, table.level2 = level1, level2
        table.indicators.append({"level1_indicator": level1, "level2_indicator": level2,
                                 "level3_indicator": cells[2], "target_text": cells[3], "actual_text": cells[4],
                                 "weight_text": cells[5], "score_text": cells[6], "deviation_text": cells[7],
                                 "deviation_reason": cells[8], **_place(item)})


def _read_funds(table: _Table, item: Item, cells: list[str], at: int, exported: bool, problems: list[dict]) -> None:
    label = cells[at]
    values = list(cells[at + 1:])
    match = _LABEL_THEN_NUMBER.match(label)
    notes: list[str] = []
    if match and _fund_sources_in(match.group(1)):  # “年度资金总额: 0”: name and 年初预算数 in one cell
        label, values = match.group(1).strip(), [match.group(2), *values]
        notes.append(f"{_where(item)}来源名称与第一个金额并在同一格，拆为名称与金额")
    sources = label.split()
    if len(_fund_sources_in(label)) > 1 and len(sources) > 1:
        split = [_TOKEN.findall(value) if value else [] for value in values]
        if all(len(tokens) in (0, len(sources)) for tokens in split):
            notes.append(f"{_where(item)}把{len(sources)}个资金行并成一行，每格按行顺序拆回{len(sources)}行")
            for number, source in enumerate(sources):
                _fund_row(table, item, source, [tokens[number] if tokens else "" for tokens in split], exported,
                          problems, notes)
            return
    _fund_row(table, item, label, values, exported, problems, notes)


def _fund_row(table: _Table, item: Item, label: str, values: list[str], exported: bool, problems: list[dict],
              notes: list[str], aligned: bool = False) -> None:
    notes = list(notes)
    vocabulary = words()
    lost = "未导出" if exported else "未印"
    # a header word printed in a data row holds no figure: the column's cell is not in the document
    headers = [vocabulary.kind_of(value, ("fund_column",)) is not None for value in values]
    values = ["" if header else value for value, header in zip(values, headers)]
    while values and not values[-1] and not headers[len(values) - 1] and not aligned:
        values.pop()
    headers = headers[:len(values)]
    row = dict.fromkeys(FUND_COLUMNS, "")
    names = [word for word in vocabulary.by_kind.get("fund_column", {})]
    if len(values) == len(FUND_COLUMNS):
        row.update(zip(FUND_COLUMNS, values))
        missing = [names[index] for index, header in enumerate(headers) if header]
        if missing:
            notes.append(f"{_where(item)}表头“{'、'.join(missing)}”混入数据行，{'、'.join(missing)}{lost}")
    elif len(values) < len(FUND_COLUMNS):
        rate_at = next((index for index, value in enumerate(values) if "%" in value), None)
        if rate_at is not None and rate_at >= 1:
            amounts = values[:rate_at - 1]
            row["weight_text"], row["execution_rate_text"] = values[rate_at - 1], values[rate_at]
            row["score_text"] = values[rate_at + 1] if rate_at + 1 < len(values) else ""
        else:
            amounts = values[:3]
        if len(amounts) > 3:
            problems.append(_width_problem(table, item, label, values))
            amounts = amounts[-3:]
        for column, value in zip(FUND_COLUMNS[3 - len(amounts):3], amounts):
            row[column] = value
        if len(amounts) < 3:
            gone = "、".join(names[:3 - len(amounts)])
            notes.append(f"{_where(item)}三个金额表头下只印出{len(amounts)}个数，判定为靠后的金额栏（执行率=全年执行数÷全年预算数），"
                         f"{gone}{lost}，留空")
    else:
        problems.append(_width_problem(table, item, label, values))
        row.update(zip(FUND_COLUMNS, values))
    table.funds.append({"fund_source_as_printed": label, **row, "transcription_note": "；".join(notes), **_place(item)})


def _width_problem(table: _Table, item: Item, label: str, values: list[str]) -> dict:
    return {"part": "table", "table_code": "project_funds", "rule_id": "READ-ROW-WIDTH", "source_page": item.page,
            "source_line": item.line, "printed_text": " | ".join([label, *values]),
            "detail": f"项目支出绩效自评表（表序{table.project_no}）资金行的格数多于表头（{len(values)}格，表头6栏），按前6格读取"}


def _read_management(table: _Table, item: Item, cells: list[str], at: int, exported: bool) -> None:
    lost = "未导出" if exported else "未印"
    description, numbers, after, header_words = [], [], [], False
    for cell in cells[at + 1:]:
        if not cell:
            continue
        if _is_label(cell) or words().kind_of(cell, ("fund_column",)):
            header_words = True
        elif len(numbers) < 2 and _is_number(cell):
            numbers.append(cell)
        elif numbers or header_words:
            after.append(cell)
        else:
            description.append(cell)
    note = f"{_where(item)}表头并入{cells[at]}行，该行的分值与得分{lost}" if header_words and len(numbers) < 2 else ""
    table.management.append({"item_name": cells[at], "description": " ".join(description), "transcription_note": note,
                             "weight_text": numbers[0] if numbers else "",
                             "score_text": numbers[1] if len(numbers) > 1 else "",
                             "problems_and_measures": " ".join(after), **_place(item)})


def _read_indicator(table: _Table, item: Item, cells: list[str], unplaced: list[str], exported: bool) -> None:
    vocabulary = words()
    printed1 = printed2 = ""
    start = None
    for index, cell in enumerate(cells):
        if not cell:
            continue
        kind = vocabulary.kind_of(cell, ("level1", "level2", "indicator_header"))
        if kind == "level1":
            printed1 = normalise(cell)
        elif kind == "level2":
            printed2 = normalise(cell)
        elif kind is None:
            start = index
            break
    if start is None:
        return  # a row of labels only (the 绩效指标 row, a merged label on a row of its own)
    parent = lambda level2: vocabulary.value("level2", level2)  # noqa: E731
    if printed2:
        level2 = printed2
    elif table.level2 and (not printed1 or parent(table.level2) == printed1 or exported):
        # a merged 二级指标 cell carried down; in a text export a merged 一级指标 label is
        # printed once, on any row of its cells, so a 一级 label beside a carried 二级 of
        # another 一级 has drifted there (the 二级 decides); in a PDF each cell is where printed
        level2 = table.level2
    else:
        level2 = ""
    level1 = parent(level2) or printed1 or table.level1
    table.level1, table.level2 = level1, level2
    rest = list(cells[start + 1:]) + [""] * 6
    target, actual, weight, score = rest[:4]
    deviation, reason = (rest[4], rest[5]) if table.has_deviation else ("", rest[4])
    extra = [cell for cell in rest[6 if table.has_deviation else 5:] if cell]
    if table.has_deviation and not reason and (match := _SIGNED_THEN_TEXT.match(deviation)):
        deviation, reason = match.group(1), match.group(2)
    if extra:
        where = f"line {item.line}" if item.line is not None else f"page {item.page}"
        unplaced.append(f"{where}: appendix table {table.project_no}: cells after 偏差原因: {' | '.join(extra)[:60]}")
    table.indicators.append({"level1_indicator": level1, "level2_indicator": level2,
                             "level3_indicator": cells[start], "target_text": target, "actual_text": actual,
                             "weight_text": weight, "score_text": score, "deviation_text": deviation,
                             "deviation_reason": reason, **_place(item)})


# ---------------------------------------------------------------- a table printed without ruling
#
# On a page read from word positions (no ruling: an unruled text layer; the words of a page
# image) the general table reader cuts one grid for the whole table, but the 自评表's parts each
# have columns of their own (项目资金's six, 资金管理情况's four, 绩效指标's nine) and labels that
# span rows. The appendix's rows are rebuilt from the page's words, part by part:
# - a label wrapped over lines in its cell (资金管理情 / 况) is joined by the vocabulary (the
#   lines stacked in one column spell a label); the parts' own labels spanning rows
#   (项目资金（万元）, 资金管理情况, 年度总体目标) are set aside, they hold no value;
# - lines are words overlapping vertically; a part's header line (the fund columns, the
#   management columns, 预期目标 / 实际完成情况, the indicator columns) gives its columns: each
#   header word a column, named by the vocabulary's value;
# - in a data line the row's label (a fund source, a management item) is found by the
#   vocabulary, every other word goes to the column whose header it overlaps most, else the
#   nearest (figures are right-aligned, texts left-aligned, headers centred): an empty cell stays
#   empty, never shifted; a line whose words all stand in one column, close under or over a row
#   (a text wrapped over lines), is that row's cell continued;
# - an 一级 or 二级指标 printed once over the rows it spans (centred on them) is given to every
#   row of its span: the run of rows from the first one no earlier label claimed, centred on it.

_CONTINUED_GAP = 0.6  # a wrapped line's gap to its cell's line above or below, in word heights
_PART_LABEL = {"fund_header", "management_header", "goal_header"}
_FIGURE = re.compile(r"^[-+]?[\d,]*\d(\.\d+)?%?$|^[-－—]$")


@cache
def _wrappable() -> tuple[str, ...]:
    """Every label a cell may print wrapped over lines (normalised)."""
    skip = {"form_date", "tex", "ignored"}
    return tuple(sorted({word for kind, table in words().by_kind.items() if kind not in skip for word in table}))


def _join_wrapped_labels(page: list[Word]) -> list[Word]:
    """Words stacked in one column that together spell a label of the vocabulary, joined."""
    labels = _wrappable()
    page = sorted(page, key=lambda w: (w.top, w.x0))
    used: set[int] = set()
    joined: list[Word] = []
    for index, word in enumerate(page):
        if index in used:
            continue
        current = word
        while True:
            text = normalise(current.text)
            below = next((other for other in range(index + 1, len(page)) if other not in used
                          and page[other].top > current.top + 0.5 * current.height
                          and page[other].top - current.bottom < _CONTINUED_GAP * current.height
                          and page[other].x0 < current.x1 and page[other].x1 > current.x0
                          and any(label.startswith(text + normalise(page[other].text)) for label in labels)), None)
            if below is None or not any(label.startswith(text) and label != text for label in labels):
                break
            other = page[below]
            used.add(below)
            confidences = [c for c in (current.confidence, other.confidence) if c is not None]
            current = Word(current.text + other.text, min(current.x0, other.x0), current.top,
                           max(current.x1, other.x1), other.bottom, min(confidences) if confidences else None)
        joined.append(current)
    return joined


def _label_kind(word: Word) -> tuple[str, str] | None:
    """(kind, value) of a word that is a whole label of the vocabulary."""
    for kind in (*LABEL_KINDS, "level1", "level2", "fund_source", "management_item"):
        if words().kind_of(word.text, (kind,)):
            return kind, words().value(kind, word.text)
    return None


def _lines(page: list[Word]) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for word in sorted(page, key=lambda w: w.top):
        for line in lines:
            top, bottom = min(w.top for w in line), max(w.bottom for w in line)
            if min(bottom, word.bottom) - max(top, word.top) > 0.3 * min(word.height, bottom - top):
                line.append(word)
                break
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in sorted(lines, key=lambda ws: min(w.top for w in ws))]


def _after_part_label(word: Word) -> Word:
    """A part's own label (资金管理情况, printed once beside the rows it spans) read joined to the
    label of the row beside it (the OCR joins cells a small gap apart: ``资金管理情况拨付合规性``):
    the row's label, keeping its share of the word's width (the part's label holds no value).
    Any other word is returned as it is."""
    text = word.text
    labels = {label for kind in _PART_LABEL for label, value in words().by_kind.get(kind, {}).items() if not value}
    # (the longest start that is a part's label: its colon, if printed, goes with it)
    cut = max((end for end in range(1, len(text)) if normalise(text[:end]) in labels), default=None)
    if cut is not None and text[cut:].strip():
        rest = Word(text[cut:].strip(), word.x0 + (word.x1 - word.x0) * cut / len(text), word.top,
                    word.x1, word.bottom, word.confidence)
        if _label_kind(rest) is not None:
            return rest
    return word


def _header_columns(line: list[Word]) -> tuple[str, list[tuple[str, Word]]] | None:
    """The part a header line heads and its columns (field key, header word), or None."""
    kinds = [(_label_kind(word), word) for word in line]
    count = lambda kind: sum(1 for found, _ in kinds if found and found[0] == kind)  # noqa: E731
    keys = {"indicator_header", "fund_column", "management_header", "goal_header"}
    columns = [(found[1], word) for found, word in kinds if found and found[0] in keys and found[1]]
    if count("indicator_header") >= 3:
        return "indicator", columns
    if any(found and found[0] == "management_header" and found[1] for found, _ in kinds):
        return "management", columns
    if any(found and found[0] == "goal_header" and found[1] for found, _ in kinds):
        return "goal", columns
    if count("fund_column") >= 3:
        return "fund", columns
    return None


ALIGN_POINTS = 2.0  # two edges closer than this are one (a cell's alignment)
ALIGN_POINTS_OCR = 3.5  # the same for words read by OCR (their boxes' edges move by up to 2.9)
NEARER = 0.75  # one header centre is clearly nearer when at most this share of the other's distance


def _column_of(word: Word, columns: list[tuple[str, Word]], neighbours: list[Word]) -> int:
    """The column of a data word. Headers are centred over their columns: a word left-aligned
    in its cell (a text) starts after the centre of the header before and before its own
    header's centre, so its column is the first whose header centre lies right of its left
    edge; a word right-aligned (a figure) or centred ends right of its own header's centre, so
    its column is the last whose header centre lies left of its right edge. Where the two
    differ (a short word between two centres), the word's alignment decides: the edge it shares
    with the other words of its part (a column's cells aligned on one side), else a figure is
    right-aligned and a text left-aligned. A word as wide as this one shares both its edges or
    neither, and tells nothing of the side; edges within ``ALIGN_POINTS`` are one edge. A word
    read by OCR has its box drawn a point or two off its glyphs, differently from line to line
    (one column's left edges measured up to 2.9 points apart on the corpus printed unruled and
    scanned): its edges are one within ``ALIGN_POINTS_OCR``, and where they tell nothing its
    column is the one whose header centre is clearly nearer its own centre (``NEARER``; a 自评表
    prints 90% left-aligned as a target: the figure default misplaces it), else as above."""
    centres = [(header.x0 + header.x1) / 2 for _, header in columns]
    as_text = next((index for index, centre in enumerate(centres) if centre > word.x0), len(centres) - 1)
    as_figure = max((index for index, centre in enumerate(centres) if centre < word.x1), default=0)
    if as_text == as_figure:
        return as_text
    ocr = word.confidence is not None
    align = ALIGN_POINTS_OCR if ocr else ALIGN_POINTS
    width = word.x1 - word.x0
    others = [other for other in neighbours
              if other is not word and abs((other.x1 - other.x0) - width) >= align]
    left = sum(1 for other in others if abs(other.x0 - word.x0) < align)
    right = sum(1 for other in others if abs(other.x1 - word.x1) < align)
    if left != right:
        return as_text if left > right else as_figure
    middle = (word.x0 + word.x1) / 2
    to_text, to_figure = centres[as_text] - middle, middle - centres[as_figure]
    if ocr and min(to_text, to_figure) <= NEARER * max(to_text, to_figure):  # clearly nearer one header
        return as_text if to_text < to_figure else as_figure
    return as_figure if _FIGURE.match(word.text) else as_text


def _cell_text(cell: list[Word]) -> str:
    """The words of one cell: side by side joined by a space, a line wrapped joined as printed."""
    text, last = "", None
    for word in sorted(cell, key=lambda w: (w.top, w.x0)):
        if last is None:
            text = word.text
        elif word.top >= last.bottom - 0.3 * last.height:
            text += word.text  # the next line of a wrapped cell
        else:
            text += " " + word.text
        last = word
    return text


def _row_label(line: list[Word], part: str) -> tuple[str, list[Word]]:
    """A data line's row label (a fund source, a management item) and the words after it."""
    for end in range(len(line), 0, -1):
        text = " ".join(word.text for word in line[:end])
        if (part == "fund" and _fund_sources_in(text)) or (
                part == "management" and words().kind_of(text, ("management_item",))):
            return text, line[end:]
    if part == "management" and line:
        # a label and its description read as one word (the OCR joins cells a small gap apart):
        # the word split after the label, the rest keeping its share of the word's width
        first = line[0]
        label = max((item for item in words().by_kind.get("management_item", {})
                     if first.text.startswith(item) and len(first.text) > len(item)), key=len, default="")
        if label:
            cut = first.x0 + (first.x1 - first.x0) * len(label) / len(first.text)
            rest = Word(first.text[len(label):], cut, first.top, first.x1, first.bottom)
            return label, [rest, *line[1:]]
    return "", line


NO_SPACE_HEIGHTS = 0.25  # words of a line closer than this many heights are printed without a space


def _glued(line: list[Word]) -> list[Word]:
    """Words of a line printed with no space between them (closer than ``NO_SPACE_HEIGHTS``)
    as one word, placed by its whole box: the OCR boxes a word's digits and its unit apart
    (``10`` | ``项`` for 10项), and the unit alone would go to the column its centre is nearer."""
    glued: list[Word] = []
    for word in sorted(line, key=lambda w: w.x0):
        last = glued[-1] if glued else None
        if last is not None and word.x0 - last.x1 < NO_SPACE_HEIGHTS * min(word.height, last.height) and \
                min(word.bottom, last.bottom) - max(word.top, last.top) > 0.5 * min(word.height, last.height):
            confidences = [c for c in (last.confidence, word.confidence) if c is not None]
            glued[-1] = Word(last.text + word.text, last.x0, min(last.top, word.top), max(last.x1, word.x1),
                             max(last.bottom, word.bottom), min(confidences) if confidences else None)
        else:
            glued.append(word)
    return glued


@dataclass
class _Row:
    part: str  # "plain" (cells split at gaps), "header", or the part whose columns it fills
    label: str
    cells: list[list[Word]]
    words: list[Word]
    keys: tuple[str, ...] = ()  # the field each cell is (the part's header words' values)

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)


# the fields of each part's aligned row, in the order ``read_appendix`` reads them
PART_FIELDS = {"fund": FUND_KEYS, "management": ("description", "weight", "score", "problems"),
               "goal": ("expected", "actual"),
               "indicator": ("level1", "level2", "level3", "target", "actual", "weight", "score", "deviation",
                             "reason")}


def _gap_cells(line: list[Word]) -> list[list[Word]]:
    """A line's words cut into cells where the gap between two words is a character or more."""
    cells: list[list[Word]] = []
    for word in line:
        if cells and word.x0 - cells[-1][-1].x1 < word.height:
            cells[-1].append(word)
        else:
            cells.append([word])
    return cells


def _continues(row: _Row, other: _Row) -> bool:
    """Whether ``row`` (no label, no figure) is part of ``other``'s cells wrapped over lines:
    each of its cells stands right over or under ``other``'s cell of its column, closer than
    the space between two rows."""
    if row.label or row.part != other.part or any(_FIGURE.match(word.text) for word in row.words):
        return False
    for cell, beside in zip(row.cells, other.cells):
        if not cell:
            continue
        if not beside:
            return False
        height = min(word.height for word in cell)
        gap = max(min(w.top for w in cell) - max(w.bottom for w in beside),
                  min(w.top for w in beside) - max(w.bottom for w in cell))
        if gap >= _CONTINUED_GAP * height:
            return False
    return True


def _join_continued(rows: list[_Row]) -> list[_Row]:
    """Lines that continue a row's cells (a text wrapped over lines) joined into it: the line
    above a row's figures, or the one under them."""
    joined: list[_Row] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        if row.part in PART_FIELDS and any(row.cells):
            following = rows[index + 1] if index + 1 < len(rows) else None
            if joined and _continues(row, joined[-1]):
                target = joined[-1]
            elif following is not None and _continues(row, following):
                target = following
            else:
                target = None
            if target is not None:
                for cell, extra in zip(target.cells, row.cells):
                    cell.extend(extra)
                target.words.extend(row.words)
                index += 1
                continue
        joined.append(row)
        index += 1
    return joined


def _place_spanning(rows: list[_Row], spanning: list[tuple[str, Word]]) -> list[Word]:
    """Each 一级 / 二级指标 label given to the indicator rows it spans: from the first row no
    earlier label of its column claimed, the run of rows it is centred on (within a third of a
    row), else its own row. Returns the labels no indicator row takes."""
    indicator = [row for row in rows if row.part == "indicator"]
    left: list[Word] = []
    for kind in ("level1", "level2"):
        labels = sorted((word for found, word in spanning if found == kind), key=lambda w: w.centre_y)
        claimed = 0
        for word in labels:
            if not indicator or kind not in indicator[0].keys:
                left.append(word)
                continue
            column = indicator[0].keys.index(kind)
            pitch = median([b.top - a.top for a, b in pairwise(indicator)] or [word.height * 2])
            own = min(range(len(indicator)), key=lambda i: abs((indicator[i].top + indicator[i].bottom) / 2
                                                               - word.centre_y))
            span = None
            if claimed <= own:
                ends = range(own, len(indicator))
                end = min(ends, key=lambda j: abs((indicator[claimed].top + indicator[j].bottom) / 2 - word.centre_y))
                if abs((indicator[claimed].top + indicator[end].bottom) / 2 - word.centre_y) < pitch / 3:
                    span = (claimed, end)
            span = span or (own, own)
            for row in indicator[span[0]:span[1] + 1]:
                row.cells[column] = row.cells[column] or [word]
            claimed = span[1] + 1
    return left


def layout_rows(page_words: list, page_no: int) -> list[tuple[Item, str]]:
    """The rows of a page's 自评表 rebuilt from its positioned words (see above), each with the
    part whose fields its cells are in order (``PART_FIELDS``; a fund or management row led by
    its label; an empty cell kept), or "" for a row cut at its gaps (title, header rows, 总分)."""
    return _layout(page_words, page_no, ("", [], []))[0]


def _layout(page_words: list, page_no: int, carried: tuple[str, list, list]) -> tuple[list[tuple[Item, str]],
                                                                                     tuple[str, list, list]]:
    """``layout_rows``, starting in the part, columns and column words ``carried`` over from the
    page before (a 自评表 broken across pages, its header not repeated); returns those the page
    ends in too."""
    page = _join_wrapped_labels([Word(w.text, w.x0, w.top, w.x1, w.bottom, getattr(w, "confidence", None))
                                 for w in page_words])
    spanning: list[tuple[str, Word]] = []  # 一级 / 二级指标 labels, placed once the rows are known
    kept = []
    for word in page:
        word = _after_part_label(word)
        found = _label_kind(word)
        if found and found[0] in _PART_LABEL and not found[1]:
            continue  # a part's own label (项目资金（万元）, 资金管理情况, 年度总体目标): no value
        if found and found[0] in ("level1", "level2"):
            spanning.append((found[0], word))
            continue
        kept.append(word)
    rows: list[_Row] = []
    part, columns, before = carried
    lines = _lines(kept)
    # the words under each part's header (up to the next header), whose shared edges tell
    # each column's alignment
    part_words: dict[int, list[Word]] = {id(columns): list(before)}
    headers = [_header_columns(line) for line in lines]
    for line, header in zip(lines, headers):
        if header is not None:
            columns = header[1]
            part_words[id(columns)] = []
        elif columns:
            part_words[id(columns)].extend(line)
    part, columns, _ = carried
    for line, header in zip(lines, headers):
        if header is not None:
            part, columns = header
            rows.append(_Row("header", "", [[word] for word in line], line))
            continue
        if any(words().kind_of(word.text, ("total",)) for word in line):
            part = "total"
        if part not in PART_FIELDS or all(_label_kind(word) for word in line):
            # the title, the date, the header rows (项目名称 …), a line of labels only (绩效指标)
            # and the 总分 row: cut at gaps
            rows.append(_Row("plain", "", _gap_cells(line), line))
            continue
        label, rest = _row_label(line, part)
        rest = _glued(rest)
        cells: list[list[Word]] = [[] for _ in columns]
        for word in rest:
            cells[_column_of(word, columns, part_words[id(columns)])].append(word)
        rows.append(_Row(part, label, cells, list(line), tuple(key for key, _ in columns)))
    rows = _join_continued(rows)
    left = _place_spanning(rows, spanning)
    if left:  # a level label outside the indicator rows: a row of its own where printed
        rows = sorted(rows + [_Row("plain", "", [[word]], [word]) for word in left], key=lambda row: row.top)
    out: list[tuple[Item, str]] = []
    for row in rows:
        if row.part in PART_FIELDS:
            by_key = {key: _cell_text(cell) for key, cell in zip(row.keys, row.cells)}
            texts = [by_key.get(key, "") for key in PART_FIELDS[row.part]]
            if row.part in ("fund", "management"):
                texts = [row.label, *texts]
            out.append((Item("row", cells=tuple(texts), page=page_no), row.part))
        else:
            out.append((Item("row", cells=tuple(_cell_text(cell) for cell in row.cells), page=page_no), ""))
    return out, (part, columns, part_words.get(id(columns), []))
