"""A labelled corpus of generated disclosures, in the landing format dbt reads.

Each generated disclosure is derived from the project's real disclosures: its codes and names
come from the reference classifications (which hold the codes the real documents print), the
printed grid of its 一般公共预算财政拨款基本支出决算表 and the line labels of its two summary
tables from the hand-transcribed Nanyang disclosure (``seeds/``), its narrative from the phrasing
those documents use. Its figures are generated as an accounting system holds them, in fen
(0.01 元): leaf figures are varied, every total is computed from its parts in fen and only then
rounded to 0.01 万元 as the system prints it, so rounding differences (尾差) occur naturally
and must not be reported as 不符. The narrative restates the printed figures.

A chosen share of disclosures gets planted errors (``PLANTS``), one family each: 表内, 表间,
表文, 绩效, 科目, 结构, wording, year, name. Every plant writes its ground truth: which
disclosure, which rule must fire, on which subject (``subject_key`` as the rule reports it), and
the further failures the same wrong figure necessarily causes (``consequence``). Nothing else
may fail: a generated disclosure without plants is consistent under every rule.

Deterministic: the same seed and size give byte-identical files.
"""
from __future__ import annotations

import csv
import hashlib
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from pathlib import Path

from . import vocabulary
from .landing import MANIFEST_COLUMNS, SCHEMAS, write_csv, write_schemas
from .sources import printed_place

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

CITIES = ["南阳市", "洛阳市", "开封市", "信阳市", "上海市", "杭州市", "成都市", "西安市", "长沙市", "昆明市"]
DISTRICTS = ["东城区", "西城区", "南湖区", "北塘区", "普陀区", "高新区", "新城区", "滨江区"]
DEPARTMENTS = ["财政局", "规划和自然资源局", "政务大数据中心", "教育局", "卫生健康委员会", "民政局",
               "文化和旅游局", "生态环境局", "交通运输局", "档案馆", "住房保障中心", "机关事务管理局"]
ORDINALS = "一二三四五六七八九十"
TRUTH_COLUMNS = ["fiscal_year", "unit_name", "plant", "rule_id", "subject_key", "role", "detail"]
CLASS_LINES_FROM = "gk01_income_expenditure_summary"

WAN = Decimal(1_000_000)  # fen per 万元
CENT = Decimal("0.01")


def wan(fen: int) -> Decimal:
    """A figure in fen as the accounting system prints it: 万元, rounded half up to 0.01."""
    return (Decimal(fen) / WAN).quantize(CENT, rounding=ROUND_HALF_UP)


def percent(numerator: int, denominator: int) -> Decimal:
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


# ----------------------------------------------------------------- phrasings, from the catalog
# Each statement's words are drawn at random (seeded) from the vocabularies the grammar and the
# rules read (seeds/vocab_*.csv), so generated narratives vary as real ones do.
def comparison_words(sense: str) -> list[str]:
    """The words of a comparison of 决算 with 预算 in one sense (greater / less / equal), exact ones."""
    return [row["word"] for row in vocabulary.rows("vocab_comparison_words")
            if row["sense"] == sense and row["band"] == "exact"]


def comparison_sense(word: str) -> str | None:
    return next((row["sense"] for row in vocabulary.rows("vocab_comparison_words") if row["word"] == word), None)


def change_words(direction: str, of: str) -> list[str]:
    """The words of a change on last year in one direction, before an amount or a rate."""
    return [row["word"] for row in vocabulary.rows("vocab_change_words")
            if row["direction"] == direction and row[f"names_{of}"] == "true"]


def phrasings(kind: str) -> list[str]:
    return [row["template"] for row in vocabulary.rows("vocab_statement_phrasings") if row["statement_kind"] == kind]


CHINESE_NUMERALS = "一二三四五六七八九十"


def ordinal_of(style: dict, n: int) -> str:
    if style["numeral"] == "arabic":
        numeral = str(n)
    else:
        numeral = CHINESE_NUMERALS[n - 1] if n <= 10 else "十" + CHINESE_NUMERALS[n - 11] if n < 20 else str(n)
    return style["prefix"] + numeral + style["suffix"]


def compared_phrase(word: str, basis_label: str, reason: str) -> str:
    """The comparison sentence of a per-项 paragraph in a phrasing of the catalog."""
    if comparison_sense(word) == "equal":
        return f"决算数与{basis_label}数{word}。"
    return f"决算数{word}{basis_label}数的主要原因：{reason}"


def read_seed(name: str) -> list[dict]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass
class Reference:
    """What the generator derives from the project's real disclosures and reference seeds."""
    function_names: dict[str, str]
    items_by_class: dict[str, dict[str, list[str]]]  # 类 -> 款 -> 项 codes
    economic_grid: list[dict]  # Nanyang's 公开06 rows (codes and names), amounts dropped
    economic_names: dict[str, str]
    summary_lines: list[dict]  # Nanyang's 公开01 labels
    fiscal_lines: list[dict]  # Nanyang's 公开04 labels
    class_ordinals: dict[str, str]  # class code -> "十九、住房保障支出"
    empty_notes: dict[str, str]  # gk07/gk08 -> the "本表无数据" note

    @cached_property
    def class_lines(self) -> dict[str, str]:
        """A summary table's 类 line as printed ("十九、住房保障支出") -> its class code."""
        return {label: code for code, label in self.class_ordinals.items()}

    @classmethod
    def load(cls) -> Reference:
        functions = read_seed("ref_functional_classification")
        names = {row["function_code"]: row["official_name"] for row in functions}
        tree: dict[str, dict[str, list[str]]] = {}
        for code in sorted(names):
            if len(code) == 7 and code[:3] in names and code[:5] in names:
                tree.setdefault(code[:3], {}).setdefault(code[:5], []).append(code)
        grid = read_seed("gk06_basic_expenditure_by_economic")
        economic = {row["economic_code"]: row["official_name"] for row in read_seed("ref_economic_classification")}
        ordinals = {row["function_code"]: f"{row['ordinal_label']}、{row['class_name']}"
                    for row in read_seed("ref_class_ordinal_map") if row["function_code"]}
        notes = {}
        for row in read_seed("table_notes"):
            if "本表无数据" in row["note_text"]:
                notes["gk07_government_fund" if row["table_code"] == "公开07" else "gk08_state_capital_expenditure"] = \
                    row["note_kind"] + "：" + row["note_text"]
        return cls(names, tree, grid, economic, read_seed("gk01_income_expenditure_summary"),
                   read_seed("gk04_fiscal_appropriation_summary"), ordinals, notes)


# functional 项 and economic 款 that measure the same cost (rule X-FUNC-ECON)
FUNC_ECON = {"2080505": ["30108"], "2080506": ["30109"], "21011": ["30110", "30111"], "2210201": ["30113"]}
# economic 款 inside "三公" (rule X-09-06-THREE-PUBLIC): at most the 三公 决算数 of their category
THREE_PUBLIC_ECON = {"30212": "overseas_travel", "30217": "official_reception", "30231": "vehicle_operation",
                     "31013": "vehicle_purchase"}
PERSONNEL_LEAVES = ["30101", "30102", "30103", "30107", "30112", "30199", "30302"]
PUBLIC_LEAVES = ["30201", "30205", "30206", "30207", "30209", "30211", "30213", "30216", "30226", "30227", "30228",
                 "30229", "30299", "31002", "31007"]
THREE_PUBLIC_KEYS = ["overseas_travel", "vehicle_purchase", "vehicle_operation", "official_reception"]
THREE_PUBLIC_NAMES = {"total": "“三公”经费", "overseas_travel": "因公出国（境）费",
                      "vehicle_subtotal": "公务用车购置及运行维护费", "vehicle_purchase": "公务用车购置费",
                      "vehicle_operation": "公务用车运行维护费", "official_reception": "公务接待费"}
