"""Narrative coverage, end to end (ingest -> dbt build -> fct_reconciliation_checks): the per-项
accounts of 政府性基金 are checked against 公开07, and a quantity the narrative states twice must
agree (N-RESTATED).

Three copies of the Nanyang export, each as another unit, whose 政府性基金预算财政拨款收入支出决算表
prints one 项 (212 城乡社区支出 / 21208 国有土地使用权出让收入安排的支出 / 2120803 城市建设支出, 105.00)
and whose narrative accounts for it in a per-项 paragraph:

- broken: the paragraph states 135.00 for the 项 the table prints as 105.00 (N-ITEM-FINAL fails);
  item 3 (2013704) states its 决算 196.02 and, in the next sentence, 186.02 (N-RESTATED fails); the
  一般公共预算 total is stated 1,850.79 in 五（一） and 1,805.79 in 五（三） (N-RESTATED fails);
- clean: the paragraph states 105.00, item 3 restates 196.02, the totals agree (all pass);
- unread: the table's 小计 cell of the 项 is blank (N-ITEM-FINAL 无法核对), and item 3's restated
  决算 is printed "1S6.02", not a number (N-RESTATED 无法核对, not 不符).

Every expected figure below is read off the text by hand.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import open_warehouse, project_with_documents, run_dbt_build

ROOT = Path(__file__).resolve().parents[2]
NANYANG_TEXT = ROOT / "documents" / "2024-nanyang-government-big-data-center-final-accounts.txt"
UNIT = "南阳市政务大数据中心"
BROKEN, CLEAN, UNREAD = "基金核对测试甲中心", "基金核对测试乙中心", "基金核对测试丙中心"

FUND_TOTAL = "\t合计\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00"
FUND_EMPTY_NOTE = "说明：我单位没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。"
FUND_SENTENCE = ("2024年度政府性基金预算财政拨款支出年初预算为0万元，支出决算为0万元，我单位没有政府性基金收入，"
                 "也没有使用政府性基金安排的支出。")
ITEM3 = "年初预算为197.90万元，支出决算为196.02万元，完成年初预算的99.05%。"
TOTAL_FINAL = "支出决算为1,850.79万元，完成年初预算的136.11%"


def fund_disclosure(unit: str, stated_item: str, restated_item3: str, subtotal_cell: str,
                    stated_total: str = "1,850.79") -> str:
    text = NANYANG_TEXT.read_text(encoding="utf-8")
    for fragment in (FUND_TOTAL, FUND_EMPTY_NOTE, FUND_SENTENCE, ITEM3, TOTAL_FINAL):
        assert text.count(fragment) == 1, fragment
    rows = [f"\t合计\t0.00\t105.00\t{subtotal_cell}\t0.00\t105.00\t0.00",
            f"212\t城乡社区支出\t0.00\t105.00\t{subtotal_cell}\t0.00\t105.00\t0.00",
            f"21208\t国有土地使用权出让收入安排的支出\t0.00\t105.00\t{subtotal_cell}\t0.00\t105.00\t0.00",
            f"2120803\t城市建设支出\t0.00\t105.00\t{subtotal_cell}\t0.00\t105.00\t0.00"]
    paragraph = ("2024年度政府性基金预算财政拨款支出年初预算为100.00万元，支出决算为105.00万元。其中：\n\n"
                 "1. 城乡社区支出（类）国有土地使用权出让收入安排的支出（款）城市建设支出（项）。"
                 f"主要用于城市基础设施建设。年初预算为100.00万元，支出决算为{stated_item}万元。"
                 "决算数大于年初预算数的主要原因是年中追加城市建设项目。")
    return (text.replace(UNIT, unit)
            .replace(FUND_TOTAL, "\n".join(rows))
            .replace(FUND_EMPTY_NOTE, "")
            .replace(FUND_SENTENCE, paragraph)
            .replace(ITEM3, ITEM3 + f"本项支出决算为{restated_item3}万元。")
            .replace(TOTAL_FINAL, TOTAL_FINAL.replace("1,850.79", stated_total)))


@pytest.fixture(scope="module")
def coverage_build(tmp_path_factory):
    work = tmp_path_factory.mktemp("narrative-coverage")
    project, landing = project_with_documents(work, {
        "fund-broken.txt": fund_disclosure(BROKEN, "135.00", "186.02", "105.00", stated_total="1,805.79"),
        "fund-clean.txt": fund_disclosure(CLEAN, "105.00", "196.02", "105.00"),
        "fund-unread.txt": fund_disclosure(UNREAD, "105.00", "1S6.02", ""),
    })
    result = run_dbt_build(project, work / "build", landing=landing)
    assert result.returncode == 0, result.output[-4000:]
    con = open_warehouse(str(result.warehouse))
    yield con
    con.close()


def _checks(con, unit: str, rule_id: str) -> dict:
    return {key: (status, left, right, reason) for key, status, left, right, reason in con.execute(
        "select subject_key, status, left_value, right_value, not_evaluable_reason from fct_reconciliation_checks "
        "where unit_name = ? and rule_id = ? order by subject_key", [unit, rule_id]).fetchall()}


FUND_ITEM = "narrative-item/government_fund/1"


def test_a_fund_item_stated_otherwise_than_its_table_fails(coverage_build):
    finals = _checks(coverage_build, BROKEN, "N-ITEM-FINAL")
    assert finals[FUND_ITEM][:3] == ("fail", Decimal("135.00"), Decimal("105.00"))
    # the 一般公共预算 items are still checked against 公开05 and pass
    assert {status for key, (status, *_) in finals.items() if key != FUND_ITEM} == {"pass"}
    message = coverage_build.execute(
        "select message from fct_reconciliation_checks where unit_name = ? and rule_id = 'N-ITEM-FINAL' "
        "and subject_key = ?", [BROKEN, FUND_ITEM]).fetchone()[0]
    assert "公开07 小计 105.00" in message and "2120803" in message


def test_a_fund_item_stated_as_its_table_prints_passes(coverage_build):
    assert _checks(coverage_build, CLEAN, "N-ITEM-FINAL")[FUND_ITEM][:3] == ("pass", Decimal("105.00"), Decimal("105.00"))


def test_a_fund_item_whose_table_figure_is_not_printed_is_not_evaluable(coverage_build):
    status, left, right, reason = _checks(coverage_build, UNREAD, "N-ITEM-FINAL")[FUND_ITEM]
    assert (status, left, right) == ("not_evaluable", Decimal("105.00"), None) and reason


def test_fund_items_do_not_count_as_general_budget_items(coverage_build):
    coverage = _checks(coverage_build, CLEAN, "N-ITEM-COVERAGE")
    assert not any("2120803" in key for key in coverage)
    assert {status for status, *_ in coverage.values()} == {"pass"}


def test_an_item_final_stated_twice_differently_fails(coverage_build):
    restated = _checks(coverage_build, BROKEN, "N-RESTATED")
    assert restated["narrative-restated/item/3"][:3] == ("fail", Decimal("196.02"), Decimal("186.02"))


def test_a_total_stated_twice_differently_fails(coverage_build):
    restated = {key: value for key, value in _checks(coverage_build, BROKEN, "N-RESTATED").items()
                if value[0] == "fail" and not key.startswith("narrative-restated/item/")}
    # 五（一） 1,850.79 against 五（三） 1,805.79: one failing pair, the first statement on the left
    assert [value[1:3] for value in restated.values()] == [(Decimal("1850.79"), Decimal("1805.79"))]


def test_quantities_stated_twice_alike_pass(coverage_build):
    restated = _checks(coverage_build, CLEAN, "N-RESTATED")
    assert restated["narrative-restated/item/3"][:3] == ("pass", Decimal("196.02"), Decimal("196.02"))
    assert len(restated) >= 3 and {status for status, *_ in restated.values()} == {"pass"}


def test_an_unread_restatement_is_not_evaluable(coverage_build):
    status, left, right, reason = _checks(coverage_build, UNREAD, "N-RESTATED")["narrative-restated/item/3"]
    assert (status, left, right, reason) == ("not_evaluable", Decimal("196.02"), None, "所述数字未能读出")
