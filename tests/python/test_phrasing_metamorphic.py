"""Phrasing varies, findings do not (issue 16, point 6): metamorphic tests.

1. A generated corpus (whose phrasings are drawn from the catalog) and a copy of it in which
   every statement is replaced by another phrasing of the same catalog entry — another
   comparison word of the same sense (小于 → 低于 / 未达到 …), another change word of the same
   direction (增加 → 上升, 增长 → 增幅 …), another ordinal style, another budget phrase of the
   same basis — give the same status for every check (rule_id + subject_key).
2. The shipped finance-bureau PDF, read, and a copy whose narrative text is only reworded
   (“（1）” for “1、”, 低于 for 小于, 一致 for 持平, “较…增幅” for “比…增长”, “主要用于” for “主要用于
   以下方面”) give the same checks; the reworded copy's 11 per-项 accounts are all read and no
   read problem is reported (the issue measured 34 more 不符 before).

Both copies are published under another unit name into the same landing as their originals, so
one build compares them; the original and the copy never share a disclosure key.
"""
from __future__ import annotations

import csv
import dataclasses
import random
import re
import shutil
from pathlib import Path

import pytest
from conftest import open_warehouse, run_dbt_build

from final_accounts import extract as extract_module
from final_accounts import ingest, vocabulary
from final_accounts.corpus import comparison_sense, generate
from final_accounts.landing import MANIFEST_COLUMNS, publish, write_cache, write_csv
from final_accounts.sources import read_document

ROOT = Path(__file__).resolve().parents[2]

FINANCE_PDF = ROOT / "documents" / "shanghai-putuo-finance-bureau-2024.pdf"
FINANCE = "上海市普陀区财政局"
FINANCE_REWORDED = "上海市普陀区改写财政局"
RENAMED_SUFFIX = "乙"
CORPUS_SIZE = 24


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict], columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# ------------------------------------------------------------ 1. the corpus, rephrased
def other_word(word: str, rng: random.Random) -> str:
    """Another word of the same catalog entry: same sense (comparison) or same direction and
    use (change); a word the vocabularies do not know (a plant such as "下降（增长）") is kept."""
    sense = comparison_sense(word)
    comparisons = vocabulary.rows("vocab_comparison_words")
    if sense is not None:
        band = next(row["band"] for row in comparisons if row["word"] == word)
        return rng.choice([row["word"] for row in comparisons if row["sense"] == sense and row["band"] == band])
    return word


def other_change_word(word: str, of: str, rng: random.Random) -> str:
    changes = {row["word"]: row for row in vocabulary.rows("vocab_change_words")}
    if word not in changes:
        return word
    direction = changes[word]["direction"]
    return rng.choice([w for w, row in changes.items() if row["direction"] == direction and row[f"names_{of}"] == "true"])


def rephrase_corpus(source: Path, target: Path) -> tuple[int, tuple[str, str]]:
    """Copy a generated landing with every statement rephrased and every unit renamed; returns
    the number of statements whose words changed, and the control: one per-项 word of the first
    disclosure given the opposite sense (a change of meaning the comparison must see)."""
    rng = random.Random(16)
    changed = 0
    control = None
    shutil.copytree(source, target)
    for folder in sorted((target / "disclosures").iterdir()):
        for path in folder.glob("*.csv"):
            rows = read_rows(path)
            if not rows:
                continue
            columns = list(rows[0])
            for row in rows:
                unit = row.get("unit_name")
                if unit:  # the unit renamed wherever the disclosure names itself
                    for column, value in row.items():
                        if value and unit in value:
                            row[column] = value.replace(unit, unit + RENAMED_SUFFIX)
                if row.get("document_sha256"):
                    row["document_sha256"] = row["document_sha256"][::-1]
                if row.get("source_file"):
                    row["source_file"] = "rephrased/" + row["source_file"]
                if path.name in ("narrative_function_budget.csv", "narrative_comparison_wording.csv") and row["wording"]:
                    word = other_word(row["wording"], rng)
                    if control is None and path.name == "narrative_function_budget.csv" and \
                            comparison_sense(word) in ("greater", "less"):
                        word = "大于" if comparison_sense(word) == "less" else "小于"
                        control = (row["unit_name"], f"narrative-item/{row['item_no']}")
                    changed += word != row["wording"]
                    row["quoted_phrase"] = row["quoted_phrase"].replace(row["wording"], word)
                    row["wording"] = word
                if path.name == "narrative_figures.csv" and row["metric"] in ("change_amount", "change_rate"):
                    word = other_change_word(row["stated_word"], "amount" if row["metric"] == "change_amount" else "rate", rng)
                    changed += word != row["stated_word"]
                    row["stated_word"] = word
            write_rows(path, rows, columns)
    assert control is not None
    for name in ("documents.csv",):
        rows = read_rows(target / name)
        for row in rows:
            row["unit_name"] += RENAMED_SUFFIX
            row["document_sha256"] = row["document_sha256"][::-1]
            row["source_file"] = "rephrased/" + row["source_file"]
        write_rows(target / name, rows, list(rows[0]))
    return changed, control


