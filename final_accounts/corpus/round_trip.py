"""The round trip of a printed corpus: the PDFs (``printing``) read back through
``scripts/ingest`` and compared with what was printed, figure by figure and page by page;
then built, and the failed checks scored against the planted errors (``scoring.score``).

The truth of a table figure is the disclosure's landing, recorded in the layout manifest
beside each PDF with the page every row was printed on."""
from __future__ import annotations

import csv
import difflib
import json
import os
import shutil
import subprocess
import sys
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..layouts import CODE_NAME_KEYS, NAME_KEYS, figure_keys

ROOT = Path(__file__).resolve().parent.parent.parent
LABEL_KEYS = tuple(NAME_KEYS) + tuple(code for code, _ in CODE_NAME_KEYS)


def _value(text: str | None) -> Decimal | None:
    text = (text or "").replace(",", "").strip()
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _key(code: str, row: dict) -> tuple:
    return tuple((row.get(key) or "").strip() for key in LABEL_KEYS if key in row)


def _visible(code: str, row: dict) -> bool:
    """Whether a printed row prints anything a reader lands (a label or a figure)."""
    return any((row.get(key) or "").strip() for key in LABEL_KEYS + tuple(figure_keys(code)) if key in row)


def _read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def manifests(documents: Path) -> list[dict]:
    """The layout manifests of a printed corpus, with the PDF each describes."""
    found = []
    for path in sorted(Path(documents).glob(".*.layout.json")):
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest["pdf"] = str(path.with_name(path.name[1:].removesuffix(".layout.json") + ".pdf"))
        found.append(manifest)
    return found


def compare_figures(documents: Path, landing: Path) -> dict:
    """Every printed table figure against what ingestion landed: found exactly (same value,
    same row, on the page it was printed on), misread, or missing; and figures landed that
    were never printed. Per option of each layout family, the same counts."""
    landed_documents = {Path(row["source_file"]).name: row for row in _read_csv(landing / "documents.csv")}
    folders = {path.name.rsplit("_", 1)[-1]: path for path in (landing / "disclosures").iterdir() if path.is_dir()}
    totals = {"printed": 0, "exact": 0, "wrong_value": 0, "wrong_page": 0, "missing": 0, "extra": 0, "pages": 0}
    by_option: dict[str, dict[str, int]] = {}
    problems: list[str] = []
    for manifest in manifests(documents):
        name = Path(manifest["pdf"]).name
        document = landed_documents.get(name)
        counts = {"printed": 0, "exact": 0}
        if document is None or document.get("status") != "loaded":
            reason = document.get("reason") if document else "not in the landing's documents.csv"
            problems.append(f"{name}: not loaded ({reason})")
            folder = None
        else:
            folder = folders.get(document["document_sha256"][:16])
            totals["pages"] += int(document.get("page_count") or 0)
        for code, printed_rows in manifest["tables"].items():
            pages = manifest["row_pages"][code]
            printed = [(row, pages[i]) for i, row in enumerate(printed_rows) if _visible(code, row)]
            landed = _read_csv(folder / f"{code}.csv") if folder else []
            matcher = difflib.SequenceMatcher(a=[_key(code, row) for row, _ in printed],
                                              b=[_key(code, row) for row in landed], autojunk=False)
            pairs = {a: b for block in matcher.get_matching_blocks() for a, b in
                     zip(range(block.a, block.a + block.size), range(block.b, block.b + block.size))}
            for i, (row, page) in enumerate(printed):
                other = landed[pairs[i]] if i in pairs else None
                for key in figure_keys(code):
                    value = _value(row.get(key))
                    if value is None:
                        continue
                    counts["printed"] += 1
                    if other is None:
                        totals["missing"] += 1
                        problems.append(f"{name} {code} row {_key(code, row)} {key}: printed {row[key]} on page "
                                        f"{page}, row not landed")
                    elif _value(other.get(key)) != value:
                        totals["wrong_value"] += 1
                        problems.append(f"{name} {code} row {_key(code, row)} {key}: printed {row[key]}, "
                                        f"landed {other.get(key)!r}")
                    elif str(page) != (other.get("source_page") or ""):
                        totals["wrong_page"] += 1
                        problems.append(f"{name} {code} row {_key(code, row)} {key}: printed on page {page}, "
                                        f"landed from page {other.get('source_page')}")
                    else:
                        counts["exact"] += 1
            for j, other in enumerate(landed):
                partner = next((i for i, b in pairs.items() if b == j), None)
                for key in figure_keys(code):
                    if _value(other.get(key)) is not None and (
                            partner is None or _value(printed[partner][0].get(key)) is None):
                        totals["extra"] += 1
                        problems.append(f"{name} {code} landed row {other.get('row_no')} {key}: "
                                        f"{other.get(key)} was never printed there")
        totals["printed"] += counts["printed"]
        totals["exact"] += counts["exact"]
        for family, option in manifest["layout"].items():
            entry = by_option.setdefault(f"{family}={option}", {"disclosures": 0, "printed": 0, "exact": 0})
            entry["disclosures"] += 1
            entry["printed"] += counts["printed"]
            entry["exact"] += counts["exact"]
    totals["exact_share"] = 100.0 * totals["exact"] / totals["printed"] if totals["printed"] else 0.0
    return {**totals, "by_option": by_option, "problems": problems}


def ingest(documents: Path, landing: Path) -> tuple[float, subprocess.CompletedProcess]:
    """``scripts/ingest`` on the printed documents: seconds and the finished process."""
    env = dict(os.environ, LANDING_PATH=str(landing))
    start = time.perf_counter()
    done = subprocess.run([str(ROOT / "scripts" / "ingest"), str(documents)], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    return time.perf_counter() - start, done


def build_and_score(documents: Path, landing: Path, warehouse: Path) -> dict:
    """Build the ingested landing (dbt, full refresh, no reports) and score its failed checks
    against the ground truth printed with the corpus."""
    from .scoring import score

    shutil.copyfile(Path(documents) / ".ground_truth.csv", landing / "ground_truth.csv")
    env = dict(os.environ, LANDING_PATH=str(landing), WAREHOUSE_PATH=str(warehouse),
               DBT_SEND_ANONYMOUS_USAGE_STATS="False")
    built = subprocess.run([sys.executable, "-m", "final_accounts.cli", "build", "--skip-ingest", "--full-refresh",
                            "--no-reports"], cwd=ROOT, env=env, capture_output=True, text=True)
    if built.returncode != 0:
        raise RuntimeError(f"the build of {landing} failed:\n{built.stdout[-3000:]}\n{built.stderr[-2000:]}")
    return score(warehouse, landing)
