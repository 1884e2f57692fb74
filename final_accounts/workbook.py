"""The findings workbook (findings.xlsx), written with openpyxl: first the causes (原因, issue 19:
each suspect figure and each run of shifted rows, with the number and rules of the checks it
explains), then one sheet of every check that is a finding (不符) or a 尾差 — those a cause
explains first, grouped by cause, with the cause in its last column —, one of every check that could not be judged (无法核对, with its
reason), and one sheet per mart a reviewer filters. Headers are Chinese (the
column descriptions the build persists into the warehouse, up to their first bracket or
colon), the header row is frozen and filtered, and figures are numbers, not text."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from . import causes, vocabulary

# the sheet of checks that could not be judged is named by the status's one word
_NOT_EVALUABLE = next(row["word"] for row in vocabulary.rows("vocab_check_statuses") if row["status"] == "not_evaluable")
SHEETS = [
    # (sheet title, relation, where, order by)
    # 不符 and 尾差; a check that could not be judged (无法核对) has its own sheet with its reason
    ("核对发现", "fct_reconciliation_checks", "status in ('fail', 'rounding')",
     "unit_name, fiscal_year, cause_id is null, cause_id, case status when 'fail' then 0 else 1 end, case severity when 'error' then 0 else 1 end, "
     "rule_id, subject_key"),
    (_NOT_EVALUABLE, "fct_reconciliation_checks", "status = 'not_evaluable'",
     "unit_name, fiscal_year, not_evaluable_reason, rule_id, subject_key"),
    ("披露", "dim_disclosure", None, "unit_name, fiscal_year"),
    ("预算执行", "fct_budget_execution", None, "unit_name, fiscal_year, line_key"),
    ("三公经费", "fct_three_public_expenses", None, "unit_name, fiscal_year, expense_item"),
    ("项目绩效", "fct_project_performance", None, "unit_name, fiscal_year, project_no"),
    ("收支构成", "fct_income_expenditure_composition", None, "unit_name, fiscal_year, side, sort_order"),
]
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
CAUSES_SHEET = "原因"
CAUSE_COLUMN = "原因"  # the checks sheet's column naming the cause that explains a check
# the causes sheet: (header, value of a causes.Cause)
CAUSE_COLUMNS = [
    ("单位名称", lambda c: c.unit_name),
    ("决算年度", lambda c: c.fiscal_year),
    ("原因编号", lambda c: c.cause_id),
    ("原因类别", lambda c: c.kind_word),
    ("原因", lambda c: c.line),
    ("表", lambda c: c.row["table_title"]),
    ("行", lambda c: c.row.get("row_name") or c.row.get("row_key")),
    ("印刷行次", lambda c: c.row.get("printed_row_no")),
    ("栏", lambda c: c.row.get("measure_label") or c.row.get("measure") or causes.PHRASES["all_columns"]),
    ("页码", lambda c: c.row.get("source_page")),
    ("所印数字", lambda c: c.row.get("printed_value")),
    ("应为数字", lambda c: c.row.get("suggested_value")),
    ("错印类别", lambda c: c.row.get("misprint_kind_word")),
    ("错开行数", lambda c: c.row.get("shift_rows")),
    ("起始行", lambda c: c.row.get("from_row_no")),
    ("终止行", lambda c: c.row.get("to_row_no")),
    ("所解释不符项数", lambda c: c.row["explained_check_count"]),
    ("所解释规则", lambda c: c.row["explained_rule_ids"]),
    ("说明", lambda c: c.message),
]


def header_of(column: str, comment: str | None) -> str:
    """The Chinese header of a column: its description up to the first bracket, colon or
    semicolon (“决算年度（披露键之一）” -> “决算年度”); the column name when it has none."""
    if not comment:
        return column
    head = re.split(r"[（(：:；;，,=]", comment, maxsplit=1)[0].strip()
    return head[:30] or column


def _cell_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return "；".join(str(v) for v in value)
    return value


def _header_row(sheet) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _finish(sheet, columns: int, rows: int) -> None:
    """Column widths from the first rows, figures as numbers with two decimals, the header row
    frozen and filtered."""
    for index in range(1, columns + 1):
        letter = get_column_letter(index)
        sample = [len(str(sheet.cell(row=r, column=index).value or "")) for r in range(1, min(rows, 50) + 2)]
        sheet.column_dimensions[letter].width = min(max(8, max(sample) * 1.6 if sample else 8), 60)
        for row in range(2, rows + 2):
            cell = sheet.cell(row=row, column=index)
            if isinstance(cell.value, float):
                cell.number_format = "#,##0.00##"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"


def write_causes_sheet(workbook: Workbook, found: list[causes.Cause]) -> int:
    """The 原因 sheet: one row per cause of every disclosure (a suspect figure or shifted rows)."""
    sheet = workbook.create_sheet(CAUSES_SHEET)
    sheet.append([header for header, _ in CAUSE_COLUMNS])
    _header_row(sheet)
    for cause in found:
        sheet.append([_cell_value(value(cause)) for _, value in CAUSE_COLUMNS])
    _finish(sheet, len(CAUSE_COLUMNS), len(found))
    return len(found)


def write_sheet(workbook: Workbook, con, title: str, relation: str, where: str | None, order: str,
                found: dict | None = None) -> int:
    """A sheet of a relation's rows; ``found`` (cause id -> causes.Cause): the relation has a
    cause_id, and a last column names the cause of each row."""
    comments = dict(con.execute(
        "select column_name, comment from duckdb_columns() where table_name = ? and schema_name = current_schema()",
        [relation]).fetchall())
    cursor = con.execute(f"select * from {relation}" + (f" where {where}" if where else "") + f" order by {order}")
    columns = [column[0] for column in cursor.description]
    sheet = workbook.create_sheet(title)
    headers = []
    for column in columns:
        header = header_of(column, comments.get(column))
        headers.append(header if header not in headers else f"{header}（{column}）")
    if found is not None:
        headers.append(CAUSE_COLUMN)
        cause_at = columns.index("cause_id")
    sheet.append(headers)
    _header_row(sheet)
    rows = 0
    for values in cursor.fetchall():
        cells = [_cell_value(value) for value in values]
        if found is not None:
            cause = found.get(values[cause_at])
            cells.append(f"{cause.kind_word}：{cause.line}" if cause else None)
        sheet.append(cells)
        rows += 1
    _finish(sheet, len(headers), rows)
    return rows


def write_workbook(con, path: Path) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    found = causes.read_causes(con, checks=[])
    write_causes_sheet(workbook, found)
    by_id = {cause.cause_id: cause for cause in found}
    for title, relation, where, order in SHEETS:
        write_sheet(workbook, con, title, relation, where, order, by_id if relation == "fct_reconciliation_checks" else None)
    workbook.save(path)
    return path
