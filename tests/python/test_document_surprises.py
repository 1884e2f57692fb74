"""One document never breaks the others (issue 16, point 1).

Copies of the shipped Nanyang text export, each under a unit name of its own (the Nanyang
disclosure itself is covered by the reference seeds, so a copy under its own name would be a
duplicate), each carrying one planted surprise. They are built together with the shipped
reference disclosure and an unplanted control copy, and the test shows that

(a) the build exits 0,
(b) the other disclosures' marts are identical (``except all`` both ways) to a build without
    the planted copies,
(c) each surprise is reported as a finding of its rule (a READ-* read problem where the
    content could not be read) with its page or line.

The surprises are one parametrised list, ``SURPRISES``: (name, how to plant, expected rule).
A plant edits the document text (``plant``) and/or the copy's landed files (``landed``) and
returns the line of the surprise. A surprise the extractor reads as printed (a continuation
page with the table's own columns, a sentence cut by a page break) expects no read problem
and the control copy's checks.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import NANYANG, ROOT, copy_project, open_warehouse, read_landed_csv, run_dbt_build, write_landed_csv

DOCUMENT = "2024-nanyang-government-big-data-center-final-accounts.txt"
TEXT = (ROOT / "documents" / DOCUMENT).read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    """The 1-based line holding needle (exactly one; a line that is the needle itself wins)."""
    lines = text.splitlines()
    hits = [number for number, line in enumerate(lines, 1) if line == needle] or \
        [number for number, line in enumerate(lines, 1) if needle in line]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


def replace_in_line(text: str, needle: str, old: str, new: str) -> tuple[str, int]:
    """Replace old by new in the one line holding needle; the text and that line."""
    number = line_of(text, needle)
    lines = text.split("\n")
    assert old in lines[number - 1], (old, lines[number - 1])
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    return "\n".join(lines), number


def insert_after(text: str, needle: str, new_lines: list[str]) -> tuple[str, int]:
    """Insert lines after the one line holding needle; the text and the first inserted line."""
    number = line_of(text, needle)
    lines = text.split("\n")
    lines[number:number] = new_lines
    return "\n".join(lines), number + 1


def rewrite_landed(folder: Path, name: str, edit: Callable[[list[dict]], int]) -> int:
    """Edit one landed CSV of a copy's folder (a new file: the cache it is linked from is kept)."""
    path = folder / f"{name}.csv"
    columns, rows = read_landed_csv(path)
    line = edit(rows)
    write_landed_csv(path, columns, rows)
    return line


# --- the plants -------------------------------------------------------------------------------

ITEM_2 = "2. 一般公共服务支出（类）网信事务（款）一般行政管理事务（项）"
ITEM_3 = "3. 一般公共服务支出（类）网信事务（款）信息安全事务（项）"
GK03_ROW = "2010304\t专项服务\t45.88\t0.00\t45.88\t0.00\t0.00\t0.00"
GK05_ROW = "2010304\t专项服务\t45.88\t0.00\t45.88"
GK09_TITLE = "财政拨款“三公”经费支出决算表"
NARRATIVE_TOTAL = "2024年度收、支总计均为1,850.79万元。"


def empty_required_field(text):
    # the per-项 account states no 年初预算: the field the rules need is empty
    return replace_in_line(text, ITEM_2, "年初预算为4.00万元，", "")


def duplicate_item_number(text):
    # item 3 printed with the number of item 2
    return replace_in_line(text, ITEM_3, "3. ", "2. ")


def unaccepted_value(folder: Path) -> int:
    # a coded value outside its accepted list (the metric of a narrative figure)
    def edit(rows):
        rows[0]["metric"] = "amount_per_capita"
        return int(rows[0]["source_line"])
    return rewrite_landed(folder, "narrative_figures", edit)


def item_number_unread(folder: Path) -> int:
    # a per-项 account whose item number was not read: it cannot be told from the others
    def edit(rows):
        rows[1]["item_no"] = ""
        return int(rows[1]["source_line"])
    return rewrite_landed(folder, "narrative_function_budget", edit)


