"""Golden figures of the Nanyang disclosure: read by hand from the document (doc_line is the line of
documents/2024-nanyang-government-big-data-center-final-accounts.txt), each must be
found exactly once in the warehouse with exactly that value."""
import csv
from decimal import Decimal
from pathlib import Path

import pytest

GOLDEN = list(csv.DictReader((Path(__file__).parent / "golden_figures.csv").open(encoding="utf-8")))


def test_golden_set_covers_every_part():
    assert len(GOLDEN) >= 60
    relations = {g["relation"] for g in GOLDEN}
    for needed in ["stg_gk01_income_expenditure_summary", "stg_gk02_income_by_function",
                   "stg_gk03_expenditure_by_function", "stg_gk04_fiscal_appropriation_summary",
                   "stg_gk05_general_budget_expenditure", "stg_gk06_basic_expenditure_by_economic",
                   "stg_gk07_government_fund", "stg_gk08_state_capital_expenditure",
                   "stg_gk09_three_public_expenditure", "stg_narrative_figures",
                   "stg_narrative_function_budget", "stg_narrative_project_results",
                   "stg_project_funds", "stg_project_indicators", "stg_project_evaluations"]:
        assert needed in relations


@pytest.mark.parametrize("golden", GOLDEN, ids=[g["figure_id"] for g in GOLDEN])
def test_golden_figure(warehouse, golden):
    rows = warehouse.execute(
        f"select {golden['column_name']} from {golden['relation']} "
        f"where unit_name = '南阳市政务大数据中心' and ({golden['where_clause']})"
    ).fetchall()
    assert len(rows) == 1, f"{golden['figure_id']}: {len(rows)} rows match"
    assert rows[0][0] is not None
    assert Decimal(str(rows[0][0])) == Decimal(golden["expected"])
