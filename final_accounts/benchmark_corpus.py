"""The scale benchmark behind ``final-accounts benchmark --corpus`` (``scripts/benchmark.py --corpus``):
full build, direct SQL, exactness and incremental addition on generated corpora; and the PDF
round trip behind ``--corpus-pdf`` (see final_accounts/benchmark.py)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from .corpus import generate, score
from .measure import MEASURE

ROOT = Path(__file__).resolve().parent.parent

SEED = 2026
PLANTED_SHARE = 0.2
BATCH = 500


def build(landing: Path, warehouse: Path, target: Path, *extra: str) -> tuple[float, float, str]:
    """Wall seconds, peak MB and output of one ``final-accounts build --skip-ingest --no-reports``."""
    env = dict(os.environ, LANDING_PATH=str(landing), WAREHOUSE_PATH=str(warehouse),
               DBT_SEND_ANONYMOUS_USAGE_STATS="False", DBT_TARGET_PATH=str(target))
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "final_accounts.cli", "build",
                             "--skip-ingest", "--no-reports", *extra], cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak_mb = int(result.stderr.strip().splitlines()[-1]) / 1024
    if not re.search(r"Done\. PASS=\d+ WARN=\d+ ERROR=0 ", result.stdout):
        errors = "\n".join(line for line in result.stdout.splitlines() if "ERROR" in line or "Error" in line)
        sys.exit(f"benchmark: the build failed:\n{errors[-4000:]}\n{result.stdout[-3000:]}\n{result.stderr[-2000:]}")
    return seconds, peak_mb, result.stdout


def slowest_models(target: Path, count: int = 6) -> list[tuple[str, float]]:
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    timed = sorted(((r["unique_id"].split(".")[-1], r["execution_time"]) for r in results
                    if r["unique_id"].startswith("model.")), key=lambda pair: -pair[1])
    return timed[:count]


def direct_sql(target: Path, warehouse: Path, landing: Path, workdir: Path) -> float:
    """Seconds to run every model's and data test's compiled SQL, in dbt's order, in one DuckDB
    connection: seeds copied from the built warehouse, sources read from the same landing."""
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    run_results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    order = [r["unique_id"] for r in run_results]
    database = workdir / warehouse.name  # same file name: the compiled SQL names the catalog
    database.unlink(missing_ok=True)
    connection = duckdb.connect(str(database))
    # the settings dbt's connection has (profiles.yml): the same memory cap, the same cores
    connection.execute(f"set memory_limit = '{os.environ.get('DUCKDB_MEMORY_LIMIT', '2500MB')}'")
    connection.execute("set preserve_insertion_order = false")
    connection.execute(f"attach '{warehouse}' as built (read_only)")
    for unique_id in order:
        node = manifest["nodes"].get(unique_id)
        if node and node["resource_type"] == "seed":
            connection.execute(f'create schema if not exists "{node["schema"]}"')
            connection.execute(f'create table "{node["schema"]}"."{node["alias"]}" as '
                               f'select * from built."{node["schema"]}"."{node["alias"]}"')
    connection.execute("detach built")
    os.environ["LANDING_PATH"] = str(landing)
    start = time.perf_counter()
    for unique_id in order:
        node = manifest["nodes"].get(unique_id)
        if not node or node["resource_type"] not in ("model", "test") or "compiled_code" not in node:
            continue
        sql = node["compiled_code"]
        if node["resource_type"] == "model":
            connection.execute(f'create schema if not exists "{node["schema"]}"')
            materialized = node["config"].get("materialized", "table")
            kind = "view" if materialized == "view" else "table"
            connection.execute(f'create or replace {kind} "{node["schema"]}"."{node["alias"]}" as {sql}')
        else:
            connection.execute(f"select count(*) from ({sql}) as test_rows").fetchone()
    seconds = time.perf_counter() - start
    connection.close()
    return seconds


def benchmark_corpus(sizes: list[int]) -> int:
    cores = os.cpu_count()
    lines, builds = [], {}
    with tempfile.TemporaryDirectory(prefix="benchmark-corpus-") as tmp:
        tmp_path = Path(tmp)
        for size in sizes:
            landing = tmp_path / f"corpus-{size}"
            start = time.perf_counter()
            counts = generate(landing, size, seed=SEED, planted_share=PLANTED_SHARE, batch_size=BATCH)
            generated = time.perf_counter() - start
            print(f"\ncorpus {size}: generated {counts['disclosures']} disclosures ({counts['planted']} planted "
                  f"errors) in {generated:.1f} s on {cores} core(s)")
            warehouse = tmp_path / f"warehouse_{size}.duckdb"
            target = tmp_path / f"target-{size}"
            seconds, peak_mb, _ = build(landing, warehouse, target, "--full-refresh")
            builds[size] = seconds
            print(f"  full build: {seconds:.1f} s, {1000 * seconds / size:.1f} ms per disclosure, peak {peak_mb:.0f} MB, "
                  f"warehouse {warehouse.stat().st_size / 2**20:.0f} MB")
            print("  slowest models: " + ", ".join(f"{name} {t:.1f} s" for name, t in slowest_models(target)))
            (tmp_path / "direct").mkdir(exist_ok=True)
            sql_seconds = direct_sql(target, warehouse, landing, tmp_path / "direct")
            print(f"  the same compiled SQL (models and tests) in one DuckDB connection: {sql_seconds:.1f} s")
            result = score(warehouse, landing)
            print(f"  exactness: {result['found']} of {result['planted']} planted errors found, "
                  f"{len(result['false_alarms'])} unplanted failures of {result['fails']}")
            # one late disclosure: incremental build against building it alone
            generate(landing, 1, seed=SEED, planted_share=PLANTED_SHARE, start=size)
            add_seconds, add_mb, output = build(landing, warehouse, target)
            if "Build: incremental" not in output:
                sys.exit(f"benchmark: expected an incremental build:\n{output[-2000:]}")
            alone = tmp_path / f"alone-{size}"
            (alone / "disclosures").mkdir(parents=True)
            newest = max((p for p in (landing / "disclosures").iterdir() if p.name != "_schema"),
                         key=lambda p: p.stat().st_mtime_ns)
            shutil.copytree(newest, alone / "disclosures" / newest.name)
            shutil.copytree(landing / "disclosures" / "_schema", alone / "disclosures" / "_schema")
            manifest = (landing / "documents.csv").read_text(encoding="utf-8").splitlines()
            (alone / "documents.csv").write_text("\n".join([manifest[0], manifest[-1]]) + "\n", encoding="utf-8")
            alone_seconds, _, _ = build(alone, tmp_path / f"alone_{size}.duckdb", tmp_path / f"alone-target-{size}",
                                        "--full-refresh")
            print(f"  one late disclosure: incremental build {add_seconds:.1f} s (peak {add_mb:.0f} MB) against "
                  f"{alone_seconds:.1f} s building it alone: {add_seconds / alone_seconds:.2f}x (goal: at most 2x)")
            lines.append(
                f"corpus {size}: build={seconds:.1f} sql={sql_seconds:.1f} ratio={seconds / sql_seconds:.2f} "
                f"peak_mb={peak_mb:.0f} recall={result['recall']:.1f}% precision={result['precision']:.1f}% "
                f"per_disclosure_ms={1000 * seconds / size:.1f} add_one={add_seconds:.1f} alone={alone_seconds:.1f} "
                f"add_ratio={add_seconds / alone_seconds:.2f} cores={cores}")
            for path in (warehouse, landing, tmp_path / "direct"):
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    print()
    for line in lines:
        print(line)
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        print(f"scale {large}/{small}: build time ratio {builds[large] / builds[small]:.2f} "
              f"(linear: at most {large / small * 1.1:.0f})")
    return 0


def benchmark_corpus_pdf(size: int, layout: dict[str, str] | None = None) -> int:
    """The PDF round trip at ``size`` disclosures (``layout``: options fixed for all): its
    figures, then its one summary line."""
    from .corpus.round_trip import run as round_trip

    with tempfile.TemporaryDirectory(prefix="benchmark-corpus-pdf-") as tmp:
        result = round_trip(Path(tmp), size, seed=SEED, planted_share=PLANTED_SHARE, layout=layout)
    for line in result["refused"]:
        print(f"  {line}")
    for line in result["problems"][:10]:
        print(f"  {line}")
    for row in result.get("scored", {}).get("missed", []):
        print(f"  missed: {' '.join(map(str, row))}")
    for row in result.get("scored", {}).get("false_alarms", []):
        print(f"  unplanted failure: {' '.join(map(str, row))}")
    if "misreads" in result:  # scanned disclosures: how what the OCR did not read exactly surfaces
        print("  not read exactly by OCR (figures and row labels), by how they surface: " + ", ".join(
            f"{case}={count}" for case, count in result["misreads"]["cases"].items()))
        for case in ("silent", "low_confidence"):
            for line in result["misreads"]["examples"][case]:
                print(f"    {case}: {line}")
    by_option = result["by_option"]
    print("  figures read exactly per layout option: " + ", ".join(
        f"{name} {100.0 * entry['exact'] / entry['printed']:.1f}%" for name, entry in sorted(by_option.items())
        if entry["printed"]))
    print(result["line"])
    return 0


def benchmark_localization(size: int) -> int:
    """Error localization at scale (issue 19): ``size`` generated disclosures, half of them with
    one typing error each (``--plant-kind typing``), built once; prints the share of plants
    localized to the exact figure or shift with the right correction, by kind, the clean
    disclosures given a suspect, and the build's wall time and peak memory."""
    from .corpus.scoring import score_localization

    with tempfile.TemporaryDirectory(prefix="benchmark-localization-") as tmp:
        work = Path(tmp)
        landing, warehouse, target = work / "landing", work / "warehouse.duckdb", work / "target"
        generate(landing, size, seed=SEED, planted_share=0.5, batch_size=BATCH, plant_kind="typing")
        seconds, peak_mb, _ = build(landing, warehouse, target)
        said: list[str] = []
        result = score_localization(warehouse, landing, said.append)
        timed = dict(slowest_models(target, count=1000))
    kinds = " ".join(f"{kind}={hit}/{planted}" for kind, (planted, hit) in result["by_kind"].items())
    print(f"localization {size}: plants={result['plants']} localized={result['share']:.1f}% {kinds} "
          f"clean_with_suspect={len(result['clean_with_suspects'])}/{result['clean_disclosures']} "
          f"extra_suspects={result['extra_suspects']} build_s={seconds:.1f} "
          f"int_suspect_figures_s={timed.get('int_suspect_figures', 0.0):.1f} peak_mb={peak_mb:.0f}")
    return 0