def row_kind_unread(folder: Path) -> int:
    # a 公开06 row whose economic code was not read (its kind cannot be told)
    def edit(rows):
        row = next(row for row in rows if row.get("economic_code_1"))
        row["economic_code_1"] = ""
        return int(row["source_line"])
    return rewrite_landed(folder, "gk06_basic_expenditure_by_economic", edit)


def same_code_twice(folder: Path) -> int:
    # a 公开05 row landed twice (under another printed row number): one figure per code is kept
    def edit(rows):
        copy = dict(rows[5], row_no=str(len(rows) + 1))
        rows.append(copy)
        return int(copy["source_line"])
    return rewrite_landed(folder, "gk05_general_budget_expenditure", edit)


def row_outside_tables(text):
    # a table row printed in the unit's overview, before any of the nine tables
    text, line = insert_after(text, "从决算单位构成看", ["", "999\t无法归属的行\t1.00\t1.00", ""])
    return text, line + 1


def text_in_figure_cell(text):
    return replace_in_line(text, GK03_ROW, "45.88\t0.00", "见附表\t0.00")


def extra_column(text):
    return replace_in_line(text, GK05_ROW, GK05_ROW, GK05_ROW + "\t9.99")


def missing_column(text):
    return replace_in_line(text, GK03_ROW, GK03_ROW, GK03_ROW.rsplit("\t", 1)[0])


def table_twice(text):
    start = line_of(text, GK09_TITLE)
    lines = text.split("\n")
    end = next(number for number in range(start, len(lines)) if lines[number].startswith("注："))
    block = lines[start - 1:end + 1]
    lines[end + 1:end + 1] = ["", *block]
    # reported where the table's first data row is printed again
    first_row = next(offset for offset, line in enumerate(block) if re.fullmatch(r"[\d,]+\.\d{2}(\t[\d,]+\.\d{2})+", line.strip()))
    return "\n".join(lines), end + 3 + first_row


def continuation_without_header(text):
    # 公开03 continued after a page banner, without its header
    return insert_after(text, "20103\t政府办公厅（室）及相关机构事务\t45.88\t0.00\t45.88", ["", "- 12 -", ""])


def kuan_row_left_out(text):
    # 公开05 without its 款 row 20137 网信事务: the narrative's items 2 and 3 (2013702, 2013704,
    # lines 482 and 484) still state 年初预算 4.00 and 197.90 under it, so the budget-execution mart
    # holds a 款 the table does not print; its rollup must still sum (a line of its own, else the
    # build fails on budget_execution_initial_rollup), and the code rules report the first 项 whose
    # 款 is missing on the 项's own line (which takes the removed row's number)
    lines = text.split("\n")
    start = line_of(text, "公开05表")
    number = next(index for index in range(start, len(lines)) if lines[index].startswith("20137\t")) + 1
    del lines[number - 1]
    return "\n".join(lines), number


def mojibake_line(text):
    return insert_after(text, NARRATIVE_TOTAL, ["鏀嚭鍐崇畻琛ㄥ崟浣嶏細涓囧厓"])


def narrative_item_tables_lack(text):
    number = line_of(text, "11. 卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）")
    lines = text.split("\n")
    lines[number:number] = ["", "12. 教育支出（类）普通教育（款）小学教育（项）。年初预算为10.00万元，支出决算为9.00万元，"
                                "完成年初预算的90%。决算数与年初预算数存在差异的主要原因是厉行节约，压减支出。"]
    return "\n".join(lines), number + 2


def sentence_cut_across_page(text):
    number = line_of(text, ITEM_3)
    lines = text.split("\n")
    head, tail = lines[number - 1].split("支出决算为", 1)
    lines[number - 1:number] = [head, "", "- 14 -", "", "支出决算为" + tail]
    return "\n".join(lines), number


def unknown_word(text):
    return replace_in_line(text, NARRATIVE_TOTAL, "收、支总计各增加278.53万元", "收、支总计各攀至278.53万元")


@dataclass
class Surprise:
    name: str
    rule_id: str | None  # None: read as printed, the same checks as the control copy
    plant: Callable[[str], tuple[str, int]] | None = None  # document text -> (text, line)
    landed: Callable[[Path], int] | None = None  # the copy's landed folder -> line


