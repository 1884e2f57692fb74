"""A disclosure's figures as an accounting system holds them, in fen (0.01 元): leaf figures
are drawn at random, every total is computed from its parts in fen and only then rounded to
0.01 万元 as the system prints it (``wan``), so rounding differences (尾差) occur naturally."""
from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from .reference import (
    FUNC_ECON,
    INCOME_SOURCES,
    PERSONNEL_LEAVES,
    PUBLIC_LEAVES,
    THREE_PUBLIC_ECON,
    THREE_PUBLIC_KEYS,
    Reference,
)

WAN = Decimal(1_000_000)  # fen per 万元
FUND_SHARE = 0.3  # the share of units with 政府性基金 spending
CENT = Decimal("0.01")


def wan(fen: int) -> Decimal:
    """A figure in fen as the accounting system prints it: 万元, rounded half up to 0.01."""
    return (Decimal(fen) / WAN).quantize(CENT, rounding=ROUND_HALF_UP)


def percent(numerator: int, denominator: int) -> Decimal:
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


def total(values) -> int:
    return sum(values, 0)


@dataclass(frozen=True)
class Figures:
    """One disclosure's figures in fen. Drawn: the 项 and their fiscal and non-fiscal spending,
    the income by source, the carry-overs, the 三公 budget and final amounts and the basic
    expenditure by economic 款. Derived (no draw): every total the tables and narrative print."""
    items: tuple[str, ...]  # 项 codes with spending, sorted
    classes: tuple[str, ...]  # their 类 codes, sorted
    basic: Mapping[str, int]  # fiscal basic expenditure by 项
    project: Mapping[str, int]  # fiscal project expenditure by 项
    fiscal_income: Mapping[str, int]  # this year's fiscal appropriation by 项
    fiscal_carry_in: int
    other_income: Mapping[str, Mapping[str, int]]  # INCOME_SOURCES -> 项 -> amount
    nonfiscal_basic: Mapping[str, int]
    nonfiscal_project: Mapping[str, int]
    nonfiscal_carry_in: int
    carry_out: int
    three_public_budget: Mapping[str, int]  # THREE_PUBLIC_KEYS -> amount
    three_public_final: Mapping[str, int]
    economic: Mapping[str, int]  # basic expenditure by economic 款
    # 政府性基金预算 spending by 项 (project spending, appropriated in the year: no carry-over); empty
    # for most units. Its 项 are printed in 公开07 and in the tables of all funds (公开01–04), not in 公开05
    fund: Mapping[str, int] = field(default_factory=dict)

    @cached_property
    def fiscal(self) -> dict[str, int]:
        """一般公共预算 fiscal spending (basic + project) by 项."""
        return {c: self.basic[c] + self.project[c] for c in self.items}

    @property
    def fiscal_expenditure(self) -> int:
        """一般公共预算 fiscal spending."""
        return total(self.basic[c] + self.project[c] for c in self.items)

    @property
    def fund_items(self) -> tuple[str, ...]:
        return tuple(sorted(self.fund))

    @property
    def fund_total(self) -> int:
        return total(self.fund.values())

    @property
    def fiscal_all_expenditure(self) -> int:
        """All fiscal spending: 一般公共预算 and 政府性基金."""
        return self.fiscal_expenditure + self.fund_total

    @cached_property
    def all_items(self) -> tuple[str, ...]:
        """Every 项 with spending of any fund (the tables of all funds print them)."""
        return tuple(sorted(set(self.items) | set(self.fund)))

    @cached_property
    def all_classes(self) -> tuple[str, ...]:
        return tuple(sorted({code[:3] for code in self.all_items}))

    @cached_property
    def income_columns(self) -> dict[str, Mapping[str, int]]:
        """Income by source (fiscal appropriation first, 一般公共预算 and 政府性基金) and 项."""
        appropriation = dict(self.fiscal_income)
        for code, amount in self.fund.items():
            appropriation[code] = appropriation.get(code, 0) + amount
        return {"fiscal_appropriation_income": appropriation, **self.other_income}

    @cached_property
    def income_total(self) -> dict[str, int]:
        return {name: total(values.values()) for name, values in self.income_columns.items()}

    @property
    def income_sum(self) -> int:
        return total(self.income_total.values())

    @cached_property
    def expenditure_all(self) -> dict[str, int]:
        """All spending (fiscal of both funds and non-fiscal) by 项."""
        return {c: self.basic.get(c, 0) + self.project.get(c, 0) + self.nonfiscal_basic.get(c, 0)
                + self.nonfiscal_project.get(c, 0) + self.fund.get(c, 0) for c in self.all_items}

    @property
    def expenditure_sum(self) -> int:
        return total(self.expenditure_all.values())

    @property
    def carry_in(self) -> int:
        return self.fiscal_carry_in + self.nonfiscal_carry_in

    @property
    def grand_total(self) -> int:
        return self.income_sum + self.carry_in

    @property
    def basic_all(self) -> int:
        return total(self.basic.values()) + total(self.nonfiscal_basic.values())

    @property
    def project_all(self) -> int:
        return total(self.project.values()) + total(self.nonfiscal_project.values()) + self.fund_total

    def economic_value(self, code: str) -> int:
        """An economic 类 (3 digits: the sum of its 款) or 款."""
        if len(code) == 3:
            return total(v for c, v in self.economic.items() if c[:3] == code)
        return self.economic.get(code, 0)

    @property
    def personnel(self) -> int:
        return self.economic_value("301") + self.economic_value("303")

    @property
    def public(self) -> int:
        return (self.economic_value("302") + self.economic_value("307") + self.economic_value("310")
                + self.economic_value("399"))


