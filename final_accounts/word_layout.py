"""A page's positioned words read as text lines and table rows, with no ruling lines.

Used where a page prints its tables without cell borders (a Word document with borders
switched off) and for the words an OCR engine returns from a page image. The rules:

- **lines**: words whose vertical extents overlap (at least 40 % of the smaller word's
  height) are one printed line; a figure set a few points lower than its row's name is on
  the row's line;
- **tables**: a *tabular* line holds two or more cells, words separated by a gap of at
  least one character height (the gap between two words of a sentence or title is a
  space, far less). A table is a run of tabular lines close to each other (gap under one
  and a half line heights) holding at least one figure (a number with decimals or
  thousands separators); a one-cell line between two tabular lines of the run, or right
  after it (a name wrapped onto a line of its own), belongs to it when its word stays
  inside one column. Titles, notes and sentences are text lines;
- **header**: the table's lines before its first data line (a line with a figure or a
  classification code). Header words are placed by position: a word that stays inside one
  column is that column's heading (words stacked in a column are joined top to bottom, as a
  wrapped heading is); a word that crosses a column boundary heads every column it covers
  (a merged heading: printed once in its leftmost column, the others left empty so the
  header path reading gives them the same parent). Header rows come out as a ruled table's
  do: one row per level of merged headings, then one row of the columns' own headings;
- **columns** (bands): where the data lines' words cover the page's x axis (figures are
  right-aligned and names left-aligned, so a column's words overlap each other and leave a
  gap to the next column; a word crossing a gap printed by at most a tenth of the rows does
  not close it), plus header words standing over no data (a column with no figure printed);
  every word goes to the column whose share of the axis (up to halfway to its neighbours)
  holds its centre; a figure column counts however few rows print a figure, and a
  letter-spaced name (single characters under a character apart) is one cell;
- **header levels**: a merged heading wrapped over lines is one heading; its level is the
  number of merged headings over it; a first header line printing only merged headings
  (收入 | 支出, or one heading centred over the table) heads every column;
- **rows**: lines overlapping vertically are one row; a name filling its column in a
  figure-less row, continued on the next line, and a coded row's name wrapped over three lines
  centred on its code are joined; a continuation page's figure-less first lines are rows;
- **one table over pages** (``carry``): a 栏次 line is a body row; a header repeating the last
  table's word for word at the same places takes its columns from the rows under it on every
  page so far; a header alone at a page foot heads the next page's header-less rows; a
  continuation's first rows may print in one column;
- **cells** keep the box of their words (x0, top, x1, bottom in points, top-left origin)
  and the lowest confidence of their words (None where the words carry none: a text layer).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import combinations, pairwise
from statistics import median

from .sources import Item
from .tables import title_type

FIGURE = re.compile(r"^[-－]?[\d,，]*\d[.．]\d+%?$|^[-－]?\d{1,3}([,，]\d{3})+$")
CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
# a label enumerated as an item of its own: 二十三、其他支出, （一）基本支出
ENUMERATED = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
# a classification code (or one part of it: a 类 code of three digits, a 款 or 项 code of two)
# boxed together with the name printed after it: an OCR detector's box spanning two columns
CODE_AND_NAME = re.compile(r"^(\d{2,3}|\d{5}|\d{7})([\u4e00-\u9fff（(].*)$")
# a figure (two decimals, as amounts are printed) and the code of the next column group's row
# boxed together: ``1,468.66302``
FIGURE_AND_CODE = re.compile(r"^([-－]?[\d,，]*\d[.．]\d{2})(\d{2}|\d{3}|\d{5}|\d{7})$")
# two figures of adjacent columns (two decimals each, as amounts are printed) boxed together:
# ``8.8937.27``
TWO_FIGURES = re.compile(r"^([-－]?[\d,，]*\d[.．]\d{2})([-－]?[\d,，]*\d[.．]\d{2})$")
CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
# a half-width digit's width, in character widths (a Chinese character is as wide as it is high)
DIGIT_WIDTH = 0.55
# the label of a line numbering the columns (栏次 1 2 3 …; 行次 heads the line numbers)
COLUMN_LABELS = ("栏次", "行次")
# a label with a colon (编制单位：…, 单位：万元) is the line above a table, never its header
LABEL_COLON = ("：", ":")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float | None = None

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def centre_y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Line:
    words: list[Word]

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def height(self) -> float:
        return median(word.height for word in self.words)

    def cells(self) -> list[list[Word]]:
        """The line's words grouped where they are separated by less than a character height."""
        ordered = sorted(self.words, key=lambda word: word.x0)
        groups: list[list[Word]] = [[ordered[0]]]
        for word in ordered[1:]:
            if word.x0 - max(other.x1 for other in groups[-1]) >= self.height:
                groups.append([word])
            else:
                groups[-1].append(word)
        return groups

    @property
    def tabular(self) -> bool:
        return len(self.cells()) >= 2

    @property
    def has_figure(self) -> bool:
        return any(FIGURE.match(word.text) for word in self.words)

    @property
    def numbers_columns(self) -> bool:
        """A 栏次 line: the columns numbered 1, 2, 3 … (its other words 栏次 / 行次 labels)."""
        numbers = [word.text for word in sorted(self.words, key=lambda word: word.x0) if word.text not in COLUMN_LABELS]
        labelled = len(numbers) < len(self.words) or (len(numbers) >= 3 and numbers[0] == "1")
        return labelled and bool(numbers) and all(text.isdigit() for text in numbers) and \
            [int(text) for text in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers)))

    @property
    def is_data(self) -> bool:
        """A line of the table's body: a figure or a classification code printed, or the 栏次
        line (its numbers stand in the columns' places, under the header)."""
        return any(FIGURE.match(word.text) or CODE.match(word.text) for word in self.words) or self.numbers_columns


def _lines(words: list[Word]) -> list[_Line]:
    """Words grouped into printed lines by vertical overlap, top to bottom."""
    lines: list[_Line] = []
    for word in sorted(words, key=lambda word: ((word.top + word.bottom) / 2, word.x0)):
        for line in reversed(lines[-3:]):
            overlap = min(line.bottom, word.bottom) - max(line.top, word.top)
            if overlap >= 0.4 * min(word.height, line.height):
                line.words.append(word)
                break
        else:
            lines.append(_Line([word]))
    lines.sort(key=lambda line: line.top)
    return lines


def _join(words: list[Word]) -> str:
    """Words of one cell or text line in reading order: visual sub-lines top to bottom,
    joined by a newline (as a ruled cell's wrapped text); words on one sub-line by a space
    where a space is printed between them."""
    rows = _lines(words)
    texts = []
    for row in rows:
        ordered = sorted(row.words, key=lambda word: word.x0)
        text = ordered[0].text
        for before, word in pairwise(ordered):
            text += (" " if word.x0 - before.x1 > 0.25 * row.height else "") + word.text
        texts.append(text)
    return "\n".join(texts)


