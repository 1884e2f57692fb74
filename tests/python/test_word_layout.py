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


def income_expenditure_page() -> list[Word]:
    """A 收入 | 支出 table: its header's first line prints only the two sides' headings (支出
    set in the gap between two figure columns), a heading wrapped over three lines in its
    column next to one-line headings, an empty column (政府性基金), and an 支出 name that
    fills its column and wraps in a row printing no figure."""
    words = [word("收入", 143, 100), word("支出", 452, 100)]
    words += [word("一般公共", 474, 116), word("预算", 486, 132), word("拨款", 486, 148)]
    words += [word("项目", 60, 132), word("决算数", 214, 132), word("项目", 280, 132), word("合计", 406, 132),
              word("政府性基金", 570, 132)]
    words += [word("一、一般公共预算拨款", 60, 170), word("100.00", 250, 170, right=True), word("一、教育支出", 280, 170),
              word("100.00", 430, 170, right=True), word("100.00", 520, 170, right=True)]
    words += [word("二、其他收入", 60, 190), word("二、文化旅游体育", 280, 190)]
    words.append(word("与传媒支出", 280, 204))  # wrapped: 二、文化旅游体育 fills the column
    words.append(word("三、社会保障", 280, 224))
    words += [word("总计", 60, 244), word("100.00", 250, 244, right=True), word("总计", 280, 244),
              word("100.00", 430, 244, right=True), word("100.00", 520, 244, right=True)]
    return words


def test_sides_of_a_header_a_wrapped_heading_and_a_wrapped_name():
    items, _ = page_items(income_expenditure_page(), 1, 660, 1, "text_layer")
    assert [item.cells for item in items] == [
        ("收入", "", "支出", "", "", ""),
        ("项目", "决算数", "项目", "合计", "一般公共\n预算\n拨款", "政府性基金"),
        ("一、一般公共预算拨款", "100.00", "一、教育支出", "100.00", "100.00", ""),
        ("二、其他收入", "", "二、文化旅游体育\n与传媒支出", "", "", ""),
        ("", "", "三、社会保障", "", "", ""),
        ("总计", "100.00", "总计", "100.00", "100.00", ""),
    ]


def test_an_enumerated_label_right_under_the_longest_label_is_a_row_of_its_own():
    # read by OCR, boxes are taller than a text layer's: 二十三、其他支出 stands 2 points under
    # 二十二、灾害防治及应急管理支出, the longest label of its column, in a row printing no figure.
    # An enumerated label starts an item: it is not the wrapped end of the label above
    words = [w for w in income_expenditure_page() if w.text not in ("与传媒支出", "三、社会保障")]
    words.append(word("三、社会保障", 280, 204))
    items, _ = page_items(words, 1, 660, 1, "text_layer")
    assert [item.cells[2] for item in items][3:5] == ["二、文化旅游体育", "三、社会保障"], items


def test_a_continuation_starting_with_rows_printing_no_figure():
    carry: dict = {}
    page_items(income_expenditure_page(), 1, 660, 1, "text_layer", carry)
    words = [word("四、卫生健康", 280, 60), word("五、节能环保", 280, 80)]
    # 六、住房与保障支出 is longer than any name on the first page: it reaches past its column a little
    words += [word("六、住房与保障支出", 280, 100), word("100.00", 430, 100, right=True), word("100.00", 520, 100, right=True)]
    words += [word("总计", 60, 120), word("100.00", 250, 120, right=True), word("总计", 280, 120),
              word("100.00", 430, 120, right=True), word("100.00", 520, 120, right=True)]
    items, _ = page_items(words, 2, 660, 2, "text_layer", carry)
    assert [item.cells for item in items] == [
        ("", "", "四、卫生健康", "", "", ""),
        ("", "", "五、节能环保", "", "", ""),
        ("", "", "六、住房与保障支出", "100.00", "100.00", ""),
        ("总计", "100.00", "总计", "100.00", "100.00", ""),
    ]
    # the same page without the last table's columns: its first lines are a header
    items, _ = page_items(words, 2, 660, 2, "text_layer", {})
    assert items[0].cells[2] == "四、卫生健康\n五、节能环保"


def test_a_letter_spaced_name_is_one_cell():
    """公 务 用 车 运 行 维 护 printed a character and a third of a space apart, reaching past
    the middle of the gap to the figures: one name, in its column, which it does not split."""
    words = [word("编码", 60, 100), word("科目名称", 180, 100), word("决算数", 324, 100)]
    words += [word("201", 60, 120), word("一般公共服务", 180, 120), word("1,000.00", 360, 120, right=True)]
    words += [word("20101", 60, 140), word("600.00", 360, 140, right=True)]
    words += [word(character, 180 + 16 * index, 140) for index, character in enumerate("公务用车运行维护")]
    words += [word("20102", 60, 160), word("其他支出", 180, 160), word("400.00", 360, 160, right=True)]
    words += [word("20103", 60, 180), word("其他商品和服务", 180, 180)]
    words += [word(character, 180 + 16 * index, 200) for index, character in enumerate("其他交通费用")]
    items, _ = page_items(words, 1, 600, 1, "text_layer")
    assert [item.cells for item in items] == [("编码", "科目名称", "决算数"),
                                             ("201", "一般公共服务", "1,000.00"),
                                             ("20101", "公 务 用 车 运 行 维 护", "600.00"),
                                             ("20102", "其他支出", "400.00"),
                                             ("20103", "其他商品和服务", ""),
                                             ("", "其 他 交 通 费 用", "")]


