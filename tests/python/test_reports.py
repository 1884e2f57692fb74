"""The reviewer's reports, opened in a real browser (headless Debian Chromium through
Playwright) and read back with openpyxl, against the warehouse they were written from.

For each disclosure page: no console error, the findings count shown equals the warehouse's
count of checks that are not an exact pass, the verdict counts equal the warehouse's, each
chart draws the bars or segments its mart rows call for, and a screenshot is saved under
test-artifacts/screenshots/. The index lists every disclosure and links to each page; its
columns sort. The workbook holds every non-exact check as numbers under Chinese headers,
with a frozen, filtered header row, and one sheet per mart.
"""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from final_accounts.reports import page_name, write_reports

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def reports(warehouse, built, tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    write_reports(built.warehouse, folder, landing=tmp_path_factory.mktemp("page-images"))
    return folder


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("the browser tests need Debian's chromium (and fonts-noto-cjk): "
                    "sudo apt-get install chromium fonts-noto-cjk — ./scripts/test installs them when run as root")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = []
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems


def disclosures(warehouse) -> list[tuple[int, str]]:
    return warehouse.execute("select fiscal_year, unit_name from dim_disclosure order by all").fetchall()


def test_every_disclosure_has_a_page_and_the_index_links_them(reports, warehouse, browser):
    page, problems = open_page(browser, reports / "index.html")
    rows = page.locator("#disclosures tbody tr")
    assert rows.count() == len(disclosures(warehouse)) == 3
    links = {page.locator("#disclosures tbody tr a").nth(i).get_attribute("href") for i in range(rows.count())}
    assert links == {page_name(year, unit) for year, unit in disclosures(warehouse)}
    assert all((reports / link).exists() for link in links)
    # sorting by 不符 (column 5) ascending puts the fewest first
    page.locator("#disclosures th").nth(4).click()
    counts = [int(page.locator("#disclosures tbody tr").nth(i).locator("td").nth(4).inner_text())
              for i in range(rows.count())]
    assert counts == sorted(counts)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
    assert problems == []


@pytest.mark.parametrize("unit", ["南阳市政务大数据中心", "上海市普陀区财政局", "上海市普陀区规划和自然资源局"])
def test_disclosure_page_shows_the_warehouse(reports, warehouse, browser, unit):
    year = 2024
    page, problems = open_page(browser, reports / page_name(year, unit))
    expected = dict(warehouse.execute(
        "select status, count(*) from fct_reconciliation_checks where fiscal_year = ? and unit_name = ? group by all",
        [year, unit]).fetchall())
    findings = page.locator("#findings")
    non_pass = expected.get("fail", 0) + expected.get("rounding", 0)
    # the causes lead, each check a cause explains folded under it; the findings table holds the rest
    causes = warehouse.execute(
        "select count(*) from (select suspect_id from fct_suspect_figures where fiscal_year = ? and unit_name = ? "
        "union all select shift_id from fct_row_shifts where fiscal_year = ? and unit_name = ?)",
        [year, unit, year, unit]).fetchone()[0]
    explained = warehouse.execute(
        "select count(*) from fct_reconciliation_checks where fiscal_year = ? and unit_name = ? "
        "and cause_id is not null and status in ('fail', 'rounding')", [year, unit]).fetchone()[0]
    assert page.locator("#causes details.cause").count() == causes
    assert page.locator("#causes details.cause tbody tr").count() == explained
    if not causes:  # a disclosure without causes reads as before: no cause section
        assert page.locator("#causes").count() == 0 and page.locator("h2").first.inner_text() == "结论"
    assert int(findings.get_attribute("data-count")) == non_pass - explained
    assert page.locator("#findings tbody tr").count() == non_pass - explained
    # 无法核对 is its own section with its reason, never among the 不符
    unjudged = expected.get("not_evaluable", 0)
    assert int(page.locator("#not-evaluable").get_attribute("data-count")) == unjudged
    assert page.locator("#not-evaluable tbody tr").count() == unjudged
    assert page.locator("#findings tr.not_evaluable").count() == 0
    verdict = page.locator("#verdict")
    # each status in the one word the SQL messages, console and workbook use
    words = dict(warehouse.execute("select status, word from vocab_check_statuses").fetchall())
    assert words["pass"] == "一致"
    headers = page.locator("#verdict-by-family thead th").all_inner_texts()
    assert headers[2:] == [words[s] for s in ("fail", "not_evaluable", "rounding", "pass")]
    for status in ("fail", "not_evaluable", "rounding", "pass"):
        assert int(verdict.get_attribute(f"data-{status}")) == expected.get(status, 0)
        assert page.locator(f'#verdict [data-status="{status}"] b').inner_text() == str(expected.get(status, 0))
        assert page.locator(f'#verdict [data-status="{status}"]').inner_text().endswith(words[status])

    items = warehouse.execute("select count(*) from fct_budget_execution where fiscal_year = ? and unit_name = ? "
                              "and line_level = '项'", [year, unit]).fetchone()[0]
    assert page.locator('[data-chart="budget"] g[id^="bar-initial-"]').count() == items
    assert page.locator('[data-chart="budget"] g[id^="bar-final-"]').count() == items
    categories = warehouse.execute("select count(*) from fct_three_public_expenses where fiscal_year = ? "
                                   "and unit_name = ?", [year, unit]).fetchone()[0]
    assert categories == 6
    assert page.locator('[data-chart="three-public"] g[id^="bar-"]').count() == 2 * categories
    segments = warehouse.execute("select count(*) from fct_income_expenditure_composition where fiscal_year = ? "
                                 "and unit_name = ? and amount <> 0", [year, unit]).fetchone()[0]
    assert page.locator('[data-chart="composition"] g[id^="segment-"]').count() == segments
    projects = warehouse.execute("select count(*) from fct_project_performance where fiscal_year = ? "
                                 "and unit_name = ?", [year, unit]).fetchone()[0]
    assert page.locator("#projects tbody tr").count() == projects
    # the Chinese text is set in a CJK font, not boxes: the title is as wide as its characters
    assert page.locator("h1").bounding_box()["width"] > 300
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{year}_{unit}.png"), full_page=True)
    assert problems == []


def test_finance_bureau_page_names_its_contradictions(reports, browser):
    page, _ = open_page(browser, reports / page_name(2024, "上海市普陀区财政局"))
    # a contradiction a cause explains is folded under it (#causes), the others in #findings
    text = page.locator("#causes").inner_text() + page.locator("#findings").inner_text()
    if page.locator("#causes details.cause").count():
        page.locator("#causes details.cause summary").first.click()
        text = page.locator("#causes").inner_text() + page.locator("#findings").inner_text()
    assert "财政拨款收入支出总计0.3万元" in text and "2,961.68" in text
    assert "71.73" in text and "第21页" in text


def test_workbook_matches_the_warehouse(reports, warehouse):
    workbook = load_workbook(reports / "findings.xlsx")
    assert workbook.sheetnames == ["原因", "核对发现", "无法核对", "披露", "预算执行", "三公经费", "项目绩效", "收支构成"]
    causes = warehouse.execute("select (select count(*) from fct_suspect_figures) + (select count(*) "
                               "from fct_row_shifts)").fetchone()[0]
    assert workbook["原因"].max_row - 1 == causes
    unjudged = warehouse.execute("select count(*) from fct_reconciliation_checks where status = 'not_evaluable'").fetchone()[0]
    assert workbook["无法核对"].max_row - 1 == unjudged
    sheet = workbook["核对发现"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    headers = [cell.value for cell in sheet[1]]
    assert {"决算年度", "单位名称", "规则编号", "结果", "结论"} <= set(headers)
    # the status in the one word of seeds/vocab_check_statuses.csv (read here from the seed file)
    import csv
    with (ROOT / "seeds" / "vocab_check_statuses.csv").open(encoding="utf-8") as handle:
        words = {row["status"]: row["word"] for row in csv.DictReader(handle)}
    status, word = headers.index("结果"), headers.index("结论")
    pairs = {(row[status], row[word]) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert pairs and all(words[s] == w for s, w in pairs), pairs
    non_pass = warehouse.execute(
        "select count(*) from fct_reconciliation_checks where status in ('fail', 'rounding')").fetchone()[0]
    assert sheet.max_row - 1 == non_pass
    left = headers.index("左侧数字")
    values = [row[left] for row in sheet.iter_rows(min_row=2, values_only=True) if row[left] is not None]
    assert values and all(isinstance(value, (int, float)) for value in values)
    expected_total = warehouse.execute(
        "select sum(left_value) from fct_reconciliation_checks where status in ('fail', 'rounding')").fetchone()[0]
    assert abs(sum(values) - float(expected_total)) < 0.001
    budget = workbook["预算执行"]
    assert budget.max_row - 1 == warehouse.execute("select count(*) from fct_budget_execution").fetchone()[0]
    three_public = workbook["三公经费"]
    assert three_public.max_row - 1 == warehouse.execute("select count(*) from fct_three_public_expenses").fetchone()[0]


def test_reports_regenerate_without_rebuilding(tmp_path, built):
    """The build's --reports-only path: reports from an existing warehouse into another folder."""
    import subprocess
    import sys
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_warehouse.py"), "--reports-only",
                             "--reports-dir", str(tmp_path / "again")],
                            env={**__import__("os").environ, "WAREHOUSE_PATH": str(built.warehouse)},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "again" / "index.html").exists() and (tmp_path / "again" / "findings.xlsx").exists()
    assert len(list((tmp_path / "again").glob("2024_*.html"))) == 3


# every cell of a table and the box its text is drawn in; the pairs that overlap (by more than
# the half-pixel a collapsed border shares): a text wider than its column and not wrapped is
# drawn over its neighbour's
OVERLAPS_SCRIPT = """
(table) => {
  const cells = [];
  Array.from(table.rows).forEach((row, r) => Array.from(row.cells).forEach((cell, c) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const text = range.getBoundingClientRect();
    cells.push({r, c, box: cell.getBoundingClientRect(), text: text.width ? text : null});
  }));
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5
                            && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  const found = [];
  for (let i = 0; i < cells.length; i++) {
    const a = cells[i];
    if (a.text && (a.text.right > a.box.right + 0.5 || a.text.left < a.box.left - 0.5))
      found.push(`row ${a.r} cell ${a.c}: text drawn outside its cell`);
    for (let j = i + 1; j < cells.length; j++) {
      const b = cells[j];
      if (overlap(a.box, b.box)) found.push(`cells ${a.r}/${a.c} and ${b.r}/${b.c} overlap`);
      if (a.text && b.text && overlap(a.text, b.text)) found.push(`texts of ${a.r}/${a.c} and ${b.r}/${b.c} overlap`);
    }
  }
  return found;
}
"""


@pytest.mark.parametrize("unit", ["上海市普陀区财政局", "上海市普陀区规划和自然资源局"])
def test_findings_cells_do_not_overlap(reports, browser, unit):
    """A text in a figure column (a unit name, a 项 name: the planning bureau's DOC-UNIT-NAME and
    N-ITEM-NAME rows) wraps inside its cell instead of printing over the next one."""
    page, _ = open_page(browser, reports / page_name(2024, unit))
    table = page.locator("table#findings")
    assert table.count() == 1
    assert page.locator("#findings tbody tr").count() > 0
    assert table.evaluate(OVERLAPS_SCRIPT) == []


def located_findings(warehouse, unit: str) -> dict[tuple[str, str], int]:
    """The findings (不符, 尾差) of a disclosure whose figures have a box on a PDF page, with
    the number of distinct boxes (printed figures) of each."""
    return {(rule, subject): boxes for rule, subject, boxes in warehouse.execute(
        "select f.rule_id, f.subject_key, count(distinct (f.source_page, f.x0, f.top, f.x1, f.bottom)) "
        "from fct_finding_figures f join fct_reconciliation_checks c using (fiscal_year, unit_name, rule_id, subject_key) "
        "where f.fiscal_year = 2024 and f.unit_name = ? and c.status in ('fail', 'rounding') group by all",
        [unit]).fetchall()}


@pytest.mark.parametrize("unit", ["上海市普陀区财政局", "上海市普陀区规划和自然资源局", "南阳市政务大数据中心"])
def test_findings_show_the_printed_page_around_their_figures(reports, warehouse, browser, unit):
    """One crop section per finding whose figures were read from a PDF page, each figure
    outlined once; the text export's disclosure has none."""
    expected = located_findings(warehouse, unit)
    page, problems = open_page(browser, reports / page_name(2024, unit))
    sections = page.locator("#crops section.finding-crops")
    assert sections.count() == int(page.locator("#crops").get_attribute("data-count")) == len(expected)
    if unit == "南阳市政务大数据中心":
        assert expected == {} and page.locator("figure.crop").count() == 0
    else:
        assert len(expected) > 0
    shown = {}
    for i in range(sections.count()):
        section = sections.nth(i)
        key = (section.get_attribute("data-rule"), section.get_attribute("data-subject"))
        shown[key] = section.locator("rect.highlight").count()
        assert 1 <= section.locator("figure.crop").count() <= shown[key]
        for j in range(section.locator("figure.crop").count()):
            crop = section.locator("figure.crop").nth(j)
            image, rects = crop.locator("image").bounding_box(), crop.locator("rect.highlight")
            assert image["width"] > 300 and image["height"] > 10
            for k in range(rects.count()):  # every outline drawn on the image
                box = rects.nth(k).bounding_box()
                assert image["x"] - 3 <= box["x"] and box["x"] + box["width"] <= image["x"] + image["width"] + 3
                assert image["y"] - 3 <= box["y"] and box["y"] + box["height"] <= image["y"] + image["height"] + 3
        # the findings table links the finding to its crops
        link = page.locator(f'#findings a.crop-link[href="#{section.get_attribute("id")}"]')
        assert link.count() == 1
    assert shown == expected
    assert problems == []


def test_finding_figure_boxes_frame_the_printed_figure(warehouse):
    """The box joined to a finding's figure holds that figure as printed: the PDF's text inside
    the box (read here by pdfplumber) is the amount the finding compares."""
    import pdfplumber

    rows = warehouse.execute(
        "select d.source_file, f.source_page, f.x0::double, f.top::double, f.x1::double, f.bottom::double, f.amount "
        "from fct_finding_figures f join dim_disclosure d using (fiscal_year, unit_name) "
        "where f.unit_name = '上海市普陀区财政局' order by all").fetchall()
    assert rows
    with pdfplumber.open(ROOT / rows[0][0]) as pdf:
        for _, page_no, x0, top, x1, bottom, amount in rows:
            # the characters whose centre lies in the box (a glyph's descent may pass the cell's rule)
            text = "".join(char["text"] for char in sorted(pdf.pages[page_no - 1].chars, key=lambda c: c["x0"])
                           if x0 <= (char["x0"] + char["x1"]) / 2 <= x1 and top <= (char["top"] + char["bottom"]) / 2 <= bottom)
            assert text and Decimal(text.replace(",", "")) == amount, (page_no, x0, top, text, amount)


# --- causes first (issue 19): a copy of the Nanyang export with one figure's digit dropped -----------

@pytest.fixture(scope="module")
def misprinted_reports(misprinted, tmp_path_factory):
    """The reports of the misprinted copy's warehouse (conftest.misprinted): the misprinted
    disclosure and, beside it, the Nanyang disclosure as shipped."""
    from conftest import open_warehouse
    copy, result = misprinted
    folder = tmp_path_factory.mktemp("misprinted-reports")
    write_reports(result.warehouse, folder, landing=copy.landing)
    con = open_warehouse(result.warehouse)
    yield copy, folder, con
    con.close()


def phrases() -> dict[str, str]:
    import csv
    with (ROOT / "seeds" / "vocab_cause_phrases.csv").open(encoding="utf-8") as handle:
        return {row["phrase_key"]: row["phrase"] for row in csv.DictReader(handle)}


def test_a_misprinted_disclosure_leads_with_its_cause(misprinted_reports, browser):
    copy, folder, con = misprinted_reports
    page, problems = open_page(browser, folder / page_name(2024, copy.unit))
    (suspect_id,), = con.execute("select suspect_id from fct_suspect_figures where unit_name = ? and figure_key = ?",
                                 [copy.unit, copy.figure_key]).fetchall()
    explained = con.execute("select rule_id, subject_key, status from fct_reconciliation_checks where unit_name = ? "
                            "and cause_id = ? order by all", [copy.unit, suspect_id]).fetchall()
    # the document's own causes (as in the shipped disclosure) and the planted one
    cause_count = con.execute("select count(*) from fct_suspect_figures where unit_name = ?", [copy.unit]).fetchone()[0] \
        + con.execute("select count(*) from fct_row_shifts where unit_name = ?", [copy.unit]).fetchone()[0]
    explained_any = con.execute("select count(*) from fct_reconciliation_checks where unit_name = ? "
                                "and cause_id is not null", [copy.unit]).fetchone()[0]
    assert len(explained) >= 2 and {status for *_, status in explained} == {"fail"}, explained
    # the first section is the causes, before the verdict; the dropped digit first (it explains most)
    assert page.locator("h2").first.inner_text().startswith("原因")
    assert page.evaluate("document.querySelector('#causes').compareDocumentPosition("
                         "document.querySelector('#verdict')) & Node.DOCUMENT_POSITION_FOLLOWING") != 0
    causes = page.locator("#causes details.cause")
    assert causes.count() == cause_count
    cause = causes.first
    assert cause.get_attribute("data-cause-id") == suspect_id
    assert Decimal(cause.get_attribute("data-printed")) == copy.printed
    assert Decimal(cause.get_attribute("data-suggested")) == copy.original
    summary = cause.locator("summary").inner_text()
    assert f"印为{copy.printed}，应为{copy.original}" in summary and "漏印一位数字" in summary, summary
    # the checks it caused are folded under it: hidden until the cause is opened, then every one
    folded = cause.locator("tbody tr")
    assert folded.count() == len(explained)
    assert not folded.first.is_visible()
    cause.locator("summary").click()
    assert all(folded.nth(i).is_visible() for i in range(folded.count()))
    assert cause.locator("table.cause-checks").evaluate(OVERLAPS_SCRIPT) == []  # laid out as the findings table
    assert sorted(folded.nth(i).locator("td").nth(2).inner_text() for i in range(folded.count())) == \
        sorted(rule for rule, *_ in explained)
    # the count by cause beside the count by check
    counts = dict(con.execute("select status, count(*) from fct_reconciliation_checks where unit_name = ? "
                              "group by all", [copy.unit]).fetchall())
    unexplained = counts["fail"] - explained_any
    expected = (phrases()["cause_count"].format(fail=counts["fail"], causes=cause_count, unexplained=unexplained)
                if unexplained else phrases()["cause_count_all"].format(fail=counts["fail"], causes=cause_count))
    assert page.locator("#causes .cause-count").inner_text() == expected
    # then the checks no cause explains, without the explained ones
    rows = page.locator("#findings tbody tr")
    assert rows.count() == counts["fail"] + counts.get("rounding", 0) - explained_any
    shown = {(rows.nth(i).locator("td").nth(2).inner_text(), rows.nth(i).locator("td").nth(3).inner_text())
             for i in range(rows.count())}
    messages = dict(con.execute("select rule_id || subject_key, message from fct_reconciliation_checks "
                                "where unit_name = ? and cause_id = ?", [copy.unit, suspect_id]).fetchall())
    assert not {message for _, message in shown} & set(messages.values())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "2024_misprinted_causes.png"), full_page=True)
    assert problems == []


