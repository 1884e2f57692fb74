"""The narrative (情况说明) of a generated disclosure: every statement restates the printed
figures, in phrasings drawn from the vocabularies (``words``), landed as the extractor lands
a real narrative (narrative_figures, narrative_function_budget, narrative_comparison_wording,
mentions of the year and the unit)."""
from __future__ import annotations

import random
from decimal import Decimal

from .. import vocabulary
from ..sources import printed_place
from .appendix import land_appendix
from .disclosure import Disclosure
from .figures import percent, total, wan
from .reference import INCOME_SOURCES, THREE_PUBLIC_KEYS, THREE_PUBLIC_NAMES, Reference
from .words import change_words, compared_phrase, comparison_words, metric_word, ordinal_of, phrasings

REASONS_MORE = ["年中追加人员经费及项目经费。", "新增工作任务，追加相应经费。", "人员增加，相应支出增加。"]
REASONS_LESS = ["厉行节约，压减一般性支出。", "项目按进度支付，部分资金未支出。", "人员减少，相应支出减少。"]
# how a statement names its budget basis (seeds/vocab_budget_bases.csv, is_basis_label), as the rules' messages do
BASIS_LABELS = {row["basis"]: row["phrase"] for row in vocabulary.rows("vocab_budget_bases")
                if row["is_basis_label"] == "true" and row["basis"] in ("initial_budget", "full_year_budget")}
COMPLETED, FINAL = metric_word("completion_rate"), metric_word("final_amount")  # 完成, 决算
FUND_SECTION = "八、政府性基金预算财政拨款收入支出决算情况说明"


def _sense(stated: Decimal, base: Decimal) -> str:
    return "equal" if stated == base else ("greater" if stated > base else "less")


