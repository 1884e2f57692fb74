"""What the generator draws from: the reference classifications (which hold the codes the real
documents print), the printed grid and line labels of the hand-transcribed Nanyang disclosure
(``seeds/``), the function↔economic code pairs the rules compare, and the names units take."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .. import vocabulary

CITIES = ["南阳市", "洛阳市", "开封市", "信阳市", "上海市", "杭州市", "成都市", "西安市", "长沙市", "昆明市"]
DISTRICTS = ["东城区", "西城区", "南湖区", "北塘区", "普陀区", "高新区", "新城区", "滨江区"]
DEPARTMENTS = ["财政局", "规划和自然资源局", "政务大数据中心", "教育局", "卫生健康委员会", "民政局",
               "文化和旅游局", "生态环境局", "交通运输局", "档案馆", "住房保障中心", "机关事务管理局"]


def function_economic_pairs() -> dict[str, list[str]]:
    """Functional 项 (or 款) → the economic 款 that measure the same cost (rule X-FUNC-ECON),
    from ``seeds/ref_function_economic_pairs.csv``, in file order."""
    pairs: dict[str, list[str]] = {}
    for row in vocabulary.rows("ref_function_economic_pairs"):
        pairs.setdefault(row["function_code"], []).extend(row["economic_codes"].split("|"))
    return pairs


FUNC_ECON = function_economic_pairs()
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
# the classification's 政府性基金 spending codes (seeds/ref_functional_classification.csv, name_source)
FUND_SOURCE_WORD = "政府性基金"
INCOME_SOURCES = {"superior_subsidy_income": "上级补助收入", "business_income": "事业收入",
                  "operating_income": "经营收入", "other_income": "其他收入"}


@dataclass(frozen=True)
class Reference:
    """What the generator derives from the project's real disclosures and reference seeds."""
    function_names: dict[str, str]
    items_by_class: dict[str, dict[str, list[str]]]  # 类 -> 款 -> 项 codes (一般公共预算)
    fund_items: tuple[str, ...]  # 政府性基金预算 项 codes
    economic_grid: tuple[dict, ...]  # Nanyang's 公开06 rows (codes and names), amounts dropped
    summary_lines: tuple[dict, ...]  # Nanyang's 公开01 labels
    fiscal_lines: tuple[dict, ...]  # Nanyang's 公开04 labels
    class_ordinals: dict[str, str]  # class code -> "十九、住房保障支出"
    empty_notes: dict[str, str]  # gk07/gk08 -> the "本表无数据" note

    @cached_property
    def class_lines(self) -> dict[str, str]:
        """A summary table's 类 line as printed ("十九、住房保障支出") -> its class code."""
        return {label: code for code, label in self.class_ordinals.items()}

    @classmethod
    def load(cls) -> Reference:
        rows = vocabulary.rows("ref_functional_classification")
        names = {row["function_code"]: row["official_name"] for row in rows}
        fund = {row["function_code"] for row in rows if FUND_SOURCE_WORD in row["name_source"]}
        tree: dict[str, dict[str, list[str]]] = {}
        for code in sorted(names):
            if len(code) == 7 and code[:3] in names and code[:5] in names and code not in fund:
                tree.setdefault(code[:3], {}).setdefault(code[:5], []).append(code)
        fund_items = tuple(code for code in sorted(fund) if len(code) == 7 and code[:5] in names)
        ordinals = {row["function_code"]: f"{row['ordinal_label']}、{row['class_name']}"
                    for row in vocabulary.rows("ref_class_ordinal_map") if row["function_code"]}
        notes = {}
        for row in vocabulary.rows("table_notes"):
            if "本表无数据" in row["note_text"]:
                notes["gk07_government_fund" if row["table_code"] == "公开07" else "gk08_state_capital_expenditure"] = \
                    row["note_kind"] + "：" + row["note_text"]
        return cls(names, tree, fund_items, vocabulary.rows("gk06_basic_expenditure_by_economic"),
                   vocabulary.rows("gk01_income_expenditure_summary"),
                   vocabulary.rows("gk04_fiscal_appropriation_summary"), ordinals, notes)
