"""A misreading is caught where it happens, never reported as the document's error.

Each test plants one kind of trouble in a copy of the Nanyang text export (another unit's
name, so every copy is its own disclosure), ingests all copies into one landing folder and
reads what landed: the read problem in the disclosure's read_problems.csv, with its rule
and the line it is printed on, and the figures involved not landed as printed figures.
Line numbers are those of the shipped export (the edits keep the numbering, or say how
they shift it). The repairs of misreadings (a heading joining side and column, a wrapped
name above its figures, a heading printed beside its figure) are checked the same way, and
so is what the shipped export lands untouched: no read problem at all."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

from final_accounts import ingest  # noqa: E402
from final_accounts.layouts import name_shares_nothing  # noqa: E402
from final_accounts.sources import looks_like_mojibake  # noqa: E402
from final_accounts.tables import is_empty_table_statement  # noqa: E402

NANYANG_TEXT = ROOT / "documents" / "2024-nanyang-government-big-data-center-final-accounts.txt"
NANYANG = "南阳市政务大数据中心"
GK03 = "gk03_expenditure_by_function"


def lines_of_export() -> list[str]:
    return NANYANG_TEXT.read_text(encoding="utf-8").split("\n")


def expect(lines: list[str], number: int, start: str) -> None:
    """The export's line `number` (1-based) starts as the variant expects."""
    assert lines[number - 1].startswith(start), (number, lines[number - 1])


def mojibake(text: str) -> str:
    """UTF-8 text decoded as GBK: what a wrong code page makes of it."""
    return text.encode("utf-8").decode("gbk", errors="replace")


def continuation_other_columns(lines):
    # 支出决算表 continued (lines 236-243) without its header and with other columns: the
    # code and three figures, no name (read with the first page's columns, the name would be
    # "35.65")
    expect(lines, 236, "项目\t\t本年支出合计")
    expect(lines, 239, "2101102\t事业单位医疗\t35.65")
    lines[235:238] = ["", "", ""]
    for number in range(239, 244):
        cells = lines[number - 1].split("\t")
        lines[number - 1] = "\t".join([cells[0]] + cells[2:5])


def continuation_own_header(lines):
    # the continuation repeats a header, but another one: 合计, 基本支出, 项目支出 only
    expect(lines, 236, "项目\t\t本年支出合计")
    lines[235] = "功能分类科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出"
    lines[236] = "\t栏次\t1\t2\t3"
    lines[237] = "\t\t\t\t"
    for number in range(239, 244):
        lines[number - 1] = "\t".join(lines[number - 1].split("\t")[:5])


def extra_cell(lines):
    expect(lines, 220, "20604\t技术研究与开发\t55.82")
    lines[219] = lines[219].replace("技术研究与开发\t", "技术研究与开发\t0.00\t")


def text_in_figure(lines):
    expect(lines, 219, "206\t科学技术支出\t1,290.09")
    lines[218] = lines[218].replace("1,290.09", "见附表", 1)


def number_in_name(lines):
    expect(lines, 221, "2060401\t机构运行\t55.82")
    lines[220] = lines[220].replace("机构运行", "1,283.70")


def table_twice(lines):
    # the whole 支出决算表 (title line 199 to the note, line 245) printed a second time right
    # after the first: its first data row (合计, line 212) is printed again on line 212 + 47
    expect(lines, 199, "支出决算表")
    expect(lines, 245, "注：本表反映单位本年度各项支出情况")
    lines[245:245] = lines[198:245]


def total_repeated_on_continuation(lines):
    # the 合计 row (line 212) printed again at the top of the continuation page (before line
    # 239; one line inserted): a repeated row, not the table printed twice
    expect(lines, 212, "合计\t\t1,850.79")
    expect(lines, 239, "2101102\t事业单位医疗")
    lines[238:238] = [lines[211]]


def mojibake_lines(lines):
    expect(lines, 222, "20606\t社会科学\t0.72")
    lines[221] = lines[221].replace("社会科学", mojibake("社会科学支出"))
    expect(lines, 450, "一、收入支出决算总体情况说明")
    lines[451] = mojibake(lines[451])


