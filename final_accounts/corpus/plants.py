"""Planted errors. A chosen share of disclosures gets one plant each, one family per plant:
表内, 表间, 表文, 绩效, 科目, 结构, wording, year, name. Each plant changes printed figures or
words the way a real document goes wrong, and records its ground truth: the rule that must fire
on which subject (``subject_key`` as the rule reports it), and as ``consequence`` the other
failures the same wrong figure necessarily causes under the rules' definitions. A plant that
finds nothing to change in its disclosure falls back to another family."""
from __future__ import annotations

import random
from decimal import Decimal

from .disclosure import Disclosure
from .reference import FUNC_ECON
from .words import comparison_sense, comparison_words, metric_word, phrasings

# X-FUNC-ECON plant: the pairs of one economic 款 (seeds/ref_function_economic_pairs.csv), 住房公积金 first
FUNCTION_ECONOMIC_PLANT_ORDER = ("2210201", "2080505", "2080506")

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
    present = set(d.figures.classes)
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
    for function in FUNCTION_ECONOMIC_PLANT_ORDER:
        (econ,) = FUNC_ECON[function]
        if function in d.figures.items and d.figures.basic.get(function, 0) >= 2_000_000:
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


def plant_fund_item_final(d: Disclosure, rng: random.Random) -> None:
    """表文: a 政府性基金 项's 支出决算 in the narrative is 30.00 above what 公开07 prints (135.00 stated
    where the table prints 105.00); a unit without 政府性基金 项 gets a 一般公共预算 item's instead."""
    rows = [r for r in d.files["narrative_function_budget"] if r.get("budget_topic") == "government_fund"]
    if not rows:
        return plant_item_final(d, rng)
    row = next((r for r in rows if not r["completion_rate_text"]), rows[0])
    row["final_amount_text"] = _shift(row["final_amount_text"], "30.00")
    d.expect("fund_item_final", "N-ITEM-FINAL", f"narrative-item/government_fund/{row['item_no']}")


def plant_restated(d: Disclosure, rng: random.Random) -> None:
    """表文: one 项's 决算 stated twice in its paragraph, the second time 11.61 off (257.14, then 245.53)."""
    row = next(r for r in d.files["narrative_function_budget"] if (r.get("budget_topic") or "general_budget") == "general_budget")
    delta = "-11.61" if Decimal(row["final_amount_text"].replace(",", "")) > 20 else "11.61"
    row["final_amount_restated_text"] = _shift(row["final_amount_text"], delta)
    row["quoted_phrase"] += rng.choice(phrasings("item_restated")).format(
        final_word=metric_word("final_amount"), restated=row["final_amount_restated_text"])
    d.expect("restated", "N-RESTATED", f"narrative-restated/item/{row['item_no']}")


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


# plants that need a unit with 政府性基金 spending (the generator gives the disclosure one)
PLANTS_NEEDING_FUND = {"fund_item_final"}

PLANTS = {
    "performance": plant_performance,
    "within_table": plant_within_table,
    "across_tables": plant_across_tables,
    "function_economic": plant_function_economic,
    "growth": plant_growth,
    "item_final": plant_item_final,
    "fund_item_final": plant_fund_item_final,
    "restated": plant_restated,
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
