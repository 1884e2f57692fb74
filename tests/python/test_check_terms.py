"""int_check_terms names the figure behind every failure it causes (issue 19, error localization).

Copies of the shipped Nanyang text export, each under a unit name of its own, have one printed
figure altered in their landed files (or left blank) — a table figure of 一般公共预算财政拨款支出决算表, of 收入支出
决算总表 and of 基本支出决算明细表, a figure the narrative states, a 项's 决算 in the narrative's
per-项 account, and a 全年执行数 and an indicator's 得分 of an appendix project table — and are built with an unaltered control copy. Every equality check that fails in a
copy and not (or not by the same difference) in the control fails because of the altered figure;
its terms in int_check_terms must name that figure (by its figure_key), with the figure's altered
value, and must still sum to the check's left − right.
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from conftest import NANYANG, ROOT, copy_project, open_warehouse, read_landed_csv, run_dbt_build, write_landed_csv

DOCUMENT = "2024-nanyang-government-big-data-center-final-accounts.txt"
TEXT = (ROOT / "documents" / DOCUMENT).read_text(encoding="utf-8")
CONTROL = "南阳市数据改数对照中心"


def alter(column_of: Callable[[dict], str | None], new_value: str) -> Callable[[list[dict]], str]:
    """A change to a landed CSV: the one cell that column_of names on its row gets new_value;
    returns the value it held."""
    def change(rows: list[dict]) -> str:
        hits = [(row, column_of(row)) for row in rows if column_of(row)]
        assert len(hits) == 1, hits
        row, column = hits[0]
        old = row[column]
        row[column] = new_value
        return old
    return change


def in_column(match: dict[str, str], column: str) -> Callable[[dict], str | None]:
    return lambda row: column if all(row[key] == value for key, value in match.items()) else None


def in_block(name: str) -> Callable[[dict], str | None]:
    """公开06 prints three (code, name, amount) blocks a line: the amount beside name."""
    return lambda row: next((f"amount_{n}" for n in (1, 2, 3) if row[f"item_name_{n}"] == name), None)


# unit -> (landed file, the cell altered, its new value, the figure_key of the figure)
PLANTS = {
    # a 项's 小计 with a dropped digit (77.00 → 7.00): the row's columns, its 款, the narrative's 项
    "南阳市数据改数甲中心": ("gk05_general_budget_expenditure", in_column({"function_code": "2080505"}, "subtotal"), "7.00",
                    "general_budget_expenditure/2080505/subtotal"),
    # 收入支出决算总表 一般公共预算财政拨款收入 with two digits swapped (1,788.25 → 1,878.25)
    "南阳市数据改数乙中心": ("gk01_income_expenditure_summary", in_column({"income_item": "一、一般公共预算财政拨款收入"}, "income_amount"),
                    "1,878.25", "income_expenditure_summary/收入/一般公共预算财政拨款收入/amount"),
    # 基本支出明细表 基本工资 (290.80 → 209.80)
    "南阳市数据改数丙中心": ("gk06_basic_expenditure_by_economic", in_block("基本工资"), "209.80",
                    "basic_expenditure_by_economic/30101/amount"),
    # the narrative's 基本支出 (1,115.58 → 1,115.85)
    "南阳市数据改数丁中心": ("narrative_figures", in_column({"row_no": "8"}, "value_text"), "1,115.85", "narrative/figures/8"),
    # the narrative's per-项 account: item 2's 支出决算 (3.00 → 30.00)
    "南阳市数据改数戊中心": ("narrative_function_budget", in_column({"item_no": "2"}, "final_amount_text"), "30.00",
                    "narrative/function_budget/2/final_amount"),
    # the appendix: project 2's 财政拨款 全年执行数 (58.62 → 5.86)
    "南阳市数据改数己中心": ("project_funds", in_column({"project_no": "2", "row_no": "2"}, "executed_text"), "5.86",
                    "appendix/project_funds/2/fiscal_appropriation/executed_amount"),
    # the appendix: project 3's first indicator 得分 (10 → 1)
    "南阳市数据改数庚中心": ("project_indicators", in_column({"project_no": "3", "row_no": "1"}, "score_text"), "1",
                    "appendix/project_indicators/3/1/score"),
    # a figure left blank (the first row of a shifted table prints none): the blank cell of its
    # printed row is a term of amount 0, a figure the localization may read otherwise
    "南阳市数据改数辛中心": ("gk05_general_budget_expenditure", in_column({"function_code": "2080505"}, "basic_expenditure"), "",
                    "general_budget_expenditure/2080505/basic_expenditure"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from final_accounts import ingest as ingestion

    work = tmp_path_factory.mktemp("check-terms")
    project = copy_project(work / "project")
    for unit in [CONTROL, *PLANTS]:
        (project / "documents" / f"{unit}.txt").write_text(TEXT.replace(NANYANG, unit), encoding="utf-8")
    landing = work / "landing"
    ingestion.ingest([project / "documents"], landing, project, prune=True, echo=lambda *_: None)
    for unit, (name, column_of, new_value, _) in PLANTS.items():
        (folder,) = [f for f in (landing / "disclosures").iterdir() if f"_{unit}_" in f.name]
        columns, rows = read_landed_csv(folder / f"{name}.csv")
        old = alter(column_of, new_value)(rows)
        assert old != new_value
        write_landed_csv(folder / f"{name}.csv", columns, rows)
    result = run_dbt_build(project, work / "build", landing=landing)
    assert result.returncode == 0, result.output[-4000:]
    assert result.status_of("assert_check_terms_faithful") == "pass"
    con = open_warehouse(result.warehouse)
    yield con
    con.close()


def equality_checks(con, unit: str) -> dict[tuple[str, str], tuple[str, Decimal]]:
    rows = con.execute("select rule_id, subject_key, status, difference from fct_reconciliation_checks "
                       "where unit_name = ? and comparison = 'equal'", [unit]).fetchall()
    return {(rule, key): (status, difference) for rule, key, status, difference in rows}


def failures_caused(con, unit: str) -> set[tuple[str, str]]:
    """The copy's failing equality checks the control does not fail by the same difference."""
    control = equality_checks(con, CONTROL)
    return {key for key, (status, difference) in equality_checks(con, unit).items()
            if status == "fail" and control.get(key) != (status, difference)}


def terms_of(con, unit: str, check: tuple[str, str]) -> dict[str, tuple[int, Decimal]]:
    rows = con.execute("select figure_key, coefficient, amount from int_check_terms "
                       "where unit_name = ? and rule_id = ? and subject_key = ?", [unit, *check]).fetchall()
    return {figure_key: (coefficient, amount) for figure_key, coefficient, amount in rows}


@pytest.mark.parametrize("unit", list(PLANTS))
def test_every_failure_caused_by_an_altered_figure_has_it_among_its_terms(built, unit):
    con = built
    _, _, new_value, figure_key = PLANTS[unit]
    caused = failures_caused(con, unit)
    assert caused, f"altering {figure_key} failed no equality check"
    for check in sorted(caused):
        terms = terms_of(con, unit, check)
        assert figure_key in terms, (check, sorted(terms))
        coefficient, amount = terms[figure_key]
        assert coefficient != 0 and amount == Decimal(new_value.replace(",", "") or "0"), (check, terms[figure_key])
    # one figure altered adds or removes no check
    assert set(equality_checks(con, unit)) == set(equality_checks(con, CONTROL))

