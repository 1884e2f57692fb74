"""The 项 subject-word vocabulary (seeds/vocab_item_subject_words.csv) that N-ITEM-PURPOSE reads
through ref() is loadable by Python through final_accounts.vocabulary.rows, and covers the
specific 项 of the functional-classification reference (not only the shipped items)."""
import csv
import re
from pathlib import Path

from final_accounts import vocabulary

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# 项 named for a kind of work any unit does, not a subject a purpose could be judged by
GENERIC = re.compile(r"^(行政运行|一般行政管理事务|机关服务|事业运行|机构运行|专项服务)$|^其他")


def reference_items():
    with (SEEDS / "ref_functional_classification.csv").open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["level"] == "项"]


def own_words(code, rows):
    return {row["subject_word"] for row in rows if code.startswith(row["code"])}


def test_vocabulary_loads_through_the_package():
    rows = vocabulary.rows("vocab_item_subject_words")
    assert rows and all(re.fullmatch(r"\d{3}|\d{5}|\d{7}", row["code"]) for row in rows)
    assert all(row["subject_word"].strip() == row["subject_word"] != "" for row in rows)
    keys = [(row["code"], row["subject_word"]) for row in rows]
    assert len(keys) == len(set(keys))


def test_every_specific_reference_item_has_subject_words():
    rows = vocabulary.rows("vocab_item_subject_words")
    missing = [(item["function_code"], item["official_name"]) for item in reference_items()
               if not GENERIC.search(item["official_name"]) and not own_words(item["function_code"], rows)]
    assert missing == []


def test_the_known_publishing_error_is_told_apart():
    """住房公积金 “主要用于：事业单位医疗保险支出” names another 项's subject and none of its own;
    the same paragraph under 事业单位医疗 is right."""
    rows = vocabulary.rows("vocab_item_subject_words")
    purpose = "事业单位医疗保险支出"
    housing, medical = own_words("2210201", rows), own_words("2101102", rows)
    assert not any(word in purpose for word in housing)
    assert any(word in purpose for word in medical)
    others = {row["subject_word"] for row in rows if not "2210201".startswith(row["code"])}
    assert any(word in purpose for word in others - housing)
