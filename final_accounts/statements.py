"""Reading the narrative (情况说明) into statements: every figure it states, the per-项
年初预算/决算 account, the comparison words it uses, and the project self-evaluation
results, each with the sentence it stands in and where it is printed.

The narrative is the part between the heading "一、收入支出决算总体情况说明" (its last
occurrence: the table of contents prints it too) and "第四部分"/"名词解释". Its lines are
joined (sentences wrap across lines and pages in both layouts; blanks inside figures are
removed) and cut at the section headings ("一、…", "（一）…"). Each heading gives a
``topic`` (one canonical name per statement group, whatever the heading's number or
wording; seeds/vocab_narrative_topics.csv); a sub-heading refines the topic where it names one ("十一、其他重要事项" →
"（一）机关运行经费支出情况").

Within a topic every number with a unit (seeds/vocab_figure_units.csv) is one figure. Its
``metric`` comes from the words of its clause (seeds/vocab_metrics.csv: 年初预算 →
initial_budget, 决算 → final_amount, 完成 → completion_rate, 增加/减少 → change_amount,
增长/下降 → change_rate, else the default of the unit's kind: share, amount, count); its
``subject_key`` from the subject the clause (or, when the clause names none, the sentence
so far) names, by the subject vocabulary (seeds/vocab_narrative_subjects.csv). A figure whose subject the vocabulary does not
know is still landed, with subject_key ``unclassified``; nothing printed is dropped.

Layout-independent by design: nothing here depends on a section's number, its position,
or a unit's name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import vocabulary
from .sources import Item

LEVEL1 = re.compile(r"^([一二三四五六七八九十]{1,3})、(\S.{1,40})$")
LEVEL2 = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]\s*(\S.{1,40})$")
NARRATIVE_END = re.compile(r"^第[四五六七]部分|^名词解释|^附件|^附表")

# the vocabularies are data (seeds/vocab_*.csv), read here, by the SQL rules and by the
# corpus generator alike: a new word is a row, not code
def _longest_first(words) -> list[str]:
    return sorted(set(words), key=lambda word: (-len(word), word))


# 决算 against 预算: word → sense (greater / less / equal / differs)
BUDGET_WORDS = {row["word"]: row["sense"] for row in vocabulary.rows("vocab_comparison_words")}
BUDGET_WORD = "|".join(_longest_first(BUDGET_WORDS))
# change on last year: word → direction (up / down / none), and whether it names an amount or a rate
CHANGE_WORDS = {row["word"]: row for row in vocabulary.rows("vocab_change_words")}
CHANGE_AMOUNT_WORDS = tuple(word for word, row in CHANGE_WORDS.items() if row["names_amount"] == "true")
CHANGE_RATE_WORDS = tuple(word for word, row in CHANGE_WORDS.items() if row["names_rate"] == "true")
CHANGE_WORD = "|".join(_longest_first(CHANGE_AMOUNT_WORDS + CHANGE_RATE_WORDS))
# no change on last year ("持平"): stated in words, with no amount or rate
LEVEL_WORD = "|".join(_longest_first(word for word, row in CHANGE_WORDS.items() if row["direction"] == "none"))
COMPARISON_WORDS = _longest_first(list(BUDGET_WORDS) + list(CHANGE_AMOUNT_WORDS + CHANGE_RATE_WORDS))
# budget bases: phrase → basis (initial_budget / full_year_budget / budget, the last naming no basis)
BASES = {row["phrase"]: row["basis"] for row in vocabulary.rows("vocab_budget_bases")}
BASIS_PHRASE = "|".join(_longest_first(BASES))
EXPLICIT_BASIS_PHRASE = "|".join(_longest_first(phrase for phrase, basis in BASES.items() if basis != "budget"))
GENERIC_BASIS = "budget"

# topic by heading keywords, most specific first (seeds/vocab_narrative_topics.csv)
TOPICS: list[tuple[str, str]] = [
    (row["heading_pattern"], row["topic"])
    for row in sorted(vocabulary.rows("vocab_narrative_topics"), key=lambda row: int(row["sort_order"]))]

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# units of a figure and their kind (amount / rate / count / score), longest first as listed
UNIT_KINDS = {row["unit"]: row["unit_kind"] for row in vocabulary.rows("vocab_figure_units")}
UNITS = "|".join(re.escape(unit) for unit in UNIT_KINDS)
# metrics: the words naming a metric in a figure's clause ("完成" → completion_rate, "决算" →
# final_amount), the metric a budget basis names (vocab_budget_bases: "全年预算" →
# full_year_budget → full_year_budget), and the metric of a unit kind no word names otherwise
METRICS = vocabulary.rows("vocab_metrics")
BUDGET_METRICS = {row["budget_basis"]: row["metric"] for row in METRICS if row["budget_basis"]}
DEFAULT_METRICS = {row["unit_kind"]: row["metric"] for row in METRICS if row["is_default"] == "true"}


def metric_words(metric: str) -> tuple[str, ...]:
    return tuple(row["word"] for row in METRICS if row["metric"] == metric and row["word"])


COMPLETION_WORD = "|".join(_longest_first(metric_words("completion_rate")))
FINAL_WORDS = metric_words("final_amount")
_RATE_LOOKBEHIND = "|".join(f"(?<={word})" for word in _longest_first(CHANGE_RATE_WORDS))
# a 决算 printed without "万元" ("支出决算为307.82，完成…") is still an amount in 万元
FIGURE = re.compile(rf"(?P<value>{NUMBER})(?P<unit>{UNITS})|(?:{_RATE_LOOKBEHIND})(?P<bare>{NUMBER})(?=[。，；;])"
                    rf"|(?:(?<=决算为)|(?<=决算数为)|(?<=决算是))(?P<bare_amount>{NUMBER})(?=[。，；;])")
# a number that is a threshold ("单价100万元（含）以上设备"), not an amount
THRESHOLD_AFTER = re.compile(r"^（含）以上|^\(含\)以上|^以上")


# subject vocabulary (seeds/vocab_narrative_subjects.csv): (topic or "*", keyword pattern,
# subject_key), in sort_order; the first match wins
SUBJECTS: list[tuple[str, str, str]] = [
    (row["topic"], row["pattern"], row["subject_key"])
    for row in sorted(vocabulary.rows("vocab_narrative_subjects"), key=lambda row: int(row["sort_order"]))]

FIGURE_COLUMNS = ["row_no", "topic", "section", "subsection", "subject", "subject_key", "metric", "value_text",
                  "value_unit", "stated_word", "quoted_phrase", "source_page", "source_line", "budget_basis"]
ITEM_COLUMNS = ["row_no", "item_no", "class_name", "kuan_name", "xiang_name", "initial_budget_text",
                "final_amount_text", "completion_rate_text", "wording", "stated_reason", "quoted_phrase",
                "source_page", "source_line", "full_year_budget_text", "budget_text", "completion_rate_basis",
                "wording_basis", "budget_topic", "final_amount_restated_text"]
WORDING_COLUMNS = ["row_no", "topic", "subject_key", "subject", "compared_with", "wording", "stated_reason",
                   "quoted_phrase", "source_page", "source_line", "budget_basis"]
PROJECT_COLUMNS = ["row_no", "project_name_as_stated", "total_score_text", "grade", "execution_rate_text",
                   "stated_outcome", "source_page", "source_line"]


@dataclass
class Block:
    """The joined text under one heading, with the item each character comes from."""

    topic: str
    section: str
    subsection: str
    text: str = ""
    origins: list[Item] = field(default_factory=list)

    def add(self, item: Item) -> None:
        line = re.sub(r"\s+", "", item.text)
        self.text += line
        self.origins.extend([item] * len(line))

    def where(self, position: int) -> dict:
        item = self.origins[min(position, len(self.origins) - 1)]
        return {"source_page": item.page, "source_line": item.line}


@dataclass
class Statements:
    figures: list[dict] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)
    wordings: list[dict] = field(default_factory=list)
    projects: list[dict] = field(default_factory=list)
    # read problems (landing.READ_PROBLEM_COLUMNS without the key and problem_no)
    problems: list[dict] = field(default_factory=list)


def topic_of(heading: str) -> str | None:
    for pattern, topic in TOPICS:
        if re.search(pattern, heading):
            return topic
    return None


def subject_key(topic: str, subject: str) -> str | None:
    for subject_topic, pattern, key in SUBJECTS:
        if subject_topic in (topic, "*") and re.search(pattern, subject):
            return key
    return None


# the topics whose narrative accounts for its spending 项 by 项, each against its own table: 一般公共预算
# (公开05), 政府性基金 (公开07) and 国有资本经营 (公开08)
ITEM_TOPICS = ("general_budget", "government_fund", "state_capital")

# a line naming a 类/款/项 is a per-项 paragraph numbered "一、" or "（一）", not a heading
ITEM_LINE = re.compile(r"[（(](?:类|款|项)[）)]")


def _is_heading(flat: str) -> re.Match | None:
    match = LEVEL1.match(flat) or LEVEL2.match(flat)
    return match if match and not FIGURE.search(flat) and not ITEM_LINE.search(flat) else None


def narrative_lines(items: list[Item]) -> list[Item]:
    """The narrative: from the first section heading with a known topic whose paragraph
    states a figure (the table of contents lists the same headings with no paragraphs)
    to the next part (第四部分 名词解释, 附件)."""
    texts = [item for item in items if item.kind == "text" and item.text.strip()]
    flats = [re.sub(r"\s+", "", item.text) for item in texts]
    start = None
    for index, flat in enumerate(flats):
        heading = LEVEL1.match(flat)
        if not heading or FIGURE.search(flat) or topic_of(heading.group(2)) in (None, "other_matters"):
            continue
        for following in flats[index + 1:]:
            if _is_heading(following) or NARRATIVE_END.match(following):
                break
            if FIGURE.search(following):
                start = index
                break
        if start is not None:
            break
    if start is None:
        return []
    lines = []
    for item, flat in zip(texts[start:], flats[start:]):
        if NARRATIVE_END.match(flat):
            break
        lines.append(item)
    return lines


def blocks(lines: list[Item]) -> list[Block]:
    result: list[Block] = []
    section = subsection = ""
    section_topic = "unknown"
    for item in lines:
        flat = re.sub(r"\s+", "", item.text)
        level1, level2 = LEVEL1.match(flat), LEVEL2.match(flat)
        if ITEM_LINE.search(flat):
            level1 = level2 = None
        if level1 and not FIGURE.search(flat):
            section, subsection = flat, ""
            section_topic = topic_of(level1.group(2)) or "unknown"
            result.append(Block(section_topic, section, subsection))
            continue
        if level2 and not FIGURE.search(flat) and len(flat) <= 40:
            subsection = flat
            topic = topic_of(level2.group(2)) if section_topic in ("other_matters", "unknown") else None
            result.append(Block(topic or section_topic, section, subsection))
            continue
        if not result:
            result.append(Block(section_topic, section, subsection))
        result[-1].add(item)
    return [block for block in result if block.text]


def _sentences(text: str, start: int, end: int):
    """(start, end) of each sentence of text[start:end], cut after 。"""
    position = start
    for match in re.finditer(r"。", text[start:end]):
        stop = start + match.end()
        yield position, stop
        position = stop
    if position < end:
        yield position, end


def _clause_start(text: str, sentence_start: int, position: int) -> int:
    """Start of the clause holding position: after the last ，；：、 (or the sentence start)."""
    cut = sentence_start
    for match in re.finditer(r"[，；;：:,、]", text[sentence_start:position]):
        cut = sentence_start + match.end()
    return cut


def _clean_subject(text: str) -> str:
    text = re.sub(r"20\d{2}年(?:度)?|本年度|与上年度相比|与上年相比|比上年度?|较上年度?|[比较]20\d{2}年度?|其中|主要用于以下方面",
                  "", text)
    return re.sub("约$", "", text.strip("，；;：:、。 ")).strip("，；;：:、。 ")


def _budget_phrase(topic: str, clause: str) -> str | None:
    """The budget phrase a clause states a budget under ("年初预算为", "全年预算约为", and for the
    budget topics a clause ending in "预算数为"), or None."""
    phrases = list(re.finditer(BASIS_PHRASE, clause))
    if not phrases or "决算" in clause[phrases[-1].end():]:
        return None
    last = phrases[-1].group(0)
    if BASES[last] != GENERIC_BASIS:
        return last
    if topic in ("three_public", "general_budget", "government_fund", "state_capital") and \
            re.search(r"预算(?:数)?(?:约)?(?:为|是)?(?:约)?$", clause):
        return last
    return None


def _metric(topic: str, clause: str, unit: str) -> tuple[str, str | None]:
    """The metric of a figure from the words of its clause before it, and the comparison word."""
    words = [word for word in COMPARISON_WORDS if word in clause]
    last_word = max(words, key=lambda word: clause.rfind(word) + len(word)) if words else None
    kind = UNIT_KINDS.get(unit, "count")
    if kind == "rate":
        if re.search(COMPLETION_WORD, clause):
            return "completion_rate", None
        if last_word in CHANGE_RATE_WORDS or re.search(CHANGE_WORD, clause):
            return "change_rate", _rate_word(clause)
        return DEFAULT_METRICS[kind], None
    if kind == "amount":
        if last_word in CHANGE_AMOUNT_WORDS and not re.search(r"为约?$", clause):
            return "change_amount", last_word
        phrase = _budget_phrase(topic, clause)
        if phrase is not None:
            return ("budget" if topic == "three_public" else BUDGET_METRICS[BASES[phrase]]), None
        # 三公 figures are 预算 or 决算: an amount naming neither is its 决算
        if topic == "three_public" or any(word in clause for word in FINAL_WORDS):
            return "final_amount", None
        return DEFAULT_METRICS[kind], None
    return DEFAULT_METRICS[kind], None


def _rate_word(clause: str) -> str | None:
    """The word printed before a rate of change, as printed ("增长", "下降", "下降（增长）")."""
    match = re.search(rf"({CHANGE_WORD})(?:[（(](?:{CHANGE_WORD})[）)])?(?:约)?$", clause)
    if match:
        return re.sub("约$", "", match.group(0))
    match = re.search(rf"({CHANGE_WORD})", clause)
    return match.group(1) if match else None


CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
NUMERALS = {"arabic": r"\d{1,2}", "chinese": r"[一二三四五六七八九十]{1,3}"}
# ordinal styles of the per-项 paragraphs (1、 / 1. / （1） / (1) / （一） / 一、 / 一是 / 第一), as data;
# an ordinal opens an item where a 类/款/项 name follows it
ITEM_LOOKAHEAD = r"(?=[“\"‘]?[^。]{0,40}?[（(](?:类|款|项)[）)])"
ORDINAL_STYLES = [
    (row["style"], re.compile(r"(?:(?<=[。：；;:])|^)" + re.escape(row["prefix"]) + f"({NUMERALS[row['numeral']]})"
                              + re.escape(row["suffix"]) + ITEM_LOOKAHEAD))
    for row in vocabulary.rows("vocab_ordinal_styles")]
QUOTES = "“”\"‘’「」"
ITEM_NAMES = re.compile(rf"^[{QUOTES}]?(?P<class>[^（({QUOTES}]+?)[{QUOTES}]?(?:[（(]类[）)])[{QUOTES}]?(?P<kuan>[^{QUOTES}]+?)[{QUOTES}]?"
                        rf"[（(]款[）)][{QUOTES}]?(?P<xiang>[^{QUOTES}]+?)[{QUOTES}]?[（(]项[）)][{QUOTES}]?")
# a stated budget of any basis ("年初预算为A万元", "全年预算约为B万元", "调整后预算为C万元")
BUDGET_FIGURE = re.compile(rf"(?P<phrase>{BASIS_PHRASE})(?:数)?(?:约)?(?:为|是)?(?:约)?(?P<v>{NUMBER})(?![\d.])(?:万元|万)")
# a 项 added during the year: its 年初预算 is 0, stated in words
NO_INITIAL = re.compile(r"年初无预算|年初未安排预算|无年初预算|年初预算为空")
# 决算, "万元" may be left out ("支出决算为307.82。")
FINAL = re.compile(rf"(?:支出)?决算(?:数)?(?:约)?(?:为|是)?(?:约)?(?P<v>{NUMBER})(?![\d.%％])(?:万元|万)?")
# the 决算 stated in the item's heading, right after its names ("…（项）：257.14万元。", "…（项）支出257.14万元")
HEADING_FINAL = re.compile(rf"^[：:，,]?(?:支出)?(?:决算)?(?:数)?(?:为|是)?(?P<v>{NUMBER})(?:万元|万)")
PREVIOUS_FINAL = re.compile(r"(?:上年|上一年|去年|20\d{2}年度?)[^，。；]{0,4}$")
# a 决算 stated again whose figure does not read as a number ("支出决算为2S7.14万元", an OCR misread):
# landed as printed, so the restatement rule names it 无法核对
LOOSE_FINAL = re.compile(r"(?:支出)?决算(?:数)?(?:约)?(?:为|是)(?:约)?(?P<v>[0-9０-９][0-9０-９OoSsIl,，.．]{0,14})(?:万元|万)")
RATE = re.compile(rf"(?:{COMPLETION_WORD})(?P<phrase>{BASIS_PHRASE})?(?:数)?的?(?P<v>{NUMBER})[%％]")
WORDING = re.compile(rf"决算数?(?P<w2>{BUDGET_WORD})(?P<b2>{BASIS_PHRASE})数?"
                     rf"|决算数?(?:与|同|比|较)(?P<b1>{BASIS_PHRASE})数?(?:相比|相较)?(?P<w>{BUDGET_WORD})")
REASON = re.compile(r"主要原因(?:是|为)?[：:]?(?P<r>[^。]*。?)")
PREVIOUS_YEAR = re.compile(rf"上年|上一年|20\d{{2}}年度?(?:相比|{LEVEL_WORD}|{CHANGE_WORD})|比20\d{{2}}|与20\d{{2}}|较20\d{{2}}")
PROJECT = re.compile(rf"(?:^|(?<=。))(?P<name>[^。]{{2,80}}?)(?:绩效)?(?:自评价?结果为)?[：:]?总得分(?P<score>{NUMBER})分[，,]?属于[“\"](?P<grade>[^”\"]+)[”\"][，。,]?"
                     rf"(?:预算)?执行率(?P<rate>{NUMBER})[%％]。?")
OUTCOME = re.compile(r"本项目(?:年度绩效|年度)?目标完成情况[：:]")


def _reason(text: str) -> str | None:
    match = REASON.search(text)
    return match.group("r") if match and match.group("r") else None


def _basis_at(text: str, position: int, phrase: str | None = None) -> str:
    """The budget basis a phrase names ("年初预算" → initial_budget); a phrase naming none
    ("预算数", "预算", or none at all) refers to the budget last stated before it in the text."""
    if phrase and BASES.get(phrase, GENERIC_BASIS) != GENERIC_BASIS:
        return BASES[phrase]
    basis = None
    for match in BUDGET_FIGURE.finditer(text, 0, position):
        if BASES[match.group("phrase")] != GENERIC_BASIS:
            basis = BASES[match.group("phrase")]
    if basis is None and NO_INITIAL.search(text, 0, position):
        basis = "initial_budget"
    return basis or GENERIC_BASIS


def _wording_match(text: str) -> tuple[str, str | None, int] | None:
    """(word, basis phrase, position) of the first comparison of 决算 with a budget in text."""
    match = WORDING.search(text)
    if not match:
        return None
    if match.group("w2"):
        return match.group("w2"), match.group("b2"), match.start()
    return match.group("w"), match.group("b1"), match.start()


def _wording(text: str) -> str | None:
    found = _wording_match(text)
    return found[0] if found else None


def _item_no(numeral: str) -> str:
    """"3" → "3", "三" → "3", "十二" → "12"."""
    if numeral.isdigit():
        return str(int(numeral))
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        return str(CHINESE_DIGITS.get(tens, 1) * 10 + CHINESE_DIGITS.get(units, 0))
    return str(CHINESE_DIGITS.get(numeral, 0))


def _item_starts(text: str) -> list[re.Match]:
    """The ordinals opening per-项 paragraphs, in the one style that opens the most named items."""
    best: list[re.Match] = []
    for _style, pattern in ORDINAL_STYLES:
        starts = list(pattern.finditer(text))
        named = [m for m in starts if ITEM_NAMES.match(text[m.end():m.end() + 200])]
        if len(named) > len([m for m in best if ITEM_NAMES.match(text[m.end():m.end() + 200])]):
            best = starts
    return best


def _problem(rule_id: str, block: Block, position: int, printed: str, detail: str) -> dict:
    where = block.where(position)
    return {"rule_id": rule_id, "table_code": None, "source_page": where["source_page"],
            "source_line": where["source_line"], "printed_text": printed[:300], "detail": detail}


def _items(block: Block, statements: Statements) -> list[tuple[int, int]]:
    """Per-项 paragraphs "N、X（类）Y（款）Z（项）…年初预算为A万元，(全年预算为F万元，)支出决算为B万元…",
    numbered in any ordinal style of the vocabulary. Each stated budget is landed under its
    basis; the basis of a completion rate and of the comparison word is the one they name, or
    (for "预算数") the budget last stated in the paragraph. What the grammar expects and cannot
    read is a read problem (READ-NARRATIVE-FIELD / READ-NARRATIVE-LIST), landed as NULL."""
    text = block.text
    starts = _item_starts(text)
    spans = []
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        body = text[match.end():end]
        names = ITEM_NAMES.match(body)
        if not names:
            statements.problems.append(_problem(
                "READ-NARRATIVE-LIST", block, match.start(), text[match.start():end],
                f"逐项说明第{_item_no(match.group(1))}项：未能读出“类（类）款（款）项（项）”名称，该项未入库"))
            continue
        spans.append((match.start(), end))
        rest = body[names.end():]
        budgets: dict[str, str] = {}
        for budget in BUDGET_FIGURE.finditer(rest):
            basis = _basis_at(rest, budget.start(), budget.group("phrase"))
            budgets.setdefault(basis, budget.group("v"))
        if "initial_budget" not in budgets and NO_INITIAL.search(rest):
            budgets["initial_budget"] = "0"
        final = FINAL.search(rest)
        restated = _restated_final(rest, final)
        rate = RATE.search(rest)
        worded = _wording_match(rest)
        item = {
            "item_no": _item_no(match.group(1)), "class_name": names.group("class"), "kuan_name": names.group("kuan"),
            "xiang_name": names.group("xiang"),
            "initial_budget_text": budgets.get("initial_budget"),
            "full_year_budget_text": budgets.get("full_year_budget"),
            "budget_text": budgets.get(GENERIC_BASIS),
            "final_amount_text": final.group("v") if final else None,
            "final_amount_restated_text": restated,
            "completion_rate_text": rate.group("v") if rate else None,
            "completion_rate_basis": _basis_at(rest, rate.start(), rate.group("phrase")) if rate else None,
            "wording": worded[0] if worded else None,
            "wording_basis": _basis_at(rest, worded[2], worded[1]) if worded else None,
            "stated_reason": _reason(rest),
            "quoted_phrase": text[match.start():end], **block.where(match.start()), "budget_topic": block.topic}
        missing = [label for label, value in (("预算（年初预算、全年预算或预算数）", budgets), ("支出决算", final)) if not value]
        if missing:
            statements.problems.append(_problem(
                "READ-NARRATIVE-FIELD", block, match.start(), text[match.start():end],
                f"逐项说明第{item['item_no']}项 {item['xiang_name']}（项）：未能读出{'、'.join(missing)}，以空值入库"))
        statements.items.append(item)
    # a 项 named outside every numbered paragraph: the list did not split into items
    regions = [(match.start(), starts[i + 1].start() if i + 1 < len(starts) else len(text))
               for i, match in enumerate(starts)]
    reported: set[int] = set()
    for found in re.finditer(r"[（(]项[）)]", text):
        if any(start <= found.start() < stop for start, stop in regions):
            continue
        sentence_start = text.rfind("。", 0, found.start()) + 1
        if sentence_start in reported:
            continue
        reported.add(sentence_start)
        sentence_end = text.find("。", found.end())
        statements.problems.append(_problem(
            "READ-NARRATIVE-LIST", block, sentence_start,
            text[sentence_start:(sentence_end + 1) if sentence_end >= 0 else len(text)],
            "逐项说明：此处所述的项未能按序号分为单独的项，未入库"))
    return spans


def _restated_final(rest: str, final: re.Match | None) -> str | None:
    """The 决算 of a per-项 paragraph stated a second time (in its heading and in its sentence, or in
    two sentences): the first restatement that differs from the 决算 read (``final``), else the
    first restatement; None where the paragraph states its 决算 once. A restatement whose figure
    does not read as a number is returned as printed (the rule then cannot judge it)."""
    if final is None:
        return None
    stated: list[tuple[int, str]] = []
    heading = HEADING_FINAL.match(rest)
    if heading and heading.start("v") != final.start("v"):
        stated.append((heading.start("v"), heading.group("v")))
    for loose in LOOSE_FINAL.finditer(rest):
        # last year's 决算 ("上年决算为…", "2023年决算数为…") is another quantity
        if loose.start("v") != final.start("v") and not PREVIOUS_FINAL.search(rest[max(0, loose.start() - 8):loose.start()]):
            stated.append((loose.start("v"), loose.group("v")))
    for strict in FINAL.finditer(rest):
        if strict.start("v") != final.start("v") and not PREVIOUS_FINAL.search(rest[max(0, strict.start() - 8):strict.start()]) \
                and all(start != strict.start("v") for start, _ in stated):
            stated.append((strict.start("v"), strict.group("v")))
    values = [value for _, value in sorted(stated)]
    if not values:
        return None
    return next((value for value in values if value.replace(",", "") != final.group("v").replace(",", "")), values[0])


def _projects(block: Block, statements: Statements) -> list[tuple[int, int]]:
    """Project self-evaluation results: "NAME…总得分S分，属于“优”，预算执行率R%。本项目目标完成情况：…"."""
    matches = list(PROJECT.finditer(block.text))
    spans = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(block.text)
        tail = block.text[match.end():end]
        outcome = OUTCOME.search(tail)
        name = re.sub(r"(?:绩效)?(?:自评价?结果为)?[：:]?$", "", re.sub(r"^.*如下[：:]", "", match.group("name")))
        statements.projects.append({
            "project_name_as_stated": name, "total_score_text": match.group("score"), "grade": match.group("grade"),
            "execution_rate_text": match.group("rate"),
            "stated_outcome": tail[outcome.end():] if outcome else None, **block.where(match.start())})
        spans.append((match.start(), end))
    return spans


def _figures(block: Block, statements: Statements, skip: list[tuple[int, int]]) -> None:
    text = block.text
    for sentence_start, sentence_end in _sentences(text, 0, len(text)):
        if any(start <= sentence_start < end for start, end in skip):
            continue
        sentence = text[sentence_start:sentence_end]
        previous_subject, previous_key, last_stop = "", None, sentence_start
        for match in FIGURE.finditer(text, sentence_start, sentence_end):
            if any(start <= match.start() < end for start, end in skip):
                continue
            # a digit run glued to a longer number or a year ("2024年") is not a figure
            if match.start() > 0 and (text[match.start() - 1].isdigit() or text[match.start() - 1] == "."):
                continue
            after = text[match.end():match.end() + 8]
            # a rate of change printed without its % sign ("增长13.95。") is still a rate
            unit = match.group("unit") or ("%" if match.group("bare") else "万元" if match.group("bare_amount") else None)
            value = match.group("value") or match.group("bare") or match.group("bare_amount")
            clause_start = max(_clause_start(text, sentence_start, match.start()), last_stop)
            clause = text[clause_start:match.start()]
            span_start, last_stop = last_stop, match.end()
            metric, word = _metric(block.topic, text[_clause_start(text, sentence_start, match.start()):match.start()],
                                   unit)
            if THRESHOLD_AFTER.match(after):
                metric = "threshold"
            subject = _clean_subject(re.split(r"年初预算|预算(?:数)?为|(?:支出)?决算|为|是|共有|共计|增加|减少|增长|下降|占|完成|各",
                                              clause)[0])
            clause_end = re.search(r"[，；：:。]|$", text[match.end():sentence_end]).start() + match.end()
            # the subject: named before the figure in its clause, else in the words since the
            # previous figure, else the previous figure's (a share or rate after its amount),
            # else anywhere in the sentence so far
            # after 占 a share names what it is a share of, not its subject
            named = clause.split("占")[0] if metric == "share" else clause
            span = text[span_start:match.start()]
            span = span.split("占")[0] if metric == "share" else span
            key = (subject_key(block.topic, subject) if subject else None) or (
                subject_key(block.topic, named) if named else None)
            if key is None and span:
                key = subject_key(block.topic, span)
            if key is None and block.topic == "performance":
                key = subject_key(block.topic, text[clause_start:clause_end])
            if key is not None and not subject:
                # "完成年初预算的98.20%": the subject is the one just named, not the words of the clause
                subject = previous_subject if key == previous_key and previous_subject else _clean_subject(clause)
            if key is None and previous_key is not None and metric != "count":
                subject, key = previous_subject, previous_key
            if key is None:
                key = subject_key(block.topic, sentence[:match.start() - sentence_start])
                subject = subject or _clean_subject(sentence[:match.start() - sentence_start])[-30:]
            previous_subject, previous_key = subject, key
            # a figure stated against the previous year ("与上年度相比，收、支总计各攀至X万元") with a
            # word before it that the vocabulary does not know cannot be told an amount from a
            # change: landed, compared by no rule, and reported as a read problem
            unknown = _unknown_word(block.topic, clause) if (
                metric in ("amount", "final_amount") and not re.search(CHANGE_WORD, clause)
                and PREVIOUS_YEAR.search(sentence[:match.start() - sentence_start])) else None
            if unknown:
                statements.problems.append(_problem(
                    "READ-NARRATIVE-FIELD", block, match.start(), sentence,
                    f"与上年相比的陈述中，{value}万元之前的“{unknown}”不是已知的变动词或连接词（词表 vocab_change_words）："
                    "不能判断是金额还是变动额，未作核对"))
                key = "unclassified"
            # a figure inside the stated reason ("主要原因：项目支出增加，较上一年度增加X万元") is
            # landed, but it restates nothing the rules compare
            if re.search(r"主要原因|主要由于|原因是", sentence[:match.start() - sentence_start]):
                key = "in_reason"
            statements.figures.append({
                "topic": block.topic, "section": block.section, "subsection": block.subsection,
                "subject": subject, "subject_key": key or "unclassified", "metric": metric,
                "value_text": value, "value_unit": match.group("unit") or "", "stated_word": word,
                "quoted_phrase": sentence, **block.where(match.start()),
                "budget_basis": _figure_basis(text, match.start(), metric, block.topic)})



# words that may stand between a subject and its figure ("总计均为", "支出共计", "各约")
# (seeds/vocab_link_words.csv, tried in file order)
LINK_WORDS = re.compile("|".join(re.escape(row["word"]) for row in vocabulary.rows("vocab_link_words")))


def _unknown_word(topic: str, clause: str) -> str | None:
    """The words between the subject a clause names and its figure that are neither a
    subject, a link word nor punctuation ("各攀至" → "攀至"); None when there are none."""
    ends = [match.end() for subject_topic, pattern, _ in SUBJECTS if subject_topic in (topic, "*")
            for match in re.finditer(pattern, clause)]
    if not ends:
        return None
    residue = LINK_WORDS.sub("", clause[max(ends):])
    residue = "".join(char for char in residue if "\u4e00" <= char <= "\u9fff")
    return residue or None


def _figure_basis(text: str, position: int, metric: str, topic: str) -> str | None:
    """The budget basis of a stated budget or completion rate: the one its words name
    ("年初预算为", "完成全年预算数的"), or for "预算数"/"完成预算的" the budget last stated before it."""
    if metric in BUDGET_METRICS.values():
        clause = text[_clause_start(text, text.rfind("。", 0, position) + 1, position):position]
        phrase = _budget_phrase(topic, clause)
        return _basis_at(text, position, phrase)
    if metric == "completion_rate":
        clause = text[_clause_start(text, text.rfind("。", 0, position) + 1, position):position]
        named = re.search(rf"(?:{COMPLETION_WORD})({BASIS_PHRASE})?(?:数)?的?$", clause)
        return _basis_at(text, position, named.group(1) if named else None)
    return None


def _comparisons(block: Block, statements: Statements, skip: list[tuple[int, int]]) -> None:
    """Comparison words outside the per-项 paragraphs: 决算 against 预算 (三公, the total) and
    against the previous year ("与2023年度相比…持平", "比2023年度减少…")."""
    if block.topic not in ("three_public", "general_budget", "total", "fiscal_total", "operating_cost"):
        return
    text = block.text
    last_key, last_subject, sentence_previous = None, "", False
    sentences = list(_sentences(text, 0, len(text)))
    for index, (sentence_start, sentence_end) in enumerate(sentences):
        if any(start <= sentence_start < end for start, end in skip):
            continue
        sentence = text[sentence_start:sentence_end]
        # the reason may stand in a paragraph of its own after the comparison ("主要原因：…")
        following = text[slice(*sentences[index + 1])] if index + 1 < len(sentences) else ""
        reason = _reason(sentence) or (_reason(following) if following.startswith("主要原因") else None)
        # "其中：…持平；…持平。" continues the comparison of the sentence before it
        sentence_previous = bool(PREVIOUS_YEAR.search(sentence)) or (sentence.startswith("其中") and sentence_previous)
        for clause_match in re.finditer(r"[^，；;：:。]+", sentence):
            clause = clause_match.group(0)
            key = subject_key(block.topic, clause)
            if key is not None:
                last_key, last_subject = key, clause
            worded = _wording_match(clause)
            if worded:
                position = sentence_start + clause_match.start() + worded[2]
                statements.wordings.append({
                    "topic": block.topic, "subject_key": key or last_key or block.topic, "subject": last_subject,
                    "compared_with": "initial_budget" if block.topic == "general_budget" else "budget",
                    "wording": worded[0], "stated_reason": reason, "quoted_phrase": sentence,
                    **block.where(sentence_start + clause_match.start()),
                    "budget_basis": _basis_at(text, position, worded[1])})
                continue
            level = re.search(LEVEL_WORD, clause) if sentence_previous else None
            if level and not FIGURE.search(clause):
                statements.wordings.append({
                    "topic": block.topic, "subject_key": key or last_key or block.topic, "subject": last_subject,
                    "compared_with": "previous_year", "wording": level.group(0), "stated_reason": reason,
                    "quoted_phrase": sentence, **block.where(sentence_start + clause_match.start())})


NIL = re.compile(r"(?:无|没有)[^，。；]{0,30}?(?:收入|支出|经费)")
NIL_TOPICS = {"government_fund": "government_fund", "state_capital": "state_capital", "three_public": "total",
              "operating_cost": "operating_cost"}


def _nil_statements(block: Block, statements: Statements) -> None:
    """"本年度无政府性基金预算财政拨款收入和支出" / "没有机关运行经费支出": a nil stated in words."""
    if block.topic not in NIL_TOPICS:
        return
    text = block.text
    for sentence_start, sentence_end in _sentences(text, 0, len(text)):
        sentence = text[sentence_start:sentence_end]
        match = NIL.search(sentence)
        if match and not FIGURE.search(sentence) and "原因" not in sentence[:match.start()]:
            statements.figures.append({
                "topic": block.topic, "section": block.section, "subsection": block.subsection,
                "subject": match.group(0), "subject_key": NIL_TOPICS[block.topic], "metric": "nil",
                "value_text": None, "value_unit": None, "stated_word": None, "quoted_phrase": sentence,
                **block.where(sentence_start + match.start())})


def read_statements(items: list[Item]) -> Statements:
    statements = Statements()
    for block in blocks(narrative_lines(items)):
        skip = []
        if block.topic in ITEM_TOPICS:
            skip += _items(block, statements)
        if block.topic == "performance":
            skip += _projects(block, statements)
        _figures(block, statements, skip)
        _comparisons(block, statements, skip)
        _nil_statements(block, statements)
    for rows in (statements.figures, statements.items, statements.wordings, statements.projects):
        for number, row in enumerate(rows, 1):
            row["row_no"] = number
    return statements
