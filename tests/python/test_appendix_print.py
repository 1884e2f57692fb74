"""A generated disclosure's project appendix printed to PDF (final_accounts/corpus/appendix_print.py,
headless Chromium through Playwright) reads back through the appendix reader
(final_accounts/appendix.py) to the corpus's own project_* rows, every cell, each table on
its page."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from final_accounts.appendix import APPENDIX_PARTS, read_appendix
from final_accounts.corpus import Generator
from final_accounts.corpus.appendix_print import appendix_html
from final_accounts.landing import APPENDIX_COLUMNS
from final_accounts.sources import Item, read_document

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _disclosure_with_projects(minimum: int):
    generator = Generator(7)
    for index in range(50):
        disclosure = generator.disclosure(index)
        if len(disclosure.files.get("project_evaluations") or []) >= minimum:
            return disclosure
    raise AssertionError(f"no generated disclosure with {minimum} projects among 50")


def _print(html: str, path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail("the appendix print test needs Debian's chromium (and fonts-noto-cjk): "
                    "sudo apt-get install chromium fonts-noto-cjk — ./scripts/test installs them when run as root")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content(f"<html><head><meta charset='utf-8'></head><body>{html}</body></html>")
        page.pdf(path=str(path), format="A4", landscape=True)
        browser.close()


def _varied(files: dict) -> dict:
    """The disclosure's appendix rows with the cases a layout must keep: a fund cell printed
    empty in the middle of its row (年初预算数 of 财政拨款: it must stay empty, the cells after
    it never shifted left), an empty 执行率, a 三级指标 and a 偏差原因 long enough to wrap
    over lines in their cells, a management description wrapped too."""
    files = {part: [dict(row) for row in rows] for part, rows in files.items()}
    funds = [row for row in files["project_funds"] if row["project_no"] == "1"]
    funds[1]["initial_budget_text"] = ""
    funds[2]["execution_rate_text"] = ""
    indicator = next(row for row in files["project_indicators"] if row["project_no"] == "1")
    indicator["level3_indicator"] = "完成辖区内老旧小区基础设施改造及配套公共服务设施建设事项"
    indicator["deviation_reason"] = "受汛期影响部分工程顺延施工，已调整计划于次年一季度完成全部验收工作"
    management = next(row for row in files["project_fund_management"] if row["project_no"] == "1")
    management["description"] = "项目资金按照年度预算安排，资金分配依据充分，程序符合财政资金管理规定"
    return files


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_printed_appendix_reads_back_to_the_corpus_rows(tmp_path, ruled):
    disclosure = _disclosure_with_projects(2)
    files = _varied(disclosure.files)
    pdf = tmp_path / "appendix.pdf"
    _print(appendix_html(files, ruled=ruled), pdf)
    document = read_document(pdf)
    # unruled: the pages are read from word positions, and the 自评表 cut from its words
    assert bool(document.unruled_words) != ruled
    read = read_appendix(document.items, exported=False, page_words=document.unruled_words)
    assert not read.unplaced and not read.problems
    compared = 0
    for part in APPENDIX_PARTS:
        printed = {(row["project_no"], row.get("row_no", "")): row for row in files[part]}
        landed = {(row["project_no"], row.get("row_no", "")): row for row in read.files[part]}
        assert set(landed) == set(printed), part
        for key, row in printed.items():
            for column in APPENDIX_COLUMNS[part]:
                if column != "transcription_note":
                    assert landed[key][column] == row[column], (part, key, column)
                    compared += 1
            # each 自评表 starts a page of its own: project n is printed on page n
            assert landed[key]["source_page"] == key[0], (part, key)
    assert compared > 100


def test_no_projects_print_nothing():
    assert appendix_html({"project_evaluations": []}, ruled=True) == ""


def test_a_fund_row_printed_without_ruling_keeps_its_empty_cell_in_place():
    """Word positions as Chromium prints an unruled landscape 自评表 (measured on a corpus PDF):
    a short right-aligned 0.00 in a wide column stands nearer the next column's centred header
    than its own; the empty 全年预算数 between two figures stays empty, nothing shifts."""
    from final_accounts.word_layout import Word

    def line(top, *cells):
        return [Word(text, x0, top, x1, top + 8.0) for text, x0, x1 in cells]

    words = (line(40, ("项目支出绩效自评情况表", 330, 470))
             + line(116, ("年初预算数", 238.2, 278.2), ("全年预算数", 338.8, 378.8), ("全年执行数", 416.2, 456.2),
                    ("分值", 494.0, 510.0), ("执行率", 548.0, 572.0), ("得分", 691.4, 707.3))
             + line(131, ("年度资金总额:", 106.4, 156.6), ("1826.43", 288.3, 317.1), ("2052.17", 365.7, 394.5),
                    ("1949.56", 443.1, 471.9), ("10", 517.2, 526.1), ("95.00%", 560.6, 588.0), ("9.50", 789.2, 804.7))
             + line(146, ("其他资金", 106.4, 138.4), ("0.00", 301.6, 317.1), ("0.00", 456.4, 471.9),
                    ("-", 523.3, 526.1), ("0.00%", 565.1, 588.0), ("-", 802.0, 804.7))
             + line(400, ("总分", 300, 316), ("100", 514.0, 526.1), ("99.50", 585.0, 604.0)))
    title = Item("text", text="项目支出绩效自评情况表", page=3)
    read = read_appendix([title], exported=False, page_words={3: words})
    assert not read.problems and not read.unplaced
    other = read.files["project_funds"][1]
    assert (other["fund_source_as_printed"], other["initial_budget_text"], other["annual_budget_text"],
            other["executed_text"], other["weight_text"], other["execution_rate_text"], other["score_text"]) == \
        ("其他资金", "0.00", "", "0.00", "-", "0.00%", "-")
    assert other["source_page"] == "3"


def test_a_table_broken_across_unruled_pages_keeps_its_columns():
    """A 自评表 whose 绩效指标 rows continue on the next page without the header (word positions
    as Chromium prints the unruled portrait 自评表): the rows on the second page are read in the
    first page's columns, each on its own page; a merged 一级指标 printed once on each page."""
    from final_accounts.word_layout import Word

    def line(top, *cells):
        return [Word(text, x0, top, x1, top + 7.1) for text, x0, x1 in cells]

    header = (("一级指标", 43.3, 71.7), ("二级指标", 98.7, 127.1), ("三级指标", 172.6, 201.0),
              ("年度指标值", 237.6, 273.1), ("实际完成值", 290.4, 325.9), ("分值", 345.9, 360.1),
              ("得分", 385.5, 399.7), ("偏差度", 424.1, 445.4), ("偏差原因分析及改进措施", 469.6, 547.8))

    def indicator(top, level2, level3, target, actual, weight, deviation, level1=None):
        cells = [(level2, 83.9, 83.9 + 7.1 * len(level2)), (level3, 147.2, 147.2 + 7.1 * len(level3)),
                 (target, 231.7, 231.7 + 5 * len(target)), (actual, 284.4, 284.4 + 5 * len(actual)),
                 (weight, 368.8 - 4 * len(weight), 368.8), (weight, 411.0 - 4 * len(weight), 411.0),
                 (deviation, 453.2 - 4 * len(deviation), 453.2)]
        return line(top, *([(level1, 36.4, 36.4 + 7.1 * len(level1))] if level1 else []), *cells)

    first = (line(41.8, ("项目支出绩效自评情况表", 224.2, 371.0))
             + line(80.0, ("项目名称", 43.3, 71.7), ("专项业务项目1", 83.9, 159.0))
             + line(283.5, *header)
             + indicator(296.8, "数量指标", "完成事项5项", "=5项", "5项", "20", "0.00")
             + indicator(310.8, "质量指标", "验收合格率", "≥95%", "95%", "20", "", level1="产出指标")
             + indicator(324.2, "时效指标", "按期完成率", "=100%", "", "10", "0.00"))
    second = (indicator(40.0, "社会效益指标", "服务对象覆盖率", "≥90%", "90%", "10", "0.00", level1="效益指标")
              + line(60.0, ("总分", 177.0, 191.2), ("100", 357.0, 368.8), ("100.00", 389.3, 411.0)))
    title = Item("text", text="项目支出绩效自评情况表", page=5)
    read = read_appendix([title, Item("text", text="总分 100 100.00", page=6)], exported=False,
                         page_words={5: first, 6: second})
    assert not read.problems and not read.unplaced
    rows = [(row["level1_indicator"], row["level2_indicator"], row["level3_indicator"], row["target_text"],
             row["actual_text"], row["weight_text"], row["score_text"], row["deviation_text"], row["source_page"])
            for row in read.files["project_indicators"]]
    assert rows == [("产出指标", "数量指标", "完成事项5项", "=5项", "5项", "20", "20", "0.00", "5"),
                    ("产出指标", "质量指标", "验收合格率", "≥95%", "95%", "20", "20", "", "5"),
                    ("产出指标", "时效指标", "按期完成率", "=100%", "", "10", "10", "0.00", "5"),
                    ("效益指标", "社会效益指标", "服务对象覆盖率", "≥90%", "90%", "10", "10", "0.00", "6")]
    evaluation = read.files["project_evaluations"][0]
    assert (evaluation["project_name"], evaluation["total_weight_text"], evaluation["total_score_text"]) == \
        ("专项业务项目1", "100", "100.00")


