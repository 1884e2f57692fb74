"""The nine tables of a generated disclosure, landed as the extractor lands a real one: the
coded tables (公开02/03/05) from the disclosure's 类/款/项, the two summary tables (公开01/04)
and the economic grid (公开06) on Nanyang's printed lines, the two fund tables (公开07/08: the
政府性基金 项 of a unit that has them, else empty with their note), the 三公 table (公开09), and
each table's presence."""
from __future__ import annotations

import random

from .. import vocabulary
from ..sources import printed_place
from .disclosure import Disclosure
from .figures import total
from .reference import THREE_PUBLIC_KEYS, Reference

EMPTY_TABLES = ("gk07_government_fund", "gk08_state_capital_expenditure")


class Placement:
    """Where each table is printed: its standard title (``seeds/ref_table_types.csv``) and its
    page, the tables one page each from page 3 in the seed's order."""

    def __init__(self, d: Disclosure):
        self.key = d.key
        self.table_types = vocabulary.rows("ref_table_types")
        self.titles = {row["landing_code"]: (row["standard_title"], row["unit_number"]) for row in self.table_types}
        pages = iter(range(3, 40))
        self.page = {code: next(pages) for code in self.titles}

    def __call__(self, code: str) -> dict:
        return {**self.key, "table_title_as_printed": self.titles[code][0], "source_page": str(self.page[code]),
                "source_line": ""}


def land_tables(rng: random.Random, d: Disclosure, ref: Reference) -> None:
    placed = Placement(d)
    numbered = d.layout == "单位决算"
    # a 单位决算 prints the 合计 line first; a 部门决算 first or last
    total_first = numbered or rng.random() < 0.5
    d.files.update(_coded_tables(d, ref, placed, total_first))
    d.files["gk01_income_expenditure_summary"] = _summary(d, ref, placed)
    d.files["gk04_fiscal_appropriation_summary"] = _fiscal_summary(d, ref, placed)
    d.files["gk06_basic_expenditure_by_economic"] = _economic_grid(d, ref, placed)
    d.files.update(_empty_fund_tables(d, placed))
    if d.figures.fund:
        d.files["gk07_government_fund"] = _government_fund(d, ref, placed, total_first)
    d.files["gk09_three_public_expenditure"] = _three_public(d, placed)
    filled = {"gk07_government_fund"} if d.figures.fund else set()
    d.files["table_presence"] = _presence(d, ref, placed, numbered, filled)
    d.files["table_notes"] = [{**d.key, "table_code": code, "table_title": placed.titles[code][0], "note_kind": "说明",
                               "note_text": ref.empty_notes[code], "printed_at": printed_place(page=placed.page[code])}
                              for code in EMPTY_TABLES if code not in filled]


