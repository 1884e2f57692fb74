"""The labelled corpus (final_accounts/corpus/) and what it measures: every planted error is
found by its rule, nothing unplanted fails (recall and precision both 100 %), and an
incremental build gives exactly the warehouse a full build gives."""
from __future__ import annotations

import csv
import filecmp
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, run_dbt_build

from final_accounts.corpus import PLANTS, generate, score

EXACTNESS_SIZE = 200  # a few hundred disclosures: every plant family several times, within CI's time


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_generator_is_deterministic(tmp_path):
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate(first, 12, seed=7, planted_share=0.5)
    generate(second, 12, seed=7, planted_share=0.5)
    generate(other, 12, seed=8, planted_share=0.5)
    names = sorted(path.relative_to(first) for path in first.rglob("*.csv"))
    assert names == sorted(path.relative_to(second) for path in second.rglob("*.csv"))
    assert all(filecmp.cmp(first / name, second / name, shallow=False) for name in names)
    assert read_rows(first / "documents.csv") != read_rows(other / "documents.csv")


def test_totals_are_rounded_from_their_parts_so_rounding_differences_occur(tmp_path):
    """Every printed 类 is within rounding of its printed 项 (0.005 per rounded figure), and in
    some disclosures it is not their exact sum: 尾差 occur as in accounting systems' prints."""
    generate(tmp_path, 40, seed=3, planted_share=0)
    rows = [row for path in (tmp_path / "disclosures").glob("*/gk05_general_budget_expenditure.csv")
            for row in read_rows(path)]
    exact, off_by_rounding = 0, 0
    for row in rows:
        code = row["function_code"]
        if len(code) != 3:
            continue
        items = [Decimal(r["subtotal"].replace(",", "") or "0") for r in rows
                 if r["unit_name"] == row["unit_name"] and len(r["function_code"]) == 7 and r["function_code"][:3] == code]
        printed = Decimal(row["subtotal"].replace(",", "") or "0")
        difference = abs(printed - sum(items))
        assert difference <= Decimal("0.005") * (len(items) + 1), (row["unit_name"], code, printed, items)
        exact += difference == 0
        off_by_rounding += difference != 0
    assert exact and off_by_rounding, (exact, off_by_rounding)


def test_every_plant_writes_its_ground_truth(tmp_path):
    generate(tmp_path, 2 * len(PLANTS), seed=5, planted_share=1)
    truth = read_rows(tmp_path / "ground_truth.csv")
    planted = [row for row in truth if row["role"] == "planted"]
    assert {row["plant"] for row in planted} == set(PLANTS)
    assert all(row["rule_id"] and row["subject_key"] and row["unit_name"] for row in planted)


@pytest.fixture(scope="module")
def exactness_build(tmp_path_factory):
    landing = tmp_path_factory.mktemp("corpus")
    counts = generate(landing, EXACTNESS_SIZE, seed=11, planted_share=0.3, batch_size=50)
    work = tmp_path_factory.mktemp("corpus-build")
    build = run_dbt_build(ROOT, work, landing=landing, extra_args=["--exclude-resource-type", "unit_test"])
    assert build.warehouse.exists(), build.output[-3000:]
    return landing, build, counts


def test_exactness_on_a_generated_corpus(exactness_build):
    """Recall and precision both 100 %: every planted error found by its rule on its subject, and
    no failed check (error or warn) on a generated disclosure that no plant explains."""
    landing, build, _counts = exactness_build
    result = score(build.warehouse, landing)
    print(f"\ncorpus {result['disclosures']}: planted={result['planted']} found={result['found']} "
          f"fails={result['fails']} recall={result['recall']:.1f}% precision={result['precision']:.1f}% "
          f"families={len(result['families'])}")
    assert result["disclosures"] == EXACTNESS_SIZE
    assert result["missed"] == [], result["missed"][:10]
    assert result["false_alarms"] == [], result["false_alarms"][:10]
    assert result["recall"] == 100.0 and result["precision"] == 100.0
    assert set(result["families"]) == set(PLANTS), "every plant family is represented"
    # the build itself is sound: no warehouse test fails on a generated corpus
    assert build.status_of("no_rejected_cells") == "pass"


