"""A scanned page (no text layer) read into text lines and table rows, as a text-layer page is.

The page image's ruling is found from its pixels: runs of dark pixels longer than any
glyph stroke (``MIN_RULE_POINTS``) are the table's rules. They are handed to pdfplumber's
table finder as explicit lines, so a scanned ruled table is cut into the same rows and
cells as its text-layer original (merged cells included). The OCR words (``ocr.page_words``)
are then placed in the cell holding their centre; a cell keeps the box of its words and the
lowest confidence among them. Words outside every table become text lines (words whose
vertical middles overlap, left to right). A page with no ruling hands its words to
``word_layout.page_items``, the reading of unruled tables by word positions.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import raster

# a rule is a run of dark pixels at least this long (in points): longer than a glyph's stroke
MIN_RULE_POINTS = {"h": 20.0, "v": 13.0}
DARK = 128  # grey level below which a pixel is ink


@dataclass(frozen=True)
class Cell:
    text: str
    box: tuple[float, float, float, float] | None
    confidence: float | None


def _runs(mask, min_length: int) -> list[tuple[int, int, int]]:
    """(line index, start, end) of every run of True at least ``min_length`` long, per row."""
    import numpy as np

    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    steps = np.diff(padded, axis=1)
    rows_start, cols_start = np.nonzero(steps == 1)
    _, cols_end = np.nonzero(steps == -1)
    lengths = cols_end - cols_start
    keep = lengths >= min_length
    return list(zip(rows_start[keep].tolist(), cols_start[keep].tolist(), cols_end[keep].tolist()))


def _merge(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Runs on adjacent pixel lines that overlap merge into one rule: (first, last, start, end)."""
    rules: list[list[int]] = []
    open_rules: list[list[int]] = []
    for index, start, end in sorted(runs):
        still_open = [rule for rule in open_rules if rule[1] >= index - 1]
        for rule in still_open:
            if start < rule[3] and end > rule[2]:
                rule[1], rule[2], rule[3] = index, min(rule[2], start), max(rule[3], end)
                break
        else:
            rule = [index, index, start, end]
            rules.append(rule)
            still_open.append(rule)
        open_rules = still_open
    return [tuple(rule) for rule in rules]


def page_rules(image_path, dpi: int) -> list[dict]:
    """The ruling of a page image as pdfplumber line objects, in points."""
    import numpy as np
    from PIL import Image

    with Image.open(image_path) as image:
        ink = np.asarray(image.convert("L")) < DARK
    scale = raster.points_per_pixel(dpi)
    lines = []
    for orientation, mask in (("h", ink), ("v", ink.T)):
        min_length = int(MIN_RULE_POINTS[orientation] / scale)
        for first, last, start, end in _merge(_runs(mask, min_length)):
            across = (first + last + 1) / 2 * scale
            low, high = start * scale, end * scale
            if orientation == "h":
                lines.append({"object_type": "line", "x0": low, "x1": high, "top": across, "bottom": across,
                              "width": high - low, "height": 0.0})
            else:
                lines.append({"object_type": "line", "x0": across, "x1": across, "top": low, "bottom": high,
                              "width": 0.0, "height": high - low})
    return lines


def _centre_in(word, box) -> bool:
    x0, top, x1, bottom = box
    return x0 <= (word.x0 + word.x1) / 2 <= x1 and top <= (word.top + word.bottom) / 2 <= bottom


def lines_of(words) -> list[list]:
    """Words grouped into printed lines (vertical middles within each other's extent), left to right."""
    lines: list[list] = []
    for word in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        middle = (word.top + word.bottom) / 2
        for line in lines:
            top = min(w.top for w in line)
            bottom = max(w.bottom for w in line)
            if top <= middle <= bottom:
                line.append(word)
                break
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in sorted(lines, key=lambda ws: min(w.top for w in ws))]


def join(line) -> str:
    """A line's text: words side by side joined directly, a space where the gap is wider than
    half the line's height (as pdfplumber spaces text-layer words)."""
    text = ""
    previous = None
    for word in line:
        if previous is not None:
            height = max(word.bottom - word.top, previous.bottom - previous.top)
            text += " " if word.x0 - previous.x1 > 0.5 * height else ""
        text += word.text
        previous = word
    return text


# a word reaching at least this many of its heights past a cell's rule on both sides crosses it
RULE_CROSSING_HEIGHTS = 0.25


def _glyph_width(char: str) -> float:
    """A glyph's width in character widths: a Chinese character one, a digit or letter about half,
    a point or comma a quarter."""
    if char in ".,:;，．":
        return 0.275
    return 1.0 if ord(char) > 0x2E7F else 0.55


