"""A build that fails publishes nothing (issue 16, point 1), and says why in one plain sentence.

A copy of the project carries, from its first build on, a warehouse-level test that fails
when a disclosure of a given unit is in dim_disclosure. The first build (without that unit)
passes. Then a document of that unit is added: the incremental build fails in its delta, and
the warehouse must be unchanged relation by relation (row counts, and ``except all`` both
ways), with no traceback and a message naming the cause. The same holds for a full build.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import NANYANG, ROOT, copy_project

DOCUMENT = "2024-nanyang-government-big-data-center-final-accounts.txt"
LATE_UNIT = "南阳市数据迟到中心"
PLANTED_TEST = f"""-- planted by tests/python/test_failed_build.py: fails when the late unit is built
select unit_name from {{{{ ref('dim_disclosure') }}}} where unit_name = '{LATE_UNIT}'
"""


def run_build(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, WAREHOUSE_PATH=str(project / "warehouse.duckdb"), LANDING_PATH=str(project / "landing"),
               DBT_PROFILES_DIR=str(project), DBT_SEND_ANONYMOUS_USAGE_STATS="False")
    return subprocess.run([sys.executable, str(project / "scripts" / "build_warehouse.py"), "--no-reports", *args],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900)


def relations(con, catalog: str) -> list[str]:
    return [f'"{schema}"."{name}"' for schema, name in con.execute(
        "select table_schema, table_name from information_schema.tables where table_catalog = ? order by 1, 2",
        [catalog]).fetchall()]


def differences(before: Path, after: Path) -> list[str]:
    """Every relation whose rows differ between two warehouse files (or that one lacks)."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{before}' as before (read_only)")
        con.execute(f"attach '{after}' as after (read_only)")
        old, new = relations(con, "before"), relations(con, "after")
        found = [f"only before: {name}" for name in old if name not in new]
        found += [f"only after: {name}" for name in new if name not in old]
        for name in (name for name in old if name in new):
            counts = [con.execute(f"select count(*) from {side}.{name}").fetchone()[0] for side in ("before", "after")]
            if counts[0] != counts[1]:
                found.append(f"{name}: {counts[0]} rows before, {counts[1]} after")
                continue
            for left, right in (("before", "after"), ("after", "before")):
                extra = con.execute(f"select count(*) from (select * from {left}.{name} except all "
                                    f"select * from {right}.{name})").fetchone()[0]
                if extra:
                    found.append(f"{name}: {extra} rows only {left}")
        return found
    finally:
        con.close()


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("failed-build") / "project")
    (project / "tests" / "assert_planted_late_unit_absent.sql").write_text(PLANTED_TEST, encoding="utf-8")
    first = run_build(project)
    assert first.returncode == 0, (first.stdout + first.stderr)[-3000:]
    return project


def add_late_document(project: Path) -> None:
    text = (ROOT / "documents" / DOCUMENT).read_text(encoding="utf-8").replace(NANYANG, LATE_UNIT)
    (project / "documents" / "late.txt").write_text(text, encoding="utf-8")


def test_differences_sees_a_changed_relation(project, tmp_path):
    # the comparison itself can fail: one row changed in a copy is seen
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(project / "warehouse.duckdb", copy)
    con = duckdb.connect(str(copy))
    con.execute("update main.dim_disclosure set checks_pass = checks_pass + 1 where unit_name = ?", [NANYANG])
    con.close()
    assert differences(project / "warehouse.duckdb", copy) == [
        '"main"."dim_disclosure": 1 rows only before', '"main"."dim_disclosure": 1 rows only after']


@pytest.mark.parametrize("mode", ["incremental", "full"])
def test_failed_build_leaves_the_warehouse_unchanged(project, tmp_path, mode):
    warehouse = project / "warehouse.duckdb"
    before = tmp_path / "before.duckdb"
    shutil.copyfile(warehouse, before)
    add_late_document(project)
    try:
        result = run_build(project, *(["--full-refresh"] if mode == "full" else []))
    finally:
        (project / "documents" / "late.txt").unlink()
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert f"Build: {mode}" in result.stdout, result.stdout[-2000:]
    assert "Traceback" not in output
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("build: dbt build failed: ") and "assert_planted_late_unit_absent" in last, last
    assert "nothing was published" in last
    assert differences(before, warehouse) == []
    # the failed build is kept aside for inspection, with the failing test's rows
    con = duckdb.connect(str(project / "warehouse.duckdb.failed"), read_only=True)
    try:
        assert con.execute("select unit_name from test_failures.assert_planted_late_unit_absent").fetchall() == \
            [(LATE_UNIT,)]
    finally:
        con.close()
    assert not (project / "warehouse.duckdb.building").exists() and not (project / "warehouse.duckdb.delta").exists()


def test_build_after_a_failure_is_incremental_and_publishes(project):
    # the warehouse a failed build left is still the last good one: the next build (the late
    # document gone, as its owner would fix it) finds nothing to do
    result = run_build(project)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert "Build: unchanged" in result.stdout


def test_fingerprint_covers_generic_and_singular_tests(tmp_path):
    from final_accounts.incremental import code_fingerprint
    copy = copy_project(tmp_path / "project")
    before = code_fingerprint(copy)
    for path in (copy / "tests" / "generic" / "is_empty.sql", copy / "tests" / "assert_seed_keys_unique.sql"):
        original = path.read_text(encoding="utf-8")
        path.write_text(original + "\n-- changed\n", encoding="utf-8")
        assert code_fingerprint(copy) != before, path
        path.write_text(original, encoding="utf-8")
    assert code_fingerprint(copy) == before