def test_a_column_printing_one_figure_in_many_rows():
    """A header-less table whose last column prints a figure in one row of twelve: a column
    all the same (a figure never crosses a column gap as a label may)."""
    words = []
    for index in range(12):
        words += [word(f"项目{index + 1:02d}", 60, 100 + 20 * index), word("100.00", 300, 100 + 20 * index, right=True)]
    words.append(word("50.00", 420, 180, right=True))
    items, _ = page_items(words, 1, 600, 1, "text_layer")
    assert [item.cells for item in items][3:6] == [("项目04", "100.00", ""), ("项目05", "100.00", "50.00"),
                                                  ("项目06", "100.00", "")]


def test_a_first_row_whose_name_starts_above_its_figures():
    """The first row's name wrapped over two lines around its code and figure (centred in a
    tall row): its first line, printed over the figures' line, is the row's, not the header's."""
    words = [word("科目编码", 60, 100), word("科目名称", 180, 100), word("决算数", 420, 100, right=True)]
    words += [word("社会保障和就", 180, 125), word("208", 60, 133), word("754.75", 420, 133, right=True),
              word("业支出", 180, 139)]
    words += [word("20805", 60, 160), word("养老支出", 180, 160), word("100.00", 420, 160, right=True)]
    items, _ = page_items(words, 1, 600, 1, "text_layer")
    assert [item.cells for item in items] == [("科目编码", "科目名称", "决算数"),
                                             ("208", "社会保障和就\n业支出", "754.75"),
                                             ("20805", "养老支出", "100.00")]


def test_a_tall_header_of_merged_headings():
    """A 三公 header: one heading centred over the whole table; under it 合计 spanning two
    header rows (so printed between them) and a heading too wide for the two columns it is
    centred over, heading four; under that 小计 and a heading wrapped over two lines."""
    edges = (150, 210, 270, 330, 390, 450)  # the columns' right edges (figures right-aligned)
    words = [word("三公经费", 264, 100)]
    words += [word("合计", 156, 127), word("公务用车购置及运行维护", 282, 118)]
    words += [word("小计", 276, 136), word("公务用车", 384, 136), word("运行费", 390, 150)]
    words += [word(text, edge, 170, right=True) for text, edge in zip(("预算数", "决算数") * 3, edges)]
    words += [word("1.00", edge, 190, right=True) for edge in edges]
    items, _ = page_items(words, 1, 600, 1, "text_layer")
    assert [item.cells for item in items] == [("三公经费", "", "", "", "", ""),
                                             ("合计", "", "公务用车购置及运行维护", "", "", ""),
                                             ("", "", "小计", "", "公务用车\n运行费", ""),
                                             ("预算数", "决算数") * 3,
                                             ("1.00",) * 6]


def test_a_lone_top_heading_off_the_tables_centre_heads_its_own_columns():
    """本年收入 centred over the last two columns (其他, spanning both header rows, printed
    between them): it heads those two, not the whole table."""
    words = [word("本年收入", 204, 100), word("其他", 150, 109, right=True)]
    words += [word("小计", 210, 118, right=True), word("拨款", 270, 118, right=True)]
    words += [word("1.00", edge, 140, right=True) for edge in (150, 210, 270)]
    items, _ = page_items(words, 1, 600, 1, "text_layer")
    assert [item.cells for item in items] == [("其他", "本年收入", ""), ("", "小计", "拨款"), ("1.00",) * 3]


def test_a_name_wrapped_over_three_lines_centred_on_its_code():
    """A tall row's name wrapped over three lines centred on its code and figure (its first
    and last lines as close to the code line as each other) is its own; a line farther under a
    code than the line above it (the next row's name starting above its code) is not."""
    words = [word("编码", 60, 100), word("科目名称", 180, 100), word("决算数", 420, 100, right=True)]
    words += [word("2080501", 60, 118), word("行政运行", 180, 118), word("10.00", 420, 118, right=True)]
    words += [word("机关事业单位", 180, 140), word("2080505", 60, 155), word("基本养老保险", 180, 155),
              word("446.11", 420, 155, right=True), word("缴费支出", 180, 170)]
    words += [word("机关事业单位", 180, 190), word("2080506", 60, 203), word("职业年金", 180, 204),
              word("225.12", 420, 203, right=True), word("缴费支出", 180, 220)]
    items, _ = page_items(words, 1, 600, 1, "text_layer")
    assert [item.cells for item in items] == [("编码", "科目名称", "决算数"),
                                             ("2080501", "行政运行", "10.00"),
                                             ("2080505", "机关事业单位\n基本养老保险\n缴费支出", "446.11"),
                                             ("", "机关事业单位", ""),
                                             ("2080506", "职业年金", "225.12"),
                                             ("", "缴费支出", "")]