def cut_at_rules(words: list, rows: list[tuple[float, float, float, float, list[float]]]) -> list:
    """Words the OCR boxed across a ruled table's column rule (a figure and the next cell's code,
    ``0.00310`` over 0.00 | 310) cut at the rule: ``rows`` are (x0, top, x1, bottom, x of the
    rules between the row's cells). The text is cut between the two characters whose boundary,
    placed along the box by the glyphs' widths, lies nearest the rule; each piece keeps the word's
    confidence and its side of the box. A word touching a rule (less than a quarter of its
    height past it) is left whole, and so is a word reaching out of the row's box (by as much):
    it is not printed in the row's cells (the small boxes the strokes of a large printed title
    make, a word of the title boxed across them)."""
    result = []
    pending = list(words)
    while pending:
        word = pending.pop(0)
        middle = (word.top + word.bottom) / 2
        reach = RULE_CROSSING_HEIGHTS * (word.bottom - word.top)
        rules = [x for x0, top, x1, bottom, xs in rows if top <= middle <= bottom
                 and x0 - reach <= word.x0 and word.x1 <= x1 + reach
                 and top - reach <= word.top and word.bottom <= bottom + reach
                 for x in xs if word.x0 + reach < x < word.x1 - reach]
        if not rules or len(word.text) < 2:
            result.append(word)
            continue
        rule = rules[0]
        widths = [_glyph_width(char) for char in word.text]
        scale = (word.x1 - word.x0) / sum(widths)
        ends = [word.x0 + scale * sum(widths[:index]) for index in range(1, len(word.text))]
        cut = min(range(len(ends)), key=lambda index: abs(ends[index] - rule)) + 1
        left = word._replace(text=word.text[:cut], x1=round(rule, 2))
        right = word._replace(text=word.text[cut:], x0=round(rule, 2))
        result.append(left)
        pending.insert(0, right)  # (it may cross the next rule too)
    return result


def cell_of(words) -> Cell:
    if not words:
        return Cell("", None, None)
    text = "\n".join(join(line) for line in lines_of(words))
    box = (min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words))
    return Cell(text, box, min(w.confidence for w in words))


SIDE_POINTS = 3.0
LONE_ROW_WIDTH = 0.4  # a table of one row spans at least this share of the page's width  # rules ending within this of each other end at one side of a table


def _open_sides(horizontal: list[dict], vertical: list[dict]) -> list[dict]:
    """The side borders a ruled table does not print (an open-sided table) or lost (printed or
    scanned past the page's printable edge): where two or more horizontal rules end at the same
    x and no vertical rule stands there, a vertical line there closes their cells, from the
    first to the last of those rules (the cells keep what they show)."""
    def crossings(rule: dict) -> int:
        return sum(rule["x0"] + SIDE_POINTS < line["x0"] < rule["x1"] - SIDE_POINTS
                   and line["top"] - SIDE_POINTS <= rule["top"] <= line["bottom"] + SIDE_POINTS for line in vertical)

    # a table's rules cross its column rules (a long stroke of a large printed glyph does not)
    ruling = [line for line in horizontal if crossings(line) >= 2]
    added = []
    for side in ("x0", "x1"):
        ends = sorted({round(line[side], 1) for line in ruling})
        for end in ends:
            if sum(abs(line[side] - end) <= SIDE_POINTS for line in ruling) < 2 or \
                    any(abs(line["x0"] - end) <= SIDE_POINTS for line in vertical + added):
                continue
            # from the first to the last rule ending there (the top rule of a header crosses no column rule)
            cut = [line for line in horizontal if abs(line[side] - end) <= SIDE_POINTS]
            top, bottom = min(line["top"] for line in cut), max(line["top"] for line in cut)
            added.append({"object_type": "line", "x0": end, "x1": end, "top": top, "bottom": bottom,
                          "width": 0.0, "height": bottom - top})
    return added


def page_tables(pdf_page, rules: list[dict]) -> list:
    """pdfplumber tables of a scanned page, cut by the ruling found in its image."""
    horizontal = [line for line in rules if line["height"] == 0.0]
    vertical = [line for line in rules if line["width"] == 0.0]
    vertical += _open_sides(horizontal, vertical)
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    settings = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": vertical, "explicit_horizontal_lines": horizontal,
                "snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 3}
    # a table of one row is a table when the row has cells side by side across much of the page (a
    # table broken across pages leaves its last row alone on the next page); a single ruled box is a
    # frame, and the strokes of a large printed title make small boxes, not tables
    return [table for table in pdf_page.find_tables(table_settings=settings)
            if len(table.rows) >= 2 or (table.rows and sum(cell is not None for cell in table.rows[0].cells) >= 2
                                        and table.bbox[2] - table.bbox[0] >= LONE_ROW_WIDTH * float(pdf_page.width))]


