"""Narrative (情况说明) extraction, checked against what people read by hand.

- The Nanyang text export, extracted, reproduces the hand-typed narrative seeds
  (seeds/narrative_*.csv): every figure by (topic, subject, metric, value), every per-项
  account, every comparison word and every project result. Each difference is listed.
- The Shanghai finance bureau's narrative, read by a helper from page images
  (golden_shanghai_finance_bureau_narrative.csv, 128 rows with page numbers), is found
  exactly: each number on its page, under the same metric.
- Layout-independence: the same text reshaped (sections in another order, sentences wrapped
  at other places) yields the same statements.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from final_accounts.extract import extract
from final_accounts.sources import Item
from final_accounts.statements import read_statements

ROOT = Path(__file__).resolve().parents[2]

DOCUMENTS = ROOT / "documents"
NANYANG_TEXT = DOCUMENTS / "2024-nanyang-government-big-data-center-final-accounts.txt"
FINANCE_PDF = DOCUMENTS / "shanghai-putuo-finance-bureau-2024.pdf"
GOLDEN = Path(__file__).parent / "golden_shanghai_finance_bureau_narrative.csv"


def _seed(name: str) -> list[dict]:
    return list(csv.DictReader((ROOT / "seeds" / f"{name}.csv").open(encoding="utf-8")))


def _number(text: str | None) -> str:
    return (text or "").replace(",", "").rstrip("%")


@pytest.fixture(scope="module")
def nanyang():
    extraction = extract(NANYANG_TEXT)
    assert extraction.loaded, extraction.document
    return extraction.files


@pytest.fixture(scope="module")
def finance():
    extraction = extract(FINANCE_PDF)
    assert extraction.loaded, extraction.document
    return extraction.files


def _figure_key(row: dict) -> tuple:
    return (row["topic"], row["subject_key"], row["metric"], _number(row["value_text"]))


# figures the extractor lands that the hand transcription leaves out, each with its reason
EXTRA_IN_EXTRACTION = {
    # "单价100万元（含）以上设备": a threshold in the name of a category, not a stated amount
    ("assets", "vehicle_category", "threshold", "100"): "threshold",
}


def test_nanyang_figures_reproduce_the_seed(nanyang):
    seed = Counter(_figure_key(row) for row in _seed("narrative_figures"))
    extracted = Counter(_figure_key(row) for row in nanyang["narrative_figures"])
    missing = seed - extracted
    extra = Counter({key: count for key, count in (extracted - seed).items() if key not in EXTRA_IN_EXTRACTION})
    assert not missing and not extra, f"in the seed only: {sorted(missing.elements())}\n" \
                                      f"extracted only: {sorted(extra.elements())}"
    assert sum(seed.values()) == 102


def test_nanyang_figures_keep_where_they_are_printed(nanyang):
    lines = NANYANG_TEXT.read_text(encoding="utf-8").splitlines()
    for row in nanyang["narrative_figures"]:
        printed = re.sub(r"\s", "", lines[int(row["source_line"]) - 1])
        assert row["value_text"] is None or row["value_text"] in printed, row


def test_nanyang_per_item_accounts_reproduce_the_seed(nanyang):
    columns = ["item_no", "class_name", "kuan_name", "xiang_name", "initial_budget_text", "final_amount_text",
               "completion_rate_text", "wording", "stated_reason"]
    seed = [{column: row[column] or None for column in columns} for row in _seed("narrative_function_budget")]
    extracted = [{column: row[column] or None for column in columns} for row in nanyang["narrative_function_budget"]]
    differences = [f"item {s['item_no']} {column}: seed {s[column]!r}, extracted {e[column]!r}"
                   for s, e in zip(seed, extracted) for column in columns if s[column] != e[column]]
    assert len(seed) == len(extracted) == 13
    assert differences == [], "\n".join(differences)


def test_nanyang_comparison_words_reproduce_the_seed(nanyang):
    columns = ["topic", "subject_key", "compared_with", "wording", "stated_reason"]
    seed = sorted(tuple(row[column] or None for column in columns) for row in _seed("narrative_comparison_wording"))
    extracted = sorted(tuple(row[column] or None for column in columns) for row in nanyang["narrative_comparison_wording"])
    assert extracted == seed


def test_nanyang_project_results_reproduce_the_seed(nanyang):
    columns = ["project_name_as_stated", "total_score_text", "grade", "execution_rate_text", "stated_outcome"]
    seed = [tuple(row[column] for column in columns) for row in _seed("narrative_project_results")]
    extracted = [tuple(row[column] for column in columns) for row in nanyang["narrative_project_results"]]
    differences = [f"project {number}: seed {s}, extracted {e}"
                   for number, (s, e) in enumerate(zip(seed, extracted), 1) if s != e]
    assert len(extracted) == len(seed) == 15
    assert differences == [], "\n".join(differences)


# golden metric -> the extractor's metrics it may land under, in order of preference
GOLDEN_METRICS = {"amount": ("amount", "final_amount"), "share": ("share",), "change_amount": ("change_amount",),
                  "growth_rate": ("change_rate",), "initial_budget": ("initial_budget", "budget"),
                  "final_amount": ("final_amount",), "completion_rate": ("completion_rate",), "count": ("count",)}


def test_finance_bureau_narrative_figures_read_by_hand_are_found(finance):
    golden = [row for row in csv.DictReader(GOLDEN.open(encoding="utf-8")) if row["metric"] in GOLDEN_METRICS]
    assert len(golden) >= 40
    figures = finance["narrative_figures"] + [
        {"source_page": row["source_page"], "metric": metric, "value_text": row[column]}
        for row in finance["narrative_function_budget"]
        for metric, column in (("initial_budget", "initial_budget_text"), ("final_amount", "final_amount_text"))]
    available = Counter((str(row["source_page"]), row["metric"], _number(row["value_text"])) for row in figures)
    missing = []
    for row in golden:
        for metric in GOLDEN_METRICS[row["metric"]]:
            key = (row["page"], metric, _number(row["value"]))
            if available[key]:
                available[key] -= 1
                break
        else:
            missing.append(f"p.{row['page']} {row['subject']} {row['metric']} {row['value']}")
    assert missing == [], "\n".join(missing)
    print(f"{len(golden)} narrative figures read by hand, all found on their page")


def test_finance_bureau_comparison_words_read_by_hand_are_found(finance):
    golden = [row for row in csv.DictReader(GOLDEN.open(encoding="utf-8"))
              if row["metric"] == "comparison_word" and row["statement_kind"] == "item_vs_initial"]
    words = [row["wording"] for row in finance["narrative_function_budget"]]
    assert words == [row["value"] for row in golden]
    stated = {(row["topic"], row["subject_key"], row["compared_with"], row["wording"])
              for row in finance["narrative_comparison_wording"]}
    assert {("general_budget", "general_budget", "initial_budget", "小于"), ("three_public", "total", "budget", "小于"),
            ("three_public", "total", "previous_year", "持平"), ("fiscal_total", "fiscal_total", "previous_year", "持平"),
            ("three_public", "overseas_travel", "previous_year", "持平")} <= stated


def _text_items(lines: list[str]) -> list[Item]:
    return [Item("text", text=line, line=number) for number, line in enumerate(lines, 1)]


def test_statements_do_not_depend_on_section_order_or_line_breaks():
    """The same two sections, in the other order and wrapped at other places, give the
    same statements (only the provenance moves)."""
    total = ["一、收入支出决算总体情况说明", "某单位2024年度收入支出总计1,000.00万元。与2023年度相比，收入支出总计减少10.00万元，下降0.99%。"]
    three = ["七、财政拨款“三公”经费支出决算情况说明",
             "“三公”经费财政拨款支出年初预算为2.00万元，支出决算为1.50万元，完成预算的75.00%。决算数小于预算数的主要原因：节约。"]
    ordered = read_statements(_text_items(total + three))
    wrapped = [total[0], "某单位2024年度收入支出总计1,0", "00.00万元。与2023年度相比，收入支出", "总计减少10.00万",
               "元，下降0.99%。"]
    reordered = read_statements(_text_items([three[0], three[1][:30], three[1][30:]] + wrapped))

    def key(statements):
        return sorted((row["topic"], row["subject_key"], row["metric"], row["value_text"], row["stated_word"] or "")
                      for row in statements.figures)
    assert key(ordered) == key(reordered)
    assert ("total", "total", "change_amount", "10.00", "减少") in key(ordered)
    assert ("three_public", "total", "completion_rate", "75.00", "") in key(ordered)