def pre_2019_class_name(lines):
    # 210 printed under its title until 2018; and 221 under a name that is not its own
    expect(lines, 233, "210\t卫生健康支出\t37.89")
    lines[232] = lines[232].replace("卫生健康支出", "医疗卫生与计划生育支出")
    expect(lines, 241, "221\t住房保障支出\t48.00")
    lines[240] = lines[240].replace("住房保障支出", "科学技术")


def wrapped_name_above_figures(lines):
    # 2080505's name wrapped: its first half on a row of its own above the row with the code,
    # the rest of the name and the figures (one line inserted: later lines shift by one)
    expect(lines, 229, "2080505\t机关事业单位基本养老保险缴费支出\t77.00")
    cells = lines[228].split("\t")
    lines[228:229] = ["\t".join(["", "机关事业单位基本养老"] + [""] * 6),
                      "\t".join([cells[0], "保险缴费支出"] + cells[2:])]


def headings_beside_figures(lines):
    # 政府性基金 合计 row printing each column's heading beside its figure, but the 本年收入
    # cell with another column's heading
    expect(lines, 405, "\t合计\t0.00")
    lines[404] = "\t".join(["", "合计", "年初结转和结余 0.00", "本年收入 0.00", "小计 0.00", "基本支出 0.00",
                            "项目支出 0.00", "本年收入 0.00"])


def side_in_heading(lines):
    # 收入支出决算总表 with one heading row: 项目 | 行次 | 收入决算数 | 项目 | 行次 | 支出决算数
    for first in (110, 137):
        expect(lines, first, "收入\t\t\t支出")
        lines[first - 1] = "项目\t行次\t收入决算数\t项目\t行次\t支出决算数"
        lines[first] = "\t\t\t\t\t"


def empty_table_note(lines):
    # 政府性基金 table printed with no row and a 说明 in other words than 本表无数据
    expect(lines, 405, "\t合计\t0.00")
    expect(lines, 409, "说明：我单位没有政府性基金收入")
    lines[404] = ""
    lines[408] = "说明：本单位本年度无政府性基金预算财政拨款收支。"


VARIANTS = {
    "continuation_other_columns": continuation_other_columns,
    "continuation_own_header": continuation_own_header,
    "extra_cell": extra_cell,
    "text_in_figure": text_in_figure,
    "number_in_name": number_in_name,
    "table_twice": table_twice,
    "total_repeated_on_continuation": total_repeated_on_continuation,
    "mojibake": mojibake_lines,
    "pre_2019_class_name": pre_2019_class_name,
    "wrapped_name_above_figures": wrapped_name_above_figures,
    "headings_beside_figures": headings_beside_figures,
    "side_in_heading": side_in_heading,
    "empty_table_note": empty_table_note,
}
UNITS = {name: f"读取测试{number:02d}中心" for number, name in enumerate(VARIANTS, 1)}


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    folder = tmp_path_factory.mktemp("read-problem-documents")
    for name, plant in VARIANTS.items():
        lines = lines_of_export()
        plant(lines)
        text = "\n".join(lines).replace(NANYANG, UNITS[name])
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "shipped.txt").write_text(NANYANG_TEXT.read_text(encoding="utf-8"), encoding="utf-8")
    root = tmp_path_factory.mktemp("read-problem-landing")
    manifest = ingest.ingest([folder], root, folder, prune=True, echo=lambda *_: None)
    assert {row["run_status"] for row in manifest} == {"loaded"}, manifest
    return root


