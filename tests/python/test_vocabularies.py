"""Vocabularies as data (seeds/vocab_*.csv, ref_*.csv): every row is recognised by the code that
reads it, and a row added to a seed is read without a code change. The extractor and the corpus
generator read the same files: a new phrasing is one row there and one line here.

- Table titles (vocab_table_titles, types from ref_table_types): every title, printed with an
  ordinal, a table number or quotes, is recognised as its table type.
- Figure units (vocab_figure_units) and metrics (vocab_metrics): a figure in each unit is read
  with its unit and the default metric of the unit's kind; each word naming a metric, and each
  budget phrase (vocab_budget_bases), gives that metric.
- Narrative topics and subjects (vocab_narrative_topics, vocab_narrative_subjects): a heading
  per topic row gives its topic; every subject the corpus generator writes is recognised as
  the subject key it lands; an added subject row is read.
- Link words (vocab_link_words): a word between a subject and its figure in a statement on
  last year is no unknown word; an added row is read.
- Function↔economic pairs (ref_function_economic_pairs): the generated economic table books
  each pair's functional basic expenditure under its economic 款.
"""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import textwrap
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from final_accounts import vocabulary
from final_accounts.corpus import generate
from final_accounts.sources import Item
from final_accounts.statements import read_statements, subject_key, topic_of
from final_accounts.tables import title_type

ROOT = Path(__file__).resolve().parents[2]


def rows(name: str) -> list[dict]:
    return list(vocabulary.rows(name))


def narrative(section: str, *paragraphs: str):
    """A narrative opening with 一、 and its total, then one section with its paragraphs."""
    lines = ["一、收入支出决算总体情况说明", "本单位2024年度收入支出总计100.00万元。", section, *paragraphs, "第四部分 名词解释"]
    return read_statements([Item("text", text, page=22, line=None) for text in lines])


def section_figures(section: str, *paragraphs: str) -> list[dict]:
    """The figures of the section (the opening's total left out)."""
    return [figure for figure in narrative(section, *paragraphs).figures if figure["topic"] != "total"]


def with_added_rows(tmp_path: Path, added: dict[str, list[str]], code: str) -> str:
    """Run ``code`` in a fresh interpreter whose package reads a copy of seeds/ with lines
    appended to some vocabularies; returns what it prints."""
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    for name, lines in added.items():
        with (seeds / f"{name}.csv").open("a", encoding="utf-8", newline="") as handle:
            handle.writelines(line + "\n" for line in lines)
    script = textwrap.dedent(f"""
        from pathlib import Path
        import final_accounts.vocabulary as vocabulary
        vocabulary.SEEDS = Path({str(seeds)!r})
    """) + textwrap.dedent(code)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.strip()


# ------------------------------------------------------------------ table titles
@pytest.mark.parametrize("row", rows("vocab_table_titles"), ids=lambda row: row["title"])
def test_every_table_title_of_the_vocabulary_is_recognised(row):
    for printed in (row["title"], f"七、{row['title']}", f"公开05表 {row['title']}", row["title"].replace("三公", "“三公”")):
        table_type = title_type(printed)
        assert table_type is not None and table_type.type_id == row["table_type"], printed


def test_every_table_type_has_its_standard_title_among_its_titles():
    titles = {(row["table_type"], row["title"].replace("“", "").replace("”", "")) for row in rows("vocab_table_titles")}
    for table_type in rows("ref_table_types"):
        assert (table_type["table_type"], table_type["standard_title"].replace("“", "").replace("”", "")) in titles


def test_every_title_the_corpus_prints_is_recognised_as_its_table(tmp_path):
    generate(tmp_path, 3, seed=1, planted_share=0)
    presence = [row for path in (tmp_path / "disclosures").glob("*/table_presence.csv")
                for row in csv.DictReader(path.open(encoding="utf-8"))]
    assert len(presence) == 27
    assert all(title_type(row["title_as_printed"]).code == row["table_code"] for row in presence)


def test_a_title_added_to_the_vocabulary_is_recognised(tmp_path):
    new_title = "一般公共预算财政拨款支出决算情况表"
    assert title_type(new_title) is None
    printed = with_added_rows(tmp_path, {"vocab_table_titles": [f"general_budget_expenditure,{new_title},测试"]},
                              f"from final_accounts.tables import title_type\nprint(title_type({new_title!r}).code)")
    assert printed == "gk05_general_budget_expenditure"


# ------------------------------------------------------------------ units and metrics
OTHER_MATTERS = "十一、其他重要事项的情况说明"


