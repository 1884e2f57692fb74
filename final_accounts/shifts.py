"""Shifted rows: a table, or one column of it, whose figures hold only when read k rows off.

A table typed into a template one row off from some row on prints every figure of rows X..Y on
the row k rows away (k > 0: k rows lower). Read as printed, each of those rows fails its sums,
its row parts and its equalities with the other tables — many failures from one cause. Read
with row r taking the figure printed on row r + k (a row beyond the table's last: blank, 0),
they hold. ``find_shifts`` tries every table touching a failing identity, every column alone and
all columns together, k = ±1, ±2, every first row X and last row Y, and keeps the reading that
makes the most failing identities hold while breaking none that held (at least two, over at
least two rows read from figures the table prints). ``localize`` asks for shifts before the
figure suspects, keeps one only where it is cheaper than the suspects it replaces, and asks
again on the values so read (at most ``MAX_SHIFTS``): the suspects explain what remains.

Every (X, Y) of one table, column set and k is scored at once: the change a shifted row makes
to every identity's residual does not depend on X or Y, so the residuals for X..Y are a
difference of prefix sums.
"""
from __future__ import annotations

import numpy as np

from .localize import Problem, Shift, from_cents

OFFSETS = (1, -1, 2, -2)
MAX_SHIFTS = 3
MIN_FIXED = 2
MIN_ROWS = 2


def _grids(problem: Problem, columns: np.ndarray) -> dict[str, tuple[list[int], list[str], np.ndarray]]:
    """Per table with a figure among columns: its printed rows, its measures, and the figure
    index at each (row, measure) (−1: none)."""
    tables = {problem.figures[problem.keys[j]].table_code for j in np.flatnonzero(columns)
              if problem.figures[problem.keys[j]].source == "table"
              and problem.figures[problem.keys[j]].printed_row_no is not None}
    grids = {}
    for table in sorted(t for t in tables if t is not None):
        members = [j for j, key in enumerate(problem.keys) if problem.figures[key].table_code == table
                   and problem.figures[key].printed_row_no is not None and problem.figures[key].source == "table"]
        rows = sorted({problem.figures[problem.keys[j]].printed_row_no for j in members})
        measures = sorted({problem.figures[problem.keys[j]].measure or "" for j in members})
        grid = -np.ones((len(rows), len(measures)), dtype=int)
        row_at = {row: i for i, row in enumerate(rows)}
        measure_at = {measure: i for i, measure in enumerate(measures)}
        collided = set()
        for j in members:
            figure = problem.figures[problem.keys[j]]
            cell = (row_at[figure.printed_row_no], measure_at[figure.measure or ""])
            if grid[cell] >= 0:
                collided.add(cell[1])  # two figures on one printed row of a column (two sides): not a grid
            grid[cell] = j
        for m in collided:
            grid[:, m] = -1
        grids[table] = (rows, measures, grid)
    return grids


def _best_shift(problem: Problem, values: np.ndarray) -> tuple[tuple, Shift, np.ndarray] | None:
    failing = problem.failing(values)
    if failing.sum() < MIN_FIXED:
        return None
    residual = problem.residuals(values)
    tolerance = problem.tolerance
    best = None
    for table, (rows, measures, grid) in _grids(problem, (problem.matrix[failing] != 0).any(axis=0)).items():
        n = len(rows)
        # only the identities a figure of this table takes part in can change
        members = grid[grid >= 0]
        touched = np.flatnonzero((problem.matrix[:, members] != 0).any(axis=1))
        matrix = problem.matrix[touched]
        table_residual, table_tolerance, table_failing = residual[touched], tolerance[touched], failing[touched]
        failing_figures = (problem.matrix[failing] != 0).any(axis=0)
        in_failing = np.where(grid >= 0, failing_figures[np.maximum(grid, 0)], False)
        scopes = [[m] for m in range(len(measures))] + ([list(range(len(measures)))] if len(measures) > 1 else [])
        for scope in scopes:
            for k in OFFSETS:
                # per row: the new value of each of its cells in scope, the change to every residual
                new_cells: list[list[tuple[int, float]]] = []
                deltas = np.zeros((n, len(touched)))
                changed = np.zeros(n, dtype=int)
                sourced = np.zeros(n, dtype=int)  # rows reading a figure printed in the table
                for r in range(n):
                    cells = []
                    for m in scope:
                        j = grid[r, m]
                        if j < 0:
                            continue
                        source = grid[r + k, m] if 0 <= r + k < n else -1
                        new = values[source] if source >= 0 else 0.0
                        if new != values[j]:
                            deltas[r] += matrix[:, j] * (new - values[j])
                            changed[r] += 1
                            sourced[r] = sourced[r] or source >= 0
                            cells.append((j, new))
                    new_cells.append(cells)
                prefix = np.vstack([np.zeros(len(touched)), np.cumsum(deltas, axis=0)])
                changed_prefix = np.concatenate([[0], np.cumsum(changed)])
                rows_prefix = np.concatenate([[0], np.cumsum(sourced > 0)])
                for x in range(n):
                    # a shift starts on a row whose figures fail an identity
                    if changed[x] == 0 or not in_failing[x, scope].any():
                        continue
                    shifted = table_residual + (prefix[x + 1:] - prefix[x])  # rows y = x..n-1
                    now_failing = np.abs(shifted) > table_tolerance
                    fixed = (table_failing & ~now_failing).sum(axis=1)
                    broken = (~table_failing & now_failing).sum(axis=1)
                    for offset in np.flatnonzero((broken == 0) & (fixed >= MIN_FIXED)):
                        y = x + offset
                        if changed[y] == 0 or rows_prefix[y + 1] - rows_prefix[x] < MIN_ROWS:
                            continue
                        cells_changed = changed_prefix[y + 1] - changed_prefix[x]
                        # most failures fixed, then smallest |k|, all columns before one, the latest
                        # first row (rows before it that fix nothing are read as printed), the latest
                        # last row (a shift runs on from its first row: rows past the last failure
                        # read the same either way), the fewest figures read otherwise
                        score = (-int(fixed[offset]), abs(k), -len(scope), -x, -y, int(cells_changed), table)
                        if best is None or score < best[0]:
                            best = (score, table, scope, k, x, y, new_cells)
    if best is None:
        return None
    _, table, scope, k, x, y, new_cells = best
    rows, measures, _ = _grids(problem, np.ones(len(problem.keys), dtype=bool))[table]
    shifted_values = values.copy()
    figures = []
    for r in range(x, y + 1):
        for j, new in new_cells[r]:
            shifted_values[j] = new
            figures.append((problem.keys[j], from_cents(int(values[j])), from_cents(int(new))))
    shift = Shift(table_code=table, measure=measures[scope[0]] if len(scope) == 1 else None, k=k,
                  from_row=rows[x], to_row=rows[y], figures=figures)
    return best[0], shift, shifted_values


def best_shift(problem: Problem, values: np.ndarray) -> tuple[Shift, np.ndarray] | None:
    """The shift that makes the most failing identities hold (breaking none), with the figures
    read after it; None when no shift makes at least MIN_FIXED hold over at least MIN_ROWS rows
    read from figures printed in the table (a row beyond the table's end reads blank)."""
    found = _best_shift(problem, values)
    return None if found is None else (found[1], found[2])
