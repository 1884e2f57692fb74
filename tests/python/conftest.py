"""Shared fixtures: a fresh warehouse built by `dbt build` in a temporary folder, and a
helper that builds a copy of the project with deliberately broken seeds."""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
DBT = Path(sys.executable).with_name("dbt")
PROJECT_ITEMS = ["dbt_project.yml", "profiles.yml", "seeds", "models", "macros", "tests", "documents", "scripts",
                 "final_accounts"]


@dataclass
class BuildResult:
    returncode: int
    output: str
    warehouse: Path
    results: dict  # unique_id -> {"status": ..., "failures": ..., "message": ...}

    def status_of(self, test_name: str) -> str:
        """Status of the one node whose name is test_name."""
        hits = [r for uid, r in self.results.items() if uid.split(".")[2] == test_name]
        assert len(hits) == 1, f"expected one node named {test_name}, found {len(hits)}"
        return hits[0]["status"]

    def failed_names(self) -> set[str]:
        return {uid.split(".")[2] for uid, r in self.results.items() if r["status"] in ("fail", "warn", "error")}


_LANDINGS: dict[str, Path] = {}


def landing_for(project_dir: Path) -> Path:
    """The landing folder of a project's documents/, extracted once per test session per
    set of documents (the documents of copies made by the tests are usually the same)."""
    from final_accounts import ingest
    from final_accounts.sources import content_hash

    documents = project_dir / "documents"
    key = "|".join(sorted(content_hash(path) for path in documents.rglob("*") if path.is_file()))
    if key not in _LANDINGS:
        import tempfile
        landing = Path(tempfile.mkdtemp(prefix="landing-"))
        ingest.ingest([documents], landing, project_dir, prune=True, echo=lambda *_: None)
        _LANDINGS[key] = landing
    return _LANDINGS[key]


def run_dbt_build(project_dir: Path, work_dir: Path, landing: Path | None = None, extra_args=()) -> BuildResult:
    warehouse = work_dir / "warehouse.duckdb"
    env = dict(
        os.environ,
        LANDING_PATH=str(landing or landing_for(project_dir)),
        WAREHOUSE_PATH=str(warehouse),
        DBT_PROFILES_DIR=str(project_dir),
        DBT_SEND_ANONYMOUS_USAGE_STATS="False",
    )
    proc = subprocess.run(
        [str(DBT), "build", "--target-path", str(work_dir / "target"), "--log-path", str(work_dir / "logs"), *extra_args],
        cwd=project_dir, env=env, capture_output=True, text=True,
    )
    results = {}
    run_results = work_dir / "target" / "run_results.json"
    if run_results.exists():
        for r in json.loads(run_results.read_text(encoding="utf-8"))["results"]:
            results[r["unique_id"]] = {"status": r["status"], "failures": r.get("failures"), "message": r.get("message")}
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, warehouse, results)


NANYANG = "南阳市政务大数据中心"


def copy_project(dest: Path, with_pdfs: bool = False) -> Path:
    """A copy of the project to break on purpose. Its documents/ holds only the Nanyang
    text export (the reference disclosure the break-it tests change) unless with_pdfs."""
    dest.mkdir(parents=True, exist_ok=True)
    for item in PROJECT_ITEMS:
        src = ROOT / item
        if src.is_dir():
            ignored = ["python", "__pycache__", "fixtures"] + ([] if with_pdfs else ["*.pdf"])
            shutil.copytree(src, dest / item, ignore=shutil.ignore_patterns(*ignored))
        else:
            shutil.copy2(src, dest / item)
    return dest


def project_with_documents(work: Path, documents: dict[str, str]) -> tuple[Path, Path]:
    """A copy of the project with extra text-export documents written into documents/,
    ingested into its own landing folder: (project, landing)."""
    from final_accounts import ingest
    project = copy_project(work / "project")
    for name, text in documents.items():
        (project / "documents" / name).write_text(text, encoding="utf-8")
    landing = work / "landing"
    ingest.ingest([project / "documents"], landing, project, prune=True, echo=lambda *_: None)
    return project, landing


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> BuildResult:
    """The real project, built from scratch into an empty temporary database."""
    work = tmp_path_factory.mktemp("build")
    result = run_dbt_build(ROOT, work)
    return result


# the warehouse keeps each layer in its own schema (marts in main); tests read every layer
SEARCH_PATH = "main,staging,intermediate,reference,test_failures"


def read_landed_csv(path: Path) -> tuple[list[str], list[dict]]:
    """A landed CSV's columns and rows."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_landed_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    """Write a landed CSV as a new file: the extraction cache the landed file is linked from is
    kept as it was."""
    scratch = path.with_suffix(".edited")
    with scratch.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    path.unlink()
    os.replace(scratch, path)


def open_warehouse(path) -> duckdb.DuckDBPyConnection:
    """A read-only connection that sees every layer's relations by their bare names."""
    con = duckdb.connect(str(path), read_only=True)
    con.execute(f"set search_path = '{SEARCH_PATH}'")
    return con


@pytest.fixture(scope="session")
def warehouse(built):
    assert built.returncode == 0, built.output[-4000:]
    con = open_warehouse(built.warehouse)
    yield con
    con.close()


@dataclass
class MisprintedCopy:
    """A copy of the project whose documents/ holds the Nanyang export twice: as shipped, and
    under another unit's name with one printed figure's second digit dropped in its landed file
    (公开01 一般公共预算财政拨款收入: 1788.25 printed 178.25)."""
    project: Path
    landing: Path
    unit: str
    figure_key: str
    original: Decimal
    printed: Decimal


def misprinted_copy(work: Path, unit: str = "南阳市数据错印中心") -> MisprintedCopy:
    from final_accounts import ingest as ingestion
    text = (ROOT / "documents" / "2024-nanyang-government-big-data-center-final-accounts.txt").read_text(encoding="utf-8")
    project = copy_project(work / "project")
    (project / "documents" / f"{unit}.txt").write_text(text.replace(NANYANG, unit), encoding="utf-8")
    landing = work / "landing"
    ingestion.ingest([project / "documents"], landing, project, prune=True, echo=lambda *_: None)
    (folder,) = [f for f in (landing / "disclosures").iterdir() if f"_{unit}_" in f.name]
    path = folder / "gk01_income_expenditure_summary.csv"
    columns, rows = read_landed_csv(path)
    row = next(r for r in rows if r["income_item"].endswith("一般公共预算财政拨款收入"))
    original = Decimal(row["income_amount"].replace(",", ""))
    digits = f"{original:.2f}".replace(".", "")
    row["income_amount"] = f"{Decimal(int(digits[0] + digits[2:])) / 100:.2f}"
    write_landed_csv(path, columns, rows)
    return MisprintedCopy(project, landing, unit, "income_expenditure_summary/收入/一般公共预算财政拨款收入/amount",
                          original, Decimal(row["income_amount"]))


@pytest.fixture(scope="session")
def misprinted(tmp_path_factory):
    """The misprinted copy built by dbt: (MisprintedCopy, BuildResult)."""
    work = tmp_path_factory.mktemp("misprinted")
    copy = misprinted_copy(work)
    result = run_dbt_build(copy.project, work / "build", landing=copy.landing)
    assert result.returncode == 0, result.output[-4000:]
    return copy, result
