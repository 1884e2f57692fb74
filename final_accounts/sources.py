"""Reading a source document into an ordered list of text lines and table rows.

Two kinds of source:

- a PDF with a text layer: pdfplumber finds the ruled tables on each page and returns
  them row by row; the text outside the tables (titles, notes, narrative) comes back as
  lines. Items are ordered by page, then by their vertical position on the page;
- a text export (UTF-8): a line holding a tab is a table row (cells split on tabs),
  any other line is text; the provenance is the 1-based line number.

Problems that make a document unreadable raise ``DocumentError`` with a plain reason
(``no text layer: needs OCR``, ``encrypted PDF``, ``corrupt or truncated PDF`` ...).
"""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PDF_SUFFIXES = {".pdf"}
TEXT_SUFFIXES = {".txt", ".tsv"}
SUPPORTED_SUFFIXES = PDF_SUFFIXES | TEXT_SUFFIXES


class DocumentError(Exception):
    """A document that cannot be read; the message says why in plain words."""


@dataclass(frozen=True)
class Item:
    """One text line or one table row, with where it is printed.

    ``page`` is the 1-based PDF page (None for text exports), ``line`` the 1-based line of
    a text export (None for PDFs); ``segment`` numbers the ruled table (PDF) or the run of
    consecutive tab-separated lines (text) a row belongs to.
    """

    kind: str  # "text" or "row"
    text: str = ""
    cells: tuple[str | None, ...] = ()
    page: int | None = None
    line: int | None = None
    segment: int | None = None
    # per cell of a row (one box for a text line): (x0, top, x1, bottom) in PDF points of the
    # page, top-left origin; None for an empty cell. Empty for a text export
    boxes: tuple[tuple[float, float, float, float] | None, ...] = ()
    # per cell: the OCR's confidence 0-1 (None where read from a text layer)
    confidences: tuple[float | None, ...] = ()
    read_by: str = "text_layer"  # "text_layer" | "ocr" | "text_export"

    @property
    def where(self) -> str:
        return f"page {self.page}" if self.page is not None else f"line {self.line}"

    @property
    def place(self) -> str:
        """Where the item is printed, as the landing's printed_at holds it (printed_place)."""
        return printed_place(self.page, self.line)


def printed_place(page: int | None = None, line: int | None = None) -> str:
    """A place in a document as Chinese readers write it, the form of every printed_at (the
    SQL macro printed_place adds the file before it and a table's row after it): a PDF page
    “第21页”, a line of a text export “文本第123行” (“文本” so that the file's line is never
    read as a table's row, “…表第1行”)."""
    return f"第{page}页" if page is not None else f"文本第{line}行"


_ENGLISH_PLACE = re.compile(r"^(page|line) (\d+)$")


def place_of(where: str | None) -> str | None:
    """An item's ``where`` (“page 21”, “line 123”, kept in the extractor's English log
    messages) in the form of printed_at (printed_place)."""
    match = _ENGLISH_PLACE.match(where or "")
    if not match:
        return where
    number = int(match.group(2))
    return printed_place(page=number) if match.group(1) == "page" else printed_place(line=number)


@dataclass
class SourceDocument:
    path: Path
    sha256: str
    file_format: str  # "pdf" or "text"
    items: list[Item] = field(default_factory=list)
    page_count: int | None = None
    line_count: int | None = None
    page_sizes: dict[int, tuple[float, float]] = field(default_factory=dict)  # page -> (width, height) in points
    # what the PDF libraries said while reading it, where it matters (library_messages)
    library_messages: list[str] = field(default_factory=list)
    # page -> its positioned words (word_layout.Word; on a scanned page its OCR words), for a page read without ruling: the
    # appendix reader cuts its own table from them (appendix.py)
    unruled_words: dict[int, list] = field(default_factory=dict)


# characters that text decoded with the wrong code page is made of: the replacement
# character, C1 controls, and Latin letters with diacritics (UTF-8 read as Latin-1/cp1252)
_MOJIBAKE_MARKS = {"\ufffd"} | {chr(code) for code in range(0x80, 0xA0)}
_LATIN_ACCENTED = {chr(code) for code in range(0xC0, 0x250)} - {"×", "÷"}


