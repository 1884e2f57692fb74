"""``final-accounts ingest PATH...`` (``scripts/ingest``): extract documents (files or folders)
into the landing layer and report, per document, its unit, year, layout, tables, figures and
whatever could not be placed. Documents run in parallel across cores; a document whose content
hash is already landed is not extracted again. Exit status 1 when any document was refused."""
from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .extract import extract
from .landing import cache_folder, landing_root, publish, read_document_row, write_cache
from .sources import SUPPORTED_SUFFIXES, content_hash
from .tables import TABLE_TYPES_BY_CODE

IGNORED_NAMES = {"README.md", "readme.md", "README.txt"}


@dataclass
class Outcome:
    path: Path
    source_file: str
    document: dict
    cached: bool
    seconds: float


def find_documents(paths: list[Path]) -> tuple[list[Path], list[str]]:
    documents, skipped = [], []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith("."):
                    if child.name in IGNORED_NAMES:
                        continue
                    if child.suffix.lower() in SUPPORTED_SUFFIXES:
                        documents.append(child)
                    else:
                        skipped.append(f"{child}: not a PDF or text export ({child.suffix or 'no suffix'}), skipped")
        elif path.is_file():
            documents.append(path)
        else:
            skipped.append(f"{path}: no such file or folder")
    return documents, skipped


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _work(args: tuple[str, str, str, str]) -> tuple[dict, float]:
    path, source_file, sha, landing = args
    started = time.perf_counter()
    extraction = extract(Path(path), source_file, sha, Path(landing))
    write_cache(Path(landing), sha, extraction.files)
    return extraction.document, time.perf_counter() - started


def _read_scans(todo: list[tuple[str, str, str, str]], landing: Path, jobs: int | None, echo) -> None:
    """OCR the scanned pages of the documents to extract, page by page in parallel across cores,
    before their extraction (which then finds every page read, in the cache by content hash)."""
    from .library_messages import captured_library_messages
    from .ocr import ocr_document
    from .scanned import pages_to_read

    for path, source_file, sha, _ in todo:
        if Path(path).suffix.lower() != ".pdf":
            continue
        try:
            with captured_library_messages():  # its extraction summarises them (sources._read_pdf)
                pages = pages_to_read(Path(path))
        except Exception:  # an unreadable PDF: its extraction says why
            continue
        if not pages:
            continue
        echo(f"  {source_file}: {len(pages)} scanned page(s), read by OCR")
        try:
            ocr_document(Path(path), sha, pages, landing=landing, jobs=jobs,
                         progress=lambda done, total, name=source_file: echo(f"    {name}: page {done} of {total}"))
        except Exception as error:  # its extraction reads the missing pages again and reports the failure
            echo(f"    {source_file}: OCR failed ({type(error).__name__}: {error})")


def ingest(paths: list[Path], landing: Path, root: Path, jobs: int | None = None, prune: bool = False,
           echo=print) -> list[dict]:
    """Extract every document under ``paths`` into ``landing`` and publish the loaded ones.
    With ``prune`` the published set is exactly these documents (the build's view of
    ``documents/``); without it, disclosures published earlier stay published."""
    documents, skipped = find_documents(paths)
    for message in skipped:
        echo(f"  skipped: {message}")
    landing.mkdir(parents=True, exist_ok=True)
    todo, outcomes = [], []
    total = len(documents)
    for path in documents:
        source_file = _display(path, root)
        sha = content_hash(path)
        cached = read_document_row(cache_folder(landing, sha))
        if cached is not None:
            cached = dict(cached, source_file=source_file)
            outcomes.append(Outcome(path, source_file, cached, True, 0.0))
        else:
            todo.append((str(path), source_file, sha, str(landing)))
    done = len(outcomes)
    if done:
        echo(f"  {done} of {total} document(s) unchanged since they were landed (same content hash): not extracted again")
    _read_scans(todo, landing, jobs, echo)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    if todo:
        echo(f"  extracting {len(todo)} document(s) on {workers} worker(s)")
    if workers == 1:
        results = ((args, _work(args)) for args in todo)
        for args, (document, seconds) in results:
            done += 1
            outcomes.append(Outcome(Path(args[0]), args[1], document, False, seconds))
            echo(f"  [{done}/{total}] {args[1]} ({seconds:.1f} s)")
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_work, args): args for args in todo}
            for future in as_completed(futures):
                args = futures[future]
                done += 1
                try:
                    document, seconds = future.result()
                except Exception as error:  # one bad document never stops the others
                    document = {"document_sha256": args[2], "source_file": args[1], "status": "refused",
                                "reason": f"extraction failed: {type(error).__name__}: {error}"}
                    seconds = 0.0
                outcomes.append(Outcome(Path(args[0]), args[1], document, False, seconds))
                echo(f"  [{done}/{total}] {args[1]} ({seconds:.1f} s)")

    manifest = _manifest(outcomes, landing)
    if prune:
        publish(landing, manifest)
    else:
        previous = _read_manifest(landing)
        current = {row["document_sha256"] for row in manifest}
        kept = [row for row in previous if row["document_sha256"] not in current and row["run_status"] == "loaded"]
        publish(landing, _redo_duplicates(kept + manifest))
    return manifest