def _box(words: list[Word]) -> tuple[float, float, float, float]:
    """The hull of the words, rounded outward to the hundredth of a point (so it holds them)."""
    return (math.floor(min(word.x0 for word in words) * 100) / 100, math.floor(min(word.top for word in words) * 100) / 100,
            math.ceil(max(word.x1 for word in words) * 100) / 100, math.ceil(max(word.bottom for word in words) * 100) / 100)


def _confidence(words: list[Word]) -> float | None:
    values = [word.confidence for word in words if word.confidence is not None]
    return min(values) if values else None


# --- tables -------------------------------------------------------------------------

def _runs(lines: list[_Line], continued: bool = False) -> list[tuple[int, int]]:
    """(first, last) line indexes of the tables on the page: runs of lines close to each
    other, from a tabular line, holding two tabular lines and a figure; the one-cell lines
    in and after them are kept for the column check (page_items ends the table at the first
    that crosses a column boundary). When a table was read on the page before (``continued``),
    a page's first line, tabular and printing a figure, is a table on its own: the last row
    of that table carried over to the page."""
    runs = []
    index = 0
    while index < len(lines):
        if not lines[index].tabular and not (continued and index == 0 and _row_text(lines, index)):
            # (a continuation's first rows may print in one column only)
            index += 1
            continue
        start = end = index
        probe = index + 1
        while probe < len(lines):
            gap = lines[probe].top - lines[probe - 1].bottom
            if gap > 2.5 * max(lines[probe].height, lines[probe - 1].height):
                break
            end = probe
            probe += 1
        tabular = [line for line in lines[start:end + 1] if line.tabular]
        if (len(tabular) >= 2 or (continued and start == 0)) and any(line.has_figure for line in tabular):
            runs.append((start, end))
            index = end + 1
        else:
            index = start + 1
    return runs


def _row_text(lines: list[_Line], index: int) -> bool:
    """A one-cell line that may be a table row: no title, label, sentence or note, and no
    larger than the line under it."""
    line = lines[index]
    text = _join(line.words)
    return not _is_label(line) and title_type(text) is None and not _is_note(line) and \
        (index + 1 >= len(lines) or line.height <= 1.15 * lines[index + 1].height)


def _merge_intervals(intervals: list[tuple[float, float]]) -> list[list[float]]:
    merged: list[list[float]] = []
    for x0, x1 in sorted(intervals):
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return merged


def _bands(data: list[_Line], header_words: list[Word]) -> list[list[float]]:
    """Column extents [x0, x1], left to right (from the tabular lines: a one-cell line is a
    wrapped name or a note, and a note would bridge the columns' gaps)."""
    data = [line for line in data if line.tabular] or data
    words = [word for line in data for word in line.words]
    if not words:
        return [[word.x0, word.x1] for word in header_words]
    # coverage of the x axis by the data words, on a half-point grid; a stretch covered by at
    # most a tenth of the data lines (a label crossing a column gap) does not join two columns
    # (a letter-spaced name covers its whole extent; a figure is never a label crossing a gap)
    step = 0.5
    left = min(word.x0 for word in words)
    size = int((max(word.x1 for word in words) - left) / step) + 2
    coverage = [0] * size
    figures = [False] * size
    for x0, x1, figure in _extents(data):
        for cell in range(int((x0 - left) / step), int((x1 - left) / step) + 1):
            coverage[cell] += 1
            figures[cell] = figures[cell] or figure
    threshold = len(data) // 10
    bands: list[list[float]] = []
    for cell, count in enumerate(coverage):
        x = left + cell * step
        if count > threshold or figures[cell]:
            if bands and bands[-1][1] >= x - step:
                bands[-1][1] = x + step
            else:
                bands.append([x, x + step])
    # header words standing over no data column: columns with no figure printed
    # (the lowest first: the columns' own headings are printed under the merged ones, and a
    # heading touching a column already found is a merged heading or a wrapped line of it)
    free = [word for word in sorted(header_words, key=lambda word: -word.bottom)
            if not any(word.x0 < x1 and x0 < word.x1 for x0, x1 in bands)]
    clusters: list[list[float]] = []
    figure_bands = [any(figure and x0 < band[1] and band[0] < x1 for x0, x1, figure in _extents(data))
                    for band in bands]
    for word in free:
        text_band = _heads_text_band(word, bands, figure_bands, header_words)
        if text_band is not None:
            # the heading of a text column, centred over its whole cell, standing right of its
            # left-aligned names: that column's heading, the column reaching under it
            bands[text_band][1] = max(bands[text_band][1], word.x1)
            continue
        if _centred_over_columns(word, bands, header_words) or \
                _over_own_figures(word, bands, figure_bands, header_words):
            continue
        # a heading standing over a lower heading (支出 over its columns' headings) heads those
        over_lower = any(other.top >= word.bottom - 0.2 * word.height and word.x0 < other.x1 and other.x0 < word.x1
                         for other in header_words if other is not word)
        if not any(word.x0 < cluster[1] and cluster[0] < word.x1 for cluster in clusters) and \
                not over_lower and not _merged_over_gap(word, header_words, bands):
            clusters.append([word.x0, word.x1])
    return _merge_intervals([tuple(band) for band in bands + clusters])


def _heads_text_band(word: Word, bands: list[list[float]], figure_bands: list[bool],
                     header_words: list[Word]) -> int | None:
    """The text column a heading standing over no column heads, if any: the nearest column on
    its left prints no figure and has no heading over it, and the heading is centred over the
    span from that column's left edge to no further than the next column's start (names
    printed left-aligned in a cell wider than they are, the heading centred over the cell).
    Not when another heading on its line stands between that column and it: the nearer one
    is the text column's (科目名称 | 决算数 of a column group printing no figure; whichever is
    looked at first, an OCR box a point lower deciding the order)."""
    left = [index for index, (_, x1) in enumerate(bands) if x1 <= word.x0]
    if not left or figure_bands[left[-1]]:
        return None
    index = left[-1]
    x0, x1 = bands[index]
    if any(other.x0 < x1 and x0 < other.x1 and other.top >= word.top - 0.5 * word.height for other in header_words):
        return None  # (a heading above, merged over several columns, is not the column's own)
    if any(other is not word and x1 <= other.centre < word.x0 and
           min(other.bottom, word.bottom) - max(other.top, word.top) > 0.5 * min(other.height, word.height)
           for other in header_words):
        return None
    reach = 2 * word.centre - x0
    nxt = index + 1
    if nxt < len(bands) and reach > bands[nxt][0] + 0.5 * word.height:
        return None
    return index