def looks_like_mojibake(text: str) -> bool:
    """Whether a line reads as text decoded with the wrong encoding: it holds a
    replacement character or C1 control, or three or more accented Latin letters (UTF-8
    read as Latin-1), or it is the GBK reading of UTF-8 bytes (its GBK bytes are valid
    UTF-8 Chinese: "鍗曚綅" for 单位). Plain Chinese, digits and punctuation never are."""
    text = (text or "").strip()
    if not text:
        return False
    if any(char in _MOJIBAKE_MARKS for char in text) or "锟斤拷" in text:
        return True
    if sum(char in _LATIN_ACCENTED for char in text) >= 3:
        return True
    cjk = [char for char in text if "\u4e00" <= char <= "\u9fff"]
    if len(cjk) >= 3:
        try:
            raw = text.encode("gbk")
        except UnicodeEncodeError:
            return False
        # a line cut or hand-copied may lose a byte or two: its GBK bytes then read as UTF-8
        # Chinese except for a few replacement characters; ordinary Chinese reads as almost
        # nothing but replacement characters
        decoded = raw.decode("utf-8", errors="replace")
        readable = [char for char in decoded if "\u4e00" <= char <= "\u9fff"]
        lost = decoded.count("\ufffd")
        return decoded != text and len(readable) >= 3 and lost <= max(2, len(decoded) // 10)
    return False


@lru_cache(maxsize=1)
def _radical_forms() -> dict[int, str]:
    """Radical code points a PDF's text layer may give for a character (seeds/vocab_radical_forms.csv)."""
    from .vocabulary import rows
    return {ord(row["radical"]): row["character"] for row in rows("vocab_radical_forms")}


def fold_radicals(text: str | None) -> str | None:
    """A PDF text with the radicals its font maps some characters to put back as the
    characters printed: a browser prints 一、支出 and 部门 from a font whose glyphs the
    radicals ⼀ ⽀ ⻔ share, and writes the radicals into the text layer
    (seeds/vocab_radical_forms.csv, measured on Chromium's print of the CJK fonts)."""
    return text.translate(_radical_forms()) if text else text


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_document(path: Path, sha256: str | None = None, landing: Path | None = None) -> SourceDocument:
    """``landing``: the landing root whose cache keeps the page images and OCR of scanned pages."""
    suffix = path.suffix.lower()
    sha = sha256 or content_hash(path)
    if suffix in PDF_SUFFIXES:
        return _read_pdf(path, sha, landing)
    if suffix in TEXT_SUFFIXES:
        return _read_text(path, sha)
    raise DocumentError(f"unsupported file type {suffix or '(none)'}: expected a PDF or a .txt text export")


# --- text exports -------------------------------------------------------------------

def _read_text(path: Path, sha: str) -> SourceDocument:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"not UTF-8 (undecodable byte at offset {error.start}); convert it with "
            "`.venv/bin/python scripts/check_seeds.py --fix FILE`") from None
    if "\x00" in text:
        raise DocumentError("not a text file (it contains NUL bytes)")
    items: list[Item] = []
    segment = 0
    in_table = False
    lines = text.splitlines()
    for number, raw in enumerate(lines, 1):
        if "\t" in raw:
            if not in_table:
                segment += 1
                in_table = True
            cells = tuple(cell.strip() for cell in raw.split("\t"))
            items.append(Item("row", cells=cells, line=number, segment=segment, read_by="text_export"))
        else:
            in_table = False
            stripped = raw.strip()
            if stripped:
                items.append(Item("text", text=stripped, line=number, read_by="text_export"))
    return SourceDocument(path, sha, "text", items, line_count=len(lines))


# --- PDFs ---------------------------------------------------------------------------

def _check_pdf_bytes(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(1024)
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 2048))
        tail = handle.read()
    if not head.lstrip().startswith(b"%PDF-"):
        raise DocumentError("corrupt PDF: the file does not start with a PDF header (%PDF-)")
    if b"%%EOF" not in tail:
        raise DocumentError("truncated PDF: the end-of-file marker (%%EOF) is missing")


def _read_pdf(path: Path, sha: str, landing: Path | None = None) -> SourceDocument:
    """The PDF read with the libraries' messages captured, not printed (library_messages)."""
    from .library_messages import captured_library_messages

    with captured_library_messages() as captured:
        document = _read_pdf_layer(path, sha, landing)
    document.library_messages = captured.summary()
    return document