INCOME_SOURCES = {"superior_subsidy_income": "上级补助收入", "business_income": "事业收入",
                  "operating_income": "经营收入", "other_income": "其他收入"}
REASONS_MORE = ["年中追加人员经费及项目经费。", "新增工作任务，追加相应经费。", "人员增加，相应支出增加。"]
REASONS_LESS = ["厉行节约，压减一般性支出。", "项目按进度支付，部分资金未支出。", "人员减少，相应支出减少。"]


@dataclass
class Disclosure:
    """One generated disclosure: its figures in fen and its printed files."""
    index: int
    fiscal_year: int
    unit_name: str
    layout: str  # 单位决算 (prints 0.00) or 部门决算 (prints nothing for nil)
    sha256: str
    items: list[str] = field(default_factory=list)
    basic: dict[str, int] = field(default_factory=dict)
    project: dict[str, int] = field(default_factory=dict)
    files: dict[str, list[dict]] = field(default_factory=dict)
    truth: list[dict] = field(default_factory=list)
    plants: list[str] = field(default_factory=list)
    classes_present: list[str] = field(default_factory=list)  # 类 codes with spending, for the plants
    class_lines: dict[str, str] = field(default_factory=dict)  # summary-table 类 line -> class code

    @property
    def key(self) -> dict:
        return {"document_sha256": self.sha256, "fiscal_year": str(self.fiscal_year), "unit_name": self.unit_name}

    def printed(self, fen: int, commas: bool = False) -> str:
        """How the layout prints a figure: 部门决算 prints nothing for nil."""
        if fen == 0 and self.layout == "部门决算":
            return ""
        value = wan(fen)
        return f"{value:,.2f}" if commas else f"{value:.2f}"

    def expect(self, plant: str, rule_id: str, subject_key: str, role: str = "planted", detail: str = "") -> None:
        self.truth.append({"fiscal_year": self.fiscal_year, "unit_name": self.unit_name, "plant": plant,
                           "rule_id": rule_id, "subject_key": subject_key, "role": role, "detail": detail})


def _sum(values) -> int:
    return sum(values, 0)