def test_a_name_headings_centred_over_a_cell_wider_than_its_names():
    # 收入 | 支出 centred over their two columns each (names left-aligned from 40 and 340,
    # figures right-aligned to 300 and 600); each 项目 centred over its name cell (40..240,
    # 340..540), right of the longest name printed under it; 决算数 over its figures
    words = [word("收入", 40 + (300 - 40) / 2 - H, 100), word("支出", 340 + (600 - 340) / 2 - H, 100)]
    words += [word("项目", 140 - H, 120), word("决算数", 270 - 1.5 * H, 120),
              word("项目", 440 - H, 120), word("决算数", 570 - 1.5 * H, 120)]
    lines = [("一、财政拨款收入", "1,404.78", "一、一般公共服务支出", "1,241.11"),
             ("二、事业收入", "0.00", "二、外交支出", "0.00"),
             ("", "", "三、国防支出", "12.00")]
    for index, (income, income_figure, spending, spending_figure) in enumerate(lines):
        top = 145 + 18 * index
        if income:
            words += [word(income, 40, top), word(income_figure, 300, top, right=True)]
        words += [word(spending, 340, top), word(spending_figure, 600, top, right=True)]
    items, _ = page_items(words, page_no=1, page_width=640, segment_start=1, read_by="text_layer")
    rows = [item.cells for item in items if item.kind == "row"]
    assert all(len(cells) == 4 for cells in rows), rows
    assert rows[-4:] == [("项目", "决算数", "项目", "决算数"), lines[0], lines[1], lines[2]]
    assert [cell for cell in rows[0] if cell] == ["收入", "支出"]


def test_headings_wider_than_their_right_aligned_figures():
    # cells 200..300, 300..420, 420..560 (figures right-aligned at 296, 416, 556); each heading
    # centred over its cell, so reaching left of its figures past the midpoint between columns
    words = [word("项目", 60, 100), word("合计", 250 - H, 100),
             word("一般公共预算拨款", 360 - 4 * H, 100), word("政府性基金预算财政拨款", 490 - 5.5 * H, 100),
             word("上缴上级支出", 627 - 3 * H, 100)]  # cell 560..694: wholly left of its narrow figures
    words += [word("一、教育支出", 60, 130), word("1,239.65", 296, 130, right=True),
              word("1,239.65", 416, 130, right=True), word("0.00", 556, 130, right=True),
              word("0.00", 690, 130, right=True)]
    words += [word("二、外交支出", 60, 148), word("0.00", 296, 148, right=True),
              word("0.00", 416, 148, right=True), word("0.00", 556, 148, right=True),
              word("0.00", 690, 148, right=True)]
    items, _ = page_items(words, page_no=1, page_width=720, segment_start=1, read_by="text_layer")
    rows = [item.cells for item in items if item.kind == "row"]
    assert rows == [("项目", "合计", "一般公共预算拨款", "政府性基金预算财政拨款", "上缴上级支出"),
                    ("一、教育支出", "1,239.65", "1,239.65", "0.00", "0.00"),
                    ("二、外交支出", "0.00", "0.00", "0.00", "0.00")]


def test_a_tables_last_row_alone_at_the_top_of_the_next_page():
    carry: dict = {}
    first = [word("项目", 60, 100), word("合计", 300 - 2 * H, 100), word("基本支出", 400 - 4 * H, 100)]
    first += [word("一、教育支出", 60, 130), word("5.00", 300, 130, right=True), word("5.00", 400, 130, right=True)]
    first += [word("二、外交支出", 60, 148), word("1.00", 300, 148, right=True), word("1.00", 400, 148, right=True)]
    page_items(first, 1, 600, 1, "text_layer", carry)
    second = [word("三、国防支出", 60, 40), word("2.00", 300, 40, right=True), word("2.00", 400, 40, right=True),
              word("本部门2024年度的收支说明如下。", 60, 120)]
    items, _ = page_items(second, 2, 600, 2, "text_layer", carry)
    assert [(item.kind, item.cells or item.text) for item in items] == [
        ("row", ("三、国防支出", "2.00", "2.00")), ("text", "本部门2024年度的收支说明如下。")]
    # without a table before it, the same line is a line of text
    items, _ = page_items(second, 2, 600, 2, "text_layer", {})
    assert [item.kind for item in items] == ["text", "text"]


def test_code_headings_and_figure_headings_centred_in_cells_wider_than_their_contents():
    # 科目编码 merged over 类 | 款 (cells 40..100, 100..160), each code left-aligned in its cell and
    # its heading centred right of it; 基本支出 and 项目支出 centred in cells 300..420, 420..560,
    # wholly left of their narrow figures (right-aligned at 416 and 556)
    words = [word("科目编码", 100 - 2 * H, 100), word("类", 70 - H / 2, 118), word("款", 130 - H / 2, 118),
             word("基本支出", 360 - 2 * H, 118), word("项目支出", 490 - 2 * H, 118)]
    words += [word("201", 40, 140), word("5.00", 416, 140, right=True), word("0.00", 556, 140, right=True)]
    words += [word("201", 40, 158), word("06", 100, 158), word("5.00", 416, 158, right=True),
              word("0.00", 556, 158, right=True)]
    items, _ = page_items(words, page_no=1, page_width=600, segment_start=1, read_by="text_layer")
    rows = [item.cells for item in items if item.kind == "row"]
    # (a heading spanning both header rows in the first, as a ruled table's merged cell)
    assert rows == [("科目编码", "", "基本支出", "项目支出"), ("类", "款", "", ""),
                    ("201", "", "5.00", "0.00"), ("201", "06", "5.00", "0.00")]


