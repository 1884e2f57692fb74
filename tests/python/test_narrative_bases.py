"""Budget bases end to end (issue 16, point 3): ingest -> dbt build -> fct_reconciliation_checks.

Two copies of the Nanyang export whose section 五（三） states each 项 against its 全年预算
(written below; every expected status is worked out by hand from these sentences and the
Nanyang tables, whose 决算 are unchanged):

- ``全年预算测试中心``: the total "年初预算为1,359.80万元，全年预算为1,858.32万元，支出决算为
  1,850.79万元，完成全年预算的99.59%" (1,858.32 = the sum of the 13 全年预算 below; 1,850.79 ÷
  1,858.32 = 99.595 %); items stated "决算数与全年预算数持平" with no reason; a 项 added during
  the year ("此项目为2024年追加预算，年初无预算"); 项 6 whose 决算 1,233.55 equals its 全年预算
  but not its 年初预算 811.14 (持平 is right on its basis); 项 7 "决算数大于预算数" where the
  budget last stated is the 全年预算 40.00 and the 决算 is 35.96 (wrong on its basis, right
  against 年初预算 23.26); 项 8 "完成全年预算数的96.25%" (77.00 ÷ 80.00); 项 9 "完成年初预算的100%"
  with 年初预算 0 (the document names the wrong basis).
- ``口径错误测试中心``: the same items, the total "年初预算为0万元，全年预算为1,868.32万元，支出决算
  为1,850.79万元，完成年初预算的99.06%": its 年初预算 0 is not the items' 1,359.80, its 全年预算
  is 10.00 above theirs, and its rate is stated against a budget it gives as 0.
"""
from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import open_warehouse, project_with_documents, run_dbt_build

ROOT = Path(__file__).resolve().parents[2]
NANYANG_TEXT = ROOT / "documents" / "2024-nanyang-government-big-data-center-final-accounts.txt"
UNIT = "南阳市政务大数据中心"
FULL_YEAR = "全年预算测试中心"
WRONG_BASIS = "口径错误测试中心"

# item number -> the sentences after "（项）。" (budgets, 决算, rate, word, reason)
ITEMS = {
    1: "年初预算为0万元，全年预算为45.88万元，支出决算为45.88万元。决算数与全年预算数持平。",
    2: "年初预算为4.00万元，全年预算为3.50万元，支出决算为3.00万元。决算数小于全年预算数的主要原因是厉行节约，压减支出。",
    3: "年初预算为197.90万元，全年预算为196.02万元，支出决算为196.02万元。决算数与全年预算数一致。",
    4: "此项目为2024年追加预算，年初无预算，全年预算为55.82万元，支出决算为55.82万元。决算数与全年预算数持平。",
    5: "年初预算为0万元，全年预算为0.72万元，支出决算为0.72万元。决算数与全年预算数持平。",
    6: "年初预算为811.14万元，全年预算为1,233.55万元，支出决算为1,233.55万元。决算数与全年预算数持平。",
    7: "年初预算为23.26万元，全年预算为40.00万元，支出决算为35.96万元。决算数大于预算数的主要原因是单位退休人员增加。",
    8: "年初预算为64.08万元，全年预算为80.00万元，支出决算为77.00万元，完成全年预算数的96.25%。决算数小于全年预算数的主要原因是补缴社保。",
    9: "年初预算为0万元，全年预算为5.94万元，支出决算为5.94万元，完成年初预算的100%。决算数与全年预算数持平。",
    10: "年初预算为175.30万元，全年预算为111.00万元，支出决算为111.00万元。决算数与全年预算数一致。",
    11: "年初预算为32.04万元，全年预算为35.65万元，支出决算为35.65万元。决算数与全年预算数持平。",
    12: "年初预算为4.08万元，全年预算为2.24万元，支出决算为2.24万元。决算数与全年预算数持平。",
    13: "年初预算为48.00万元，全年预算为48.00万元，支出决算为48.00万元。决算数与全年预算数持平。",
}
TOTALS = {
    FULL_YEAR: "2024年度一般公共预算财政拨款支出年初预算为1,359.80万元，全年预算为1,858.32万元，支出决算为1,850.79万元，"
               "完成全年预算的99.59%。其中：",
    WRONG_BASIS: "2024年度一般公共预算财政拨款支出年初预算为0万元，全年预算为1,868.32万元，支出决算为1,850.79万元，"
                 "完成年初预算的99.06%。其中：",
}


def with_bases(text: str, unit: str) -> str:
    text = text.replace(UNIT, unit)
    start = text.index("2024年度一般公共预算财政拨款支出年初预算为1,359.80万元")
    end = text.index("六、一般公共预算财政拨款基本支出决算情况说明", start)
    section = text[start:end]
    names = re.findall(r"\n(\d{1,2})\. (.+?（项）)。", section)
    assert [int(n) for n, _ in names] == list(range(1, 14))
    paragraphs = [TOTALS[unit]] + [f"{n}. {name}。{ITEMS[int(n)]}" for n, name in names]
    return text[:start] + "\n\n".join(paragraphs) + "\n\n" + text[end:]


