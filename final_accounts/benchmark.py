"""``final-accounts benchmark`` (``scripts/benchmark.py``): document ingestion speed, then the
full `dbt build` of this project beside the build of a one-model dbt project (the floor: dbt
start-up, parsing and one DuckDB connection), measured alternately in the same run so both see
the same machine. Prints the figures and the ratio against the goal (full build within 4x of
the floor), and the peak memory (max RSS) of each dbt process.

Ingestion (documents/ into a fresh landing folder): pages per second and seconds per
document, extracted one document at a time and then all in parallel across the cores,
and the time of a second run on the unchanged documents (every one skipped by its hash).

Scale (``--corpus 1000,10000``): for each size, a labelled corpus of generated disclosures
(final_accounts/corpus/, 20 % with planted errors, 500 disclosures per landing folder) is
built in full by ``final-accounts build`` (wall time, peak memory of the whole process
tree, time per disclosure, the slowest models from dbt's run_results.json); the same compiled
model and test SQL is then run directly in one DuckDB connection against the same landing (the
floor dbt is compared with); the findings are scored against the ground truth (recall,
precision); one late disclosure is added and the warehouse rebuilt incrementally, against
building that disclosure alone. Each size ends with one line
``corpus N: build=S sql=S ratio=R peak_mb=M recall=P% precision=P% ...`` so runs can be
compared over time; the last line compares the largest size with the smallest.

PDF round trip (``--corpus-pdf N``): N generated disclosures printed to PDF in layout families
(final_accounts/corpus/printing.py), read back through ``scripts/ingest``, every printed table
figure compared with the landing printed, then built and scored; one line
``corpus-pdf N: ... figures_exact=P% appendix_cells_exact=P% recall=P% precision=P% pages_per_s=R``.

Error localization (``--localization N``): N generated disclosures, half with one typing error
each, built; one line ``localization N: plants=… localized=P% <kind>=hit/planted … clean_with_suspect=…``.

Usage: .venv/bin/python scripts/benchmark.py [--runs N] [--ingest-only] [--corpus N,N,...] [--corpus-pdf N]
       [--localization N]
(the scale benchmark is final_accounts/benchmark_corpus.py)
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .build import BUILD_ARGS  # the build's own dbt arguments
from .measure import MEASURE

ROOT = Path(__file__).resolve().parent.parent

GOAL_RATIO = 4.0

FLOOR_PROJECT = """name: floor
version: "1.0.0"
config-version: 2
profile: floor
flags:
  send_anonymous_usage_stats: false
"""

FLOOR_PROFILE = """floor:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: "{path}"
      threads: 1
"""


def timed_build(project_dir: Path, env: dict[str, str], extra: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and dbt's summary line of one `dbt build`."""
    dbt = Path(sys.executable).with_name("dbt")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURE, str(dbt), "build", *extra], cwd=project_dir,
                            env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"benchmark: dbt build failed in {project_dir}:\n{result.stdout[-3000:]}")
    peak_mb = int(result.stderr.strip().splitlines()[-1]) / 1024
    summary = next((line for line in reversed(result.stdout.splitlines()) if "Done. PASS=" in line), "")
    return elapsed, peak_mb, summary.split("Done. ")[-1].strip()


def benchmark_ingestion(tmp_path: Path) -> Path:
    """Print ingestion figures; returns the landing folder the builds then read."""
    from . import ingest
    from .extract import extract
    from .sources import content_hash

    documents, _ = ingest.find_documents([ROOT / "documents"])
    print(f"ingestion: {len(documents)} document(s) in documents/ on {os.cpu_count()} core(s)")
    pages_total, sequential = 0, 0.0
    for path in documents:
        start = time.perf_counter()
        extraction = extract(path, str(path), content_hash(path))
        seconds = time.perf_counter() - start
        sequential += seconds
        pages = extraction.document.get("page_count") or 0
        pages_total += pages
        size = f"{pages} pages" if pages else f"{extraction.document.get('line_count')} lines"
        rate = f", {pages / seconds:.1f} pages/s" if pages else ""
        print(f"  {path.name}: {size}, {extraction.document.get('figures_extracted')} figures, "
              f"{seconds:.2f} s{rate}")
    print(f"  one at a time: {sequential:.2f} s, {sequential / len(documents):.2f} s per document, "
          f"{pages_total / sequential:.1f} PDF pages/s overall")
    landing = tmp_path / "landing"
    quiet = lambda *_: None  # noqa: E731
    start = time.perf_counter()
    ingest.ingest([ROOT / "documents"], landing, ROOT, prune=True, echo=quiet)
    first = time.perf_counter() - start
    start = time.perf_counter()
    ingest.ingest([ROOT / "documents"], landing, ROOT, prune=True, echo=quiet)
    second = time.perf_counter() - start
    print(f"  parallel ({os.cpu_count()} workers, fresh landing): {first:.2f} s, "
          f"{first / len(documents):.2f} s per document, {pages_total / first:.1f} PDF pages/s")
    print(f"  second run, documents unchanged (skipped by content hash): {second:.2f} s")
    return landing


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--runs", type=int, default=3, help="builds of each project (median reported)")
    parser.add_argument("--ingest-only", action="store_true", help="only the ingestion figures")
    parser.add_argument("--corpus", metavar="N,N,...",
                        help="sizes of generated corpora to build, e.g. 1000,10000 (the scale benchmark)")
    parser.add_argument("--corpus-pdf", metavar="N", type=int,
                        help="print N generated disclosures to PDF in layout families, read them back through "
                             "scripts/ingest, build and score (final_accounts/corpus/round_trip.py)")
    parser.add_argument("--localization", metavar="N", type=int,
                        help="N generated disclosures, half with one typing error each, built and the error "
                             "localization scored (fct_suspect_figures, fct_row_shifts)")
    parser.add_argument("--layout", metavar="FAMILY=OPTION", action="append", default=[],
                        help="with --corpus-pdf: fix a layout option for every disclosure (seeds/ref_layout_families.csv),"
                             " e.g. rules=ruled; repeatable")