@pytest.mark.parametrize("row", rows("vocab_figure_units"), ids=lambda row: row["unit"])
def test_every_unit_is_read_with_the_default_metric_of_its_kind(row):
    default = {metric["unit_kind"]: metric["metric"] for metric in rows("vocab_metrics") if metric["is_default"] == "true"}
    figure, = section_figures(OTHER_MATTERS, f"本年度其他事项7.00{row['unit']}。")
    assert (figure["value_text"], figure["value_unit"], figure["metric"]) == ("7.00", row["unit"], default[row["unit_kind"]])


# one sentence per metric named by a word ({word}: the word of the row)
METRIC_SENTENCES = {
    "completion_rate": "本年度机关运行经费支出12.00万元，{word}全年计划的95.00%。",
    "final_amount": "本年度机关运行经费支出{word}为12.00万元。",
}


@pytest.mark.parametrize("row", [row for row in rows("vocab_metrics") if row["word"]], ids=lambda row: row["word"])
def test_every_metric_word_names_its_metric(row):
    figures = section_figures(OTHER_MATTERS, METRIC_SENTENCES[row["metric"]].format(word=row["word"]))
    assert row["metric"] in [figure["metric"] for figure in figures]


@pytest.mark.parametrize("row", rows("vocab_budget_bases"), ids=lambda row: row["phrase"])
def test_every_budget_phrase_names_the_metric_of_its_basis(row):
    metric = next(metric["metric"] for metric in rows("vocab_metrics") if metric["budget_basis"] == row["basis"])
    figure, = section_figures("五、一般公共预算财政拨款支出决算情况说明",
                              f"一般公共预算财政拨款支出{row['phrase']}为100.00万元。")
    assert (figure["metric"], figure["value_text"]) == (metric, "100.00")


def test_a_unit_added_to_the_vocabulary_is_read(tmp_path):
    sentence = "截至2024年12月31日，本单位共有职工12人。"
    assert section_figures(OTHER_MATTERS, sentence) == []
    printed = with_added_rows(tmp_path, {"vocab_figure_units": ["人,count,人：人数"]}, f"""
        from final_accounts.sources import Item
        from final_accounts.statements import read_statements, subject_key, topic_of
        lines = ["一、收入支出决算总体情况说明", "本单位2024年度收入支出总计100.00万元。", {OTHER_MATTERS!r}, {sentence!r}]
        statements = read_statements([Item("text", text, page=22, line=None) for text in lines])
        print([(f["value_text"], f["value_unit"], f["metric"]) for f in statements.figures if f["topic"] != "total"])
    """)
    assert printed == "[('12', '人', 'count')]"


def test_the_corpus_writes_only_units_and_metrics_of_the_vocabularies(tmp_path):
    generate(tmp_path, 6, seed=2, planted_share=0)
    units = {row["unit"] for row in rows("vocab_figure_units")} | {""}
    metrics = {row["metric"] for row in rows("vocab_metrics")} | {"nil"}
    written = [row for path in (tmp_path / "disclosures").glob("*/narrative_figures.csv")
               for row in csv.DictReader(path.open(encoding="utf-8"))]
    assert written
    assert {row["value_unit"] for row in written} <= units
    assert {row["metric"] for row in written} <= metrics


# ------------------------------------------------------------------ topics and subjects
# one printed heading per row of vocab_narrative_topics (a new row: one line here)
HEADINGS = {
    "三公": "财政拨款“三公”经费支出决算情况说明",
    "政府性基金": "政府性基金预算财政拨款收入支出决算情况说明",
    "国有资本经营": "国有资本经营预算财政拨款支出决算情况说明",
    "基本支出": "一般公共预算财政拨款基本支出决算情况说明",
    "一般公共预算财政拨款": "一般公共预算财政拨款支出决算情况说明",
    "财政拨款收入支出决算总体|财政拨款收支": "财政拨款收入支出决算总体情况说明",
    "收入支出决算总体|收支决算总体": "收入支出决算总体情况说明",
    "收入决算": "收入决算情况说明",
    "支出决算": "支出决算情况说明",
    "机关运行经费": "机关运行经费支出情况",
    "政府采购": "政府采购支出情况",
    "国有资产": "国有资产占有使用情况",
    "绩效": "预算绩效管理情况",
    "其他重要事项": "其他重要事项的情况说明",
}


@pytest.mark.parametrize("row", rows("vocab_narrative_topics"), ids=lambda row: row["topic"])
def test_every_topic_of_the_vocabulary_is_given_by_its_heading(row):
    assert topic_of(HEADINGS[row["heading_pattern"]]) == row["topic"]