def test_the_disclosure_beside_it_shows_its_own_causes_only(misprinted_reports, browser):
    # the shipped Nanyang export, built beside its misprinted copy: its own causes (its 公开06
    # lines against 公开05), never the copy's planted figure; nothing in one document changes
    # another's page (a page without any cause: test_localization_corpus)
    from conftest import NANYANG
    copy, folder, con = misprinted_reports
    page, problems = open_page(browser, folder / page_name(2024, NANYANG))
    own = con.execute("select count(*) from fct_suspect_figures where unit_name = ?", [NANYANG]).fetchone()[0]
    assert page.locator("#causes details.cause").count() == own
    assert f"印为{copy.printed}" not in page.locator("body").inner_text()
    explained_any = con.execute("select count(*) from fct_reconciliation_checks where unit_name = ? "
                                "and cause_id is not null", [NANYANG]).fetchone()[0]
    non_pass = con.execute("select count(*) from fct_reconciliation_checks where unit_name = ? "
                           "and status in ('fail', 'rounding')", [NANYANG]).fetchone()[0]
    assert page.locator("#findings tbody tr").count() == non_pass - explained_any > 0
    assert problems == []


def test_the_index_counts_causes_beside_checks(misprinted_reports, browser):
    from conftest import NANYANG
    copy, folder, con = misprinted_reports
    page, problems = open_page(browser, folder / "index.html")
    headers = page.locator("#disclosures thead th").all_inner_texts()
    column = headers.index("原因（处）")
    assert headers[column - 2] == "不符"
    shown = {}
    rows = page.locator("#disclosures tbody tr")
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        shown[cells.nth(0).inner_text()] = int(cells.nth(column).inner_text())
    expected = dict(con.execute("select unit_name, count(*) from fct_suspect_figures group by all").fetchall())
    assert shown == {copy.unit: expected[copy.unit], NANYANG: expected.get(NANYANG, 0)}
    assert expected[copy.unit] == expected.get(NANYANG, 0) + 1  # the planted figure and the document's own
    assert problems == []


