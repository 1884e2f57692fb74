"""Scoring a warehouse built from a generated corpus against the corpus's ground truth."""
from __future__ import annotations

from pathlib import Path


def score(warehouse: Path, landing: Path) -> dict:
    """Compare the warehouse's failed checks on the generated disclosures with the ground truth.

    Recall: planted errors whose rule fired on their subject. Precision: failed checks (status
    ``fail``, any severity) on generated disclosures that some plant of that disclosure explains
    (its planted rule and subject, or a named consequence). Disclosures not in the corpus (the
    reference transcription) are left out."""
    import duckdb

    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        connection.execute("create temp table corpus as select * from read_csv(?, all_varchar = true)",
                           [str(landing / "documents.csv")])
        connection.execute("create temp table truth as select * from read_csv(?, all_varchar = true, "
                           "columns = {'fiscal_year': 'varchar', 'unit_name': 'varchar', 'plant': 'varchar', "
                           "'rule_id': 'varchar', 'subject_key': 'varchar', 'role': 'varchar', 'detail': 'varchar'}, "
                           "header = true)", [str(landing / "ground_truth.csv")])
        fails = connection.execute("""
            select checks.fiscal_year::varchar, checks.unit_name, checks.rule_id, checks.subject_key
            from main.fct_reconciliation_checks as checks
            semi join corpus on corpus.unit_name = checks.unit_name
                and corpus.fiscal_year = checks.fiscal_year::varchar
            where checks.status = 'fail'
        """).fetchall()
        truth = connection.execute("select fiscal_year, unit_name, plant, rule_id, subject_key, role from truth").fetchall()
        disclosures = connection.execute("select count(*) from corpus").fetchone()[0]
    finally:
        connection.close()
    fired = {tuple(row) for row in fails}
    planted = [row for row in truth if row[5] == "planted"]
    explained = {(row[0], row[1], row[3], row[4]) for row in truth}
    found = [row for row in planted if (row[0], row[1], row[3], row[4]) in fired]
    false_alarms = sorted(row for row in fired if row not in explained)
    missed = [row for row in planted if (row[0], row[1], row[3], row[4]) not in fired]
    true_fails = len(fired) - len(false_alarms)
    return {
        "disclosures": disclosures, "planted": len(planted), "found": len(found), "fails": len(fired),
        "recall": 100.0 * len(found) / len(planted) if planted else 100.0,
        "precision": 100.0 * true_fails / len(fired) if fired else 100.0,
        "missed": missed, "false_alarms": false_alarms,
        "families": sorted({row[2] for row in planted}),
    }


# the columns of the localization mart (main.fct_suspect_figures) the scoring reads, each with the
# names it may go by; the first present is used
# the causes the localization marts name, in one shape: a suspect figure (fct_suspect_figures)
# or a run of shifted rows (fct_row_shifts: k = shift_rows, the first row = from_row_no)
SUSPECTS_SQL = """select cast(fiscal_year as varchar), unit_name, table_code, row_key, cast(printed_row_no as varchar),
    measure, cast(suggested_value as varchar), misprint_kind, 'figure', null, null from main.fct_suspect_figures"""
SHIFTS_SQL = """select cast(fiscal_year as varchar), unit_name, table_code, null, null, measure, null, null, 'shift',
    cast(from_row_no as varchar), cast(shift_rows as varchar) from main.fct_row_shifts"""
CAUSE_FIELDS = ("fiscal_year", "unit_name", "table_code", "row_key", "printed_row_no", "measure", "suggested_value",
                "misprint_kind", "cause_kind", "shift_from_row", "shift_k")
SUGGESTION_TOLERANCE = 0.005  # a suggested value within half a printed unit of the true value is right


