"""Error localization: which printed figures of a disclosure are the likely misprints, and what
they should have been.

A disclosure is a record bound by linear identities: each check of a sum or an equality is
Σ coefficient × figure = 0 within its rounding tolerance (0.005 × the rounded figures taking
part). Given the identities and the printed figures, ``localize`` finds

1. **shifted rows** (``final_accounts/shifts.py``): a table, or one column of it, whose figures
   hold only when read k rows off (k = ±1, ±2) from some printed row on — one finding explaining
   every check it fixes, looked for first;
2. **suspect figures** (Fellegi and Holt, 1976, for linear edits as a mixed-integer program): the
   minimum-weight set of figures whose change makes every identity hold. Per figure f a
   continuous correction d_f and a binary z_f, |d_f| ≤ M_f z_f, every identity
   |Σ c (v + d)| ≤ tolerance, minimise Σ w_f z_f. The weight w_f grows with the number of
   identities the figure takes part in (a figure printed in several places, checked by several
   identities, is less likely the wrong one). Among the optimal sets and those within a typing
   error's bonus of them, a set whose corrections are recognised typing errors (Scholtus, 2009:
   a dropped or an extra digit, two adjacent digits swapped, the sign, the figure of the
   neighbouring row or column of the same table) is preferred; when two sets remain equally
   good, the figures they do not share are reported as ambiguous, not guessed.

Only failing identities need explaining: a disclosure whose identities all hold gets nothing
and no solver call. Amounts are exact: figures are handled in integer 分 (0.01 万元).

Solver: HiGHS through ``highspy`` (measured against ``scipy.optimize.milp``, which wraps the same
HiGHS, by ``python -m final_accounts.localize --benchmark``; docs in the module ``benchmark``).
Results are cached by a hash of the disclosure's identities and figures under
``<landing>/cache/localize/`` and several disclosures are solved in parallel processes.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path

import numpy as np

# raise when a change alters what localize returns for the same input (invalidates the cache)
LOCALIZE_VERSION = "3"
CACHE_FOLDER = "localize"
# weight of a figure: 1, plus this much per identity it takes part in beyond the first
WEIGHT_PER_IDENTITY = 0.01
# a set whose corrections are typing errors gains this much per such figure (less than one
# figure's weight: a typing error breaks ties and near-ties, never adds a figure)
TYPO_BONUS = 0.5
# a figure equal to its neighbour's is weaker evidence (tables repeat figures: a 类 with one 款)
NEIGHBOUR_BONUS = 0.25
# a shift is kept when it and the suspects left after it weigh less than the suspects without it:
# it weighs as much as this many figures
SHIFT_WEIGHT = 1.5
# how many alternative sets are enumerated around the optimum
MAX_ALTERNATIVES = 12
# seconds the search for the minimum sets of one disclosure may take (a disclosure that needs
# more is left unexplained)
TIME_LIMIT = 20.0
KINDS = ("dropped_digit", "extra_digit", "swapped_digits", "sign", "neighbour_row", "neighbour_column", "none")

Check = tuple[str, str]  # (rule_id, subject_key)


@dataclass(frozen=True)
class Figure:
    """A printed figure: its key, value (万元) and where it is printed."""
    key: str
    value: Decimal
    table_code: str | None = None
    row_key: str | None = None
    measure: str | None = None
    printed_row_no: int | None = None
    source: str = "table"  # 'table' | 'narrative'


@dataclass(frozen=True)
class Identity:
    """One check as a linear identity: Σ coefficient × figure within tolerance of 0."""
    check: Check
    terms: tuple[tuple[str, int], ...]  # (figure key, coefficient)
    tolerance: Decimal


@dataclass
class Suspect:
    figure_key: str
    printed_value: Decimal
    suggested_value: Decimal
    misprint_kind: str
    explained_checks: list[Check] = field(default_factory=list)


@dataclass
class Shift:
    """Rows from_row..to_row (printed row numbers) of table_code — one column (measure) or every
    column (measure None) — carry the figures of the rows k rows away: the figure of row r is
    printed on row r + k (k > 0: printed k rows lower)."""
    table_code: str
    measure: str | None
    k: int
    from_row: int
    to_row: int
    figures: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)  # (key, printed, read as)
    explained_checks: list[Check] = field(default_factory=list)


@dataclass
class Ambiguity:
    """Figures that explain the same failures equally well: no single suspect is named."""
    candidates: list[str]
    checks: list[Check]


@dataclass
class Localization:
    shifts: list[Shift] = field(default_factory=list)
    suspects: list[Suspect] = field(default_factory=list)
    ambiguities: list[Ambiguity] = field(default_factory=list)
    unexplained: list[Check] = field(default_factory=list)
    solve_seconds: float = 0.0

    def to_json(self) -> dict:
        return json.loads(json.dumps(asdict(self), default=str))

    @classmethod
    def from_json(cls, data: dict) -> Localization:
        def check_list(items):
            return [tuple(item) for item in items]
        return cls(
            shifts=[Shift(s["table_code"], s["measure"], s["k"], s["from_row"], s["to_row"],
                          [(f[0], Decimal(f[1]), Decimal(f[2])) for f in s["figures"]], check_list(s["explained_checks"]))
                    for s in data["shifts"]],
            suspects=[Suspect(s["figure_key"], Decimal(s["printed_value"]), Decimal(s["suggested_value"]),
                              s["misprint_kind"], check_list(s["explained_checks"])) for s in data["suspects"]],
            ambiguities=[Ambiguity(list(a["candidates"]), check_list(a["checks"])) for a in data["ambiguities"]],
            unexplained=check_list(data["unexplained"]),
            solve_seconds=data.get("solve_seconds", 0.0),
        )


# --- the problem in integer 分 --------------------------------------------------------------------

def cents(value: Decimal | float | int | None) -> int:
    if value is None:
        return 0
    return int((Decimal(str(value)) * 100).to_integral_value())


def from_cents(value: int) -> Decimal:
    return (Decimal(value) / 100).quantize(Decimal("0.01"))


class Problem:
    """The identities over the figures as a dense matrix (identities × figures) in 分."""

    def __init__(self, identities: Sequence[Identity], figures: Mapping[str, Figure]):
        self.figures = figures
        used = sorted({key for identity in identities for key, _ in identity.terms if key in figures})
        self.keys = used
        self.index = {key: i for i, key in enumerate(used)}
        self.identities = [identity for identity in identities
                           if identity.terms and all(key in figures for key, _ in identity.terms)]
        self.matrix = np.zeros((len(self.identities), len(used)))
        for row, identity in enumerate(self.identities):
            for key, coefficient in identity.terms:
                self.matrix[row, self.index[key]] += coefficient
        self.values = np.array([cents(figures[key].value) for key in used], dtype=float)
        # a tolerance in 分, with a hair for float arithmetic on whole 分
        self.tolerance = np.array([float(Decimal(str(i.tolerance)) * 100) + 1e-6 for i in self.identities])

    def residuals(self, values: np.ndarray) -> np.ndarray:
        return self.matrix @ values

    def failing(self, values: np.ndarray) -> np.ndarray:
        return np.abs(self.residuals(values)) > self.tolerance


# --- typing errors (Scholtus 2009) ------------------------------------------------------------------

def typo_values(value: int) -> list[tuple[int, str]]:
    """What a printed figure (in 分) may have been, by the kind of typing error that turned it into
    what is printed: a digit dropped (the true figure has one more), an extra digit, two adjacent
    digits swapped, the sign."""
    sign = -1 if value < 0 else 1
    digits = str(abs(value))
    found: list[tuple[int, str]] = []
    if value != 0:
        found.append((-value, "sign"))
    for position in range(len(digits) + 1):
        for digit in "0123456789":
            if position == 0 and digit == "0":
                continue
            found.append((sign * int(digits[:position] + digit + digits[position:]), "dropped_digit"))
    if len(digits) > 1:
        for position in range(len(digits)):
            found.append((sign * int(digits[:position] + digits[position + 1:] or "0"), "extra_digit"))
    for position in range(len(digits) - 1):
        if digits[position] != digits[position + 1]:
            swapped = digits[:position] + digits[position + 1] + digits[position] + digits[position + 2:]
            found.append((sign * int(swapped), "swapped_digits"))
    return found


def neighbours(figures: Mapping[str, Figure]) -> dict[str, dict[str, list[str]]]:
    """Per table figure, the figures of the neighbouring printed rows (same table and column) and
    of the other columns of its row (same table)."""
    by_column: dict[tuple, list[Figure]] = {}
    by_row: dict[tuple, list[Figure]] = {}
    for figure in figures.values():
        if figure.source != "table" or figure.printed_row_no is None:
            continue
        by_column.setdefault((figure.table_code, figure.measure), []).append(figure)
        by_row.setdefault((figure.table_code, figure.row_key), []).append(figure)
    found: dict[str, dict[str, list[str]]] = {}
    for column in by_column.values():
        rows = sorted({f.printed_row_no for f in column})
        position = {row: i for i, row in enumerate(rows)}
        at_row: dict[int, list[str]] = {}
        for figure in column:
            at_row.setdefault(figure.printed_row_no, []).append(figure.key)
        for figure in column:
            i = position[figure.printed_row_no]
            near = [key for j in (i - 1, i + 1) if 0 <= j < len(rows) for key in at_row[rows[j]]]
            found.setdefault(figure.key, {})["neighbour_row"] = near
    for row in by_row.values():
        for figure in row:
            found.setdefault(figure.key, {})["neighbour_column"] = [f.key for f in row if f.key != figure.key]
    return found


def recognise(printed: int, low: float, high: float, neighbour_values: Mapping[str, list[int]],
              centre: float | None = None) -> tuple[int, str] | None:
    """The typing error whose true figure lies in [low, high] (分), if one does: of several, the
    one nearest centre (the value that makes the identities' residuals smallest)."""
    fits = [(candidate, kind) for candidate, kind in typo_values(printed) if low - 1e-6 <= candidate <= high + 1e-6]
    if fits:
        middle = centre if centre is not None else (low + high) / 2
        return min(fits, key=lambda fit: abs(fit[0] - middle))
    # a figure equal to its neighbour's is a copied figure only when it is not 0 (blank rows and
    # columns are equal to each other everywhere)
    if printed != 0 and not low <= printed <= high:
        for kind in ("neighbour_row", "neighbour_column"):
            if any(value == printed for value in neighbour_values.get(kind, [])):
                return printed, kind
    return None


# --- the mixed-integer program ------------------------------------------------------------------------

def solve_milp(cost, lower, upper, integral, rows, row_lower, row_upper, backend: str = "highs",
               time_limit: float | None = None):
    """min cost·x subject to row_lower ≤ A x ≤ row_upper, lower ≤ x ≤ upper, x integral where
    flagged; rows as (indices, values) per row. Returns (x, objective) or None (infeasible)."""
    n = len(cost)
    starts, indices, values = [0], [], []
    for cols, coefs in rows:
        indices.extend(cols)
        values.extend(coefs)
        starts.append(len(indices))
    if backend == "scipy":
        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import csr_array
        matrix = csr_array((values, indices, starts), shape=(len(rows), n))
        result = milp(np.asarray(cost), integrality=np.asarray(integral, dtype=int), bounds=Bounds(lower, upper),
                      constraints=[LinearConstraint(matrix, row_lower, row_upper)] if rows else None,
                      options={"mip_rel_gap": 0, "time_limit": time_limit or TIME_LIMIT})
        if result.x is None:
            return None
        return np.asarray(result.x), float(result.fun)
    import highspy
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("mip_feasibility_tolerance", 1e-9)
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("time_limit", float(time_limit or TIME_LIMIT))
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(rows)
    lp.col_cost_ = np.asarray(cost, dtype=float)
    lp.col_lower_ = np.asarray(lower, dtype=float)
    lp.col_upper_ = np.asarray(upper, dtype=float)
    lp.row_lower_ = np.asarray(row_lower, dtype=float)
    lp.row_upper_ = np.asarray(row_upper, dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.asarray(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.asarray(indices, dtype=np.int32)
    lp.a_matrix_.value_ = np.asarray(values, dtype=float)
    if any(integral):
        lp.integrality_ = [highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous
                           for flag in integral]
    highs.passModel(lp)
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return np.asarray(highs.getSolution().col_value), float(highs.getInfo().objective_function_value)


def _big_m(problem: Problem, values: np.ndarray) -> np.ndarray:
    """Per figure, a bound on its correction: twice the largest sum of absolute figures of an
    identity it takes part in (one misprint's correction is at most that), at least 1 万元."""
    sizes = np.abs(problem.matrix) @ np.abs(values) + problem.tolerance
    bound = np.zeros(len(problem.keys))
    for j in range(len(problem.keys)):
        touching = problem.matrix[:, j] != 0
        bound[j] = 2 * sizes[touching].max() if touching.any() else 0
    return np.maximum(bound, 100.0)


def _weights(problem: Problem) -> np.ndarray:
    participation = (problem.matrix != 0).sum(axis=0)
    return 1 + WEIGHT_PER_IDENTITY * np.maximum(participation - 1, 0)


def _corrections_lp(problem: Problem, values: np.ndarray, free: list[int], backend: str = "highs"):
    """The corrections of the figures in free (the others held) that make the identities'
    absolute residuals smallest, each residual within its tolerance (an LP with one slack per
    identity). None when no correction of these figures makes every identity hold."""
    m = len(problem.identities)
    n_free = len(free)
    bound = _big_m(problem, values)
    residual = problem.residuals(values)
    # variables: d (n_free), then slack s_i ≥ |residual_i + Σ c d| (m)
    cost = np.zeros(n_free + m)
    cost[n_free:] = 1.0
    lower = np.concatenate([-bound[free], np.zeros(m)])
    upper = np.concatenate([bound[free], problem.tolerance])
    rows, row_lower, row_upper = [], [], []
    for i in range(m):
        cols = [t for t, j in enumerate(free) if problem.matrix[i, j] != 0]
        coefs = [problem.matrix[i, free[t]] for t in cols]
        rows.append((cols + [n_free + i], coefs + [-1.0]))
        row_lower.append(-np.inf)
        row_upper.append(-residual[i])
        rows.append((cols + [n_free + i], coefs + [1.0]))
        row_lower.append(-residual[i])
        row_upper.append(np.inf)
    solved = solve_milp(cost, lower, upper, [False] * (n_free + m), rows, row_lower, row_upper, backend)
    if solved is None:
        return None
    return solved[0][:n_free]


def minimum_sets(problem: Problem, values: np.ndarray, candidates: np.ndarray, window: float,
                 backend: str = "highs") -> list[tuple[frozenset[int], float]]:
    """The minimum-weight sets of figures (indices) whose correction makes every identity hold,
    and the other sets within window of the optimum (at most MAX_ALTERNATIVES), best first.
    Only figures flagged in candidates may change."""
    n = len(problem.keys)
    weights = _weights(problem)
    bound = _big_m(problem, values)
    residual = problem.residuals(values)
    # variables: d_0..d_{n-1}, z_0..z_{n-1}
    cost = np.concatenate([np.zeros(n), weights])
    lower = np.concatenate([-bound, np.zeros(n)])
    upper = np.concatenate([bound, candidates.astype(float)])
    integral = [False] * n + [True] * n
    rows, row_lower, row_upper = [], [], []
    for j in range(n):
        rows.append(([j, n + j], [1.0, -bound[j]]))
        row_lower.append(-np.inf)
        row_upper.append(0.0)
        rows.append(([j, n + j], [1.0, bound[j]]))
        row_lower.append(0.0)
        row_upper.append(np.inf)
    for i in range(len(problem.identities)):
        cols = list(np.flatnonzero(problem.matrix[i]))
        rows.append((cols, [problem.matrix[i, j] for j in cols]))
        row_lower.append(-problem.tolerance[i] - residual[i])
        row_upper.append(problem.tolerance[i] - residual[i])
    found: list[tuple[frozenset[int], float]] = []
    best = None
    # the optimum and its alternatives share one time budget
    deadline = time.monotonic() + TIME_LIMIT
    while len(found) < MAX_ALTERNATIVES and time.monotonic() < deadline:
        solved = solve_milp(cost, lower, upper, integral, rows, row_lower, row_upper, backend,
                            time_limit=max(deadline - time.monotonic(), 0.1))
        if solved is None:
            break
        x, objective = solved
        chosen = frozenset(j for j in range(n) if x[n + j] > 0.5 or abs(x[j]) > 0.5)
        objective = float(sum(weights[j] for j in chosen))
        if best is None:
            best = objective
            # from now on only sets within the window: a cut-off the solver prunes by
            rows.append((list(range(n, 2 * n)), list(weights)))
            row_lower.append(-np.inf)
            row_upper.append(best + window + 1e-6)
        if objective > best + window + 1e-9:
            break
        found.append((chosen, objective))
        # no-good cut: not this set again (its supersets weigh more)
        rows.append(([n + j for j in chosen], [1.0] * len(chosen)))
        row_lower.append(-np.inf)
        row_upper.append(len(chosen) - 1.0)
    return found


# --- localize one disclosure --------------------------------------------------------------------------

def _check_list(problem: Problem, mask: np.ndarray) -> list[Check]:
    return [problem.identities[i].check for i in np.flatnonzero(mask)]


def _interval(problem: Problem, values: np.ndarray, j: int) -> tuple[float, float]:
    """The values figure j may take (分) with every other figure as in values: the intersection,
    over the identities it takes part in, of the values that make each hold."""
    residual = problem.residuals(values)
    low, high = -np.inf, np.inf
    for i in np.flatnonzero(problem.matrix[:, j]):
        c = problem.matrix[i, j]
        rest = residual[i] - c * values[j]
        a, b = (-problem.tolerance[i] - rest) / c, (problem.tolerance[i] - rest) / c
        low, high = max(low, min(a, b)), min(high, max(a, b))
    return low, high


def _exact_value(problem: Problem, values: np.ndarray, j: int, low: float, high: float) -> int:
    """The value (分) of figure j, within what its identities allow [low, high], that makes the
    most of them hold exactly, the tightest first (an identity of fewer rounded figures — a row's
    total and its one non-zero part — before a sum over many rows; a figure printed 0.00 carries no
    rounding); values[j] itself when it makes as many. The smallest absolute residuals leave a
    range when the identities disagree by rounding (a 项's total is its parts' sum to the 分, its
    款's sum of 项 is 0.01 off): the printed figures that agree exactly say which end was printed."""
    residual = problem.residuals(values)
    touching = np.flatnonzero(problem.matrix[:, j])
    rounded = {i: int(np.count_nonzero(values[np.flatnonzero(problem.matrix[i])])) for i in touching}

    def exactness(candidate: float) -> tuple:
        change = candidate - values[j]
        held = [i for i in touching if abs(residual[i] + problem.matrix[i, j] * change) < 0.5]
        return (-len(held), min((rounded[i] for i in held), default=len(problem.keys) + 1), abs(change))

    candidates = [values[j]]
    for i in touching:
        candidate = values[j] - residual[i] / problem.matrix[i, j]
        if abs(candidate - round(candidate)) < 1e-6 and low - 1e-6 <= candidate <= high + 1e-6:
            candidates.append(float(round(candidate)))
    return int(min(candidates, key=exactness))


def _fit_set(problem: Problem, values: np.ndarray, chosen: frozenset[int], near: Mapping[str, dict[str, list[str]]],
             backend: str) -> tuple[dict[int, tuple[int, str]], float] | None:
    """Corrected values of the figures of a set (分), with the kind of typing error where one fits,
    and the set's typo bonus; None when the set does not make the identities hold. The corrections
    first make the identities' residuals smallest; then each figure, the others held, takes the
    value of a typing error of its printed figure where one lies in what its identities allow."""
    ordered = sorted(chosen)
    corrections = _corrections_lp(problem, values, ordered, backend=backend)
    if corrections is None:
        return None
    corrected = values.copy()
    for t, j in enumerate(ordered):
        corrected[j] = round(values[j] + corrections[t])
    result: dict[int, tuple[int, str]] = {}
    bonus = 0.0
    for j in ordered:
        low, high = _interval(problem, corrected, j)
        # the neighbours as read now (after any shift), as the figure itself; a neighbour the set
        # corrects too is no figure copied from (a row's 合计 equals its 基本支出 when 项目支出 is 0)
        neighbour_values = {kind: [int(values[problem.index[key]]) if key in problem.index
                                   else cents(problem.figures[key].value)
                                   for key in keys if problem.index.get(key) not in chosen]
                            for kind, keys in near.get(problem.keys[j], {}).items()}
        typo = recognise(int(values[j]), low, high, neighbour_values, centre=corrected[j])
        if typo is None or typo[1] in ("neighbour_row", "neighbour_column"):
            corrected[j] = _exact_value(problem, corrected, j, low, high)
        if typo is not None and typo[1] in ("neighbour_row", "neighbour_column"):
            bonus += NEIGHBOUR_BONUS
        elif typo is not None:
            bonus += TYPO_BONUS
            corrected[j] = typo[0]
        result[j] = (int(corrected[j]), typo[1] if typo else "none")
    if problem.failing(corrected).any():
        return None
    return result, bonus


def localize(identities: Sequence[Identity], figures: Mapping[str, Figure], backend: str = "highs") -> Localization:
    """The shifts and suspect figures explaining a disclosure's failing identities."""
    from . import shifts as shift_search
    started = time.perf_counter()
    problem = Problem(identities, figures)
    values = problem.values.copy()
    failing = problem.failing(values)
    outcome = Localization()
    if not failing.any():
        return outcome
    explained = np.zeros(len(problem.identities), dtype=bool)
    # shifts first: one finding explains many failures — each kept only where it is cheaper than
    # the suspects it replaces
    for _ in range(shift_search.MAX_SHIFTS):
        found = shift_search.best_shift(problem, values)
        if found is None or not _shift_pays(problem, values, found[1], backend):
            break
        shift, shifted_values = found
        fixed = failing & ~problem.failing(shifted_values) & ~explained
        shift.explained_checks = _check_list(problem, fixed)
        explained |= fixed
        outcome.shifts.append(shift)
        values = shifted_values
    remaining = problem.failing(values)
    if remaining.any():
        for part, part_values, to_explain in _components(problem, values, failing & ~explained):
            _localize_figures(part, part_values, to_explain, outcome, backend)
    covered = {check for cause in outcome.shifts + outcome.suspects for check in cause.explained_checks}
    ambiguous = {check for ambiguity in outcome.ambiguities for check in ambiguity.checks}
    outcome.unexplained = [check for check in _check_list(problem, failing) if check not in covered | ambiguous]
    outcome.solve_seconds = round(time.perf_counter() - started, 4)
    return outcome


def _components(problem: Problem, values: np.ndarray, to_explain: np.ndarray):
    """The failing identities in independent groups, each solved alone: two failing identities
    are in one group when they share a figure. A group's problem keeps every identity that holds
    (a correction must not break one) and its own failing ones, not the other groups' (those are
    other errors: solved together, the equally good choices of each multiply, and the list of
    alternatives the solver enumerates fills up before the best of every group is in it). A
    figure outside every failing identity never changes alone, so no group needs another's
    figures. Yields (problem, values, identities to explain) per group."""
    failing_rows = [i for i in np.flatnonzero(problem.failing(values))]
    parent = {i: i for i in failing_rows}

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_figure: dict[int, int] = {}
    for i in failing_rows:
        for j in np.flatnonzero(problem.matrix[i]):
            if j in by_figure:
                parent[root(i)] = root(by_figure[j])
            else:
                by_figure[j] = i
    groups: dict[int, list[int]] = {}
    for i in failing_rows:
        groups.setdefault(root(i), []).append(i)
    if len(groups) <= 1:
        yield problem, values, to_explain
        return
    holding = [i for i in range(len(problem.identities)) if i not in parent]
    by_key = dict(zip(problem.keys, values))
    for rows in sorted(groups.values()):
        kept = sorted(holding + rows)
        part = Problem([problem.identities[i] for i in kept], problem.figures)
        part_values = np.array([by_key[key] for key in part.keys], dtype=float)
        explain = np.array([kept_row in rows and bool(to_explain[kept_row]) for kept_row in kept])
        yield part, part_values, explain


def _shift_pays(problem: Problem, before: np.ndarray, after: np.ndarray, backend: str) -> bool:
    """Whether reading the figures as shifted (after) costs less than the suspects it replaces:
    a shift weighs SHIFT_WEIGHT figures. When the failures it fixes need at least 2 × SHIFT_WEIGHT
    figures (each figure fixes at most the failing identities it takes part in) it pays without
    solving; otherwise the suspects with and without it are compared."""
    failing_before, failing_after = problem.failing(before), problem.failing(after)
    fixed = failing_before & ~failing_after
    most_per_figure = (problem.matrix[fixed] != 0).sum(axis=0).max(initial=0)
    if most_per_figure and -(-int(fixed.sum()) // int(most_per_figure)) >= 2 * SHIFT_WEIGHT:
        return True
    without = _best_sets(problem, before, backend)[0]
    with_shift = SHIFT_WEIGHT + (_best_sets(problem, after, backend)[0] if failing_after.any() else 0.0)
    return with_shift < without


def _best_sets(problem: Problem, values: np.ndarray, backend: str) -> tuple[float, list]:
    """The best score (weight less typing-error bonuses; inf when no set makes the identities
    hold) and the equally best sets, each with its corrected values."""
    remaining = problem.failing(values)
    # the figures connected to a failing identity (through identities sharing figures) may change
    touched = (problem.matrix != 0)
    reach = touched[remaining].any(axis=0)
    while True:
        rows = touched[:, reach].any(axis=1)
        grown = touched[rows].any(axis=0)
        if (grown == reach).all():
            break
        reach = grown
    near = neighbours(problem.figures)
    scored = []
    for chosen, weight in minimum_sets(problem, values, reach, TYPO_BONUS, backend):
        fitted = _fit_set(problem, values, chosen, near, backend)
        if fitted is not None:
            scored.append((weight - fitted[1], chosen, fitted[0]))
    if not scored:
        return float("inf"), []
    best_score = min(score for score, _, _ in scored)
    return best_score, [(chosen, fitted) for score, chosen, fitted in scored if score <= best_score + 1e-9]


def _localize_figures(problem: Problem, values: np.ndarray, to_explain: np.ndarray, outcome: Localization,
                      backend: str) -> None:
    _, best = _best_sets(problem, values, backend)
    if not best:
        return
    agreed = frozenset.intersection(*[chosen for chosen, _ in best])
    # a figure all equally good sets change, to the same value, is a suspect; the others are ambiguous
    corrected = {}
    for j in agreed:
        suggestions = {fitted[j][0] for _, fitted in best}
        if len(suggestions) == 1:
            corrected[j] = best[0][1][j]
    failing_rows = np.flatnonzero(to_explain)
    claimed: set[int] = set()
    by_count = sorted(corrected, key=lambda j: (-int((problem.matrix[failing_rows, j] != 0).sum()), problem.keys[j]))
    for j in list(by_count):
        mine = [i for i in failing_rows if problem.matrix[i, j] != 0 and i not in claimed]
        if not mine:  # a correction that only compensates another's in an identity that holds: not a cause
            del corrected[j]
            continue
        claimed.update(mine)
        value, kind = corrected[j]
        outcome.suspects.append(Suspect(
            figure_key=problem.keys[j], printed_value=problem.figures[problem.keys[j]].value,
            suggested_value=from_cents(value), misprint_kind=kind,
            explained_checks=[problem.identities[i].check for i in mine]))
    doubtful = sorted({problem.keys[j] for chosen, _ in best for j in chosen if j not in corrected})
    if doubtful:
        columns = [problem.index[key] for key in doubtful]
        checks = [problem.identities[i].check for i in failing_rows
                  if i not in claimed and (problem.matrix[i, columns] != 0).any()]
        if checks:
            outcome.ambiguities.append(Ambiguity(candidates=doubtful, checks=checks))


# --- cache and parallel runs -------------------------------------------------------------------------------

def disclosure_hash(identities: Sequence[Identity], figures: Mapping[str, Figure]) -> str:
    used = sorted({key for identity in identities for key, _ in identity.terms})
    payload = {
        "version": LOCALIZE_VERSION,
        "identities": sorted([list(i.check), sorted([list(t) for t in i.terms]), str(i.tolerance)] for i in identities),
        "figures": [[key, str(figures[key].value), figures[key].table_code, figures[key].row_key, figures[key].measure,
                     figures[key].printed_row_no, figures[key].source] for key in used if key in figures],
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def cache_file(digest: str, landing: Path | None = None) -> Path:
    from .landing import landing_root
    return (landing or landing_root()) / "cache" / CACHE_FOLDER / digest[:2] / f"{digest}.json"


def _solve_to_json(item: tuple[Sequence[Identity], Mapping[str, Figure]]) -> dict:
    """One disclosure's localization; a disclosure the solver fails on gets no cause (its checks
    stay as they are) rather than failing the build."""
    identities, figures = item
    try:
        return localize(identities, figures).to_json()
    except Exception as error:  # a document's problem never fails the build
        outcome = Localization()
        outcome.unexplained = [i.check for i in identities]
        data = outcome.to_json()
        data["error"] = f"{type(error).__name__}: {error}"
        return data


def localize_many(disclosures: Mapping[object, tuple[Sequence[Identity], Mapping[str, Figure]]],
                  landing: Path | None = None, workers: int | None = None) -> dict[object, Localization]:
    """Localize several disclosures: each cached by the hash of its identities and figures (an
    unchanged disclosure is not solved again), the others solved in parallel processes."""
    results: dict[object, Localization] = {}
    todo: dict[object, str] = {}
    for key, (identities, figures) in disclosures.items():
        digest = disclosure_hash(identities, figures)
        path = cache_file(digest, landing)
        if path.exists():
            try:
                results[key] = Localization.from_json(json.loads(path.read_text(encoding="utf-8")))
                continue
            except (ValueError, KeyError):
                pass
        todo[key] = digest
    keys = list(todo)
    items = [disclosures[key] for key in keys]
    workers = workers if workers is not None else min(len(items), os.cpu_count() or 1)
    if workers > 1 and len(items) > 1:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            solved = list(pool.map(_solve_to_json, items, chunksize=max(1, len(items) // (4 * workers))))
    else:
        solved = [_solve_to_json(item) for item in items]
    for key, data in zip(keys, solved, strict=True):
        results[key] = Localization.from_json(data)
        path = cache_file(todo[key], landing)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(handle.name, path)
    return results


def from_terms(rows: Iterable[Mapping], tolerances: Mapping[Check, Decimal]) -> tuple[list[Identity], dict[str, Figure]]:
    """Identities and figures of one disclosure from rows of int_check_terms (rule_id, subject_key,
    figure_key, figure_source, table_code, row_key, measure, printed_row_no, coefficient, amount)
    and each check's tolerance."""
    figures: dict[str, Figure] = {}
    terms: dict[Check, list[tuple[str, int]]] = {}
    for row in rows:
        key = row["figure_key"]
        if key not in figures:
            printed_row = row.get("printed_row_no")
            figures[key] = Figure(
                key=key, value=Decimal(str(row["amount"])) if row.get("amount") is not None else Decimal("0"),
                table_code=row.get("table_code"), row_key=row.get("row_key"), measure=row.get("measure"),
                printed_row_no=None if printed_row is None or printed_row != printed_row else int(printed_row),
                source=row.get("figure_source") or "table")
        terms.setdefault((row["rule_id"], row["subject_key"]), []).append((key, int(row["coefficient"])))
    identities = [Identity(check, tuple(sorted(items)), Decimal(str(tolerances[check])))
                  for check, items in sorted(terms.items()) if check in tolerances]
    return identities, figures
