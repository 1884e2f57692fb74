"""Printing generated disclosures to PDF, as publishers print them, so the corpus can be read
back through ``scripts/ingest`` (the round trip) instead of going straight into the landing.

Each disclosure is written as one HTML document (cover, part headings, the nine tables under
their titles and 单位 lines, the 情况说明 narrative as its sentences, the project appendix
where the appendix printer is present) and printed to PDF by headless Chromium. What is printed
is the disclosure's landing (its planted errors included): the landing is the truth the read
back is compared with. The narrative is printed from each statement's phrase with the landed
values put in (a plant changes a landed value, not the phrase it was generated with).

The layout is drawn per disclosure from the families of ``seeds/ref_layout_families.csv``
(codes joined or split over 类/款/项, 行次/栏次 or not, ruled or unruled, portrait or landscape,
header repeated on a continuation page or not, tables broken at any row, a text layer or the
print rasterised into image-only pages as a scan at ``SCAN_DPI``, read back by OCR); the 表号 (公开01–09 or
部门决算 titles) and the 合计 position follow the disclosure itself. A table broken over pages
keeps one column grid, as a Word or Excel document does (``column_widths``: each table laid out
whole by the browser, its columns' widths fixed on every page; unruled tables, which are read by
their words' positions — a ruled page is read from its own ruling). Page breaks are explicit,
so the page of every printed table row is known: it is recorded with the options used in a
manifest beside the PDF (``.<name>.layout.json``: a dot file, which ``scripts/ingest`` passes
over).
"""
from __future__ import annotations

import copy
import html
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import vocabulary
from .disclosure import Disclosure
from .plants import PLANTS
from .reference import Reference
from .rendering import Generator
from .words import metric_word, ordinal_of

CHROMIUM = "/usr/bin/chromium"
# rows of a table printed on one page at most (a page holds more: a wrapped header or
# title never pushes a row onto an unrecorded page)
ROWS_PER_PAGE = {"portrait": 34, "landscape": 20}
# the printable width of an A4 page (the @page margins of STYLE: 12 mm left and right)
PRINTABLE_MM = {"portrait": 210 - 24, "landscape": 297 - 24}
# the resolution a disclosure printed in the scanned medium is rasterised at (image-only PDF)
SCAN_DPI = 200


def families() -> dict[str, list[dict]]:
    """The layout families (seeds/ref_layout_families.csv): family -> its option rows."""
    grouped: dict[str, list[dict]] = {}
    for row in vocabulary.rows("ref_layout_families"):
        grouped.setdefault(row["family"], []).append(row)
    return grouped


def choose_layout(rng: random.Random, d: Disclosure, forced: dict[str, str] | None = None) -> dict[str, str]:
    """One option per family: drawn by weight for the renderer's families, read from the
    disclosure for the others (its 表号 and its 合计 line). ``forced`` fixes options (tests)."""
    chosen: dict[str, str] = {}
    for family, options in families().items():
        if options[0]["chosen_by"] == "renderer":
            drawn = [o for o in options if int(o["weight"]) > 0]  # weight 0: only when fixed
            chosen[family] = drawn[0]["option"] if len(drawn) == 1 else \
                rng.choices([o["option"] for o in drawn], [int(o["weight"]) for o in drawn])[0]
    chosen["titles"] = "numbered" if d.layout == "单位决算" else "department"
    coded = d.files["gk05_general_budget_expenditure"]
    chosen["total_row"] = "top" if coded and coded[0]["item_name"] == "合计" else "bottom"
    chosen.update(forced or {})
    return chosen


# ---------------------------------------------------------------- table shapes

