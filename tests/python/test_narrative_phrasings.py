"""The narrative grammar on every phrasing of the catalog (seeds/vocab_*.csv), with
expectations written from the sentences themselves.

- Per-项 paragraphs in each ordinal style (1、 / 1. / （1） / (1) / （一） / 一、 / 一是 / 第一，)
  split into their items.
- Budget bases: 年初预算, 全年预算 (调整预算, 调整后预算), 预算数; a unit founded in the year
  ("年初预算为0万元，全年预算为321.02万元") and a 项 added during the year ("此项目为2025年追加
  预算，年初无预算") land each budget under its basis, and the completion rate and the
  comparison word name theirs ("预算数" = the budget last stated in the paragraph).
- Comparison words and change words of the vocabularies, “较…增幅”, amounts with "约", a 决算
  printed without "万元", 类 names in quotes without "（类）", a half-width ";" in a list.
- What the grammar expects and cannot read is a read problem (READ-NARRATIVE-LIST,
  READ-NARRATIVE-FIELD) with its place and sentence, landed as NULL, never guessed.
- Every phrasing template of vocab_statement_phrasings, rendered with figures, reads back the
  figures it was rendered with.
"""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

from final_accounts import vocabulary  # noqa: E402
from final_accounts.sources import Item  # noqa: E402
from final_accounts.statements import read_statements  # noqa: E402

SECTION = "五、一般公共预算财政拨款支出决算情况说明"
DETAIL = "（三）一般公共预算财政拨款支出决算具体情况"


def narrative(*paragraphs: str, section: str = SECTION, subsection: str | None = DETAIL):
    """A narrative (opening, as printed ones do, with 一、 and its total) and one section: its
    heading, an optional sub-heading and its paragraphs, one printed line each (page 22)."""
    opening = ["一、收入支出决算总体情况说明", "本单位2024年度收入支出总计100.00万元。"]
    lines = opening + [section] + ([subsection] if subsection else []) + list(paragraphs) + ["第四部分 名词解释"]
    items = [Item("text", text, page=22, line=None) for text in lines]
    return read_statements(items)


TOTAL = "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。决算数小于预算数的主要原因：工作计划调整。其中："
ITEM_1 = "一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：基本支出。年初预算为1560.05万元，支出决算为1511.89万元。决算数小于预算数的主要原因：人员变化。"
ITEM_2 = "一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：业务指导。年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平。"


@pytest.mark.parametrize("first,second", [
    ("1、", "2、"), ("1.", "2."), ("1．", "2．"), ("（1）", "（2）"), ("(1)", "(2)"),
    ("（一）", "（二）"), ("一、", "二、"), ("一是", "二是"), ("第一，", "第二，"),
])
def test_every_ordinal_style_splits_the_items(first, second):
    statements = narrative(TOTAL + first + ITEM_1 + second + ITEM_2)
    items = statements.items
    assert [(i["item_no"], i["xiang_name"], i["initial_budget_text"], i["final_amount_text"], i["wording"])
            for i in items] == [("1", "行政运行", "1560.05", "1511.89", "小于"),
                                ("2", "一般行政管理事务", "10.00", "10.00", "基本持平")]
    assert statements.problems == []


def test_items_on_lines_of_their_own_numbered_like_headings_are_not_headings():
    # "（一）…（项）" on a line of its own is an item, not a sub-heading cutting the section
    statements = narrative(TOTAL, "（一）" + ITEM_1, "（二）" + ITEM_2)
    assert [i["item_no"] for i in statements.items] == ["1", "2"]
    assert {f["topic"] for f in statements.figures} == {"total", "general_budget"}


def test_quoted_item_names():
    statements = narrative(TOTAL + "1、“一般公共服务支出（类）财政事务（款）行政运行（项）”。年初预算为1560.05万元，支出决算为1511.89万元。")
    assert [(i["class_name"], i["kuan_name"], i["xiang_name"]) for i in statements.items] == \
        [("一般公共服务支出", "财政事务", "行政运行")]


def test_a_unit_founded_in_the_year_states_the_full_year_budget():
    paragraph = ("1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：基本支出。年初预算为0万元，全年预算为321.02万元，"
                 "支出决算为307.82万元，完成全年预算数的95.89%。决算数小于全年预算数的主要原因：部分项目未实施。")
    item, = narrative(paragraph).items
    assert (item["initial_budget_text"], item["full_year_budget_text"], item["final_amount_text"]) == ("0", "321.02", "307.82")
    assert (item["completion_rate_text"], item["completion_rate_basis"]) == ("95.89", "full_year_budget")
    assert (item["wording"], item["wording_basis"]) == ("小于", "full_year_budget")
    assert item["stated_reason"] == "部分项目未实施。"


