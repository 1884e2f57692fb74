"""Error localization (issue 19): final_accounts.localize names the misprinted figure and its
correction, final_accounts.shifts the shifted rows.

Synthetic disclosures written out here: a function table (合计, 类, 款, 项 rows; columns 合计 =
基本支出 + 项目支出 on every row; each parent the sum of its children per column) and a second table
restating the 合计 and each 类. Each test plants one error into the printed figures and states the
expected suspect and correction from the plant itself (the true figure the plant replaced), never
from the code. Then one end to end: a copy of the shipped Nanyang export with one figure's digit
dropped in its landed file, built by dbt: fct_suspect_figures names exactly that figure with the
figure as printed in the original, and its failing checks carry its suspect_id.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from final_accounts.localize import Figure, Identity, localize

D = Decimal
# (row key, parent, basic, project): 项 rows carry figures, the others are sums of their children
LEAVES = [
    ("2010101", "20101", D("10661.51"), D("845.00")),
    ("2010102", "20101", D("2307.40"), D("0.00")),
    ("2010201", "20102", D("1185.27"), D("3185.27")),
    ("2010202", "20102", D("96.30"), D("12.00")),
    ("2050101", "20501", D("540.18"), D("77.52")),
    ("2050102", "20501", D("33.33"), D("1400.00")),
    ("2050199", "20501", D("0.00"), D("0.00")),
]
PARENTS = {"20101": "201", "20102": "201", "20501": "205", "201": "合计", "205": "合计"}
ORDER = ["合计", "201", "20101", "2010101", "2010102", "20102", "2010201", "2010202", "205", "20501", "2050101",
         "2050102", "2050199"]
COLUMNS = ("total", "basic", "project")


def true_values() -> dict[tuple[str, str], Decimal]:
    values = {}
    parent_of = dict(PARENTS)
    for key, parent, basic, project in LEAVES:
        values[(key, "basic")], values[(key, "project")], values[(key, "total")] = basic, project, basic + project
        parent_of[key] = parent
    for key in ["20101", "20102", "20501", "201", "205", "合计"]:
        for column in COLUMNS:
            values[(key, column)] = sum(values[(child, column)] for child, parent in parent_of.items() if parent == key)
    return values


def disclosure(printed: dict[tuple[str, str], Decimal]) -> tuple[list[Identity], dict[str, Figure]]:
    figures = {}
    for row_no, key in enumerate(ORDER, start=1):
        for column in COLUMNS:
            name = f"t/{key}/{column}"
            figures[name] = Figure(name, printed[(key, column)], "t", key, column, row_no)
    identities = []
    children = {}
    for leaf, parent, _, _ in LEAVES:
        children.setdefault(parent, []).append(leaf)
    for key, parent in PARENTS.items():
        children.setdefault(parent, []).append(key)
    for key in ORDER:
        identities.append(Identity(("ROW", key), ((f"t/{key}/total", 1), (f"t/{key}/basic", -1), (f"t/{key}/project", -1)),
                                   D("0.015")))
        if key in children:
            for column in COLUMNS:
                terms = ((f"t/{key}/{column}", 1), *((f"t/{child}/{column}", -1) for child in children[key]))
                identities.append(Identity(("SUM", f"{key}/{column}"), terms, D("0.005") * len(terms)))
    for row_no, key in enumerate(["合计", "201", "205"], start=1):
        name = f"u/{key}/total"
        figures[name] = Figure(name, true_values()[(key, "total")], "u", key, "total", row_no)
        identities.append(Identity(("EQ", key), ((f"t/{key}/total", 1), (name, -1)), D("0.01")))
    return identities, figures


def failing_checks(identities, figures) -> set:
    return {i.check for i in identities
            if abs(sum(c * figures[k].value for k, c in i.terms)) > i.tolerance}


def planted(changes: dict[tuple[str, str], Decimal]):
    printed = true_values()
    printed.update(changes)
    return disclosure(printed)


def only_suspect(result):
    assert not result.shifts and not result.ambiguities, result
    assert len(result.suspects) == 1, result.suspects
    return result.suspects[0]


def test_the_synthetic_disclosure_is_clean_and_gets_no_suspect():
    identities, figures = disclosure(true_values())
    assert failing_checks(identities, figures) == set()
    result = localize(identities, figures)
    assert (result.suspects, result.shifts, result.ambiguities, result.unexplained) == ([], [], [], [])


def test_a_dropped_digit_is_named_with_the_figure_it_lost():
    # 10661.51 printed 1066.51: the 1 before the decimal point dropped
    identities, figures = planted({("2010101", "basic"): D("1066.51")})
    failing = failing_checks(identities, figures)
    suspect = only_suspect(localize(identities, figures))
    assert (suspect.figure_key, suspect.printed_value, suspect.suggested_value, suspect.misprint_kind) == \
        ("t/2010101/basic", D("1066.51"), D("10661.51"), "dropped_digit")
    assert set(suspect.explained_checks) == failing == {("ROW", "2010101"), ("SUM", "20101/basic")}


def test_two_swapped_digits_on_a_subtotal():
    # 20102's 项目支出 is 3185.27 + 12.00 = 3197.27; printed 3917.27 (the 1 and the 9 swapped)
    identities, figures = planted({("20102", "project"): D("3917.27")})
    suspect = only_suspect(localize(identities, figures))
    assert (suspect.figure_key, suspect.suggested_value, suspect.misprint_kind) == \
        ("t/20102/project", D("3197.27"), "swapped_digits")
    assert set(suspect.explained_checks) == failing_checks(identities, figures)


def test_a_sign():
    identities, figures = planted({("2050101", "project"): D("-77.52")})
    suspect = only_suspect(localize(identities, figures))
    assert (suspect.figure_key, suspect.suggested_value, suspect.misprint_kind) == \
        ("t/2050101/project", D("77.52"), "sign")


def test_the_figure_of_the_row_above():
    # 2010102's 基本支出 printed as 2010101's (10661.51) instead of its own 2307.40
    identities, figures = planted({("2010102", "basic"): D("10661.51")})
    suspect = only_suspect(localize(identities, figures))
    assert (suspect.figure_key, suspect.printed_value, suspect.suggested_value, suspect.misprint_kind) == \
        ("t/2010102/basic", D("10661.51"), D("2307.40"), "neighbour_row")


def test_rows_shifted_down_by_one_from_a_row_on_are_one_finding():
    # from 2010201 (printed row 7) on, every figure printed one row lower: row 7 blank, row r
    # showing row r−1's figures; the last row (2050199, all 0) lost its own 0s
    truth = true_values()
    printed = dict(truth)
    start = ORDER.index("2010201")
    for position in range(start, len(ORDER)):
        for column in COLUMNS:
            printed[(ORDER[position], column)] = truth[(ORDER[position - 1], column)] if position > start else D("0.00")
    identities, figures = disclosure(printed)
    failing = failing_checks(identities, figures)
    result = localize(identities, figures)
    assert len(result.shifts) == 1, result
    shift = result.shifts[0]
    assert (shift.table_code, shift.measure, shift.k, shift.from_row, shift.to_row) == ("t", None, 1, start + 1, len(ORDER))
    assert set(shift.explained_checks) == failing
    assert (result.suspects, result.ambiguities, result.unexplained) == ([], [], [])


def test_one_column_shifted_up_by_one_is_one_finding_on_that_column():
    # 项目支出 only, from 20102 (printed row 6) on: each row shows the next row's figure, the last
    # row (2050199, its 项目支出 0) shows a blank — the other columns read as printed. Read one row
    # up, rows 7 (2010201) to 12 hold (row 13 reads 0 either way); row 6's own figure is printed
    # nowhere: it stays a suspect, showing row 7's figure, needing 3185.27 + 12.00 = 3197.27
    truth = true_values()
    printed = dict(truth)
    start = ORDER.index("20102")
    for position in range(start, len(ORDER)):
        below = ORDER[position + 1] if position + 1 < len(ORDER) else None
        printed[(ORDER[position], "project")] = truth[(below, "project")] if below else D("0.00")
    identities, figures = disclosure(printed)
    failing = failing_checks(identities, figures)
    result = localize(identities, figures)
    assert [(s.table_code, s.measure, s.k, s.from_row, s.to_row) for s in result.shifts] == \
        [("t", "project", -1, 7, 12)], result
    assert [(s.figure_key, s.printed_value, s.suggested_value, s.misprint_kind) for s in result.suspects] == \
        [("t/20102/project", D("3185.27"), D("3197.27"), "neighbour_row")]
    assert set(result.shifts[0].explained_checks) | set(result.suspects[0].explained_checks) == failing
    assert (result.ambiguities, result.unexplained) == ([], [])


def test_equally_good_explanations_name_no_suspect():
    # one identity, 合计 = a + b, off by 77.77 that no typing error of any of the three explains:
    # changing any one of them explains it equally, so none is named
    figures = {"x/合计": Figure("x/合计", D("1000.00"), source="narrative"),
               "x/a": Figure("x/a", D("377.77"), source="narrative"),
               "x/b": Figure("x/b", D("700.00"), source="narrative")}
    identities = [Identity(("SUM", "x"), (("x/合计", 1), ("x/a", -1), ("x/b", -1)), D("0.015"))]
    result = localize(identities, figures)
    assert result.suspects == [] and result.shifts == []
    assert [(sorted(a.candidates), a.checks) for a in result.ambiguities] == [(["x/a", "x/b", "x/合计"], [("SUM", "x")])]


@pytest.mark.parametrize("changes", [{("2010101", "basic"): D("1066.51")}, {("20102", "project"): D("3917.27")}])
def test_an_unchanged_disclosure_is_read_from_the_cache(tmp_path, changes, monkeypatch):
    from final_accounts import localize as module
    identities, figures = planted(changes)
    first = module.localize_many({"d": (identities, figures)}, landing=tmp_path, workers=1)
    assert list((tmp_path / "cache" / "localize").rglob("*.json"))

    def no_solve(*_args, **_kwargs):
        raise AssertionError("solved again")
    monkeypatch.setattr(module, "localize", no_solve)
    again = module.localize_many({"d": (identities, figures)}, landing=tmp_path, workers=1)
    assert again["d"].suspects == first["d"].suspects


def test_several_disclosures_are_solved_in_parallel(tmp_path):
    from final_accounts.localize import localize_many
    cases = {"drop": planted({("2010101", "basic"): D("1066.51")}),
             "sign": planted({("2050101", "project"): D("-77.52")}),
             "clean": disclosure(true_values())}
    results = localize_many(cases, landing=tmp_path, workers=2)
    assert [(s.figure_key, s.suggested_value) for s in results["drop"].suspects] == [("t/2010101/basic", D("10661.51"))]
    assert [(s.figure_key, s.suggested_value) for s in results["sign"].suspects] == [("t/2050101/project", D("77.52"))]
    assert results["clean"].suspects == []


# --- end to end -------------------------------------------------------------------------------------

from conftest import NANYANG as NANYANG_UNIT  # noqa: E402  (the reference disclosure)


@pytest.fixture(scope="module")
def dropped_digit_build(misprinted):
    """The misprinted copy of the Nanyang export (conftest.misprinted: 1788.25 printed 178.25 in its
    公开01), built beside the shipped disclosure."""
    from conftest import open_warehouse

    copy, result = misprinted
    con = open_warehouse(result.warehouse)
    yield con, copy.unit, copy.original, copy.printed
    con.close()


def test_a_dropped_digit_in_a_shipped_disclosure_is_the_one_suspect(dropped_digit_build):
    # the copy is the shipped Nanyang export (as its reference transcription, built beside it) with
    # one digit dropped: its suspects are the document's own (its 公开06 pension and housing-fund
    # lines against 公开05, X-FUNC-ECON) and the planted figure, named with its printed value
    con, unit, original, printed = dropped_digit_build
    key = "income_expenditure_summary/收入/一般公共预算财政拨款收入/amount"
    suspects = con.execute("select suspect_id, figure_key, printed_value, suggested_value, misprint_kind "
                           "from fct_suspect_figures where unit_name = ?", [unit]).fetchall()
    own = {row[0] for row in con.execute("select figure_key from fct_suspect_figures where unit_name = ?",
                                         [NANYANG_UNIT]).fetchall()}
    assert key not in own
    assert sorted(row[1:] for row in suspects if row[1] not in own) == [(key, printed, original, "dropped_digit")], \
        suspects
    assert {row[1] for row in suspects} == own | {key}, suspects
    suspect_id = next(row[0] for row in suspects if row[1] == key)
    # every failing check whose identity holds the figure carries the suspect's id
    failing = con.execute(
        "select checks.rule_id, checks.subject_key, checks.cause_id from fct_reconciliation_checks as checks "
        "where checks.unit_name = ? and checks.status = 'fail' and exists (select 1 from int_check_terms as terms "
        "where terms.unit_name = checks.unit_name and terms.fiscal_year = checks.fiscal_year and terms.rule_id = "
        "checks.rule_id and terms.subject_key = checks.subject_key and terms.figure_key = ?)", [unit, key]).fetchall()
    assert failing and all(row[2] == suspect_id for row in failing), failing
    # and no other disclosure gains a suspect from it: the reference disclosure has its own only
    assert con.execute("select count(*) from fct_suspect_figures where unit_name not in (?, ?)",
                       [unit, NANYANG_UNIT]).fetchone()[0] == 0


def test_a_dropped_digit_among_blank_parts_is_not_taken_for_a_blank():
    # 本年收入合计 = the three 财政拨款 lines (two of them 0.00, printed one above the other) and
    # the same total restated in another table: 1788.25 printed 188.25. Any of the three lines
    # explains both failures; only the printed one is a typing error of its value, and the two
    # blank lines equal to each other are no copied figure.
    figures = {"s/a": Figure("s/a", D("188.25"), "s", "a", "amount", 1),
               "s/b": Figure("s/b", D("0.00"), "s", "b", "amount", 2),
               "s/c": Figure("s/c", D("0.00"), "s", "c", "amount", 3),
               "s/total": Figure("s/total", D("1788.25"), "s", "total", "amount", 4),
               "r/total": Figure("r/total", D("1788.25"), "r", "total", "amount", 1)}
    identities = [Identity(("SUM", "s"), (("s/total", 1), ("s/a", -1), ("s/b", -1), ("s/c", -1)), D("0.02")),
                  Identity(("EQ", "r"), (("s/a", 1), ("s/b", 1), ("s/c", 1), ("r/total", -1)), D("0.02"))]
    suspect = only_suspect(localize(identities, figures))
    assert (suspect.figure_key, suspect.suggested_value, suspect.misprint_kind) == ("s/a", D("1788.25"), "dropped_digit")
    assert set(suspect.explained_checks) == {("SUM", "s"), ("EQ", "r")}


def test_a_copied_figure_is_corrected_to_the_value_its_own_row_states_exactly():
    # 住房公积金's 合计 printed as the next row's (702.73); its row says 620.27 + 0.00 exactly, its
    # 款's sum of 项 leaves 1,323.01 − 702.73 = 620.28 (the 项 rounded one by one): both lie in what
    # the identities allow; the row of two printed figures is the one that agrees to the 分
    figures = {"t/k/total": Figure("t/k/total", D("1323.01"), "t", "k", "total", 1),
               "t/a/total": Figure("t/a/total", D("702.73"), "t", "a", "total", 2),
               "t/a/basic": Figure("t/a/basic", D("620.27"), "t", "a", "basic", 2),
               "t/a/project": Figure("t/a/project", D("0.00"), "t", "a", "project", 2),
               "t/b/total": Figure("t/b/total", D("702.73"), "t", "b", "total", 3),
               "t/b/basic": Figure("t/b/basic", D("612.69"), "t", "b", "basic", 3),
               "t/b/project": Figure("t/b/project", D("90.04"), "t", "b", "project", 3)}
    identities = [Identity(("ROW", "a"), (("t/a/total", 1), ("t/a/basic", -1), ("t/a/project", -1)), D("0.015")),
                  Identity(("ROW", "b"), (("t/b/total", 1), ("t/b/basic", -1), ("t/b/project", -1)), D("0.015")),
                  Identity(("SUM", "k"), (("t/k/total", 1), ("t/a/total", -1), ("t/b/total", -1)), D("0.015"))]
    suspect = only_suspect(localize(identities, figures))
    assert (suspect.figure_key, suspect.suggested_value, suspect.misprint_kind) == \
        ("t/a/total", D("620.27"), "neighbour_row")
