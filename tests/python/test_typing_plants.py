"""Typing-error plants (final_accounts/corpus/typing_errors.py, ``test-corpus --plant-kind typing``)
and the localization scoring (final_accounts/corpus/scoring.py ``score_localization``).

Each plant changes exactly what its kind says and nothing else: the one planted figure differs
from the truth as a dropped digit, two swapped adjacent digits, a sign or the next row's figure
(every other printed figure and word of the disclosure unchanged); a shift moves a table's figures
one row down from its first shifted row, labels and every other table unchanged. The scoring
counts a plant only when the mart names its exact figure (or shift) with the right correction,
and counts suspects on clean disclosures."""
from __future__ import annotations

import copy
import csv
import random
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from final_accounts.corpus import TYPING_COLUMNS, TYPING_KINDS, generate, plant_typing, score_localization
from final_accounts.corpus.rendering import Generator
from final_accounts.corpus.typing_errors import TABLE_CODES, amount, figure_columns, plant_figure, plant_shift

FIGURE_KINDS = [kind for kind in TYPING_KINDS if kind != "shift"]


@pytest.fixture(scope="module")
def generator():
    return Generator(seed=21)


def _changes(before: dict, after: dict) -> list[tuple[str, int, str, str, str]]:
    """(file, row index, column, before, after) of every cell that differs."""
    changes = []
    assert before.keys() == after.keys()
    for name in before:
        assert len(before[name]) == len(after[name]), name
        for index, (old, new) in enumerate(zip(before[name], after[name])):
            for column in set(old) | set(new):
                if old.get(column) != new.get(column):
                    changes.append((name, index, column, old.get(column), new.get(column)))
    return changes


def _digits(value: Decimal) -> tuple[str, str]:
    integer, decimals = f"{abs(value):.2f}".split(".")
    return integer, decimals


@pytest.mark.parametrize("kind", FIGURE_KINDS)
@pytest.mark.parametrize("index", range(6))
def test_a_figure_plant_changes_one_figure_as_its_kind_says(generator, kind, index):
    d = generator.disclosure(index)
    before = copy.deepcopy(d.files)
    assert plant_figure(d, random.Random(f"typing:{kind}:{index}"), kind)
    (truth,) = d.typing_truth
    changes = _changes(before, d.files)
    assert len(changes) == 1, changes
    name, row_index, column, old, new = changes[0]
    row = d.files[name][row_index]
    # the ground truth names the planted cell: table, row key and printed row, measure, both values
    assert (truth["table_code"], truth["row_key"], truth["printed_row_no"], truth["measure"], truth["kind"]) == \
        (TABLE_CODES[name], row["function_code"] or row["item_name"], row["row_no"], column, kind)
    printed, true = amount(new), amount(old)
    assert (printed, true) == (Decimal(truth["printed_value"]), Decimal(truth["true_value"]))
    assert printed != true
    if kind == "dropped_digit":
        (wrong_integer, wrong_decimals), (true_integer, true_decimals) = _digits(printed), _digits(true)
        assert wrong_decimals == true_decimals and (printed < 0) == (true < 0)
        assert len(wrong_integer) == len(true_integer) - 1 or int(wrong_integer) < int(true_integer)
        assert any(str(int(true_integer[:i] + true_integer[i + 1:])) == wrong_integer
                   for i in range(len(true_integer)))
    elif kind == "swapped_digits":
        wrong_digits = "".join(_digits(printed)).lstrip("0")
        true_digits = "".join(_digits(true)).lstrip("0")
        width = max(len(wrong_digits), len(true_digits))
        wrong_digits, true_digits = wrong_digits.zfill(width), true_digits.zfill(width)
        differing = [i for i in range(width) if wrong_digits[i] != true_digits[i]]
        assert len(differing) == 2 and differing[1] == differing[0] + 1
        i = differing[0]
        assert (wrong_digits[i], wrong_digits[i + 1]) == (true_digits[i + 1], true_digits[i])
    elif kind == "sign":
        assert printed == -true and true > 0
    else:  # next_row: the figure the next row prints in the same column
        assert printed == amount(before[name][row_index + 1][column])