def test_only_the_full_year_budget_stated():
    paragraph = ("1、一般公共服务支出（类）财政事务（款）行政运行（项）。全年预算为52.00万元，支出决算为51.32万元，完成全年预算数的98.69%。"
                 "决算数小于全年预算数的主要原因：厉行节约。")
    item, = narrative(paragraph).items
    assert item["initial_budget_text"] is None
    assert (item["full_year_budget_text"], item["final_amount_text"], item["completion_rate_basis"]) == ("52.00", "51.32", "full_year_budget")


def test_the_generic_budget_word_refers_to_the_budget_last_stated():
    # "预算数" after a 全年预算: the comparison is with the 全年预算
    paragraph = ("1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为0万元，全年预算为321.02万元，支出决算为321.02万元。"
                 "决算数与预算数持平。")
    item, = narrative(paragraph).items
    assert (item["wording"], item["wording_basis"]) == ("持平", "full_year_budget")
    # "完成年初预算的" names its basis even where the 年初预算 is 0 (the document's own error)
    paragraph = ("1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，"
                 "完成年初预算的95.89%。")
    item, = narrative(paragraph).items
    assert (item["completion_rate_text"], item["completion_rate_basis"]) == ("95.89", "initial_budget")


def test_an_item_added_during_the_year_has_an_initial_budget_of_zero_in_words():
    paragraph = ("1、一般公共服务支出（类）财政事务（款）行政运行（项）。此项目为2025年追加预算，年初无预算，全年预算为45.88万元，"
                 "支出决算为45.88万元。决算数与全年预算数一致。")
    item, = narrative(paragraph).items
    assert (item["initial_budget_text"], item["full_year_budget_text"], item["final_amount_text"]) == ("0", "45.88", "45.88")
    assert (item["wording"], item["wording_basis"]) == ("一致", "full_year_budget")


@pytest.mark.parametrize("phrase,basis", [("调整预算", "full_year_budget"), ("调整后预算", "full_year_budget"),
                                          ("全年预算", "full_year_budget"), ("预算数", "budget")])
def test_budget_bases_of_the_vocabulary(phrase, basis):
    paragraph = f"1、一般公共服务支出（类）财政事务（款）行政运行（项）。{phrase}为52.00万元，支出决算为51.32万元。"
    item, = narrative(paragraph).items
    column = {"full_year_budget": "full_year_budget_text", "budget": "budget_text"}[basis]
    assert item[column] == "52.00" and item["initial_budget_text"] is None


def test_a_final_amount_printed_without_its_unit_and_amounts_with_about():
    item, = narrative("1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为60.00万元，支出决算为58.20。").items
    assert item["final_amount_text"] == "58.20"
    item, = narrative("1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算约为60.00万元，支出决算约为58.20万元。").items
    assert (item["initial_budget_text"], item["final_amount_text"]) == ("60.00", "58.20")


@pytest.mark.parametrize("sentence,word", [
    ("决算数大于预算数的主要原因：追加。", "大于"), ("决算数超过预算数的主要原因：追加。", "超过"),
    ("决算数高于预算数的主要原因：追加。", "高于"), ("决算数小于预算数的主要原因：节约。", "小于"),
    ("决算数低于预算数的主要原因：节约。", "低于"), ("决算数未达到预算数的主要原因：节约。", "未达到"),
    ("决算数与预算数持平。", "持平"), ("决算数与预算数基本持平。", "基本持平"), ("决算数与预算数一致。", "一致"),
    ("决算数与预算数相等。", "相等"), ("决算数与年初预算数存在差异的主要原因：调整。", "存在差异"),
    ("决算数与预算数大致持平。", "大致持平"),
])
def test_every_comparison_word_of_the_vocabulary(sentence, word):
    words = {row["word"] for row in vocabulary.rows("vocab_comparison_words")}
    assert word in words
    item, = narrative(f"1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为60.00万元，支出决算为58.20万元。{sentence}").items
    assert (item["wording"], item["wording_basis"]) == (word, "initial_budget")


