"""The causes of each disclosure's failing checks (issue 19): shifted rows and suspect figures,
found by final_accounts.localize from the checks' identities (int_check_terms) and tolerances
(int_reconciliation_checks; a check that could not be judged is no identity). One row per
(cause, check it explains); an ambiguity (figures explaining the same failures equally well)
is listed with its candidate figures and no cause is named for its checks. Each disclosure is
solved alone (its result cached under the landing's cache/localize/ by a hash of its
identities), several in parallel processes."""
import hashlib
from decimal import Decimal

import pandas as pd

COLUMNS = {
    "cause_id": "string", "cause_kind": "string", "fiscal_year": "Int64", "unit_name": "string",
    "figure_key": "string", "table_code": "string", "row_key": "string", "measure": "string",
    "printed_row_no": "Int64", "printed_value": "string", "suggested_value": "string", "misprint_kind": "string",
    "shift_rows": "Int64", "from_row_no": "Int64", "to_row_no": "Int64", "shifted_figure_count": "Int64",
    "candidate_figure_keys": "string", "rule_id": "string", "subject_key": "string",
}


def cause_id(prefix, *parts):
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}-{digest}"


def rows_of(relation):
    names = relation.columns
    return [dict(zip(names, values)) for values in relation.fetchall()]


def model(dbt, session):
    dbt.config(materialized="table")
    from final_accounts import localize

    # only the disclosures with a failing check that is an identity reach Python: a clean
    # disclosure costs one join, not a solve or a transfer of its figures (relations, not SQL
    # over views: a view made here would stay in the warehouse)
    all_terms = dbt.ref("int_check_terms").set_alias("terms")
    all_checks = dbt.ref("int_reconciliation_checks").set_alias("checks")
    same_check = ("checks.fiscal_year = terms.fiscal_year and checks.unit_name = terms.unit_name "
                  "and checks.rule_id = terms.rule_id and checks.subject_key = terms.subject_key")
    failing = (all_checks.filter("status = 'fail'").join(all_terms, same_check)
               .select("checks.fiscal_year as fiscal_year, checks.unit_name as unit_name").distinct()
               .set_alias("failing"))
    terms = rows_of(all_terms.join(failing, "terms.fiscal_year = failing.fiscal_year and terms.unit_name = failing.unit_name")
                    .select("terms.*"))
    checks = rows_of(
        all_checks.filter("status in ('pass', 'rounding', 'fail')")
        .join(failing, "checks.fiscal_year = failing.fiscal_year and checks.unit_name = failing.unit_name")
        .select("checks.fiscal_year, checks.unit_name, checks.rule_id, checks.subject_key, checks.tolerance"))
    tolerances = {}
    for check in checks:
        if check["tolerance"] is not None:
            tolerances[(check["fiscal_year"], check["unit_name"], check["rule_id"], check["subject_key"])] = \
                Decimal(str(check["tolerance"]))
    by_disclosure = {}
    for term in terms:
        by_disclosure.setdefault((term["fiscal_year"], term["unit_name"]), []).append(term)
    own = {}
    for (year, unit, rule, subject), tolerance in tolerances.items():
        own.setdefault((year, unit), {})[(rule, subject)] = tolerance
    disclosures = {key: localize.from_terms(rows, own.get(key, {})) for key, rows in by_disclosure.items()}
    results = localize.localize_many(disclosures)
    out = []
    for (year, unit), found in sorted(results.items()):
        _, figures = disclosures[(year, unit)]
        for shift in found.shifts:
            identifier = cause_id("S", year, unit, shift.table_code, shift.measure, shift.k, shift.from_row)
            for rule, subject in shift.explained_checks:
                out.append({"cause_id": identifier, "cause_kind": "shift", "fiscal_year": year, "unit_name": unit,
                            "table_code": shift.table_code, "measure": shift.measure or None,
                            "shift_rows": shift.k, "from_row_no": shift.from_row, "to_row_no": shift.to_row,
                            "shifted_figure_count": len(shift.figures), "rule_id": rule, "subject_key": subject})
        for suspect in found.suspects:
            figure = figures[suspect.figure_key]
            identifier = cause_id("F", year, unit, suspect.figure_key)
            for rule, subject in suspect.explained_checks:
                out.append({"cause_id": identifier, "cause_kind": "figure", "fiscal_year": year, "unit_name": unit,
                            "figure_key": suspect.figure_key, "table_code": figure.table_code,
                            "row_key": figure.row_key, "measure": figure.measure,
                            "printed_row_no": figure.printed_row_no, "printed_value": str(suspect.printed_value),
                            "suggested_value": str(suspect.suggested_value), "misprint_kind": suspect.misprint_kind,
                            "rule_id": rule, "subject_key": subject})
        for ambiguity in found.ambiguities:
            identifier = cause_id("A", year, unit, *ambiguity.candidates)
            for rule, subject in ambiguity.checks:
                out.append({"cause_id": identifier, "cause_kind": "ambiguous", "fiscal_year": year, "unit_name": unit,
                            "candidate_figure_keys": "|".join(ambiguity.candidates),
                            "rule_id": rule, "subject_key": subject})
    frame = pd.DataFrame(out, columns=list(COLUMNS))
    return frame.astype(COLUMNS)
