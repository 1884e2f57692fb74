"""The landing layer: extracted figures as CSV files that DuckDB reads directly.

Layout under the landing root (``LANDING_PATH``, default ``landing/`` in the repository):

- ``cache/<sha16>/``  one folder per document content hash: ``document.csv`` (identity,
  status, reason), ``table_presence.csv`` (the nine tables: present, empty with its note,
  or missing), ``table_notes.csv``, ``unplaced.csv``, ``layout_judgments.csv`` and one
  ``gk0N_*.csv`` per table type in the raw shape of the staging models, every row with
  ``source_page`` / ``source_line`` and its printed row number. A document whose hash is
  already cached is not extracted again.
- ``disclosures/<year>_<unit>_<sha16>/`` exactly the disclosures of the current run that
  were loaded (not refused, not a duplicate), keyed by disclosure: the folder dbt reads. It is rebuilt from the cache on
  every run, so a changed, removed or refused document leaves no stale rows behind.
- ``documents.csv``  the manifest of the current run: one row per document, with status
  ``loaded`` / ``refused`` / ``duplicate`` and the reason.
- ``disclosures/_schema/`` header-only files, so every landing source has all its columns
  (and its glob matches a file) even when no disclosure was loaded.
"""
from __future__ import annotations

import csv
import os
import re
import shutil
import tempfile
from pathlib import Path

from .layouts import COLUMNS
from .statements import FIGURE_COLUMNS, ITEM_COLUMNS, PROJECT_COLUMNS, WORDING_COLUMNS


def _extractor_version() -> str:
    """A fingerprint of the extraction code: a cached landing made by other code is redone."""
    import hashlib
    digest = hashlib.sha256()
    from .vocabulary import vocabulary_files
    for source in sorted(Path(__file__).parent.glob("*.py")) + vocabulary_files():
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


EXTRACTOR_VERSION = _extractor_version()
KEY_COLUMNS = ["document_sha256", "fiscal_year", "unit_name", "table_title_as_printed", "source_page", "source_line"]
DOCUMENT_COLUMNS = ["document_sha256", "source_file", "file_format", "page_count", "line_count", "status", "reason",
                    "fiscal_year", "unit_name", "disclosure_kind", "document_title", "identity_evidence",
                    "tables_recognised", "figures_extracted", "extractor_version"]
PRESENCE_COLUMNS = ["document_sha256", "fiscal_year", "unit_name", "table_code", "table_type", "standard_title",
                    "title_as_printed", "number_as_printed", "printed_at", "presence", "rows_landed", "figures_landed", "empty_note"]
NOTE_COLUMNS = ["document_sha256", "fiscal_year", "unit_name", "table_code", "table_title", "note_kind", "note_text",
                "printed_at"]
UNPLACED_COLUMNS = ["document_sha256", "fiscal_year", "unit_name", "message"]
JUDGMENT_COLUMNS = ["document_sha256", "fiscal_year", "unit_name", "message"]
MENTION_COLUMNS = ["document_sha256", "fiscal_year", "unit_name", "mention_no", "mention_kind", "frame", "value_as_printed",
                   "context", "printed_at"]
STATEMENT_KEY = ["document_sha256", "fiscal_year", "unit_name"]
# what the extractor could not read, or read and distrusts (a name cell that parses as a
# number, a row wider than its header, a narrative list whose items do not split …): one
# row per problem, with the READ-* rule it is reported under and where it is printed. The
# figures involved are not landed as printed figures, so no rule blames the document.
READ_PROBLEM_COLUMNS = ["problem_no", "rule_id", "part", "table_code", "source_page", "source_line",
                        "printed_text", "detail"]
MANIFEST_COLUMNS = DOCUMENT_COLUMNS + ["run_status", "run_reason"]
# where each landed table figure of a PDF is printed (points, top-left origin of its page)
FIGURE_BOX_COLUMNS = ["document_sha256", "fiscal_year", "unit_name", "table_code", "row_no", "column_name",
                      "source_page", "x0", "top", "x1", "bottom", "page_width", "page_height", "read_by",
                      "ocr_confidence"]
# the 项目支出绩效自评表 appendix, in the raw shape of its seeds (read by final_accounts/appendix.py;
# the generated corpus lands it here too)
APPENDIX_COLUMNS = {
    "project_evaluations": ["project_no", "table_title", "form_date_text", "project_name", "competent_department",
                            "implementing_unit", "goal_expected", "goal_actual", "total_weight_text",
                            "total_score_text", "transcription_note"],
    "project_funds": ["project_no", "row_no", "fund_source_as_printed", "initial_budget_text", "annual_budget_text",
                      "executed_text", "weight_text", "execution_rate_text", "score_text", "transcription_note"],
    "project_indicators": ["project_no", "row_no", "level1_indicator", "level2_indicator", "level3_indicator",
                           "target_text", "actual_text", "weight_text", "score_text", "deviation_text",
                           "deviation_reason", "transcription_note"],
    "project_fund_management": ["project_no", "row_no", "item_name", "description", "weight_text", "score_text",
                                "problems_and_measures", "transcription_note"],
}
SCHEMA_FOLDER = "_schema"  # header-only files inside disclosures/, so every glob matches

