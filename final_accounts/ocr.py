"""Reading scanned pages: OCR of a PDF page image into positioned words with confidences.

A page with no text layer is rendered (``raster.page_image``) and read by an OCR engine:

- ``rapidocr`` (default): RapidOCR on ONNX Runtime (PyPI ``rapidocr-onnxruntime``, its
  wheel carries the PP-OCR Chinese models). It returns text boxes with a confidence per
  character; a box is split into words at its spaces and at wide gaps between characters
  (a box can run across two table cells), and a word's confidence is its lowest character's.
- ``tesseract``: Debian's ``tesseract-ocr`` with ``tesseract-ocr-chi-sim`` through pytesseract
  (``image_to_data``: word boxes, confidence 0–100 scaled to 0–1).

The engine was chosen by measuring both (``final-accounts benchmark-ocr``, docs/measurements.md).
Words come back in PDF points of the page (pdfplumber's top-left origin). A document's OCR is
cached by content hash, engine and dpi beside its page images (``<landing>/cache/ocr/``), one
JSON file per page, so a page is read once; ``ocr_document`` reads the missing pages in
parallel across processes and reports ``page n of N``.
"""
from __future__ import annotations

import itertools
import json
import os
import tempfile
import unicodedata
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import NamedTuple

from . import raster
from .landing import landing_root

ENGINES = ("rapidocr", "tesseract")
DEFAULT_ENGINE = os.environ.get("OCR_ENGINE", "rapidocr")
DEFAULT_DPI = int(os.environ.get("OCR_DPI", "200"))
OCR_FOLDER = "ocr"
# a gap between two characters of one OCR box wider than this many character heights
# separates two words (two table cells the detector boxed together)
WORD_GAP_HEIGHTS = 0.9


class OcrWord(NamedTuple):
    """One word read by OCR, in PDF points of its page (field names of word_layout.Word)."""
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float


_ENGINES: dict[str, object] = {}


def _rapidocr():
    if "rapidocr" not in _ENGINES:
        import logging

        from rapidocr_onnxruntime import RapidOCR
        engine = RapidOCR()
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)  # the console shows our messages only
        for name in list(logging.root.manager.loggerDict):
            if "rapidocr" in name.lower():
                logging.getLogger(name).setLevel(logging.ERROR)
        _ENGINES["rapidocr"] = engine
    return _ENGINES["rapidocr"]


def _box(points) -> tuple[float, float, float, float]:
    xs = [point[0] for point in points]
    ys = [point[1] for point in points]
    return min(xs), min(ys), max(xs), max(ys)


def _split_box(chars_read, char_boxes, char_scores) -> list[tuple[str, tuple, float]]:
    """Words of one RapidOCR text box, split at gaps wider than the glyphs. The spaces the
    recogniser puts in (“3832. 36” for a printed 3832.36) are dropped with their scores."""
    if not (len(chars_read) == len(char_boxes) == len(char_scores)):
        return []
    chars = [(char, _box(points), float(score)) for char, points, score in zip(chars_read, char_boxes, char_scores)
             if char.strip()]
    if not chars:
        return []
    height = max(box[3] - box[1] for _, box, _ in chars)
    words, current = [], [chars[0]]
    for previous, char in itertools.pairwise(chars):
        if char[1][0] - previous[1][2] > WORD_GAP_HEIGHTS * height:
            words.append(current)
            current = []
        current.append(char)
    words.append(current)
    result = []
    for word in words:
        text_ = "".join(char for char, _, _ in word)
        box = (min(b[0] for _, b, _ in word), min(b[1] for _, b, _ in word),
               max(b[2] for _, b, _ in word), max(b[3] for _, b, _ in word))
        result.append((text_, box, min(score for _, _, score in word)))
    return result


def _read_rapidocr(image_path: Path) -> list[tuple[str, tuple, float]]:
    result, _ = _rapidocr()(str(image_path), return_word_box=True)
    words = []
    for entry in result or []:
        points, text, score = entry[0], entry[1], float(entry[2])
        pieces = []
        if len(entry) >= 6:
            pieces = _split_box(entry[4], entry[3], entry[5])
        if not pieces:  # no character boxes: the box as one word
            pieces = [("".join(text.split()), _box(points), score)]
        words.extend(piece for piece in pieces if piece[0].strip())
    return words