class Narrative:
    """The statements of one disclosure's narrative, in the order they are printed (the draws
    happen in that order too). ``page`` is the page being written."""

    def __init__(self, rng: random.Random, d: Disclosure, ref: Reference):
        self.rng, self.d, self.ref = rng, d, ref
        self.page = 21
        self.figures: list[dict] = []
        self.items: list[dict] = []
        self.wordings: list[dict] = []

    # ------------------------------------------------------------- statement rows
    def state(self, topic: str, section: str, subject: str, subject_key: str, metric: str, value, unit_text: str,
              phrase: str, word: str = "", basis: str = "") -> None:
        self.figures.append({**self.d.key, "row_no": str(len(self.figures) + 1), "topic": topic, "section": section,
                             "subsection": "", "subject": subject, "subject_key": subject_key, "metric": metric,
                             "value_text": "" if value is None else str(value), "value_unit": unit_text,
                             "stated_word": word, "quoted_phrase": phrase, "source_page": str(self.page),
                             "source_line": "", "budget_basis": basis})

    def amount_and_share(self, topic: str, section: str, subject: str, subject_key: str, amount: int, whole: int,
                         phrase: str) -> None:
        self.state(topic, section, subject, subject_key, "amount", wan(amount), "万元", phrase)
        self.state(topic, section, subject, subject_key, "share", percent(amount, whole), "%", phrase)

    def change(self, topic: str, section: str, subject: str, subject_key: str, current: int) -> None:
        """A change on last year: last year's figure drawn near this year's, stated as an amount and a rate."""
        rng = self.rng
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
        phrase = template.format(previous_year=self.d.fiscal_year - 1, subject=subject, amount_word=amount_word,
                                 amount=amount, rate_word=rate_word, rate_noun=rate_word, rate=rate)
        self.state(topic, section, subject, subject_key, "change_amount", amount, "万元", phrase, amount_word)
        self.state(topic, section, subject, subject_key, "change_rate", rate, "%", phrase, rate_word)

    def compare(self, topic: str, subject_key: str, subject: str, compared_with: str, stated: Decimal,
                base: Decimal, basis: str) -> None:
        """A comparison word of 决算 against 预算, with a reason where they differ."""
        sense = _sense(stated, base)
        word = self.rng.choice(comparison_words(sense))
        reason = self._reason(sense)
        self.wordings.append({
            **self.d.key, "row_no": str(len(self.wordings) + 1), "topic": topic, "subject_key": subject_key,
            "subject": subject, "compared_with": compared_with, "wording": word, "stated_reason": reason,
            "quoted_phrase": subject + compared_phrase(word, BASIS_LABELS.get(basis, "预算"), reason),
            "source_page": str(self.page), "source_line": "", "budget_basis": basis})

    def _reason(self, sense: str) -> str:
        return "" if sense == "equal" else self.rng.choice(REASONS_MORE if sense == "greater" else REASONS_LESS)

    # ------------------------------------------------------------- sections
    def totals(self) -> None:
        """一 to 四: the totals, income, expenditure and fiscal totals."""
        fig, year = self.d.figures, self.d.fiscal_year
        s1 = "一、收入支出决算总体情况说明"
        self.state("total", s1, "收支总计", "total", "amount", wan(fig.grand_total), "万元",
                   f"{year}年度收、支总计均为{wan(fig.grand_total)}万元。")
        self.change("total", s1, "收支总计", "total", fig.grand_total)
        s2 = "二、收入决算情况说明"
        self.state("income", s2, "本年收入合计", "income_total", "amount", wan(fig.income_sum), "万元",
                   f"{year}年度本年收入合计{wan(fig.income_sum)}万元。")
        for source, amount in fig.income_total.items():
            if amount:
                name = INCOME_SOURCES.get(source, "财政拨款收入")
                self.amount_and_share("income", s2, name, source, amount, fig.income_sum,
                                      f"{name}{wan(amount)}万元，占{percent(amount, fig.income_sum)}%。")
        s3 = "三、支出决算情况说明"
        self.state("expenditure", s3, "本年支出合计", "expenditure_total", "amount", wan(fig.expenditure_sum), "万元",
                   f"{year}年度本年支出合计{wan(fig.expenditure_sum)}万元。")
        for subject, key, amount in (("基本支出", "basic_expenditure", fig.basic_all),
                                     ("项目支出", "project_expenditure", fig.project_all)):
            if amount:
                self.amount_and_share("expenditure", s3, subject, key, amount, fig.expenditure_sum,
                                      f"{subject}{wan(amount)}万元，占{percent(amount, fig.expenditure_sum)}%。")
        s4 = "四、财政拨款收入支出决算总体情况说明"
        fiscal_total = fig.fiscal_all_expenditure
        self.state("fiscal_total", s4, "财政拨款收支总计", "fiscal_total", "amount", wan(fiscal_total), "万元",
                   f"{year}年度财政拨款收、支总计均为{wan(fiscal_total)}万元。")
        self.change("fiscal_total", s4, "财政拨款收支总计", "fiscal_total", fiscal_total)

    def general_budget(self) -> None:
        """五: the 一般公共预算 spending, its classes, its budget and the per-项 account."""
        fig, year, rng = self.d.figures, self.d.fiscal_year, self.rng
        s5 = "五、一般公共预算财政拨款支出决算情况说明"
        fiscal_total = fig.fiscal_expenditure
        share = percent(fiscal_total, fig.expenditure_sum)
        subject = "一般公共预算财政拨款支出"
        self.state("general_budget", s5, subject, "general_budget", "amount", wan(fiscal_total), "万元",
                   f"{year}年度一般公共预算财政拨款支出{wan(fiscal_total)}万元，占本年支出合计的{share}%。")
        self.state("general_budget", s5, subject, "general_budget", "share", share, "%", f"占本年支出合计的{share}%。")
        self.change("general_budget", s5, subject, "general_budget", fiscal_total)
        for class_code in fig.classes:
            amount = total(v for c, v in fig.fiscal.items() if c[:3] == class_code)
            class_subject = f"{self.ref.function_names[class_code].removesuffix('支出')}（类）支出"
            self.amount_and_share("general_budget", s5, class_subject, "class", amount, fiscal_total,
                                  f"{class_subject}{wan(amount)}万元，占{percent(amount, fiscal_total)}%。")
        # budget bases: most units state 年初预算; a unit founded in the year states 年初预算 0 and
        # its 全年预算 (or the 全年预算 alone); a 项 added during the year has no 年初预算 ("年初无预算")
        basis_mode = rng.choice(["initial"] * 6 + ["founded", "full_year_only"])
        initial = {c: fig.fiscal[c] * rng.randint(70, 130) // 100 if rng.random() < 0.8 else fig.fiscal[c]
                   for c in fig.items}
        full_year: dict[str, int] = {}
        if basis_mode != "initial":
            full_year = dict(initial)
            initial = {c: 0 for c in fig.items}
        else:
            for c in fig.items:
                if rng.random() < 0.1:
                    full_year[c], initial[c] = initial[c], 0
        initial_total = total(initial.values())
        full_year_total = total(full_year.values())
        if basis_mode != "full_year_only":
            self.state("general_budget", s5, subject, "general_budget", "initial_budget", wan(initial_total), "万元",
                       f"{year}年度一般公共预算财政拨款支出年初预算为{wan(initial_total)}万元。",
                       basis="initial_budget")
        if basis_mode != "initial":
            self.state("general_budget", s5, subject, "general_budget", "full_year_budget", wan(full_year_total),
                       "万元", f"全年预算为{wan(full_year_total)}万元。", basis="full_year_budget")
        self.state("general_budget", s5, subject, "general_budget", "final_amount", wan(fiscal_total),
                   "万元", f"支出{FINAL}为{wan(fiscal_total)}万元。")
        total_basis, total_budget = (("initial_budget", initial_total) if basis_mode == "initial"
                                     else ("full_year_budget", full_year_total))
        rate = percent(fiscal_total, total_budget)
        self.state("general_budget", s5, subject, "general_budget", "completion_rate", rate, "%",
                   f"{COMPLETED}{BASIS_LABELS[total_basis]}的{rate}%。", basis=total_basis)
        self.item_accounts(basis_mode, initial, full_year)
        self.compare("general_budget", "general_budget", subject, "initial_budget", wan(fiscal_total),
                     wan(total_budget), total_basis)

    def item_accounts(self, basis_mode: str, initial: dict[str, int], full_year: dict[str, int]) -> None:
        """The per-项 paragraphs: budget, 决算, completion rate, comparison word and reason."""
        fig, year, rng = self.d.figures, self.d.fiscal_year, self.rng
        names = self.ref.function_names
        style = rng.choice(vocabulary.rows("vocab_ordinal_styles"))
        for n, code in enumerate(fig.items, 1):
            basis = "full_year_budget" if code in full_year else "initial_budget"
            budget = full_year.get(code, initial[code])
            printed_initial, printed_budget = wan(initial[code]), wan(budget)
            printed_final = wan(fig.fiscal[code])
            sense = _sense(printed_final, printed_budget)
            word = rng.choice(comparison_words(sense))
            reason = self._reason(sense)
            # a completion rate is stated only where the printed budget of its basis is not 0.00
            rate = percent(fig.fiscal[code], budget) if printed_budget > 0 and rng.random() < 0.5 else ""
            if basis == "initial_budget":
                budgets = f"年初预算为{printed_initial}万元，"
            elif basis_mode == "full_year_only":
                budgets = f"全年预算为{printed_budget}万元，"
            elif basis_mode == "founded":
                budgets = f"年初预算为0万元，全年预算为{printed_budget}万元，"
            else:
                budgets = f"此项目为{year}年追加预算，年初无预算，全年预算为{printed_budget}万元，"
            phrase = (f"{ordinal_of(style, n)}{names[code[:3]]}（类）{names[code[:5]]}（款）{names[code]}（项）。"
                      f"{budgets}支出{FINAL}为{printed_final}万元"
                      + (f"，{COMPLETED}{BASIS_LABELS[basis]}数的{rate}%。" if rate else "。")
                      + compared_phrase(word, rng.choice([BASIS_LABELS[basis], "预算"]), reason))
            self.items.append({**self.d.key, "row_no": str(n), "item_no": str(n), "class_name": names[code[:3]],
                               "kuan_name": names[code[:5]], "xiang_name": names[code],
                               "initial_budget_text": "" if basis_mode == "full_year_only" else str(printed_initial),
                               "full_year_budget_text": str(printed_budget) if basis == "full_year_budget" else "",
                               "final_amount_text": str(printed_final),
                               "completion_rate_text": str(rate), "completion_rate_basis": basis if rate else "",
                               "wording": word, "wording_basis": basis, "stated_reason": reason,
                               "quoted_phrase": phrase, "source_page": str(self.page), "source_line": ""})

    def basic(self) -> None:
        """六: the basic expenditure, its 人员经费 and 公用经费."""
        fig, year = self.d.figures, self.d.fiscal_year
        s6 = "六、一般公共预算财政拨款基本支出决算情况说明"
        basic_total = total(fig.basic.values())
        self.state("basic", s6, "基本支出", "basic_expenditure", "amount", wan(basic_total), "万元",
                   f"{year}年度一般公共预算财政拨款基本支出{wan(basic_total)}万元。")
        self.state("basic", s6, "人员经费", "personnel", "amount", wan(fig.personnel), "万元",
                   f"其中：人员经费{wan(fig.personnel)}万元。")
        self.state("basic", s6, "公用经费", "public_use", "amount", wan(fig.public), "万元",
                   f"公用经费{wan(fig.public)}万元。")

    def three_public(self) -> None:
        """七: the 三公 budget and 决算 by category, their comparison and the change on last year."""
        fig = self.d.figures
        s7 = "七、财政拨款“三公”经费支出决算情况说明"
        budget, final = fig.three_public_budget, fig.three_public_final
        budget = {**budget, "total": total(budget.values()),
                  "vehicle_subtotal": budget["vehicle_purchase"] + budget["vehicle_operation"]}
        final = {**final, "total": total(final[k] for k in THREE_PUBLIC_KEYS),
                 "vehicle_subtotal": final["vehicle_purchase"] + final["vehicle_operation"]}
        for subject_key in ("total", "overseas_travel", "vehicle_subtotal", "official_reception"):
            name = THREE_PUBLIC_NAMES[subject_key]
            b, f = wan(budget[subject_key]), wan(final[subject_key])
            self.state("three_public", s7, name, subject_key, "budget", b, "万元", f"{name}预算为{b}万元。")
            self.state("three_public", s7, name, subject_key, "final_amount", f, "万元", f"{name}支出{FINAL}为{f}万元。")
            if budget[subject_key]:
                rate = percent(final[subject_key], budget[subject_key])
                self.state("three_public", s7, name, subject_key, "completion_rate", rate, "%", f"{COMPLETED}预算的{rate}%。")
            if subject_key != "total" and final["total"]:
                share = percent(final[subject_key], final["total"])
                self.state("three_public", s7, name, subject_key, "share", share, "%", f"占{share}%。")
            self.compare("three_public", subject_key, name, "budget", f, b, "budget")
        self.change("three_public", s7, "“三公”经费财政拨款支出", "total", final["total"])

    def nil_funds(self) -> None:
        """八 and 九: the 政府性基金 spending and its per-项 account (or none, stated in words); no
        国有资本经营 appropriation, stated in words."""
        unit, year = self.d.unit_name, self.d.fiscal_year
        if self.d.figures.fund:
            self.fund_accounts()
        else:
            self.state("government_fund", FUND_SECTION, "无政府性基金预算财政拨款收入",
                       "government_fund", "nil", None, "",
                       f"{unit}{year}年度无政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出。")
        self.state("state_capital", "九、国有资本经营预算财政拨款收入支出决算情况说明", "无国有资本经营预算财政拨款收入",
                   "state_capital", "nil", None, "",
                   f"{unit}{year}年度无国有资本经营预算财政拨款收入，也没有使用国有资本经营预算财政拨款安排的支出。")

    def fund_accounts(self) -> None:
        """八, a unit with 政府性基金 spending: the total's budget and 决算, then one paragraph per 项
        (landed with budget_topic government_fund, as the extractor lands a real one)."""
        fig, year, rng, names = self.d.figures, self.d.fiscal_year, self.rng, self.ref.function_names
        initial = {c: fig.fund[c] * rng.randint(70, 130) // 100 if rng.random() < 0.7 else fig.fund[c]
                   for c in fig.fund_items}
        subject = "政府性基金预算财政拨款支出"
        budget, final = wan(total(initial.values())), wan(fig.fund_total)
        self.state("government_fund", FUND_SECTION, subject, "government_fund", "initial_budget", budget, "万元",
                   f"{year}年度{subject}年初预算为{budget}万元。", basis="initial_budget")
        self.state("government_fund", FUND_SECTION, subject, "government_fund", "final_amount", final, "万元",
                   f"支出{FINAL}为{final}万元。")
        style = rng.choice(vocabulary.rows("vocab_ordinal_styles"))
        first_row = len(self.items)
        for n, code in enumerate(fig.fund_items, 1):
            printed_budget, printed_final = wan(initial[code]), wan(fig.fund[code])
            sense = _sense(printed_final, printed_budget)
            word = rng.choice(comparison_words(sense))
            reason = self._reason(sense)
            rate = percent(fig.fund[code], initial[code]) if printed_budget > 0 and rng.random() < 0.5 else ""
            phrase = (f"{ordinal_of(style, n)}{names[code[:3]]}（类）{names[code[:5]]}（款）{names[code]}（项）。"
                      f"年初预算为{printed_budget}万元，支出{FINAL}为{printed_final}万元"
                      + (f"，{COMPLETED}{BASIS_LABELS['initial_budget']}数的{rate}%。" if rate else "。")
                      + compared_phrase(word, BASIS_LABELS["initial_budget"], reason))
            self.items.append({**self.d.key, "row_no": str(first_row + n), "item_no": str(n),
                               "class_name": names[code[:3]], "kuan_name": names[code[:5]], "xiang_name": names[code],
                               "initial_budget_text": str(printed_budget), "full_year_budget_text": "",
                               "final_amount_text": str(printed_final),
                               "completion_rate_text": str(rate), "completion_rate_basis": "initial_budget" if rate else "",
                               "wording": word, "wording_basis": "initial_budget", "stated_reason": reason,
                               "quoted_phrase": phrase, "source_page": str(self.page), "source_line": "",
                               "budget_topic": "government_fund"})

    def performance(self) -> None:
        """十: the projects with targets and self-evaluated (the appendix landed here), their grades."""
        fig, year = self.d.figures, self.d.fiscal_year
        s10 = "十、预算绩效管理情况"
        projects = land_appendix(self.rng, self.d, self.ref)
        project_amount = sum((wan(fig.project.get(c, 0) + fig.nonfiscal_project.get(c, 0) + fig.fund.get(c, 0))
                              for c in projects), Decimal(0))
        for key, label in (("with_targets", "编报绩效目标的项目"), ("self_evaluated", "绩效自评的项目")):
            phrase = f"{label.removesuffix('的项目')}的{year}年度项目{len(projects)}个，涉及金额{project_amount}万元。"
            self.state("performance", s10, label, key, "count", len(projects), "个", phrase)
            self.state("performance", s10, label, key, "amount", project_amount, "万元", phrase)
        scores = [Decimal(r["total_score_text"]) for r in self.d.files["project_evaluations"]]
        for key, grade, test in (("grade_excellent", "优", lambda x: x >= 90), ("grade_good", "良", lambda x: 80 <= x < 90),
                                 ("grade_fair", "中", lambda x: 60 <= x < 80), ("grade_poor", "差", lambda x: x < 60)):
            count = sum(1 for score in scores if test(score))
            self.state("performance", s10, f"评价等级为“{grade}”的项目", key, "count", count, "个",
                       f"评价等级为“{grade}”的项目{count}个。")

    def other_matters(self) -> None:
        """十一: 机关运行经费 and its change, 政府采购 and its parts, vehicles."""
        fig, year, rng = self.d.figures, self.d.fiscal_year, self.rng
        s11 = "十一、其他重要事项的情况说明"
        operating = max(fig.public * rng.randint(40, 90) // 100, 1_000_000)
        self.state("operating_cost", s11, "机关运行经费支出", "operating_cost", "amount", wan(operating), "万元",
                   f"{year}年度机关运行经费支出{wan(operating)}万元。")
        self.change("operating_cost", s11, "机关运行经费支出", "operating_cost", operating)
        parts = {"goods": rng.randint(0, 3_000_000_0), "works": rng.randint(0, 2_000_000_0) if rng.random() < 0.3 else 0,
                 "services": rng.randint(1_000_000, 5_000_000_0)}
        procurement = total(parts.values())
        self.state("procurement", s11, "政府采购支出", "procurement_total", "amount", wan(procurement), "万元",
                   f"{year}年度政府采购支出总额{wan(procurement)}万元。")
        for part, label in (("goods", "货物"), ("works", "工程"), ("services", "服务")):
            self.state("procurement", s11, f"政府采购{label}支出", part, "amount", wan(parts[part]), "万元",
                       f"政府采购{label}支出{wan(parts[part])}万元。")
        vehicles = {"执法执勤用车": rng.randint(0, 3), "其他用车": rng.randint(0, 4)}
        self.state("assets", s11, "车辆", "vehicles", "count", total(vehicles.values()), "辆",
                   f"截至{year}年12月31日，共有车辆{total(vehicles.values())}辆。")
        for name, count in vehicles.items():
            self.state("assets", s11, name, "vehicle_category", "count", count, "辆", f"其中{name}{count}辆。")

    def mentions(self) -> list[dict]:
        """Where the document names its year and its unit (the checks of year and name read them)."""
        d, year, unit = self.d, self.d.fiscal_year, self.d.unit_name
        mentions = [("year", "title", str(year), f"{year}年度{unit}{d.layout}", printed_place(page=1)),
                    ("unit_name", "part_heading", unit, f"第一部分{unit}概况", printed_place(page=2)),
                    ("year", "title", str(year), f"第二部分{year}年度{d.layout}表", printed_place(page=3)),
                    ("year", "title", str(year), f"第三部分{year}年度{d.layout}情况说明", printed_place(page=21)),
                    ("year", "comparison", str(year - 1), f"与{year - 1}年度相比，收支总计", printed_place(page=21)),
                    ("unit_name", "sentence", unit, f"{unit}{year}年度收、支总计", printed_place(page=21)),
                    ("year", "as_of", str(year), f"截至{year}年12月31日", printed_place(page=self.page))]
        return [{**d.key, "mention_no": str(n), "mention_kind": kind, "frame": frame, "value_as_printed": value,
                 "context": context, "printed_at": at} for n, (kind, frame, value, context, at) in enumerate(mentions, 1)]


def land_narrative(rng: random.Random, d: Disclosure, ref: Reference) -> None:
    narrative = Narrative(rng, d, ref)
    narrative.totals()
    narrative.page += 1
    narrative.general_budget()
    narrative.basic()
    narrative.page += 1
    narrative.three_public()
    narrative.nil_funds()
    narrative.performance()
    narrative.page += 1
    narrative.other_matters()
    d.files["narrative_figures"] = narrative.figures
    d.files["narrative_function_budget"] = narrative.items
    d.files["narrative_comparison_wording"] = narrative.wordings
    d.files["mentions"] = narrative.mentions()
    d.files["unplaced"], d.files["layout_judgments"] = [], []