def test_several_headings_left_of_one_figure_column_head_columns_printing_no_figure():
    # 上级补助 | 事业收入 | 经营收入 between 财政拨款's figures (to 300) and 其他收入's (to 600):
    # the three columns print no figure; 其他收入 is centred over its own figures
    # (经营收入 centred between the two figure columns' right edges: position alone does not tell)
    words = [word("财政拨款", 300 - 4 * H, 100), word("上级补助", 310, 100), word("事业收入", 366, 100),
             word("经营收入", 426, 100), word("其他收入", 555 - 2 * H, 100)]
    words += [word("2,940.05", 300, 130, right=True), word("6.20", 600, 130, right=True)]
    words += [word("2,106.66", 300, 148, right=True), word("6.20", 600, 148, right=True)]
    items, _ = page_items(words, page_no=1, page_width=640, segment_start=1, read_by="text_layer")
    rows = [item.cells for item in items if item.kind == "row"]
    assert rows == [("财政拨款", "上级补助", "事业收入", "经营收入", "其他收入"),
                    ("2,940.05", "", "", "", "6.20"), ("2,106.66", "", "", "", "6.20")]


def test_headings_in_their_cells_over_a_line_of_column_numbers():
    # cells 200..300, 300..420, 420..560, each heading centred in its cell, 栏次 numbers under
    # them right-aligned with the figures: each heading heads its own column
    words = [word("项目", 60, 100), word("合计", 300 - 2 * H, 100),
             word("一般公共预算拨款", 360 - 4 * H, 100), word("政府性基金预算拨款", 490 - 4.5 * H, 100)]
    words += [word("栏次", 60, 116), word("1", 300, 116, right=True), word("2", 416, 116, right=True),
              word("3", 556, 116, right=True)]
    words += [word("一、教育支出", 60, 140), word("5.00", 300, 140, right=True), word("5.00", 416, 140, right=True),
              word("0.00", 556, 140, right=True)]
    words += [word("二、外交支出", 60, 158), word("1.00", 300, 158, right=True), word("1.00", 416, 158, right=True),
              word("0.00", 556, 158, right=True)]
    items, _ = page_items(words, page_no=1, page_width=600, segment_start=1, read_by="text_layer")
    rows = [item.cells for item in items if item.kind == "row"]
    # (the 栏次 line is a row of its own under the header, as a ruled table prints it)
    assert rows[0] == ("项目", "合计", "一般公共预算拨款", "政府性基金预算拨款")
    assert rows[1] == ("栏次", "1", "2", "3")
    assert rows[2:] == [("一、教育支出", "5.00", "5.00", "0.00"), ("二、外交支出", "1.00", "1.00", "0.00")]


# --- one table over several pages, and headers with columns printing no figure --------------
# a summary table as a Word document prints it: 收入 | 支出 over 项目 | 决算数 each; names left-aligned
# at 40 and 280, figures right-aligned at 260 and 520 (the 支出 决算数 cell runs 440..520)

def summary_header(top: float) -> list[Word]:
    return [word("收入", 138, top), word("支出", 388, top),
            word("项目", 100, top + 16), word("决算数", 224, top + 16), word("项目", 340, top + 16),
            word("决算数", 462, top + 16)]


def summary_row(top: float, income: str, income_amount: str, expenditure: str, amount: str) -> list[Word]:
    words = [word(income, 40, top)] if income else []
    words += [word(income_amount, 260, top, right=True)] if income_amount else []
    words += [word(expenditure, 280, top)] if expenditure else []
    return words + ([word(amount, 520, top, right=True)] if amount else [])


def rows_of(items) -> list[tuple]:
    return [item.cells for item in items if item.kind == "row"]


def test_a_column_numbers_line_places_a_column_printing_no_figure_yet():
    # the 支出 决算数 column prints no figure in the page's two rows; its 栏次 number "2", right-aligned
    # as the figures are, stands right of its heading: one column, the 栏次 line a row of its own
    words = [word("单位：万元", 460, 80)] + summary_header(100)
    words += [word("栏次", 40, 132), word("1", 260, 132, right=True), word("栏次", 280, 132),
              word("2", 520, 132, right=True)]
    words += summary_row(150, "一、财政拨款收入", "100.00", "一、一般公共服务支出", "")
    words += summary_row(166, "二、事业收入", "5.00", "二、外交支出", "")
    items, _ = page_items(words, page_no=3, page_width=600, segment_start=1, read_by="text_layer", carry={})
    assert rows_of(items) == [("收入", "", "支出", ""), ("项目", "决算数", "项目", "决算数"),
                              ("栏次", "1", "栏次", "2"),
                              ("一、财政拨款收入", "100.00", "一、一般公共服务支出", ""),
                              ("二、事业收入", "5.00", "二、外交支出", "")]


def first_page() -> list[Word]:
    words = [word("单位：万元", 460, 80)] + summary_header(100)
    words += summary_row(140, "一、财政拨款收入", "100.00", "一、一般公共服务支出", "60.00")
    words += summary_row(156, "二、事业收入", "5.00", "二、外交支出", "45.00")
    return words


def test_a_repeated_header_over_rows_printing_in_some_columns_only():
    carry: dict = {}
    page_items(first_page(), page_no=3, page_width=600, segment_start=1, read_by="text_layer", carry=carry)
    # the next page repeats the header at the same places; its rows print only 支出 names, the
    # first two no figure at all
    words = summary_header(40)
    words += summary_row(80, "", "", "三、国防支出", "") + summary_row(96, "", "", "四、教育支出", "")
    words += summary_row(112, "", "", "五、科学技术支出", "7.00")
    items, _ = page_items(words, page_no=4, page_width=600, segment_start=2, read_by="text_layer", carry=carry)
    assert rows_of(items) == [("收入", "", "支出", ""), ("项目", "决算数", "项目", "决算数"),
                              ("", "", "三、国防支出", ""), ("", "", "四、教育支出", ""),
                              ("", "", "五、科学技术支出", "7.00")]