def _centred_over_columns(word: Word, bands: list[list[float]], header_words: list[Word]) -> bool:
    return _centred_run(word, bands, header_words) is not None


def _centred_run(word: Word, bands: list[list[float]], header_words: list[Word]) -> list[int] | None:
    """A heading printed above other headings, centred over two or more columns (from one
    column's left edge to a later one's right edge, the names left-aligned and the figures
    right-aligned in their cells): a merged heading over them, not a column of its own."""
    lower = [other for other in header_words if other.top >= word.bottom - 0.2 * word.height]
    parts = _partitions(bands)

    def heads(first: int, last: int) -> bool:
        # the columns' own headings printed under it, within those columns (none reaching out
        # of them: a heading crossing the run's edge belongs to a run cut otherwise); centred
        # within a quarter of a character, or a hundredth of a wide run (its outer columns'
        # figures, narrower than their cells, place its edges that far)
        # and no other heading on its own line over them
        x0, x1 = bands[first][0], bands[last][1]
        under = [other for other in lower if other.x0 < x1 and x0 < other.x1]
        beside = [other for other in header_words if other is not word and other.x0 < x1 and x0 < other.x1
                  and abs(other.top - word.top) < 0.5 * word.height]
        tolerance = max(1.0, 0.25 * word.height, 0.01 * (x1 - x0))
        off = abs((x0 + x1) / 2 - word.centre)
        # every column of the run has a heading of its own under it, wholly below it (a
        # heading spanning two header rows, centred between them, starts above the lower one)
        headed = all(any(other.top >= word.bottom and (parts[index][0] <= other.centre <= parts[index][1] or
                                                       (other.x0 < bands[index][1] and bands[index][0] < other.x1))
                         for other in under)
                     for index in range(first, last + 1))
        if off <= tolerance and headed and not beside and \
                all(other.x0 >= x0 - word.height and other.x1 <= x1 + word.height for other in under):
            return off / tolerance
        return None

    # the run it is centred over best
    runs = [(heads(first, last), list(range(first, last + 1)))
            for first in range(len(bands)) for last in range(first + 1, len(bands))]
    runs = [(off, run) for off, run in runs if off is not None]
    return min(runs)[1] if runs else None


def _figure_columns(data: list[_Line], bands: list[list[float]]) -> list[bool]:
    """Which columns print figures (any figure on the lines within the column's extent)."""
    extents = [(x0, x1) for x0, x1, figure in _extents(data) if figure]
    return [any(x0 < band[1] and band[0] < x1 for x0, x1 in extents) for band in bands]


def _over_own_figures(word: Word, bands: list[list[float]], figures: list[bool],
                      header_words: list[Word]) -> list[int] | None:
    """The one column a heading heads when it lies within a figure column's cell: it ends by
    the column's figures' right edge and starts right of the figures of the column before
    (figures right-aligned in their cells, the heading centred over the whole cell: it may
    reach left of its figures, or stand wholly left of narrow ones, without touching the
    column before). Not a heading above the column's own: one printed under it on a line
    with its neighbours' headings (本年支出 over 小计 | 基本支出 | 项目支出)."""
    tolerance = 0.25 * word.height
    for under in header_words:
        if under.top >= word.bottom - 0.2 * word.height and under.x0 < word.x1 and word.x0 < under.x1 and \
                any(abs(other.top - under.top) < 0.3 * word.height and (other.x1 <= word.x0 or other.x0 >= word.x1)
                    and min(abs(other.x0 - under.x1), abs(under.x0 - other.x1)) < 3 * (word.x1 - word.x0)
                    for other in header_words if other is not under):
            return None
    for index, (_, x1) in enumerate(bands):
        if figures[index] and word.x1 <= x1 + tolerance and \
                (index == 0 or word.x0 >= bands[index - 1][1]):
            # after a figure column the cell runs from its figures to these: the heading is
            # centred there (a heading further left heads a column printing no figure)
            if index and figures[index - 1] and \
                    abs(word.centre - (bands[index - 1][1] + x1) / 2) > 0.1 * (x1 - bands[index - 1][1]):
                return None
            # the only heading on its line there (several: columns printing no figure between)
            start = bands[index - 1][1] if index else float("-inf")
            if any(other is not word and other.x0 >= start and other.x1 <= x1 + tolerance and
                   abs(other.top - word.top) < 0.5 * word.height for other in header_words):
                return None
            return [index]
    return None


def _letter_spaced(group: list[Word]) -> bool:
    """Three or more single characters, none a digit, one character height apart at most
    (one cell group): a name printed letter-spaced (公 务 用 车 运 行 维 护)."""
    return len(group) >= 3 and all(len(word.text) == 1 and not word.text.isdigit() for word in group)


def _extents(data: list[_Line]) -> list[tuple[float, float, bool]]:
    """The x extents printed on the lines (x0, x1, whether a figure): each word's, a
    letter-spaced name's as a whole."""
    extents = []
    for line in data:
        numbered = line.numbers_columns  # (a 栏次 line's numbers stand right-aligned as the figures do)
        for sub_line in _lines(line.words):
            for group in _Line(sub_line.words).cells():
                if _letter_spaced(group):
                    extents.append((min(word.x0 for word in group), max(word.x1 for word in group), False))
                else:
                    extents += [(word.x0, word.x1, bool(FIGURE.match(word.text)) or
                                 (numbered and word.text.isdigit())) for word in group]
    return extents


def _merged_over_gap(word: Word, header_words: list[Word], bands: list[list[float]]) -> bool:
    """A heading printed in the gap between columns, with nothing under it and columns under
    its both sides (支出 centred over its columns): a merged heading, not a column of its own."""
    lower = [(other.x0, other.x1) for other in header_words if other.top >= word.bottom - 0.2 * word.height]
    lower += [(x0, x1) for x0, x1 in bands]
    if any(x0 < word.x1 and word.x0 < x1 for x0, x1 in lower):
        return False
    reach = word.x1 - word.x0
    left = any(word.x0 - reach <= x1 <= word.x0 for _, x1 in lower)
    right = any(word.x1 <= x0 <= word.x1 + reach for x0, _ in lower)
    # (a heading with its neighbours' headings beside it on its line heads a column of its own,
    # printing no figure)
    beside = any(other is not word and abs(other.top - word.top) < 0.5 * word.height and
                 word.x0 - reach < other.x1 and other.x0 < word.x1 + reach for other in header_words)
    return left and right and not beside


def _partitions(bands: list[list[float]]) -> list[tuple[float, float]]:
    """Each column's share of the x axis: its extent widened to halfway to its neighbours."""
    parts = []
    for index, (x0, x1) in enumerate(bands):
        start = (bands[index - 1][1] + x0) / 2 if index else None
        end = (x1 + bands[index + 1][0]) / 2 if index + 1 < len(bands) else None
        # the outer columns reach as far beyond their words as towards their inner neighbour
        start = start if start is not None else x0 - ((end - x1) if end is not None else 0.0)
        end = end if end is not None else x1 + (x0 - start)
        parts.append((start, end))
    return parts