AMOUNT_HEADERS: dict[str, list[tuple[str, str | None, str]]] = {
    # (heading, sub-heading under a shared heading, landing column)
    "gk02_income_by_function": [("本年收入合计", None, "total_income"), ("财政拨款收入", None, "fiscal_appropriation_income"),
                                ("上级补助收入", None, "superior_subsidy_income"), ("事业收入", None, "business_income"),
                                ("经营收入", None, "operating_income"),
                                ("附属单位上缴收入", None, "subsidiary_remittance_income"),
                                ("其他收入", None, "other_income")],
    "gk03_expenditure_by_function": [("本年支出合计", None, "total_expenditure"), ("基本支出", None, "basic_expenditure"),
                                     ("项目支出", None, "project_expenditure"),
                                     ("上缴上级支出", None, "remittance_to_superior"),
                                     ("经营支出", None, "operating_expenditure"),
                                     ("对附属单位补助支出", None, "subsidy_to_subsidiaries")],
    "gk05_general_budget_expenditure": [("本年支出", "小计", "subtotal"), ("本年支出", "基本支出", "basic_expenditure"),
                                        ("本年支出", "项目支出", "project_expenditure")],
    "gk07_government_fund": [("年初结转和结余", None, "opening_balance"), ("本年收入", None, "current_year_income"),
                             ("本年支出", "小计", "expenditure_subtotal"), ("本年支出", "基本支出", "basic_expenditure"),
                             ("本年支出", "项目支出", "project_expenditure"), ("年末结转和结余", None, "closing_balance")],
    "gk08_state_capital_expenditure": [("年初结转和结余", None, "opening_balance"),
                                       ("本年收入", None, "current_year_income"), ("本年支出", "小计", "subtotal"),
                                       ("本年支出", "基本支出", "basic_expenditure"),
                                       ("本年支出", "项目支出", "project_expenditure"),
                                       ("年末结转和结余", None, "closing_balance")],
}
SUMMARY_SIDES: dict[str, list[tuple[str, str, list[tuple[str, str]]]]] = {
    # side, item column, line-number column, [(heading, amount column)]
    "gk01_income_expenditure_summary": [
        ("收入", "income_item", [("决算数", "income_amount")]),
        ("支出", "expenditure_item", [("决算数", "expenditure_amount")])],
    "gk04_fiscal_appropriation_summary": [
        ("收入", "income_item", [("决算数", "income_amount")]),
        ("支出", "expenditure_item", [("合计", "expenditure_total"), ("一般公共预算财政拨款", "expenditure_general_budget"),
                                     ("政府性基金预算财政拨款", "expenditure_government_fund"),
                                     ("国有资本经营预算财政拨款", "expenditure_state_capital")])],
}
THREE_PUBLIC_HEADERS = [("合计", None, "total"), ("因公出国（境）费", None, "overseas_travel"),
                        ("公务用车购置及运行维护费", "小计", "vehicle_subtotal"),
                        ("公务用车购置及运行维护费", "公务用车购置费", "vehicle_purchase"),
                        ("公务用车购置及运行维护费", "公务用车运行维护费", "vehicle_operation"),
                        ("公务接待费", None, "official_reception")]


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    amount: bool = False


@dataclass
class Grid:
    """One table's printed header rows and data rows (each data row: its cells and the index
    of the landed row it prints, or None for a 栏次 row)."""
    header: list[list[Cell]]
    rows: list[tuple[list[Cell], int | None]] = field(default_factory=list)


def _e(text) -> str:
    return html.escape(str(text or ""))


def _code_parts(code: str, parts: tuple[int, ...]) -> list[str]:
    """A code split over its 类/款/项 columns (“2010301” -> 201 | 03 | 01), every part printed."""
    out, start = [], 0
    for width in parts:
        out.append(code[start:start + width] if len(code) >= start + width else "")
        start += width
    return out


def _grouped_header(leading: list[tuple[str, list[str] | None]], amounts: list[tuple[str, str | None]],
                    levels: int) -> list[list[Cell]]:
    """Header rows: leading columns (a heading, or a heading over sub-headings such as 类/款/项)
    then amount columns (a heading, or a shared heading over sub-headings)."""
    rows: list[list[Cell]] = [[] for _ in range(levels)]
    for heading, subs in leading:
        if subs:
            rows[0].append(Cell(heading, colspan=len(subs)))
            rows[1].extend(Cell(sub) for sub in subs)
        else:
            rows[0].append(Cell(heading, rowspan=levels))
    index = 0
    while index < len(amounts):
        heading, sub = amounts[index]
        if sub is None:
            rows[0].append(Cell(heading, rowspan=levels))
            index += 1
            continue
        group = [s for h, s in amounts[index:] if h == heading]
        run = 0
        while index + run < len(amounts) and amounts[index + run][0] == heading:
            run += 1
        rows[0].append(Cell(heading, colspan=run))
        rows[1].extend(Cell(s or "") for s in group[:run])
        index += run
    return [row for row in rows if row]