SCHEMAS: dict[str, list[str]] = {
    "document": DOCUMENT_COLUMNS,
    "table_presence": PRESENCE_COLUMNS,
    "table_notes": NOTE_COLUMNS,
    "unplaced": UNPLACED_COLUMNS,
    "layout_judgments": JUDGMENT_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "figure_boxes": FIGURE_BOX_COLUMNS,
    "read_problems": STATEMENT_KEY + READ_PROBLEM_COLUMNS,
    "narrative_figures": STATEMENT_KEY + FIGURE_COLUMNS,
    "narrative_function_budget": STATEMENT_KEY + ITEM_COLUMNS,
    "narrative_comparison_wording": STATEMENT_KEY + WORDING_COLUMNS,
    "narrative_project_results": STATEMENT_KEY + PROJECT_COLUMNS,
    **{code: KEY_COLUMNS + columns for code, columns in COLUMNS.items()},
    **{name: STATEMENT_KEY + columns + ["source_page", "source_line"] for name, columns in APPENDIX_COLUMNS.items()},
}


def landing_root(root: Path | None = None) -> Path:
    configured = os.environ.get("LANDING_PATH")
    base = Path(configured) if configured else (root or Path.cwd()) / "landing"
    return base


def cache_folder(landing: Path, sha256: str) -> Path:
    return landing / "cache" / sha256[:16]


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: ("" if row.get(column) is None else row.get(column)) for column in columns})


def read_document_row(folder: Path) -> dict | None:
    path = folder / "document.csv"
    if not path.exists():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if len(rows) != 1 or rows[0].get("extractor_version") != EXTRACTOR_VERSION:
        return None
    return rows[0]


def write_cache(landing: Path, sha256: str, files: dict[str, list[dict]]) -> Path:
    """Write one document's landed files into its cache folder, atomically (a folder
    renamed into place), so a killed run never leaves half a disclosure."""
    target = cache_folder(landing, sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{sha256[:16]}.", dir=target.parent))
    for name, rows in files.items():
        write_csv(scratch / f"{name}.csv", SCHEMAS[name], rows)
    if target.exists():
        shutil.rmtree(target)
    os.replace(scratch, target)
    return target


def write_schemas(landing: Path) -> None:
    folder = landing / "disclosures" / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, columns in SCHEMAS.items():
        write_csv(folder / f"{name}.csv", columns, [])


def write_schema_files(folder: Path) -> None:
    """Header-only files of every landing source (and the manifest): the repository's
    landing_schema/ folder, which dbt reads in place of a landing folder that is not there."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, columns in {**SCHEMAS, "documents": MANIFEST_COLUMNS}.items():
        write_csv(folder / f"{name}.csv", columns, [])


def published_name(row: dict) -> str:
    """The folder of a loaded disclosure: fiscal year, unit name and content hash."""
    unit = re.sub(r"[\\/:*?\"<>|\s]", "_", str(row.get("unit_name") or "unknown"))
    return f"{row.get('fiscal_year')}_{unit}_{row['document_sha256'][:16]}"


def publish(landing: Path, manifest: list[dict]) -> None:
    """Make ``disclosures/`` hold exactly the loaded documents of this run, and write the
    manifest. Files are hard-linked from the cache where the file system allows."""
    published = landing / "disclosures"
    published.mkdir(parents=True, exist_ok=True)
    write_schemas(landing)
    # one folder per loaded disclosure, named by its key: fiscal year, unit, content hash
    sources = {published_name(row): landing / "cache" / row["document_sha256"][:16]
               for row in manifest if row["run_status"] == "loaded"}
    for folder in published.iterdir():
        if folder.name not in sources and folder.name != SCHEMA_FOLDER:
            shutil.rmtree(folder) if folder.is_dir() else folder.unlink()
    for name, source in sources.items():
        destination = published / name
        if destination.exists():
            if all((destination / item.name).exists() and os.path.samefile(source / item.name, destination / item.name)
                   for item in source.iterdir()):
                continue
            shutil.rmtree(destination)
        scratch = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=published))
        for item in source.iterdir():
            try:
                os.link(item, scratch / item.name)
            except OSError:
                shutil.copy2(item, scratch / item.name)
        os.replace(scratch, destination)
    write_csv(landing / "documents.csv", MANIFEST_COLUMNS, manifest)