def _column_of(word: Word, parts: list[tuple[float, float]]) -> int:
    centre = word.centre
    for index, (x0, x1) in enumerate(parts):
        if x0 <= centre <= x1:
            return index
    return min(range(len(parts)), key=lambda index: min(abs(parts[index][0] - centre), abs(parts[index][1] - centre)))


def _covered(word: Word, parts: list[tuple[float, float]]) -> list[int]:
    """The columns a header word covers: one, or every column it reaches into by more than a
    fifth of its width when it crosses a column boundary (a merged heading)."""
    reach = max(1.0, 0.2 * (word.x1 - word.x0))  # a heading wider than its figures is not merged
    reached = [index for index, (x0, x1) in enumerate(parts) if min(word.x1, x1) - max(word.x0, x0) > reach]
    if not reached:
        return [_column_of(word, parts)]
    return reached if len(reached) > 1 else [_column_of(word, parts)]


def _centred_over(word: Word, columns: list[int], words: list[Word], parts: list[tuple[float, float]],
                  resolved: list[list[int]]) -> list[int]:
    """The columns a heading stands centred over (收入 over 项目 | 决算数; 科目编码 over
    类 | 款 | 项, reaching only into some of them). A heading centred over the columns it
    reaches into (or inside its one column and centred in it) heads those. Otherwise: the narrowest run of
    columns holding those, centred under it, each with a heading below it, and not cutting
    through the columns of a heading below it (``resolved``, read bottom-up)."""
    def centred(first: int, last: int) -> bool:
        span = parts[last][1] - parts[first][0]
        # (and the heading fits over them: a cell's text is printed inside it)
        return abs((parts[first][0] + parts[last][1]) / 2 - word.centre) <= max(3.0, 0.12 * span) and \
            word.x1 - word.x0 <= span + 1.0

    if len(columns) == 1:
        own_x0, own_x1 = parts[columns[0]]
        inside = word.x0 >= own_x0 - 1.0 and word.x1 <= own_x1 + 1.0
        if inside and abs(word.centre - (own_x0 + own_x1) / 2) <= 0.12 * (own_x1 - own_x0):
            return _over_empty_neighbours(word, columns[0], words, parts, resolved)
    elif centred(columns[0], columns[-1]):
        return columns
    below = {_column_of(other, parts) for other in words if other.top >= word.bottom - 0.2 * word.height}
    best: list[int] = columns
    for first in range(columns[0], -1, -1):
        for last in range(columns[-1], len(parts)):
            if last == first or not all(index in below for index in range(first, last + 1)):
                continue
            if any(run[0] < first <= run[-1] or run[0] <= last < run[-1] for run in resolved):
                continue  # cuts through a heading below
            if centred(first, last) and (best is columns or last - first + 1 < len(best)):
                best = list(range(first, last + 1))
    return best


def _over_empty_neighbours(word: Word, column: int, words: list[Word], parts: list[tuple[float, float]],
                           resolved: list[list[int]]) -> list[int]:
    """A heading over the column headings of its neighbours too (科目编码 over 类 | 款 | 项, set in
    the middle column): the neighbours printing nothing at its height and, right under it, a
    heading at the height of the one under it in its own column."""
    def in_column(index: int) -> list[Word]:
        return [other for other in words if other is not word and _column_of(other, parts) == index]

    under = [other for other in in_column(column) if other.top >= word.bottom - 0.2 * word.height]
    if not under:
        return [column]
    # the heading under it ends where its neighbours' do (one cell row under the heading: a
    # stack of lines under it in its own column is its own heading wrapped)
    level, end = min(other.top for other in under), max(other.bottom for other in under)
    covered = [column]
    for step in (-1, 1):
        index = column + step
        while 0 <= index < len(parts):
            others = in_column(index)
            beside = any(min(other.bottom, word.bottom) - max(other.top, word.top) > 0.3 * word.height
                         for other in others)
            below = any(abs(other.top - level) < 0.5 * word.height for other in others) and \
                abs(max((other.bottom for other in others if other.top >= word.bottom - 0.2 * word.height),
                        default=end) - end) < 0.5 * word.height
            if beside or not below or any(run[0] <= index <= run[-1] and len(run) > 1 for run in resolved):
                break
            covered.append(index)
            index += step
    return sorted(covered)


def _header_rows(words: list[Word], parts: list[tuple[float, float]],
                 bands: list[list[float]] | None = None,
                 figures: list[bool] | None = None) -> list[tuple[list[str | None], list]]:
    """Header rows (cells, words per cell) as a ruled table prints them."""
    width = len(parts)
    own: list[list[Word]] = [[] for _ in range(width)]
    merged: list[tuple[Word, list[int]]] = []
    resolved: list[list[int]] = []
    for word in sorted(words, key=lambda word: -word.top):
        single = _over_own_figures(word, bands, figures, words) if bands and figures else None
        covered = _covered(word, parts)
        run = _centred_run(word, bands, words) if bands else None
        if single is not None and run is None:
            # a heading within its figure column's cell heads that one, whatever is printed
            # under its neighbours (栏次 numbers)
            columns = single
        elif run is not None and len(covered) == 1 and \
                not any(r[0] < run[0] <= r[-1] or r[0] <= run[-1] < r[-1] for r in resolved):
            # a heading centred over a run of columns, the headings under it within them (one
            # crossing column boundaries heads the columns it covers, centred or not)
            columns = run
        else:
            columns = _centred_over(word, covered, words, parts, resolved)
        resolved.append(columns)
        if len(columns) > 1:
            merged.append((word, columns))
        else:
            own[columns[0]].append(word)
    # a merged heading wrapped over lines (因公出国 / （境）费): its words over the same columns,
    # one under the other; the levels of merged headings counted from the top (a heading
    # under another covering its columns is a level lower, whatever its height: a heading
    # spanning two header rows is centred between them)
    groups: list[tuple[list[Word], list[int]]] = []
    for word, columns in sorted(merged, key=lambda entry: entry[0].top):
        for group_words, group_columns in groups:
            if group_columns == columns and 0 <= word.top - max(other.bottom for other in group_words) < 0.6 * word.height:
                group_words.append(word)
                break
        else:
            groups.append(([word], columns))

    if groups:
        # the header's first line, when it prints only merged headings, heads every column
        first_top = min(word.top for group_words, _ in groups for word in group_words)
        first = [group for group in groups if min(word.top for word in group[0]) < first_top + 0.5 * group[0][0].height]
        split = _split_top(first, [[group for group in groups if group not in first]], words, parts, bands)
        groups = [group for group in groups if group not in first] + split

    def depth(group: tuple[list[Word], list[int]]) -> int:
        top = min(word.top for word in group[0])
        return sum(1 for other in groups if other is not group and set(other[1]) >= set(group[1])
                   and min(word.top for word in other[0]) < top)

    by_depth: dict[int, list[tuple[list[Word], list[int]]]] = {}
    for group in groups:
        by_depth.setdefault(depth(group), []).append(group)
    levels = [by_depth[number] for number in sorted(by_depth)]
    merged = [(word, columns) for level in levels for group_words, columns in level for word in group_words]
    under_merged = {column for _, columns in merged for column in columns}
    rows: list[tuple[list[str | None], list]] = []
    for number, level in enumerate(levels):
        cells: list[str | None] = ["" for _ in range(width)]
        cell_words: list[list[Word]] = [[] for _ in range(width)]
        for group_words, columns in level:
            first = columns[0]
            cell_words[first] += group_words
            cells[first] = _join(cell_words[first])
        if number == 0:
            for column in range(width):
                if column not in under_merged and own[column]:
                    cells[column] = _join(own[column])
                    cell_words[column] = own[column]
        rows.append((cells, cell_words))
    leaf_cells: list[str | None] = ["" for _ in range(width)]
    leaf_words: list[list[Word]] = [[] for _ in range(width)]
    for column in range(width):
        if (column in under_merged or not levels) and own[column]:
            leaf_cells[column] = _join(own[column])
            leaf_words[column] = own[column]
    if any(leaf_cells) or not rows:
        rows.append((leaf_cells, leaf_words))
    return rows


