"""The crops of the printed page around a finding's figures (final_accounts.crops), on the
finance bureau's PDF: bands by page and distance, the cut, the outlines, a missing file."""
from __future__ import annotations

import base64
import io
import re
from pathlib import Path

from PIL import Image

from final_accounts import crops
from final_accounts.sources import content_hash

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "documents" / "shanghai-putuo-finance-bureau-2024.pdf"


def figure(side, page, top, bottom, x0=300.0, x1=360.0, amount="1.00", sha="x"):
    return {"document_sha256": sha, "source_page": page, "figure_side": side, "x0": x0, "top": top, "x1": x1,
            "bottom": bottom, "page_width": 595.0, "page_height": 842.0, "amount": amount, "measure_label": "合计",
            "read_by": "text_layer"}


def test_bands_split_by_page_and_by_distance():
    near = [figure("left", 3, 100, 112), figure("right", 3, 130, 142)]
    far = [figure("left", 3, 100, 112), figure("right", 3, 100 + 12 + crops.BAND_GAP_POINTS + 1, 400)]
    pages = [figure("left", 5, 100, 112), figure("right", 2, 100, 112)]
    assert [len(band) for band in crops.bands(near)] == [2]
    assert [len(band) for band in crops.bands(far)] == [1, 1]
    assert [band[0]["source_page"] for band in crops.bands(pages)] == [2, 5]


def test_a_crop_cuts_the_band_and_outlines_each_figure(tmp_path):
    # 公开05 of the finance bureau, page 15: the 合计 row prints 2,940.05 and 2,336.91 (pdfplumber's
    # words, read here from the document)
    import pdfplumber
    with pdfplumber.open(PDF) as pdf:
        words = {w["text"]: w for w in pdf.pages[14].extract_words() if w["text"] in ("2,940.05", "2,336.91")}
    sha = content_hash(PDF)
    band = [figure(side, 15, words[text]["top"], words[text]["bottom"], words[text]["x0"], words[text]["x1"], sha=sha)
            for side, text in (("left", "2,940.05"), ("right", "2,336.91"))]
    images = crops.PageImages({sha: PDF}, tmp_path)
    html = crops.crop_figure(band, images)
    assert html.count('<rect class="highlight"') == 2 and 'data-highlights="2"' in html
    assert 'data-side="left"' in html and 'data-side="right"' in html
    png = base64.b64decode(re.search(r'base64,([^"]+)"', html).group(1))
    cut = Image.open(io.BytesIO(png))
    expected_height = (words["2,940.05"]["bottom"] - words["2,940.05"]["top"] + 2 * crops.MARGIN_POINTS) * crops.DPI / 72
    assert abs(cut.height - expected_height) <= 2 and abs(cut.width - 595 * crops.DPI / 72) <= 2
    # the page was rendered once into the page-image cache
    assert len(list(tmp_path.rglob("page-0015-*.png"))) == 1


def test_a_document_not_where_it_was_read_gives_no_crop(tmp_path):
    images = crops.PageImages({"abc": tmp_path / "moved.pdf"}, tmp_path)
    assert crops.finding_crops([figure("left", 1, 10, 20, sha="abc")], images) == []
    assert images.unavailable == {str(tmp_path / "moved.pdf")}


def test_a_crop_of_ocr_read_figures_says_so(tmp_path):
    import csv
    with (ROOT / "seeds" / "vocab_ocr_notes.csv").open(encoding="utf-8") as handle:
        phrases = {row["note_kind"]: row["phrase"] for row in csv.DictReader(handle)}
    sha = content_hash(PDF)
    read = [dict(figure("left", 15, 540, 560, sha=sha), read_by="ocr", ocr_confidence=0.87),
            dict(figure("right", 15, 540, 560, 400, 450, sha=sha), read_by="ocr", ocr_confidence=0.95)]
    caption = re.search(r"<figcaption>(.*)</figcaption>", crops.crop_figure(read, crops.PageImages({sha: PDF}, tmp_path)))
    assert phrases["read_by_ocr"] in caption.group(1) and phrases["check_image"] in caption.group(1)
    assert "0.87" in caption.group(1)
    text_layer = crops.crop_figure([figure("left", 15, 540, 560, sha=sha)], crops.PageImages({sha: PDF}, tmp_path))
    assert phrases["check_image"] not in text_layer