def draw(rng: random.Random, ref: Reference, with_fund: bool = False) -> Figures:
    """Draw one disclosure's figures (the draws in a fixed order: the same seed, the same figures).
    ``with_fund``: the unit has 政府性基金 spending whatever the draw (a plant needs it)."""
    classes = sorted(rng.sample(sorted(ref.items_by_class), k=min(len(ref.items_by_class), rng.randint(2, 5))))
    items: list[str] = []
    for class_code in classes:
        kuans = sorted(ref.items_by_class[class_code])
        for kuan in sorted(rng.sample(kuans, k=rng.randint(1, min(3, len(kuans))))):
            xiangs = ref.items_by_class[class_code][kuan]
            items.extend(sorted(rng.sample(xiangs, k=rng.randint(1, min(3, len(xiangs))))))
    mapped = {code for code in items if code in FUNC_ECON or code[:5] in FUNC_ECON}
    # one 项 carries the unit's running cost, so basic expenditure is never only social insurance
    running = next((code for code in items if code not in mapped), None)
    if running is None:
        extra_class = next(code for code in sorted(ref.items_by_class) if code not in ("208", "210", "221"))
        kuan = min(ref.items_by_class[extra_class])
        running = ref.items_by_class[extra_class][kuan][0]
        items = sorted(set(items) | {running})
    basic, project = {}, {}
    for code in items:
        scale = rng.choice([1, 10, 100])
        basic[code] = rng.randint(2_000, 9_000_000) * scale if rng.random() < 0.75 or code in mapped else 0
        project[code] = rng.randint(5_000, 20_000_000) * scale if rng.random() < 0.5 and code not in mapped else 0
        if basic[code] + project[code] == 0:
            project[code] = rng.randint(50_000, 5_000_000)
    basic[running] += rng.randint(50_000_000, 800_000_000)
    # income: this year's fiscal appropriation, part of the fiscal spending from last year's carry-over
    largest = max(items, key=lambda c: basic[c] + project[c])
    fiscal_carry_in = rng.randint(0, (basic[largest] + project[largest]) // 20) if rng.random() < 0.5 else 0
    fiscal_income = {c: basic[c] + project[c] for c in items}
    fiscal_income[largest] -= fiscal_carry_in
    other_income: dict[str, dict[str, int]] = {source: {} for source in INCOME_SOURCES}
    nonfiscal_basic, nonfiscal_project = {c: 0 for c in items}, {c: 0 for c in items}
    for code in items:
        if rng.random() < 0.3:
            source = rng.choice(sorted(INCOME_SOURCES))
            amount = rng.randint(10_000, 3_000_000)
            other_income[source][code] = amount
            spent = amount * rng.randint(50, 100) // 100
            if project[code] and rng.random() < 0.5:
                nonfiscal_project[code] += spent
            else:
                nonfiscal_basic[code] += spent
    nonfiscal_carry_in = rng.randint(0, 5_000_000) if rng.random() < 0.4 else 0
    other_total = total(total(v.values()) for v in other_income.values())
    nonfiscal_spent = total(nonfiscal_basic.values()) + total(nonfiscal_project.values())
    three_public_budget, three_public_final = {}, {}
    for key, chance in zip(THREE_PUBLIC_KEYS, (0.2, 0.15, 0.6, 0.7)):
        if rng.random() < chance:
            budget = rng.randint(1_000, 300_000) * 100
            three_public_budget[key] = budget
            three_public_final[key] = budget if rng.random() < 0.2 else budget * rng.randint(30, 100) // 100
        else:
            three_public_budget[key] = three_public_final[key] = 0
    if not any(three_public_final.values()):
        three_public_budget["official_reception"] = rng.randint(1_000, 50_000) * 100
        three_public_final["official_reception"] = three_public_budget["official_reception"] * 9 // 10
    # a unit with 政府性基金 spending: one or two of the classification's fund 项 (drawn last, so
    # the draws before are those of a unit without)
    fund: dict[str, int] = {}
    if ref.fund_items and (rng.random() < FUND_SHARE or with_fund):
        for code in sorted(rng.sample(ref.fund_items, k=min(len(ref.fund_items), rng.randint(1, 2)))):
            fund[code] = rng.randint(100_000, 30_000_000) * rng.choice([1, 10])
    return Figures(
        fund=fund,
        items=tuple(items), classes=tuple(sorted({code[:3] for code in items})), basic=basic, project=project,
        fiscal_income=fiscal_income, fiscal_carry_in=fiscal_carry_in, other_income=other_income,
        nonfiscal_basic=nonfiscal_basic, nonfiscal_project=nonfiscal_project, nonfiscal_carry_in=nonfiscal_carry_in,
        carry_out=nonfiscal_carry_in + other_total - nonfiscal_spent,
        three_public_budget=three_public_budget, three_public_final=three_public_final,
        economic=_economic(rng, basic, three_public_final))


def _economic(rng: random.Random, basic: Mapping[str, int], three_public_final: Mapping[str, int]) -> dict[str, int]:
    """The basic expenditure by economic 款, summing in fen to the functional basic expenditure."""
    amounts: dict[str, int] = {}
    for function, econ in FUNC_ECON.items():
        value = total(v for c, v in basic.items() if c == function or c[:5] == function)
        if len(econ) == 1:
            amounts[econ[0]] = value
        else:
            first = value * rng.randint(80, 100) // 100
            amounts[econ[0]], amounts[econ[1]] = first, value - first
    for econ, key in THREE_PUBLIC_ECON.items():
        amounts[econ] = three_public_final[key] * rng.randint(0, 100) // 100
    remaining = total(basic.values()) - total(amounts.values())
    assert remaining > 0, "the running-cost 项 keeps the rest of basic expenditure positive"
    leaves = rng.sample(PERSONNEL_LEAVES, k=4) + rng.sample(PUBLIC_LEAVES, k=6)
    weights = [rng.randint(5, 40) if code.startswith(("301", "303")) else rng.randint(1, 6) for code in leaves]
    for code, weight in zip(leaves, weights):
        amounts[code] = remaining * weight // total(weights)
    amounts[leaves[0]] += remaining - total(amounts[code] for code in leaves)
    return amounts