def score_localization(warehouse: Path, landing: Path, echo=print) -> dict:
    """Compare the localization marts (``main.fct_suspect_figures``, ``main.fct_row_shifts``) with the typing ground truth
    (``typing_truth.csv``, written by ``generate(..., plant_kind="typing")``).

    A figure plant is localized when a suspect of its disclosure names its table, row (by key, or
    by printed row number) and measure, and suggests its true value (within 0.005); a shift when a
    suspect of cause 'shift' names its table, its first shifted row (by printed row number or key)
    and its k. Clean disclosures (no typing plant) should have no suspect; suspects on a planted
    disclosure that match no plant are counted as extra. Where the mart is not in the warehouse
    the result says so (``built`` False, 'localization: not built' echoed) and nothing is scored."""
    import csv

    import duckdb

    with (landing / "typing_truth.csv").open(encoding="utf-8", newline="") as handle:
        truth = list(csv.DictReader(handle))
    with (landing / "documents.csv").open(encoding="utf-8", newline="") as handle:
        disclosures = {(row["fiscal_year"], row["unit_name"]) for row in csv.DictReader(handle)}
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        present = {name for (name,) in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'main' "
            "and table_name in ('fct_suspect_figures', 'fct_row_shifts')").fetchall()}
        if "fct_suspect_figures" not in present:
            echo("localization: not built")
            return {"built": False, "plants": len(truth)}
        rows = connection.execute(SUSPECTS_SQL).fetchall()
        if "fct_row_shifts" in present:
            rows += connection.execute(SHIFTS_SQL).fetchall()
        suspects = [dict(zip(CAUSE_FIELDS, row)) for row in rows]
    finally:
        connection.close()
    missing_columns = [] if "fct_row_shifts" in present else ["fct_row_shifts"]
    suspects = [s for s in suspects if (s["fiscal_year"], s["unit_name"]) in disclosures]

    def same_row(suspect: dict, row_no: str, key: str) -> bool:
        return (suspect["row_key"] is not None and suspect["row_key"] == key) or \
            (suspect["printed_row_no"] is not None and suspect["printed_row_no"] == row_no)

    def close(value: str | None, expected: str) -> bool:
        try:
            return value is not None and abs(float(value) - float(expected)) <= SUGGESTION_TOLERANCE
        except ValueError:
            return False

    def explains(suspect: dict, plant: dict) -> bool:
        """The suspect names the plant's figure (or shift), whatever its correction."""
        if (suspect["fiscal_year"], suspect["unit_name"], suspect["table_code"]) != \
                (plant["fiscal_year"], plant["unit_name"], plant["table_code"]):
            return False
        if plant["kind"] == "shift":
            # the first row the shift moves (its figures printed k rows off), or the first row
            # printing a moved figure (row + k): the engine names the second, the plant the first
            moved = str(int(plant["shift_from_row"]) + int(plant["shift_k"])) if plant["shift_from_row"] else None
            return suspect["cause_kind"] == "shift" and suspect["shift_from_row"] in (
                plant["shift_from_row"], plant["row_key"], moved)
        return suspect["cause_kind"] != "shift" and suspect["measure"] == plant["measure"] and \
            same_row(suspect, plant["printed_row_no"], plant["row_key"])

    def localized(suspect: dict, plant: dict) -> bool:
        """Exactly: the shift's k, or the figure's true value suggested."""
        if not explains(suspect, plant):
            return False
        if plant["kind"] == "shift":
            return suspect["shift_k"] is not None and int(float(suspect["shift_k"])) == int(plant["shift_k"])
        return close(suspect["suggested_value"], plant["true_value"])

    by_kind: dict[str, list[int]] = {}
    missed, found = [], 0
    for plant in truth:
        hit = any(localized(suspect, plant) for suspect in suspects)
        counts = by_kind.setdefault(plant["kind"], [0, 0])
        counts[0] += 1
        counts[1] += hit
        found += hit
        if not hit:
            missed.append(plant)
    planted_disclosures = {(plant["fiscal_year"], plant["unit_name"]) for plant in truth}
    clean = disclosures - planted_disclosures
    clean_with_suspects = sorted({(s["fiscal_year"], s["unit_name"]) for s in suspects
                                  if (s["fiscal_year"], s["unit_name"]) in clean})
    extra = [s for s in suspects if (s["fiscal_year"], s["unit_name"]) in planted_disclosures
             and not any(explains(s, plant) for plant in truth)]
    kind_named = sum(1 for plant in truth if plant["kind"] != "shift" and any(
        localized(s, plant) and s["misprint_kind"] == plant["kind"] for s in suspects))
    result = {
        "built": True, "plants": len(truth), "localized": found,
        "share": 100.0 * found / len(truth) if truth else 100.0,
        "by_kind": {kind: tuple(counts) for kind, counts in sorted(by_kind.items())},
        "kind_named": kind_named, "clean_disclosures": len(clean), "clean_with_suspects": clean_with_suspects,
        "extra_suspects": len(extra), "missed": missed, "missing_columns": missing_columns,
    }
    echo(f"localization: {found} of {len(truth)} typing errors localized to the exact figure or shift with the "
         f"right correction ({result['share']:.1f}%); {len(clean_with_suspects)} of {len(clean)} clean disclosures "
         f"with a suspect; {len(extra)} other suspects on planted disclosures"
         + (f"; marts missing: {', '.join(missing_columns)}" if missing_columns else ""))
    for kind, (planted, hit) in result["by_kind"].items():
        echo(f"  {kind}: {hit} of {planted}")
    return result
