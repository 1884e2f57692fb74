"""An unruled copy of the finance bureau's PDF (every ruling line dropped from its pages, the
text untouched: tests/python/unruled_copy.py) read by word positions
(final_accounts.word_layout), against the ruled original read by pdfplumber's ruled tables;
and the printed box landed for each figure (figure_boxes) checked against the page itself."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from unruled_copy import unruled_copy

from final_accounts.extract import extract
from final_accounts.layouts import COLUMNS, figure_keys

ROOT = Path(__file__).resolve().parents[2]
FINANCE = ROOT / "documents" / "shanghai-putuo-finance-bureau-2024.pdf"


@pytest.fixture(scope="module")
def readings(tmp_path_factory):
    copy = tmp_path_factory.mktemp("unruled") / "unruled-finance-bureau.pdf"
    assert unruled_copy(FINANCE, copy) > 0
    return {"ruled": (FINANCE, extract(FINANCE)), "unruled": (copy, extract(copy))}


def _figures(extraction) -> dict[tuple, str]:
    return {(code, row["row_no"], key): row[key] for code in COLUMNS for row in extraction.files.get(code, [])
            for key in figure_keys(code) if row.get(key)}


def test_the_copy_is_unruled_and_loads(readings):
    copy, extraction = readings["unruled"]
    with pdfplumber.open(copy) as pdf:
        page = pdf.pages[7]  # 收入决算表
        assert not page.lines and not page.rects and not page.find_tables()
    assert extraction.document["status"] == "loaded"
    assert {row["presence"] for row in extraction.files["table_presence"]
            if row["table_code"] != "gk04_fiscal_appropriation_summary"} <= {"present", "empty_with_note"}


def test_unruled_figures_are_the_ruled_ones(readings):
    ruled, unruled = _figures(readings["ruled"][1]), _figures(readings["unruled"][1])
    # nothing landed from the unruled copy that the ruled reading does not land, row for row
    assert {key: value for key, value in unruled.items() if ruled.get(key) != value} == {}
    # the tables read by word positions exactly as from the ruled grid, row for row (the
    # document's content hash, the landing key, differs: the copy is another file)
    def rows(copy, code):
        return [{**row, "document_sha256": None} for row in readings[copy][1].files[code]]

    for code in ("gk01_income_expenditure_summary", "gk02_income_by_function"):
        assert rows("unruled", code) == rows("ruled", code), code
    # measured: 167 of the 195 figures (gk04's tall merged header and letter-spaced names not yet read)
    assert len(unruled) / len(ruled) >= 0.85


@pytest.mark.parametrize("copy", ["ruled", "unruled"])
def test_each_landed_box_holds_its_figure(readings, copy):
    path, extraction = readings[copy]
    boxes = extraction.files["figure_boxes"]
    figures = _figures(extraction)
    assert len(boxes) == len(figures) > 0
    total = next(box for box in boxes if box["table_code"] == "gk02_income_by_function" and box["row_no"] == 1
                 and box["column_name"] == "total_income")
    assert (total["source_page"], figures[("gk02_income_by_function", 1, "total_income")]) == (8, "2,946.25")
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[7]
        assert (total["page_width"], total["page_height"]) == (page.width, page.height)
        crop = page.within_bbox((total["x0"], total["top"], total["x1"], total["bottom"])).extract_text()
        assert crop.strip() == "2,946.25"
        for box in boxes:
            page = pdf.pages[box["source_page"] - 1]
            text = page.within_bbox((box["x0"], box["top"], box["x1"], box["bottom"])).extract_text()
            figure = figures[(box["table_code"], box["row_no"], box["column_name"])]
            assert figure in text.replace(" ", "").replace("\n", ""), (box, text)
            assert box["read_by"] == "text_layer" and box["ocr_confidence"] is None
