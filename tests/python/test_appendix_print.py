"""A generated disclosure's project appendix printed to PDF (final_accounts/corpus/appendix_print.py,
headless Chromium through Playwright) reads back through the appendix reader
(final_accounts/appendix.py) to the corpus's own project_* rows, every cell, each table on
its page."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from final_accounts.appendix import APPENDIX_PARTS, read_appendix
from final_accounts.corpus import Generator
from final_accounts.corpus.appendix_print import appendix_html
from final_accounts.landing import APPENDIX_COLUMNS
from final_accounts.sources import read_document

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _disclosure_with_projects(minimum: int):
    generator = Generator(7)
    for index in range(50):
        disclosure = generator.disclosure(index)
        if len(disclosure.files.get("project_evaluations") or []) >= minimum:
            return disclosure
    raise AssertionError(f"no generated disclosure with {minimum} projects among 50")


def _print(html: str, path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail("the appendix print test needs Debian's chromium (and fonts-noto-cjk): "
                    "sudo apt-get install chromium fonts-noto-cjk — ./scripts/test installs them when run as root")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content(f"<html><head><meta charset='utf-8'></head><body>{html}</body></html>")
        page.pdf(path=str(path), format="A4", landscape=True)
        browser.close()


def _varied(files: dict) -> dict:
    """The disclosure's appendix rows with the cases a layout must keep: a fund cell printed
    empty in the middle of its row (年初预算数 of 财政拨款: it must stay empty, the cells after
    it never shifted left), an empty 执行率, a 三级指标 and a 偏差原因 long enough to wrap
    over lines in their cells, a management description wrapped too."""
    files = {part: [dict(row) for row in rows] for part, rows in files.items()}
    funds = [row for row in files["project_funds"] if row["project_no"] == "1"]
    funds[1]["initial_budget_text"] = ""
    funds[2]["execution_rate_text"] = ""
    indicator = next(row for row in files["project_indicators"] if row["project_no"] == "1")
    indicator["level3_indicator"] = "完成辖区内老旧小区基础设施改造及配套公共服务设施建设事项"
    indicator["deviation_reason"] = "受汛期影响部分工程顺延施工，已调整计划于次年一季度完成全部验收工作"
    management = next(row for row in files["project_fund_management"] if row["project_no"] == "1")
    management["description"] = "项目资金按照年度预算安排，资金分配依据充分，程序符合财政资金管理规定"
    return files


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_printed_appendix_reads_back_to_the_corpus_rows(tmp_path, ruled):
    disclosure = _disclosure_with_projects(2)
    files = _varied(disclosure.files)
    pdf = tmp_path / "appendix.pdf"
    _print(appendix_html(files, ruled=ruled), pdf)
    document = read_document(pdf)
    # unruled: the pages are read from word positions, and the 自评表 cut from its words
    assert bool(document.unruled_words) != ruled
    read = read_appendix(document.items, exported=False, page_words=document.unruled_words)
    assert not read.unplaced and not read.problems
    compared = 0
    for part in APPENDIX_PARTS:
        printed = {(row["project_no"], row.get("row_no", "")): row for row in files[part]}
        landed = {(row["project_no"], row.get("row_no", "")): row for row in read.files[part]}
        assert set(landed) == set(printed), part
        for key, row in printed.items():
            for column in APPENDIX_COLUMNS[part]:
                if column != "transcription_note":
                    assert landed[key][column] == row[column], (part, key, column)
                    compared += 1
            # each 自评表 starts a page of its own: project n is printed on page n
            assert landed[key]["source_page"] == key[0], (part, key)
    assert compared > 100


def test_no_projects_print_nothing():
    assert appendix_html({"project_evaluations": []}, ruled=True) == ""
