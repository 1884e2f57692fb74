"""The project appendix of a generated disclosure: one 项目支出绩效自评表 per 项 with project
expenditure, as the Nanyang appendix prints them: funds (年度资金总额 = 财政拨款 + 上年结转资金
+ 其他资金), fund management (20 points), indicators (70 points, each achieved as targeted),
execution rate score (10 points); and the narrative's statement of each project's result."""
from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from .disclosure import Disclosure
from .figures import CENT, percent, wan
from .reference import Reference

MANAGEMENT_ITEMS = (("安排科学性", 5), ("拨付合规性", 5), ("使用规范性", 5), ("预算绩效管理情况", 5))


def land_appendix(rng: random.Random, d: Disclosure, ref: Reference) -> list[str]:
    """Land the appendix; returns the 项 codes evaluated, in order."""
    fig = d.figures
    evaluations, funds, indicators, management, results = [], [], [], [], []
    # every 项 with project spending, 政府性基金 项 included (their spending is all project spending)
    projects = [c for c in fig.all_items if fig.project.get(c, 0) + fig.nonfiscal_project.get(c, 0) + fig.fund.get(c, 0) > 0]
    for project_no, code in enumerate(projects, 1):
        fiscal, other = fig.project.get(code, 0) + fig.fund.get(code, 0), fig.nonfiscal_project.get(code, 0)
        executed = fiscal + other
        annual = executed if rng.random() < 0.3 else executed * 100 // rng.randint(80, 100)
        fiscal_budget = annual * fiscal // executed
        other_budget = annual - fiscal_budget
        initial = annual * rng.randint(60, 100) // 100
        rate = percent(executed, annual)
        rate_score = (rate / 10).quantize(CENT, rounding=ROUND_HALF_UP)
        name = f"{ref.function_names[code]}项目{project_no}"
        place = {**d.key, "project_no": str(project_no), "source_page": str(30 + project_no), "source_line": ""}
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
        for row_no, (item, weight) in enumerate(MANAGEMENT_ITEMS, 1):
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
        score = rate_score + 20 + 70
        evaluations.append({**place, "table_title": "项目支出绩效自评情况表", "form_date_text": f"{d.fiscal_year + 1}年05月",
                            "project_name": name, "competent_department": d.unit_name,
                            "implementing_unit": d.unit_name, "goal_expected": "按计划完成年度目标",
                            "goal_actual": "已完成年度目标", "total_weight_text": "100",
                            "total_score_text": str(score), "transcription_note": ""})
        results.append({**d.key, "row_no": str(project_no), "project_name_as_stated": name,
                        "total_score_text": str(score), "grade": "优" if score >= 90 else "良",
                        "execution_rate_text": str(rate), "stated_outcome": "已完成年度目标。",
                        "source_page": "24", "source_line": ""})
    d.files["project_evaluations"], d.files["project_funds"] = evaluations, funds
    d.files["project_indicators"], d.files["project_fund_management"] = indicators, management
    d.files["narrative_project_results"] = results
    return projects