def _split_top(top: list[tuple[list[Word], list[int]]], lower: list[list[tuple[list[Word], list[int]]]],
               words: list[Word], parts: list[tuple[float, float]],
               bands: list[list[float]] | None = None) -> list[tuple[list[Word], list[int]]]:
    """A header whose first line prints only headings over several columns (收入 | 支出; or
    one heading centred over the whole table) is split among them: together they head every
    column, each the run of columns it stands centred over best (the run measured from its
    first column's words to its last's, ``bands``, where known: the outer columns' shares of
    the axis reach past the table), never cutting through a heading below."""
    if len(parts) < len(top):
        return top
    hulls = [Word(_join(group_words), *_box(group_words)) for group_words, _ in top]
    height = min(word.height for group_words, _ in top for word in group_words)
    level_top = min(hull.top for hull in hulls)
    heading = {id(word) for group_words, _ in top for word in group_words}
    if any(word.top < level_top + 0.5 * height for word in words if id(word) not in heading):
        return top  # a column's own heading printed on the same line
    order = sorted(range(len(top)), key=lambda index: hulls[index].centre)
    runs = [columns for level in lower for _, columns in level]
    best: tuple[float, list[list[int]]] | None = None
    for cuts in combinations(range(1, len(parts)), len(top) - 1):
        bounds = (0, *cuts, len(parts))
        spans = [list(range(start, end)) for start, end in pairwise(bounds)]
        if any(run[0] < cut <= run[-1] for run in runs for cut in cuts):
            continue
        cost = 0.0
        for index, span in zip(order, spans):
            x0, x1 = parts[span[0]][0], parts[span[-1]][1]
            middle = (bands[span[0]][0] + bands[span[-1]][1]) / 2 if bands else (x0 + x1) / 2
            off = abs(middle - hulls[index].centre)
            if hulls[index].x0 < x0 - 1.0 or hulls[index].x1 > x1 + 1.0 or (len(top) == 1 and off > 0.12 * (x1 - x0)):
                cost = math.inf
                break
            cost += off
        if best is None or cost < best[0]:
            best = (cost, spans)
    if best is None or best[0] == math.inf:
        return top
    return [(top[index][0], span) for index, span in zip(order, best[1])]


def _row_item(cells: list[str | None], cell_words: list[list[Word]], page_no: int, segment: int,
              read_by: str) -> Item:
    return Item("row", cells=tuple(cells), page=page_no, segment=segment,
                boxes=tuple(_box(words) if words else None for words in cell_words),
                confidences=tuple(_confidence(words) for words in cell_words), read_by=read_by)


def _text_item(line: _Line, page_no: int, read_by: str) -> Item:
    return Item("text", text=_join(line.words).replace("\n", " "), page=page_no, boxes=(_box(line.words),),
                confidences=(_confidence(line.words),), read_by=read_by)


def _is_label(line: _Line) -> bool:
    return any(mark in word.text for word in line.words for mark in LABEL_COLON)


def _header_above(lines: list[_Line], start: int, end: int) -> int:
    """The first line of a table's header: the run's first line, or lines right above it
    (a header printed in tall cells leaves a wide gap) up to the nearest label line
    (单位：万元), table title (by its printed title, or a larger font), sentence (。) or wide gap."""
    height = median(line.height for line in lines[start:end + 1])
    while start > 0:
        above = lines[start - 1]
        text = _join(above.words)
        if _is_label(above) or above.height > 1.15 * height or "。" in text or title_type(text) is not None or \
                lines[start].top - above.bottom > 2.5 * height or above.is_data:
            break
        start -= 1
    return start


def _merge_overlapping(data: list[_Line]) -> list[_Line]:
    """Table lines that overlap vertically are one row: rows are never printed over each
    other, and a row whose cells are centred in it prints one-line cells between the lines
    of a wrapped cell."""
    merged: list[_Line] = []
    for line in data:
        if merged and line.top < merged[-1].bottom - 1.0:
            merged[-1] = _Line(merged[-1].words + line.words)
        else:
            merged.append(_Line(list(line.words)))
    return merged


def _join_wrapped(data: list[_Line], parts: list[tuple[float, float]]) -> list[_Line]:
    """A line of words in one column, right under a row printing no figure whose text in that column fills the
    column to its right edge (the widest text printed in it) and starting where that text
    starts, closer than half a line height: the text wrapped in its cell (七、文化旅游体育与传媒支 /
    出), part of that row. A line that starts with an enumeration (二十三、, （一）) starts an item
    of its own, however close under the longest label of its column it stands (OCR boxes are
    taller than a text layer's, so two rows of a table stand closer than half a line apart)."""
    right: dict[int, float] = {}
    for line in data:
        for word in line.words:
            column = _column_of(word, parts)
            right[column] = max(right.get(column, word.x1), word.x1)
    joined: list[_Line] = []
    for line in data:
        if joined and not line.tabular and not line.is_data and not joined[-1].has_figure and \
                not ENUMERATED.match(min(line.words, key=lambda word: word.x0).text):
            column = _column_of(_cell_word(line), parts)
            above = [word for word in joined[-1].words if _column_of(word, parts) == column]
            last = [word for word in above if word.top >= max(other.top for other in above) - 0.5 * line.height] \
                if above else []
            if last and line.top - joined[-1].bottom < 0.5 * line.height and \
                    abs(min(word.x0 for word in line.words) - min(word.x0 for word in last)) < 0.5 * line.height and \
                    max(word.x1 for word in last) >= right[column] - 0.5 * line.height and \
                    all(_column_of(word, parts) == column for word in line.words):
                joined[-1] = _Line(joined[-1].words + line.words)
                continue
        joined.append(line)
    return joined