# a wider summary: 收入 over 项目 | 决算数 (names at 40, figures ending at 200), 支出 over 项目 | 合计 |
# 基本支出 | 项目支出 (names at 220, figures ending at 360 / 440 / 520): 支出 centred over its four
# columns, its centre (370) over the 合计 | 基本支出 boundary's right

def wide_header(top: float) -> list[Word]:
    return [word("收入", 108, top), word("支出", 358, top),
            word("项目", 96, top + 16), word("决算数", 164, top + 16), word("项目", 264, top + 16),
            word("合计", 336, top + 16), word("基本支出", 392, top + 16), word("项目支出", 472, top + 16)]


def wide_row(top: float, income: tuple[str, str], expenditure: tuple[str, str, str, str]) -> list[Word]:
    words = [word(income[0], 40, top)] if income[0] else []
    words += [word(income[1], 200, top, right=True)] if income[1] else []
    words += [word(expenditure[0], 220, top)] if expenditure[0] else []
    return words + [word(figure, x, top, right=True) for figure, x in zip(expenditure[1:], (360, 440, 520)) if figure]


def wide_first_page() -> dict:
    """The carry after page 3: the wide table's header and two rows printing both sides."""
    carry: dict = {}
    first = [word("单位：万元", 460, 80)] + wide_header(100)
    first += wide_row(140, ("一、财政拨款", "100.00"), ("一、外交支出", "60.00", "40.00", "20.00"))
    first += wide_row(160, ("二、事业收入", "5.00"), ("二、国防支出", "45.00", "45.00", ""))
    page_items(first, page_no=3, page_width=600, segment_start=1, read_by="text_layer", carry=carry)
    return carry


def test_a_repeated_header_over_more_rows_printing_no_figure_than_its_words():
    carry = wide_first_page()
    # the header repeated at the same places; under it nine 支出 names printing no figure (more
    # words than the header's eight), then a row printing both sides: the header still heads
    # the columns as on the page before (支出 over its four), not a row of the table
    names = ["三、教育支出", "四、科学支出", "五、文化支出", "六、住房支出", "七、其他支出", "八、卫生支出",
             "九、环保支出", "十、交通支出", "十一、金融支出"]
    words = wide_header(40)
    for index, name in enumerate(names):
        words += wide_row(80 + 20 * index, ("", ""), (name, "", "", ""))
    words += wide_row(260, ("本年收入合计", "105.00"), ("本年支出合计", "105.00", "85.00", "20.00"))
    items, _ = page_items(words, page_no=4, page_width=600, segment_start=2, read_by="text_layer", carry=carry)
    assert rows_of(items) == [("收入", "", "支出", "", "", ""),
                              ("项目", "决算数", "项目", "合计", "基本支出", "项目支出")] + \
        [("", "", name, "", "", "") for name in names] + \
        [("本年收入合计", "105.00", "本年支出合计", "105.00", "85.00", "20.00")]


def test_a_continuation_whose_first_rows_print_in_one_column():
    carry: dict = {}
    page_items(first_page(), page_no=3, page_width=600, segment_start=1, read_by="text_layer", carry=carry)
    words = summary_row(40, "", "", "三、国防支出", "") + summary_row(56, "", "", "四、教育支出", "")
    words += summary_row(72, "", "", "五、科学技术支出", "7.00")
    items, _ = page_items(words, page_no=4, page_width=600, segment_start=2, read_by="text_layer", carry=carry)
    assert [item.kind for item in items] == ["row"] * 3
    assert rows_of(items) == [("", "", "三、国防支出", ""), ("", "", "四、教育支出", ""),
                              ("", "", "五、科学技术支出", "7.00")]


def test_a_header_alone_at_the_foot_of_a_page_heads_the_rows_on_the_next():
    carry: dict = {}
    words = [word("收入支出决算总表", 220, 40), word("单位：万元", 460, 80)] + summary_header(100)
    words += [word("栏次", 40, 132), word("1", 260, 132, right=True), word("栏次", 280, 132),
              word("2", 520, 132, right=True)]
    items, _ = page_items(words, page_no=3, page_width=600, segment_start=1, read_by="text_layer", carry=carry)
    assert rows_of(items) == []  # (printed as text lines on its page)
    # the body on the next page prints no 支出 figure: its columns are the header's
    words = summary_row(40, "一、财政拨款收入", "100.00", "一、一般公共服务支出", "")
    words += summary_row(56, "二、事业收入", "5.00", "二、外交支出", "")
    items, _ = page_items(words, page_no=4, page_width=600, segment_start=2, read_by="text_layer", carry=carry)
    assert rows_of(items) == [("收入", "", "支出", ""), ("项目", "决算数", "项目", "决算数"),
                              ("一、财政拨款收入", "100.00", "一、一般公共服务支出", ""),
                              ("二、事业收入", "5.00", "二、外交支出", "")]


