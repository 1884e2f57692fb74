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


def test_printed_appendix_reads_back_to_the_corpus_rows(tmp_path):
    disclosure = _disclosure_with_projects(2)
    pdf = tmp_path / "appendix.pdf"
    _print(appendix_html(disclosure.files, ruled=True), pdf)
    read = read_appendix(read_document(pdf).items, exported=False)
    assert not read.unplaced and not read.problems
    compared = 0
    for part in APPENDIX_PARTS:
        printed = {(row["project_no"], row.get("row_no", "")): row for row in disclosure.files[part]}
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