def test_the_workbook_opens_on_the_causes(misprinted_reports):
    copy, folder, con = misprinted_reports
    workbook = load_workbook(folder / "findings.xlsx")
    assert workbook.sheetnames[:2] == ["原因", "核对发现"]
    sheet = workbook["原因"]
    headers = [cell.value for cell in sheet[1]]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    rows = [dict(zip(headers, row)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    (suspect_id, explained), = con.execute("select suspect_id, explained_check_count from fct_suspect_figures "
                                           "where unit_name = ? and figure_key = ?", [copy.unit, copy.figure_key]).fetchall()
    kind_word = con.execute("select word from vocab_misprint_kinds where misprint_kind = 'dropped_digit'").fetchone()[0]
    causes = con.execute("select (select count(*) from fct_suspect_figures) + (select count(*) from fct_row_shifts)"
                         ).fetchone()[0]
    assert len(rows) == causes, rows
    (row,) = [row for row in rows if row["原因编号"] == suspect_id]
    assert (row["单位名称"], row["原因编号"], row["原因类别"]) == (copy.unit, suspect_id, phrases()["suspect"])
    assert (row["所印数字"], row["应为数字"], row["错印类别"]) == (float(copy.printed), float(copy.original), kind_word)
    assert row["所解释不符项数"] == explained
    # the checks sheet: the cause's checks first for its disclosure, each naming it in the 原因 column
    checks = workbook["核对发现"]
    headers = [cell.value for cell in checks[1]]
    assert headers[-1] == "原因"
    unit_at, cause_at = headers.index("单位名称"), len(headers) - 1
    mine = [row for row in checks.iter_rows(min_row=2, values_only=True) if row[unit_at] == copy.unit]
    named = [row[cause_at] for row in mine]
    # the checks of the causes first, each cause's together, then the checks no cause explains
    planted = f"{row['原因类别']}：{row['原因']}"
    at = [index for index, name in enumerate(named) if name == planted]
    assert len(at) == explained and at == list(range(at[0], at[0] + explained)), named
    explained_any = con.execute("select count(*) from fct_reconciliation_checks where unit_name = ? "
                                "and cause_id is not null", [copy.unit]).fetchone()[0]
    assert all(named[:explained_any]) and not any(named[explained_any:])


def test_a_shift_is_one_line_in_the_words_of_the_seed():
    """Shifted rows (fct_row_shifts) read as one line: table, column (or every column), rows X to Y,
    printed k rows lower (k > 0) or higher (k < 0)."""
    from final_accounts.causes import shift_line
    words = phrases()
    row = {"table_title": "公开05", "table_code": "general_budget_expenditure", "measure": None, "measure_label": None,
           "from_row_no": 12, "to_row_no": 20, "shift_rows": 1}
    assert shift_line(row) == f"公开05{words['all_columns']}第12行至第20行的数字印{words['shift_down']}1行"
    row.update(measure="basic", measure_label="基本支出", shift_rows=-2)
    assert shift_line(row) == f"公开05“基本支出”栏第12行至第20行的数字印{words['shift_up']}2行"


def test_a_suspect_the_narrative_states_is_named_by_where_it_is_printed():
    # a suspect figure of the narrative has no table column: its line names the page, never “None”
    # (the shipped finance bureau's narrative states 0.30 where its tables print 2,961.68)
    from final_accounts.causes import suspect_line
    row = {"measure": None, "measure_label": None, "row_name": None, "row_key": None, "printed_row_no": None,
           "table_title": "情况说明", "table_code": "narrative", "source_page": None,
           "printed_at": "documents/shanghai-putuo-finance-bureau-2024.pdf 第21页",
           "printed_value": Decimal("0.30"), "suggested_value": Decimal("2961.68"),
           "misprint_kind_word": "未能归为常见录入错误", "misprint_kind": "none"}
    line = suspect_line(row)
    assert "None" not in line and "栏" not in line, line
    assert line.startswith("情况说明（documents/shanghai-putuo-finance-bureau-2024.pdf 第21页）") and "0.30" in line, line
    table = suspect_line({**row, "measure": "amount", "measure_label": "金额", "row_name": "一般公共预算财政拨款收入",
                          "printed_row_no": 1, "table_title": "公开01", "table_code": "income_expenditure_summary"})
    assert "“金额”栏" in table and "（第1行）" in table, table


def test_a_suspect_on_a_blank_cell_says_it_is_blank():
    # the first row of a shifted table prints no figure where its figures belong: the suspect is
    # the blank cell (printed_value NULL in fct_suspect_figures), said 空白, never “0.00” or empty
    from final_accounts.causes import suspect_line
    row = {"measure": "basic_expenditure", "measure_label": "基本支出", "row_name": "网信事务", "row_key": "20137",
           "printed_row_no": 3, "table_title": "支出决算表", "table_code": "expenditure_by_function",
           "source_page": None, "printed_at": "corpus/000000.txt 第5页", "printed_value": None,
           "suggested_value": Decimal("1241.11"), "misprint_kind_word": "未能归为常见录入错误", "misprint_kind": "none"}
    line = suspect_line(row)
    assert "印为空白，应为1241.11" in line, line