class Generator:
    """Generates one disclosure at a time from a seeded random source."""

    def __init__(self, seed: int, reference: Reference | None = None):
        self.seed = seed
        self.reference = reference or Reference.load()

    # ----------------------------------------------------------------- figures
    def figures(self, rng: random.Random, disclosure: Disclosure) -> dict:
        ref = self.reference
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
            kuan = sorted(ref.items_by_class[extra_class])[0]
            running = ref.items_by_class[extra_class][kuan][0]
            items = sorted(set(items) | {running})
        basic, project = {}, {}
        for code in items:
            scale = rng.choice([1, 10, 100])
            basic[code] = rng.randint(2_000, 9_000_000) * scale if rng.random() < 0.75 or code in mapped else 0
            project[code] = rng.randint(5_000, 20_000_000) * scale if rng.random() < 0.5 and code not in mapped else 0
            if basic[code] + project[code] == 0:
                project[code] = rng.randint(50_000, 5_000_000)
        classes = sorted({code[:3] for code in items})
        basic[running] += rng.randint(50_000_000, 800_000_000)
        disclosure.items, disclosure.basic, disclosure.project = items, basic, project
        # income: this year's fiscal appropriation, part of the fiscal spending from last year's carry-over
        fiscal_expenditure = _sum(basic[c] + project[c] for c in items)
        largest = max(items, key=lambda c: basic[c] + project[c])
        fiscal_carry_in = rng.randint(0, (basic[largest] + project[largest]) // 20) if rng.random() < 0.5 else 0
        fiscal_income = {c: basic[c] + project[c] for c in items}
        fiscal_income[largest] -= fiscal_carry_in
        other_income = {source: {} for source in INCOME_SOURCES}
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
        other_total = _sum(_sum(v.values()) for v in other_income.values())
        nonfiscal_spent = _sum(nonfiscal_basic.values()) + _sum(nonfiscal_project.values())
        carry_out = nonfiscal_carry_in + other_total - nonfiscal_spent
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
        return {
            "classes": classes, "fiscal_expenditure": fiscal_expenditure, "fiscal_income": fiscal_income,
            "fiscal_carry_in": fiscal_carry_in, "other_income": other_income, "nonfiscal_basic": nonfiscal_basic,
            "nonfiscal_project": nonfiscal_project, "nonfiscal_carry_in": nonfiscal_carry_in, "carry_out": carry_out,
            "three_public_budget": three_public_budget, "three_public_final": three_public_final,
        }

    def economic(self, rng: random.Random, disclosure: Disclosure, fig: dict) -> dict[str, int]:
        """The basic expenditure by economic 款, summing in fen to the functional basic expenditure."""
        basic = disclosure.basic
        amounts: dict[str, int] = {}
        for function, econ in FUNC_ECON.items():
            value = _sum(v for c, v in basic.items() if c == function or c[:5] == function)
            if len(econ) == 1:
                amounts[econ[0]] = value
            else:
                first = value * rng.randint(80, 100) // 100
                amounts[econ[0]], amounts[econ[1]] = first, value - first
        for econ, key in THREE_PUBLIC_ECON.items():
            amounts[econ] = fig["three_public_final"][key] * rng.randint(0, 100) // 100
        remaining = _sum(basic.values()) - _sum(amounts.values())
        assert remaining > 0, "the running-cost 项 keeps the rest of basic expenditure positive"
        leaves = rng.sample(PERSONNEL_LEAVES, k=4) + rng.sample(PUBLIC_LEAVES, k=6)
        weights = [rng.randint(5, 40) if code.startswith(("301", "303")) else rng.randint(1, 6) for code in leaves]
        for code, weight in zip(leaves, weights):
            amounts[code] = remaining * weight // _sum(weights)
        amounts[leaves[0]] += remaining - _sum(amounts[code] for code in leaves)
        return amounts

    # ----------------------------------------------------------------- tables
    def tables(self, rng: random.Random, d: Disclosure, fig: dict, economic: dict[str, int]) -> None:
        ref = self.reference
        p = d.printed
        key = d.key
        number = d.layout == "单位决算"
        table_types = read_seed("ref_table_types")
        titles = {row["landing_code"]: (row["standard_title"], row["unit_number"]) for row in table_types}
        page = iter(range(3, 40))

        def placed(code: str) -> dict:
            return {**key, "table_title_as_printed": titles[code][0], "source_page": str(next_page[code]),
                    "source_line": ""}
        next_page = {code: next(page) for code in titles}

        nonfiscal_basic, nonfiscal_project = fig["nonfiscal_basic"], fig["nonfiscal_project"]
        income_columns = {"fiscal_appropriation_income": fig["fiscal_income"], **fig["other_income"]}
        hierarchy: list[tuple[str, list[str]]] = []  # (code, its 项)
        for class_code in fig["classes"]:
            class_items = [c for c in d.items if c[:3] == class_code]
            if not class_items:
                continue
            hierarchy.append((class_code, class_items))
            for kuan in sorted({c[:5] for c in class_items}):
                hierarchy.append((kuan, [c for c in class_items if c[:5] == kuan]))
                hierarchy.extend((c, [c]) for c in class_items if c[:5] == kuan)
        hierarchy.sort(key=lambda pair: pair[0])
        classes_present = [code for code, _ in hierarchy if len(code) == 3]
        total_first = number or rng.random() < 0.5

        def coded_rows(table: str, columns: dict[str, dict[str, int]], total_column: str) -> list[dict]:
            rows = []
            for code, members in [(None, d.items)] + hierarchy:
                values = {name: _sum(source.get(c, 0) for c in members) for name, source in columns.items()}
                row = {"function_code": code or "", "item_name": ref.function_names[code] if code else "合计",
                       total_column: p(_sum(values.values()), commas=True)}
                row.update({name: p(value, commas=True) for name, value in values.items()})
                rows.append(row)
            if not total_first:
                rows = rows[1:] + rows[:1]
            return [{**placed(table), "row_no": str(n), **row} for n, row in enumerate(rows, 1)]

        files = d.files
        zero_columns = {c: {} for c in ("superior_subsidy_income", "business_income", "operating_income",
                                        "subsidiary_remittance_income", "other_income")}
        files["gk02_income_by_function"] = coded_rows(
            "gk02_income_by_function", {**zero_columns, **income_columns}, "total_income")
        files["gk03_expenditure_by_function"] = coded_rows("gk03_expenditure_by_function", {
            "basic_expenditure": {c: d.basic[c] + nonfiscal_basic[c] for c in d.items},
            "project_expenditure": {c: d.project[c] + nonfiscal_project[c] for c in d.items},
            "remittance_to_superior": {}, "operating_expenditure": {}, "subsidy_to_subsidiaries": {}},
            "total_expenditure")
        files["gk05_general_budget_expenditure"] = coded_rows("gk05_general_budget_expenditure", {
            "basic_expenditure": d.basic, "project_expenditure": d.project}, "subtotal")

        def class_total(source: dict[str, int], class_code: str) -> int:
            return _sum(v for c, v in source.items() if c[:3] == class_code)
        expenditure_all = {c: d.basic[c] + d.project[c] + nonfiscal_basic[c] + nonfiscal_project[c] for c in d.items}
        fiscal = {c: d.basic[c] + d.project[c] for c in d.items}
        income_total = {name: _sum(v.values()) for name, v in income_columns.items()}
        income_sum = _sum(income_total.values())
        expenditure_sum = _sum(expenditure_all.values())
        carry_in = fig["fiscal_carry_in"] + fig["nonfiscal_carry_in"]
        grand_total = income_sum + carry_in

        # 公开01: Nanyang's printed lines, this disclosure's figures
        income_by_label = {"一般公共预算财政拨款收入": income_total["fiscal_appropriation_income"],
                           "上级补助收入": income_total["superior_subsidy_income"],
                           "事业收入": income_total["business_income"], "经营收入": income_total["operating_income"],
                           "其他收入": income_total["other_income"], "本年收入合计": income_sum,
                           "年初结转和结余": carry_in, "总计": grand_total}
        rows = []
        for line in ref.summary_lines:
            label = line["income_item"].split("、")[-1]
            outgo_label = line["expenditure_item"].split("、")[-1]
            class_code = self._class_of(line["expenditure_item"])
            outgo = {"本年支出合计": expenditure_sum, "年末结转与结余": fig["carry_out"], "总计": grand_total}.get(outgo_label)
            if class_code:
                outgo = class_total(expenditure_all, class_code)
            rows.append({**placed("gk01_income_expenditure_summary"), "row_no": line["row_no"],
                         "income_item": line["income_item"], "income_line_no": "",
                         "income_amount": p(income_by_label.get(label, 0), True) if line["income_item"] else "",
                         "expenditure_item": line["expenditure_item"], "expenditure_line_no": "",
                         "expenditure_amount": p(outgo or 0, True) if line["expenditure_item"] else ""})
        files["gk01_income_expenditure_summary"] = rows

        # 公开04
        fiscal_total = fig["fiscal_expenditure"]
        rows = []
        for line in ref.fiscal_lines:
            label = line["income_item"].split("、")[-1]
            outgo_label = line["expenditure_item"]
            income = {"一般公共预算财政拨款": income_total["fiscal_appropriation_income"]
                      if line["income_item"].startswith("一、") else fig["fiscal_carry_in"],
                      "本年收入合计": income_total["fiscal_appropriation_income"],
                      "年初财政拨款结转和结余": fig["fiscal_carry_in"], "总计": fiscal_total}.get(label, 0)
            class_code = self._class_of(outgo_label)
            outgo = {"本年支出合计": fiscal_total, "总计": fiscal_total}.get(outgo_label, 0)
            if class_code:
                outgo = class_total(fiscal, class_code)
            blank = not outgo_label
            rows.append({**placed("gk04_fiscal_appropriation_summary"), "row_no": line["row_no"],
                         "income_item": line["income_item"], "income_line_no": "",
                         "income_amount": p(income, True) if line["income_item"] else "",
                         "expenditure_item": outgo_label, "expenditure_line_no": "",
                         "expenditure_total": "" if blank else p(outgo, True),
                         "expenditure_general_budget": "" if blank else p(outgo, True),
                         "expenditure_government_fund": "" if blank else p(0),
                         "expenditure_state_capital": "" if blank else p(0)})
        files["gk04_fiscal_appropriation_summary"] = rows

        # 公开06: Nanyang's grid
        def econ_value(code: str) -> int:
            if len(code) == 3:
                return _sum(v for c, v in economic.items() if c[:3] == code)
            return economic.get(code, 0)
        personnel = econ_value("301") + econ_value("303")
        public = econ_value("302") + econ_value("307") + econ_value("310") + econ_value("399")
        rows = []
        for line in ref.economic_grid:
            row = {**placed("gk06_basic_expenditure_by_economic"), "row_no": line["row_no"]}
            for n in (1, 2, 3):
                code, name = line[f"economic_code_{n}"], line[f"item_name_{n}"]
                amount = {"人员经费合计": personnel, "公用经费合计": public}.get(name)
                if code:
                    amount = econ_value(code)
                row.update({f"economic_code_{n}": code, f"item_name_{n}": name,
                            f"amount_{n}": "" if amount is None else p(amount, True)})
            rows.append(row)
        files["gk06_basic_expenditure_by_economic"] = rows

        zero = p(0)
        files["gk07_government_fund"] = [{**placed("gk07_government_fund"), "row_no": "1", "function_code": "",
                                          "item_name": "合计", **{c: zero for c in (
                                              "opening_balance", "current_year_income", "expenditure_subtotal",
                                              "basic_expenditure", "project_expenditure", "closing_balance")}}]
        files["gk08_state_capital_expenditure"] = [{**placed("gk08_state_capital_expenditure"), "row_no": "1",
                                                    "function_code": "", "item_name": "合计", **{c: zero for c in (
                                                        "subtotal", "basic_expenditure", "project_expenditure")},
                                                    "opening_balance": "", "current_year_income": "",
                                                    "closing_balance": ""}]
        budget, final = fig["three_public_budget"], fig["three_public_final"]
        row = {**placed("gk09_three_public_expenditure"), "row_no": "1"}
        for side, values in (("budget", budget), ("final", final)):
            row[f"{side}_total"] = p(_sum(values.values()))
            row[f"{side}_vehicle_subtotal"] = p(values["vehicle_purchase"] + values["vehicle_operation"])
            for name in THREE_PUBLIC_KEYS:
                row[f"{side}_{name}"] = p(values[name])
        files["gk09_three_public_expenditure"] = [row]

        files["table_presence"] = []
        for code, (title, unit_number) in titles.items():
            empty = code in ("gk07_government_fund", "gk08_state_capital_expenditure")
            files["table_presence"].append({
                **key, "table_code": code, "table_type": "", "standard_title": title, "title_as_printed": title,
                "number_as_printed": unit_number if number else "", "printed_at": printed_place(page=next_page[code]),
                "presence": "present", "rows_landed": str(len(files[code])), "figures_landed": "",
                "empty_note": ref.empty_notes[code] if empty else ""})
        type_of = {row["landing_code"]: row["table_type"] for row in table_types}
        for row in files["table_presence"]:
            row["table_type"] = type_of[row["table_code"]]
        files["table_notes"] = [{**key, "table_code": code, "table_title": titles[code][0], "note_kind": "说明",
                                 "note_text": ref.empty_notes[code], "printed_at": printed_place(page=next_page[code])}
                                for code in ("gk07_government_fund", "gk08_state_capital_expenditure")]
        fig.update(income_total=income_total, income_sum=income_sum, expenditure_sum=expenditure_sum,
                   expenditure_all=expenditure_all, fiscal=fiscal, classes_present=classes_present,
                   personnel=personnel, public=public, grand_total=grand_total,
                   basic_all=_sum(d.basic.values()) + _sum(nonfiscal_basic.values()),
                   project_all=_sum(d.project.values()) + _sum(nonfiscal_project.values()))

    def _class_of(self, item: str) -> str | None:
        return self.reference.class_lines.get(item)

    # ----------------------------------------------------------------- narrative
    def narrative(self, rng: random.Random, d: Disclosure, fig: dict) -> None:
        year, unit = d.fiscal_year, d.unit_name
        figures: list[dict] = []
        page = 21

        def state(topic: str, section: str, subject: str, subject_key: str, metric: str, value, unit_text: str,
                  phrase: str, word: str = "", basis: str = "") -> int:
            figures.append({**d.key, "row_no": str(len(figures) + 1), "topic": topic, "section": section,
                            "subsection": "", "subject": subject, "subject_key": subject_key, "metric": metric,
                            "value_text": "" if value is None else str(value), "value_unit": unit_text,
                            "stated_word": word, "quoted_phrase": phrase, "source_page": str(page), "source_line": "",
                            "budget_basis": basis})
            return len(figures)

        def change(topic: str, section: str, subject: str, subject_key: str, current: int) -> None:
            previous = current * rng.randint(75, 125) // 100
            while abs(wan(current) - wan(previous)) < Decimal("0.05"):
                previous = previous * 9 // 10 if previous else current // 2 + 1_000_000
            # last year's figure prints as at least 0.10 万元: a growth rate on 0.00 is undefined
            if wan(previous) < Decimal("0.10"):
                previous = current + 100_000
            delta = current - previous
            direction = "up" if delta > 0 else "down"
            amount_word = rng.choice(change_words(direction, "amount"))
            rate_word = rng.choice(change_words(direction, "rate"))
            amount = wan(abs(delta))
            rate = percent(abs(delta), previous)
            template = rng.choice(phrasings("change"))
            phrase = template.format(previous_year=year - 1, subject=subject, amount_word=amount_word, amount=amount,
                                     rate_word=rate_word, rate_noun=rate_word, rate=rate)
            state(topic, section, subject, subject_key, "change_amount", amount, "万元", phrase, amount_word)
            state(topic, section, subject, subject_key, "change_rate", rate, "%", phrase, rate_word)

        s1 = "一、收入支出决算总体情况说明"
        state("total", s1, "收支总计", "total", "amount", wan(fig["grand_total"]), "万元",
              f"{year}年度收、支总计均为{wan(fig['grand_total'])}万元。")
        change("total", s1, "收支总计", "total", fig["grand_total"])
        s2 = "二、收入决算情况说明"
        state("income", s2, "本年收入合计", "income_total", "amount", wan(fig["income_sum"]), "万元",
              f"{year}年度本年收入合计{wan(fig['income_sum'])}万元。")
        for source, amount in fig["income_total"].items():
            if amount:
                name = INCOME_SOURCES.get(source, "财政拨款收入")
                phrase = f"{name}{wan(amount)}万元，占{percent(amount, fig['income_sum'])}%。"
                state("income", s2, name, source, "amount", wan(amount), "万元", phrase)
                state("income", s2, name, source, "share", percent(amount, fig["income_sum"]), "%", phrase)
        s3 = "三、支出决算情况说明"
        state("expenditure", s3, "本年支出合计", "expenditure_total", "amount", wan(fig["expenditure_sum"]), "万元",
              f"{year}年度本年支出合计{wan(fig['expenditure_sum'])}万元。")
        for subject, key, amount in (("基本支出", "basic_expenditure", fig["basic_all"]),
                                     ("项目支出", "project_expenditure", fig["project_all"])):
            if amount:
                phrase = f"{subject}{wan(amount)}万元，占{percent(amount, fig['expenditure_sum'])}%。"
                state("expenditure", s3, subject, key, "amount", wan(amount), "万元", phrase)
                state("expenditure", s3, subject, key, "share", percent(amount, fig["expenditure_sum"]), "%", phrase)
        s4 = "四、财政拨款收入支出决算总体情况说明"
        fiscal_total = fig["fiscal_expenditure"]
        state("fiscal_total", s4, "财政拨款收支总计", "fiscal_total", "amount", wan(fiscal_total), "万元",
              f"{year}年度财政拨款收、支总计均为{wan(fiscal_total)}万元。")
        change("fiscal_total", s4, "财政拨款收支总计", "fiscal_total", fiscal_total)
        page += 1
        s5 = "五、一般公共预算财政拨款支出决算情况说明"
        state("general_budget", s5, "一般公共预算财政拨款支出", "general_budget", "amount", wan(fiscal_total), "万元",
              f"{year}年度一般公共预算财政拨款支出{wan(fiscal_total)}万元，"
              f"占本年支出合计的{percent(fiscal_total, fig['expenditure_sum'])}%。")
        state("general_budget", s5, "一般公共预算财政拨款支出", "general_budget", "share",
              percent(fiscal_total, fig["expenditure_sum"]), "%",
              f"占本年支出合计的{percent(fiscal_total, fig['expenditure_sum'])}%。")
        change("general_budget", s5, "一般公共预算财政拨款支出", "general_budget", fiscal_total)
        for class_code in fig["classes_present"]:
            amount = _sum(v for c, v in fig["fiscal"].items() if c[:3] == class_code)
            name = self.reference.function_names[class_code]
            subject = f"{name.removesuffix('支出')}（类）支出"
            phrase = f"{subject}{wan(amount)}万元，占{percent(amount, fiscal_total)}%。"
            state("general_budget", s5, subject, "class", "amount", wan(amount), "万元", phrase)
            state("general_budget", s5, subject, "class", "share", percent(amount, fiscal_total), "%", phrase)
        # budget bases: most units state 年初预算; a unit founded in the year states 年初预算 0 and
        # its 全年预算 (or the 全年预算 alone); a 项 added during the year has no 年初预算 ("年初无预算")
        basis_mode = rng.choice(["initial"] * 6 + ["founded", "full_year_only"])
        initial = {c: fig["fiscal"][c] * rng.randint(70, 130) // 100 if rng.random() < 0.8 else fig["fiscal"][c]
                   for c in d.items}
        full_year: dict[str, int] = {}
        if basis_mode != "initial":
            full_year = dict(initial)
            initial = {c: 0 for c in d.items}
        else:
            for c in d.items:
                if rng.random() < 0.1:
                    full_year[c], initial[c] = initial[c], 0
        initial_total = _sum(initial.values())
        full_year_total = _sum(full_year.values())
        subject = "一般公共预算财政拨款支出"
        if basis_mode != "full_year_only":
            state("general_budget", s5, subject, "general_budget", "initial_budget", wan(initial_total),
                  "万元", f"{year}年度一般公共预算财政拨款支出年初预算为{wan(initial_total)}万元。", basis="initial_budget")
        if basis_mode != "initial":
            state("general_budget", s5, subject, "general_budget", "full_year_budget", wan(full_year_total),
                  "万元", f"全年预算为{wan(full_year_total)}万元。", basis="full_year_budget")
        state("general_budget", s5, subject, "general_budget", "final_amount", wan(fiscal_total),
              "万元", f"支出决算为{wan(fiscal_total)}万元。")
        total_basis, total_budget = (("initial_budget", initial_total) if basis_mode == "initial"
                                     else ("full_year_budget", full_year_total))
        basis_label = {"initial_budget": "年初预算", "full_year_budget": "全年预算"}
        state("general_budget", s5, subject, "general_budget", "completion_rate",
              percent(fiscal_total, total_budget), "%",
              f"完成{basis_label[total_basis]}的{percent(fiscal_total, total_budget)}%。", basis=total_basis)
        style = rng.choice(vocabulary.rows("vocab_ordinal_styles"))
        items = []
        for n, code in enumerate(d.items, 1):
            basis = "full_year_budget" if code in full_year else "initial_budget"
            budget = full_year.get(code, initial[code])
            printed_initial, printed_budget = wan(initial[code]), wan(budget)
            printed_final = wan(fig["fiscal"][code])
            sense = "equal" if printed_budget == printed_final else ("greater" if printed_final > printed_budget else "less")
            word = rng.choice(comparison_words(sense))
            reason = "" if sense == "equal" else rng.choice(REASONS_MORE if sense == "greater" else REASONS_LESS)
            names = self.reference.function_names
            # a completion rate is stated only where the printed budget of its basis is not 0.00
            rate = percent(fig["fiscal"][code], budget) if printed_budget > 0 and rng.random() < 0.5 else ""
            if basis == "initial_budget":
                budgets = f"年初预算为{printed_initial}万元，"
            elif basis_mode == "full_year_only":
                budgets = f"全年预算为{printed_budget}万元，"
            elif basis_mode == "founded":
                budgets = f"年初预算为0万元，全年预算为{printed_budget}万元，"
            else:
                budgets = f"此项目为{year}年追加预算，年初无预算，全年预算为{printed_budget}万元，"
            phrase = (f"{ordinal_of(style, n)}{names[code[:3]]}（类）{names[code[:5]]}（款）{names[code]}（项）。"
                      f"{budgets}支出决算为{printed_final}万元"
                      + (f"，完成{basis_label[basis]}数的{rate}%。" if rate else "。")
                      + compared_phrase(word, rng.choice([basis_label[basis], "预算"]), reason))
            items.append({**d.key, "row_no": str(n), "item_no": str(n), "class_name": names[code[:3]],
                          "kuan_name": names[code[:5]], "xiang_name": names[code],
                          "initial_budget_text": "" if basis_mode == "full_year_only" else str(printed_initial),
                          "full_year_budget_text": str(printed_budget) if basis == "full_year_budget" else "",
                          "final_amount_text": str(printed_final),
                          "completion_rate_text": str(rate), "completion_rate_basis": basis if rate else "",
                          "wording": word, "wording_basis": basis, "stated_reason": reason,
                          "quoted_phrase": phrase, "source_page": str(page), "source_line": ""})
        wordings = []

        def compare(topic: str, subject_key: str, subject: str, compared_with: str, stated: Decimal,
                    base: Decimal, basis: str) -> None:
            sense = "equal" if stated == base else ("greater" if stated > base else "less")
            word = rng.choice(comparison_words(sense))
            reason = "" if sense == "equal" else rng.choice(REASONS_MORE if sense == "greater" else REASONS_LESS)
            wordings.append({**d.key, "row_no": str(len(wordings) + 1), "topic": topic, "subject_key": subject_key,
                             "subject": subject, "compared_with": compared_with, "wording": word,
                             "stated_reason": reason,
                             "quoted_phrase": subject + compared_phrase(word, {"initial_budget": "年初预算", "full_year_budget": "全年预算"}.get(basis, "预算"), reason),
                             "source_page": str(page), "source_line": "", "budget_basis": basis})
        compare("general_budget", "general_budget", "一般公共预算财政拨款支出", "initial_budget", wan(fiscal_total),
                wan(total_budget), total_basis)
        s6 = "六、一般公共预算财政拨款基本支出决算情况说明"
        basic_total = _sum(d.basic.values())
        state("basic", s6, "基本支出", "basic_expenditure", "amount", wan(basic_total), "万元",
              f"{year}年度一般公共预算财政拨款基本支出{wan(basic_total)}万元。")
        state("basic", s6, "人员经费", "personnel", "amount", wan(fig["personnel"]), "万元",
              f"其中：人员经费{wan(fig['personnel'])}万元。")
        state("basic", s6, "公用经费", "public_use", "amount", wan(fig["public"]), "万元",
              f"公用经费{wan(fig['public'])}万元。")
        page += 1
        s7 = "七、财政拨款“三公”经费支出决算情况说明"
        budget, final = fig["three_public_budget"], fig["three_public_final"]
        budget = {**budget, "total": _sum(budget.values()),
                  "vehicle_subtotal": budget["vehicle_purchase"] + budget["vehicle_operation"]}
        final = {**final, "total": _sum(final[k] for k in THREE_PUBLIC_KEYS),
                 "vehicle_subtotal": final["vehicle_purchase"] + final["vehicle_operation"]}
        for subject_key in ("total", "overseas_travel", "vehicle_subtotal", "official_reception"):
            name = THREE_PUBLIC_NAMES[subject_key]
            b, f = wan(budget[subject_key]), wan(final[subject_key])
            state("three_public", s7, name, subject_key, "budget", b, "万元", f"{name}预算为{b}万元。")
            state("three_public", s7, name, subject_key, "final_amount", f, "万元", f"{name}支出决算为{f}万元。")
            if budget[subject_key]:
                rate = percent(final[subject_key], budget[subject_key])
                state("three_public", s7, name, subject_key, "completion_rate", rate, "%", f"完成预算的{rate}%。")
            if subject_key != "total" and final["total"]:
                share = percent(final[subject_key], final["total"])
                state("three_public", s7, name, subject_key, "share", share, "%", f"占{share}%。")
            compare("three_public", subject_key, name, "budget", f, b, "budget")
        change("three_public", s7, "“三公”经费财政拨款支出", "total", final["total"])
        state("government_fund", "八、政府性基金预算财政拨款收入支出决算情况说明", "无政府性基金预算财政拨款收入",
              "government_fund", "nil", None, "", f"{unit}{year}年度无政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出。")
        state("state_capital", "九、国有资本经营预算财政拨款收入支出决算情况说明", "无国有资本经营预算财政拨款收入",
              "state_capital", "nil", None, "", f"{unit}{year}年度无国有资本经营预算财政拨款收入，也没有使用国有资本经营预算财政拨款安排的支出。")
        s10 = "十、预算绩效管理情况"
        projects = self.appendix(rng, d, fig)
        executed = [wan(d.project[c] + fig["nonfiscal_project"][c]) for c in projects]
        project_amount = sum(executed, Decimal(0))
        for key, label in (("with_targets", "编报绩效目标的项目"), ("self_evaluated", "绩效自评的项目")):
            state("performance", s10, label, key, "count", len(projects), "个",
                  f"{label.removesuffix('的项目')}的{year}年度项目{len(projects)}个，涉及金额{project_amount}万元。")
            state("performance", s10, label, key, "amount", project_amount, "万元",
                  f"{label.removesuffix('的项目')}的{year}年度项目{len(projects)}个，涉及金额{project_amount}万元。")
        scores = [Decimal(r["total_score_text"]) for r in d.files["project_evaluations"]]
        for key, grade, test in (("grade_excellent", "优", lambda x: x >= 90), ("grade_good", "良", lambda x: 80 <= x < 90),
                                 ("grade_fair", "中", lambda x: 60 <= x < 80), ("grade_poor", "差", lambda x: x < 60)):
            count = sum(1 for score in scores if test(score))
            state("performance", s10, f"评价等级为“{grade}”的项目", key, "count", count, "个",
                  f"评价等级为“{grade}”的项目{count}个。")
        page += 1
        s11 = "十一、其他重要事项的情况说明"
        operating = max(fig["public"] * rng.randint(40, 90) // 100, 1_000_000)
        state("operating_cost", s11, "机关运行经费支出", "operating_cost", "amount", wan(operating), "万元",
              f"{year}年度机关运行经费支出{wan(operating)}万元。")
        change("operating_cost", s11, "机关运行经费支出", "operating_cost", operating)
        parts = {"goods": rng.randint(0, 3_000_000_0), "works": rng.randint(0, 2_000_000_0) if rng.random() < 0.3 else 0,
                 "services": rng.randint(1_000_000, 5_000_000_0)}
        procurement = _sum(parts.values())
        state("procurement", s11, "政府采购支出", "procurement_total", "amount", wan(procurement), "万元",
              f"{year}年度政府采购支出总额{wan(procurement)}万元。")
        for part, label in (("goods", "货物"), ("works", "工程"), ("services", "服务")):
            state("procurement", s11, f"政府采购{label}支出", part, "amount", wan(parts[part]), "万元",
                  f"政府采购{label}支出{wan(parts[part])}万元。")
        vehicles = {"执法执勤用车": rng.randint(0, 3), "其他用车": rng.randint(0, 4)}
        state("assets", s11, "车辆", "vehicles", "count", _sum(vehicles.values()), "辆",
              f"截至{year}年12月31日，共有车辆{_sum(vehicles.values())}辆。")
        for name, count in vehicles.items():
            state("assets", s11, name, "vehicle_category", "count", count, "辆", f"其中{name}{count}辆。")
        d.files["narrative_figures"] = figures
        d.files["narrative_function_budget"] = items
        d.files["narrative_comparison_wording"] = wordings
        mentions = [("year", "title", str(year), f"{year}年度{unit}{d.layout}", printed_place(page=1)),
                    ("unit_name", "part_heading", unit, f"第一部分{unit}概况", printed_place(page=2)),
                    ("year", "title", str(year), f"第二部分{year}年度{d.layout}表", printed_place(page=3)),
                    ("year", "title", str(year), f"第三部分{year}年度{d.layout}情况说明", printed_place(page=21)),
                    ("year", "comparison", str(year - 1), f"与{year - 1}年度相比，收支总计", printed_place(page=21)),
                    ("unit_name", "sentence", unit, f"{unit}{year}年度收、支总计", printed_place(page=21)),
                    ("year", "as_of", str(year), f"截至{year}年12月31日", printed_place(page=page))]
        d.files["mentions"] = [{**d.key, "mention_no": str(n), "mention_kind": kind, "frame": frame,
                                "value_as_printed": value, "context": context, "printed_at": at}
                               for n, (kind, frame, value, context, at) in enumerate(mentions, 1)]
        d.files["unplaced"], d.files["layout_judgments"] = [], []
        fig["initial"] = initial

    # ----------------------------------------------------------------- project appendix
    def appendix(self, rng: random.Random, d: Disclosure, fig: dict) -> list[dict]:
        """One 项目支出绩效自评表 per 项 with project expenditure, as the Nanyang appendix prints
        them: funds (年度资金总额 = 财政拨款 + 上年结转资金 + 其他资金), fund management (20 points),
        indicators (70 points, each achieved as targeted), execution rate score (10 points)."""
        key = d.key
        evaluations, funds, indicators, management, results = [], [], [], [], []
        names = self.reference.function_names
        projects = [c for c in d.items if d.project[c] + fig["nonfiscal_project"][c] > 0]
        for project_no, code in enumerate(projects, 1):
            fiscal, other = d.project[code], fig["nonfiscal_project"][code]
            executed = fiscal + other
            annual = executed if rng.random() < 0.3 else executed * 100 // rng.randint(80, 100)
            fiscal_budget = annual * fiscal // executed
            other_budget = annual - fiscal_budget
            initial = annual * rng.randint(60, 100) // 100
            rate = percent(executed, annual)
            rate_score = (rate / 10).quantize(CENT, rounding=ROUND_HALF_UP)
            name = f"{names[code]}项目{project_no}"
            place = {**key, "project_no": str(project_no), "source_page": str(30 + project_no), "source_line": ""}
            fund_rows = [("年度资金总额:", initial, annual, executed, "10", f"{rate}%", str(rate_score)),
                         ("财政拨款", initial * fiscal // executed, fiscal_budget, fiscal, "-",
                          f"{percent(fiscal, fiscal_budget) if fiscal_budget else Decimal('0.00')}%", "-"),
                         ("上年结转资金", 0, 0, 0, "-", "0.00%", "-"),
                         ("其他资金", initial - initial * fiscal // executed, other_budget, other, "-",
                          f"{percent(other, other_budget) if other_budget else Decimal('0.00')}%", "-")]
            for row_no, (source, first, whole, spent, weight, rate_text, score_text) in enumerate(fund_rows, 1):
                funds.append({**place, "row_no": str(row_no), "fund_source_as_printed": source,
                              "initial_budget_text": str(wan(first)), "annual_budget_text": str(wan(whole)),
                              "executed_text": str(wan(spent)), "weight_text": weight,
                              "execution_rate_text": rate_text, "score_text": score_text, "transcription_note": ""})
            for row_no, (item, weight) in enumerate((("安排科学性", 5), ("拨付合规性", 5), ("使用规范性", 5),
                                                     ("预算绩效管理情况", 5)), 1):
                management.append({**place, "row_no": str(row_no), "item_name": item, "description": "符合要求",
                                   "weight_text": str(weight), "score_text": str(weight),
                                   "problems_and_measures": "", "transcription_note": ""})
            count = rng.randint(3, 12)
            targets = [("产出指标", "数量指标", f"完成事项{count}项", f"={count}项", f"{count}项", 20),
                       ("产出指标", "质量指标", "验收合格率", "≥95%", "95%", 20),
                       ("产出指标", "时效指标", "按期完成率", "=100%", "100%", 10),
                       ("效益指标", "社会效益指标", "服务对象覆盖率", "≥90%", "90%", 10),
                       ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "90%", 10)]
            for row_no, (level1, level2, level3, target, actual, weight) in enumerate(targets, 1):
                indicators.append({**place, "row_no": str(row_no), "level1_indicator": level1,
                                   "level2_indicator": level2, "level3_indicator": level3, "target_text": target,
                                   "actual_text": actual, "weight_text": str(weight), "score_text": str(weight),
                                   "deviation_text": "0.00", "deviation_reason": "", "transcription_note": ""})
            total = rate_score + 20 + 70
            evaluations.append({**place, "table_title": "项目支出绩效自评情况表", "form_date_text": f"{d.fiscal_year + 1}年05月",
                                "project_name": name, "competent_department": d.unit_name,
                                "implementing_unit": d.unit_name, "goal_expected": "按计划完成年度目标",
                                "goal_actual": "已完成年度目标", "total_weight_text": "100",
                                "total_score_text": str(total), "transcription_note": ""})
            results.append({**key, "row_no": str(project_no), "project_name_as_stated": name,
                            "total_score_text": str(total), "grade": "优" if total >= 90 else "良",
                            "execution_rate_text": str(rate), "stated_outcome": "已完成年度目标。",
                            "source_page": "24", "source_line": ""})
        d.files["project_evaluations"], d.files["project_funds"] = evaluations, funds
        d.files["project_indicators"], d.files["project_fund_management"] = indicators, management
        d.files["narrative_project_results"] = results
        return projects

    # ----------------------------------------------------------------- one disclosure
    def disclosure(self, index: int, fiscal_year: int = 2024) -> Disclosure:
        rng = random.Random(f"{self.seed}:{index}")
        unit = f"{rng.choice(CITIES)}{rng.choice(DISTRICTS)}{rng.choice(DEPARTMENTS)}第{index + 1}所"
        sha = hashlib.sha256(f"corpus:{self.seed}:{index}:{fiscal_year}".encode()).hexdigest()
        d = Disclosure(index, fiscal_year, unit, rng.choice(["单位决算", "部门决算"]), sha)
        fig = self.figures(rng, d)
        economic = self.economic(rng, d, fig)
        self.tables(rng, d, fig, economic)
        self.narrative(rng, d, fig)
        d.files["document"] = [{**d.key, "source_file": f"corpus/{index:06d}.txt", "file_format": "text",
                                "page_count": "", "line_count": "", "status": "loaded", "reason": "",
                                "disclosure_kind": d.layout, "document_title": f"{fiscal_year}年度{unit}{d.layout}",
                                "identity_evidence": "generated", "tables_recognised": "9",
                                "figures_extracted": "", "extractor_version": "corpus"}]
        d.classes_present, d.class_lines = fig["classes_present"], self.reference.class_lines
        return d


# ===================================================================== plants
# Each plant changes printed figures or words the way a real document goes wrong, and records
# the rule that must fire on which subject. ``consequence`` rows are the other failures the same
# wrong figure necessarily causes under the rules' definitions.

def _row(d: Disclosure, table: str, **match) -> dict:
    return next(r for r in d.files[table] if all(r.get(k) == v for k, v in match.items()))


def _shift(text: str, delta: str) -> str:
    value = Decimal(text.replace(",", "") or "0") + Decimal(delta)
    return f"{value:.2f}"


def plant_within_table(d: Disclosure, rng: random.Random) -> None:
    """表内: the 收入决算表 prints one 款 1.00 higher (合计 and 财政拨款 columns) than its 项 sum."""
    row = next(r for r in d.files["gk02_income_by_function"] if len(r["function_code"]) == 5
               and r["fiscal_appropriation_income"])
    for column in ("total_income", "fiscal_appropriation_income"):
        row[column] = _shift(row[column], "1.00")
        d.expect("within_table", "IN-HIER-KUAN", f"income_by_function/{row['function_code']}/{column}")
        d.expect("within_table", "IN-HIER-CLASS", f"income_by_function/{row['function_code'][:3]}/{column}",
                 "consequence", "the 类 no longer equals the sum of its 款")


def plant_across_tables(d: Disclosure, rng: random.Random) -> None:
    """表间: 财政拨款收入支出决算总表 prints two 类 lines swapped in part (one +1.00, the other −1.00)."""
    present = set(d.classes_present)
    classes = [r for r in d.files["gk04_fiscal_appropriation_summary"]
               if d.class_lines.get(r["expenditure_item"]) in present]
    if len(classes) < 2:
        return plant_within_table(d, rng)
    # the larger line gives 1.00 to the smaller, so no printed figure turns negative
    second, first = sorted(classes[:2], key=lambda r: Decimal(r["expenditure_general_budget"].replace(",", "")))
    if Decimal(first["expenditure_general_budget"].replace(",", "")) < 2:
        return plant_within_table(d, rng)
    for row, delta in ((second, "1.00"), (first, "-1.00")):
        for column in ("expenditure_total", "expenditure_general_budget"):
            row[column] = _shift(row[column], delta)
        code = d.class_lines.get(row["expenditure_item"])
        d.expect("across_tables", "X-04-05-GENERAL", f"fiscal_appropriation_summary-general_budget_expenditure/{code}")


def plant_function_economic(d: Disclosure, rng: random.Random) -> None:
    """表间 (warn): the economic table books 1.00 of 住房公积金/养老保险 under 基本工资."""
    for function, econ in (("2210201", "30113"), ("2080505", "30108"), ("2080506", "30109")):
        if function in d.items and d.basic.get(function, 0) >= 2_000_000:
            break
    else:
        return plant_across_tables(d, rng)
    for row in d.files["gk06_basic_expenditure_by_economic"]:
        for n in (1, 2, 3):
            if row[f"economic_code_{n}"] == econ:
                row[f"amount_{n}"] = _shift(row[f"amount_{n}"], "-1.00")
            if row[f"economic_code_{n}"] == "30101":
                row[f"amount_{n}"] = _shift(row[f"amount_{n}"], "1.00")
    d.expect("function_economic", "X-FUNC-ECON", f"general_budget_expenditure-basic_expenditure_by_economic/{function}")


def plant_growth(d: Disclosure, rng: random.Random) -> None:
    """表文: a rate of change on last year that is not the stated change over last year's figure."""
    row = next(r for r in d.files["narrative_figures"] if r["metric"] == "change_rate")
    row["value_text"] = _shift(row["value_text"], "0.50")
    d.expect("growth", "N-GROWTH", f"narrative/{row['row_no']}")


def plant_item_final(d: Disclosure, rng: random.Random) -> None:
    """表文: one 项's 支出决算 in the narrative is 1.00 above the table's (still 大于 its budget)."""
    row = next((r for r in d.files["narrative_function_budget"]
                if comparison_sense(r["wording"]) == "greater" and not r["completion_rate_text"]), None)
    if row is None:
        return plant_growth(d, rng)
    row["final_amount_text"] = _shift(row["final_amount_text"], "1.00")
    d.expect("item_final", "N-ITEM-FINAL", f"narrative-item/{row['item_no']}")


def plant_missing_reason(d: Disclosure, rng: random.Random) -> None:
    """表文 (warn): a 项 whose 决算 differs from its 年初预算 gives no reason."""
    row = next((r for r in d.files["narrative_function_budget"] if comparison_sense(r["wording"]) in ("greater", "less")),
               None)
    if row is None:
        return plant_growth(d, rng)
    row["stated_reason"] = ""
    d.expect("missing_reason", "N-REASON", f"narrative-item/{row['item_no']}")


def plant_missing_statement(d: Disclosure, rng: random.Random) -> None:
    """结构 of the narrative (warn): the 机关运行经费 statement is left out."""
    kept = [r for r in d.files["narrative_figures"] if r["topic"] != "operating_cost"]
    for n, row in enumerate(kept, 1):
        row["row_no"] = str(n)
    d.files["narrative_figures"] = kept
    d.expect("missing_statement", "N-COVERAGE", "narrative-coverage/operating_cost")


def plant_narrative_amount(d: Disclosure, rng: random.Random) -> None:
    """表文: the narrative's 人员经费 is not the table's."""
    row = next(r for r in d.files["narrative_figures"] if r["subject_key"] == "personnel")
    row["value_text"] = _shift(row["value_text"], "12.89")
    d.expect("narrative_amount", "N-AMOUNT", f"narrative/{row['row_no']}")


def plant_narrative_rate(d: Disclosure, rng: random.Random) -> None:
    """表文: a 类's share of the 一般公共预算 spending misprinted by 0.08 points."""
    row = next(r for r in d.files["narrative_figures"] if r["subject_key"] == "class" and r["metric"] == "share")
    row["value_text"] = _shift(row["value_text"], "-0.08" if Decimal(row["value_text"]) > 50 else "0.08")
    d.expect("narrative_rate", "N-RATE", f"narrative/{row['row_no']}")


def plant_wording(d: Disclosure, rng: random.Random) -> None:
    """wording: one 项 says 大于 where its 决算 is below its 年初预算 (or 小于 where above)."""
    row = next((r for r in d.files["narrative_function_budget"] if comparison_sense(r["wording"]) in ("greater", "less")),
               None)
    if row is None:
        return plant_change_wording(d, rng)
    row["wording"] = rng.choice(comparison_words("less" if comparison_sense(row["wording"]) == "greater" else "greater"))
    d.expect("wording", "N-WORDING", f"narrative-item/{row['item_no']}")


def plant_change_wording(d: Disclosure, rng: random.Random) -> None:
    """wording: a change on last year printed “下降（增长）”."""
    row = next(r for r in d.files["narrative_figures"] if r["metric"] == "change_rate")
    row["stated_word"] = "下降（增长）"
    d.expect("change_wording", "N-CHANGE-WORDING", f"narrative/{row['row_no']}")


def plant_parts(d: Disclosure, rng: random.Random) -> None:
    """表文: 政府采购 total is not 货物 + 工程 + 服务."""
    row = next(r for r in d.files["narrative_figures"] if r["subject_key"] == "procurement_total")
    row["value_text"] = _shift(row["value_text"], "6.23")
    d.expect("parts_sum", "N-PARTS-SUM", f"narrative/{row['row_no']}")


def plant_classification_name(d: Disclosure, rng: random.Random) -> None:
    """科目: the 一般公共预算财政拨款支出决算表 prints a 项 under a name not the code's."""
    row = next(r for r in d.files["gk05_general_budget_expenditure"] if len(r["function_code"]) == 7)
    row["item_name"] = row["item_name"] + "经费"
    d.expect("classification_name", "C-NAME", f"general_budget_expenditure/{row['function_code']}/name")
    d.expect("classification_name", "NAME-DIFFERS", f"general_budget_expenditure/{row['function_code']}",
             "consequence", "the same misprinted name, listed once as a code finding")


def plant_missing_table(d: Disclosure, rng: random.Random) -> None:
    """结构: the 国有资本经营预算 table is not printed at all."""
    d.files["gk08_state_capital_expenditure"] = []
    d.files["table_notes"] = [r for r in d.files["table_notes"] if r["table_code"] != "gk08_state_capital_expenditure"]
    row = _row(d, "table_presence", table_code="gk08_state_capital_expenditure")
    row.update(presence="missing", title_as_printed="", printed_at="", rows_landed="0", empty_note="")
    d.expect("missing_table", "STRUCT-TABLE", "gk08_state_capital_expenditure/presence")


def plant_year(d: Disclosure, rng: random.Random) -> None:
    """year: the 情况说明 part heading prints last year."""
    row = next(r for r in d.files["mentions"] if r["frame"] == "title" and "情况说明" in r["context"])
    row["value_as_printed"] = str(d.fiscal_year - 1)
    row["context"] = row["context"].replace(str(d.fiscal_year), str(d.fiscal_year - 1))
    d.expect("year", "DOC-YEAR", f"document/year/{row['mention_no']}")


def plant_name(d: Disclosure, rng: random.Random) -> None:
    """name: a sentence of the narrative names another unit (a copied template)."""
    row = next(r for r in d.files["mentions"] if r["frame"] == "sentence")
    other = d.unit_name.replace("第", "第一").replace("所", "分所")
    row["value_as_printed"] = other
    row["context"] = row["context"].replace(d.unit_name, other)
    d.expect("name", "DOC-UNIT-NAME", f"document/unit-name/{row['mention_no']}")


def plant_performance(d: Disclosure, rng: random.Random) -> None:
    """绩效: a self-evaluation's 资金管理 item scored one point below its weight, the total left as printed."""
    if not d.files["project_fund_management"]:
        return plant_growth(d, rng)
    row = d.files["project_fund_management"][0]
    row["score_text"] = str(int(row["score_text"]) - 1)
    d.expect("performance", "P-TOTAL-SCORE", f"project/{row['project_no']}/total-score")


PLANTS = {
    "performance": plant_performance,
    "within_table": plant_within_table,
    "across_tables": plant_across_tables,
    "function_economic": plant_function_economic,
    "growth": plant_growth,
    "item_final": plant_item_final,
    "missing_reason": plant_missing_reason,
    "missing_statement": plant_missing_statement,
    "narrative_amount": plant_narrative_amount,
    "narrative_rate": plant_narrative_rate,
    "wording": plant_wording,
    "change_wording": plant_change_wording,
    "parts_sum": plant_parts,
    "classification_name": plant_classification_name,
    "missing_table": plant_missing_table,
    "year": plant_year,
    "name": plant_name,
}


# ===================================================================== corpus
def generate(target: Path, size: int, seed: int = 1, planted_share: float = 0.2,
             start: int = 0, batch_size: int = 1) -> dict:
    """Write ``size`` disclosures under ``target`` (a landing root) and the ground truth.

    Disclosures are numbered ``start`` .. ``start + size - 1``; a planted share of them (chosen
    by the seed) gets one plant each, the plants taken in turn so every family is represented.
    ``batch_size`` 1 writes one folder per disclosure, as ``scripts/ingest`` publishes documents;
    a larger batch writes that many disclosures into each folder's files (rows keyed by
    disclosure), as a bulk load would. Returns counts."""
    reference = Reference.load()
    generator = Generator(seed, reference)
    target = Path(target)
    folder = target / "disclosures"
    folder.mkdir(parents=True, exist_ok=True)
    write_schemas(target)
    plant_names = sorted(PLANTS)
    manifest, truth = [], []
    batch: dict[str, list[dict]] = {}
    for index in range(start, start + size):
        d = generator.disclosure(index)
        chooser = random.Random(f"plant:{seed}:{index}")
        if chooser.random() < planted_share:
            name = plant_names[index % len(plant_names)]
            PLANTS[name](d, chooser)
            d.plants.append(name)
        for name, rows in d.files.items():
            batch.setdefault(name, []).extend(rows)
        manifest.append({**d.files["document"][0], "run_status": "loaded", "run_reason": ""})
        truth.extend(d.truth)
        first = index - (index - start) % batch_size
        if (index - start + 1) % batch_size == 0 or index == start + size - 1:
            place = folder / (f"{d.fiscal_year}_{d.unit_name}_{d.sha256[:16]}" if batch_size == 1
                              else f"batch_{seed}_{first:07d}")
            place.mkdir(exist_ok=True)
            for name, columns in SCHEMAS.items():
                write_csv(place / f"{name}.csv", columns, batch.get(name, []))
            batch = {}
    documents = target / "documents.csv"
    truth_path = target / "ground_truth.csv"
    appending = start > 0 and documents.exists()
    _write_rows(documents, MANIFEST_COLUMNS, manifest, appending)
    _write_rows(truth_path, TRUTH_COLUMNS, truth, appending and truth_path.exists())
    return {"disclosures": size, "planted": sum(1 for row in truth if row["role"] == "planted")}


def _write_rows(path: Path, columns: list[str], rows: list[dict], append: bool) -> None:
    with path.open("a" if append else "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        if not append:
            writer.writeheader()
        writer.writerows(rows)


# ===================================================================== scoring
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
