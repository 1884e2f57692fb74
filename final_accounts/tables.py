"""Recognising the nine standard tables of a final-accounts disclosure by their printed
titles (never by position or number), and collecting each table's rows, notes and
empty-table statement.

A 单位决算 numbers them 公开01–09 and a 部门决算 lists them in another order; both print
the same titles, with a few usual variants (收支 for 收入支出, 明细表, 收入支出 for 支出 in
the fund tables): the types are ``seeds/ref_table_types.csv``, their titles and variants
``seeds/vocab_table_titles.csv`` (a new variant is a row there). Titles are compared after removing blanks, quotation marks, a leading
ordinal ("七、") and a table number ("公开07表").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .sources import Item, SourceDocument
from .vocabulary import rows as vocabulary_rows


@dataclass(frozen=True)
class TableType:
    code: str          # landing file / staging name stem, e.g. "gk03_expenditure_by_function"
    type_id: str       # canonical table type
    standard_title: str
    variants: tuple[str, ...]


def _table_types() -> tuple[TableType, ...]:
    """The nine table types in their order (``seeds/ref_table_types.csv``), each with the
    titles it is printed under (``seeds/vocab_table_titles.csv``, compared without quotes)."""
    titles: dict[str, list[str]] = {}
    for row in vocabulary_rows("vocab_table_titles"):
        titles.setdefault(row["table_type"], []).append(row["title"])
    return tuple(TableType(row["landing_code"], row["table_type"], row["standard_title"],
                           tuple(titles.get(row["table_type"], ())))
                 for row in vocabulary_rows("ref_table_types"))


TABLE_TYPES = _table_types()
TABLE_TYPES_BY_CODE = {table_type.code: table_type for table_type in TABLE_TYPES}

_VARIANTS = sorted(((variant, table_type) for table_type in TABLE_TYPES for variant in table_type.variants),
                   key=lambda pair: -len(pair[0]))

_BLANKS = re.compile(r"\s+")
_QUOTES = re.compile("[“”\"‘’'「」『』]")
_ORDINAL = re.compile(r"^(第[一二三四五六七八九十]+部分|[（(][一二三四五六七八九十]+[）)][、.．]?|[一二三四五六七八九十]+[、.．]|\d+[、.．])")
_TABLE_NUMBER = re.compile(r"公开\d+表?")
_TABLE_NUMBER_LINE = re.compile(r"^(公开\d+)表?$")
_QUOTES_ONLY = re.compile(r"^\s*“\s*”\s*$")
_END_OF_TABLES = re.compile(r"^(第[三四五六七八九十]部分|.*情况说明$|.*名词解释$|.*绩效自评.*表$|附件)")
_PROJECT_TABLE = re.compile(r"项目支出绩效自评(情况)?表$|绩效自评表$")
_NOTE_MARKS = ("注", "说明", "备注")


@lru_cache(maxsize=1)
def _empty_statement_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """The empty-table statements (seeds/vocab_empty_table_statements.csv): each a pattern
    and its scope, ``anywhere`` (本表无数据 says it alone) or ``note`` (无…支出, 本单位无…,
    没有… say it only on a 注/说明 line or under a table still open)."""
    return tuple((re.compile(row["pattern"]), row["scope"]) for row in vocabulary_rows("vocab_empty_table_statements"))


def is_empty_table_statement(text: str, in_note: bool) -> bool:
    """Whether a line states that its table is empty (normalised text; ``in_note``: the
    line is a 注/说明 line or printed under a table still open)."""
    squeezed = normalise(text)
    return any(pattern.search(squeezed) and (scope == "anywhere" or in_note)
               for pattern, scope in _empty_statement_patterns())


def _restore_quotes(title: str, quotes_line: str) -> str | None:
    """A PDF may set a title's “ ” in another font, extracted on a line of their own and
    leaving blanks where they stood ("财政拨款 三公 经费支出决算表" + "“ ”"): the printed
    title is "财政拨款“三公”经费支出决算表". None when the blanks do not say where they go."""
    parts = title.split()
    if len(parts) != 3 or not _QUOTES_ONLY.match(quotes_line):
        return None
    return f"{parts[0]}“{parts[1]}”{parts[2]}"


def normalise(text: str) -> str:
    return _QUOTES.sub("", _BLANKS.sub("", text or ""))


def title_type(text: str) -> TableType | None:
    """The table type a printed line is the title of, or None."""
    cleaned = _TABLE_NUMBER.sub("", normalise(text))
    cleaned = _ORDINAL.sub("", cleaned)
    if not cleaned or len(cleaned) > 40 or not cleaned.endswith("表"):
        return None
    for variant, table_type in _VARIANTS:
        if cleaned.endswith(variant):
            prefix = cleaned[: -len(variant)]
            # a title may carry the unit name before it, never other table words
            if prefix.endswith(("财政拨款", "预算", "基金", "资本", "基本", "一般公共")):
                continue
            return table_type
    return None


@dataclass
class RecognisedTable:
    table_type: TableType
    title_as_printed: str
    where: str
    segments: list[list[Item]] = field(default_factory=list)
    notes: list[Item] = field(default_factory=list)
    empty_note: Item | None = None
    number_as_printed: str | None = None  # "公开05" where a 单位决算 prints "公开05表" under the title

    @property
    def row_count(self) -> int:
        return sum(len(segment) for segment in self.segments)


@dataclass
class Recognition:
    tables: dict[str, RecognisedTable] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)
    project_tables: int = 0
    text_items: list[Item] = field(default_factory=list)
    judgments: list[str] = field(default_factory=list)


def recognise(document: SourceDocument) -> Recognition:
    """Walk the document in reading order: a title opens its table, rows attach to the
    table open at the time, a 注/说明 line attaches to it, and a narrative or appendix
    heading closes it. A title seen again (a continuation page, or the table of contents
    before the tables) keeps adding to the same table."""
    result = Recognition()
    current: RecognisedTable | None = None
    last_table: RecognisedTable | None = None
    in_projects = False
    current_segment: int | None = None
    orphan_rows: dict[str, int] = {}
    for item in document.items:
        if item.kind == "row":
            filled = [cell.strip() for cell in item.cells if (cell or "").strip()]
            if len(filled) == 1 and (title_type(filled[0]) or _PROJECT_TABLE.search(normalise(filled[0]))):
                # a title exported on a tab-separated line of its own
                item = Item("text", text=filled[0], page=item.page, line=item.line)
        if item.kind == "text":
            result.text_items.append(item)
            table_type = title_type(item.text)
            if table_type is not None:
                in_projects = False
                existing = result.tables.get(table_type.code)
                if existing is None:
                    existing = RecognisedTable(table_type, item.text.strip(), item.where)
                    result.tables[table_type.code] = existing
                elif not existing.segments:
                    # the table of contents named it first: the title above the rows counts
                    existing.title_as_printed, existing.where = item.text.strip(), item.where
                current = existing
                current_segment = None
                continue
            if current is not None and not current.segments and _QUOTES_ONLY.match(item.text):
                restored = _restore_quotes(current.title_as_printed, item.text)
                if restored:
                    result.judgments.append(f"{restored} ({current.where}): the title's quotation marks, set "
                                            f"apart on the next line ({item.where}), put back around the phrase "
                                            "they enclose")
                    current.title_as_printed = restored
                continue
            squeezed = normalise(item.text)
            number = _TABLE_NUMBER_LINE.match(squeezed)
            if number and current is not None and not current.segments:
                current.number_as_printed = number.group(1)
                continue
            if _PROJECT_TABLE.search(squeezed):
                in_projects = True
                result.project_tables += 1
                current = None
                continue
            if _END_OF_TABLES.match(squeezed):
                if current is not None:
                    last_table = current
                current = None
                continue
            target = current or last_table
            note_line = squeezed.startswith(_NOTE_MARKS)
            empty = target is not None and is_empty_table_statement(squeezed, note_line or current is not None)
            if target is not None and (note_line or empty):
                if empty and target.empty_note is None:
                    target.empty_note = item
                else:
                    target.notes.append(item)
            continue
        # a table row
        if current is None:
            if not in_projects and any((cell or "").strip() for cell in item.cells):
                orphan_rows[item.where] = orphan_rows.get(item.where, 0) + 1
            continue
        if item.segment != current_segment or not current.segments:
            current.segments.append([])
            current_segment = item.segment
        current.segments[-1].append(item)
    for where, count in orphan_rows.items():
        result.unplaced.append(f"{count} table row(s) at {where} belong to none of the nine tables")
    return result
