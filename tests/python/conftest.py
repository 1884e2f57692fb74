"""Shared fixtures: a fresh warehouse built by `dbt build` in a temporary folder, and a
helper that builds a copy of the project with deliberately broken seeds."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
DBT = Path(sys.executable).with_name("dbt")
PROJECT_ITEMS = ["dbt_project.yml", "profiles.yml", "seeds", "models", "macros", "tests", "documents", "scripts"]


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


def run_dbt_build(project_dir: Path, work_dir: Path) -> BuildResult:
    warehouse = work_dir / "warehouse.duckdb"
    env = dict(
        os.environ,
        WAREHOUSE_PATH=str(warehouse),
        DBT_PROFILES_DIR=str(project_dir),
        DBT_SEND_ANONYMOUS_USAGE_STATS="False",
    )
    proc = subprocess.run(
        [str(DBT), "build", "--target-path", str(work_dir / "target"), "--log-path", str(work_dir / "logs")],
        cwd=project_dir, env=env, capture_output=True, text=True,
    )
    results = {}
    run_results = work_dir / "target" / "run_results.json"
    if run_results.exists():
        for r in json.loads(run_results.read_text(encoding="utf-8"))["results"]:
            results[r["unique_id"]] = {"status": r["status"], "failures": r.get("failures"), "message": r.get("message")}
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, warehouse, results)


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for item in PROJECT_ITEMS:
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, dest / item, ignore=shutil.ignore_patterns("python", "__pycache__"))
        else:
            shutil.copy2(src, dest / item)
    return dest


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> BuildResult:
    """The real project, built from scratch into an empty temporary database."""
    work = tmp_path_factory.mktemp("build")
    result = run_dbt_build(ROOT, work)
    return result


@pytest.fixture(scope="session")
def warehouse(built):
    assert built.returncode == 0, built.output[-4000:]
    con = duckdb.connect(str(built.warehouse), read_only=True)
    yield con
    con.close()