def test_scoring_sees_a_lost_finding_and_a_false_alarm(exactness_build, tmp_path):
    """The scoring can fail: a planted error its rule did not report lowers recall, a failed
    check nobody planted lowers precision."""
    landing, build, _ = exactness_build
    shutil.copy(landing / "documents.csv", tmp_path / "documents.csv")
    truth = read_rows(landing / "ground_truth.csv")
    columns = list(truth[0])
    planted = next(row for row in truth if row["role"] == "planted")
    edited = [row for row in truth if row is not planted]
    edited.append({**planted, "subject_key": planted["subject_key"] + "/never-reported"})
    with (tmp_path / "ground_truth.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(edited)
    result = score(build.warehouse, tmp_path)
    assert result["recall"] < 100 and len(result["missed"]) == 1
    assert result["precision"] < 100
    assert (planted["fiscal_year"], planted["unit_name"], planted["rule_id"], planted["subject_key"]) in \
        result["false_alarms"]


def build_with_script(landing: Path, warehouse: Path, *args: str) -> str:
    env = dict(os.environ, LANDING_PATH=str(landing), WAREHOUSE_PATH=str(warehouse),
               DBT_SEND_ANONYMOUS_USAGE_STATS="False")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_warehouse.py"), "--skip-ingest",
                           "--no-reports", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    return proc.stdout


def relation_differences(first: Path, second: Path) -> list[str]:
    connection = duckdb.connect()
    connection.execute(f"attach '{first}' as a (read_only)")
    connection.execute(f"attach '{second}' as b (read_only)")
    relations = connection.execute(
        "select table_schema, table_name from information_schema.tables where table_catalog = 'a' "
        "and table_type = 'BASE TABLE' and table_schema <> 'build'").fetchall()
    differences = []
    for schema, name in relations:
        for left, right in (("a", "b"), ("b", "a")):
            extra = connection.execute(f'select count(*) from (select * from {left}."{schema}"."{name}" except all '
                                       f'select * from {right}."{schema}"."{name}")').fetchone()[0]
            if extra:
                differences.append(f"{schema}.{name}: {extra} row(s) only in {left}")
    assert len(relations) > 100
    return differences


def test_incremental_build_equals_a_full_build(tmp_path):
    """Add one disclosure, replace one and remove one: the incremental build builds only those
    and its warehouse is row for row the warehouse of a full build of the same landing."""
    landing = tmp_path / "landing"
    generate(landing, 10, seed=21, planted_share=0.3)
    warehouse = tmp_path / "warehouse.duckdb"
    assert "Build: full" in build_with_script(landing, warehouse)
    assert "Build: unchanged" in build_with_script(landing, warehouse)

    folders = sorted(p for p in (landing / "disclosures").iterdir() if p.name != "_schema")
    replaced, removed = folders[0], folders[1]
    generate(landing, 1, seed=21, planted_share=0.3, start=10)  # a late disclosure
    figures = replaced / "gk09_three_public_expenditure.csv"
    rows = read_rows(figures)
    rows[0]["final_official_reception"] = "7.77"  # the document was corrected and republished
    with figures.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    removed_unit = read_rows(removed / "document.csv")[0]["unit_name"]
    shutil.rmtree(removed)
    manifest = [row for row in read_rows(landing / "documents.csv") if row["unit_name"] != removed_unit]
    with (landing / "documents.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(manifest[0]))
        writer.writeheader()
        writer.writerows(manifest)

    output = build_with_script(landing, warehouse)
    assert "Build: incremental" in output
    assert "Building 2 disclosure(s) from 2 landing folder(s); 1 removed" in output, output[-2000:]
    full = tmp_path / "full.duckdb"
    build_with_script(landing, full, "--full-refresh")
    assert relation_differences(warehouse, full) == []
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert connection.execute("select count(*) from main.dim_disclosure where unit_name = ?",
                                  [removed_unit]).fetchone()[0] == 0
        replaced_unit = read_rows(replaced / "document.csv")[0]["unit_name"]
        assert connection.execute(
            "select final_amount from main.fct_three_public_expenses where unit_name = ? and expense_item = "
            "'official_reception'", [replaced_unit]).fetchone()[0] == Decimal("7.77")
    finally:
        connection.close()