def _read_pdf_layer(path: Path, sha: str, landing: Path | None = None) -> SourceDocument:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    from .scanned import has_page_image, read_page
    from .word_layout import Word, page_items

    _check_pdf_bytes(path)
    items: list[Item] = []
    page_sizes: dict[int, tuple[float, float]] = {}
    unruled_words: dict[int, list] = {}
    carry: dict = {}  # the columns of the last table read from word positions, for its continuation
    segment = 0
    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise DocumentError(f"encrypted PDF: it needs a password to open ({type(error).__name__})") from None
    except PDFSyntaxError as error:
        raise DocumentError(f"corrupt PDF: {error}") from None
    except Exception as error:  # pdfminer raises many kinds on damaged files
        name = type(error).__name__
        causes = [error, *error.args, error.__cause__, error.__context__]
        if any(isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) for cause in causes) \
                or "password" in str(error).lower() or "encrypt" in name.lower():
            raise DocumentError(f"encrypted PDF: it needs a password to open ({name})") from None
        raise DocumentError(f"corrupt PDF: {name}: {error}") from None
    try:
        page_count = len(pdf.pages)
        characters = scanned_pages = 0
        for page_no, page in enumerate(pdf.pages, 1):
            page_sizes[page_no] = (float(page.width), float(page.height))
            if has_page_image(page):  # a scanned page: read by OCR (scanned.py)
                try:
                    read, segment, count = read_page(path, sha, page, page_no, segment, landing,
                                                     unruled_words=unruled_words, carry=carry)
                except Exception as error:  # the engine missing or failing: say so, with the page
                    raise DocumentError(f"scanned page {page_no}: OCR failed ({type(error).__name__}: {error})") from None
                characters += count
                scanned_pages += 1
                items.extend(read)
                continue
            positioned: list[tuple[float, int, Item]] = []
            tables = page.find_tables()
            boxes = [table.bbox for table in tables]
            rows: list[tuple[float, Item]] = []
            page_words = page.extract_words() if tables else []
            for table in tables:
                segment += 1
                for row, cells in zip(table.rows, table.extract()):
                    cells = [fold_radicals(cell) for cell in cells]
                    characters += sum(len(cell or "") for cell in cells)
                    cell_boxes = tuple(_cell_box(box, page_words) if box is not None and (text or "").strip()
                                       else None for box, text in zip(row.cells, cells))
                    rows.append((row.bbox[1], Item("row", cells=tuple(cells), page=page_no, segment=segment,
                                                   boxes=cell_boxes, confidences=(None,) * len(cells))))
            if not tables:
                # no ruled table: a table printed without borders is read from its words' positions
                words = [Word(fold_radicals(word["text"]), word["x0"], word["top"], word["x1"], word["bottom"])
                         for word in page.extract_words(keep_blank_chars=False, use_text_flow=False)]
                read, segment = page_items(words, page_no, float(page.width), segment + 1, "text_layer", carry)
                unruled_words[page_no] = words
                segment -= 1
                read_rows = [item for item in read if item.kind == "row"]
                hulls = _segment_boxes(read_rows)
                boxes = list(hulls.values())
                tops = {number: hull[1] for number, hull in hulls.items()}
                for item in read_rows:
                    characters += sum(len(cell or "") for cell in item.cells)
                    # a table's rows stay in the order read (header rows first), at its top
                    rows.append((tops.get(item.segment, 0.0), item))
            # y_tolerance 6: figures set in another font sit a few points lower than their
            # sentence; a tighter tolerance splits them onto a line of their own
            for line in page.extract_text_lines(return_chars=False, y_tolerance=6):
                text = fold_radicals(line["text"].strip())
                if not text:
                    continue
                characters += len(text)
                middle_y = (line["top"] + line["bottom"]) / 2
                middle_x = (line["x0"] + line["x1"]) / 2
                if any(x0 <= middle_x <= x1 and top <= middle_y <= bottom for x0, top, x1, bottom in boxes):
                    continue  # inside a table: read through the table's rows
                box = _rounded((line["x0"], line["top"], line["x1"], line["bottom"]))
                positioned.append((line["top"], 0, Item("text", text=text, page=page_no, boxes=(box,),
                                                         confidences=(None,))))
            positioned.extend((top, 1, item) for top, item in rows)
            positioned.sort(key=lambda entry: (entry[0], entry[1]))
            items.extend(item for _, _, item in positioned)
    except DocumentError:
        raise
    except Exception as error:
        raise DocumentError(f"corrupt PDF: reading failed ({type(error).__name__}: {error})") from None
    finally:
        pdf.close()
    if characters == 0:
        raise DocumentError(f"no text layer: needs OCR ({page_count} page(s) with no extractable text)"
                            if not scanned_pages else
                            f"no text layer, and OCR read no text from its {scanned_pages} page image(s)")
    return SourceDocument(path, sha, "pdf", items, page_count=page_count, page_sizes=page_sizes,
                          unruled_words=unruled_words)


def _cell_box(box, words: list[dict]) -> tuple[float, float, float, float]:
    """A ruled cell's box, widened to the words printed in it (a figure's glyphs may reach a
    little past the ruling), so the box always holds what the cell prints."""
    x0, top, x1, bottom = box
    for word in words:
        middle_x, middle_y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        if box[0] <= middle_x <= box[2] and box[1] <= middle_y <= box[3]:
            x0, top = min(x0, word["x0"]), min(top, word["top"])
            x1, bottom = max(x1, word["x1"]), max(bottom, word["bottom"])
    return _rounded((x0, top, x1, bottom))


def _rounded(box) -> tuple[float, float, float, float]:
    # outward to the hundredth of a point, so the rounded box still holds what it bounds
    return (math.floor(box[0] * 100) / 100, math.floor(box[1] * 100) / 100,
            math.ceil(box[2] * 100) / 100, math.ceil(box[3] * 100) / 100)


def _segment_boxes(rows: list[Item]) -> dict[int | None, tuple[float, float, float, float]]:
    """The box of each table (segment) read from word positions: the hull of its cells' boxes."""
    hulls: dict[int | None, list[float]] = {}
    for item in rows:
        for box in item.boxes:
            if box is None:
                continue
            hull = hulls.setdefault(item.segment, list(box))
            hull[0], hull[1] = min(hull[0], box[0]), min(hull[1], box[1])
            hull[2], hull[3] = max(hull[2], box[2]), max(hull[3], box[3])
    return {number: tuple(hull) for number, hull in hulls.items()}
