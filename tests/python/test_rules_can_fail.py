"""Every rule can fail: a copy of the project gets one deliberately broken input per
rule, is built, and each rule must report its broken input. A failing seed test makes
dbt skip the seed's staging model, so a seed carries either one seed-level breakage
or only staging-level breakages, never both."""
import csv
import io

import pytest

from conftest import copy_project, run_dbt_build


def edit_seed(project, seed, change):
    path = project / "seeds" / f"{seed}.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    fields = list(rows[0].keys())
    rows = change(rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_value(match, column, value):
    def change(rows):
        hits = [r for r in rows if all(r[k] == v for k, v in match.items())]
        assert len(hits) == 1, (match, len(hits))
        hits[0][column] = value
        return rows
    return change


def duplicate_row(match):
    def change(rows):
        hit = next(r for r in rows if all(r[k] == v for k, v in match.items()))
        return rows + [dict(hit)]
    return change


def drop_row(match):
    def change(rows):
        kept = [r for r in rows if not all(r[k] == v for k, v in match.items())]
        assert len(kept) == len(rows) - 1
        return kept
    return change


def add_row(values):
    def change(rows):
        return rows + [{**{k: "" for k in rows[0]}, **values}]
    return change


# (rule, seed, change, test that must report it: exact name, or prefix ending in "*")
BROKEN_INPUTS = [
    ("duplicated disclosure row", "gk08_state_capital_expenditure",
     duplicate_row({"row_no": "1"}), "unique_key__gk08_state_capital_expenditure"),
    ("letter inside an amount", "gk03_expenditure_by_function",
     set_value({"function_code": "206"}, "total_expenditure", "1,29O.09"),
     "strictly_numeric__gk03_expenditure_by_function__total_expenditure"),
    ("more decimals than printed", "gk09_three_public_expenditure",
     set_value({"row_no": "1"}, "final_total", "1.975"),
     "strictly_numeric__gk09_three_public_expenditure__final_total"),
    ("two decimal points", "narrative_figures",
     set_value({"row_no": "3"}, "value_text", "17.7.2"), "strictly_numeric__narrative_figures__value_text"),
    ("code not in the reference", "gk02_income_by_function",
     set_value({"function_code": "2060401"}, "function_code", "2060498"),
     "relationships_stg_gk02_income_by_function_function_code*"),
    ("项 whose 款 is missing", "gk05_general_budget_expenditure",
     drop_row({"function_code": "20103"}), "parent_in_same_table__stg_gk05_general_budget_expenditure"),
    ("公开01 类 ordinal mapping to no code", "gk01_income_expenditure_summary",
     set_value({"expenditure_line_no": "57"}, "expenditure_item", "二十七、抗疫特别国债安排的支出"),
     "not_null_stg_gk01_income_expenditure_summary_function_code"),
    ("公开04 class name differs from the reference", "gk04_fiscal_appropriation_summary",
     set_value({"expenditure_line_no": "51"}, "expenditure_item", "十九、住房支出"),
     "name_matches_reference__stg_gk04_fiscal_appropriation_summary"),
    ("economic code not in the reference", "gk06_basic_expenditure_by_economic",
     set_value({"economic_code_1": "30199"}, "economic_code_1", "30198"),
     "relationships_stg_gk06_basic_expenditure_by_economic_economic_code*"),
    ("公开06 summary row unrecognised", "gk06_basic_expenditure_by_economic",
     set_value({"item_name_1": "人员经费合计"}, "item_name_1", "人员合计"),
     "not_null_stg_gk06_basic_expenditure_by_economic_row_kind"),
    ("narrative 项 name resolving to no code", "narrative_function_budget",
     set_value({"item_no": "13"}, "xiang_name", "住房公积"),
     "not_null_stg_narrative_function_budget_function_code"),
    ("narrative project with no appendix table", "ref_project_name_crosswalk",
     set_value({"project_no": "6"}, "project_name_as_stated", "南阳市社会信用平台运维"),
     "not_null_stg_narrative_project_results_project_no"),
    ("unknown indicator level", "project_indicators",
     set_value({"project_no": "1", "row_no": "1"}, "level1_indicator", "成本指示"),
     "accepted_values_stg_project_indicators_level1_indicator*"),
    ("unknown fund source", "project_funds",
     set_value({"project_no": "2", "row_no": "4"}, "fund_source_as_printed", "其他资金"),
     "not_null_stg_project_funds_fund_source"),
    ("reference code whose parent is missing", "ref_functional_classification",
     add_row({"function_code": "2990101", "official_name": "测试项", "level": "项", "parent_code": "29901",
              "name_source": "test"}),
     "relationships_stg_ref_functional_classification_parent_code*"),
    ("duplicated appendix row", "project_fund_management",
     duplicate_row({"project_no": "3", "row_no": "2"}), "unique_key__project_fund_management"),
    ("non-integer row number", "project_evaluations",
     set_value({"project_no": "5"}, "total_weight_text", "1OO"),
     "strictly_numeric__project_evaluations__total_weight_text"),
]


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("broken") / "project")
    for _, seed, change, _ in BROKEN_INPUTS:
        edit_seed(project, seed, change)
    return run_dbt_build(project, project)


def test_broken_build_fails(broken_build):
    assert broken_build.returncode != 0


@pytest.mark.parametrize("rule,seed,change,test_name", BROKEN_INPUTS, ids=[b[0] for b in BROKEN_INPUTS])
def test_rule_reports_broken_input(broken_build, rule, seed, change, test_name):
    failed = broken_build.failed_names()
    if test_name.endswith("*"):
        assert any(name.startswith(test_name[:-1]) for name in failed), (rule, sorted(failed))
    else:
        assert test_name in failed, (rule, sorted(failed))
