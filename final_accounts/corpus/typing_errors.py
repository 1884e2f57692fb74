"""Typing errors planted into otherwise clean disclosures (``test-corpus --plant-kind typing``):
the misprints a localization engine must find and correct (issue 19, Scholtus 2009: a figure
off by a dropped digit, two swapped digits or a sign is recognised from the imbalance it makes).

Kinds, each on one printed figure of a coded table (公开02, 公开03, 公开05, and 公开07 where it
has rows):

- ``dropped_digit``  one digit of the integer part left out (10,661.51 printed 1,066.51);
- ``swapped_digits`` two adjacent, different digits swapped (257.14 printed 275.14);
- ``sign``           the figure printed negative;
- ``next_row``       the figure of the next row (same column) printed in its place;

and ``shift``: a table's figures moved one row from a random row on, the labels staying (k = +1:
each row from the first shifted one on prints the figures of the row above it, the first prints
none; the last row's figures are lost).

Each plant writes its ground truth (``TYPING_COLUMNS``) to ``typing_truth.csv`` beside
``ground_truth.csv``: the disclosure, the table (its canonical table_code, as the checks name
it), the row (its key: the function code, or 合计; and its printed row number), the measure
(column), the printed (wrong) and the true value in 万元, and the kind; for a shift the table,
the first shifted row and k. Values are plain decimals (no thousands separators)."""
from __future__ import annotations

import random
from decimal import Decimal

from .. import vocabulary
from ..landing import COLUMNS
from .disclosure import Disclosure

TYPING_COLUMNS = ["fiscal_year", "unit_name", "table_code", "row_key", "printed_row_no", "measure",
                  "printed_value", "true_value", "kind", "shift_from_row", "shift_k"]
TYPING_TRUTH_FILE = "typing_truth.csv"
TYPING_KINDS = ("dropped_digit", "swapped_digits", "sign", "next_row", "shift")
# the coded tables (rows keyed by function code) whose figures are planted
CODED_TABLES = ("gk02_income_by_function", "gk03_expenditure_by_function", "gk05_general_budget_expenditure",
                "gk07_government_fund")
LABEL_COLUMNS = ("row_no", "function_code", "item_name")
TABLE_CODES = {row["landing_code"]: row["table_type"] for row in vocabulary.rows("ref_table_types")}


def figure_columns(table: str) -> list[str]:
    """The figure columns of a coded table, in print order."""
    return [column for column in COLUMNS[table] if column not in LABEL_COLUMNS]


def amount(text: str) -> Decimal | None:
    """A printed figure in 万元 ("1,066.51" → 1066.51); None for a blank cell."""
    text = (text or "").replace(",", "").strip()
    return Decimal(text) if text else None


def printed(value: Decimal) -> str:
    """A figure as the coded tables print it: thousands separators, two decimals."""
    return f"{value:,.2f}"


def drop_digit(value: Decimal, rng: random.Random) -> Decimal | None:
    """The value with one digit of its integer part left out; None where that changes nothing
    the reader could tell (a one-digit integer part, or dropping gives the same figure)."""
    sign, integer, decimals = ("-" if value < 0 else ""), *f"{abs(value):.2f}".split(".")
    if len(integer) < 2:
        return None
    positions = [i for i in range(len(integer)) if integer[:i] + integer[i + 1:] != integer]
    rng.shuffle(positions)
    for position in positions:
        shorter = integer[:position] + integer[position + 1:]
        candidate = Decimal(f"{sign}{int(shorter)}.{decimals}")
        if candidate != value:
            return candidate
    return None


def swap_digits(value: Decimal, rng: random.Random) -> Decimal | None:
    """The value with two adjacent, different digits swapped (the decimal point stays)."""
    text = f"{abs(value):.2f}"
    digits = text.replace(".", "")
    pairs = [i for i in range(len(digits) - 1) if digits[i] != digits[i + 1]]
    if not pairs:
        return None
    i = rng.choice(pairs)
    swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
    result = Decimal(f"{int(swapped[:-2])}.{swapped[-2:]}")
    return -result if value < 0 else result


def _truth(d: Disclosure, table: str, row: dict, measure: str, printed: Decimal | None, true: Decimal | None,
           kind: str, shift_from: str = "", k: str = "") -> dict:
    return {"fiscal_year": str(d.fiscal_year), "unit_name": d.unit_name, "table_code": TABLE_CODES[table],
            "row_key": row["function_code"] or row["item_name"], "printed_row_no": row["row_no"], "measure": measure,
            "printed_value": "" if printed is None else f"{printed:.2f}", "true_value": "" if true is None else f"{true:.2f}",
            "kind": kind, "shift_from_row": shift_from, "shift_k": k}


def _cells(d: Disclosure) -> list[tuple[str, int, str]]:
    """Every printed, non-zero figure of the coded tables: (table, row index, column)."""
    return [(table, index, column) for table in CODED_TABLES for index, row in enumerate(d.files.get(table, []))
            for column in figure_columns(table) if amount(row.get(column, "")) not in (None, Decimal(0))]


def plant_figure(d: Disclosure, rng: random.Random, kind: str) -> bool:
    """One figure misprinted the ``kind`` way; False where the disclosure has no figure it fits."""
    cells = _cells(d)
    rng.shuffle(cells)
    for table, index, column in cells:
        rows = d.files[table]
        row = rows[index]
        true = amount(row[column])
        if kind == "dropped_digit":
            wrong = drop_digit(true, rng)
        elif kind == "swapped_digits":
            wrong = swap_digits(true, rng)
        elif kind == "sign":
            wrong = -true
        else:  # next_row: the figure the row below prints in the same column
            below = amount(rows[index + 1].get(column, "")) if index + 1 < len(rows) else None
            wrong = below if below is not None and below != true else None
        if wrong is None:
            continue
        row[column] = printed(wrong)
        d.typing_truth.append(_truth(d, table, row, column, wrong, true, kind))
        return True
    return False


def plant_shift(d: Disclosure, rng: random.Random) -> bool:
    """A coded table's figures moved down one row from a random row on (labels stay): row i prints
    the figures of row i−1, the first shifted row prints none, the last row's figures are lost.
    The 合计 row keeps its figures (it is printed apart from the rows under it)."""
    tables = [table for table in CODED_TABLES if len(d.files.get(table, [])) >= 4]
    if not tables:
        return False
    table = rng.choice(tables)
    rows = d.files[table]
    body = [index for index, row in enumerate(rows) if row["function_code"]]
    start = rng.choice(body[:-1])
    zone = [index for index in body if index >= start]
    columns = figure_columns(table)
    figures = [{column: rows[index][column] for column in columns} for index in zone]
    for position, index in enumerate(zone):
        for column in columns:
            rows[index][column] = figures[position - 1][column] if position else ""
    first = rows[start]
    d.typing_truth.append(_truth(d, table, first, "", None, None, "shift", first["row_no"], "1"))
    return True


def plant_typing(d: Disclosure, rng: random.Random, kind: str) -> str | None:
    """Plant one typing error of ``kind`` (falling back to the next kinds where none fits);
    returns the kind planted."""
    order = list(TYPING_KINDS[TYPING_KINDS.index(kind):] + TYPING_KINDS[:TYPING_KINDS.index(kind)])
    for candidate in order:
        if (plant_shift(d, rng) if candidate == "shift" else plant_figure(d, rng, candidate)):
            return candidate
    return None