def test_three_header_levels_over_one_row():
    # 预算数 | 决算数 over three columns each: 合计 (spanning two header rows, centred between them)
    # and 公务用车费 over 小计 | 购置费; cells 40..100, 100..170, 170..240 and the same 200 points on;
    # one row, printing no 购置费
    words = [word("单位：万元", 420, 80)]
    for shift, side in ((0, "预算数"), (200, "决算数")):
        words += [word(side, 122 + shift, 100), word("公务用车费", 140 + shift, 116), word("合计", 58 + shift, 124),
                  word("小计", 123 + shift, 132), word("购置费", 187 + shift, 132)]
    words += [word("9.00", 100, 150, right=True), word("9.00", 170, 150, right=True),
              word("8.00", 300, 150, right=True), word("8.00", 370, 150, right=True)]
    items, _ = page_items(words, page_no=9, page_width=600, segment_start=1, read_by="text_layer", carry={})
    assert rows_of(items) == [("预算数", "", "", "决算数", "", ""), ("", "公务用车费", "", "", "公务用车费", ""),
                              ("合计", "小计", "购置费", "合计", "小计", "购置费"),
                              ("9.00", "9.00", "", "8.00", "8.00", "")]


def test_a_heading_between_its_neighbours_heads_a_column_printing_no_figure():
    # 附属单位上缴收入 centred in its cell 200..320, between two figure columns, no figure under it
    words = [word("单位：万元", 420, 80), word("项目", 40, 100), word("经营收入", 136, 100),
             word("附属单位上缴收入", 212, 100), word("其他收入", 336, 100)]
    words += [word("甲项", 40, 120), word("1.00", 200, 120, right=True), word("2.00", 400, 120, right=True)]
    words += [word("乙项", 40, 136), word("3.00", 200, 136, right=True), word("4.00", 400, 136, right=True)]
    items, _ = page_items(words, page_no=5, page_width=600, segment_start=1, read_by="text_layer", carry={})
    assert rows_of(items) == [("项目", "经营收入", "附属单位上缴收入", "其他收入"),
                              ("甲项", "1.00", "", "2.00"), ("乙项", "3.00", "", "4.00")]


def test_a_row_whose_name_and_line_number_print_under_a_character_apart():
    # a name longer than the other rows' ends eight points from its 行次 number: one cell on the
    # line, reaching into the 行次 column, but each word in its own column: a row of the table,
    # not a line ending it
    words = [word("单位：万元", 420, 80), word("项目", 52, 100), word("行次", 132, 100), word("决算数", 224, 100)]
    words += [word("一、甲乙支出", 40, 120), word("11", 156, 120, right=True), word("5.00", 260, 120, right=True)]
    words += [word("二、乙乙乙乙支出", 40, 136), word("12", 156, 136, right=True)]
    words += [word("三、丙丙支出", 40, 152), word("13", 156, 152, right=True), word("7.00", 260, 152, right=True)]
    items, _ = page_items(words, page_no=5, page_width=600, segment_start=1, read_by="text_layer", carry={})
    assert rows_of(items) == [("项目", "行次", "决算数"), ("一、甲乙支出", "11", "5.00"),
                              ("二、乙乙乙乙支出", "12", ""), ("三、丙丙支出", "13", "7.00")]


def test_ocr_heading_boxed_over_three_code_columns_is_cut_at_the_column_gaps():
    # 类 | 款 | 项 printed over three code columns, an OCR box holding all three; 科目编码 over
    # them is one merged heading (its pieces would not stand over the columns' centres)
    from final_accounts.word_layout import Word, page_items
    words = [Word("科目编码", 45.0, 81.7, 71.6, 90.7), Word("金额", 220.0, 81.7, 240.0, 90.7),
             Word("类款项", 37.8, 94.0, 78.5, 104.4)]
    for top, codes in ((108.0, ("201", "03", "01")), (121.0, ("201", "03", "02"))):
        words += [Word(codes[0], 35.3, top, 48.6, top + 9.5), Word(codes[1], 53.6, top, 62.3, top + 9.5),
                  Word(codes[2], 68.4, top, 76.7, top + 9.5), Word("行政运行", 83.2, top, 109.8, top + 9.5),
                  Word("950.51", 222.8, top, 243.0, top + 9.5)]
    items, _ = page_items(words, 1, 595.0, 1, "ocr")
    rows = [item.cells for item in items if item.kind == "row"]
    assert ("类", "款", "项", "", "") in rows
    assert ("201", "03", "01", "行政运行", "950.51") in rows


def test_code_boxed_with_its_name_is_split_into_its_columns():
    # 206 | 04 | 01 | 机构运行 boxed as one OCR word, the other rows printing them apart
    from final_accounts.word_layout import Word, page_items
    words = [Word("科目名称", 83.2, 81.7, 110.0, 90.7), Word("金额", 220.0, 81.7, 240.0, 90.7)]
    for top in (108.0, 121.0):
        words += [Word("201", 35.3, top, 48.6, top + 9.5), Word("03", 53.6, top, 62.3, top + 9.5),
                  Word("50", 68.4, top, 76.7, top + 9.5), Word("事业运行", 83.2, top, 109.8, top + 9.5),
                  Word("21.81", 226.4, top, 243.7, top + 9.5)]
    words += [Word("2060401机构运行", 35.3, 134.0, 110.5, 143.5), Word("713.11", 222.8, 134.0, 243.0, 143.5)]
    items, _ = page_items(words, 1, 595.0, 1, "ocr")
    rows = [item.cells for item in items if item.kind == "row"]
    assert ("206", "04", "01", "机构运行", "713.11") in rows