def _join_centred(data: list[_Line], parts: list[tuple[float, float]]) -> list[_Line]:
    """A row with a code whose name is wrapped over three lines centred on its figures' line
    (机关事业单位 / 基本养老保险 / 缴费支出): the lines right above and right below it, each of
    one cell with no figure or code, in one column, as close to its code as each other (under
    half a line height), are its own."""
    joined = list(data)
    index = 1
    while index + 1 < len(joined):
        above, row, below = joined[index - 1], joined[index], joined[index + 1]
        height = row.height
        if any(CODE.match(word.text) for word in row.words) and all(
                not line.tabular and not line.is_data for line in (above, below)):
            column = _column_of(_cell_word(above), parts)
            codes = [word for word in row.words if CODE.match(word.text)]
            gap_above = min(word.top for word in codes) - above.bottom
            gap_below = below.top - max(word.bottom for word in codes)
            if _column_of(_cell_word(below), parts) == column and 0 <= gap_above < 0.5 * height and \
                    0 <= gap_below < 0.5 * height and abs(gap_above - gap_below) < 0.25 * height:
                joined[index - 1:index + 2] = [_Line(above.words + row.words + below.words)]
                continue
        index += 1
    return joined


def _character_width(words: list[Word]) -> float | None:
    """The page's Chinese character width: the median width per character of its words made
    of Chinese characters only (two or more)."""
    widths = [(word.x1 - word.x0) / len(word.text) for word in words
              if len(word.text) >= 2 and CJK_ONLY.match(word.text)]
    return median(widths) if widths else None


