"""``final-accounts build`` (``scripts/build``): ingest every document under documents/, run
`dbt build` against the warehouse file, and report where it is.

The build writes to a scratch copy beside the warehouse and moves it into place only
when dbt succeeds, so a failed or interrupted build never leaves a half-built
warehouse behind, and a DuckDB shell or BI tool holding the file is detected up front.
Arguments that are not options of this command go to dbt (e.g. --select ...).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from . import causes, incremental, ingest, seed_check, vocabulary
from .landing import landing_root, write_schemas
from .reports import write_reports

ROOT = Path(__file__).resolve().parent.parent


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the build; every other argument goes to dbt."""
    parser.add_argument("--fail-on-findings", action="store_true",
                        help="error-severity findings about the documents fail the build (dbt var "
                             "fail_on_findings), e.g. for a bureau gating publication")
    parser.add_argument("--skip-ingest", action="store_true", help="build from the landing folder as it is")
    parser.add_argument("--with-unit-tests", action="store_true",
                        help="also run dbt's unit tests of the rule models (they test the SQL, not the data, and "
                             "run in ./scripts/test; left out of the build by default)")
    parser.add_argument("--reports-dir", type=Path, metavar="DIR",
                        help="where the reviewer's reports go (default: reports/ beside the warehouse, or "
                             "$REPORTS_PATH)")
    parser.add_argument("--reports-only", action="store_true",
                        help="write the reports from the existing warehouse, without ingesting or building")
    parser.add_argument("--full-refresh", action="store_true",
                        help="rebuild every disclosure (otherwise a warehouse built by the same code is updated "
                             "incrementally: only new, changed or removed landing folders are built and merged, "
                             "see final_accounts/incremental.py)")
    parser.add_argument("--no-reports", action="store_true", help="leave the reports folder as it is")


def warehouse_path() -> Path:
    path = Path(os.environ.get("WAREHOUSE_PATH", "warehouse.duckdb"))
    return path if path.is_absolute() else ROOT / path


class BuildStopped(Exception):
    """A build that cannot go on: its message says, in one plain sentence, the cause and what to
    do; run() prints it (never a traceback) and exits non-zero."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.message, self.code = message, code


def first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}".rstrip(": ")


def ensure_not_locked(path: Path) -> None:
    """Fail in plain words when another process holds the warehouse file."""
    if not path.exists():
        return
    try:
        duckdb.connect(str(path)).close()
    except duckdb.Error as error:
        if "lock" in str(error).lower():
            raise BuildStopped(
                f"build: {path} is open in another process (a DuckDB shell or BI tool?).\n"
                "Close it and run the build again; the existing warehouse was left as it was.\n"
                f"(DuckDB said: {str(error).splitlines()[0]})") from error
        raise BuildStopped(f"build: the warehouse {path} cannot be opened ({first_line(error)}); move it aside "
                           "(or delete it) and run the build again, which builds a new one.") from error


STATUS_ORDER = {"fail": 0, "not_evaluable": 1, "rounding": 2, "pass": 3}
# the one word per status of the messages, report and workbook (seeds/vocab_check_statuses.csv)
STATUS_WORD = {row["status"]: row["word"] for row in vocabulary.rows("vocab_check_statuses")}
SEVERITY_WORD = {"error": "错误级", "warn": "提示级"}
# The unit tests check the rule models' SQL on hand-made rows; ./scripts/test runs them.
BUILD_ARGS = ["--exclude-resource-type", "unit_test"]


def read_warehouse(path: Path, *queries: str) -> list[list[tuple]] | None:
    """The rows of each query on the built warehouse, read-only; None when the file or a
    relation is not there (e.g. a failing upstream model left a mart unbuilt)."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        return [con.execute(query).fetchall() for query in queries]
    except duckdb.Error:
        return None
    finally:
        con.close()


SUMMARY_LIMIT = 30  # disclosures listed one by one at the end of a build; the rest are counted


def _listed(disclosures: list, shown: set | None) -> tuple[list, int]:
    """The disclosures to list (those built in this run, else all), at most SUMMARY_LIMIT."""
    chosen = [key for key in disclosures if shown is None or (int(key[0]), key[1]) in shown]
    return chosen[:SUMMARY_LIMIT], max(0, len(chosen) - SUMMARY_LIMIT)


CAUSE_CHECKS_LISTED = 5  # checks listed under each cause in the build summary; the rest are counted