SURPRISES = [
    Surprise("empty_required_field", "READ-NARRATIVE-FIELD", plant=empty_required_field),
    Surprise("duplicate_item_number", "READ-DUPLICATE", plant=duplicate_item_number),
    Surprise("unaccepted_value", "READ-VALUE", landed=unaccepted_value),
    Surprise("row_outside_tables", "READ-UNPLACED", plant=row_outside_tables),
    Surprise("text_in_figure_cell", "READ-FIGURE-TEXT", plant=text_in_figure_cell),
    Surprise("item_number_unread", "READ-REQUIRED", landed=item_number_unread),
    Surprise("row_kind_unread", "READ-REQUIRED", landed=row_kind_unread),
    Surprise("same_code_twice", "READ-DUPLICATE", landed=same_code_twice),
    Surprise("narrative_item_tables_lack", "N-ITEM-COVERAGE", plant=narrative_item_tables_lack),
    Surprise("extra_column", "READ-ROW-WIDTH", plant=extra_column),
    Surprise("missing_column", "READ-ROW-WIDTH", plant=missing_column),
    Surprise("table_twice", "READ-TABLE-TWICE", plant=table_twice),
    # a continuation page with the same columns and a sentence cut by a page break are read as
    # printed: no read problem, and the copy's checks are the control copy's
    Surprise("continuation_without_header", None, plant=continuation_without_header),
    Surprise("mojibake_line", "READ-MOJIBAKE", plant=mojibake_line),
    Surprise("sentence_cut_across_page", None, plant=sentence_cut_across_page),
    Surprise("unknown_word", "READ-NARRATIVE-FIELD", plant=unknown_word),
    Surprise("kuan_row_left_out", "CODE-PARENT-MISSING", plant=kuan_row_left_out),
]
UNITS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
CONTROL = "南阳市数据对照中心"


def unit_of(surprise: Surprise) -> str:
    return f"南阳市数据{UNITS[SURPRISES.index(surprise)]}中心"


def copy_named(unit: str) -> str:
    return TEXT.replace(NANYANG, unit)


@dataclass
class Builds:
    baseline: Path
    planted: Path
    returncode: int
    output: str
    lines: dict  # surprise name -> line of the surprise


def ingest(project: Path, landing: Path) -> None:
    from final_accounts import ingest as ingestion
    ingestion.ingest([project / "documents"], landing, project, prune=True, echo=lambda *_: None)


def folder_of(landing: Path, unit: str) -> Path:
    hits = [folder for folder in (landing / "disclosures").iterdir() if f"_{unit}_" in folder.name]
    assert len(hits) == 1, (unit, hits)
    return hits[0]


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> Builds:
    work = tmp_path_factory.mktemp("read-problems")
    project = copy_project(work / "project")
    (project / "documents" / "control.txt").write_text(copy_named(CONTROL), encoding="utf-8")
    ingest(project, work / "landing-baseline")
    baseline = run_dbt_build(project, work / "baseline", landing=work / "landing-baseline")
    assert baseline.returncode == 0, baseline.output[-3000:]
    lines = {}
    for surprise in SURPRISES:
        if surprise.plant:
            text, lines[surprise.name] = surprise.plant(copy_named(unit_of(surprise)))
            (project / "documents" / f"planted-{surprise.name}.txt").write_text(text, encoding="utf-8")
        else:
            (project / "documents" / f"planted-{surprise.name}.txt").write_text(
                copy_named(unit_of(surprise)), encoding="utf-8")
    landing = work / "landing-planted"
    ingest(project, landing)
    for surprise in SURPRISES:
        if surprise.landed:
            lines[surprise.name] = surprise.landed(folder_of(landing, unit_of(surprise)))
    planted = run_dbt_build(project, work / "planted", landing=landing)
    return Builds(baseline.warehouse, planted.warehouse, planted.returncode, planted.output, lines)


def test_planted_copies_do_not_fail_the_build(builds):
    assert builds.returncode == 0, builds.output[-4000:]