def _hierarchy(items: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """(code, its 项) for every 类, 款 and 项 of the given 项, in code order."""
    hierarchy: list[tuple[str, list[str]]] = []
    for class_code in sorted({code[:3] for code in items}):
        class_items = [c for c in items if c[:3] == class_code]
        hierarchy.append((class_code, class_items))
        for kuan in sorted({c[:5] for c in class_items}):
            hierarchy.append((kuan, [c for c in class_items if c[:5] == kuan]))
            hierarchy.extend((c, [c]) for c in class_items if c[:5] == kuan)
    hierarchy.sort(key=lambda pair: pair[0])
    return hierarchy


def _coded_tables(d: Disclosure, ref: Reference, placed: Placement, total_first: bool) -> dict[str, list[dict]]:
    """公开02 (income), 公开03 (expenditure) and 公开05 (fiscal expenditure) by function code."""
    fig, p = d.figures, d.printed

    def coded_rows(table: str, columns: dict, total_column: str, items: tuple[str, ...] = fig.all_items) -> list[dict]:
        rows = []
        for code, members in [(None, items)] + _hierarchy(items):
            values = {name: total(source.get(c, 0) for c in members) for name, source in columns.items()}
            row = {"function_code": code or "", "item_name": ref.function_names[code] if code else "合计",
                   total_column: p(total(values.values()), commas=True)}
            row.update({name: p(value, commas=True) for name, value in values.items()})
            rows.append(row)
        if not total_first:
            rows = rows[1:] + rows[:1]
        return [{**placed(table), "row_no": str(n), **row} for n, row in enumerate(rows, 1)]

    zero_columns = {c: {} for c in ("superior_subsidy_income", "business_income", "operating_income",
                                    "subsidiary_remittance_income", "other_income")}
    return {
        "gk02_income_by_function": coded_rows(
            "gk02_income_by_function", {**zero_columns, **fig.income_columns}, "total_income"),
        "gk03_expenditure_by_function": coded_rows("gk03_expenditure_by_function", {
            "basic_expenditure": {c: fig.basic[c] + fig.nonfiscal_basic[c] for c in fig.items},
            "project_expenditure": {c: fig.project.get(c, 0) + fig.nonfiscal_project.get(c, 0) + fig.fund.get(c, 0)
                                    for c in fig.all_items},
            "remittance_to_superior": {}, "operating_expenditure": {}, "subsidy_to_subsidiaries": {}},
            "total_expenditure"),
        "gk05_general_budget_expenditure": coded_rows("gk05_general_budget_expenditure", {
            "basic_expenditure": fig.basic, "project_expenditure": fig.project}, "subtotal", fig.items),
    }


def _class_total(source: dict[str, int], class_code: str) -> int:
    return total(v for c, v in source.items() if c[:3] == class_code)


def _summary(d: Disclosure, ref: Reference, placed: Placement) -> list[dict]:
    """公开01: Nanyang's printed lines, this disclosure's figures."""
    fig, p = d.figures, d.printed
    income_total = fig.income_total
    income_by_label = {"一般公共预算财政拨款收入": total(fig.fiscal_income.values()),
                       "政府性基金预算财政拨款收入": fig.fund_total,
                       "上级补助收入": income_total["superior_subsidy_income"],
                       "事业收入": income_total["business_income"], "经营收入": income_total["operating_income"],
                       "其他收入": income_total["other_income"], "本年收入合计": fig.income_sum,
                       "年初结转和结余": fig.carry_in, "总计": fig.grand_total}
    outgo_by_label = {"本年支出合计": fig.expenditure_sum, "年末结转与结余": fig.carry_out, "总计": fig.grand_total}
    rows = []
    for line in ref.summary_lines:
        label = line["income_item"].split("、")[-1]
        outgo = outgo_by_label.get(line["expenditure_item"].split("、")[-1])
        class_code = ref.class_lines.get(line["expenditure_item"])
        if class_code:
            outgo = _class_total(fig.expenditure_all, class_code)
        rows.append({**placed("gk01_income_expenditure_summary"), "row_no": line["row_no"],
                     "income_item": line["income_item"], "income_line_no": "",
                     "income_amount": p(income_by_label.get(label, 0), True) if line["income_item"] else "",
                     "expenditure_item": line["expenditure_item"], "expenditure_line_no": "",
                     "expenditure_amount": p(outgo or 0, True) if line["expenditure_item"] else ""})
    return rows


def _fiscal_summary(d: Disclosure, ref: Reference, placed: Placement) -> list[dict]:
    """公开04: Nanyang's printed lines; fiscal spending is 一般公共预算 and, where the unit has it,
    政府性基金 (appropriated in the year, no carry-over)."""
    fig, p = d.figures, d.printed
    general_total, fund_total = fig.fiscal_expenditure, fig.fund_total
    fiscal_total = fig.fiscal_all_expenditure
    appropriation = total(fig.fiscal_income.values())
    rows = []
    for line in ref.fiscal_lines:
        label = line["income_item"].split("、")[-1]
        outgo_label = line["expenditure_item"]
        opening = line["income_item"].startswith(("一、", "二、", "三、"))
        income = {"一般公共预算财政拨款": appropriation if opening else fig.fiscal_carry_in,
                  "政府性基金预算财政拨款": fund_total if opening else 0,
                  "本年收入合计": appropriation + fund_total, "年初财政拨款结转和结余": fig.fiscal_carry_in,
                  "总计": fiscal_total}.get(label, 0)
        class_code = ref.class_lines.get(outgo_label)
        general = {"本年支出合计": general_total, "总计": general_total}.get(outgo_label, 0)
        fund = {"本年支出合计": fund_total, "总计": fund_total}.get(outgo_label, 0)
        if class_code:
            general, fund = _class_total(fig.fiscal, class_code), _class_total(fig.fund, class_code)
        outgo = general + fund
        blank = not outgo_label
        rows.append({**placed("gk04_fiscal_appropriation_summary"), "row_no": line["row_no"],
                     "income_item": line["income_item"], "income_line_no": "",
                     "income_amount": p(income, True) if line["income_item"] else "",
                     "expenditure_item": outgo_label, "expenditure_line_no": "",
                     "expenditure_total": "" if blank else p(outgo, True),
                     "expenditure_general_budget": "" if blank else p(general, True),
                     "expenditure_government_fund": "" if blank else p(fund, True),
                     "expenditure_state_capital": "" if blank else p(0)})
    return rows


def _economic_grid(d: Disclosure, ref: Reference, placed: Placement) -> list[dict]:
    """公开06: Nanyang's grid of economic 类/款 in three column groups."""
    fig, p = d.figures, d.printed
    subtotals = {"人员经费合计": fig.personnel, "公用经费合计": fig.public}
    rows = []
    for line in ref.economic_grid:
        row = {**placed("gk06_basic_expenditure_by_economic"), "row_no": line["row_no"]}
        for n in (1, 2, 3):
            code, name = line[f"economic_code_{n}"], line[f"item_name_{n}"]
            amount = fig.economic_value(code) if code else subtotals.get(name)
            row.update({f"economic_code_{n}": code, f"item_name_{n}": name,
                        f"amount_{n}": "" if amount is None else p(amount, True)})
        rows.append(row)
    return rows


def _empty_fund_tables(d: Disclosure, placed: Placement) -> dict[str, list[dict]]:
    """公开07 and 公开08: a 合计 line of zeros (their note says 本表无数据)."""
    zero = d.printed(0)
    return {
        "gk07_government_fund": [{**placed("gk07_government_fund"), "row_no": "1", "function_code": "",
                                  "item_name": "合计", **{c: zero for c in (
                                      "opening_balance", "current_year_income", "expenditure_subtotal",
                                      "basic_expenditure", "project_expenditure", "closing_balance")}}],
        "gk08_state_capital_expenditure": [{**placed("gk08_state_capital_expenditure"), "row_no": "1",
                                            "function_code": "", "item_name": "合计", **{c: zero for c in (
                                                "subtotal", "basic_expenditure", "project_expenditure")},
                                            "opening_balance": "", "current_year_income": "",
                                            "closing_balance": ""}],
    }


def _government_fund(d: Disclosure, ref: Reference, placed: Placement, total_first: bool) -> list[dict]:
    """公开07 of a unit with 政府性基金 spending: its 项 with their 款, 类 and 合计; this year's
    appropriation spent in full (no carry-over), all of it project spending."""
    fig, p = d.figures, d.printed
    rows = []
    for code, members in [(None, fig.fund_items)] + _hierarchy(fig.fund_items):
        amount = total(fig.fund[c] for c in members)
        rows.append({"function_code": code or "", "item_name": ref.function_names[code] if code else "合计",
                     "opening_balance": p(0), "current_year_income": p(amount, True),
                     "expenditure_subtotal": p(amount, True), "basic_expenditure": p(0),
                     "project_expenditure": p(amount, True), "closing_balance": p(0)})
    if not total_first:
        rows = rows[1:] + rows[:1]
    return [{**placed("gk07_government_fund"), "row_no": str(n), **row} for n, row in enumerate(rows, 1)]


def _three_public(d: Disclosure, placed: Placement) -> list[dict]:
    """公开09: the 三公 budget and final amounts."""
    fig, p = d.figures, d.printed
    row = {**placed("gk09_three_public_expenditure"), "row_no": "1"}
    for side, values in (("budget", fig.three_public_budget), ("final", fig.three_public_final)):
        row[f"{side}_total"] = p(total(values.values()))
        row[f"{side}_vehicle_subtotal"] = p(values["vehicle_purchase"] + values["vehicle_operation"])
        for name in THREE_PUBLIC_KEYS:
            row[f"{side}_{name}"] = p(values[name])
    return [row]


def _presence(d: Disclosure, ref: Reference, placed: Placement, numbered: bool, filled: set[str]) -> list[dict]:
    """Every table present, under its standard title (and number, in a 单位决算)."""
    type_of = {row["landing_code"]: row["table_type"] for row in placed.table_types}
    return [{**d.key, "table_code": code, "table_type": type_of[code], "standard_title": title,
             "title_as_printed": title, "number_as_printed": unit_number if numbered else "",
             "printed_at": printed_place(page=placed.page[code]), "presence": "present", "rows_landed": str(len(d.files[code])),
             "figures_landed": "",
             "empty_note": ref.empty_notes[code] if code in EMPTY_TABLES and code not in filled else ""}
            for code, (title, unit_number) in placed.titles.items()]