# ------------------------------------------------------------ 2. the finance bureau, reworded
REWORDINGS = [
    # per-项 ordinals "N、" → "（N）" where a 类 follows
    (re.compile(r"(^|(?<=[。：]))(\d{1,2})、(?=[^。]{0,30}（类）)"), r"\1（\2）"),
    (re.compile(r"决算数小于预算数"), "决算数低于预算数"),
    (re.compile(r"决算数与预算数基本持平"), "决算数与预算数一致"),
    (re.compile(r"比(20\d{2})年度增加"), r"较\1年度增加"),
    (re.compile(r"增长(?=\d)"), "增幅"),
    (re.compile(r"主要用于以下方面"), "主要用于"),
]


def reword_lines(texts: list[str]) -> list[str]:
    """The rewordings applied to the text as read across its printed lines (a sentence wraps):
    each match, found in the text joined without blanks, is replaced at its first character and
    its other characters are removed, wherever the lines break."""
    slots = [(line, position) for line, text in enumerate(texts) for position, character in enumerate(text)
             if not character.isspace()]
    flat = "".join(texts[line][position] for line, position in slots)
    content = [texts[line][position] for line, position in slots]
    for pattern, replacement in REWORDINGS:
        for match in pattern.finditer(flat):
            if any(content[i] != flat[i] for i in range(match.start(), match.end())):
                continue  # overlaps an earlier rewording
            content[match.start()] = match.expand(replacement)
            for i in range(match.start() + 1, match.end()):
                content[i] = ""
    result = [list(text) for text in texts]
    for (line, position), value in zip(slots, content):
        result[line][position] = value
    return ["".join(characters).replace(FINANCE, FINANCE_REWORDED) for characters in result]


def reworded_document(path, sha256=None, landing=None):
    document = read_document(path, sha256, landing)
    texts = [item for item in document.items if item.kind == "text"]
    reworded = dict(zip((id(item) for item in texts), reword_lines([item.text for item in texts])))
    document.items = [dataclasses.replace(item, text=reworded.get(id(item), item.text),
                                          cells=tuple(cell.replace(FINANCE, FINANCE_REWORDED) if cell else cell
                                                      for cell in item.cells))
                      for item in document.items]
    return document