def coded_grid(code: str, rows: list[dict], layout: dict[str, str]) -> Grid:
    amounts = AMOUNT_HEADERS[code]
    split = layout["codes"] == "split"
    leading = [("科目编码", ["类", "款", "项"] if split else None), ("科目名称", None)]
    levels = 2 if split or any(sub for _, sub, _ in amounts) else 1
    grid = Grid(_grouped_header(leading, [(h, s) for h, s, _ in amounts], levels))
    code_width = 3 if split else 1
    if layout["line_numbers"] == "with":
        grid.rows.append(([Cell("栏次", colspan=code_width), Cell("")]
                          + [Cell(str(n), amount=True) for n in range(1, len(amounts) + 1)], None))
    for index, row in enumerate(rows):
        function_code = row["function_code"]
        codes = _code_parts(function_code, (3, 2, 2)) if split else [function_code]
        cells = [Cell(part) for part in codes] + [Cell(row["item_name"])]
        cells += [Cell(row.get(column, ""), amount=True) for _, _, column in amounts]
        grid.rows.append((cells, index))
    return grid


def summary_grid(code: str, rows: list[dict], layout: dict[str, str]) -> Grid:
    sides = SUMMARY_SIDES[code]
    numbered = layout["line_numbers"] == "with"
    top, second = [], []
    for side, _, amounts in sides:
        top.append(Cell(side, colspan=1 + numbered + len(amounts)))
        second += [Cell("项目")] + ([Cell("行次")] if numbered else []) + [Cell(h) for h, _ in amounts]
    grid = Grid([top, second])
    if numbered:
        cells, column = [], 1
        for _, _, amounts in sides:
            cells += [Cell("栏次")] + [Cell("")]
            for _ in amounts:
                cells.append(Cell(str(column), amount=True))
                column += 1
        grid.rows.append((cells, None))
    line = {side: 0 for side, _, _ in sides}
    for index, row in enumerate(rows):
        cells = []
        for side, item, amounts in sides:
            cells.append(Cell(row[item]))
            if numbered:
                line[side] += 1 if row[item] else 0
                cells.append(Cell(str(line[side]) if row[item] else ""))
            cells += [Cell(row[column], amount=True) for _, column in amounts]
        grid.rows.append((cells, index))
    return grid


def economic_grid(rows: list[dict], layout: dict[str, str]) -> Grid:
    split = layout["codes"] == "split"
    leading = [("科目编码", ["类", "款"] if split else None), ("科目名称", None), ("决算数", None)] * 3
    grid = Grid(_grouped_header(leading, [], 2 if split else 1))
    for index, row in enumerate(rows):
        cells = []
        for n in (1, 2, 3):
            economic = row[f"economic_code_{n}"]
            cells += [Cell(part) for part in (_code_parts(economic, (3, 2)) if split else [economic])]
            cells += [Cell(row[f"item_name_{n}"]), Cell(row[f"amount_{n}"], amount=True)]
        grid.rows.append((cells, index))
    return grid


def three_public_grid(rows: list[dict], layout: dict[str, str]) -> Grid:
    header: list[list[Cell]] = [[], [], []]
    for kind in ("预算数", "决算数"):
        header[0].append(Cell(kind, colspan=len(THREE_PUBLIC_HEADERS)))
        header[1] += [Cell("合计", rowspan=2), Cell("因公出国（境）费", rowspan=2),
                      Cell("公务用车购置及运行维护费", colspan=3), Cell("公务接待费", rowspan=2)]
        header[2] += [Cell("小计"), Cell("公务用车购置费"), Cell("公务用车运行维护费")]
    grid = Grid(header)
    if layout["line_numbers"] == "with":
        grid.rows.append(([Cell(str(n), amount=True) for n in range(1, 2 * len(THREE_PUBLIC_HEADERS) + 1)], None))
    for index, row in enumerate(rows):
        grid.rows.append(([Cell(row[f"{side}_{key}"], amount=True) for side in ("budget", "final")
                           for _, _, key in THREE_PUBLIC_HEADERS], index))
    return grid


