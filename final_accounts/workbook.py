"""The findings workbook (findings.xlsx), written with openpyxl: one sheet of every check that
is a finding (不符) or a 尾差, one of every check that could not be judged (无法核对, with its
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

from . import vocabulary

# the sheet of checks that could not be judged is named by the status's one word
_NOT_EVALUABLE = next(row["word"] for row in vocabulary.rows("vocab_check_statuses") if row["status"] == "not_evaluable")
SHEETS = [
    # (sheet title, relation, where, order by)
    # 不符 and 尾差; a check that could not be judged (无法核对) has its own sheet with its reason
    ("核对发现", "fct_reconciliation_checks", "status in ('fail', 'rounding')",
     "unit_name, fiscal_year, case status when 'fail' then 0 else 1 end, case severity when 'error' then 0 else 1 end, "
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


def write_sheet(workbook: Workbook, con, title: str, relation: str, where: str | None, order: str) -> int:
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
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    rows = 0
    for values in cursor.fetchall():
        sheet.append([_cell_value(value) for value in values])
        rows += 1
    for index in range(1, len(columns) + 1):
        letter = get_column_letter(index)
        sample = [len(str(sheet.cell(row=r, column=index).value or "")) for r in range(1, min(rows, 50) + 2)]
        sheet.column_dimensions[letter].width = min(max(8, max(sample) * 1.6 if sample else 8), 60)
        for row in range(2, rows + 2):
            cell = sheet.cell(row=row, column=index)
            if isinstance(cell.value, float):
                cell.number_format = "#,##0.00##"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{rows + 1}"
    return rows


def write_workbook(con, path: Path) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, relation, where, order in SHEETS:
        write_sheet(workbook, con, title, relation, where, order)
    workbook.save(path)
    return path
