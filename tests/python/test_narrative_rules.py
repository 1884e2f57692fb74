"""The narrative rules on documents, end to end (ingest -> dbt build -> fct_reconciliation_checks).

One build over three documents:

- the Nanyang 2024 export (taken from the reference seeds);
- a hand-made 2023 disclosure of the same unit: the Nanyang export with its year moved back
  and two totals set to what the 2024 narrative implies (收支总计 and the 一般公共预算 total
  1,850.79 − 278.53 = 1,572.26), while the 财政拨款收支总计 is left at 1,850.79. The 2024
  narrative's "各增加278.53万元" must then pass for the first two and fail for the third
  (N-PREVIOUS-YEAR);
- a planted copy of the Nanyang export as another unit, with one error per new rule:
  a comparison word that contradicts its figures (N-WORDING), a 款 misnamed (N-ITEM-NAME), a change worded
  "下降（增长）" (N-CHANGE-WORDING), a 政府采购 total that is not the sum of its parts
  (N-PARTS-SUM), the 财政拨款收支总计 restated as 0.3 (N-AMOUNT), and the 国有资产 section cut
  out (N-COVERAGE).

Every expected figure below is computed by hand from the document text, not by the code.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import open_warehouse, project_with_documents, run_dbt_build

ROOT = Path(__file__).resolve().parents[2]
NANYANG_TEXT = ROOT / "documents" / "2024-nanyang-government-big-data-center-final-accounts.txt"
UNIT = "南阳市政务大数据中心"
PLANTED = "措辞测试中心"


def previous_year_disclosure(text: str) -> str:
    lines = text.split("\n")
    assert "2023" not in text
    assert lines[146] == "总计\t31\t1,850.79\t总计\t62\t1,850.79"                 # 公开01 总计
    assert lines[311] == "\t合计\t1,850.79\t1,115.58\t735.20"                      # 公开05 合计
    assert lines[294].startswith("总计\t32\t1,850.79\t总计\t64\t1,850.79")         # 公开04 总计, kept
    lines[146] = "总计\t31\t1,572.26\t总计\t62\t1,572.26"
    lines[311] = "\t合计\t1,572.26\t1,115.58\t735.20"
    return "\n".join(lines).replace("2024", "2023")


def planted_disclosure(text: str) -> str:
    lines = text.replace(UNIT, PLANTED).split("\n")
    # item 2: 年初预算 4.00, 决算 3.00, worded as 大于
    assert "年初预算为4.00万元，支出决算为3.00万元" in lines[481] and "决算数与年初预算数存在差异" in lines[481]
    lines[481] = lines[481].replace("决算数与年初预算数存在差异", "决算数大于年初预算数")
    # 收支总计: "增加278.53万元，增长17.72%" -> "增加278.53万元，下降（增长）17.72%"
    assert "增长17.72%" in lines[451]
    lines[451] = lines[451].replace("增长17.72%", "下降（增长）17.72%")
    # 财政拨款收支总计 restated as 0.3
    assert "财政拨款收、支总计均为1,850.79万元" in lines[463]
    lines[463] = lines[463].replace("财政拨款收、支总计均为1,850.79万元", "财政拨款收、支总计均为0.3万元")
    # 政府采购: total 250.00, parts 0 + 0 + 243.77
    assert "政府采购支出总额243.77万元" in lines[551]
    lines[551] = lines[551].replace("政府采购支出总额243.77万元", "政府采购支出总额250.00万元")
    # item 13: the 款 misnamed, as the planning bureau does ("住房保障支出（款）住房公积金（项）")
    assert lines[507].startswith("13. 住房保障支出（类）住房改革支出（款）住房公积金（项）")
    lines[507] = lines[507].replace("住房改革支出（款）", "住房保障支出（款）")
    # cut 十二、国有资产占用情况说明 (lines 554-558)
    assert lines[553] == "十二、国有资产占用情况说明" and lines[559] == "十三、预算绩效情况说明"
    return "\n".join(lines[:553] + lines[559:])


@pytest.fixture(scope="module")
def narrative_build(tmp_path_factory):
    work = tmp_path_factory.mktemp("narrative-rules")
    text = NANYANG_TEXT.read_text(encoding="utf-8")
    project, landing = project_with_documents(work, {"nanyang-2023.txt": previous_year_disclosure(text),
                                                     "planted-wording.txt": planted_disclosure(text)})
    result = run_dbt_build(project, work / "build", landing=landing)
    assert result.returncode == 0, result.output[-4000:]
    con = open_warehouse(str(result.warehouse))
    yield con
    con.close()


def _checks(con, unit: str, year: int, rule_id: str):
    return con.execute(
        "select subject_key, status, left_value, right_value, message from fct_reconciliation_checks "
        "where unit_name = ? and fiscal_year = ? and rule_id = ? order by subject_key", [unit, year, rule_id]).fetchall()


def test_previous_year_changes_are_checked_against_last_years_disclosure(narrative_build):
    rows = {key.split("/")[1]: (status, left, right)
            for key, status, left, right, _ in _checks(narrative_build, UNIT, 2024, "N-PREVIOUS-YEAR")}
    assert rows == {
        "total": ("pass", Decimal("278.53"), Decimal("278.53")),           # 1,850.79 − 1,572.26
        "general_budget": ("pass", Decimal("278.53"), Decimal("278.53")),
        "fiscal_total": ("fail", Decimal("278.53"), Decimal(0)),          # 1,850.79 − 1,850.79
    }


def test_no_previous_year_check_without_last_years_disclosure(narrative_build):
    assert _checks(narrative_build, PLANTED, 2024, "N-PREVIOUS-YEAR") == []
    assert _checks(narrative_build, UNIT, 2023, "N-PREVIOUS-YEAR") == []


def test_planted_wording_is_found(narrative_build):
    wording = {key: (status, message) for key, status, _, _, message in _checks(narrative_build, PLANTED, 2024, "N-WORDING")}
    assert wording["narrative-item/2"][0] == "fail" and "“大于”" in wording["narrative-item/2"][1] \
        and "“小于”" in wording["narrative-item/2"][1]
    assert {status for key, (status, _) in wording.items() if key != "narrative-item/2"} == {"pass"}


def test_planted_item_name_is_found_and_the_item_still_checked(narrative_build):
    names = [(key, status, message) for key, status, _, _, message in _checks(narrative_build, PLANTED, 2024, "N-ITEM-NAME")]
    assert len(names) == 1 and names[0][:2] == ("narrative-item/13", "fail")
    assert "住房保障支出（款）住房公积金（项）" in names[0][2] and "住房改革支出（款）住房公积金（项）" in names[0][2]
    finals = {key: (status, left, right) for key, status, left, right, _ in _checks(narrative_build, PLANTED, 2024, "N-ITEM-FINAL")}
    assert finals["narrative-item/13"] == ("pass", Decimal("48.00"), Decimal("48.00"))  # 2210201 住房公积金


def test_planted_change_wording_is_found(narrative_build):
    rows = _checks(narrative_build, PLANTED, 2024, "N-CHANGE-WORDING")
    failing = [(key, message) for key, status, _, _, message in rows if status == "fail"]
    assert len(failing) == 1 and "下降（增长）" in failing[0][1]
    assert len(rows) == 3  # 收支总计, 财政拨款收支总计, 一般公共预算 each state 增加 … 增长/下降


def test_planted_amount_parts_and_coverage_are_found(narrative_build):
    amounts = [(left, right) for _, status, left, right, message in _checks(narrative_build, PLANTED, 2024, "N-AMOUNT")
               if status == "fail"]
    assert amounts == [(Decimal("0.3"), Decimal("1850.79"))]
    parts = [(status, left, right) for _, status, left, right, _ in _checks(narrative_build, PLANTED, 2024, "N-PARTS-SUM")]
    assert ("fail", Decimal("250.00"), Decimal("243.77")) in parts
    coverage = {key: status for key, status, *_ in _checks(narrative_build, PLANTED, 2024, "N-COVERAGE")}
    assert coverage.pop("narrative-coverage/assets") == "fail"
    assert coverage.pop("narrative-coverage/three_public_vs_previous_year") == "fail"  # as in the Nanyang original
    assert set(coverage.values()) == {"pass"}


def test_the_nanyang_narrative_read_from_the_document_agrees_with_the_seeds(narrative_build):
    """The planted copy carries the Nanyang narrative, read by the extractor: the checks the
    plants do not touch come out as the reference disclosure's do (N-GROWTH is left out: the
    planted 0.3 moves the implied last-year 财政拨款 total)."""
    def statuses(unit):
        return dict(narrative_build.execute(
            "select rule_id || ' ' || status, count(*) from fct_reconciliation_checks "
            "where unit_name = ? and fiscal_year = 2024 and rule_id in ('N-RATE', 'N-ITEM-FINAL', "
            "'N-ITEM-RATE', 'N-INITIAL-SUM', 'N-REASON') group by all", [unit]).fetchall())
    assert statuses(PLANTED) == statuses(UNIT)
