"""final_accounts.word_layout on words placed by hand: an unruled table as a Word document
prints it (12-point characters, figures right-aligned, names left-aligned), between
sentences of narrative. Every expected cell below is what the constructed page prints."""
from __future__ import annotations

from final_accounts.word_layout import Word, page_items

H = 12.0  # character height and width (points)


def word(text: str, x0: float, top: float, right: bool = False, confidence: float | None = None) -> Word:
    """A word starting at x0 (or ending there when ``right``: a right-aligned figure)."""
    width = H * len(text) if not text.isascii() else 6.0 * len(text)
    if right:
        return Word(text, x0 - width, top, x0, top + H, confidence)
    return Word(text, x0, top, x0 + width, top + H, confidence)


# columns: 类 款 项 at 60/100/140, name at 180, figures ending at 420 / 500 / 580
def row(top: float, codes: tuple[str, str, str], name: str, figures: tuple[str, str, str]) -> list[Word]:
    words = [word(code, x, top) for code, x in zip(codes, (60, 100, 140)) if code]
    if name:
        words.append(word(name, 180, top))
    words += [word(figure, x, top, right=True) for figure, x in zip(figures, (420, 500, 580)) if figure]
    return words


def page() -> list[Word]:
    words = [word("本部门2024年度一般公共预算财政拨款支出决算如下表。", 60, 40)]  # a sentence above
    words.append(word("一般公共预算财政拨款支出决算表", 150, 70))  # the title
    # a header over two lines: 科目编码 over 类/款/项, the figure headings wrapped
    words += [word("科目编码", 82, 100), word("科目名称", 200, 108), word("本年支出", 372, 100),
              word("基本支", 448, 100), word("出", 466, 114), word("项目支", 528, 100), word("出", 546, 114)]
    words += [word("类", 60, 122), word("款", 100, 122), word("项", 140, 122)]
    words += row(150, ("", "", ""), "合计", ("1,000.00", "600.00", "400.00"))
    words += row(170, ("201", "", ""), "一般公共服务支出", ("1,000.00", "600.00", "400.00"))
    # an empty cell in the middle of a row: no 基本支出 printed
    words += row(190, ("201", "06", "01"), "行政运行", ("400.00", "", "400.00"))
    # a long name wrapped onto a second line, its figures on the first
    words += row(210, ("201", "06", "02"), "一般行政管理", ("600.00", "600.00", ""))
    words.append(word("事务", 180, 224))
    words.append(word("注：本表金额单位为万元，数字四舍五入。", 60, 270))  # a sentence below
    return words


def test_header_rows_table_rows_and_text_lines_in_reading_order():
    items, next_segment = page_items(page(), page_no=3, page_width=600, segment_start=5, read_by="text_layer")
    assert next_segment == 6
    kinds = [(item.kind, item.text if item.kind == "text" else item.cells) for item in items]
    assert kinds[0] == ("text", "本部门2024年度一般公共预算财政拨款支出决算如下表。")
    assert kinds[1] == ("text", "一般公共预算财政拨款支出决算表")
    assert kinds[-1] == ("text", "注：本表金额单位为万元，数字四舍五入。")
    rows = [item for item in items if item.kind == "row"]
    assert {item.segment for item in rows} == {5} and {item.page for item in rows} == {3}
    # header: 科目编码 merged over the three code columns, then the columns' own headings
    assert rows[0].cells == ("科目编码", "", "", "科目名称", "本年支出", "基本支\n出", "项目支\n出")
    assert rows[1].cells == ("类", "款", "项", "", "", "", "")
    data = [item.cells for item in rows[2:]]
    assert data == [
        ("", "", "", "合计", "1,000.00", "600.00", "400.00"),
        ("201", "", "", "一般公共服务支出", "1,000.00", "600.00", "400.00"),
        ("201", "06", "01", "行政运行", "400.00", "", "400.00"),
        ("201", "06", "02", "一般行政管理", "600.00", "600.00", ""),
        ("", "", "", "事务", "", "", ""),
    ]


def test_cells_keep_their_boxes_and_confidences():
    words = page()
    words = [Word(w.text, w.x0, w.top, w.x1, w.bottom, 0.9 if w.text == "400.00" else None) for w in words]
    items, _ = page_items(words, page_no=1, page_width=600, segment_start=1, read_by="ocr")
    operating = next(item for item in items if item.kind == "row" and "行政运行" in item.cells)
    assert operating.read_by == "ocr"
    assert operating.boxes[5] is None and operating.confidences[5] is None  # the empty cell
    assert operating.boxes[4] == (420 - 36.0, 190.0, 420.0, 202.0)  # “400.00”, right-aligned at 420
    assert operating.confidences[4] == 0.9
    text = next(item for item in items if item.kind == "text")
    assert len(text.boxes) == 1 and text.boxes[0][0] == 60


def test_joined_codes_and_a_page_without_table():
    words = [word("科目编码", 60, 100), word("科目名称", 160, 100), word("决算数", 400, 100)]
    words += [word("2010301", 60, 120), word("行政运行", 160, 120), word("12.50", 440, 120, right=True)]
    words += [word("2010302", 60, 140), word("一般行政管理事务", 160, 140), word("7.50", 440, 140, right=True)]
    items, _ = page_items(words, 1, 600, 1, "text_layer")
    assert [item.cells for item in items] == [("科目编码", "科目名称", "决算数"),
                                             ("2010301", "行政运行", "12.50"),
                                             ("2010302", "一般行政管理事务", "7.50")]
    narrative = [word("一、收入决算情况说明", 60, 100), word("本年收入合计2,946.25万元。", 60, 120)]
    items, next_segment = page_items(narrative, 1, 600, 4, "text_layer")
    assert [item.kind for item in items] == ["text", "text"] and next_segment == 4