def _read_manifest(landing: Path) -> list[dict]:
    path = landing / "documents.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _manifest(outcomes: list[Outcome], landing: Path) -> list[dict]:
    rows = []
    seen_hash: dict[str, str] = {}
    for outcome in sorted(outcomes, key=lambda item: item.source_file):
        row = dict(outcome.document)
        row["source_file"] = outcome.source_file
        sha = row["document_sha256"]
        if sha in seen_hash:
            row["run_status"], row["run_reason"] = "duplicate", f"the same file as {seen_hash[sha]} (identical content)"
        else:
            seen_hash[sha] = outcome.source_file
            row["run_status"], row["run_reason"] = row.get("status", "refused"), row.get("reason")
        rows.append(row)
    return _redo_duplicates(rows)


def _redo_duplicates(rows: list[dict]) -> list[dict]:
    """The same disclosure (fiscal year + unit) in two files: the first by file name is
    loaded, the others are reported as duplicates and not loaded."""
    first: dict[tuple[str, str], str] = {}
    for row in sorted(rows, key=lambda item: item["source_file"]):
        if row["run_status"] != "loaded":
            continue
        key = (str(row.get("fiscal_year")), str(row.get("unit_name")))
        if key in first:
            row["run_status"] = "duplicate"
            row["run_reason"] = (f"the same disclosure ({key[0]} {key[1]}) as {first[key]}: "
                                 "reported, not loaded twice")
        else:
            first[key] = row["source_file"]
    return rows


def report(manifest: list[dict], landing: Path, echo=print) -> None:
    for row in manifest:
        echo("")
        echo(f"{row['source_file']}")
        status = row["run_status"]
        if status != "loaded":
            echo(f"  {status.upper()}: {row.get('run_reason') or row.get('reason')}")
            if status == "duplicate" or not row.get("unit_name"):
                continue
        echo(f"  unit: {row.get('unit_name')}   fiscal year: {row.get('fiscal_year')}   "
             f"layout: {row.get('disclosure_kind')} ({row.get('file_format')}, "
             + (f"{row.get('page_count')} pages" if row.get('file_format') == 'pdf' else f"{row.get('line_count')} lines")
             + ")")
        folder = cache_folder(landing, row["document_sha256"])
        presence = _read(folder / "table_presence.csv")
        recognised = [item for item in presence if item["presence"] != "missing"]
        echo(f"  tables recognised: {len(recognised)} of 9; figures extracted: {row.get('figures_extracted')}")
        for item in presence:
            title = item["title_as_printed"] or TABLE_TYPES_BY_CODE[item["table_code"]].standard_title
            detail = {"present": f"{item['rows_landed']} rows, {item['figures_landed']} figures",
                      "empty_with_note": f"no figures; note: {item['empty_note']}",
                      "empty": "no figures and no note",
                      "missing": "NOT FOUND"}[item["presence"]]
            echo(f"    {item['table_code'][:4]} {title} ({item['printed_at'] or '-'}): {detail}")
        unplaced = _read(folder / "unplaced.csv")
        judgments = _read(folder / "layout_judgments.csv")
        if unplaced:
            echo(f"  could not place ({len(unplaced)}):")
            for item in unplaced:
                echo(f"    - {item['message']}")
        else:
            echo("  could not place: nothing")
        for item in judgments:
            echo(f"    judgment: {item['message']}")


def _read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def summary_of_refusals(manifest: list[dict]) -> list[str]:
    return [f"{row['source_file']}: {row['run_status']}: {row.get('run_reason') or row.get('reason')}"
            for row in manifest if row["run_status"] != "loaded"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, help="documents or folders of documents")
    parser.add_argument("--landing", type=Path, default=None, help="landing folder (default: $LANDING_PATH or landing/)")
    parser.add_argument("--jobs", type=int, default=None, help="parallel workers (default: one per core)")
    parser.add_argument("--prune", action="store_true",
                        help="publish exactly these documents (drop disclosures landed from other files)")


def run(args: argparse.Namespace) -> int:
    """``final-accounts ingest``: extract, publish and report; 1 when a document was not loaded."""
    root = Path.cwd()
    landing = args.landing or landing_root(root)
    started = time.perf_counter()
    manifest = ingest(args.paths, landing, root, jobs=args.jobs, prune=args.prune)
    report(manifest, landing)
    elapsed = time.perf_counter() - started
    refusals = summary_of_refusals(manifest)
    print("")
    print(f"{len(manifest)} document(s) in {elapsed:.1f} s: "
          f"{sum(row['run_status'] == 'loaded' for row in manifest)} loaded, {len(refusals)} not loaded. "
          f"Landing: {landing}")
    for line in refusals:
        print(f"  not loaded: {line}", file=sys.stderr)
    return 1 if refusals else 0