def landed(landing: Path, unit: str, name: str) -> list[dict]:
    folders = [folder for folder in (landing / "disclosures").iterdir() if folder.name.startswith(f"2024_{unit}_")]
    assert len(folders) == 1, folders
    with (folders[0] / f"{name}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def problems(landing: Path, variant: str) -> list[tuple[str, str, str]]:
    """(rule, table, line) of every read problem landed for a variant."""
    return [(row["rule_id"], row["table_code"], row["source_line"])
            for row in landed(landing, UNITS[variant], "read_problems")]


def row_of(landing: Path, variant: str, table: str, code: str) -> dict:
    rows = [row for row in landed(landing, UNITS[variant], table) if row["function_code"] == code]
    assert len(rows) == 1, (code, rows)
    return rows[0]


FIGURES = ["total_expenditure", "basic_expenditure", "project_expenditure", "remittance_to_superior",
           "operating_expenditure", "subsidy_to_subsidiaries"]


def no_figures(row: dict) -> bool:
    return all(not row[column] for column in FIGURES)


def test_the_shipped_export_has_no_read_problem(landing):
    assert landed(landing, NANYANG, "read_problems") == []


def test_continuation_with_other_columns_and_no_header(landing):
    assert problems(landing, "continuation_other_columns") == [("READ-CONTINUATION", GK03, "239")]
    detail = landed(landing, UNITS["continuation_other_columns"], "read_problems")[0]["detail"]
    assert "无表头" in detail and "4列" in detail and "8列" in detail
    for code in ("2101102", "2101199", "221", "22102", "2210201"):
        row = row_of(landing, "continuation_other_columns", GK03, code)
        assert no_figures(row), row  # never 35.65 as a name, nor figures under the wrong columns
        assert row["item_name"] == ""
    assert len(landed(landing, UNITS["continuation_other_columns"], GK03)) == 28
    # the first page is read as printed
    assert row_of(landing, "continuation_other_columns", GK03, "210")["total_expenditure"] == "37.89"


def test_continuation_with_its_own_other_header_is_read_with_it(landing):
    assert problems(landing, "continuation_own_header") == [("READ-CONTINUATION", GK03, "236")]
    row = row_of(landing, "continuation_own_header", GK03, "2101102")
    assert (row["item_name"], row["total_expenditure"], row["basic_expenditure"], row["project_expenditure"],
            row["remittance_to_superior"]) == ("事业单位医疗", "35.65", "35.65", "0.00", "")


def test_row_with_an_extra_cell(landing):
    assert problems(landing, "extra_cell") == [("READ-ROW-WIDTH", GK03, "220")]
    assert no_figures(row_of(landing, "extra_cell", GK03, "20604"))
    assert row_of(landing, "extra_cell", GK03, "2060401")["total_expenditure"] == "55.82"


def test_text_in_a_figure_cell(landing):
    assert problems(landing, "text_in_figure") == [("READ-FIGURE-TEXT", GK03, "219")]
    row = row_of(landing, "text_in_figure", GK03, "206")
    assert (row["total_expenditure"], row["basic_expenditure"]) == ("", "799.79")


def test_a_name_cell_holding_a_number(landing):
    assert problems(landing, "number_in_name") == [("READ-NAME-NUMBER", GK03, "221")]
    row = row_of(landing, "number_in_name", GK03, "2060401")
    assert row["item_name"] == "" and no_figures(row)


def test_the_same_table_printed_twice(landing):
    assert problems(landing, "table_twice") == [("READ-TABLE-TWICE", GK03, str(212 + 47))]
    rows = landed(landing, UNITS["table_twice"], GK03)
    assert len(rows) == 28 and max(int(row["source_line"]) for row in rows) == 243


def test_a_row_repeated_is_not_the_table_twice(landing):
    assert problems(landing, "total_repeated_on_continuation") == []
    rows = landed(landing, UNITS["total_repeated_on_continuation"], GK03)
    assert len(rows) == 29 and [row["source_line"] for row in rows if row["item_name"] == "合计"] == ["212", "239"]
    assert row_of(landing, "total_repeated_on_continuation", GK03, "2210201")["total_expenditure"] == "48.00"


def test_lines_of_mojibake(landing):
    assert sorted(problems(landing, "mojibake")) == [("READ-MOJIBAKE", "", "452"),
                                                     ("READ-MOJIBAKE", GK03, "222")]
    row = row_of(landing, "mojibake", GK03, "20606")
    assert row["item_name"] == "" and no_figures(row)


def test_a_pre_2019_class_name_is_no_misreading_but_another_code_name_is(landing):
    assert problems(landing, "pre_2019_class_name") == [("READ-CODE-NAME", GK03, "241")]
    assert row_of(landing, "pre_2019_class_name", GK03, "210")["total_expenditure"] == "37.89"
    assert row_of(landing, "pre_2019_class_name", GK03, "210")["item_name"] == "医疗卫生与计划生育支出"
    assert no_figures(row_of(landing, "pre_2019_class_name", GK03, "221"))


def test_a_name_wrapped_above_its_figures_belongs_to_the_next_row(landing):
    assert problems(landing, "wrapped_name_above_figures") == []
    row = row_of(landing, "wrapped_name_above_figures", GK03, "2080505")
    assert (row["item_name"], row["total_expenditure"], row["source_line"]) == (
        "机关事业单位基本养老保险缴费支出", "77.00", "230")
    assert row_of(landing, "wrapped_name_above_figures", GK03, "2080502")["item_name"] == "事业单位离退休"


def test_headings_printed_beside_figures(landing):
    assert problems(landing, "headings_beside_figures") == [("READ-FIGURE-TEXT", "gk07_government_fund", "405")]
    (row,) = landed(landing, UNITS["headings_beside_figures"], "gk07_government_fund")
    assert [row[column] for column in ("opening_balance", "current_year_income", "expenditure_subtotal",
                                       "basic_expenditure", "project_expenditure", "closing_balance")] == \
        ["0.00", "0.00", "0.00", "0.00", "0.00", ""]


def test_side_and_column_in_one_heading(landing):
    rows = landed(landing, UNITS["side_in_heading"], "gk01_income_expenditure_summary")
    shipped = landed(landing, NANYANG, "gk01_income_expenditure_summary")
    columns = ["income_item", "income_line_no", "income_amount", "expenditure_item", "expenditure_line_no",
               "expenditure_amount"]
    assert [[row[column] for column in columns] for row in rows] == \
        [[row[column] for column in columns] for row in shipped]
    assert problems(landing, "side_in_heading") == []


def test_an_empty_table_statement_in_other_words(landing):
    presence = {row["table_code"]: row for row in landed(landing, UNITS["empty_table_note"], "table_presence")}
    assert presence["gk07_government_fund"]["presence"] == "empty_with_note"
    assert presence["gk07_government_fund"]["empty_note"] == "说明：本单位本年度无政府性基金预算财政拨款收支。"


@pytest.mark.parametrize("text, in_note, expected", [
    ("注：本表无数据。", False, True), ("此表无数据", False, True), ("故本表为空。", False, True),
    ("说明：本单位无政府性基金预算财政拨款支出。", True, True), ("本年度无国有资本经营预算支出", True, True),
    ("我单位没有使用国有资本经营预算安排的支出", True, True),
    # a narrative sentence that only mentions a nil item is no empty-table statement
    ("本单位无政府性基金预算财政拨款支出", False, False), ("注：本表反映单位本年度各项支出情况。", True, False),
])
def test_empty_table_vocabulary(text, in_note, expected):
    assert is_empty_table_statement(text, in_note) is expected


@pytest.mark.parametrize("code, name, expected", [
    ("210", "卫生健康支出", False), ("210", "医疗卫生与计划生育支出", False), ("207", "文化体育与传媒支出", False),
    ("2010301", "行政运行支出", False), ("210", "住房公积金", True), ("2010301", "1,283.70", False),
    ("9999999", "住房公积金", False),  # a code the reference does not know cannot be judged
])
def test_code_name_sharing_nothing(code, name, expected):
    assert name_shares_nothing(code, name) is expected


@pytest.mark.parametrize("text, expected", [
    ("一般公共服务支出", False), ("1,850.79", False), ("说明：本表无数据。", False), ("温度 25°C ± 1", False),
    (mojibake("一般公共服务支出"), True), ("一般公共服务支出".encode().decode("latin-1"), True),
    ("锟斤拷锟斤拷", True),
])
def test_mojibake_detection(text, expected):
    assert looks_like_mojibake(text) is expected


# --- the dated name history in the SQL: a narrative 类 under its pre-2019 title ---------

HISTORY_UNIT = "名称沿革测试中心"
CONTROL_UNIT = "名称未知测试中心"


def with_class_title(title: str, unit: str) -> str:
    """The export as another unit's, its narrative item 11 (line 504) and its 支出决算表 row
    of 210 (line 233) naming 类 210 as given."""
    lines = lines_of_export()
    expect(lines, 504, "11. 卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）")
    expect(lines, 233, "210\t卫生健康支出\t37.89")
    lines[503] = lines[503].replace("卫生健康支出（类）", f"{title}（类）", 1)
    lines[232] = lines[232].replace("卫生健康支出", title, 1)
    return "\n".join(lines).replace(NANYANG, unit)


@pytest.fixture(scope="module")
def history_build(tmp_path_factory):
    from conftest import open_warehouse, project_with_documents, run_dbt_build
    work = tmp_path_factory.mktemp("name-history")
    project, landing_root = project_with_documents(work, {
        "older-title.txt": with_class_title("医疗卫生与计划生育支出", HISTORY_UNIT),
        "unknown-title.txt": with_class_title("医疗卫生与计划生育", CONTROL_UNIT)})
    result = run_dbt_build(project, work / "build", landing=landing_root)
    assert result.returncode == 0, result.output[-3000:]
    con = open_warehouse(result.warehouse)
    yield con
    con.close()


def test_a_pre_2019_class_title_resolves_and_is_at_most_a_warn(history_build):
    item = history_build.execute(
        "select function_code, older_title_note from int_narrative_items "
        "where unit_name = ? and item_no = 11", [HISTORY_UNIT]).fetchone()
    assert item[0] == "2101102"
    assert "医疗卫生与计划生育支出" in item[1] and "2018年及以前" in item[1]
    # the narrative item: NAME-DIFFERS (int_checks_codes), a warn naming the older title
    findings = history_build.execute(
        "select rule_id, severity, status, detail from fct_reconciliation_checks where unit_name = ? "
        "and rule_id = 'NAME-DIFFERS'", [HISTORY_UNIT]).fetchall()
    assert [(rule, severity, status) for rule, severity, status, _ in findings] == [("NAME-DIFFERS", "warn", "fail")]
    assert "类名“医疗卫生与计划生育支出”为2018年及以前的名称（210）" in findings[0][3]
    # the 支出决算表 row printing the older title: C-NAME's warn (printed name against the reference
    # name), reported once, not again as a code finding
    rows = history_build.execute(
        "select rule_id, severity, status from fct_reconciliation_checks where unit_name = ? "
        "and left_text = '医疗卫生与计划生育支出'", [HISTORY_UNIT]).fetchall()
    assert rows == [("C-NAME", "warn", "fail")]


def test_a_class_name_the_history_does_not_know_stays_unresolved(history_build):
    unresolved = history_build.execute(
        "select rule_id, status from fct_reconciliation_checks where unit_name = ? "
        "and rule_id = 'NARRATIVE-NAME-UNRESOLVED' and subject_key = 'narrative-item/11/code'", [CONTROL_UNIT]).fetchall()
    assert unresolved == [("NARRATIVE-NAME-UNRESOLVED", "fail")]


def test_a_table_whose_only_row_is_distrusted_is_printed_not_empty(tmp_path):
    from final_accounts.extract import extract
    lines = lines_of_export()
    expect(lines, 444, "2.00\t0.00\t2.00")
    lines[443] = lines[443] + "\t0.00"  # the 三公 row with a 13th cell under 12 columns
    path = tmp_path / "three-public-extra-cell.txt"
    path.write_text("\n".join(lines).replace(NANYANG, "三公读取测试中心"), encoding="utf-8")
    extraction = extract(path)
    presence = {row["table_code"]: row for row in extraction.files["table_presence"]}
    assert presence["gk09_three_public_expenditure"]["presence"] == "present"
    assert [(row["rule_id"], row["source_line"]) for row in extraction.files["read_problems"]] == \
        [("READ-ROW-WIDTH", 444)]
    (row,) = extraction.files["gk09_three_public_expenditure"]
    assert not any(value for key, value in row.items() if key.startswith(("budget_", "final_")))
