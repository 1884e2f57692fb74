"""Synthetic disclosures for error localization, and the solver measured on them.

``synthetic_disclosure`` makes a consistent disclosure shaped like a 部门决算's function tables:
a table of 类/款/项 rows with a 合计 row and three columns (合计 = 基本支出 + 项目支出 on every
row; each 类 the sum of its 款, each 款 of its 项, 合计 of the 类, per column), a second table
restating each 类 and the 合计 (equalities across tables) and a summary figure printed in a
third. ``plant`` applies a typing error to it. ``python -m final_accounts.localize_benchmark``
times ``localize`` per disclosure with each backend (HiGHS through highspy; scipy.optimize.milp,
when scipy is importable) on planted disclosures and prints how many were localized exactly.
"""
from __future__ import annotations

import argparse
import random
import statistics
import time
from decimal import Decimal

from .localize import Figure, Identity, localize

COLUMNS = ("total", "basic", "project")


def synthetic_disclosure(seed: int, classes: int = 4, kuan: int = 3, items: int = 3
                         ) -> tuple[list[Identity], dict[str, Figure]]:
    """A consistent disclosure (every identity holds exactly) of about
    3 × classes × kuan × items + ... figures."""
    rng = random.Random(seed)
    rows: list[tuple[str, str, str | None]] = [("合计", "total", None)]  # (row key, level, parent)
    for c in range(classes):
        class_code = f"2{c + 1:02d}"
        rows.append((class_code, "类", "合计"))
        for k in range(kuan):
            kuan_code = f"{class_code}{k + 1:02d}"
            rows.append((kuan_code, "款", class_code))
            for i in range(items):
                rows.append((f"{kuan_code}{i + 1:02d}", "项", kuan_code))
    leaf_values = {}
    for key, level, _ in rows:
        if level == "项":
            basic = rng.randint(0, 5_000_000)
            project = rng.randint(0, 3_000_000) if rng.random() < 0.7 else 0
            leaf_values[key] = {"basic": basic, "project": project, "total": basic + project}
    children: dict[str, list[str]] = {}
    for key, _, parent in rows:
        if parent:
            children.setdefault(parent, []).append(key)

    def value(key: str, column: str) -> int:
        if key in leaf_values:
            return leaf_values[key][column]
        return sum(value(child, column) for child in children[key])

    figures: dict[str, Figure] = {}
    for row_no, (key, _, _) in enumerate(rows, start=1):
        for column in COLUMNS:
            figures[f"gk05/{key}/{column}"] = Figure(f"gk05/{key}/{column}", Decimal(value(key, column)) / 100,
                                                     "gk05", key, column, row_no)
    identities: list[Identity] = []
    for key, _, _ in rows:
        terms = ((f"gk05/{key}/total", 1), (f"gk05/{key}/basic", -1), (f"gk05/{key}/project", -1))
        identities.append(Identity(("IN-ROW-PARTS", f"gk05/{key}"), terms, Decimal("0.015")))
        if key in children:
            for column in COLUMNS:
                parts = tuple((f"gk05/{child}/{column}", -1) for child in children[key])
                identities.append(Identity(("IN-HIER", f"gk05/{key}/{column}"), ((f"gk05/{key}/{column}", 1), *parts),
                                           Decimal("0.005") * (len(parts) + 1)))
    for row_no, (key, _, _) in enumerate([r for r in rows if r[1] in ("total", "类")], start=1):
        other = f"gk03/{key}/total"
        figures[other] = Figure(other, figures[f"gk05/{key}/total"].value, "gk03", key, "total", row_no)
        identities.append(Identity(("X-03-05", key), ((f"gk05/{key}/total", 1), (other, -1)), Decimal("0.01")))
    figures["gk01/支出合计"] = Figure("gk01/支出合计", figures["gk05/合计/total"].value, "gk01", "支出合计", "amount", 1)
    identities.append(Identity(("X-01-05", "合计"), (("gk01/支出合计", 1), ("gk05/合计/total", -1)), Decimal("0.01")))
    return identities, figures


def with_value(figures: dict[str, Figure], key: str, value: Decimal) -> dict[str, Figure]:
    changed = dict(figures)
    figure = figures[key]
    changed[key] = Figure(key, value, figure.table_code, figure.row_key, figure.measure, figure.printed_row_no, figure.source)
    return changed