def _read_tesseract(image_path: Path) -> list[tuple[str, tuple, float]]:
    import pytesseract
    from PIL import Image

    with Image.open(image_path) as image:
        data = pytesseract.image_to_data(image, lang="chi_sim", config="--psm 11",
                                         output_type=pytesseract.Output.DICT)
    words = []
    for text, left, top, width, height, conf in zip(data["text"], data["left"], data["top"], data["width"],
                                                     data["height"], data["conf"]):
        if text.strip() and float(conf) >= 0:
            words.append((text.strip(), (left, top, left + width, top + height), float(conf) / 100))
    return words


def read_image(image_path: Path, dpi: int, engine: str = DEFAULT_ENGINE) -> list[OcrWord]:
    """The words of one page image, in PDF points (``dpi`` is the image's resolution)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown OCR engine {engine!r}: expected one of {', '.join(ENGINES)}")
    raw = _read_rapidocr(image_path) if engine == "rapidocr" else _read_tesseract(image_path)
    scale = raster.points_per_pixel(dpi)
    words = []
    for text, (x0, top, x1, bottom), confidence in raw:
        words.append(OcrWord(unicodedata.normalize("NFC", text), round(x0 * scale, 2), round(top * scale, 2),
                             round(x1 * scale, 2), round(bottom * scale, 2), round(min(max(confidence, 0.0), 1.0), 4)))
    words.sort(key=lambda word: (word.top, word.x0))
    return words


def _reader_version() -> str:
    """A fingerprint of this module: OCR results cached by other code are read again."""
    import hashlib
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:8]


READER_VERSION = _reader_version()


def cache_file(sha256: str, page_no: int, dpi: int = DEFAULT_DPI, engine: str = DEFAULT_ENGINE,
               landing: Path | None = None) -> Path:
    """Where the OCR words of a page are cached: by content hash, page, engine, dpi and reader version."""
    return ((landing or landing_root()) / "cache" / OCR_FOLDER / sha256[:16]
            / f"page-{page_no:04d}-{engine}-{dpi}dpi-{READER_VERSION}.json")


def page_words(pdf_path: Path, sha256: str, page_no: int, dpi: int = DEFAULT_DPI, engine: str = DEFAULT_ENGINE,
               landing: Path | None = None) -> list[OcrWord]:
    """The OCR words of one page, read once per (content hash, page, engine, dpi) and cached."""
    target = cache_file(sha256, page_no, dpi, engine, landing)
    if target.exists():
        return [OcrWord(*row) for row in json.loads(target.read_text(encoding="utf-8"))]
    image = raster.page_image(pdf_path, sha256, page_no, dpi, landing=landing)
    words = read_image(image, dpi, engine)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(prefix=".ocr-", suffix=".json", dir=target.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump([list(word) for word in words], out, ensure_ascii=False)
    os.replace(scratch, target)
    return words


def _page_job(args: tuple[str, str, int, int, str, str | None]) -> tuple[int, list[OcrWord]]:
    pdf_path, sha256, page_no, dpi, engine, landing = args
    return page_no, page_words(Path(pdf_path), sha256, page_no, dpi, engine, Path(landing) if landing else None)


def is_cached(sha256: str, page_no: int, dpi: int = DEFAULT_DPI, engine: str = DEFAULT_ENGINE,
              landing: Path | None = None) -> bool:
    return cache_file(sha256, page_no, dpi, engine, landing).exists()


def ocr_document(pdf_path: Path, sha256: str, pages: list[int], dpi: int = DEFAULT_DPI, engine: str = DEFAULT_ENGINE,
                 landing: Path | None = None, jobs: int | None = None, progress=None) -> dict[int, list[OcrWord]]:
    """OCR ``pages`` of a PDF (cached pages are not read again), the missing ones in parallel
    across ``jobs`` processes; ``progress(done, total)`` is called after every page."""
    results: dict[int, list[OcrWord]] = {}
    todo = []
    for page_no in pages:
        if is_cached(sha256, page_no, dpi, engine, landing):
            results[page_no] = page_words(pdf_path, sha256, page_no, dpi, engine, landing)
        else:
            todo.append((str(pdf_path), sha256, page_no, dpi, engine, str(landing) if landing else None))
    total = len(pages)
    if progress and results:
        progress(len(results), total)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    if workers == 1:
        for args in todo:
            page_no, words = _page_job(args)
            results[page_no] = words
            if progress:
                progress(len(results), total)
    elif todo:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for future in as_completed([pool.submit(_page_job, args) for args in todo]):
                page_no, words = future.result()
                results[page_no] = words
                if progress:
                    progress(len(results), total)
    return results