@pytest.fixture(scope="module")
def bases_build(tmp_path_factory):
    work = tmp_path_factory.mktemp("narrative-bases")
    text = NANYANG_TEXT.read_text(encoding="utf-8")
    project, landing = project_with_documents(work, {"full-year.txt": with_bases(text, FULL_YEAR),
                                                     "wrong-basis.txt": with_bases(text, WRONG_BASIS)})
    result = run_dbt_build(project, work / "build", landing=landing, extra_args=["--exclude-resource-type", "unit_test"])
    assert result.warehouse.exists(), result.output[-3000:]
    connection = open_warehouse(result.warehouse)
    yield connection, landing
    connection.close()


def checks(connection, unit: str, rule: str) -> dict[str, str]:
    return dict(connection.execute("select subject_key, status from fct_reconciliation_checks "
                                   "where unit_name = ? and rule_id = ?", [unit, rule]).fetchall())


def test_every_item_lands_its_budgets_on_their_bases(bases_build):
    connection, landing = bases_build
    rows = connection.execute("""
        select item_no, stated_initial_budget, stated_full_year_budget, stated_final_amount,
               completion_rate_basis, wording_basis
        from stg_narrative_function_budget where unit_name = ? order by item_no""", [FULL_YEAR]).fetchall()
    assert len(rows) == 13
    assert rows[3] == (4, Decimal("0.00"), Decimal("55.82"), Decimal("55.82"), None, "full_year_budget")
    assert rows[6][5] == "full_year_budget"  # "大于预算数": the budget last stated, the 全年预算
    assert rows[7][4] == "full_year_budget" and rows[8][4] == "initial_budget"
    problems = [row for folder in (landing / "disclosures").iterdir() if FULL_YEAR in folder.name
                for row in csv.DictReader((folder / "read_problems.csv").open(encoding="utf-8"))]
    assert [row for row in problems if row["rule_id"].startswith("READ-NARRATIVE")] == []


def test_words_and_reasons_are_judged_on_their_own_basis(bases_build):
    connection, _ = bases_build
    wording = checks(connection, FULL_YEAR, "N-WORDING")
    # 项 6: 持平 with its 全年预算 (1,233.55 = 1,233.55), though not with its 年初预算 811.14
    assert wording["narrative-item/6"] == "pass"
    # 项 7: "大于预算数" where 35.96 < 全年预算 40.00 (and > 年初预算 23.26): wrong on its basis
    assert wording["narrative-item/7"] == "fail"
    assert {wording[f"narrative-item/{n}"] for n in (1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13)} == {"pass"}
    reasons = checks(connection, FULL_YEAR, "N-REASON")
    # "决算数与全年预算数持平" needs no reason
    assert {reasons[f"narrative-item/{n}"] for n in (1, 4, 5, 6, 9, 11, 12, 13)} == {"pass"}


def test_rates_are_judged_on_their_own_basis(bases_build):
    connection, _ = bases_build
    rates = checks(connection, FULL_YEAR, "N-ITEM-RATE")
    assert rates["narrative-item/8"] == "pass"   # 77.00 ÷ 80.00 = 96.25 %
    assert rates["narrative-item/9"] == "fail"   # 完成年初预算的100%, 年初预算 0: the wrong basis
    detail = connection.execute("select detail from fct_reconciliation_checks where unit_name = ? and rule_id = 'N-ITEM-RATE' "
                                "and subject_key = 'narrative-item/9'", [FULL_YEAR]).fetchone()[0]
    assert "全年预算 5.94" in detail


def test_stated_totals_are_compared_with_the_items_of_their_basis(bases_build):
    connection, _ = bases_build
    sums = connection.execute("""
        select subject, left_value, right_value, status from fct_reconciliation_checks
        where unit_name = ? and rule_id = 'N-INITIAL-SUM' order by subject""", [FULL_YEAR]).fetchall()
    assert [(left, right, status) for _, left, right, status in sums] == [
        (Decimal("1858.32"), Decimal("1858.32"), "pass"), (Decimal("1359.80"), Decimal("1359.80"), "pass")]
    assert set(checks(connection, FULL_YEAR, "N-RATE").values()) <= {"pass", "rounding"}

    wrong = connection.execute("""
        select left_value, right_value, status from fct_reconciliation_checks
        where unit_name = ? and rule_id = 'N-INITIAL-SUM' order by left_value""", [WRONG_BASIS]).fetchall()
    assert wrong == [(Decimal("0.00"), Decimal("1359.80"), "fail"), (Decimal("1868.32"), Decimal("1858.32"), "fail")]
    basis = connection.execute("""
        select left_text, status from fct_reconciliation_checks
        where unit_name = ? and rule_id = 'N-RATE' and left_text like '完成%'""", [WRONG_BASIS]).fetchall()
    assert basis == [("完成年初预算的99.06%", "fail")]