@pytest.fixture(scope="module")
def metamorphic_build(tmp_path_factory, monkeypatch_module):
    work = tmp_path_factory.mktemp("metamorphic")
    generated = work / "generated"
    generate(generated, CORPUS_SIZE, seed=16, planted_share=0.3)
    rephrased = work / "rephrased"
    changed, control = rephrase_corpus(generated, rephrased)

    landing = work / "landing"
    documents = work / "documents"
    documents.mkdir()
    shutil.copy(FINANCE_PDF, documents / FINANCE_PDF.name)
    manifest = ingest.ingest([documents], landing, work, prune=True, echo=lambda *_: None)
    # the reworded copy: the same PDF read, its text reworded, landed under its own hash and name
    monkeypatch_module.setattr(extract_module, "read_document", reworded_document)
    sha = "f" * 64
    extraction = extract_module.extract(documents / FINANCE_PDF.name, "documents/reworded-finance-bureau.pdf", sha)
    assert extraction.loaded, extraction.document
    write_cache(landing, sha, extraction.files)
    reworded_row = {**extraction.document, "run_status": "loaded", "run_reason": ""}
    publish(landing, manifest + [reworded_row])
    # the generated corpus and its rephrased copy, published beside them
    for corpus in (generated, rephrased):
        for folder in (corpus / "disclosures").iterdir():
            if folder.name != "_schema":
                shutil.copytree(folder, landing / "disclosures" / f"{corpus.name}_{folder.name}")
    rows = read_rows(landing / "documents.csv") + read_rows(generated / "documents.csv") + \
        read_rows(rephrased / "documents.csv")
    write_csv(landing / "documents.csv", MANIFEST_COLUMNS, rows)
    build = run_dbt_build(ROOT, work / "build", landing=landing, extra_args=["--exclude-resource-type", "unit_test"])
    failures = [line for line in build.output.splitlines() if "FAIL" in line or "ERROR" in line or " - " in line]
    assert build.returncode == 0, "\n".join(failures[-40:])
    return build, (changed, control), extraction


@pytest.fixture(scope="module")
def monkeypatch_module():
    patch = pytest.MonkeyPatch()
    yield patch
    patch.undo()


def statuses(connection, unit: str) -> dict[tuple[str, str], str]:
    return {(rule, subject): status for rule, subject, status in connection.execute(
        "select rule_id, subject_key, status from fct_reconciliation_checks where unit_name = ?", [unit]).fetchall()}


def test_rephrased_corpus_gives_the_same_findings(metamorphic_build):
    build, (changed, control), _ = metamorphic_build
    assert changed > 50, "the rephrasing changed words"
    control_unit = control[0].removesuffix(RENAMED_SUFFIX)
    connection = open_warehouse(build.warehouse)
    try:
        units = [row[0] for row in connection.execute(
            "select distinct unit_name from fct_reconciliation_checks where unit_name like '%所'").fetchall()]
        assert len(units) == CORPUS_SIZE
        failing = 0
        for unit in units:
            original, rephrased = statuses(connection, unit), statuses(connection, unit + RENAMED_SUFFIX)
            assert original, unit
            differences = {key: (original.get(key), rephrased.get(key)) for key in set(original) | set(rephrased)
                           if original.get(key) != rephrased.get(key)}
            if unit == control_unit:
                # the control: a word of the opposite sense is seen, and only there
                assert differences == {("N-WORDING", control[1]): ("pass", "fail")}, differences
            else:
                assert differences == {}, (unit, differences)
            failing += sum(1 for status in original.values() if status == "fail")
        assert failing > 0, "the corpus carries planted errors: the comparison covers failures too"
    finally:
        connection.close()


def test_reworded_finance_bureau_gives_the_same_checks(metamorphic_build):
    build, _, extraction = metamorphic_build
    items = extraction.files["narrative_function_budget"]
    assert len(items) == 11 and all(row["initial_budget_text"] and row["final_amount_text"] for row in items)
    assert {row["wording"] for row in items} == {"低于", "一致"}
    assert [row for row in extraction.files["read_problems"] if row["rule_id"].startswith("READ-NARRATIVE")] == []
    rates = [row for row in extraction.files["narrative_figures"] if row["stated_word"] == "增幅"]
    assert rates, "the 较…增幅 wording is in the reworded copy"
    connection = open_warehouse(build.warehouse)
    try:
        original, reworded = statuses(connection, FINANCE), statuses(connection, FINANCE_REWORDED)
        assert len(original) > 400
        differences = {key: (original.get(key), reworded.get(key)) for key in set(original) | set(reworded)
                       if original.get(key) != reworded.get(key)}
        assert differences == {}
    finally:
        connection.close()
