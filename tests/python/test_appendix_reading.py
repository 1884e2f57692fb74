"""The project appendix (项目支出绩效自评表) read from the Nanyang text export against the hand
transcription (seeds/project_evaluations.csv, project_funds.csv, project_indicators.csv,
project_fund_management.csv), cell by cell.

Every cell the reader lands differently from the seeds is listed below, one by one, with the
seed row whose transcription_note records the transcriber's layout judgment (or the export's
loss) that explains it, and a word of that note. Nothing else may differ: a new difference,
or a listed one that disappears, fails the test. transcription_note itself is not compared
(the reader writes its own notes, checked below where a rule depends on them).
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from final_accounts.appendix import APPENDIX_PARTS, read_appendix
from final_accounts.extract import extract
from final_accounts.landing import APPENDIX_COLUMNS
from final_accounts.sources import Item, read_document

ROOT = Path(__file__).resolve().parents[2]
NANYANG_TEXT = ROOT / "documents" / "2024-nanyang-government-big-data-center-final-accounts.txt"

# (part, project_no, row_no, column) -> (the seed row whose note explains it, a word of that note)
KNOWN_DIFFERENCES = {
    # line 813 merges 主管部门, 项目名称 and 实施单位 into one cell: the reader lands the cell as printed
    ("project_evaluations", "5", "", "project_name"): (("project_evaluations", "5", ""), "三格并在一格"),
    ("project_evaluations", "5", "", "competent_department"): (("project_evaluations", "5", ""), "三格并在一格"),
    ("project_evaluations", "5", "", "implementing_unit"): (("project_evaluations", "5", ""), "三格并在一格"),
    # lines 835-836: “项目名称 主管部门” merged; the reader gives the value to 项目名称 and the
    # 实施单位 of line 836 to 实施单位, as the seed does — no difference; lines 837-840 shifted:
    # the seeds restore the figures “按其他14张表的版式”, the reader lands what is printed where
    ("project_funds", "6", "1", "annual_budget_text"): (("project_funds", "6", "1"), "数值整体上移一行"),
    ("project_funds", "6", "1", "weight_text"): (("project_funds", "6", "1"), "数值整体上移一行"),
    ("project_funds", "6", "1", "execution_rate_text"): (("project_funds", "6", "1"), "数值整体上移一行"),
    ("project_funds", "6", "1", "score_text"): (("project_funds", "6", "1"), "数值整体上移一行"),
    ("project_funds", "6", "2", "initial_budget_text"): (("project_funds", "6", "1"), "按版式推定"),
    ("project_funds", "6", "2", "weight_text"): (("project_funds", "6", "1"), "出现在财政拨款行"),
    ("project_funds", "6", "2", "score_text"): (("project_funds", "6", "1"), "出现在财政拨款行"),
    ("project_funds", "6", "3", "initial_budget_text"): (("project_funds", "6", "1"), "两个0元来源为0/0/0"),
    ("project_funds", "6", "3", "execution_rate_text"): (("project_funds", "6", "1"), "财政专户管理资金行出现“100.0 %”"),
    ("project_funds", "6", "4", "initial_budget_text"): (("project_funds", "6", "1"), "两个0元来源为0/0/0"),
    # lines 877-882: the seeds move the 二级指标 labels down one row; the reader keeps each 二级
    # label on its printed row (the 一级指标 is the one the 二级 belongs to)
    ("project_indicators", "7", "3", "level2_indicator"): (("project_indicators", "7", "1"), "整体右移一列"),
    # line 907 prints no 一级/二级指标: the seeds supply them from the other tables' layout; the
    # reader carries the merged labels above down
    ("project_indicators", "8", "6", "level1_indicator"): (("project_indicators", "8", "6"), "按其他项目表的满意度指标版式补回"),
    ("project_indicators", "8", "6", "level2_indicator"): (("project_indicators", "8", "6"), "按其他项目表的满意度指标版式补回"),
    # line 1053: the seeds move a 偏差原因 to the next row by its meaning; the reader keeps it where printed
    ("project_indicators", "13", "3", "deviation_reason"): (("project_indicators", "13", "3"), "移到下一行"),
    ("project_indicators", "13", "4", "deviation_reason"): (("project_indicators", "13", "4"), "自第1053行"),
    # a wrong character of the export (“의견” for 意见) corrected in the seeds; the reader lands the print
    ("project_indicators", "14", "6", "deviation_reason"): (("project_indicators", "14", "6"), "错误字符"),
}


def _seed(name: str) -> list[dict]:
    return list(csv.DictReader((ROOT / "seeds" / f"{name}.csv").open(encoding="utf-8")))


def _key(row: dict) -> tuple[str, str]:
    return row["project_no"], row.get("row_no", "")


@pytest.fixture(scope="module")
def appendix():
    return read_appendix(read_document(NANYANG_TEXT).items, exported=True)


def _differences(read: dict[str, list[dict]]) -> dict[tuple, tuple[str, str]]:
    found = {}
    for part in APPENDIX_PARTS:
        seeds = {_key(row): row for row in _seed(part)}
        landed = {_key(row): row for row in read[part]}
        assert set(landed) == set(seeds), f"{part}: rows read {sorted(set(landed) - set(seeds))}, " \
                                          f"rows not read {sorted(set(seeds) - set(landed))}"
        for key, seed in seeds.items():
            for column in APPENDIX_COLUMNS[part]:
                if column != "transcription_note" and landed[key][column] != seed[column]:
                    found[(part, *key, column)] = (landed[key][column], seed[column])
    return found


def test_text_export_reproduces_the_seeds_cell_for_cell(appendix):
    differences = _differences(appendix.files)
    unexplained = {key: value for key, value in differences.items() if key not in KNOWN_DIFFERENCES}
    assert not unexplained, "cells read unlike the seeds:\n" + "\n".join(
        f"  {key}: read {read!r}, seed {seed!r}" for key, (read, seed) in unexplained.items())
    gone = sorted(set(KNOWN_DIFFERENCES) - set(differences))
    assert not gone, f"listed differences no longer differ (remove them from the list): {gone}"
    compared = sum(len(_seed(part)) * (len(APPENDIX_COLUMNS[part]) - 1) for part in APPENDIX_PARTS)
    assert compared == 2082 and len(differences) == len(KNOWN_DIFFERENCES)


@pytest.mark.parametrize("difference", sorted(KNOWN_DIFFERENCES))
def test_each_known_difference_is_a_recorded_judgment(difference):
    (part, project_no, row_no), word = KNOWN_DIFFERENCES[difference]
    note = next(row["transcription_note"] for row in _seed(part) if _key(row) == (project_no, row_no))
    assert word in note, f"{difference}: the seed note of {part} {project_no}/{row_no} does not say “{word}”: {note}"


def test_every_row_has_its_line(appendix):
    for part in APPENDIX_PARTS:
        for row in appendix.files[part]:
            assert row["source_line"].isdigit() and not row["source_page"], (part, row)
    # the 15 tables start at their printed titles
    assert [row["source_line"] for row in appendix.files["project_evaluations"]][:2] == ["708", "733"]


def test_cells_lost_in_the_export_are_noted_as_lost(appendix):
    """The reader's notes name the cells the export lost, in the words int_lost_cells reads, so
    the 绩效 rules needing them are 无法核对: project 1's 年初预算数 (two amounts under three
    headers), project 8's missing 预算绩效管理情况 row, project 9's 安排科学性 分值/得分."""
    def notes(part, project_no):
        return "；".join(row["transcription_note"] for row in appendix.files[part] if row["project_no"] == project_no)
    assert "年初预算数未导出" in notes("project_funds", "1")
    assert "分值与得分未导出" in notes("project_fund_management", "8")
    assert "分值与得分未导出" in notes("project_fund_management", "9")
    assert "未导出" not in notes("project_funds", "10")  # a table the export kept whole
    # line 813: the 项目名称 cell holds three texts, 主管部门 and 实施单位 none: the name is not a cell of its own
    assert "项目名称、主管部门、实施单位未导出" in notes("project_evaluations", "5")
    assert "未导出" not in notes("project_evaluations", "6")


def test_everything_of_the_export_is_placed(appendix):
    """Line 789's 实施单位 value, printed with no label at the end of the 项目资金 header, goes to
    the header field still empty, noted as a judgment (as the seed's transcriber judged); line
    914's “得分为” is a column header printed with a suffix. Nothing is left unplaced."""
    assert appendix.unplaced == [] and appendix.problems == []
    evaluation = appendix.files["project_evaluations"][3]
    assert evaluation["implementing_unit"] == "南阳市政务大数据中心" and "第789行" in evaluation["transcription_note"]


def test_a_reworded_layout_reads_the_same():
    """Labels the vocabulary knows in another form (spaces inside, full-width brackets, the
    merged 一级指标 carried down, the label column left out) give the same rows."""
    rows = [("项目支出绩效自评表",), ("2025年05月",), ("项目名称", "甲项目"), ("主管部门", "甲局", "实施单位", "甲中心"),
            ("项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
            ("", "年度资金总额：", "10", "10", "9", "10", "90%", "9"),
            ("", "其中：财政拨款", "10", "10", "9", "—", "90%", "—"),
            ("资金管理情况", "情况说明", "分值（20）", "得分", "存在问题和改进措施"),
            ("", "安排科学性", "合理", "5", "5", ""), ("", "拨付合规性", "合规", "5", "5", ""),
            ("", "使用规范性", "规范", "5", "5", ""), ("", "预算绩效管理情况", "到位", "5", "5", ""),
            ("年度总 体目标", "预期目标", "实际完成情况"), ("", "完成甲事", "已完成甲事"),
            ("绩效 指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
            ("", "产出指标", "数量指标", "甲数", "=3个", "3个", "35", "35", ""),
            ("", "", "质量指标", "甲率", "$\\geq 95\\%$", "95%", "35", "35", ""),
            ("", "总分", "", "", "", "", "100", "99")]
    items = [Item("row", cells=cells, line=number) if len(cells) > 1 else Item("text", text=cells[0], line=number)
             for number, cells in enumerate(rows, 1)]
    read = read_appendix(items, exported=False).files
    evaluation = read["project_evaluations"][0]
    assert (evaluation["project_name"], evaluation["competent_department"], evaluation["implementing_unit"],
            evaluation["goal_expected"], evaluation["goal_actual"], evaluation["total_weight_text"],
            evaluation["total_score_text"]) == ("甲项目", "甲局", "甲中心", "完成甲事", "已完成甲事", "100", "99")
    assert [(row["fund_source_as_printed"], row["initial_budget_text"], row["execution_rate_text"], row["score_text"])
            for row in read["project_funds"]] == [("年度资金总额：", "10", "90%", "9"), ("其中：财政拨款", "10", "90%", "—")]
    assert [row["item_name"] for row in read["project_fund_management"]] == ["安排科学性", "拨付合规性", "使用规范性",
                                                                            "预算绩效管理情况"]
    assert [(row["level1_indicator"], row["level2_indicator"], row["target_text"], row["deviation_reason"])
            for row in read["project_indicators"]] == [("产出指标", "数量指标", "=3个", ""), ("产出指标", "质量指标", "≥95%", "")]


def test_extract_lands_the_appendix():
    extraction = extract(NANYANG_TEXT)
    assert len(extraction.files["project_evaluations"]) == 15
    assert len(extraction.files["project_indicators"]) == len(_seed("project_indicators"))
    assert all(row["unit_name"] == "南阳市政务大数据中心" for row in extraction.files["project_funds"])


def _base_table() -> list[tuple[str, ...]]:
    return [("项目支出绩效自评表",), ("2025年05月",), ("项目名称", "甲项目"), ("主管部门", "甲局", "实施单位", "甲中心"),
            ("项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
            ("", "年度资金总额", "1", "1", "1", "10", "100%", "10"),
            ("资金管理情况", "情况说明", "分值(20)", "得分", "存在问题和改进措施"), ("", "安排科学性", "合理", "5", "5"),
            ("年度总体目标", "预期目标", "实际完成情况"), ("", "完成甲事", "已完成甲事"),
            ("绩效指标",), ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差度", "偏差原因分析及改进措施"),
            ("产出指标", "数量指标", "甲数", "=3个", "3个", "35", "35", "0.00", ""), ("总分", "", "", "100", "99")]


def _read(rows: list[tuple[str, ...]]):
    items = [Item("row", cells=cells, line=number) if len(cells) > 1 else Item("text", text=cells[0], line=number)
             for number, cells in enumerate(rows, 1)]
    return read_appendix(items, exported=False)


def _replace(rows, old: str, new: str):
    return [tuple(new if cell == old else cell for cell in row) for row in rows]


def _vocabulary_rows():
    return [row for row in _seed("vocab_appendix_labels")]


@pytest.mark.parametrize("row", _vocabulary_rows(), ids=lambda row: f"{row['kind']}:{row['word']}")
def test_every_word_of_the_vocabulary_is_read_in_its_role(row):
    """Each row of seeds/vocab_appendix_labels.csv, put in its place in a small table, is read so."""
    kind, word, value = row["kind"], row["word"], row["value"]
    base = _base_table()
    assert not _read(base).unplaced
    if kind == "title":
        read = _read(_replace(base, "项目支出绩效自评表", word))
        assert read.files["project_evaluations"][0]["table_title"] == word
    elif kind == "form_date":
        sample = {"(\\d{1,2}日)?": "", "^": "", "\\d{4}": "2024", "\\d{1,2}": "5", "$": "", "[(（]": "(", "[)）]": ")"}
        text = word
        for pattern, replacement in sample.items():
            text = text.replace(pattern, replacement)
        read = _read(_replace(base, "2025年05月", text))
        assert read.files["project_evaluations"][0]["form_date_text"] == text
    elif kind in ("project_name", "competent_department", "implementing_unit"):
        label = {"project_name": "项目名称", "competent_department": "主管部门", "implementing_unit": "实施单位"}[kind]
        value_of = {"project_name": "甲项目", "competent_department": "甲局", "implementing_unit": "甲中心"}[kind]
        read = _read(_replace(base, label, word))
        assert read.files["project_evaluations"][0][kind] == value_of and not read.unplaced
    elif kind in ("fund_header", "management_header", "indicator_header", "goal_header"):
        target = {"fund_header": "项目资金(万元)", "management_header": "情况说明", "indicator_header": "偏差原因分析及改进措施",
                  "goal_header": {"expected": "预期目标", "actual": "实际完成情况"}.get(value, "年度总体目标")}[kind]
        read = _read(_replace(base, target, word))
        assert not read.unplaced and read.files["project_evaluations"][0]["goal_actual"] == "已完成甲事"
        assert read.files["project_indicators"][0]["level3_indicator"] == "甲数"
    elif kind == "fund_column":
        # a header word printed where a figure belongs holds no figure: the cell is not printed
        rows = [tuple(word if (cells[:2] == ("", "年度资金总额") and index == 2) else cell for index, cell in enumerate(cells))
                for cells in base]
        fund = _read(rows).files["project_funds"][0]
        assert fund["initial_budget_text"] == "" and "未印" in fund["transcription_note"]
    elif kind in ("fund_source", "fund_prefix"):
        label = word if kind == "fund_source" else f"{word}：财政拨款"
        fund = _read(_replace(base, "年度资金总额", label)).files["project_funds"][0]
        assert (fund["fund_source_as_printed"], fund["annual_budget_text"], fund["score_text"]) == (label, "1", "10")
    elif kind == "management_item":
        item = _read(_replace(base, "安排科学性", word)).files["project_fund_management"][0]
        assert (item["item_name"], item["description"], item["weight_text"], item["score_text"]) == (word, "合理", "5", "5")
    elif kind in ("level1", "level2"):
        rows = _replace(base, "产出指标" if kind == "level1" else "数量指标", word)
        if kind == "level1":
            rows = _replace(rows, "数量指标", "")  # a 二级指标 would name its own 一级指标
        indicator = _read(rows).files["project_indicators"][0]
        assert indicator["level1_indicator"] == (word if kind == "level1" else value)
        assert kind == "level1" or indicator["level2_indicator"] == word
    elif kind == "total":
        evaluation = _read(_replace(base, "总分", word)).files["project_evaluations"][0]
        assert (evaluation["total_weight_text"], evaluation["total_score_text"]) == ("100", "99")
    elif kind == "ignored":
        read = _read(base[:2] + [(f"{word}：", "某某")] + base[2:])
        assert not read.unplaced and read.files["project_evaluations"][0]["project_name"] == "甲项目"
    elif kind == "tex":
        printed = f"${word} 95$"
        indicator = _read(_replace(base, "=3个", printed)).files["project_indicators"][0]
        assert indicator["target_text"] == f"{value}95"
    else:
        pytest.fail(f"vocab_appendix_labels kind {kind} has no test")


def test_a_text_no_field_claims_is_unplaced():
    """Once every header field is filled, a stray text is READ-UNPLACED (never dropped)."""
    rows = _base_table()
    rows.insert(4, ("", "某段无处安放的文字"))
    read = _read(rows)
    assert read.unplaced == ["line 5: appendix table 1: text outside any field: 某段无处安放的文字"]


def test_a_title_with_nothing_under_it_is_no_table():
    """A heading or table-of-contents line naming the form starts no table; the tables after
    it are numbered from 1."""
    read = _read([("项目支出绩效自评表",), ("第五部分 附件",)] + _base_table())
    assert [row["project_no"] for row in read.files["project_evaluations"]] == ["1"]
    assert read.files["project_evaluations"][0]["project_name"] == "甲项目" and not read.unplaced
