"""The generated corpus printed to PDF (final_accounts/corpus/printing.py) and read back through
``scripts/ingest``: every printed table figure is landed exactly, in its row, from the page it
was printed on; built, every planted error is found and nothing unplanted fails; the console
shows no library warning lines.

Small: two ruled disclosures between them print every option of every layout family
(seeds/ref_layout_families.csv) but the unruled one, a third adds a plant (the project
appendix's, the narrative's and a mention's planted errors among them); the unruled family is
printed and read on its own, and the test says how far it is read until it is read exactly;
one disclosure is printed scanned (rasterised, read by OCR): read whole, its plant found, every
misread surfaced."""
from __future__ import annotations

import logging
import re

import pytest

from final_accounts import vocabulary
from final_accounts.corpus.printing import print_corpus
from final_accounts.corpus.round_trip import build_and_score, compare_appendix, compare_figures, ingest, manifests
from final_accounts.library_messages import captured_library_messages
from final_accounts.sources import fold_radicals

SEED = 18
# index 0 is a 单位决算 (公开01–09 numbering, 合计 first), index 7 a 部门决算 with 合计 last (seed 18)
RULED = [
    (0, {"codes": "joined", "line_numbers": "with", "rules": "ruled", "orientation": "portrait",
         "header_repeat": "repeated", "page_breaks": "any_row"}, "performance"),
    (7, {"codes": "split", "line_numbers": "without", "rules": "ruled", "orientation": "landscape",
         "header_repeat": "not_repeated", "page_breaks": "whole"}, "item_final"),
    (1, {"codes": "split", "line_numbers": "with", "rules": "ruled", "orientation": "landscape",
         "header_repeat": "repeated", "page_breaks": "any_row"}, "name"),
]
UNRULED = (3, {"codes": "split", "line_numbers": "with", "rules": "unruled", "orientation": "portrait",
               "header_repeat": "not_repeated", "page_breaks": "any_row"}, "across_tables")
LIBRARY_LINE = re.compile(r"FontBBox|^(WARNING|ERROR|INFO):|^\S+Warning: |pdfminer|pdfplumber", re.MULTILINE)


def _print(folder, disclosures):
    print_corpus(folder, len(disclosures), seed=SEED, indices=[index for index, _, _ in disclosures],
                 forced=[forced for _, forced, _ in disclosures], plants=[plant for _, _, plant in disclosures])
    return folder


@pytest.fixture(scope="module")
def ruled(tmp_path_factory):
    root = tmp_path_factory.mktemp("pdf-round-trip")
    documents = _print(root / "documents", RULED)
    _, done = ingest(documents, root / "landing")
    return root, documents, done


def test_every_layout_option_is_printed(ruled):
    _, documents, _ = ruled
    used = {(family, option) for manifest in manifests(documents) for family, option in manifest["layout"].items()}
    used.add(("rules", UNRULED[1]["rules"]))
    used.add(("medium", SCANNED[1]["medium"]))
    expected = {(row["family"], row["option"]) for row in vocabulary.rows("ref_layout_families")}
    assert expected <= used, f"options never printed: {sorted(expected - used)}"
    # a table broken across pages, its continuation with and without the header
    pages = [set(p for p in manifest["row_pages"]["gk01_income_expenditure_summary"] if p)
             for manifest in manifests(documents)]
    assert all(len(p) >= 2 for p in pages), pages


def test_every_printed_figure_is_read_exactly_on_its_page(ruled):
    root, documents, done = ruled
    assert done.returncode == 0, done.stdout + done.stderr
    result = compare_figures(documents, root / "landing")
    assert result["printed"] > 1000
    assert result["problems"] == []
    assert result["exact"] == result["printed"]


def test_every_printed_appendix_cell_is_read_exactly_on_its_page(ruled):
    root, documents, _ = ruled
    result = compare_appendix(documents, root / "landing")
    assert result["cells"] > 100
    assert result["problems"] == []
    assert result["exact"] == result["cells"]


def test_ingesting_browser_printed_pdfs_prints_no_library_warning(ruled):
    _, _, done = ruled
    output = done.stdout + done.stderr
    assert "loaded" in output
    assert not LIBRARY_LINE.search(output), LIBRARY_LINE.search(output).group(0)


def test_every_planted_error_is_found_and_nothing_unplanted_fails(ruled):
    root, documents, _ = ruled
    result = build_and_score(documents, root / "landing", root / "warehouse.duckdb")
    assert result["planted"] >= len(RULED)
    assert result["missed"] == []
    assert result["false_alarms"] == []


