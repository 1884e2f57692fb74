"""`dbt build` in a fresh clone (issue 16, point 9): no landing folder exists until
./scripts/ingest has run; the landing sources are then empty (read from the header-only files
of landing_schema/), the reference disclosure is built and checked, the build exits 0, and a
warning says how to load the documents."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from conftest import DBT, NANYANG, ROOT, open_warehouse


def test_committed_landing_schema_matches_the_landing_contract(tmp_path):
    # landing_schema/ is written by final_accounts.landing.write_schema_files: regenerated, it is the same
    from final_accounts.landing import write_schema_files
    write_schema_files(tmp_path)
    committed = {path.name: path.read_bytes() for path in (ROOT / "landing_schema").glob("*.csv")}
    generated = {path.name: path.read_bytes() for path in tmp_path.glob("*.csv")}
    assert committed == generated, "run write_schema_files(Path('landing_schema')) after changing the landing columns"


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs the git repository")
def test_dbt_build_in_a_fresh_clone(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    if (ROOT / ".venv").exists():
        os.symlink((ROOT / ".venv").resolve(), clone / ".venv")
    assert not (clone / "landing").exists()
    env = {key: value for key, value in os.environ.items() if key not in ("LANDING_PATH", "WAREHOUSE_PATH")}
    env.update(DBT_PROFILES_DIR=str(clone), DBT_SEND_ANONYMOUS_USAGE_STATS="False")
    result = subprocess.run([str(DBT), "build"], cwd=clone, env=env, capture_output=True, text=True, timeout=900)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "No landing folder" in output and "./scripts/ingest documents/" in output, output[:3000]
    con = open_warehouse(clone / "warehouse.duckdb")
    try:
        assert con.execute("select unit_name, loaded_from like '参考转录%' from dim_disclosure").fetchall() == \
            [(NANYANG, True)]
        statuses = dict(con.execute("select status, count(*) from fct_reconciliation_checks "
                                    "where unit_name = ? group by all", [NANYANG]).fetchall())
        assert statuses.get("pass", 0) > 1000
        assert con.execute("select count(*) from stg_landed_documents").fetchone() == (0,)
        assert con.execute("select count(*) from stg_read_problems").fetchone() == (0,)
    finally:
        con.close()