def table_grid(code: str, rows: list[dict], layout: dict[str, str]) -> Grid:
    if code in AMOUNT_HEADERS:
        return coded_grid(code, rows, layout)
    if code in SUMMARY_SIDES:
        return summary_grid(code, rows, layout)
    if code == "gk06_basic_expenditure_by_economic":
        return economic_grid(rows, layout)
    return three_public_grid(rows, layout)


# ---------------------------------------------------------------- the narrative

_UNIT_OF_METRIC = {"%": "%", "万元": "万元", "个": "个", "辆": "辆"}


def _replace_last(text: str, old: str, new: str, before: str = "") -> str:
    """``text`` with the last ``old`` (followed by ``before``) replaced by ``new``."""
    if not old or old == new:
        return text
    position = text.rfind(old + before)
    if position < 0:
        position = text.rfind(old)
        if position < 0:
            return text
    return text[:position] + new + text[position + len(old):]


def _statement(phrase: str, clean_rows: list[dict], rows: list[dict]) -> str:
    """A statement's phrase with the landed values put in where a plant changed them."""
    for clean, row in zip(clean_rows, rows):
        if clean.get("value_text") != row.get("value_text"):
            phrase = _replace_last(phrase, clean["value_text"], row["value_text"], _UNIT_OF_METRIC.get(row["value_unit"], ""))
        if clean.get("stated_word") != row.get("stated_word"):
            rate = row["value_text"] if row["metric"] == "change_rate" else ""
            phrase = _replace_last(phrase, clean["stated_word"], row["stated_word"], rate)
    return phrase


def _item_paragraph(clean: dict, row: dict) -> str:
    phrase = clean["quoted_phrase"]
    if clean["final_amount_text"] != row["final_amount_text"]:
        phrase = _replace_last(phrase, clean["final_amount_text"], row["final_amount_text"], "万元")
    if clean["wording"] != row["wording"]:
        phrase = _replace_last(phrase, clean["wording"], row["wording"])
    if clean["stated_reason"] != row["stated_reason"]:
        phrase = _replace_last(phrase, clean["stated_reason"], row["stated_reason"])
        # a comparison that gives no reason ends where the reason would begin
        phrase = re.sub(r"的主要原因[：:]?\s*$", "。", phrase)
    # a sentence a plant added to the paragraph (the 决算 stated a second time)
    if row["quoted_phrase"] != clean["quoted_phrase"] and row["quoted_phrase"].startswith(clean["quoted_phrase"]):
        phrase += row["quoted_phrase"][len(clean["quoted_phrase"]):]
    return phrase


def _topic_headings() -> dict[str, str]:
    """A subsection heading per narrative topic, from the heading words the reader knows it by
    (seeds/vocab_narrative_topics.csv): 机关运行经费 -> “机关运行经费情况说明”."""
    return {row["topic"]: row["heading_pattern"].split("|")[0] + "情况说明"
            for row in vocabulary.rows("vocab_narrative_topics")}


# how a statement printed as a clause of the sentence before begins (it names no subject)
CLAUSES = ("占", "全年预算", f"支出{metric_word('final_amount')}", metric_word("completion_rate"))