def test_every_section_heading_the_corpus_writes_gives_its_topic(tmp_path):
    generate(tmp_path, 3, seed=6, planted_share=0)
    written = {(row["section"], row["topic"]) for path in (tmp_path / "disclosures").glob("*/narrative_figures.csv")
               for row in csv.DictReader(path.open(encoding="utf-8"))}
    assert len(written) >= 11
    # under 其他重要事项 a sub-heading (the corpus prints none) refines the topic
    assert [(section, topic) for section, topic in written
            if topic_of(section.split("、", 1)[1]) not in (topic, "other_matters")] == []
    assert any(topic_of(section.split("、", 1)[1]) == "other_matters" for section, _ in written)


def test_every_subject_the_corpus_writes_is_recognised_as_its_key(tmp_path):
    generate(tmp_path, 8, seed=6, planted_share=0)
    written = {(row["topic"], row["subject"], row["subject_key"])
               for path in (tmp_path / "disclosures").glob("*/narrative_figures.csv")
               for row in csv.DictReader(path.open(encoding="utf-8")) if row["metric"] != "nil"}
    assert len(written) > 20
    unread = [(topic, subject, key) for topic, subject, key in written if subject_key(topic, subject) != key]
    assert unread == []


def test_a_subject_added_to_the_vocabulary_is_read(tmp_path):
    assert subject_key("other_matters", "会议费") is None
    printed = with_added_rows(tmp_path, {"vocab_narrative_subjects": ["other_matters,会议费,meeting_cost,999"]},
                              'from final_accounts.statements import subject_key\nprint(subject_key("other_matters", "会议费"))')
    assert printed == "meeting_cost"


# ------------------------------------------------------------------ link words
TOTAL_SECTION = "一、收入支出决算总体情况说明"


def unknown_word_problems(statements) -> list[dict]:
    return [problem for problem in statements.problems if "不是已知的变动词" in problem["detail"]]


@pytest.mark.parametrize("row", rows("vocab_link_words"), ids=lambda row: row["word"])
def test_every_link_word_is_no_unknown_word(row):
    statements = narrative(TOTAL_SECTION, f"与2023年度相比，收支总计{row['word']}120.00万元。")
    assert unknown_word_problems(statements) == []


def test_a_link_word_added_to_the_vocabulary_is_read(tmp_path):
    sentence = "与2023年度相比，收支总计攀至120.00万元。"
    assert len(unknown_word_problems(narrative(TOTAL_SECTION, sentence))) == 1
    printed = with_added_rows(tmp_path, {"vocab_link_words": ["攀至,测试"]}, f"""
        from final_accounts.sources import Item
        from final_accounts.statements import read_statements
        lines = ["一、收入支出决算总体情况说明", "本单位2024年度收入支出总计100.00万元。", {sentence!r}]
        statements = read_statements([Item("text", text, page=22, line=None) for text in lines])
        print(len([p for p in statements.problems if "不是已知的变动词" in p["detail"]]))
    """)
    assert printed == "0"


# ------------------------------------------------------------------ function↔economic pairs
def test_the_corpus_books_each_function_economic_pair_under_its_economic_codes(tmp_path):
    """For every pair of the seed, a generated disclosure's 公开05 basic expenditure of the
    function code (and its 项) equals the sum of its economic 款 in 公开06, within rounding."""
    generate(tmp_path, 30, seed=4, planted_share=0)
    pairs: dict[str, list[str]] = {}
    for row in rows("ref_function_economic_pairs"):
        pairs.setdefault(row["function_code"], []).extend(row["economic_codes"].split("|"))
    compared = 0
    for folder in (tmp_path / "disclosures").iterdir():
        functional = list(csv.DictReader((folder / "gk05_general_budget_expenditure.csv").open(encoding="utf-8")))
        economic = list(csv.DictReader((folder / "gk06_basic_expenditure_by_economic.csv").open(encoding="utf-8")))
        amounts = {row[f"economic_code_{n}"]: Decimal(row[f"amount_{n}"].replace(",", "") or "0")
                   for row in economic for n in (1, 2, 3) if row[f"economic_code_{n}"]}
        for function, codes in pairs.items():
            # the most detailed printed lines under the prefix (项), each rounded once
            lines = [Decimal(row["basic_expenditure"].replace(",", "") or "0") for row in functional
                     if row["function_code"].startswith(function) and len(row["function_code"]) == 7]
            if not any(lines):
                continue
            compared += 1
            booked = sum(amounts.get(code, Decimal(0)) for code in codes)
            assert abs(sum(lines) - booked) <= Decimal("0.005") * (len(lines) + len(codes)), (folder.name, function)
    assert compared >= 10


# ------------------------------------------------------------------ budget bases
def test_every_budget_basis_has_exactly_one_label():
    """The word the rules' messages and the corpus use for a basis (is_basis_label) is one per basis."""
    labels = Counter(row["basis"] for row in rows("vocab_budget_bases") if row["is_basis_label"] == "true")
    assert labels == Counter({"initial_budget": 1, "full_year_budget": 1, "budget": 1})