def read_causes(path: Path) -> list:
    """Every disclosure's causes (final_accounts.causes), without their checks; none when the
    marts are not there."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return []
    try:
        return causes.read_causes(con, checks=[])
    except duckdb.Error:
        return []
    finally:
        con.close()


def _cause_lines(year, unit, findings: list, found: list) -> tuple[list[str], set]:
    """The causes of one disclosure, each with the checks it explains indented under it (at most
    CAUSE_CHECKS_LISTED, the rest counted), led by the count by cause beside the count by check;
    and the ids of the causes listed."""
    mine = [cause for cause in found if (cause.fiscal_year, cause.unit_name) == (year, unit)]
    if not mine:
        return [], set()
    ids = {cause.cause_id for cause in mine}
    fail = sum(1 for row in findings if row[2] == "fail")
    unexplained = sum(1 for row in findings if row[2] == "fail" and row[6] not in ids)
    lines = [f"   {causes.count_line(fail, mine, unexplained)}:"]
    for number, cause in enumerate(mine, start=1):
        explained = [row for row in findings if row[6] == cause.cause_id]
        lines.append(f"   {number}. {cause.kind_word}：{cause.line}；"
                     f"{causes.phrase('explains', count=len(explained))}（{cause.cause_id}）")
        for _, _, status, severity, _rule, message, _ in explained[:CAUSE_CHECKS_LISTED]:
            lines.append(f"      {STATUS_WORD.get(status, status)}\t{SEVERITY_WORD.get(severity, severity)}\t{message}")
        if len(explained) > CAUSE_CHECKS_LISTED:
            lines.append(f"      … and {len(explained) - CAUSE_CHECKS_LISTED} more: query main.fct_reconciliation_checks "
                         f"where cause_id = '{cause.cause_id}'")
    return lines, ids


def findings_summary(path: Path, shown: set | None = None) -> str:
    """Per disclosure: counts of reconciliation checks by status and severity; then the causes
    (suspect figures, shifted rows) with the checks each explains under it, and every other
    check that is not an exact pass, with its message. Empty when the checks table was not
    built."""
    results = read_warehouse(
        path,
        "select fiscal_year, unit_name, status, severity, count(*) from main.fct_reconciliation_checks "
        "group by all order by all",
        "select fiscal_year, unit_name, status, severity, rule_id, message, cause_id from main.fct_reconciliation_checks "
        "where status <> 'pass' order by fiscal_year, unit_name, "
        "case status when 'fail' then 0 when 'not_evaluable' then 1 else 2 end, case severity when 'error' then 0 else 1 end, rule_id, subject_key")
    if results is None:
        return ""
    counts, findings = results
    found = read_causes(path)
    lines = ["", "Reconciliation checks (fct_reconciliation_checks), per disclosure:"]
    disclosures, more = _listed(sorted({(year, unit) for year, unit, *_ in counts}), shown)
    for year, unit in disclosures:
        mine = [(status, severity, n) for y, u, status, severity, n in counts if (y, u) == (year, unit)]
        total = sum(n for _, _, n in mine)
        lines.append("")
        lines.append(f"== {year} {unit}: {total} evaluated: " + ", ".join(
            f"{STATUS_WORD.get(status, status)}（{SEVERITY_WORD.get(severity, severity)}）{n}" for status, severity, n in
            sorted(mine, key=lambda row: (STATUS_ORDER.get(row[0], 9), row[1]))))
        listed = [row for row in findings if (row[0], row[1]) == (year, unit)]
        cause_lines, ids = _cause_lines(year, unit, listed, found)
        lines.extend(cause_lines)
        listed = [row for row in listed if row[6] not in ids]
        if listed:
            lines.append(f"   {len(listed)} not an exact pass" + (" and explained by no cause" if ids else "")
                         + f" ({STATUS_WORD['fail']} = beyond tolerance, "
                         f"{STATUS_WORD['not_evaluable']} = cannot be judged, with its reason, "
                         f"{STATUS_WORD['rounding']} = within the rounding tolerance):")
            for _, _, status, severity, _rule, message, _ in listed:
                lines.append(f"   {STATUS_WORD.get(status, status)}\t{SEVERITY_WORD.get(severity, severity)}\t{message}")
    if more:
        lines.append(f"   … and {more} more disclosure(s): query main.fct_reconciliation_checks")
    return "\n".join(lines)


def ingest_documents(landing: Path) -> list[str]:
    """Extract documents/ into the landing folder (documents already landed are reused);
    returns one line per document that was not loaded."""
    print(f"Ingesting documents/ into {landing} ...")
    manifest = ingest.ingest([ROOT / "documents"], landing, ROOT, prune=True)
    ingest.report(manifest, landing)
    return ingest.summary_of_refusals(manifest)


def disclosure_summary(path: Path, shown: set | None = None) -> str:
    """Per disclosure: where it came from and its checks by status and severity."""
    results = read_warehouse(
        path,
        "select fiscal_year, unit_name, loaded_from, source_file, tables_present, checks_evaluated, checks_pass, "
        "checks_rounding, checks_fail_error, checks_fail_warn, checks_not_evaluable, narrative_statements, narrative_kinds_found, "
        "narrative_kinds_expected, narrative_kinds_missing, read_problems from main.dim_disclosure order by all")
    if results is None:
        return ""
    rows, = results
    found = read_causes(path)
    lines = ["", "Disclosures in the warehouse (dim_disclosure):" if shown is None
             else "Disclosures built in this run (dim_disclosure):"]
    listed, more = _listed([row[:2] for row in rows], shown)
    rows = [row for row in rows if row[:2] in set(listed)]
    for (year, unit, loaded_from, source, tables, evaluated, passed, rounding, fail_error, fail_warn, not_evaluable,
         statements, kinds_found, kinds_expected, kinds_missing, read_problems) in rows:
        lines.append(f"  {year} {unit} — {loaded_from}, {source}; tables {tables}/9; {evaluated} checks: "
                     f"{passed} {STATUS_WORD['pass']}, {rounding} {STATUS_WORD['rounding']}, "
                     f"{fail_error} {STATUS_WORD['fail']}（错误级）, {fail_warn} {STATUS_WORD['fail']}（提示级）, "
                     f"{not_evaluable} {STATUS_WORD['not_evaluable']}")
        mine = [cause for cause in found if (cause.fiscal_year, cause.unit_name) == (year, unit)]
        if mine:
            kinds = "、".join(f"{sum(1 for c in mine if c.kind == kind)} {causes.PHRASES[word]}"
                             for kind, word in (("figure", "suspect"), ("shift", "shift")))
            explained = sum(cause.row["explained_check_count"] for cause in mine)
            lines.append(f"      causes (原因, fct_suspect_figures, fct_row_shifts): {kinds}; they explain {explained} of "
                         f"the {fail_error + fail_warn} {STATUS_WORD['fail']}")
        lines.append(f"      read problems (读取问题, READ-* findings, {STATUS_WORD['not_evaluable']}): {read_problems}")
        lines.append(f"      narrative (情况说明): {statements} statements; {kinds_found} of {kinds_expected} statement "
                     f"kinds found" + (f"; missing: {kinds_missing}" if kinds_missing else ""))
    if more:
        lines.append(f"  … and {more} more disclosure(s): query main.dim_disclosure")
    return "\n".join(lines)


def reports_dir(option: Path | None, target: Path) -> Path:
    """The reports folder: --reports-dir DIR, else $REPORTS_PATH, else reports/ beside the warehouse."""
    return Path(option or os.environ.get("REPORTS_PATH", target.with_name("reports"))).resolve()


def write_reports_to(target: Path, folder: Path, only: set | None = None) -> None:
    paths = write_reports(target, folder, only=only)
    print(f"Reports written to {folder}: index.html, {len(paths) - 2} disclosure page(s), findings.xlsx")
    print(f"Open them with:  xdg-open {folder / 'index.html'}  (or open the file in any browser; no network needed)")


def failed_nodes(target_path: Path) -> list[str]:
    """The models and tests dbt reported as errors or failures (target/run_results.json)."""
    import json
    path = target_path / "run_results.json"
    try:
        results = json.loads(path.read_text(encoding="utf-8"))["results"]
    except (OSError, ValueError, KeyError):
        return []
    return [result["unique_id"].split(".")[-1] for result in results if result.get("status") in ("error", "fail")]


def missing_relations(database: Path, target_path: Path) -> list[str]:
    """The project's models (tables and views, from target/manifest.json) that the database lacks:
    a warehouse is published only with every layer built."""
    import json
    try:
        nodes = json.loads((target_path / "manifest.json").read_text(encoding="utf-8"))["nodes"].values()
    except (OSError, ValueError, KeyError):
        return []
    expected = {(node["schema"], node.get("alias") or node["name"]) for node in nodes
                if node.get("resource_type") == "model" and node.get("config", {}).get("enabled", True)
                and node.get("config", {}).get("materialized") != "ephemeral"}
    try:
        con = duckdb.connect(str(database), read_only=True)
    except duckdb.Error as error:
        return [f"(the database cannot be opened: {first_line(error)})"]
    try:
        present = set(con.execute("select table_schema, table_name from information_schema.tables").fetchall())
    finally:
        con.close()
    return sorted(f"{schema}.{name}" for schema, name in expected - present)


def build(options: argparse.Namespace, argv: list[str], target: Path) -> int:
    """The build with the parsed options of this command; ``argv``: the arguments for dbt."""
    folder = reports_dir(options.reports_dir, target)
    if options.reports_only:
        if not target.exists():
            raise BuildStopped(f"build: no warehouse at {target}; run ./scripts/build first.")
        write_reports_to(target, folder)
        return 0
    fail_on_findings = options.fail_on_findings
    skip_ingest = options.skip_ingest
    with_unit_tests = options.with_unit_tests
    full_refresh = options.full_refresh
    no_reports = options.no_reports
    # dbt arguments of the caller (a --select) build part of the project: always a full build
    partial = bool(argv)
    if not with_unit_tests:
        argv = [*BUILD_ARGS, *argv]
    if seed_check.main([]) != 0:
        raise BuildStopped("build: stopped before dbt because of the seed file named above; fix it as it says and "
                           "run the build again (the warehouse was not changed).")
    ensure_not_locked(target)
    landing = landing_root(ROOT)
    try:
        refusals = [] if skip_ingest else ingest_documents(landing)
        write_schemas(landing)  # every landing source has its header file, even in a landing made by older code
    except BuildStopped:
        raise
    except Exception as error:  # an error of the extractor itself, not a refused document
        raise BuildStopped(f"build: reading the documents into {landing} failed ({first_line(error)}); the warehouse "
                           "was not changed: move the document being read aside (or run with --skip-ingest) and "
                           "report this message.") from error
    if fail_on_findings:
        argv = [*argv, "--vars", "{fail_on_findings: true}"]
    plan = incremental.plan(landing, target, full_refresh=full_refresh or partial or with_unit_tests
                            or fail_on_findings)
    print(f"Build: {plan.mode} ({plan.reason})")
    scratch = target.with_name(target.name + ".building")
    delta = target.with_name(target.name + ".delta")
    failed = target.with_name(target.name + ".failed")
    delta_landing = target.with_name(target.name + ".delta-landing")
    for leftover in (scratch, scratch.with_name(scratch.name + ".wal"), delta, delta.with_name(delta.name + ".wal")):
        leftover.unlink(missing_ok=True)  # a previous build killed midway
    shutil.rmtree(delta_landing, ignore_errors=True)
    if plan.mode == "unchanged":
        print(f"Warehouse is up to date: {target}")
        return 1 if refusals else 0
    env = dict(os.environ, WAREHOUSE_PATH=str(scratch), LANDING_PATH=str(landing))
    if plan.mode == "incremental":
        # the new and changed disclosures are built alone, then merged into a copy of the warehouse
        env.update(WAREHOUSE_PATH=str(delta), LANDING_PATH=str(incremental.delta_landing(landing, plan, delta_landing)))
        print(f"Building {len(plan.rebuilt)} disclosure(s) from {len(plan.build_folders)} landing folder(s); "
              f"{len(plan.stale - plan.rebuilt)} removed")
    elif partial and target.exists():
        # a --select rebuilds part of the project on a copy of the warehouse: the rest stays as built
        shutil.copyfile(target, scratch)
    # a full build starts from an empty database: no relation of an earlier build (a renamed
    # model, a seed whose columns changed) survives into the new warehouse
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
    env.setdefault("DBT_PROFILES_DIR", str(ROOT))
    dbt = Path(sys.executable).with_name("dbt")
    result = subprocess.run([str(dbt), "build", *argv], cwd=ROOT, env=env)
    built_into = delta if plan.mode == "incremental" else scratch
    if result.returncode != 0:
        # a build that fails publishes nothing: the previous warehouse stays as it was
        failed.unlink(missing_ok=True)
        if built_into.exists() and result.returncode == 1:
            os.replace(built_into, failed)  # kept for inspection (its test_failures schema holds the failing rows)
        for leftover in (scratch, delta):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(delta_landing, ignore_errors=True)
        if result.returncode != 1:
            raise BuildStopped(f"build: dbt could not run the build (exit status {result.returncode}; its message is "
                               f"above); the warehouse at {target} was not changed: fix what dbt names and run the "
                               "build again.", result.returncode)
        names = failed_nodes(ROOT / "target")
        named = (f" ({', '.join(names[:5])}{' …' if len(names) > 5 else ''})") if names else ""
        cause = f"{len(names) or 'some'} model(s) or test(s) failed{named}" + (
            " (with --fail-on-findings, error findings about the documents fail the build)" if fail_on_findings else "")
        raise BuildStopped(f"build: dbt build failed: {cause}; nothing was published and the warehouse at {target} "
                           f"was left as it was. See dbt's messages above (the failed build is kept at {failed}, "
                           "schema test_failures), fix the cause and run the build again.")
    failed.unlink(missing_ok=True)
    missing = missing_relations(built_into, ROOT / "target")
    if missing:
        for leftover in (scratch, delta):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(delta_landing, ignore_errors=True)
        raise BuildStopped(f"build: dbt ended without building {len(missing)} relation(s) ({', '.join(missing[:5])}); "
                           f"nothing was published and the warehouse at {target} was left as it was: run "
                           "./scripts/build --full-refresh.")
    if plan.mode == "incremental":
        try:
            shutil.copyfile(target, scratch)
            counts = incremental.merge(scratch, delta, plan, landing)
            missing = missing_relations(scratch, ROOT / "target")
            if missing:
                raise RuntimeError(f"the merged warehouse lacks {', '.join(missing[:5])}")
        except Exception as error:
            for leftover in (scratch, scratch.with_name(scratch.name + ".wal")):
                leftover.unlink(missing_ok=True)
            raise BuildStopped(f"build: merging the new disclosures into the warehouse failed ({first_line(error)}); "
                               f"nothing was published and the warehouse at {target} was left as it was: run "
                               "./scripts/build --full-refresh.") from error
        finally:
            delta.unlink(missing_ok=True)
            shutil.rmtree(delta_landing, ignore_errors=True)
        print(f"Merged: {counts['keyed']} relations keyed by disclosure ({counts['deleted_rows']} rows out, "
              f"{counts['inserted_rows']} in), {counts['replaced']} replaced")
    elif not partial:
        incremental.record_full_build(scratch, plan, landing)
    os.replace(scratch, target)
    shown = plan.rebuilt if plan.mode == "incremental" else None
    summary = findings_summary(target, shown)
    if summary:
        print(summary)
    print(disclosure_summary(target, shown))
    if not no_reports:
        try:
            write_reports_to(target, folder, shown)
        except Exception as error:
            raise BuildStopped(f"build: the warehouse was built ({target}), but writing the reports to {folder} "
                               f"failed ({first_line(error)}); run ./scripts/build --reports-only to try again.") \
                from error
    if refusals:
        print(f"build: {len(refusals)} document(s) were not loaded:", file=sys.stderr)
        for line in refusals:
            print(f"  {line}", file=sys.stderr)
        print("build: the warehouse was built with everything else; fix or remove the documents above.", file=sys.stderr)
        return 1
    print(f"Warehouse built: {target}")
    print(f"Open it with:   .venv/bin/duckdb {target}")
    return 0


def run(options: argparse.Namespace, dbt_args: list[str]) -> int:
    """The build, ending in one plain message on any failure (never a traceback)."""
    target = warehouse_path()
    try:
        return build(options, dbt_args, target)
    except BuildStopped as stop:
        print(stop.message, file=sys.stderr)
        return stop.code
    except KeyboardInterrupt:
        print(f"build: interrupted; the warehouse at {target} was left as it was (run the build again).",
              file=sys.stderr)
        return 130
    except Exception as error:
        print(f"build: stopped by an unexpected error ({first_line(error)}); the warehouse at {target} was left as "
              "it was unless a line above says it was built: run the build again, and report this message if it "
              "recurs.", file=sys.stderr)
        return 1