def narrative_paragraphs(d: Disclosure, clean: dict[int, dict]) -> list[tuple[str, str]]:
    """(kind, text) in print order: ``heading`` for a section or subsection heading, ``text``
    for a paragraph. Statements of one subject run on as clauses of one sentence (a statement
    printed as a clause, “完成年初预算的95.00%”, continues the one before, or is headed by its
    subject where the sentence before states another); a statement the
    sentence before already states is not printed twice; a section holding several topics
    (十一、其他重要事项) prints a subsection heading per topic."""
    sentence_mention = next((m for m in d.files["mentions"] if m["frame"] == "sentence"), None)
    topics: dict[str, str] = {}
    # section -> topic -> sentences
    sections: dict[str, dict[str, list[str]]] = {}
    groups: list[list[dict]] = []
    for row in d.files["narrative_figures"]:
        phrase = clean.get(id(row), row)["quoted_phrase"]
        if groups and clean.get(id(groups[-1][0]), groups[-1][0])["quoted_phrase"] == phrase \
                and groups[-1][0]["section"] == row["section"]:
            groups[-1].append(row)
        else:
            groups.append([row])
    previous_subject = None
    for group in groups:
        first = group[0]
        section, topic = first["section"], first["topic"]
        topics.setdefault(topic, section)
        sentences = sections.setdefault(section, {}).setdefault(topic, [])
        text = _statement(clean.get(id(first), first)["quoted_phrase"], [clean.get(id(r), r) for r in group], group)
        if sentences and text.rstrip("。") in sentences[-1]:
            continue
        if text.startswith(CLAUSES):
            if sentences and previous_subject == (section, first["subject"]):
                sentences[-1] = sentences[-1].removesuffix("。") + "，" + text
            else:
                sentences.append(first["subject"] + text)
        else:
            sentences.append(text)
        previous_subject = (section, first["subject"])
    order = list(sections)
    if sentence_mention and order:
        first_topic = next(iter(sections[order[0]].values()))
        if first_topic and first_topic[0].startswith(f"{d.fiscal_year}年度"):
            first_topic[0] = sentence_mention["value_as_printed"] + first_topic[0]
    # the per-项 paragraphs: 一般公共预算 in 五, the other accounts in their own section
    general = next((s for s in order if s.startswith("五、")), None)
    for row in d.files["narrative_function_budget"]:
        account = row.get("budget_topic") or "general_budget"
        section = general if account == "general_budget" else topics.get(account)
        if section:
            first_topic = next(iter(sections[section]))
            sections[section][first_topic].append(_item_paragraph(clean.get(id(row), row), row))
    for row in d.files["narrative_comparison_wording"]:
        section = topics.get(row["topic"])
        if section:
            phrase = row["quoted_phrase"]
            sections[section].setdefault(row["topic"], []).append(phrase if phrase.endswith("。") else phrase + "。")
    headings = _topic_headings()
    paragraphs: list[tuple[str, str]] = []
    for section in order:
        paragraphs.append(("heading", section))
        several = len(sections[section]) > 1
        for number, (topic, sentences) in enumerate(sections[section].items(), 1):
            if several:
                paragraphs.append(("heading", f"（{ordinal_of({'numeral': 'chinese', 'prefix': '', 'suffix': ''}, number)}）"
                                              f"{headings.get(topic, '')}"))
            paragraphs.extend(("text", text) for text in sentences)
    return paragraphs


# ---------------------------------------------------------------- the document

STYLE = """
@page {{ size: A4 {orientation}; margin: 14mm 12mm; }}
body {{ font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif; font-size: 10pt; margin: 0; }}
.page {{ break-before: page; }}
h1 {{ font-size: 20pt; text-align: center; margin-top: 200pt; }}
h2 {{ font-size: 14pt; text-align: center; }}
h3 {{ font-size: 12pt; text-align: center; margin: 4pt 0; }}
h4 {{ font-size: 10.5pt; margin: 8pt 0 4pt 0; }}
p.t, p.number, p.unit, p.note {{ margin: 2pt 0; line-height: 1.6; text-indent: 2em; }}
.number {{ text-align: center; margin: 0; }}
.unit {{ text-align: right; font-size: 9pt; margin: 2pt 0; text-indent: 0; }}
table.fa-table {{ border-collapse: collapse; font-size: {font}; width: 100%; }}
.fa-table td, .fa-table th {{ padding: 1.5pt 3pt; white-space: nowrap; font-weight: normal; {rule} }}
.fa-table td.amount {{ text-align: right; }}
.note {{ font-size: 9pt; text-indent: 0; }}
"""