@pytest.mark.parametrize("index", range(6))
def test_a_shift_moves_one_tables_figures_down_one_row_and_nothing_else(generator, index):
    d = generator.disclosure(index)
    before = copy.deepcopy(d.files)
    assert plant_shift(d, random.Random(f"shift:{index}"))
    (truth,) = d.typing_truth
    assert truth["kind"] == "shift" and truth["shift_k"] == "1"
    name = next(code for code, table in TABLE_CODES.items() if table == truth["table_code"])
    rows, original = d.files[name], before[name]
    start = next(i for i, row in enumerate(rows) if row["row_no"] == truth["shift_from_row"])
    assert truth["row_key"] == rows[start]["function_code"]
    changed = {(file, row_index) for file, row_index, *_ in _changes(before, d.files)}
    assert {file for file, _ in changed} == {name}
    zone = [i for i, row in enumerate(rows) if i >= start and row["function_code"]]
    assert {row_index for _, row_index in changed} <= set(zone)
    columns = figure_columns(name)
    for position, i in enumerate(zone):
        # labels stay; figures come from the row above within the shifted rows; the first prints none
        assert (rows[i]["function_code"], rows[i]["item_name"]) == (original[i]["function_code"], original[i]["item_name"])
        expected = {c: original[zone[position - 1]][c] for c in columns} if position else dict.fromkeys(columns, "")
        assert {c: rows[i][c] for c in columns} == expected


