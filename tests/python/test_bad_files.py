"""The build command with bad files and a busy database: a seed in GBK or with a BOM is
stopped with the file named and the fix given (and the project's own tool converts it);
a warehouse held by another process is reported in plain words and left intact; a
rebuild gives identical relations; a build killed midway leaves the old warehouse and
the next build repairs."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import copy_project, open_warehouse

PYTHON = sys.executable
SHELL = Path(sys.executable).with_name("duckdb")


def build(project: Path, *args: str, timeout=300):
    env = dict(os.environ, WAREHOUSE_PATH=str(project / "warehouse.duckdb"), DBT_PROFILES_DIR=str(project),
               DBT_SEND_ANONYMOUS_USAGE_STATS="False")
    return subprocess.run([PYTHON, str(project / "scripts" / "build_warehouse.py"), *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=timeout)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="module")
def built_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("busy") / "project")
    result = build(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project


def test_gbk_seed_is_stopped_with_the_fix(project):
    seed = project / "seeds" / "gk05_general_budget_expenditure.csv"
    original = seed.read_text(encoding="utf-8")
    seed.write_bytes(original.encode("gbk"))
    result = build(project)
    assert result.returncode == 1
    assert ("seeds/gk05_general_budget_expenditure.csv is not UTF-8: it looks like GBK/GB18030. "
            "Fix: run: .venv/bin/python scripts/check_seeds.py --fix seeds/gk05_general_budget_expenditure.csv") in result.stderr
    assert "the warehouse was not changed" in result.stderr
    assert not (project / "warehouse.duckdb").exists()
    # the project's own tool converts it back, byte for byte
    fixed = subprocess.run([PYTHON, str(project / "scripts" / "check_seeds.py"), "--fix", str(seed)],
                           capture_output=True, text=True)
    assert fixed.returncode == 0 and "converted to UTF-8 without BOM" in fixed.stdout
    assert seed.read_text(encoding="utf-8") == original


def test_bom_seed_is_stopped(project):
    seed = project / "seeds" / "narrative_figures.csv"
    seed.write_bytes(b"\xef\xbb\xbf" + seed.read_bytes())
    result = build(project)
    assert result.returncode == 1
    assert "seeds/narrative_figures.csv is UTF-8 with a byte-order mark (BOM)" in result.stderr


def test_mojibake_is_stopped(project):
    seed = project / "seeds" / "table_notes.csv"
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.encode("gbk").decode("latin-1"), encoding="utf-8")  # GBK read as Latin-1
    result = build(project)
    assert result.returncode == 1
    assert "seeds/table_notes.csv looks like mojibake on line 2" in result.stderr  # line 1 is the ASCII header


def test_busy_warehouse_is_reported_and_left_intact(built_project):
    warehouse = built_project / "warehouse.duckdb"
    before = sha(warehouse)
    holder = subprocess.Popen([str(SHELL), str(warehouse)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        holder.stdin.write("select 1;\n")
        holder.stdin.flush()
        holder.stdout.readline()  # the shell has the file open
        result = build(built_project)
    finally:
        os.killpg(holder.pid, signal.SIGKILL)  # the shell's launcher and the shell itself
        holder.wait()
    assert result.returncode != 0
    assert "is open in another process (a DuckDB shell or BI tool?)" in result.stderr
    assert "the existing warehouse was left as it was" in result.stderr
    assert sha(warehouse) == before


def relation_fingerprints(warehouse: Path) -> dict[str, str]:
    con = open_warehouse(str(warehouse))
    try:
        # every layer's relations (marts in main, staging, intermediate, reference), not the test failures
        names = [f'"{schema}"."{table}"' for schema, table in con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_catalog = 'warehouse' and table_schema not in ('test_failures', 'build') "
            "order by 1, 2").fetchall()]
        return {n: con.execute(f'select md5(string_agg(t::varchar, chr(10) order by t::varchar)) from {n} t').fetchone()[0]
                for n in names}
    finally:
        con.close()


def test_rebuild_gives_identical_relations(built_project):
    first = relation_fingerprints(built_project / "warehouse.duckdb")
    unchanged = build(built_project)
    assert unchanged.returncode == 0 and "Build: unchanged" in unchanged.stdout, unchanged.stdout[-2000:]
    result = build(built_project, "--full-refresh")
    assert result.returncode == 0 and "Build: full (--full-refresh)" in result.stdout
    second = relation_fingerprints(built_project / "warehouse.duckdb")
    assert len(first) > 40 and first == second


def test_killed_build_leaves_old_warehouse_and_next_build_repairs(built_project):
    warehouse = built_project / "warehouse.duckdb"
    scratch = built_project / "warehouse.duckdb.building"
    before = relation_fingerprints(warehouse)
    log = built_project / "logs" / "dbt.log"
    log.unlink(missing_ok=True)
    env = dict(os.environ, WAREHOUSE_PATH=str(warehouse), DBT_PROFILES_DIR=str(built_project),
               DBT_SEND_ANONYMOUS_USAGE_STATS="False")
    proc = subprocess.Popen([PYTHON, str(built_project / "scripts" / "build_warehouse.py"), "--full-refresh"],
                            cwd=built_project,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 60
    while not (scratch.exists() and log.exists() and "START" in log.read_text(errors="ignore")):
        assert time.time() < deadline and proc.poll() is None, "dbt never started"
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert scratch.exists()  # killed midway, the half-built copy is left behind ...
    assert relation_fingerprints(warehouse) == before  # ... and the warehouse is untouched
    result = build(built_project)
    assert result.returncode == 0, result.stderr[-2000:]
    assert not scratch.exists()
    assert relation_fingerprints(warehouse) == before
