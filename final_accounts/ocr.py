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
JSON file per page, and by the page image's pixels (``by_image/``; under ``$OCR_CACHE`` when set,
a folder shared by several landings), so a page is read once, also when printed again into
another file; ``ocr_document`` reads the missing pages in
parallel across processes and reports ``page n of N``.
"""
from __future__ import annotations

import functools
import itertools
import json
import os
import re
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
# a narrower gap separates a figure's last digit from a Chinese character after it: a figure
# right-aligned in one cell of an unruled table and the label left-aligned in the next, boxed
# together. Measured on corpus pages at 200 dpi (docs/measurements.md, "Scanned"): between a
# cell's figure and the next cell's label 0.46–0.74 of the character height; within a sentence
# (16.40万元, 2024年, 支出1958.34) at most 0.29
FIGURE_LABEL_GAP_HEIGHTS = 0.4
# two column headings boxed as one word are cut apart only at a gap at least this wide
# (measured at 200 dpi: between headings 0.38–1.6 character heights; between the two headings a
# row label is made of, 人员经费|合计, 0–0.21): ``_split_headings``
HEADING_GAP_HEIGHTS = 0.3
# a number boxed with the heading after it (1栏次) is cut at a narrower gap: measured 0.29 and 0.34
# (a narrow digit's box is drawn wide); a heading never follows a number within one word
NUMBER_HEADING_GAP_HEIGHTS = 0.15
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# a word shaped like a classification code (2 to 7 digits, nothing else) is read again from its
# own pixels: the recogniser reading a whole line reads a code's trailing 99 as 66 (2010399 →
# 2010366), the same pixels cut out alone read 99 (docs/measurements.md, "Scanned")
CODE_SHAPE = re.compile(r"\d{2,7}")
# a code read with a mark at one end (``）02`` for a printed 02: the stroke of the neighbour's
# last digit, taken into the box, read as a bracket) is read again without the mark's share of
# its box
MARKED_CODE = re.compile(r"^([()（）。，,.、])?(\d{2,7})([()（）。，,.、])?$")
# the margins of the word's crop, in character heights: the more confident of the two reads counts
REREAD_MARGINS = (0.12, 0.35)
REREAD_BORDER_PX = 8  # white border around the crop (the recogniser wants space around the glyphs)


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
    """Words of one RapidOCR text box, split at gaps wider than the glyphs (narrower between a
    digit and a Chinese character: a figure and the next cell's label). The spaces the
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
        gap = char[1][0] - previous[1][2]
        if gap > WORD_GAP_HEIGHTS * height or (
                gap > FIGURE_LABEL_GAP_HEIGHTS * height and previous[0].isdigit() and CJK.match(char[0])):
            words.append(current)
            current = []
        current.append(char)
    words.append(current)
    words = [piece for word in words for piece in _split_headings(word)]
    result = []
    for word in words:
        text_ = "".join(char for char, _, _ in word)
        box = (min(b[0] for _, b, _ in word), min(b[1] for _, b, _ in word),
               max(b[2] for _, b, _ in word), max(b[3] for _, b, _ in word))
        result.append((text_, box, min(score for _, _, score in word)))
    return result


@functools.cache
def _headings() -> frozenset[str]:
    """The column headings the nine tables print (seeds/vocab_column_headings.csv), NFKC-folded."""
    from .vocabulary import rows

    return frozenset(unicodedata.normalize("NFKC", row["heading"]) for row in rows("vocab_column_headings"))


NUMBER_PREFIX = re.compile(r"[\d,.]+")


def _split_headings(chars: list) -> list[list]:
    """A box whose text is exactly two or more column headings end to end (the detector boxes
    adjacent headings of an unruled table as one: ``合计一般公共预算财政拨款政府性基金预算财政拨款``) cut
    between the headings where they stand apart (``HEADING_GAP_HEIGHTS``), each heading a word
    with its own characters' boxes; the segmentation with the fewest headings wins
    (``本年收入合计`` stays whole); a number before the headings is a word of its own (``1栏次``:
    the income side's column number and the expenditure side's 栏次, 0.29–0.34 heights apart,
    under ``FIGURE_LABEL_GAP_HEIGHTS``; ``NUMBER_HEADING_GAP_HEIGHTS``). Any other text is left whole: the gap between two headings
    overlaps the gaps inside a word (up to 0.7 heights next to a narrow glyph, measured), so the
    gap alone cannot decide, nor the words alone (a row label 人员经费合计 is two headings)."""
    text = unicodedata.normalize("NFKC", "".join(char for char, _, _ in chars))
    headings = _headings()
    if len(text) != len(chars) or text in headings or len(text) < 2:
        return [chars]
    height = max(box[3] - box[1] for _, box, _ in chars)
    # where a cut may fall: a gap of HEADING_GAP_HEIGHTS or more (a row label made of two
    # headings, 人员经费合计, prints them 0–0.21 heights apart; headings stand 0.38 or more)
    cuttable = {0} | {i for i in range(1, len(chars))
                      if chars[i][1][0] - chars[i - 1][1][2] >= HEADING_GAP_HEIGHTS * height}
    # fewest headings covering text[:i], and where the last one starts; a number may stand
    # first (a 栏次 line's last column number boxed with the other side's 栏次: ``1栏次``)
    best: list[tuple[int, int] | None] = [(0, 0)] + [None] * len(text)
    number = NUMBER_PREFIX.match(text)
    if number and number.end() < len(chars) and \
            chars[number.end()][1][0] - chars[number.end() - 1][1][2] >= NUMBER_HEADING_GAP_HEIGHTS * height:
        best[number.end()] = (1, 0)
        cuttable.add(number.end())
    for end in range(1, len(text) + 1):
        for start in range(end):
            if start in cuttable and best[start] is not None and text[start:end] in headings:
                count = best[start][0] + 1
                if best[end] is None or count < best[end][0]:
                    best[end] = (count, start)
    if best[-1] is None or best[-1][0] < 2:
        return [chars]
    cuts, end = [], len(text)
    while end:
        start = best[end][1]
        cuts.append((start, end))
        end = start
    return [chars[start:end] for start, end in reversed(cuts)]


def _read_rapidocr(image_path: Path) -> list[tuple[str, tuple, float]]:
    # no text-direction classifier: pages are upright (raster.straighten levels them), and the
    # classifier turned short boxes upside down (90% read as %06, docs/measurements.md)
    result, _ = _rapidocr()(str(image_path), use_cls=False, return_word_box=True)
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


def _sure_threshold() -> float:
    """A read at least this confident is sure (ref_ocr_settings' low-confidence threshold)."""
    from .vocabulary import rows

    return float(next(row["value"] for row in rows("ref_ocr_settings") if row["setting"] == "low_confidence_threshold"))


def reread_codes(image_path: Path, dpi: int, words: list[OcrWord]) -> list[OcrWord]:
    """Every code-shaped word (``CODE_SHAPE``) read again from its own crop of the page image,
    alone (RapidOCR's recogniser, no detection), with two margins. The reads compared: one
    that is not a code of the same length says nothing about the digits (a rule read as a
    stroke, a digit dropped); the same text keeps the word; a different code of the same length
    read alone at least as confidently as the low-confidence threshold replaces it (the word's own pixels, without the neighbours that misled the line's
    reading); otherwise the word keeps what was read, its confidence lowered to what the other
    read leaves it (1 − the other read's confidence), so it is marked low-confidence. No
    figure is ever changed to fit anything but its pixels. A code read with a stray mark at one
    end is read again first (``_reread_marked``)."""
    result = _reread_marked(image_path, dpi, words)
    candidates = [index for index, word in enumerate(result) if CODE_SHAPE.fullmatch(word.text)]
    if not candidates:
        return result
    words = result
    import numpy as np
    from PIL import Image, ImageOps

    pixels = 1.0 / raster.points_per_pixel(dpi)
    crops = []
    with Image.open(image_path) as opened:
        image = opened.convert("RGB")
    for index in candidates:
        word = words[index]
        height = (word.bottom - word.top) * pixels
        for margin in REREAD_MARGINS:
            pad = max(2.0, margin * height)
            box = (max(0, int(word.x0 * pixels - pad)), max(0, int(word.top * pixels - pad)),
                   min(image.width, int(word.x1 * pixels + pad + 1)), min(image.height, int(word.bottom * pixels + pad + 1)))
            crop = ImageOps.expand(image.crop(box), border=REREAD_BORDER_PX, fill="white")
            crops.append(np.asarray(crop)[:, :, ::-1])  # the recogniser takes BGR, as OpenCV loads
    reads, _ = _rapidocr().text_rec(crops)
    sure = _sure_threshold()
    result = list(words)
    for n, index in enumerate(candidates):
        word = words[index]
        options = [("".join(str(text).split()), float(score)) for text, score, *_ in
                   reads[n * len(REREAD_MARGINS):(n + 1) * len(REREAD_MARGINS)]]
        # a crop read as another shape (a digit fewer, a rule read as a stroke) says nothing about
        # the digits: only a code of the same length is a second reading of them
        same_shape = [option for option in options if CODE_SHAPE.fullmatch(option[0])
                      and len(option[0]) == len(word.text)]
        if not same_shape or any(text == word.text for text, _ in same_shape):
            continue
        text, score = max(same_shape, key=lambda option: option[1])
        if score >= sure:
            result[index] = word._replace(text=text, confidence=round(score, 4))
        else:
            result[index] = word._replace(confidence=round(min(word.confidence, 1.0 - score), 4))
    return result


def _reread_marked(image_path: Path, dpi: int, words: list[OcrWord]) -> list[OcrWord]:
    """Every code read unsure (under the low-confidence threshold) with a mark at one end
    (``MARKED_CODE``) read again from its box less the mark's share (one character's of the
    word's width, on the mark's side): when its digits alone read as the same digits, at least
    as confidently as the threshold, the word is those digits, in that narrower box (the mark
    was a neighbour's stroke its box took in); otherwise it is kept as read. (A bracket printed
    is read sure: kept.)"""
    sure = _sure_threshold()
    marked = [(index, match) for index, word in enumerate(words)
              if word.confidence < sure and (match := MARKED_CODE.match(word.text)) and (match.group(1) or match.group(3))]
    if not marked:
        return words
    import numpy as np
    from PIL import Image, ImageOps

    pixels = 1.0 / raster.points_per_pixel(dpi)
    with Image.open(image_path) as opened:
        image = opened.convert("RGB")
    boxes, crops = [], []
    for index, match in marked:
        word = words[index]
        share = (word.x1 - word.x0) / len(word.text)
        x0 = word.x0 + (share if match.group(1) else 0.0)
        x1 = word.x1 - (share if match.group(3) else 0.0)
        boxes.append((x0, x1))
        height = (word.bottom - word.top) * pixels
        for margin in REREAD_MARGINS:
            pad = max(2.0, margin * height)
            box = (max(0, int(x0 * pixels - pad)), max(0, int(word.top * pixels - pad)),
                   min(image.width, int(x1 * pixels + pad + 1)), min(image.height, int(word.bottom * pixels + pad + 1)))
            crop = ImageOps.expand(image.crop(box), border=REREAD_BORDER_PX, fill="white")
            crops.append(np.asarray(crop)[:, :, ::-1])
    reads, _ = _rapidocr().text_rec(crops)
    result = list(words)
    for n, ((index, match), (x0, x1)) in enumerate(zip(marked, boxes)):
        options = [("".join(str(text).split()), float(score)) for text, score, *_ in
                   reads[n * len(REREAD_MARGINS):(n + 1) * len(REREAD_MARGINS)]]
        scores = [score for text, score in options if text == match.group(2)]
        if scores and max(scores) >= sure:
            result[index] = words[index]._replace(text=match.group(2), x0=round(x0, 2), x1=round(x1, 2),
                                                  confidence=round(max(scores), 4))
    return result


@functools.lru_cache(maxsize=2)
def _grey(image_path: str):
    """A page image in grey levels, opened once for all its cells."""
    from PIL import Image

    with Image.open(image_path) as opened:
        return opened.convert("L")


# an empty table cell with at least this many ink pixels inside its rules is read alone
MIN_INK_PIXELS = 20
MIN_GLYPH_POINTS = 3.0  # ink lower than this is a dash or a mark, not a word to read
CELL_INSET_PX = 3  # the cell's rules (and their anti-aliasing) left out of its ink


def read_region(image_path: Path, dpi: int, box: tuple[float, float, float, float]) -> OcrWord | None:
    """What is printed inside ``box`` (points; a ruled cell, its rules left out) where the page's
    reading found nothing: the ink's extent cut out and read alone by the recogniser (the
    detector can miss a short word). None when the region holds no ink or reads as nothing.
    What is read is kept with its confidence (a low one marks it)."""
    import numpy as np
    from PIL import ImageOps

    pixels = 1.0 / raster.points_per_pixel(dpi)
    grey = _grey(str(image_path))
    x0, top = int(box[0] * pixels) + CELL_INSET_PX, int(box[1] * pixels) + CELL_INSET_PX
    x1, bottom = min(grey.width, int(box[2] * pixels) - CELL_INSET_PX), min(grey.height, int(box[3] * pixels) - CELL_INSET_PX)
    if x1 - x0 < 4 or bottom - top < 4:
        return None
    ink = np.asarray(grey.crop((x0, top, x1, bottom))) < 128
    if ink.sum() < DASH_MIN_INK_PIXELS:
        return None
    rows, columns = np.nonzero(ink.any(axis=1))[0], np.nonzero(ink.any(axis=0))[0]
    left, right, upper, lower = x0 + columns[0], x0 + columns[-1] + 1, top + rows[0], top + rows[-1] + 1
    if (lower - upper) / pixels < MIN_GLYPH_POINTS:  # a dash printed for nil, or a stray mark
        # measured on its lighter pixels too: a thin stroke straddling two pixel rows is grey in
        # both, its ends lighter than the ink threshold (a 2.4-point dash measured 1.44 points)
        light = np.asarray(grey.crop((x0, top, x1, bottom))) < DASH_LIGHT_INK
        rows, columns = np.nonzero(light.any(axis=1))[0], np.nonzero(light.any(axis=0))[0]
        return _dash(x0 + columns[0], top + rows[0], x0 + columns[-1] + 1, top + rows[-1] + 1, dpi)
    if ink.sum() < MIN_INK_PIXELS:
        return None
    pad = max(2, int(0.12 * (lower - upper)))
    crop = grey.crop((max(0, left - pad), max(0, upper - pad), min(grey.width, right + pad), min(grey.height, lower + pad)))
    crop = ImageOps.expand(crop.convert("RGB"), border=REREAD_BORDER_PX, fill="white")
    reads, _ = _rapidocr().text_rec([np.asarray(crop)[:, :, ::-1]])
    text, score = "".join(str(reads[0][0]).split()), float(reads[0][1])
    if not text:
        return None
    scale = raster.points_per_pixel(dpi)
    return OcrWord(unicodedata.normalize("NFC", text), round(float(left) * scale, 2), round(float(upper) * scale, 2),
                   round(float(right) * scale, 2), round(float(lower) * scale, 2), round(min(max(score, 0.0), 1.0), 4))


# a dash is at least this wide, and at least twice as wide as it is high (a 9-point “-” scanned at
# 200 dpi: 5 pixels, 1.8 points, wide and 1–2 pixels high, 5–10 pixels of ink, measured)
DASH_MIN_POINTS = 1.5
DASH_MIN_INK_PIXELS = 4
DASH_MAX_POINTS = 20.0
DASH_CONFIDENCE = 0.99  # recognised by its shape, not by the recogniser
DASH_LIGHT_INK = 192  # grey level below which a pixel belongs to a dash's extent (its anti-aliased ends)


def _dash(left: int, upper: int, right: int, lower: int, dpi: int) -> OcrWord | None:
    """A short horizontal stroke (pixels ``left``..``lower``) is the dash a table prints for nil
    (the detector does not box it: too small); any other low ink is a mark, no word."""
    scale = raster.points_per_pixel(dpi)
    width, height = (right - left) * scale, (lower - upper) * scale
    if not (DASH_MIN_POINTS <= width <= DASH_MAX_POINTS and width >= 2 * height):
        return None
    return OcrWord("-", round(float(left) * scale, 2), round(float(upper) * scale, 2),
                   round(float(right) * scale, 2), round(float(lower) * scale, 2), DASH_CONFIDENCE)


# a cluster of ink the page's reading left unread is read alone when it is no taller than this
# many times the page's median word height (taller ink: a seal, a logo, a picture)
MISSED_INK_MAX_HEIGHTS = 1.6
MISSED_INK_PAD_PX = 3  # around each word's box, ink belongs to the word (anti-aliasing, accents)
# a missed word stands apart from the words read, at least this many word heights away (closer
# ink is part of a word whose box left a stroke out: the tail of a %, a bracket)
MISSED_INK_APART_HEIGHTS = 0.5
# within a printed line, ink closer than this many word heights is read as one run (a sentence's
# words; table cells stand further apart)
MISSED_INK_WORD_GAP_HEIGHTS = 1.0
# around a run of missed ink, beyond the cell inset, the region read keeps this many pixels
# (within MISSED_INK_APART_HEIGHTS of no word read: nothing else's ink)
MISSED_INK_MARGIN_PX = 2


def _runs(flags, min_gap: int) -> list[tuple[int, int]]:
    """Runs of true flags (indexes start..end exclusive), gaps narrower than ``min_gap`` closed."""
    import numpy as np

    indexes = np.nonzero(flags)[0]
    if not len(indexes):
        return []
    runs, start, previous = [], int(indexes[0]), int(indexes[0])
    for index in indexes[1:]:
        if index - previous > min_gap:
            runs.append((start, previous + 1))
            start = int(index)
        previous = int(index)
    runs.append((start, previous + 1))
    return runs


def read_missed_ink(image_path: Path, dpi: int, words: list[OcrWord]) -> list[OcrWord]:
    """Words the detector did not box on a page without ruling (a lone short word — 总分 under a
    self-evaluation table —, a dash printed for nil): the page's ink outside every word's box,
    cut into printed lines and, within a line, into runs of ink closer than a character height,
    each run read alone (``read_region``). A run taller than ``MISSED_INK_MAX_HEIGHTS`` word
    heights (a seal, a picture) or with too little ink is left alone. On ruled pages every empty
    cell is read so already."""
    if not words:
        return []
    import numpy as np

    pixels = 1.0 / raster.points_per_pixel(dpi)
    grey = _grey(str(image_path))
    ink = np.asarray(grey) < 128
    ink = ink.copy()
    for word in words:
        ink[max(0, int(word.top * pixels) - MISSED_INK_PAD_PX):int(word.bottom * pixels) + MISSED_INK_PAD_PX + 1,
            max(0, int(word.x0 * pixels) - MISSED_INK_PAD_PX):int(word.x1 * pixels) + MISSED_INK_PAD_PX + 1] = False
    heights = sorted((word.bottom - word.top) * pixels for word in words)
    median = heights[len(heights) // 2]
    boxes = [(word.x0 * pixels, word.top * pixels, word.x1 * pixels, word.bottom * pixels) for word in words]
    apart = MISSED_INK_APART_HEIGHTS * median
    found = []
    for top, bottom in _runs(ink.any(axis=1), 1):
        if bottom - top > MISSED_INK_MAX_HEIGHTS * median:
            continue
        band = ink[top:bottom]
        for left, right in _runs(band.any(axis=0), max(2, int(MISSED_INK_WORD_GAP_HEIGHTS * median))):
            if band[:, left:right].sum() < DASH_MIN_INK_PIXELS:
                continue
            if any(x0 - apart < right and left < x1 + apart and y0 - apart < bottom and top < y1 + apart
                   for x0, y0, x1, y1 in boxes):
                continue  # ink beside a word read is that word's (a stroke its box left out)
            # (read_region leaves a cell's inset out and reads no region under 4 pixels a side:
            # a dash alone on its line, 1–2 pixels high, is given a margin beyond the inset)
            margin = CELL_INSET_PX + MISSED_INK_MARGIN_PX
            box = ((left - margin) / pixels, (top - margin) / pixels,
                   (right + margin) / pixels, (bottom + margin) / pixels)
            word = read_region(image_path, dpi, box)
            if word is not None and (word.text != "-" or _on_a_line(word, words)):
                found.append(word)
    return found


def _on_a_line(word: OcrWord, words: list[OcrWord]) -> bool:
    """A stroke standing in a line of words (a dash in a table row's empty cell), not between
    lines (a speck in the margin or between a sentence's lines is no word)."""
    middle = (word.top + word.bottom) / 2
    return any(other.top + 0.25 * (other.bottom - other.top) <= middle <= other.bottom - 0.1 * (other.bottom - other.top)
               for other in words)


# the version of what ``read_image`` returns for an image (cached by the image's pixels), and
# of the words after ``reread_codes`` (cached per document page): raise one when a change to
# the reading (engine settings, word splitting; the re-reading) changes the words, so pages
# cached by the earlier reading are read again (edits that change no word keep the cache)
BASE_READ_VERSION = "r6"
READER_VERSION = f"{BASE_READ_VERSION}.2"
SHARED_CACHE_ENV = "OCR_CACHE"  # a folder shared by several landings (corpus runs): pages read once


def _image_key(image_path: Path) -> str:
    """The content hash of a page image's pixels: the same page printed into another PDF
    (a corpus printed again, another timestamp in the file) is recognised as read."""
    import hashlib

    from PIL import Image

    with Image.open(image_path) as image:
        pixels = image.convert("L")
        return hashlib.sha256(f"{pixels.size}".encode() + pixels.tobytes()).hexdigest()[:24]


def image_cache_file(image_path: Path, dpi: int, engine: str, landing: Path | None = None) -> Path:
    """Where the OCR words of a page image are cached by its pixels: under ``$OCR_CACHE`` when
    set (shared across landings), else beside the landing's other OCR results."""
    root = Path(os.environ[SHARED_CACHE_ENV]) if os.environ.get(SHARED_CACHE_ENV) else \
        (landing or landing_root()) / "cache" / OCR_FOLDER
    return root / "by_image" / f"{_image_key(image_path)}-{engine}-{dpi}dpi-{BASE_READ_VERSION}.json"


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
        return _load(target)
    image = raster.page_image(pdf_path, sha256, page_no, dpi, landing=landing)
    by_image = image_cache_file(image, dpi, engine, landing)
    if by_image.exists():
        words = _load(by_image)
    else:
        words = read_image(image, dpi, engine)
        _store(by_image, words)
    if engine == "rapidocr":
        words = reread_codes(image, dpi, words)
    _store(target, words)
    return words


def _load(path: Path) -> list[OcrWord]:
    return [OcrWord(*row) for row in json.loads(path.read_text(encoding="utf-8"))]


def _store(path: Path, words: list[OcrWord]) -> None:
    """Written atomically: a concurrent reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(prefix=".ocr-", suffix=".json", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump([list(word) for word in words], out, ensure_ascii=False)
    os.replace(scratch, path)


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