def test_typing_corpus_writes_its_truth_and_leaves_the_other_disclosures_clean(tmp_path):
    typed, clean = tmp_path / "typed", tmp_path / "clean"
    counts = generate(typed, 10, seed=4, planted_share=0.5, plant_kind="typing")
    generate(clean, 10, seed=4, planted_share=0)
    with (typed / "typing_truth.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == TYPING_COLUMNS
        truth = list(reader)
    assert counts["planted"] == len(truth) > 0
    assert counts["planted"] == len({row["unit_name"] for row in truth})  # one plant per planted disclosure
    with (typed / "ground_truth.csv").open(encoding="utf-8") as handle:
        assert len(handle.read().strip().splitlines()) == 1  # no rule plants in a typing corpus
    planted_units = {row["unit_name"] for row in truth}
    for folder in (typed / "disclosures").iterdir():
        if folder.name == "_schema" or any(unit in folder.name for unit in planted_units):
            continue
        for path in folder.glob("*.csv"):
            assert path.read_bytes() == (clean / "disclosures" / folder.name / path.name).read_bytes(), path


def test_rule_plants_write_no_typing_truth(tmp_path):
    generate(tmp_path, 4, seed=4, planted_share=1)
    assert not (tmp_path / "typing_truth.csv").exists()


def test_plant_typing_falls_back_to_a_kind_that_fits(generator):
    d = generator.disclosure(0)
    for table in ("gk02_income_by_function", "gk03_expenditure_by_function", "gk05_general_budget_expenditure",
                  "gk07_government_fund"):
        d.files[table] = d.files[table][:1]  # one row each: no shift possible
    assert plant_typing(d, random.Random(1), "shift") == "dropped_digit" or d.typing_truth[0]["kind"] != "shift"


# ------------------------------------------------------------------ scoring

TRUTH = [
    {"fiscal_year": "2024", "unit_name": "甲", "table_code": "general_budget_expenditure", "row_key": "2010101",
     "printed_row_no": "3", "measure": "subtotal", "printed_value": "1066.51", "true_value": "10661.51",
     "kind": "dropped_digit", "shift_from_row": "", "shift_k": ""},
    {"fiscal_year": "2024", "unit_name": "乙", "table_code": "expenditure_by_function", "row_key": "20709",
     "printed_row_no": "9", "measure": "", "printed_value": "", "true_value": "", "kind": "shift",
     "shift_from_row": "9", "shift_k": "1"},
    {"fiscal_year": "2024", "unit_name": "丙", "table_code": "income_by_function", "row_key": "201",
     "printed_row_no": "2", "measure": "total_income", "printed_value": "275.14", "true_value": "257.14",
     "kind": "swapped_digits", "shift_from_row": "", "shift_k": ""},
]
UNITS = ["甲", "乙", "丙", "丁"]  # 丁 is clean


def _landing(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "typing_truth.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=TYPING_COLUMNS)
        writer.writeheader()
        writer.writerows(TRUTH)
    with (folder / "documents.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["fiscal_year", "unit_name"])
        writer.writeheader()
        writer.writerows({"fiscal_year": "2024", "unit_name": unit} for unit in UNITS)
    return folder


def _warehouse(path: Path, suspects: list[tuple] | None) -> Path:
    con = duckdb.connect(str(path))
    if suspects is not None:  # the two marts' columns the scoring reads (a cause of kind shift in the second)
        con.execute("""create table main.fct_suspect_figures (fiscal_year integer, unit_name varchar,
            table_code varchar, row_key varchar, printed_row_no integer, measure varchar, printed_value decimal(18, 2),
            suggested_value decimal(18, 2), misprint_kind varchar)""")
        con.execute("""create table main.fct_row_shifts (fiscal_year integer, unit_name varchar, table_code varchar,
            measure varchar, shift_rows integer, from_row_no integer)""")
        for row in suspects:
            if row[9] == "shift":
                con.execute("insert into main.fct_row_shifts values (?, ?, ?, ?, ?, ?)",
                            [row[0], row[1], row[2], row[5], row[11], row[10]])
            else:
                con.execute("insert into main.fct_suspect_figures values (?, ?, ?, ?, ?, ?, ?, ?, ?)", list(row[:9]))
    con.close()
    return path


def test_localization_scoring_without_the_mart_says_so(tmp_path):
    said = []
    result = score_localization(_warehouse(tmp_path / "w.duckdb", None), _landing(tmp_path / "landing"), said.append)
    assert result == {"built": False, "plants": 3} and said == ["localization: not built"]


def test_localization_scoring_counts_exact_corrections_and_suspects_on_clean_disclosures(tmp_path):
    suspects = [
        # the dropped digit, localized with its correction
        (2024, "甲", "general_budget_expenditure", "2010101", 3, "subtotal", 1066.51, 10661.51, "dropped_digit",
         "figure", None, None),
        # the shift, with its first row and k
        (2024, "乙", "expenditure_by_function", None, 9, None, None, None, None, "shift", 9, 1),
        # the swapped digits found at the right figure but with a wrong correction: not localized
        (2024, "丙", "income_by_function", "201", 2, "total_income", 275.14, 265.14, "swapped_digits", "figure",
         None, None),
        # a suspect on the clean disclosure, and one on a planted disclosure that explains nothing
        (2024, "丁", "general_budget_expenditure", "合计", 1, "subtotal", 10.0, 11.0, "sign", "figure", None, None),
        (2024, "甲", "income_by_function", "合计", 1, "total_income", 5.0, 6.0, None, "figure", None, None),
    ]
    said = []
    result = score_localization(_warehouse(tmp_path / "w.duckdb", suspects), _landing(tmp_path / "landing"),
                                said.append)
    assert result["built"] and (result["plants"], result["localized"]) == (3, 2)
    assert result["by_kind"] == {"dropped_digit": (1, 1), "shift": (1, 1), "swapped_digits": (1, 0)}
    assert [plant["kind"] for plant in result["missed"]] == ["swapped_digits"]
    assert result["clean_disclosures"] == 1 and result["clean_with_suspects"] == [("2024", "丁")]
    assert result["extra_suspects"] == 1 and result["kind_named"] == 1 and result["missing_columns"] == []
    assert said[0].startswith("localization: 2 of 3 typing errors localized")


def test_localization_scoring_a_wrong_shift_k_is_not_localized(tmp_path):
    suspects = [(2024, "乙", "expenditure_by_function", None, 9, None, None, None, None, "shift", 9, -1)]
    result = score_localization(_warehouse(tmp_path / "w.duckdb", suspects), _landing(tmp_path / "landing"),
                                lambda *_: None)
    assert result["localized"] == 0 and result["extra_suspects"] == 0


def test_test_corpus_takes_the_typing_plants_by_option(tmp_path, capsys):
    from final_accounts.cli import main

    assert main(["test-corpus", str(tmp_path / "typed"), "--size", "5", "--planted-share", "1",
                 "--plant-kind", "typing", "--generate-only"]) == 0
    assert "5 planted errors" in capsys.readouterr().out
    with (tmp_path / "typed" / "typing_truth.csv").open(encoding="utf-8", newline="") as handle:
        kinds = [row["kind"] for row in csv.DictReader(handle)]
    assert sorted(kinds) == sorted(TYPING_KINDS)  # the kinds taken in turn
    # the default stays the rule plants
    assert main(["test-corpus", str(tmp_path / "rules"), "--size", "3", "--generate-only"]) == 0
    assert not (tmp_path / "rules" / "typing_truth.csv").exists()