def test_a_code_landed_twice_is_a_code_finding(builds):
    # the 公开05 row landed twice: one copy is kept (READ-DUPLICATE), and the document prints the
    # code on two rows, a CODE-DUPLICATE finding (int_checks_codes) in the checks, in Chinese
    surprise = next(s for s in SURPRISES if s.name == "same_code_twice")
    con = open_warehouse(builds.planted)
    try:
        found = con.execute(
            "select status, severity, message from fct_reconciliation_checks where unit_name = ? and rule_id = 'CODE-DUPLICATE'",
            [unit_of(surprise)]).fetchall()
        control = con.execute(
            "select count(*) from fct_reconciliation_checks where unit_name = ? and rule_id = 'CODE-DUPLICATE'",
            [CONTROL]).fetchone()[0]
    finally:
        con.close()
    assert control == 0
    assert len(found) == 1 and found[0][:2] == ("fail", "error"), found
    assert found[0][2].startswith("[CODE-DUPLICATE] ") and "印了2行" in found[0][2], found


def mart_relations(con) -> list[tuple[str, bool]]:
    """The marts (schema main) and whether each is keyed by disclosure."""
    rows = con.execute(
        "select table_name, list(column_name) from information_schema.columns "
        "where table_schema = 'main' and table_catalog = current_database() group by table_name").fetchall()
    return sorted((name, "fiscal_year" in columns and "unit_name" in columns) for name, columns in rows)


@pytest.mark.parametrize("unit", [NANYANG, CONTROL])
def test_other_disclosures_marts_unchanged(builds, unit):
    assert builds.returncode == 0, builds.output[-2000:]
    con = open_warehouse(builds.planted)
    try:
        con.execute(f"attach '{builds.baseline}' as baseline (read_only)")
        relations = mart_relations(con)
        assert {"fct_reconciliation_checks", "dim_disclosure", "fct_budget_execution"} <= {name for name, _ in relations}
        for name, keyed in relations:
            where = "where unit_name = ?" if keyed else ""
            params = [unit] if keyed else []
            planted = f"select * from main.{name} {where}"
            baseline = f"select * from baseline.main.{name} {where}"
            for left, right in ((planted, baseline), (baseline, planted)):
                extra = con.execute(f"select count(*) from ({left} except all {right})", params + params).fetchone()[0]
                assert extra == 0, (name, unit, left)
            if keyed:
                assert con.execute(f"select count(*) from ({planted})", params).fetchone()[0] > 0 or name != "dim_disclosure"
    finally:
        con.close()


@pytest.mark.parametrize("surprise", [pytest.param(s, id=s.name) for s in SURPRISES])
def test_surprise_is_reported_with_its_line(builds, surprise):
    assert builds.returncode == 0, builds.output[-2000:]
    con = open_warehouse(builds.planted)
    try:
        if surprise.rule_id is None:
            checks = ("select rule_id, subject_key, status from fct_reconciliation_checks where unit_name = ? "
                      "and rule_id not like 'DOC-%'")
            copy = set(con.execute(checks, [unit_of(surprise)]).fetchall())
            control = set(con.execute(checks, [CONTROL]).fetchall())
            assert copy and copy == control, (copy - control, control - copy)
            assert con.execute("select read_problems from dim_disclosure where unit_name = ?",
                               [unit_of(surprise)]).fetchone() == (0,)
            return
        found = con.execute(
            "select status, message, printed_at from fct_reconciliation_checks "
            "where unit_name = ? and rule_id = ?", [unit_of(surprise), surprise.rule_id]).fetchall()
        line = builds.lines[surprise.name]
        placed = [row for row in found if f"文本第{line}行" in (row[2] or "") or f"文本第{line}行" in row[1]]
        assert placed, (surprise.rule_id, line, found)
        if surprise.rule_id.startswith("READ-"):
            # what could not be read is 无法核对, never 不符
            assert {status for status, _, _ in placed} == {"not_evaluable"}
            assert con.execute("select read_problems from dim_disclosure where unit_name = ?",
                               [unit_of(surprise)]).fetchone()[0] >= 1
    finally:
        con.close()


def test_control_copy_has_no_read_problem(builds):
    con = open_warehouse(builds.planted)
    try:
        assert con.execute("select read_problems from dim_disclosure where unit_name = ?", [CONTROL]).fetchone() == (0,)
    finally:
        con.close()