def test_unruled_tables_are_read_as_the_ruled(tmp_path):
    documents = _print(tmp_path / "documents", [UNRULED])
    _, done = ingest(documents, tmp_path / "landing")
    result = compare_figures(documents, tmp_path / "landing")
    assert done.returncode == 0, done.stdout + done.stderr
    assert result["printed"] > 300
    # the goal is every figure (100 %); the word-position reader does not reach it on this family
    # yet (measured: 466 of 543, the continuation pages printed on a grid of their own and split
    # codes, docs/measurements.md), so this floor guards what is read today against a regression
    assert result["exact"] >= 0.85 * result["printed"], (
        f"unruled family: {result['exact']} of {result['printed']} printed figures read exactly; "
        f"first: {result['problems'][:3]}")
    # what is read is read faithfully: no figure lands on a page or row other than its own
    assert result["wrong_page"] == 0, result["problems"][:3]
    # the 自评表 is cut from the page's words part by part (appendix.layout_rows): every cell exact
    appendix = compare_appendix(documents, tmp_path / "landing")
    assert appendix["cells"] > 50 and appendix["problems"] == [], appendix["problems"][:3]


def test_library_messages_are_summarised_once_and_harmless_ones_dropped():
    with captured_library_messages() as captured:
        for _ in range(50):
            logging.getLogger("pdfminer.pdffont").warning(
                "Could not get FontBBox from font descriptor because None cannot be parsed as 4 floats")
        for page in (3, 4, 5):
            logging.getLogger("pdfminer.pdfinterp").warning("Cannot decode stream on page %d", page)
    assert len(captured.messages) == 53
    summary = captured.summary()
    assert len(summary) == 1
    assert "3×" in summary[0] and "Cannot decode stream on page 3" in summary[0]
    # outside the block the libraries' loggers are as they were
    assert logging.getLogger("pdfminer").propagate


def test_radicals_a_browser_writes_into_the_text_layer_read_as_the_characters_printed():
    # the text layer of a Chromium print with Noto Sans CJK: Kangxi radicals and 部首补充 forms
    assert fold_radicals("⼀、⼀般公共预算财政拨款⽀出 部⻔决算 ⻋辆") == "一、一般公共预算财政拨款支出 部门决算 车辆"
    assert fold_radicals("2,318.89 收入") == "2,318.89 收入"


# a disclosure printed, then rasterised at 200 dpi into image-only pages (medium=scanned) and
# read back by OCR; planted: a project appendix's total score
SCANNED = (0, {**RULED[0][1], "medium": "scanned"}, "performance")


def test_scanned_disclosures_are_read_by_ocr_and_every_misread_surfaces(tmp_path):
    import pdfplumber

    from final_accounts.corpus.round_trip import classify_false_alarms, misread_cases

    documents = _print(tmp_path / "documents", [SCANNED])
    (manifest,) = manifests(documents)
    assert manifest["layout"]["medium"] == "scanned" and manifest["scan_dpi"] == 200
    with pdfplumber.open(manifest["pdf"]) as pdf:  # a scan: no text layer, one image per page
        assert not any(page.chars for page in pdf.pages)
        assert all(len(page.images) == 1 for page in pdf.pages)
    _, done = ingest(documents, tmp_path / "landing")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "tables recognised: 9 of 9" in done.stdout
    figures = compare_figures(documents, tmp_path / "landing")
    assert figures["printed"] > 400 and figures["missing"] == 0
    # the build never fails because of what the OCR read; the planted error is found
    result = build_and_score(documents, tmp_path / "landing", tmp_path / "warehouse.duckdb")
    assert result["missed"] == []
    # every figure or row label not read exactly is either marked low-confidence or read by a
    # finding that asks to check the page image (请核对原件图像)
    cases = misread_cases(figures, tmp_path / "warehouse.duckdb")
    assert cases["cases"]["silent"] == 0, cases["examples"]["silent"]
    # an unplanted failure is a true finding about what the OCR read (it asks to check the page
    # image and reads a table or narrative read otherwise than printed), never a check failing on
    # figures read as printed
    split = classify_false_alarms(result["false_alarms"], figures, documents, tmp_path / "landing",
                                  tmp_path / "warehouse.duckdb")
    assert split["genuine"] == [], split
    # the goal, 99.5 %: measured 495 of 495 (docs/measurements.md, "Scanned"; 405 before codes were
    # read again alone, the dropped 一 of a heading tolerated and a table's open side closed)
    assert figures["exact"] >= 0.995 * figures["printed"], (
        f"scanned: {figures['exact']} of {figures['printed']} printed figures read exactly; "
        f"how misreads surface: {cases['cases']}; first: {figures['problems'][:2]}")
