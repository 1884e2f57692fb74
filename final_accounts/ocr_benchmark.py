"""OCR engine measurement (``final-accounts benchmark-ocr``): each engine at each resolution
on page images of the shipped text-layer PDFs, scored against their own text layer.

- table figures: every pdfplumber word inside a ruled table (``find_tables``) that parses as a
  number (amounts and codes), matched to the OCR words by position (the OCR words whose
  centre falls in the figure's box widened by 2 points, joined left to right); exact when the
  joined text equals the printed text.
- text lines: every pdfplumber text line outside the tables (titles, headings, narrative);
  the OCR words whose centre falls in the line's box, joined; recognised when equal after
  removing spaces and folding full-width forms (NFKC); titles are the lines ending in 表 of at
  most 30 characters. Character accuracy: difflib's ratio over all lines.
- speed: pages per second, the pages read by a pool of ``--jobs`` processes, rendering included
  (wall clock: it depends on what else the machine runs), and CPU seconds per page (all threads).

The page images and OCR results are written to a scratch landing folder, never to the cache of
the real landing. ``--pages`` takes every k-th page (a subset, when the full run is too long).
"""
from __future__ import annotations

import argparse
import difflib
import re
import tempfile
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import ocr

ROOT = Path(__file__).resolve().parent.parent
NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
WIDEN = 2.0