def test_two_code_parts_boxed_as_one_word_are_split_at_their_gap():
    # 款 02 and 项 03 boxed as '0203' spanning both columns (twice: more than a tenth of the
    # rows, so the columns' gap was closed); a 5-digit code boxed tightly stays whole
    from final_accounts.word_layout import Word, page_items
    words = [Word("科目名称", 83.2, 81.7, 110.0, 90.7), Word("金额", 220.0, 81.7, 240.0, 90.7)]
    for top in (108.0, 121.0, 134.0):
        words += [Word("221", 35.3, top, 48.6, top + 9.5), Word("02", 53.6, top, 62.3, top + 9.5),
                  Word("01", 68.4, top, 76.7, top + 9.5), Word("住房公积金", 83.2, top, 116.8, top + 9.5),
                  Word("21.81", 226.4, top, 243.7, top + 9.5)]
    for top in (147.0, 160.0):
        words += [Word("221", 35.3, top, 48.6, top + 9.5), Word("0203", 54.4, top, 76.3, top + 9.5),
                  Word("购房补贴", 83.2, top, 109.8, top + 9.5), Word("196.64", 222.8, top, 243.0, top + 9.5)]
    items, _ = page_items(words, 1, 595.0, 1, "ocr")
    rows = [item.cells for item in items if item.kind == "row"]
    assert rows.count(("221", "02", "03", "购房补贴", "196.64")) == 2
    assert rows.count(("221", "02", "01", "住房公积金", "21.81")) == 3


def test_code_parts_boxed_as_one_word_are_split_also_on_a_line_printing_no_figure():
    # a 基本支出 table prints codes whose amounts are nil: 303 | 07 | 医疗费补助 with no figure,
    # boxed by the OCR as 30307 over both code columns; the line is a table line all the same
    from final_accounts.word_layout import Word, page_items
    words = [Word("科目名称", 83.2, 81.7, 110.0, 90.7), Word("金额", 220.0, 81.7, 240.0, 90.7)]
    for top in (108.0, 121.0, 134.0):
        words += [Word("303", 35.3, top, 48.6, top + 9.5), Word("01", 53.6, top, 62.3, top + 9.5),
                  Word("离休费", 83.2, top, 103.4, top + 9.5), Word("21.81", 226.4, top, 243.7, top + 9.5)]
    for top in (147.0, 160.0):
        words += [Word("30307", 35.3, top, 62.3, top + 9.5), Word("医疗费补助", 83.2, top, 116.8, top + 9.5)]
    items, _ = page_items(words, 1, 595.0, 1, "ocr")
    rows = [item.cells for item in items if item.kind == "row"]
    assert rows.count(("303", "07", "医疗费补助", "")) == 2, rows


def test_two_figure_headings_boxed_as_one_word_are_cut_after_the_left_columns_figures():
    # 上级补助收入 | 事业收入 over two figure columns, boxed as one OCR word (the characters are
    # 6.72 wide: 金额 and 名称列 set the page's character width)
    from final_accounts.word_layout import Word, page_items
    words = [Word("名称列", 83.2, 86.8, 103.4, 96.5), Word("上级补助收入事业收入", 301.7, 86.8, 378.0, 96.5)]
    for top, left, right in ((108.0, "1.67", "1.36"), (121.0, "", "1.36"), (134.0, "1.67", "")):
        words += [Word("一般公共服务支出", 83.2, top, 136.96, top + 9.5)]
        if left:
            words.append(Word(left, 331.9, top, 344.2, top + 9.5))
        if right:
            words.append(Word(right, 365.8, top, 378.7, top + 9.5))
    items, _ = page_items(words, 1, 595.0, 1, "ocr")
    rows = [item.cells for item in items if item.kind == "row"]
    assert rows[0] == ("名称列", "上级补助收入", "事业收入")
    assert rows[1:] == [("一般公共服务支出", "1.67", "1.36"), ("一般公共服务支出", "", "1.36"),
                        ("一般公共服务支出", "1.67", "")]


def test_a_figure_boxed_with_the_next_groups_code_is_split_after_its_decimals():
    # two column groups side by side (类 | 名称 | 决算数 twice): a figure and the next group's
    # 类 code printed 5.5 points apart, boxed as one OCR word ('1,468.66302'), on two rows
    from final_accounts.word_layout import Word, page_items
    words = [Word("科目名称", 69.1, 80.0, 96.0, 89.5), Word("决算数", 178.0, 80.0, 198.0, 89.5),
             Word("科目名称", 237.0, 80.0, 264.0, 89.5), Word("决算数", 305.0, 80.0, 326.0, 89.5)]
    # (code, name, figure boxes of the first group, name and figure of the second)
    rows_printed = (("301", "工资福利支出", [("1,468.66302", 171.4, 215.6)], "商品和服务支出", "213.91"),
                    ("301", "基本工资", [("380.84302", 177.1, 214.6)], "办公费", "39.40"),
                    ("301", "奖金", [("393.98", 177.6, 198.6), ("302", 204.1, 215.6)], "咨询费", ""))
    for index, (code, name, boxes, name2, figure2) in enumerate(rows_printed):
        top = 100.0 + 13.0 * index
        words += [Word(code, 35.3, top, 47.5, top + 9.5), Word(name, 69.1, top, 69.1 + 6.72 * len(name), top + 9.5),
                  Word(name2, 237.0, top, 237.0 + 6.72 * len(name2), top + 9.5)]
        words += [Word(text, x0, top, x1, top + 9.5) for text, x0, x1 in boxes]
        if figure2:
            words.append(Word(figure2, 305.6, top, 325.4, top + 9.5))
    items, _ = page_items(words, 1, 595.0, 1, "ocr")
    rows = [item.cells for item in items if item.kind == "row"]
    assert ("301", "工资福利支出", "1,468.66", "302", "商品和服务支出", "213.91") in rows
    assert ("301", "基本工资", "380.84", "302", "办公费", "39.40") in rows