@pytest.mark.parametrize("sentence,amount_word,rate_word", [
    ("机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。", "增加", "增长"),
    ("机关运行经费支出184.65万元，较2023年度增加2.55万元，增幅1.40%。", "增加", "增幅"),
    ("机关运行经费支出184.65万元，比2023年度增长2.55万元，增长1.40%。", "增长", "增长"),
    ("机关运行经费支出142.80万元，比2023年度减少13.52万元，下降8.65%。", "减少", "下降"),
    ("机关运行经费支出142.80万元，较2023年度降低13.52万元，降幅8.65%。", "降低", "降幅"),
    ("机关运行经费支出142.80万元，与上年相比减少约13.52万元，下降8.65%。", "减少", "下降"),
])
def test_changes_on_last_year_in_every_wording(sentence, amount_word, rate_word):
    statements = narrative(sentence, section="十一、其他重要事项的情况说明", subsection="（一）机关运行经费支出情况")
    figures = {(f["metric"], f["value_text"]): f for f in statements.figures}
    amount = next(f for (metric, _), f in figures.items() if metric == "change_amount")
    rate = next(f for (metric, _), f in figures.items() if metric == "change_rate")
    assert (amount["subject_key"], amount["stated_word"]) == ("operating_cost", amount_word)
    assert (rate["subject_key"], rate["stated_word"]) == ("operating_cost", rate_word)
    assert amount["value_text"] in ("2.55", "13.52") and rate["value_text"] in ("1.40", "8.65")


def test_class_names_in_quotes_and_a_half_width_semicolon():
    statements = narrative("一般公共预算财政拨款支出2940.05万元，主要用于以下方面：“一般公共服务支出”2106.66万元，占71.73%;"
                           "“社会保障和就业支出”326.72万元，占11.11%。", subsection="（二）一般公共预算财政拨款支出决算结构情况")
    classes = [(f["subject"], f["metric"], f["value_text"]) for f in statements.figures if f["subject_key"] == "class"]
    assert classes == [("“一般公共服务支出”", "amount", "2106.66"), ("“一般公共服务支出”", "share", "71.73"),
                       ("“社会保障和就业支出”", "amount", "326.72"), ("“社会保障和就业支出”", "share", "11.11")]


def test_the_total_on_its_basis():
    statements = narrative("一般公共预算财政拨款支出年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成全年预算数的95.89%。"
                           "决算数小于全年预算数的主要原因：部分项目未实施。")
    got = {(f["metric"], f["value_text"], f["budget_basis"]) for f in statements.figures}
    assert {("initial_budget", "0", "initial_budget"), ("full_year_budget", "321.02", "full_year_budget"),
            ("final_amount", "307.82", None), ("completion_rate", "95.89", "full_year_budget")} <= got
    wording, = statements.wordings
    assert (wording["wording"], wording["budget_basis"]) == ("小于", "full_year_budget")


def test_an_item_whose_budget_and_final_cannot_be_read_is_a_read_problem_with_nulls():
    statements = narrative(TOTAL + "1、" + ITEM_1 + "2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：业务指导。本项支出按计划执行。")
    assert [i["item_no"] for i in statements.items] == ["1", "2"]
    second = statements.items[1]
    assert (second["initial_budget_text"], second["full_year_budget_text"], second["budget_text"],
            second["final_amount_text"]) == (None, None, None, None)
    problem, = statements.problems
    assert problem["rule_id"] == "READ-NARRATIVE-FIELD" and problem["source_page"] == 22
    assert "一般行政管理事务" in problem["detail"] and problem["printed_text"].startswith("2、一般公共服务支出")


def test_a_list_that_does_not_split_is_a_read_problem():
    # items numbered by a style the vocabulary does not know ("①"): the 项 are not landed, and said so
    statements = narrative(TOTAL + "①" + ITEM_1 + "②" + ITEM_2)
    assert statements.items == []
    assert [p["rule_id"] for p in statements.problems] == ["READ-NARRATIVE-LIST", "READ-NARRATIVE-LIST"]
    assert all(p["source_page"] == 22 for p in statements.problems)
    assert "行政运行（项）" in statements.problems[0]["printed_text"]


# ---------------------------------------------------------------- the catalog, rendered
ORDINALS = {row["style"]: row for row in vocabulary.rows("vocab_ordinal_styles")}
CHINESE = "一二三四五六七八九十"


def ordinal(style: str, n: int) -> str:
    row = ORDINALS[style]
    numeral = str(n) if row["numeral"] == "arabic" else CHINESE[n - 1]
    return row["prefix"] + numeral + row["suffix"]


