"""Every figure printed in 公开01-09 and the narrative is in a seed: the numbers found in
the document's text for each part are compared, as a multiset, with the numbers held
in the seeds for that part. Line ranges are those of the document in documents/."""
import csv
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "documents" / "2024-nanyang-government-big-data-center-final-accounts.txt").read_text(encoding="utf-8").splitlines()
AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{2}(?![\d])")  # printed 万元 amounts: two decimals


def doc_lines(first, last):
    return DOC[first - 1:last]


def seed_rows(name):
    return list(csv.DictReader((ROOT / "seeds" / f"{name}.csv").open(encoding="utf-8")))


def seed_amounts(name, skip=("fiscal_year", "unit_name", "row_no")):
    values = Counter()
    for row in seed_rows(name):
        for col, val in row.items():
            if col in skip or col.endswith("line_no") or col.startswith("economic_code") or col == "function_code":
                continue
            if val and AMOUNT.fullmatch(val):
                values[val] += 1
    return values


TABLES = {
    "gk01_income_expenditure_summary": [(113, 135), (140, 147)],
    "gk02_income_by_function": [(164, 186), (191, 195)],
    "gk03_expenditure_by_function": [(212, 234), (239, 243)],
    "gk04_fiscal_appropriation_summary": [(260, 280), (285, 295)],
    "gk05_general_budget_expenditure": [(312, 334), (339, 343)],
    "gk06_basic_expenditure_by_economic": [(358, 380), (383, 388)],
    "gk07_government_fund": [(405, 405)],
    "gk08_state_capital_expenditure": [(424, 424)],
    "gk09_three_public_expenditure": [(444, 444)],
}


@pytest.mark.parametrize("seed", TABLES)
def test_every_printed_amount_is_in_the_seed(seed):
    printed = Counter()
    for first, last in TABLES[seed]:
        for line in doc_lines(first, last):
            printed.update(AMOUNT.findall(line))
    assert printed, seed
    assert seed_amounts(seed) == printed


def test_table_ranges_hold_every_amount_of_part_two():
    """The ranges above leave out no amount printed anywhere in 第二部分 (lines 98-447)."""
    inside = set()
    for ranges in TABLES.values():
        for first, last in ranges:
            inside.update(range(first, last + 1))
    outside = [n for n in range(98, 448) if n not in inside and AMOUNT.search(DOC[n - 1])]
    assert outside == []


NARRATIVE_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:万元|%|个|辆|台（套）|台|人次|条)")


def test_every_narrative_number_is_in_a_seed():
    """第三部分 lines 450-578 (before the per-project paragraphs): every number with a unit."""
    # joined without breaks: the export splits "应急保障用车0" and "辆" across lines
    printed = Counter(NARRATIVE_NUMBER.findall("".join(doc_lines(450, 578))))
    printed["100"] -= 1  # "单价100万元（含）以上设备": a category threshold, kept in the subject text
    seeded = Counter(r["value_text"] for r in seed_rows("narrative_figures") if r["value_text"])  # not the nil statements
    for r in seed_rows("narrative_function_budget"):
        seeded.update(v for v in (r["initial_budget_text"], r["final_amount_text"], r["completion_rate_text"]) if v)
    assert +printed == seeded


def test_every_project_result_in_narrative_is_seeded():
    text = "\n".join(doc_lines(580, 612))
    scores = re.findall(r"总得分\s*(\d+\.\d+)分", text)
    grades = re.findall(r"属于“(.)”", text)
    rates = re.findall(r"预算执行率(\d+(?:\.\d+)?)%", text)
    rows = seed_rows("narrative_project_results")
    assert len(scores) == len(grades) == len(rates) == len(rows) == 15
    assert [r["total_score_text"] for r in rows] == scores
    assert [r["grade"] for r in rows] == grades
    assert [r["execution_rate_text"] for r in rows] == rates


def test_appendix_row_counts():
    """15 project tables; 4 fund rows each; 4 fund-management rows (project 8's export
    lost one, see its note); 6 indicator rows (project 6 prints 5)."""
    evaluations = seed_rows("project_evaluations")
    assert len(evaluations) == 15
    assert sum("项目支出绩效自评情况表" in line or line.startswith("项目自评表") for line in DOC) == 15
    funds = Counter(r["project_no"] for r in seed_rows("project_funds"))
    assert set(funds.values()) == {4} and len(funds) == 15
    management = Counter(r["project_no"] for r in seed_rows("project_fund_management"))
    assert management == Counter({str(n): 4 for n in range(1, 16) if n != 8}) + Counter({"8": 3})
    indicators = Counter(r["project_no"] for r in seed_rows("project_indicators"))
    assert indicators == Counter({str(n): 6 for n in range(1, 16) if n != 6}) + Counter({"6": 5})
    totals = [re.findall(r"总分\t+100\t+(\d+\.\d+)", line) for line in DOC]
    assert [t[0] for t in totals if t] == [r["total_score_text"] for r in evaluations]