def run(args: argparse.Namespace) -> int:
    if args.localization:
        from .benchmark_corpus import benchmark_localization
        return benchmark_localization(args.localization)
    if args.corpus_pdf:
        from .benchmark_corpus import benchmark_corpus_pdf
        return benchmark_corpus_pdf(args.corpus_pdf, dict(pair.split("=", 1) for pair in args.layout))
    if args.corpus:
        from .benchmark_corpus import benchmark_corpus
        return benchmark_corpus([int(size) for size in args.corpus.split(",")])

    with tempfile.TemporaryDirectory(prefix="benchmark-") as tmp:
        tmp_path = Path(tmp)
        landing = benchmark_ingestion(tmp_path)
        if args.ingest_only:
            return 0
        print()
        floor_dir = tmp_path / "floor"
        (floor_dir / "models").mkdir(parents=True)
        (floor_dir / "dbt_project.yml").write_text(FLOOR_PROJECT)
        (floor_dir / "profiles.yml").write_text(FLOOR_PROFILE.format(path=tmp_path / "floor.duckdb"))
        (floor_dir / "models" / "one_model.sql").write_text("select 1 as one\n")

        base_env = dict(os.environ, DBT_SEND_ANONYMOUS_USAGE_STATS="False")
        floor_env = dict(base_env, DBT_PROFILES_DIR=str(floor_dir))
        full_env = dict(base_env, DBT_PROFILES_DIR=str(ROOT), LANDING_PATH=str(landing))

        times = {("floor", "cold"): [], ("floor", "warm"): [], ("full", "cold"): [], ("full", "warm"): []}
        memory = {"floor": [], "full": []}
        summaries = {}
        for run in range(args.runs):
            # cold: a fresh database and a fresh target folder (no partial parsing), as in CI
            # or a fresh clone; warm: the same build again, as `./scripts/build` is usually run
            floor_target = tmp_path / f"floor-target-{run}"
            full_target = tmp_path / f"full-target-{run}"
            for state in ("cold", "warm"):
                (tmp_path / "floor.duckdb").unlink(missing_ok=True)
                seconds, mb, summaries["floor"] = timed_build(
                    floor_dir, floor_env, ["--target-path", str(floor_target), "--log-path", str(tmp_path / "logs")])
                times[("floor", state)].append(seconds)
                memory["floor"].append(mb)
                # same path both times (the profile reads it: a new path would force a full
                # re-parse), emptied before each build
                full_db = tmp_path / f"full-{run}.duckdb"
                full_db.unlink(missing_ok=True)
                full_env["WAREHOUSE_PATH"] = str(full_db)
                seconds, mb, summaries["full"] = timed_build(
                    ROOT, full_env, [*BUILD_ARGS, "--target-path", str(full_target), "--log-path", str(tmp_path / "logs")])
                times[("full", state)].append(seconds)
                memory["full"].append(mb)
                print(f"run {run + 1} {state}: one-model floor {times[('floor', state)][-1]:.2f} s, "
                      f"full build {times[('full', state)][-1]:.2f} s")

    print()
    print(f"one-model project: [{summaries['floor']}]")
    print(f"full project:      [{summaries['full']}]")
    for state in ("cold", "warm"):
        floor = statistics.median(times[("floor", state)])
        full = statistics.median(times[("full", state)])
        ratio = full / floor
        print(f"{state}: floor median {floor:.2f} s, full build median {full:.2f} s over {args.runs} runs, "
              f"ratio {ratio:.2f}x (goal: within {GOAL_RATIO:.0f}x) -> {'met' if ratio <= GOAL_RATIO else 'NOT met'}")
    print(f"peak memory (max RSS of the dbt process): floor {max(memory['floor']):.0f} MB, "
          f"full {max(memory['full']):.0f} MB")
    return 0