def _scanned_page(tmp_path, name: str, ruled: bool):
    """An image-only landscape A4 page (what a scanner makes), blank or with a small ruled grid."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (2339, 1654), 255)  # 842 x 595 points at 200 dpi
    if ruled:
        draw = ImageDraw.Draw(image)
        draw.rectangle((100, 1300, 500, 1500), outline=0, width=3)
        draw.line((300, 1300, 300, 1500), fill=0, width=3)
        draw.line((100, 1400, 500, 1400), fill=0, width=3)
    pdf = tmp_path / name
    image.save(pdf, format="PDF", resolution=200.0)
    return pdf


def test_a_scanned_page_without_ruling_gives_its_ocr_words_to_the_appendix_reader(tmp_path, monkeypatch):
    """A 自评表 scanned from an unruled print: the page's image has no ruling, so its OCR words
    (here as the OCR placed them on a landscape page, the fund rows of the unruled test above)
    are cut into the 自评表 by their positions, as on a text-layer page: the empty 全年预算数
    between two figures stays empty. A scanned page with ruling keeps the ruled route."""
    from final_accounts import ocr
    from final_accounts.sources import read_document

    def line(top, *cells):
        return [ocr.OcrWord(text, x0, top, x1, top + 8.0, 0.95) for text, x0, x1 in cells]

    words = (line(40, ("项目支出绩效自评情况表", 330, 470))
             + line(116, ("年初预算数", 238.2, 278.2), ("全年预算数", 338.8, 378.8), ("全年执行数", 416.2, 456.2),
                    ("分值", 494.0, 510.0), ("执行率", 548.0, 572.0), ("得分", 691.4, 707.3))
             + line(131, ("年度资金总额:", 106.4, 156.6), ("1826.43", 288.3, 317.1), ("2052.17", 365.7, 394.5),
                    ("1949.56", 443.1, 471.9), ("10", 517.2, 526.1), ("95.00%", 560.6, 588.0), ("9.50", 789.2, 804.7))
             + line(146, ("其他资金", 106.4, 138.4), ("0.00", 301.6, 317.1), ("0.00", 456.4, 471.9),
                    ("-", 523.3, 526.1), ("0.00%", 565.1, 588.0), ("-", 802.0, 804.7))
             + line(400, ("总分", 300, 316), ("100", 514.0, 526.1), ("99.50", 585.0, 604.0)))
    monkeypatch.setattr(ocr, "page_words", lambda *args, **kwargs: list(words))

    document = read_document(_scanned_page(tmp_path, "unruled.pdf", ruled=False), landing=tmp_path / "landing")
    assert [word.text for word in document.unruled_words[1]] == [word.text for word in words]
    read = read_appendix(document.items, exported=False, page_words=document.unruled_words)
    assert not read.problems and not read.unplaced
    other = read.files["project_funds"][1]
    assert (other["fund_source_as_printed"], other["initial_budget_text"], other["annual_budget_text"],
            other["executed_text"], other["weight_text"], other["execution_rate_text"], other["score_text"]) == \
        ("其他资金", "0.00", "", "0.00", "-", "0.00%", "-")

    ruled = read_document(_scanned_page(tmp_path, "ruled.pdf", ruled=True), landing=tmp_path / "landing")
    assert ruled.unruled_words == {}
    assert any(item.kind == "row" and item.read_by == "ocr" and item.boxes for item in ruled.items)


def _ocr_line(top, *cells, height=10.0):
    from final_accounts.word_layout import Word

    return [Word(text, x0, top, x1, top + height, 0.99) for text, x0, x1 in cells]


# the fund and management parts of an unruled 自评表 as the OCR placed their words on a scanned
# page (corpus seed 1, page 20): figures of equal width right-aligned in their columns, each box a
# point or two off its glyphs; a management label and its description read as one word
_OCR_FUNDS = (_ocr_line(42.8, ("项目支出绩效自评情况表", 224.3, 369.4))
              + _ocr_line(106.2, ("年初预算数", 168.8, 203.4), ("全年预算数", 237.6, 271.8), ("全年执行数", 290.5, 324.7),
                          ("分值", 345.6, 360.0), ("执行率", 381.2, 402.5), ("得分", 482.4, 493.2))
              + _ocr_line(120.2, ("年度资金总额：", 83.5, 129.6), ("2.15", 211.7, 224.6), ("2.28", 264.6, 277.6),
                          ("2.28", 318.6, 331.9), ("10", 360.0, 369.4), ("100.00%", 382.0, 408.2),
                          ("10.00", 541.1, 558.4))
              + _ocr_line(134.3, ("财政拨款", 83.9, 110.2), ("2.15", 211.7, 226.1), ("2.28", 265.7, 279.0),
                          ("2.28", 318.6, 330.8), ("100.00%", 382.0, 408.2))
              + _ocr_line(147.6, ("上年结转资金", 84.2, 126.7), ("0.00", 211.7, 224.6), ("0.00", 264.6, 277.6),
                          ("0.00", 317.5, 331.9), ("0.00%", 389.9, 408.2))
              + _ocr_line(174.6, ("情况说明", 198.7, 227.2), ("分值(20)", 289.8, 322.2), ("得分", 345.2, 360.7),
                          ("存在问题和改进措施", 434.2, 499.0))
              + _ocr_line(188.3, ("安排科学性", 83.9, 119.5), ("符合要求", 146.5, 175.3), ("5", 326.9, 332.3),
                          ("5", 364.0, 369.4))
              + _ocr_line(229.0, ("预算绩效管理情况符合要求", 83.5, 174.6), ("5", 326.9, 332.6), ("5", 364.0, 369.4))
              + _ocr_line(373.7, ("总分", 177.5, 189.0), ("100", 356.0, 368.3), ("100.00", 388.8, 411.1)))


def test_ocr_boxes_of_equal_width_figures_do_not_move_them_out_of_their_column():
    """2.15 / 0.00 under 年初预算数 share both edges (equal widths), one a point or two off: the
    side they share tells nothing; right-aligned figures, they stay under their own header."""
    title = Item("text", text="项目支出绩效自评情况表", page=20)
    read = read_appendix([title], exported=False, page_words={20: _OCR_FUNDS})
    funds = [(row["fund_source_as_printed"], row["initial_budget_text"], row["annual_budget_text"],
              row["executed_text"], row["execution_rate_text"]) for row in read.files["project_funds"]]
    assert funds == [("年度资金总额：", "2.15", "2.28", "2.28", "100.00%"),
                     ("财政拨款", "2.15", "2.28", "2.28", "100.00%"),
                     ("上年结转资金", "0.00", "0.00", "0.00", "0.00%")]


def test_a_management_label_read_joined_to_its_description_is_split_after_the_label():
    title = Item("text", text="项目支出绩效自评情况表", page=20)
    read = read_appendix([title], exported=False, page_words={20: _OCR_FUNDS})
    management = [(row["item_name"], row["description"], row["weight_text"], row["score_text"])
                  for row in read.files["project_fund_management"]]
    assert management == [("安排科学性", "符合要求", "5", "5"), ("预算绩效管理情况", "符合要求", "5", "5")]


def test_ocr_targets_and_actuals_between_two_header_centres_go_under_the_nearer_header():
    """An unruled 自评表 scanned (corpus, page 22 of a disclosure printed unruled): targets
    (≥95%) and actuals (95%) are printed left-aligned, each a few points left of its header's
    start; the OCR's boxes move a point or two from line to line, so ≥90% seems to share its
    right edge with =100% of the column before. Each goes under the header whose centre is
    clearly nearer (a figure-shaped 90% is not taken for a right-aligned figure)."""
    title = Item("text", text="项目支出绩效自评情况表", page=22)
    words = (_ocr_line(42.8, ("项目支出绩效自评情况表", 224.3, 369.4))
             + _ocr_line(300.6, ("一级指标", 42.12, 72.0), ("二级指标", 97.56, 127.44), ("三级指标", 172.08, 201.6),
                         ("年度指标值", 237.24, 272.52), ("实际完成值", 289.08, 325.8), ("分值", 345.24, 360.72),
                         ("得分", 384.12, 399.6), ("偏差度", 425.52, 444.96), ("偏差原因分析及改进措施", 468.0, 549.0))
             + _ocr_line(329.76, ("产出指标", 36.36, 64.8), ("质量指标", 83.88, 112.68), ("验收合格率", 146.88, 182.52),
                         ("≥95%", 232.56, 251.28), ("95%", 283.32, 297.72), ("20", 358.92, 369.0),
                         ("20", 402.12, 409.32), ("0.00", 438.12, 453.24))
             + _ocr_line(343.44, ("时效指标", 83.52, 113.4), ("按期完成率", 146.88, 182.52), ("=100%", 230.76, 252.0),
                         ("100%", 285.12, 299.52), ("10", 361.44, 368.28), ("10", 403.56, 410.04),
                         ("0.00", 438.12, 453.24))
             + _ocr_line(357.12, ("效益指标", 35.64, 65.88), ("社会效益指标", 83.88, 127.8), ("服务对象覆盖率", 148.32, 196.92),
                         ("≥90%", 233.64, 252.0), ("90%", 282.6, 296.28), ("10", 361.44, 368.28),
                         ("10", 403.56, 410.4), ("0.00", 438.84, 453.6)))
    read = read_appendix([title], exported=False, page_words={22: words})
    indicators = [(row["level3_indicator"], row["target_text"], row["actual_text"], row["weight_text"])
                  for row in read.files["project_indicators"]]
    assert indicators == [("验收合格率", "≥95%", "95%", "20"), ("按期完成率", "=100%", "100%", "10"),
                          ("服务对象覆盖率", "≥90%", "90%", "10")], indicators


def test_a_parts_own_label_read_joined_to_the_label_of_the_row_beside_it_is_set_aside():
    """资金管理情况, printed once left of the four management rows it spans, and the label of the
    row beside it 5 points away read by the OCR as one word (corpus seed 7, unruled and scanned):
    the row keeps its label and its description."""
    title = Item("text", text="项目支出绩效自评情况表", page=14)
    words = (_ocr_line(42.8, ("项目支出绩效自评情况表", 224.3, 369.4))
             + _ocr_line(171.7, ("情况说明", 199.1, 226.1), ("分值（20）", 290.9, 321.5), ("得分", 345.2, 359.6),
                         ("存在问题和改进措施", 434.9, 498.2))
             + _ocr_line(185.4, ("安排科学性", 83.9, 118.1), ("符合要求", 146.5, 173.5), ("5", 325.8, 334.1),
                         ("5", 363.6, 369.0))
             + _ocr_line(197.6, ("资金管理情况拨付合规性", 36.4, 118.8), ("符合要求", 146.2, 175.0),
                         ("5", 326.9, 332.6), ("5", 363.6, 369.0))
             + _ocr_line(211.3, ("使用规范性", 83.9, 118.1), ("符合要求", 146.9, 173.9), ("5", 326.9, 332.3),
                         ("5", 363.6, 369.0)))
    read = read_appendix([title], exported=False, page_words={14: words})
    management = [(row["item_name"], row["description"], row["weight_text"], row["score_text"])
                  for row in read.files["project_fund_management"]]
    assert management == [("安排科学性", "符合要求", "5", "5"), ("拨付合规性", "符合要求", "5", "5"),
                          ("使用规范性", "符合要求", "5", "5")], management


def test_a_value_and_its_unit_boxed_apart_by_the_ocr_stay_one_cell():
    """实际完成值 printed 10项, read by the OCR as 10 | 项 2 points apart (corpus seed 7, unruled and
    scanned): the unit's centre lies nearer the header of the column before; the two are one word."""
    title = Item("text", text="项目支出绩效自评情况表", page=20)
    words = (_ocr_line(42.8, ("项目支出绩效自评情况表", 224.3, 369.4))
             + _ocr_line(313.2, ("一级指标", 52.2, 84.2), ("二级指标", 133.2, 165.2), ("三级指标", 241.6, 274.0),
                         ("年度指标值", 338.4, 378.4), ("实际完成值", 415.8, 455.8), ("分值", 492.8, 510.1),
                         ("得分", 550.8, 567.7), ("偏差度", 611.3, 632.5), ("偏差原因分析及改进措施", 686.5, 772.6))
             + _ocr_line(328.0, ("产出指标", 36.0, 68.0), ("数量指标", 105.5, 137.9), ("完成事项10项", 199.4, 247.0),
                         ("=10项", 321.5, 342.7), ("10", 400.0, 407.5), ("项", 409.7, 416.5), ("20", 515.2, 527.4),
                         ("20", 577.4, 588.6), ("0.00", 632.9, 648.7))
             + _ocr_line(344.5, ("质量指标", 106.2, 138.6), ("验收合格率", 198.7, 238.7), ("≥95%", 324.0, 345.2),
                         ("95%", 399.6, 413.3), ("20", 516.6, 524.5), ("20", 578.9, 586.4), ("0.00", 632.9, 650.2)))
    read = read_appendix([title], exported=False, page_words={20: words})
    indicators = [(row["level3_indicator"], row["target_text"], row["actual_text"], row["weight_text"])
                  for row in read.files["project_indicators"]]
    assert indicators == [("完成事项10项", "=10项", "10项", "20"), ("验收合格率", "≥95%", "95%", "20")], indicators
