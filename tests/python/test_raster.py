"""Page images (final_accounts/raster.py): the size follows the dpi, the page count is the
PDF's, a page is rendered once per content hash and dpi, a missing page is an error."""
from pathlib import Path

import pdfplumber
import pytest

from final_accounts import raster
from final_accounts.sources import content_hash

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "documents" / "shanghai-putuo-finance-bureau-2024.pdf"


def test_page_image_rendered_once_at_its_dpi(tmp_path):
    from PIL import Image

    sha = content_hash(PDF)
    with pdfplumber.open(PDF) as pdf:
        pages = len(pdf.pages)
        width, height = float(pdf.pages[1].width), float(pdf.pages[1].height)
    assert raster.page_count(PDF) == pages
    path = raster.page_image(PDF, sha, 2, 100, landing=tmp_path)
    assert path.is_file() and path.is_relative_to(tmp_path / "cache")
    with Image.open(path) as image:
        assert abs(image.width - width * 100 / 72) <= 1 and abs(image.height - height * 100 / 72) <= 1
        # a printed page is not blank: some pixels are dark
        assert image.convert("L").getextrema()[0] < 100
    stamp = path.stat().st_mtime_ns
    assert raster.page_image(PDF, sha, 2, 100, landing=tmp_path) == path
    assert path.stat().st_mtime_ns == stamp  # cached, not rendered again
    other = raster.page_image(PDF, sha, 2, 50, landing=tmp_path)
    assert other != path
    with pytest.raises(ValueError, match="page 999"):
        raster.page_image(PDF, sha, 999, 100, landing=tmp_path)
