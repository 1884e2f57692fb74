"""The printed page around a finding's figures, for the report: a crop of the page image with
both figures outlined, embedded in the self-contained page.

A finding's figures (rows of the mart ``fct_finding_figures``: page, box in PDF points) are
grouped by page and, on a page, into bands of figures printed near each other; each band is
cut from the page image (``final_accounts.raster.page_image``: rendered once per document,
page and resolution, and cached under the landing cache), across the page's full width so the
row's name and the column's header stay in view, reduced to grey levels and stored as an
optimised PNG in the page (base64). The outlines are SVG rectangles over the image, one per
figure (``rect.highlight``, left side red, right side blue), which is how the browser tests
count them. Figures read from a text export or the reference transcription have no box, so
their findings have no crop.
"""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from pathlib import Path

from . import raster, vocabulary
from .sources import content_hash

DPI = 100              # page images for crops: legible print, a sane page size
MARGIN_POINTS = 28     # context kept above and below the figures
BAND_GAP_POINTS = 140  # figures further apart on one page are cut as separate bands
GREY_LEVELS = 16       # print is black on white: 16 grey levels keep it legible and small
SIDE_COLOURS = {"left": "#d62728", "right": "#1f5fbf"}
SIDE_WORDS = {"left": "左侧数字", "right": "右侧数字"}
# the phrases a finding on OCR-read figures carries (seeds/vocab_ocr_notes.csv)
OCR_NOTES = {row["note_kind"]: row["phrase"] for row in vocabulary.rows("vocab_ocr_notes")}


@dataclass
class PageImages:
    """The page images of the documents a report shows, each page opened once while writing.

    ``documents`` maps a document's content hash to its file; a file not there (moved, or
    changed since it was read) gives no crop, and is named in ``unavailable``."""

    documents: dict[str, Path]
    landing: Path | None = None
    dpi: int = DPI
    _opened: dict = field(default_factory=dict)
    _verified: dict = field(default_factory=dict)
    unavailable: set = field(default_factory=set)

    def document(self, sha256: str) -> Path | None:
        if sha256 not in self._verified:
            path = self.documents.get(sha256)
            ok = path is not None and path.is_file() and content_hash(path) == sha256
            self._verified[sha256] = path if ok else None
            if not ok:
                self.unavailable.add(str(path) if path is not None else sha256)
        return self._verified[sha256]

    def page(self, sha256: str, page_no: int):
        key = (sha256, page_no)
        if key not in self._opened:
            from PIL import Image

            path = self.document(sha256)
            if path is None:
                self._opened[key] = None
            else:
                image_path = raster.page_image(path, sha256, page_no, self.dpi, self.landing)
                with Image.open(image_path) as image:
                    self._opened[key] = image.convert("L")
        return self._opened[key]


def bands(figures: list[dict]) -> list[list[dict]]:
    """The figures grouped by (document, page), and on a page into bands of figures whose
    boxes lie within BAND_GAP_POINTS of each other vertically; in page order."""
    by_page: dict[tuple, list[dict]] = {}
    for figure in figures:
        by_page.setdefault((figure["document_sha256"], figure["source_page"]), []).append(figure)
    result = []
    for key in sorted(by_page, key=lambda k: k[1]):
        current: list[dict] = []
        for figure in sorted(by_page[key], key=lambda f: f["top"]):
            if current and float(figure["top"]) - max(float(f["bottom"]) for f in current) > BAND_GAP_POINTS:
                result.append(current)
                current = []
            current.append(figure)
        result.append(current)
    return result


def _png(image) -> str:
    reduced = image.quantize(colors=GREY_LEVELS)
    buffer = io.BytesIO()
    reduced.save(buffer, format="PNG", optimize=True)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _amount(value) -> str:
    return f"{Decimal(value):,.2f}" if value is not None else ""


def crop_figure(band: list[dict], images: PageImages) -> str:
    """One band as an HTML figure: the page image cut around the figures with an SVG outline
    per figure; empty when the page image is not available."""
    first = band[0]
    page = images.page(first["document_sha256"], first["source_page"])
    if page is None:
        return ""
    width, height = float(first["page_width"]), float(first["page_height"])
    top = max(0.0, min(float(f["top"]) for f in band) - MARGIN_POINTS)
    bottom = min(height, max(float(f["bottom"]) for f in band) + MARGIN_POINTS)
    scale = page.width / width  # pixels per point of this page image
    cut = page.crop((0, round(top * scale), page.width, round(bottom * scale)))
    band_height = bottom - top
    boxes = {}
    for f in band:  # one outline per printed figure, however many sides read it
        boxes.setdefault((float(f["x0"]), float(f["top"]), float(f["x1"]), float(f["bottom"])), []).append(f)
    rects = []
    for (x0, y0, x1, y1), readers in boxes.items():
        sides = sorted({f["figure_side"] for f in readers})
        colour = SIDE_COLOURS[sides[0]]
        title = "；".join(f"{SIDE_WORDS[f['figure_side']]} {_amount(f['amount'])}（{f['measure_label'] or ''}）"
                         for f in readers)
        rects.append(
            f'<rect class="highlight" data-side="{" ".join(sides)}" x="{x0 - 2:.1f}" y="{y0 - top - 2:.1f}" '
            f'width="{x1 - x0 + 4:.1f}" height="{y1 - y0 + 4:.1f}" fill="{colour}" fill-opacity="0.12" '
            f'stroke="{colour}" stroke-width="1.5"><title>{escape(title)}</title></rect>')
    ocr = [f for f in band if f["read_by"] == "ocr"]
    confidences = [float(f["ocr_confidence"]) for f in ocr if f.get("ocr_confidence") is not None]
    lowest = f"（置信度最低{min(confidences):.2f}）" if confidences else ""
    read_note = f"：{OCR_NOTES['read_by_ocr']}{lowest}，{OCR_NOTES['check_image']}" if ocr else ""
    caption = f"第{first['source_page']}页{read_note}"
    return (f'<figure class="crop" data-page="{first["source_page"]}" data-highlights="{len(rects)}">'
            f'<svg viewBox="0 0 {width:.1f} {band_height:.1f}" width="{width:.0f}" role="img" '
            f'aria-label="{escape(caption)}"><image href="data:image/png;base64,{_png(cut)}" x="0" y="0" '
            f'width="{width:.1f}" height="{band_height:.1f}" preserveAspectRatio="none"/>{"".join(rects)}</svg>'
            f"<figcaption>{escape(caption)}</figcaption></figure>")


def finding_crops(figures: list[dict], images: PageImages) -> list[str]:
    """The crops of one finding's figures (one per band), in page order."""
    return [html for html in (crop_figure(band, images) for band in bands(figures)) if html]