def plant(figures: dict[str, Figure], rng: random.Random) -> tuple[dict[str, Figure], str, str, Decimal]:
    """One typing error in a random nonzero table figure: (figures, key, kind, true value)."""
    kind = rng.choice(["dropped_digit", "swapped_digits", "sign", "neighbour_row"])
    keys = sorted(k for k, f in figures.items() if f.value >= 100 and f.table_code == "gk05")
    while True:
        key = rng.choice(keys)
        true = figures[key].value
        digits = f"{true:.2f}".replace(".", "")
        if kind == "dropped_digit":
            position = rng.randrange(len(digits))
            printed = digits[:position] + digits[position + 1:]
        elif kind == "swapped_digits":
            pairs = [p for p in range(len(digits) - 1) if digits[p] != digits[p + 1]]
            if not pairs:
                continue
            p = rng.choice(pairs)
            printed = digits[:p] + digits[p + 1] + digits[p] + digits[p + 2:]
        elif kind == "sign":
            printed = "-" + digits
        else:
            figure = figures[key]
            below = [f for f in figures.values() if f.table_code == figure.table_code and f.measure == figure.measure
                     and f.printed_row_no == figure.printed_row_no + 1]
            if not below or below[0].value == true:
                continue
            return with_value(figures, key, below[0].value), key, kind, true
        value = Decimal(int(printed)) / 100
        if value == true:
            continue
        return with_value(figures, key, value), key, kind, true


def plant_shift(figures: dict[str, Figure], rng: random.Random) -> tuple[dict[str, Figure], int, int]:
    """Every column of gk05 printed one row lower from a random row on (that row blank, the last
    row's own figures lost): (figures, first shifted row, last row)."""
    rows = sorted({f.printed_row_no for f in figures.values() if f.table_code == "gk05"})
    start = rng.choice(rows[1:-2])
    shifted = dict(figures)
    by_cell = {(f.printed_row_no, f.measure): f for f in figures.values() if f.table_code == "gk05"}
    for (row, measure), figure in by_cell.items():
        if row >= start:
            above = by_cell.get((row - 1, measure))
            value = above.value if row > start and above is not None else Decimal("0.00")
            shifted[figure.key] = Figure(figure.key, value, figure.table_code, figure.row_key, figure.measure,
                                         figure.printed_row_no, figure.source)
    return shifted, start, rows[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--classes", type=int, default=6)
    args = parser.parse_args(argv)
    backends = ["highs"]
    try:
        import scipy.optimize  # noqa: F401
        backends.append("scipy")
    except ImportError:
        print("scipy not importable: measuring highspy only")
    cases = []
    for seed in range(args.count):
        identities, figures = synthetic_disclosure(seed, classes=args.classes)
        planted, key, _kind, true = plant(figures, random.Random(seed))
        cases.append((identities, planted, key, true))
    shift_cases, clean_cases = [], []
    for seed in range(args.count // 4):
        identities, figures = synthetic_disclosure(1000 + seed, classes=args.classes)
        shifted, start, end = plant_shift(figures, random.Random(seed))
        shift_cases.append((identities, shifted, start, end))
        clean_cases.append((identities, figures))
    n_figures = len(cases[0][1])
    print(f"{args.count} disclosures, {n_figures} figures and {len(cases[0][0])} identities each, one typing error planted", flush=True)
    for backend in backends:
        times, exact = [], 0
        for identities, planted, key, true in cases:
            started = time.perf_counter()
            found = localize(identities, planted, backend=backend)
            times.append(time.perf_counter() - started)
            exact += [(s.figure_key, s.suggested_value) for s in found.suspects] == [(key, true)]
        print(f"{backend}: median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms per disclosure; "
              f"exact {exact}/{len(cases)}", flush=True)
        times, exact = [], 0
        for identities, shifted, start, end in shift_cases:
            started = time.perf_counter()
            found = localize(identities, shifted, backend=backend)
            times.append(time.perf_counter() - started)
            # the last row's own figures were pushed off the table: any row of its 款 can take up
            # what they leave missing, so what remains is ambiguous or a suspect; the shift must
            # start on the planted row and run to (or to the row before) the last
            exact += [(s.table_code, s.measure, s.k, s.from_row) for s in found.shifts] == [("gk05", None, 1, start)] \
                and found.shifts[0].to_row in (end - 1, end)
        if shift_cases:
            print(f"{backend}, a table shifted one row down from a random row on: median "
                  f"{statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms; "
                  f"exact shift (and suspects only on the lost last row) {exact}/{len(shift_cases)}", flush=True)
        clean = sum(not (found.suspects or found.shifts) for found in
                    (localize(identities, figures, backend=backend) for identities, figures in clean_cases))
        print(f"{backend}, clean disclosures without any finding: {clean}/{len(clean_cases)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
