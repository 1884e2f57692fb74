"""Ingestion: documents -> landing files, checked against figures read by hand.

- The Nanyang text export, extracted, reproduces the hand-transcribed seeds of the nine
  tables cell for cell (every difference is listed; none is expected).
- For each Shanghai PDF, the figures a person read off the page images (helper sessions,
  independently of the extractor; tests/python/golden_shanghai_*.csv with page numbers) are
  found exactly where they are printed.
- The national template (placeholders, no figures) is refused with a reason, not a crash.
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

from final_accounts.extract import extract  # noqa: E402
from final_accounts.layouts import COLUMNS  # noqa: E402
from final_accounts.tables import TABLE_TYPES  # noqa: E402

DOCUMENTS = ROOT / "documents"
NANYANG_TEXT = DOCUMENTS / "2024-nanyang-government-big-data-center-final-accounts.txt"
FINANCE_PDF = DOCUMENTS / "shanghai-putuo-finance-bureau-2024.pdf"
PLANNING_PDF = DOCUMENTS / "shanghai-putuo-planning-and-natural-resources-bureau-2024.pdf"
TEMPLATE_PDF = ROOT / "tests" / "fixtures" / "national-department-final-accounts-template-2024.pdf"

# Layout judgments recorded in seeds/_seeds.yml that make the extraction differ from the
# seeds, each named individually: (table code, printed row, column). None is needed: the
# nine tables of the export are not damaged; the damaged parts are the appendix tables.
KNOWN_DIFFERENCES: set[tuple[str, str, str]] = set()


@pytest.fixture(scope="module")
def extractions():
    return {path.name: extract(path) for path in (NANYANG_TEXT, FINANCE_PDF, PLANNING_PDF, TEMPLATE_PDF)}


def test_nanyang_export_reproduces_the_hand_seeds_cell_for_cell(extractions):
    landed = extractions[NANYANG_TEXT.name]
    assert landed.loaded, landed.document
    differences = []
    for table_type in TABLE_TYPES:
        seed = list(csv.DictReader((ROOT / "seeds" / f"{table_type.code}.csv").open(encoding="utf-8")))
        rows = landed.files[table_type.code]
        if len(seed) != len(rows):
            differences.append(f"{table_type.code}: {len(seed)} seed rows, {len(rows)} extracted")
        for seed_row, row in zip(seed, rows):
            for column, value in seed_row.items():
                got = row.get(column)
                got = "" if got is None else str(got)
                if (value or "") != got and (table_type.code, seed_row["row_no"], column) not in KNOWN_DIFFERENCES:
                    differences.append(f"{table_type.code} row {seed_row['row_no']} {column}: seed {value!r}, "
                                       f"extracted {got!r} (line {row.get('source_line')})")
    assert differences == [], "\n".join(differences)


def test_nanyang_identity_and_provenance(extractions):
    document = extractions[NANYANG_TEXT.name].document
    assert (document["unit_name"], document["fiscal_year"], document["disclosure_kind"]) == \
        ("南阳市政务大数据中心", 2024, "单位决算")
    rows = extractions[NANYANG_TEXT.name].files["gk03_expenditure_by_function"]
    # 支出决算表 合计 is printed on line 212 of the export
    assert (rows[0]["item_name"], rows[0]["total_expenditure"], rows[0]["source_line"]) == ("合计", "1,850.79", 212)


# --- Shanghai PDFs against figures read by hand --------------------------------------

ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")
SUMMARY_COLUMNS = {
    ("gk01_income_expenditure_summary", "收入/决算数"): ("income_item", "income_amount"),
    ("gk01_income_expenditure_summary", "支出/决算数"): ("expenditure_item", "expenditure_amount"),
    ("gk04_fiscal_appropriation_summary", "收入/决算数"): ("income_item", "income_amount"),
    ("gk04_fiscal_appropriation_summary", "支出/合计"): ("expenditure_item", "expenditure_total"),
    ("gk04_fiscal_appropriation_summary", "支出/一般公共预算财政拨款"): ("expenditure_item", "expenditure_general_budget"),
}
CODED_COLUMNS = {
    ("gk02_income_by_function", "本年收入合计"): "total_income",
    ("gk02_income_by_function", "财政拨款收入"): "fiscal_appropriation_income",
    ("gk02_income_by_function", "其他收入"): "other_income",
    ("gk03_expenditure_by_function", "本年支出合计"): "total_expenditure",
    ("gk03_expenditure_by_function", "基本支出"): "basic_expenditure",
    ("gk03_expenditure_by_function", "项目支出"): "project_expenditure",
    ("gk05_general_budget_expenditure", "合计"): "subtotal",
    ("gk05_general_budget_expenditure", "基本支出"): "basic_expenditure",
    ("gk05_general_budget_expenditure", "项目支出"): "project_expenditure",
}
THREE_PUBLIC = {"合计": "total", "因公出国（境）费": "overseas_travel", "公务用车购置及运行维护费/小计": "vehicle_subtotal",
                "公务用车购置费": "vehicle_purchase", "公务用车运行维护费": "vehicle_operation", "公务接待费": "official_reception"}
TITLE_TO_CODE = {"收入支出决算总表": "gk01_income_expenditure_summary", "收入决算表": "gk02_income_by_function",
                 "支出决算表": "gk03_expenditure_by_function", "财政拨款收入支出决算总表": "gk04_fiscal_appropriation_summary",
                 "一般公共预算财政拨款支出决算表": "gk05_general_budget_expenditure",
                 "一般公共预算财政拨款基本支出决算表": "gk06_basic_expenditure_by_economic",
                 "政府性基金预算财政拨款收入支出决算表": "gk07_government_fund",
                 "国有资本经营预算财政拨款收入支出决算表": "gk08_state_capital_expenditure",
                 "财政拨款“三公”经费支出决算表": "gk09_three_public_expenditure"}


def golden(name):
    return list(csv.DictReader((Path(__file__).parent / f"golden_shanghai_{name}.csv").open(encoding="utf-8")))


def bare(label):
    return ORDINAL.sub("", re.sub(r"\s", "", label or ""))


def find_figure(extraction, figure):
    code = TITLE_TO_CODE[figure["table_title"]]
    page = int(figure["page"])
    rows = [row for row in extraction.files[code] if row.get("source_page") == page]
    header = figure["column_header"]
    if header == "EMPTY_TABLE_NOTE":
        presence = next(item for item in extraction.files["table_presence"] if item["table_code"] == code)
        return presence["empty_note"] if presence["presence"] == "empty_with_note" else None
    if (code, header) in SUMMARY_COLUMNS:
        label, column = SUMMARY_COLUMNS[(code, header)]
        hits = [row for row in rows if bare(row.get(label)) == bare(figure["row_name"])]
    elif code == "gk06_basic_expenditure_by_economic":
        hits, column = [], None
        for row in rows:
            for block in (1, 2, 3):
                if (figure["row_code"] and row.get(f"economic_code_{block}") == figure["row_code"]) or \
                        (not figure["row_code"] and bare(row.get(f"item_name_{block}")) == bare(figure["row_name"])):
                    hits.append(row)
                    column = f"amount_{block}"
    elif code == "gk09_three_public_expenditure":
        kind, _, item = header.partition("/")
        column = ("budget_" if kind == "预算数" else "final_") + THREE_PUBLIC[item]
        hits = rows
    else:
        column = CODED_COLUMNS[(code, header)]
        if figure["row_code"]:
            hits = [row for row in rows if row.get("function_code") == figure["row_code"]]
        else:
            hits = [row for row in rows if bare(row.get("item_name")) == bare(figure["row_name"])]
    assert len(hits) == 1, f"{figure}: {len(hits)} rows match on page {page}"
    return hits[0].get(column)


@pytest.mark.parametrize("name,pdf", [("finance_bureau", FINANCE_PDF), ("planning_bureau", PLANNING_PDF)])
def test_shanghai_figures_read_by_hand_are_found_exactly(extractions, name, pdf):
    figures = golden(name)
    numbers = [figure for figure in figures if figure["column_header"] != "EMPTY_TABLE_NOTE"]
    assert len(numbers) >= 40
    assert {figure["table_title"] for figure in numbers} >= set(TITLE_TO_CODE) - {
        "政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表"}
    extraction = extractions[pdf.name]
    wrong = []
    for figure in figures:
        got = find_figure(extraction, figure)
        expected = figure["value"]
        if figure["column_header"] == "EMPTY_TABLE_NOTE":
            if not got or re.sub(r"\s", "", expected) not in re.sub(r"\s", "", got):
                wrong.append(f"{figure['table_title']}: note {got!r}, read {expected!r}")
        elif got != expected:
            wrong.append(f"p.{figure['page']} {figure['table_title']} {figure['row_code'] or figure['row_name']} "
                         f"{figure['column_header']}: extracted {got!r}, read by hand {expected!r}")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("pdf,unit", [(FINANCE_PDF, "上海市普陀区财政局"),
                                      (PLANNING_PDF, "上海市普陀区规划和自然资源局")])
def test_shanghai_identity_tables_and_nothing_unplaced(extractions, pdf, unit):
    extraction = extractions[pdf.name]
    document = extraction.document
    assert (document["unit_name"], document["fiscal_year"], document["disclosure_kind"], document["status"]) == \
        (unit, 2024, "部门决算", "loaded")
    presence = {item["table_code"]: item["presence"] for item in extraction.files["table_presence"]}
    assert presence == {**{table.code: "present" for table in TABLE_TYPES},
                        "gk07_government_fund": "empty_with_note", "gk08_state_capital_expenditure": "empty_with_note"}
    # only the 单位构成 list (序号/单位名称/备注) lies outside the nine tables
    assert [item["message"] for item in extraction.files["unplaced"]
            if "belong to none of the nine tables" not in item["message"]] == []


def test_the_template_is_refused_with_a_reason(extractions):
    document = extractions[TEMPLATE_PDF.name].document
    assert document["status"] == "refused"
    assert "template" in document["reason"] and "XX" in document["reason"]
    assert document["tables_recognised"] == 9 and document["figures_extracted"] == 0


def test_every_landed_column_is_in_the_schema(extractions):
    for extraction in extractions.values():
        for table_type in TABLE_TYPES:
            for row in extraction.files.get(table_type.code, []):
                assert set(row) <= set(COLUMNS[table_type.code]) | {
                    "document_sha256", "fiscal_year", "unit_name", "table_title_as_printed", "source_page", "source_line"}


def test_ingest_command_reports_each_document(tmp_path):
    import subprocess
    result = subprocess.run([sys.executable, "-m", "final_accounts.cli", "ingest", "documents", "--landing", str(tmp_path / "landing")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[3/3]" in out  # progress, document n of N
    for unit, layout in [("南阳市政务大数据中心", "单位决算 (text, 1123 lines)"),
                         ("上海市普陀区财政局", "部门决算 (pdf, 25 pages)"),
                         ("上海市普陀区规划和自然资源局", "部门决算 (pdf, 30 pages)")]:
        assert f"unit: {unit}   fiscal year: 2024   layout: {layout}" in out
    assert out.count("tables recognised: 9 of 9") == 3
    assert "figures extracted: 719" in out and "figures extracted: 195" in out and "figures extracted: 308" in out
    assert "gk07 政府性基金预算财政拨款收入支出决算表 (第19页): no figures; note: 注：上海市普陀区财政局无政府性基金" in out
    assert "could not place (1):" in out  # the 单位构成 list of each Shanghai PDF
    assert "3 document(s)" in out and "3 loaded, 0 not loaded" in out


def test_template_refusal_reaches_the_command_line(tmp_path):
    import subprocess
    result = subprocess.run([sys.executable, "-m", "final_accounts.cli", "ingest", str(TEMPLATE_PDF), "--landing", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "REFUSED: a template, not a disclosure: the unit name “上海市XX局” is a placeholder" in result.stdout
    assert "national-department-final-accounts-template-2024.pdf: refused" in result.stderr