def _row_html(cells: list[Cell], tag: str = "td") -> str:
    parts = []
    for cell in cells:
        attributes = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + \
                     (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + \
                     (' class="amount"' if cell.amount else "")
        parts.append(f"<{tag}{attributes}>{_e(cell.text)}</{tag}>")
    return "<tr>" + "".join(parts) + "</tr>"


@dataclass
class Printed:
    html: str
    layout: dict[str, str]
    row_pages: dict[str, list[int | None]]  # table code -> page of each landed row
    pages_before_narrative: int
    appendix: str


def _appendix_html(d: Disclosure, ruled: bool) -> tuple[str, str]:
    """The project appendix pages, from helper "appendix"'s printer
    (final_accounts/corpus/appendix_print.py, ``appendix_html(project rows, ruled)``); an
    empty fragment and the reason when that printer is not present."""
    if not d.files.get("project_evaluations"):
        return "", "no projects"
    try:
        from .appendix_print import appendix_html  # type: ignore[import-not-found]
    except ImportError:
        return "", "not printed: final_accounts/corpus/appendix_print.py is not present"
    projects = {name: d.files.get(name, []) for name in ("project_evaluations", "project_funds",
                                                            "project_fund_management", "project_indicators")}
    return appendix_html(projects, ruled), "printed"


def _style(layout: dict[str, str]) -> str:
    orientation = layout["orientation"]
    font = "7.5pt" if orientation == "portrait" else "8.5pt"
    return STYLE.format(orientation=orientation, font=font,
                        rule="border: 0.6pt solid #000;" if layout["rules"] == "ruled" else "border: none;")


def _printed_tables(d: Disclosure) -> list[tuple[str, list[dict]]]:
    """The tables a disclosure prints (ref_table_types order): code and landed rows."""
    presence = {row["table_code"]: row for row in d.files["table_presence"]}
    return [(row["landing_code"], d.files.get(row["landing_code"]) or []) for row in vocabulary.rows("ref_table_types")
            if presence.get(row["landing_code"], {}).get("presence") != "missing" and d.files.get(row["landing_code"])]


def measure_html(d: Disclosure, layout: dict[str, str]) -> str:
    """Every table of the disclosure printed whole (header and all its rows, unbroken) at the
    page's printable width, for ``column_widths`` to measure its column grid."""
    tables = []
    for code, rows in _printed_tables(d):
        grid = table_grid(code, rows, layout)
        tables.append(f'<table class="fa-table" data-code="{code}"><thead>'
                      + "".join(_row_html(cells, "th") for cells in grid.header) + "</thead><tbody>"
                      + "".join(_row_html(cells) for cells, _ in grid.rows) + "</tbody></table>")
    return ("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<style>{_style(layout)}</style></head><body>"
            f'<div style="width: {PRINTABLE_MM[layout["orientation"]]}mm">' + "".join(tables) + "</div></body></html>")


# the widths of a table's columns as the browser lays the whole table out: the cells of the
# first body row printing every column in a cell of its own
MEASURE_SCRIPT = """() => Object.fromEntries([...document.querySelectorAll('table.fa-table[data-code]')].map(t => {
  const rows = [...t.tBodies[0].rows];
  const columns = Math.max(...rows.map(r => [...r.cells].reduce((n, c) => n + c.colSpan, 0)));
  const row = rows.find(r => r.cells.length === columns);
  return [t.dataset.code, row ? [...row.cells].map(c => c.getBoundingClientRect().width) : null];
}))"""


def column_widths(page, d: Disclosure, layout: dict[str, str]) -> dict[str, list[float]]:
    """Table code -> the widths of its columns when printed whole (a browser ``page``): one
    grid per table, which every page of a broken table keeps (as a Word or Excel document
    does; the browser's automatic layout would fit each page's part to its own rows)."""
    page.set_content(measure_html(d, layout), wait_until="load")
    return {code: widths for code, widths in page.evaluate(MEASURE_SCRIPT).items() if widths}


def _colgroup(widths: list[float] | None) -> tuple[str, str]:
    """The table's style attribute and colgroup fixing its column grid (none when unmeasured):
    the measured widths in CSS pixels (a table whose rows are wider than the page runs past its
    margin, as the browser's automatic layout prints it)."""
    if not widths:
        return "", ""
    return (f' style="table-layout: fixed; width: {sum(widths):.3f}px"',
            "<colgroup>" + "".join(f'<col style="width: {width:.3f}px">' for width in widths) + "</colgroup>")


def disclosure_html(d: Disclosure, layout: dict[str, str], rng: random.Random, clean: dict[int, dict],
                    widths: dict[str, list[float]] | None = None) -> Printed:
    """The disclosure as one HTML document; ``widths`` (``column_widths``): each table's
    column grid, kept on every page the table is broken over."""
    ruled = layout["rules"] == "ruled"
    orientation = layout["orientation"]
    style = _style(layout)
    titles = [m["context"] for m in d.files["mentions"] if m["frame"] in ("title", "part_heading")]
    cover, part1, part2, part3 = (titles + ["", "", "", ""])[:4]
    body = [f"<h1>{_e(cover)}</h1>", f'<div class="page"><h2>{_e(part1)}</h2>'
            f'<p class="t">主要职能：依法履行本单位职责，做好各项业务工作。</p></div>']
    page = 2
    row_pages: dict[str, list[int | None]] = {}
    capacity = ROWS_PER_PAGE[orientation]
    presence = {row["table_code"]: row for row in d.files["table_presence"]}
    notes = {row["table_code"]: row["note_text"] for row in d.files["table_notes"]}
    first_table = True
    for row in vocabulary.rows("ref_table_types"):
        code = row["landing_code"]
        rows = d.files.get(code) or []
        if presence.get(code, {}).get("presence") == "missing" or not rows:
            continue
        grid = table_grid(code, rows, layout)
        page += 1
        title_block = (f"<h2>{_e(part2)}</h2>" if first_table else "") + f"<h3>{_e(presence[code]['title_as_printed'])}</h3>"
        if layout["titles"] == "numbered" and presence[code]["number_as_printed"]:
            title_block += f'<p class="number">{_e(presence[code]["number_as_printed"])}表</p>'
        title_block += '<p class="unit">单位：万元</p>'
        first_table = False
        data = grid.rows
        # where the table breaks: the page capacity, and (any_row) one break drawn at any row
        breaks: set[int] = set(range(capacity, len(data), capacity))
        if layout["page_breaks"] == "any_row" and len(data) > 2:
            breaks.add(rng.randint(1, len(data) - 1))
        chunks, start = [], 0
        for cut in sorted(breaks) + [len(data)]:
            if cut > start:
                chunks.append(data[start:cut])
                start = cut
        pages = [None] * len(rows)
        for number, chunk in enumerate(chunks):
            header = "" if number > 0 and layout["header_repeat"] == "not_repeated" else \
                "<thead>" + "".join(_row_html(cells, "th") for cells in grid.header) + "</thead>"
            if number > 0:
                page += 1
            fixed, colgroup = _colgroup((widths or {}).get(code))
            body.append(f'<div class="page">{title_block if number == 0 else ""}<table class="fa-table"{fixed}>'
                        f'{colgroup}{header}<tbody>'
                        + "".join(_row_html(cells) for cells, _ in chunk) + "</tbody></table>"
                        + (f'<p class="note">{_e(notes[code])}</p>' if code in notes and number == len(chunks) - 1 else "")
                        + "</div>")
            for _, index in chunk:
                if index is not None:
                    pages[index] = page
        row_pages[code] = pages
    pages_before_narrative = page
    body.append(f'<div class="page"><h2>{_e(part3)}</h2>')
    for kind, text in narrative_paragraphs(d, clean):
        body.append(f"<h4>{_e(text)}</h4>" if kind == "heading" else f'<p class="t">{_e(text)}</p>')
    body.append("</div>")
    appendix, appendix_status = _appendix_html(d, ruled)
    if appendix:
        body.append(f'<div class="page">{appendix}</div>')
    document = ("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                f"<title>{_e(cover)}</title><style>{style}</style></head><body>" + "".join(body) + "</body></html>")
    return Printed(document, layout, row_pages, pages_before_narrative, appendix_status)


# ---------------------------------------------------------------- the corpus

def scan(pdf: Path, dpi: int = SCAN_DPI) -> Path:
    """The printed PDF replaced by its scanned copy: every page rendered at ``dpi`` and written
    as an image-only page of the same size (``raster.scanned_copy``), as a scanner makes it."""
    from ..raster import scanned_copy

    printed = pdf.with_name(pdf.stem + ".printed.pdf.tmp")
    pdf.replace(printed)
    try:
        scanned_copy(printed, pdf, dpi)
    finally:
        printed.unlink(missing_ok=True)
    return pdf


def planted_disclosure(generator: Generator, index: int, seed: int, planted_share: float,
                       plant: str | None = None) -> tuple[Disclosure, dict[int, dict]]:
    """A disclosure of the corpus (its plant as ``corpus.generate`` draws it, or ``plant``
    named) and its rows as they were before planting (by row identity)."""
    d = generator.disclosure(index)
    clean = {id(row): copy.copy(row) for rows in d.files.values() for row in rows}
    chooser = random.Random(f"plant:{seed}:{index}")
    names = sorted(PLANTS)
    if plant:
        PLANTS[plant](d, chooser)
    elif chooser.random() < planted_share:
        PLANTS[names[index % len(names)]](d, chooser)
    return d, clean


def print_corpus(target: Path, size: int, seed: int = 1, planted_share: float = 0.2, start: int = 0,
                 forced: list[dict[str, str]] | None = None, plants: list[str | None] | None = None,
                 indices: list[int] | None = None) -> dict:
    """Print ``size`` disclosures as PDFs into ``target`` (a documents folder for
    ``scripts/ingest``), each with its layout manifest (``.<name>.layout.json``: the options
    used, the page of every printed table row, the printed rows), and the ground truth of the
    planted errors (``.ground_truth.csv``; dot files, which ingestion passes over).
    ``indices`` (instead of ``start`` .. ``start + size - 1``), ``forced`` and ``plants``: the
    disclosures, and per disclosure the layout options and the plant to use (tests)."""
    from playwright.sync_api import sync_playwright

    from ..raster import page_count
    from .appendix_print import appendix_rows
    from .disclosure import TRUTH_COLUMNS
    from .rendering import _write_rows

    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    generator = Generator(seed, Reference.load())
    truth_rows, printed = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            for number, index in enumerate(indices if indices is not None else range(start, start + size)):
                plant = plants[number] if plants and number < len(plants) else None
                d, clean = planted_disclosure(generator, index, seed, 0.0 if plants else planted_share, plant)
                rng = random.Random(f"layout:{seed}:{index}")
                layout = choose_layout(rng, d, forced[number] if forced and number < len(forced) else None)
                # one grid per table for the unruled family, read by word positions (the ruled
                # families are read from each page's own ruling; their print is kept as measured)
                widths = column_widths(page, d, layout) if layout["rules"] == "unruled" else None
                result = disclosure_html(d, layout, rng, clean, widths)
                name = f"{index:06d}"
                page.set_content(result.html, wait_until="load")
                page.pdf(path=str(target / f"{name}.pdf"), prefer_css_page_size=True, print_background=True)
                # the appendix's pages: each 自评表 starts a page of its own and fits it, after everything else
                projects = appendix_rows(d, page_count(target / f"{name}.pdf")) if result.appendix == "printed" else {}
                if layout.get("medium") == "scanned":  # the print rasterised: image pages, no text layer
                    scan(target / f"{name}.pdf")
                manifest = {"disclosure": index, "seed": seed, "unit_name": d.unit_name,
                            "fiscal_year": d.fiscal_year, "layout": layout,
                            "scan_dpi": SCAN_DPI if layout.get("medium") == "scanned" else None,
                            "plant": sorted({row["plant"] for row in d.truth}),
                            "appendix": result.appendix, "pages_before_narrative": result.pages_before_narrative,
                            "projects": projects,
                            "row_pages": result.row_pages,
                            "tables": {code: [{key: value for key, value in row.items()
                                               if key not in ("document_sha256", "table_title_as_printed",
                                                              "source_page", "source_line")}
                                              for row in d.files.get(code) or []]
                                       for code in result.row_pages},
                            # the statements and mentions as printed: the ground truth names them by
                            # row number, which the read-back numbers its own way (round_trip.rekey_truth)
                            "statements": {name: [{key: value for key, value in row.items()
                                                   if key not in ("document_sha256", "fiscal_year", "unit_name")}
                                                  for row in d.files.get(name) or []]
                                           for name in ("narrative_figures", "narrative_function_budget",
                                                        "mentions")}}
                (target / f".{name}.layout.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                                           encoding="utf-8")
                truth_rows.extend(d.truth)
                printed.append(name)
        finally:
            browser.close()
    truth_path = target / ".ground_truth.csv"
    _write_rows(truth_path, TRUTH_COLUMNS, truth_rows, start > 0 and truth_path.exists())
    return {"disclosures": len(printed), "planted": sum(1 for row in truth_rows if row["role"] == "planted")}