def _normal(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def truth(pdf: Path, pages: list[int]) -> dict[int, dict]:
    """Per page: the table figures (text, box) and the text lines (text, box) of the text layer."""
    import pdfplumber

    result = {}
    with pdfplumber.open(pdf) as document:
        for page_no in pages:
            page = document.pages[page_no - 1]
            tables = [table.bbox for table in page.find_tables()]

            def inside(x0, top, x1, bottom, tables=tables):
                mx, my = (x0 + x1) / 2, (top + bottom) / 2
                return any(a <= mx <= c and b <= my <= d for a, b, c, d in tables)

            figures = [(w["text"], (w["x0"], w["top"], w["x1"], w["bottom"])) for w in page.extract_words()
                       if NUMBER.match(w["text"]) and inside(w["x0"], w["top"], w["x1"], w["bottom"])]
            lines = [(line["text"].strip(), (line["x0"], line["top"], line["x1"], line["bottom"]))
                     for line in page.extract_text_lines(return_chars=False, y_tolerance=6)
                     if line["text"].strip() and not inside(line["x0"], line["top"], line["x1"], line["bottom"])]
            result[page_no] = {"figures": figures, "lines": lines}
    return result


def _read_at(words, box) -> str:
    x0, top, x1, bottom = box
    hits = [word for word in words
            if x0 - WIDEN <= (word.x0 + word.x1) / 2 <= x1 + WIDEN and top - WIDEN <= (word.top + word.bottom) / 2 <= bottom + WIDEN]
    hits.sort(key=lambda word: word.x0)
    return "".join(word.text for word in hits)


def score_page(expected: dict, words) -> dict:
    figures_exact = sum(1 for text, box in expected["figures"] if _normal(_read_at(words, box)) == _normal(text))
    lines_exact = titles = titles_exact = 0
    matcher_total = matcher_equal = 0
    misread = []
    for text, box in expected["figures"]:
        read = _read_at(words, box)
        if _normal(read) != _normal(text):
            misread.append((text, read))
    for text, box in expected["lines"]:
        read, wanted = _normal(_read_at(words, box)), _normal(text)
        equal = read == wanted
        lines_exact += equal
        if wanted.endswith("表") and len(wanted) <= 30:
            titles += 1
            titles_exact += equal
        matcher = difflib.SequenceMatcher(None, wanted, read, autojunk=False)
        matcher_equal += sum(block.size for block in matcher.get_matching_blocks())
        matcher_total += max(len(wanted), len(read))
    return {"figures": len(expected["figures"]), "figures_exact": figures_exact, "lines": len(expected["lines"]),
            "lines_exact": lines_exact, "titles": titles, "titles_exact": titles_exact,
            "chars": matcher_total, "chars_equal": matcher_equal, "misread": misread}


def _job(args):
    pdf, sha, page_no, dpi, engine, landing = args
    started = _cpu()
    words = ocr.page_words(Path(pdf), sha, page_no, dpi, engine, Path(landing))
    return (pdf, page_no), (words, _cpu() - started)


def _cpu() -> float:
    """CPU seconds of this process (all its threads) and of its finished children (the
    tesseract command pytesseract runs): less sensitive to the machine's load than wall time."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure(pdfs: list[Path], engines: list[str], dpis: list[int], every: int = 1, jobs: int = 2,
            echo=print) -> list[dict]:
    from .sources import content_hash

    plan = {}
    for pdf in pdfs:
        from .raster import page_count
        plan[pdf] = list(range(1, page_count(pdf) + 1))[::every]
    expected = {pdf: truth(pdf, pages) for pdf, pages in plan.items()}
    hashes = {pdf: content_hash(pdf) for pdf in pdfs}
    rows = []
    for engine in engines:
        for dpi in dpis:
            with tempfile.TemporaryDirectory(prefix="ocr-benchmark-") as scratch:
                tasks = [(str(pdf), hashes[pdf], page_no, dpi, engine, scratch) for pdf, pages in plan.items()
                         for page_no in pages]
                started = time.perf_counter()
                with ProcessPoolExecutor(max_workers=jobs) as pool:
                    results = dict(pool.map(_job, tasks))
                seconds = time.perf_counter() - started
            read = {key: words for key, (words, _) in results.items()}
            cpu = sum(cpu for _, cpu in results.values())
            total: dict = {"engine": engine, "dpi": dpi, "pages": len(tasks), "seconds": seconds, "cpu": cpu,
                           "misread": []}
            for pdf, pages in plan.items():
                for page_no in pages:
                    scored = score_page(expected[pdf][page_no], read[(str(pdf), page_no)])
                    for key, value in scored.items():
                        if key == "misread":
                            total["misread"].extend((pdf.name, page_no, *pair) for pair in value)
                        else:
                            total[key] = total.get(key, 0) + value
            rows.append(total)
            echo(line(total))
    return rows


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f}%" if whole else "-"


def line(row: dict) -> str:
    return (f"ocr {row['engine']} {row['dpi']}dpi: pages={row['pages']} "
            f"figures_exact={_share(row['figures_exact'], row['figures'])} ({row['figures_exact']}/{row['figures']}) "
            f"titles={_share(row['titles_exact'], row['titles'])} ({row['titles_exact']}/{row['titles']}) "
            f"text_lines={_share(row['lines_exact'], row['lines'])} ({row['lines_exact']}/{row['lines']}) "
            f"chars={_share(row['chars_equal'], row['chars'])} "
            f"pages_per_s={row['pages'] / row['seconds']:.2f} cpu_s_per_page={row['cpu'] / row['pages']:.1f}")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pdfs", nargs="*", type=Path, help="text-layer PDFs (default: documents/*.pdf)")
    parser.add_argument("--engines", default=",".join(ocr.ENGINES), help="comma-separated: rapidocr,tesseract")
    parser.add_argument("--dpi", default="150,200,300", help="comma-separated resolutions")
    parser.add_argument("--every", type=int, default=1, help="read every k-th page only (a subset)")
    parser.add_argument("--jobs", type=int, default=2, help="OCR processes")
    parser.add_argument("--show-misread", action="store_true", help="list every figure not read exactly")


def run(args: argparse.Namespace) -> int:
    pdfs = args.pdfs or sorted((ROOT / "documents").glob("*.pdf"))
    rows = measure(pdfs, args.engines.split(","), [int(value) for value in args.dpi.split(",")], args.every, args.jobs)
    if args.show_misread:
        for row in rows:
            for name, page_no, printed, read in row["misread"]:
                print(f"  {row['engine']} {row['dpi']}dpi {name} p.{page_no}: printed {printed!r} read {read!r}")
    return 0