def _split_code(word: Word, unit: float) -> list[Word]:
    """A code and the name after it boxed as one word (an OCR box spanning the code's and the
    name's columns: ``01行政运行``), as the words printed: the code's digits, in groups of
    3, 2 and 2 when the box leaves room for a gap of at least half a character between them
    (类 | 款 | 项 printed in columns: ``2060401机构运行``), and the name. The pieces are placed
    along the box by their glyphs' widths (a digit ``DIGIT_WIDTH`` of a character), the room
    left shared equally between the gaps. A box with no room for a gap (under half a
    character) is a code printed against its name: kept as one word."""
    match = CODE_AND_NAME.match(word.text)
    if not match:
        if TWO_FIGURES.match(word.text):
            return _split_figures(word, unit)
        return _split_figure(word, unit) if FIGURE_AND_CODE.match(word.text) else _split_digits(word, unit)
    code, name = match.groups()

    def width(text: str) -> float:
        return sum(DIGIT_WIDTH if char.isascii() else 1.0 for char in text) * unit

    room = (word.x1 - word.x0) - width(code) - width(name)
    if room < 0.5 * unit:
        return [word]
    pieces = [code, name]
    if len(code) > 3 and room / (len(code) // 2) >= 0.5 * unit:
        pieces = [code[:3]] + [code[index:index + 2] for index in range(3, len(code), 2)] + [name]
    gap = room / (len(pieces) - 1)
    result, x = [], word.x0
    for piece in pieces:
        x1 = min(x + width(piece), word.x1)
        result.append(Word(piece, x, word.top, x1, word.bottom, word.confidence))
        x = x1 + gap
    return result


def _glyphs(text: str, unit: float) -> float:
    """The printed width of ASCII digits and signs: a digit ``DIGIT_WIDTH`` of a character, a
    comma or point half that."""
    return sum(DIGIT_WIDTH / 2 if char in ",.，．" else DIGIT_WIDTH for char in text) * unit


def _split_figure(word: Word, unit: float) -> list[Word]:
    """A figure and the code printed after it in the next column boxed as one OCR word
    (``1,468.66302``: 1,468.66 and 302, the next column group's 类 code): the figure's two
    decimals end it, when the box leaves room for a gap of at least half a character after
    them (a figure printed with more decimals is boxed as tightly as its digits)."""
    figure, code = FIGURE_AND_CODE.match(word.text).groups()
    room = (word.x1 - word.x0) - _glyphs(figure, unit) - _glyphs(code, unit)
    if room < 0.5 * unit:
        return [word]
    x1 = word.x0 + _glyphs(figure, unit)
    return [Word(figure, word.x0, word.top, x1, word.bottom, word.confidence),
            Word(code, x1 + room, word.top, word.x1, word.bottom, word.confidence)]


def _split_figures(word: Word, unit: float) -> list[Word]:
    """Two figures of adjacent columns boxed as one OCR word (``8.8937.27``: 8.89 and 37.27,
    printed 5 points apart): a figure has one decimal point, so the first one's two decimals
    end it, whatever room the box leaves. The first starts at the box's left edge and the
    second ends at its right edge (figures right-aligned in their cells), each as wide as its
    glyphs; a box narrower than both is cut where their glyphs' widths share it."""
    first, second = TWO_FIGURES.match(word.text).groups()
    left, right = _glyphs(first, unit), _glyphs(second, unit)
    if left + right > word.x1 - word.x0:
        cut = word.x0 + (word.x1 - word.x0) * left / (left + right)
        return [Word(first, word.x0, word.top, cut, word.bottom, word.confidence),
                Word(second, cut, word.top, word.x1, word.bottom, word.confidence)]
    return [Word(first, word.x0, word.top, word.x0 + left, word.bottom, word.confidence),
            Word(second, word.x1 - right, word.top, word.x1, word.bottom, word.confidence)]


def _split_digits(word: Word, unit: float) -> list[Word]:
    """Code parts of adjacent columns boxed as one OCR word (``0203`` over 款 | 项): four digits
    as two parts, five as three and two, seven as three, two and two, when the box leaves room
    for a gap of at least half a character between every two parts (a code printed whole in
    one column is boxed as tightly as its digits)."""
    text = word.text
    sizes = {4: (2, 2), 5: (3, 2), 7: (3, 2, 2)}.get(len(text)) if text.isascii() and text.isdigit() else None
    if sizes is None:
        return [word]
    room = (word.x1 - word.x0) - len(text) * DIGIT_WIDTH * unit
    gap = room / (len(sizes) - 1)
    if gap < 0.5 * unit:
        return [word]
    result, x, start = [], word.x0, 0
    for size in sizes:
        x1 = min(x + size * DIGIT_WIDTH * unit, word.x1)
        result.append(Word(text[start:start + size], x, word.top, x1, word.bottom, word.confidence))
        x, start = x1 + gap, start + size
    return result


def _split_at_gaps(word: Word, bands: list[list[float]], unit: float | None) -> list[Word]:
    """A heading of Chinese characters an OCR detector boxed together with its neighbours'
    (``类款项`` over the 类 | 款 | 项 columns, ``上级补助收入事业收入`` over two figure
    columns), as the headings printed. Between two columns the box reaches into, it is cut
    after the most characters (each a character ``unit`` wide, from the box's left edge) that
    end by the left column's right edge (a heading centred over a cell ends before the cell's
    right-aligned figures do), the characters after the cut (from the box's right edge)
    starting after that edge. Every piece must stand over the centre of one column (a heading
    merged over several columns, centred over them, leaves its outer columns' centres outside
    its pieces)."""
    if unit is None or not CJK_ONLY.match(word.text) or len(word.text) < 2:
        return [word]
    count = len(word.text)
    tolerance = 0.25 * unit
    cuts = []
    for left, right in pairwise(bands):
        if not (word.x0 < left[1] and right[0] < word.x1):
            continue
        fitting = [index for index in range(1, count)
                   if word.x0 + index * unit <= left[1] + tolerance and word.x1 - (count - index) * unit >= left[1] - tolerance]
        if fitting:
            cuts.append(max(fitting))
    cuts = sorted(set(cuts))
    if not cuts:
        return [word]
    edges = [word.x0] + [edge for cut in cuts for edge in (word.x0 + cut * unit, word.x1 - (count - cut) * unit)] + [word.x1]
    if any(x1 < x0 for x0, x1 in pairwise(edges)):  # (the characters do not fit: spaced evenly)
        pitch = (word.x1 - word.x0) / count
        edges = [word.x0] + [word.x0 + cut * pitch for cut in cuts for _ in (0, 1)] + [word.x1]
    pieces = []
    for (start, end), (x0, x1) in zip(pairwise([0, *cuts, count]), zip(edges[::2], edges[1::2]), strict=True):
        if sum(x0 <= (band[0] + band[1]) / 2 <= x1 for band in bands) != 1:
            return [word]  # (each piece centred on its one column, as a column's own heading is)
        pieces.append(Word(word.text[start:end], x0, word.top, x1, word.bottom, word.confidence))
    return pieces


def _spaced_characters(word: Word, unit: float | None) -> list[Word]:
    """A word of Chinese characters an OCR detector boxed together though they are printed a
    character or more apart (``类款项``: the headings of three code columns, each centred in its
    own narrow cell), as a text layer gives them: each character a word, spread evenly over the
    box (the first starting at its left edge, the last ending at its right). Characters of one
    word or heading are never printed that far apart; a heading printed letter-spaced (项 目)
    comes out as a text layer's words too."""
    count = len(word.text)
    if unit is None or count < 2 or not CJK_ONLY.match(word.text) or \
            (word.x1 - word.x0) - count * unit < (count - 1) * unit:
        return [word]
    pitch = ((word.x1 - word.x0) - unit) / (count - 1)
    return [Word(char, word.x0 + index * pitch, word.top, word.x0 + index * pitch + unit, word.bottom, word.confidence)
            for index, char in enumerate(word.text)]


def _split_codes(lines: list[_Line], words: list[Word]) -> list[Word] | None:
    """The page's words with the codes boxed together with their names or with each other
    split (``_split_code``, ``_split_digits``), on table lines (two or more cells, a figure or a
    code printed: a 基本支出 table's line of codes whose amounts are nil prints no figure); None
    when there are none."""
    unit = _character_width(words)
    if unit is None:
        return None
    replaced: dict[int, list[Word]] = {}
    for line in lines:
        if not (line.tabular and line.is_data):
            continue
        for word in line.words:
            pieces = _split_code(word, unit)
            if len(pieces) > 1:
                replaced[id(word)] = pieces
    if not replaced:
        return None
    return [piece for word in words for piece in replaced.get(id(word), [word])]


def page_items(words: list[Word], page_no: int, page_width: float, segment_start: int,
               read_by: str, carry: dict | None = None) -> tuple[list[Item], int]:
    """The text lines and table rows of one page in reading order, and the next free segment
    number (each table found on the page takes one, from ``segment_start``).

    ``carry`` (optional, one dict passed along the pages of a document) keeps the columns of
    the last table read: a table at the top of the next page printed without a header (a
    continuation) is cut into the same columns when its words fit them."""
    words = [word for word in words if word.text.strip()]
    lines = _lines(words)
    split = _split_codes(lines, words)
    if split is not None:
        words = split
        lines = _lines(words)
    items: list[tuple[float, Item]] = []
    segment = segment_start
    taken: set[int] = set()
    pending = carry.pop("pending", None) if carry is not None else None
    for run_start, end in _runs(lines, bool(carry and carry.get("parts"))):
        start = _header_above(lines, run_start, end)
        if any(index in taken for index in range(start, run_start)):
            start = run_start
        table = lines[start:end + 1]
        first_data = next((index for index, line in enumerate(table) if line.is_data), 0)
        while first_data and table[first_data - 1].bottom - 1.0 > table[first_data].top:
            first_data -= 1  # a line printed over the first row's (its name wrapped around its figures)
        top_words = [word for line in table[:first_data] for word in line.words]
        repeated = None
        if carry and carry.get("header") and first_data:
            # the last table's header repeated: the lines under it are rows (printing no figure
            # first), however many -- looked for first, so that many such rows do not make the
            # header one of them (below)
            repeated = next((count for count in range(1, first_data) if _same_header(
                [word for line in table[:count] if not _is_label(line) for word in line.words], carry["header"])), None)
            first_data = repeated or first_data
        if start == 0 and first_data and not repeated and carry and carry.get("parts") and \
                _fits(table, carry["parts"]) and \
                sum(_heading_again(word, carry) for word in top_words) * 2 < len(top_words):
            # a table at the top of a page, its first lines mostly not the last table's
            # headings (a repeated header), in its columns: that table continued (rows
            # printing no figure first), not a header
            first_data = 0
        header_indexes = [start + index for index, line in enumerate(table[:first_data]) if not _is_label(line)]
        header_lines, data = [lines[index] for index in header_indexes], table[first_data:]
        header_words = [word for line in header_lines for word in line.words]
        # the same header as the last table's, word for word at the same places (a header
        # repeated on a continuation page, one grid for the table): the columns are read from
        # the rows under it on every page so far (a page printing rows in only some columns)
        before = carry["data"] if carry and header_words and _same_header(header_words, carry.get("header", [])) else []
        header_top = header_lines[0].top if header_lines else 0.0
        if pending and start == 0 and not header_words and data:
            # the header printed alone at the foot of the page before (its 栏次 line too): this
            # table's, its columns read from it and these rows
            header_words, before, header_top = pending["header"], pending["numbers"], data[0].top - 0.5
        bands = _bands(before + data, header_words)
        if read_by == "ocr" and header_words:
            unit = _character_width(words)
            # (the columns' own headings, the lowest: a heading with others under it is merged over them)
            spaced = [piece for word in header_words for piece in _spaced_characters(word, unit)]
            split_header = [piece for word in spaced for piece in (
                [word] if any(other.top >= word.bottom - 0.2 * word.height and other.x0 < word.x1 and word.x0 < other.x1
                              for other in spaced if other is not word) else _split_at_gaps(word, bands, unit))]
            if len(split_header) > len(header_words):
                header_words = split_header
                bands = _bands(before + data, header_words)
        parts = _partitions(bands)
        if not header_words and carry and carry.get("parts") and _fits(data, carry["parts"]):
            bands, parts = carry["bands"], carry["parts"]
        # a one-cell line crossing a column boundary, a sentence or a note ends the table there
        # (a name and its 行次 number printed under a character apart are two words, each in its column)
        kept: list[_Line] = []
        for line in data:
            if not line.tabular and (_crosses(line, parts) or _is_note(line)):
                break
            kept.append(line)
        data = kept
        if not any(line.has_figure for line in data):
            continue
        taken |= set(header_indexes) | set(range(start + first_data, start + first_data + len(data)))
        if carry is not None:
            if header_words or not carry.get("parts") or (bands, parts) != (carry["bands"], carry["parts"]):
                carry["headings"] = {word.text for word in header_words}
            carry["bands"], carry["parts"] = bands, parts
            if header_words:
                carry["header"], carry["data"] = header_words, before + data
        figures = _figure_columns(before + data, bands)
        data = _join_centred(_join_wrapped(_merge_overlapping(data), parts), parts)
        for cells, cell_words in _header_rows(header_words, parts, bands, figures) if header_words else []:
            # header rows keep their order (a stable sort on the header's first line)
            items.append((header_top, _row_item(cells, cell_words, page_no, segment, read_by)))
        for line in data:
            cell_words: list[list[Word]] = [[] for _ in bands]
            for word, column in _placed(line, parts):
                cell_words[column].append(word)
            cells = [_join(words_) if words_ else "" for words_ in cell_words]
            items.append((line.top, _row_item(cells, cell_words, page_no, segment, read_by)))
        segment += 1
    for index, line in enumerate(lines):
        if index not in taken:
            items.append((line.top, _text_item(line, page_no, read_by)))
    if carry is not None:
        _header_at_foot(lines, taken, carry)
    items.sort(key=lambda entry: entry[0])
    return [item for _, item in items], segment


def _header_at_foot(lines: list[_Line], taken: set[int], carry: dict) -> None:
    """A table's header printed alone at the foot of the page (under its title or 单位 line,
    no figure under it; its body on the next page): kept in ``carry`` for the next page's
    first table printed without a header. (Its lines stay text lines of this page too.)"""
    tail: list[_Line] = []
    index = len(lines) - 1
    while index >= 0 and index not in taken:
        line = lines[index]
        if _is_label(line) or title_type(_join(line.words)) is not None:
            break
        if line.has_figure or _is_note(line):
            return
        tail.insert(0, line)
        index -= 1
    if index < 0 or index in taken or not any(line.tabular and not line.is_data for line in tail):
        return
    carry["pending"] = {"header": [word for line in tail if not line.is_data for word in line.words],
                        "numbers": [line for line in tail if line.is_data]}


def _heading_again(word: Word, carry: dict) -> bool:
    """Whether a word at the top of a page repeats one of the last table's headings: the same
    text, where the header was read at the same place (within a character height; a row label
    may print a heading's words in another column: 国有资本经营预算财政拨款 under 年初结转和结余)."""
    if word.text not in carry["headings"]:
        return False
    same = [other for other in carry.get("header", []) if other.text == word.text]
    return not same or any(abs(other.centre - word.centre) <= word.height for other in same)


def _same_header(words: list[Word], previous: list[Word]) -> bool:
    """Whether two tables' header words are the same texts at the same x positions (each
    within half a character height)."""
    if len(words) != len(previous) or not words:
        return False
    tolerance = 0.5 * median(word.height for word in words)
    ordered = sorted(words, key=lambda word: (word.centre, word.text))
    return all(word.text == other.text and abs(word.centre - other.centre) <= tolerance
               for word, other in zip(ordered, sorted(previous, key=lambda word: (word.centre, word.text))))


def _placed(line: _Line, parts: list[tuple[float, float]]) -> list[tuple[Word, int]]:
    """Each word of a table row with its column. A name printed letter-spaced is one cell:
    its characters go together to the column holding most of them."""
    placed = []
    for sub_line in _lines(line.words):
        for group in _Line(sub_line.words).cells():
            columns = [_column_of(word, parts) for word in group]
            if _letter_spaced(group):
                columns = [max(set(columns), key=columns.count)] * len(group)
            placed += zip(group, columns)
    return placed


def _fits(data: list[_Line], parts: list[tuple[float, float]]) -> bool:
    """Whether every column of a header-less table lies inside one column of ``parts``, one
    to one (a left-aligned name longer than the last page's may reach a little past it: at
    least four fifths of each column's width inside its own)."""
    owners = []
    for start, end in _bands(data, []):
        overlaps = [min(x1, end) - max(x0, start) for x0, x1 in parts]
        best = max(range(len(parts)), key=lambda index: overlaps[index])
        if overlaps[best] < 0.8 * (end - start) or best in owners:
            return False
        owners.append(best)
    return bool(owners)


def _crosses(line: _Line, parts: list[tuple[float, float]]) -> bool:
    """Whether a one-cell line crosses a column boundary: the line as one cell does, and so
    does one of its words, or its words are not each in a column of its own."""
    if len(_covered(_cell_word(line), parts)) <= 1:
        return False
    columns = [_covered(word, parts) for word in line.words]
    return any(len(covered) > 1 for covered in columns) or len({covered[0] for covered in columns}) < len(columns)


def _is_note(line: _Line) -> bool:
    """A sentence (。) or a note (注：…) under a table: text, never a cell."""
    text = _join(line.words)
    return "。" in text or text.startswith(("注：", "注:"))


def _cell_word(line: _Line) -> Word:
    """A one-cell line as one word spanning its words."""
    x0, top, x1, bottom = _box(line.words)
    return Word(_join(line.words), x0, top, x1, bottom)
