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