def has_page_image(pdf_page) -> bool:
    """A page to read by OCR: no text layer, an image printed on it (what a scanner makes)."""
    return not pdf_page.chars and bool(pdf_page.images)


def pages_to_read(pdf_path) -> list[int]:
    """The pages of a PDF that are read by OCR (``has_page_image``)."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        return [number for number, page in enumerate(pdf.pages, 1) if has_page_image(page)]


def read_page(pdf_path, sha256: str, pdf_page, page_no: int, segment: int, landing=None,
              dpi: int | None = None, engine: str | None = None, unruled_words: dict | None = None,
              carry: dict | None = None):
    """The items of one scanned page, and the last segment number used, and the characters
    read: ruled tables cut by the image's ruling, the other words through ``page_items``
    (``carry``: the columns of the last table read from word positions, passed along the
    pages as for a text layer, so that a table continued on a page printing no header is cut
    into the same columns; a page with ruled tables neither uses nor changes it, as on a text
    layer). A page with no ruling found leaves its words in ``unruled_words`` (page -> words),
    as a text-layer page without ruling does (the appendix reader cuts its table from them)."""
    from . import ocr
    from .sources import Item
    from .word_layout import Word, page_items

    dpi = dpi or ocr.DEFAULT_DPI
    engine = engine or ocr.DEFAULT_ENGINE
    words = ocr.page_words(pdf_path, sha256, page_no, dpi, engine, landing)
    image = raster.page_image(pdf_path, sha256, page_no, dpi, landing=landing)
    tables = page_tables(pdf_page, page_rules(image, dpi))
    positioned: list[tuple[float, int, Item]] = []
    used: set[int] = set()
    characters = 0
    if tables:  # (the rules between a row's cells: its cells' right edges but the row's own)
        words = cut_at_rules(words, [(*row.bbox, [box[2] for box in row.cells if box is not None
                                                  and box[2] < row.bbox[2] - SIDE_POINTS])
                                     for table in tables for row in table.rows])
    for table in tables:
        segment += 1
        # cells with ink and no word are read alone in a table across the page (in the small boxes
        # a large printed title's strokes make, the ink is part of a glyph)
        reread = engine == "rapidocr" and table.bbox[2] - table.bbox[0] >= LONE_ROW_WIDTH * float(pdf_page.width)
        for row in table.rows:
            cells: list[str | None] = []
            boxes: list = []
            confidences: list[float | None] = []
            for box in row.cells:
                if box is None:  # a merged cell: pdfplumber's extract() gives None there too
                    cells.append(None), boxes.append(None), confidences.append(None)
                    continue
                inside = [index for index, word in enumerate(words) if index not in used and _centre_in(word, box)]
                used.update(inside)
                found = [words[index] for index in inside]
                if not found and reread:  # ink the page's reading missed: read alone
                    alone = ocr.read_region(image, dpi, box)
                    found = [alone] if alone else []
                cell = cell_of(found)
                cells.append(cell.text), boxes.append(cell.box), confidences.append(cell.confidence)
                characters += len(cell.text)
            positioned.append((row.bbox[1], 1, Item("row", cells=tuple(cells), page=page_no, segment=segment,
                                                    boxes=tuple(boxes), confidences=tuple(confidences),
                                                    read_by="ocr")))
    if not tables and engine == "rapidocr":  # words the detector left unboxed (ruled cells are read above)
        words = words + ocr.read_missed_ink(image, dpi, words)
    if not tables and unruled_words is not None:
        unruled_words[page_no] = [Word(*word) for word in words]
    boxes = [table.bbox for table in tables]
    rest = [Word(*word) for index, word in enumerate(words)
            if index not in used and not any(_centre_in(word, box) for box in boxes)]
    read, next_segment = page_items(rest, page_no, float(pdf_page.width), segment + 1, "ocr",
                                    None if tables else carry)
    segment = next_segment - 1
    for item in read:
        characters += len(item.text) + sum(len(cell or "") for cell in item.cells)
        top = min((box[1] for box in item.boxes if box), default=0.0)
        positioned.append((top, 0 if item.kind == "text" else 1, item))
    positioned.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _, _, item in positioned], segment, characters