VALUES = {"class": "一般公共服务支出", "kuan": "财政事务", "xiang": "行政运行", "purpose": "基本支出", "initial": "60.00",
          "full_year": "72.00", "final": "58.20", "rate": "80.83", "year": "2025", "reason": "节约"}


@pytest.mark.parametrize("template", [row for row in vocabulary.rows("vocab_statement_phrasings")
                                      if row["statement_kind"] == "item_account"], ids=lambda row: row["phrasing_id"])
@pytest.mark.parametrize("style", sorted(ORDINALS))
def test_every_item_phrasing_of_the_catalog_reads_back(template, style):
    text = template["template"].format(ordinal=ordinal(style, 1), wording="决算数小于预算数的主要原因：节约。", **VALUES)
    item, = narrative("其中：" + text).items
    stated = template["template"]
    assert item["xiang_name"] == "行政运行" and item["final_amount_text"] == "58.20"
    assert item["initial_budget_text"] == ("60.00" if "{initial}" in stated else "0" if ("年初预算为0" in stated or "年初无预算" in stated) else None)
    assert item["full_year_budget_text"] == ("72.00" if "{full_year}" in stated else None)
    assert item["completion_rate_text"] == ("80.83" if "{rate}" in stated else None)
    # "预算数" names the budget last stated before it
    assert item["wording"] == "小于"
    assert item["wording_basis"] == ("full_year_budget" if "{full_year}" in stated else "initial_budget")


def test_a_total_final_amount_printed_without_its_unit():
    statements = narrative("一般公共预算财政拨款支出年初预算为60.00万元，支出决算为58.20，完成年初预算的97.00%。")
    got = {(f["metric"], f["value_text"], f["value_unit"]) for f in statements.figures if f["topic"] == "general_budget"}
    assert got == {("initial_budget", "60.00", "万元"), ("final_amount", "58.20", ""), ("completion_rate", "97.00", "%")}


# ---- issue 19: the accounts of every fund, and a 决算 stated twice

FUND_SECTION = "七、政府性基金预算财政拨款支出决算情况说明"


def test_fund_items_are_read_under_their_account():
    read = narrative("2024年度政府性基金预算财政拨款支出年初预算为100.00万元，支出决算为105.00万元。其中：",
                     "1.城乡社区支出（类）国有土地使用权出让收入安排的支出（款）城市建设支出（项）。"
                     "年初预算为100.00万元，支出决算为135.00万元。决算数大于年初预算数的主要原因是追加项目。",
                     section=FUND_SECTION, subsection=None)
    (item,) = read.items
    assert (item["budget_topic"], item["xiang_name"], item["final_amount_text"], item["initial_budget_text"]) == \
        ("government_fund", "城市建设支出", "135.00", "100.00")
    # the section's own total stays a figure of the 政府性基金 topic
    assert [(f["metric"], f["value_text"]) for f in read.figures if f["topic"] == "government_fund"] == \
        [("initial_budget", "100.00"), ("final_amount", "105.00")]


def test_general_budget_items_name_their_account():
    read = narrative("1.一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为10.00万元，支出决算为9.00万元。")
    assert [item["budget_topic"] for item in read.items] == ["general_budget"]


@pytest.mark.parametrize("paragraph, final, restated", [
    # the heading states the 决算, the sentence again
    ("1.一般公共服务支出（类）财政事务（款）行政运行（项）：257.14万元。年初预算为250.00万元，支出决算为245.53万元。",
     "245.53", "257.14"),
    # two sentences
    ("1.一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为250.00万元，支出决算为257.14万元。"
     "本项决算数为245.53万元。", "257.14", "245.53"),
    # stated twice alike: the restatement is landed (and agrees)
    ("1.一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为250.00万元，支出决算为257.14万元。"
     "本项决算数为257.14万元。", "257.14", "257.14"),
    # a restatement whose figure is not a number (an OCR misread) is landed as printed
    ("1.一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为250.00万元，支出决算为257.14万元。"
     "本项决算数为2S7.14万元。", "257.14", "2S7.14"),
    # stated once; last year's 决算 is another quantity
    ("1.一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为250.00万元，支出决算为257.14万元。"
     "上年决算为240.00万元。", "257.14", None),
])
def test_an_items_final_stated_twice_is_read_twice(paragraph, final, restated):
    (item,) = narrative(paragraph).items
    assert (item["final_amount_text"], item["final_amount_restated_text"]) == (final, restated)
