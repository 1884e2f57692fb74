"""Page images of a PDF: rendered once per (document content hash, page, dpi) and cached.

``page_image(pdf_path, sha256, page_no, dpi)`` returns the path of a PNG of that page,
rendered by PDFium (pypdfium2, installed with pdfplumber) at ``dpi`` dots per inch and kept
under the landing cache (``<landing>/cache/page_images/<sha16>/page-NNNN-DDDdpi.png``), so
the OCR and the report crops render a page once. A page scanned askew (turned by up to a
few degrees on the glass) is straightened first (``straighten``: the angle at which its rules
and text lines stand sharpest), so its rows are level for the ruling and the OCR. A pixel of
such an image is ``72 / dpi`` PDF points; ``points_per_pixel(dpi)`` says so.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .landing import landing_root

IMAGE_FOLDER = "page_images"


def image_folder(sha256: str, landing: Path | None = None) -> Path:
    return (landing or landing_root()) / "cache" / IMAGE_FOLDER / sha256[:16]


def points_per_pixel(dpi: int) -> float:
    return 72.0 / dpi


def page_count(pdf_path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        return len(document)
    finally:
        document.close()


def render_page(pdf_path: Path, page_no: int, dpi: int):
    """The page (1-based) as an RGB PIL image at ``dpi``, not cached."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        if not 1 <= page_no <= len(document):
            raise ValueError(f"{pdf_path}: page {page_no} does not exist ({len(document)} page(s))")
        page = document[page_no - 1]
        bitmap = page.render(scale=dpi / 72.0)
        image = bitmap.to_pil().convert("RGB")
        page.close()
        return image
    finally:
        document.close()


# a scanned page is straightened when its rules and text lines stand sharpest turned by an angle
# this far from level or more (degrees), searched within SKEW_RANGE, and clearly so (SKEW_GAIN)
SKEW_RANGE = 3.0
SKEW_MIN = 0.1
SKEW_GAIN = 1.05
SKEW_SAMPLE = 4  # the estimate works on the image shrunk by this factor


def _sharpness(ink, angle: float) -> float:
    """How sharp the horizontal profile of the ink stands when turned by ``angle``: printed rules
    and text lines make high narrow peaks when level, smeared ones when skewed."""
    import numpy as np
    from PIL import Image

    turned = np.asarray(Image.fromarray(ink).rotate(angle, resample=Image.BILINEAR, fillcolor=0), dtype=np.float64)
    profile = turned.sum(axis=1)
    return float(np.square(np.diff(profile)).sum())


def skew_angle(image) -> float:
    """The angle (degrees, counter-clockwise) that levels a page image's rules and text lines: 0.0
    when it is level or no angle is clearly better (a page that is not a scan, an empty page)."""
    import numpy as np
    from PIL import Image

    grey = image.convert("L")
    small = grey.resize((max(1, grey.width // SKEW_SAMPLE), max(1, grey.height // SKEW_SAMPLE)), Image.BILINEAR)
    ink = ((np.asarray(small) < 160) * 255).astype(np.uint8)
    if not ink.any():
        return 0.0
    level = _sharpness(ink, 0.0)
    best, score = 0.0, level
    for angle in np.arange(-SKEW_RANGE, SKEW_RANGE + 1e-9, 0.1):
        value = _sharpness(ink, float(angle))
        if value > score:
            best, score = float(angle), value
    for angle in np.arange(best - 0.08, best + 0.081, 0.02):
        value = _sharpness(ink, float(angle))
        if value > score:
            best, score = float(angle), value
    if abs(best) < SKEW_MIN or score < SKEW_GAIN * level:
        return 0.0
    return round(best, 2)


def straighten(image):
    """The page image turned level (``skew_angle``), white where the turn uncovers the margin."""
    angle = skew_angle(image)
    if not angle:
        return image
    from PIL import Image

    fill = 255 if image.mode == "L" else (255, 255, 255)
    return image.rotate(angle, resample=Image.BICUBIC, fillcolor=fill)


def page_image(pdf_path: Path, sha256: str, page_no: int, dpi: int, landing: Path | None = None) -> Path:
    """The cached PNG of page ``page_no`` (1-based) at ``dpi``, rendered on first use."""
    folder = image_folder(sha256, landing)
    target = folder / f"page-{page_no:04d}-{dpi}dpi.png"
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    image = straighten(render_page(Path(pdf_path), page_no, dpi))  # a scan rotated on the glass: level
    handle, scratch = tempfile.mkstemp(prefix=".page-", suffix=".png", dir=folder)
    os.close(handle)
    image.save(scratch, format="PNG", dpi=(dpi, dpi))
    os.replace(scratch, target)  # atomic: a concurrent renderer never sees half a file
    return target


def scanned_copy(pdf_path: Path, target: Path, dpi: int, pages: list[int] | None = None) -> Path:
    """An image-only copy of a PDF (what a scanner makes): each page (or ``pages``, 1-based)
    rendered at ``dpi`` and written as one image per page, the page size kept (Pillow's PDF
    writer at the rendering's resolution). No text layer: it is read by OCR."""
    numbers = pages or list(range(1, page_count(pdf_path) + 1))
    images = [render_page(Path(pdf_path), number, dpi).convert("L") for number in numbers]
    target.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(target, format="PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return target