def test_a_column_group_printing_no_figure_keeps_its_name_and_figure_headings_apart():
    # two column groups side by side (科目编码 | 科目名称 | 决算数 twice); the second prints no
    # figure. Its 科目名称 (440..488) stands right of its short names (from 360), its 决算数
    # (560..596) over nothing, boxed a point lower (as OCR boxes come): the names' column is
    # headed by 科目名称, and 决算数 heads a column of its own, whichever is looked at first
    words = [word("科目编码", 40, 100), word("科目名称", 150, 100), word("决算数", 290, 100, right=True),
             word("科目编码", 310, 100), word("科目名称", 440, 100), Word("决算数", 560, 101, 596, 101 + H)]
    lines = [("30101", "基本工资", "33.86", "30201", "办公费"), ("30102", "津贴补贴", "91.92", "30202", "印刷费"),
             ("30103", "奖金", "", "30203", "咨询费"), ("30106", "伙食补助费", "114.80", "30204", "手续费")]
    for index, (code, name, figure, code2, name2) in enumerate(lines):
        top = 125 + 18 * index
        words += [word(code, 40, top), word(name, 100, top), word(code2, 310, top), word(name2, 360, top)]
        if figure:
            words.append(word(figure, 290, top, right=True))
    for read_by in ("ocr", "text_layer"):
        items, _ = page_items(words, page_no=1, page_width=640, segment_start=1, read_by=read_by)
        rows = [item.cells for item in items if item.kind == "row"]
        assert rows == [("科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数")] + \
            [line + ("",) for line in lines], rows


def test_two_figures_of_adjacent_columns_boxed_as_one_word_are_split_after_the_first_ones_decimals():
    # figures right-aligned at 100, 200 and 237 under their headings and 栏次 numbers; the second
    # and third printed 7 points apart and boxed as one OCR word ('8.8937.27')
    words = [word("合计", 76, 100), word("公务接待费", 140, 100), word("合计", 213, 100)]
    words += [word("1", 100, 118, right=True), word("2", 200, 118, right=True), word("3", 237, 118, right=True)]
    words += [word("38.60", 100, 136, right=True), Word("8.8937.27", 176, 136, 237, 136 + H)]
    items, _ = page_items(words, page_no=1, page_width=300, segment_start=1, read_by="ocr")
    rows = [item.cells for item in items if item.kind == "row"]
    assert rows == [("合计", "公务接待费", "合计"), ("1", "2", "3"), ("38.60", "8.89", "37.27")], rows
    boxes = next(item.boxes for item in items if item.kind == "row" and "8.89" in item.cells)
    assert boxes[1][0] == 176 and boxes[2][2] == 237 and boxes[1][2] < boxes[2][0]


def test_a_continuations_first_row_printing_a_heading_elsewhere_is_a_row():
    # the next page starts with an income row printing no figure whose label is the text of a
    # heading of the last table's (基本支出, there over the fifth column): not the header repeated
    # (it stands in the first column), the table continued in the last page's columns (the
    # sixth printing no figure on this page)
    carry = wide_first_page()
    words = wide_row(40, ("基本支出", ""), ("", "", "", ""))
    words += wide_row(60, ("总计", "105.00"), ("总计", "105.00", "105.00", ""))  # (项目支出 prints none)
    items, _ = page_items(words, page_no=4, page_width=600, segment_start=2, read_by="text_layer", carry=carry)
    assert rows_of(items) == [("基本支出", "", "", "", "", ""),
                              ("总计", "105.00", "总计", "105.00", "105.00", "")], rows_of(items)


def test_ocr_headings_of_code_columns_boxed_as_one_word_printing_codes_in_one_are_three_columns():
    # 类 | 款 | 项 centred in narrow cells 17 points apart, boxed by the OCR as one word
    # ('类款项', 46 points wide for three 7-point characters; corpus seed 1, a 政府性基金 table
    # printed unruled and scanned); the page's rows print codes under 类 only. Each heading is a
    # column of its own, as the text layer reads the same page (the next page's 款 and 项 codes
    # are read into them)
    def ocr_word(text: str, x0: float, top: float, x1: float, bottom: float) -> Word:
        return Word(text, x0, top, x1, bottom, 0.99)

    words = [ocr_word("科目编码", 46.8, 81.4, 73.1, 91.4), ocr_word("科目名称", 144.4, 87.8, 171.4, 97.9),
             ocr_word("本年收入", 302.8, 87.1, 329.8, 97.6), ocr_word("类款项", 38.9, 93.6, 85.0, 105.1)]
    words += [ocr_word("合计", 89.6, 107.3, 104.8, 118.8), ocr_word("295.63", 313.2, 108.4, 334.4, 117.4),
              ocr_word("212", 34.9, 120.6, 47.2, 130.7), ocr_word("城乡社区支出", 89.6, 120.6, 130.0, 130.7),
              ocr_word("295.63", 312.8, 120.6, 335.2, 131.0)]
    items, _ = page_items(words, 1, 595, 1, "ocr")
    assert rows_of(items) == [("科目编码", "", "", "科目名称", "本年收入"), ("类", "款", "项", "", ""),
                              ("", "", "", "合计", "295.63"), ("212", "", "", "城乡社区支出", "295.63")], rows_of(items)
