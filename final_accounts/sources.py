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
    # what the PDF libraries said while reading it, where it matters (library_messages)
    library_messages: list[str] = field(default_factory=list)


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


def read_document(path: Path, sha256: str | None = None) -> SourceDocument:
    suffix = path.suffix.lower()
    sha = sha256 or content_hash(path)
    if suffix in PDF_SUFFIXES:
        return _read_pdf(path, sha)
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
            items.append(Item("row", cells=cells, line=number, segment=segment))
        else:
            in_table = False
            stripped = raw.strip()
            if stripped:
                items.append(Item("text", text=stripped, line=number))
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


def _read_pdf(path: Path, sha: str) -> SourceDocument:
    """The PDF read with the libraries' messages captured, not printed (library_messages)."""
    from .library_messages import captured_library_messages

    with captured_library_messages() as captured:
        document = _read_pdf_layer(path, sha)
    document.library_messages = captured.summary()
    return document


def _read_pdf_layer(path: Path, sha: str) -> SourceDocument:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    _check_pdf_bytes(path)
    items: list[Item] = []
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
        characters = 0
        for page_no, page in enumerate(pdf.pages, 1):
            positioned: list[tuple[float, int, Item]] = []
            tables = page.find_tables()
            boxes = [table.bbox for table in tables]
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
                    continue  # inside a ruled table: read through the table below
                positioned.append((line["top"], 0, Item("text", text=text, page=page_no)))
            for table in tables:
                segment += 1
                for row, cells in zip(table.rows, table.extract()):
                    cells = [fold_radicals(cell) for cell in cells]
                    characters += sum(len(cell or "") for cell in cells)
                    positioned.append((row.bbox[1], 1, Item("row", cells=tuple(cells), page=page_no, segment=segment)))
            positioned.sort(key=lambda entry: (entry[0], entry[1]))
            items.extend(item for _, _, item in positioned)
    except DocumentError:
        raise
    except Exception as error:
        raise DocumentError(f"corrupt PDF: reading failed ({type(error).__name__}: {error})") from None
    finally:
        pdf.close()
    if characters == 0:
        raise DocumentError(f"no text layer: needs OCR ({page_count} page(s) with no extractable text)")
    return SourceDocument(path, sha, "pdf", items, page_count=page_count)
