"""The project appendix of a generated disclosure printed as real documents print it: one
项目支出绩效自评表 per project, each on a page of its own, in the row order and with the labels
of the Nanyang appendix — title and 填报日期 above the table; 项目名称; 主管部门 / 实施单位;
项目资金（万元） with its six columns and one row per fund source; 资金管理情况 with its four items;
年度总体目标 (预期目标 / 实际完成情况); 绩效指标 (一级 and 二级 指标 as merged cells over their
rows); 总分.

``appendix_html(rows, ruled)`` returns an HTML fragment (its own ``<style>`` included) that
the corpus PDF renderer puts in a disclosure's page flow; ``ruled`` draws every cell border
(a ruled table, read by pdfplumber's grid) or none (an unruled table, read by word
positions). The cells print exactly the landed texts (``project_*`` rows), so a reader that
reads the PDF back must land the same rows.
"""
from __future__ import annotations

from html import escape

COLUMNS = 9  # the grid every row of the table is cut from

STYLE = """
<style>
.fa-appendix section { page-break-before: always; break-before: page; font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif; }
.fa-appendix h3 { text-align: center; font-size: 15pt; margin: 0 0 4pt 0; }
.fa-appendix p.fa-date { text-align: right; font-size: 9pt; margin: 0 0 4pt 0; }
.fa-appendix table { border-collapse: collapse; width: 100%; font-size: 8pt; table-layout: fixed; }
.fa-appendix td, .fa-appendix th { padding: 2pt 3pt; vertical-align: middle; font-weight: normal;
  word-break: break-all; }
.fa-appendix table.ruled td, .fa-appendix table.ruled th { border: 0.75pt solid #000; }
.fa-appendix table.unruled td, .fa-appendix table.unruled th { border: none; }
.fa-appendix td.num { text-align: right; }
</style>
"""


def _cell(text: str | None, tag: str = "td", colspan: int = 1, rowspan: int = 1, numeric: bool = False) -> str:
    attributes = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
    attributes += ' class="num"' if numeric else ""
    return f"<{tag}{attributes}>{escape(text or '')}</{tag}>"


def _row(*cells: str) -> str:
    return "<tr>" + "".join(cells) + "</tr>"


def _groups(values: list[str]) -> list[int]:
    """Rowspans of a merged label column: the length of each run of equal labels, at the run's
    first row, 0 on the rows it covers."""
    spans = [0] * len(values)
    start = 0
    for index in range(1, len(values) + 1):
        if index == len(values) or values[index] != values[start]:
            spans[start] = index - start
            start = index
    return spans


def project_table(evaluation: dict, funds: list[dict], management: list[dict], indicators: list[dict],
                  ruled: bool) -> str:
    rows = [
        _row(_cell("项目名称", "th"), _cell(evaluation.get("project_name"), colspan=COLUMNS - 1)),
        _row(_cell("主管部门", "th"), _cell(evaluation.get("competent_department"), colspan=3),
             _cell("实施单位", "th", colspan=2), _cell(evaluation.get("implementing_unit"), colspan=3)),
        _row(_cell("项目资金（万元）", "th", rowspan=len(funds) + 1), _cell("", "th"),
             *(_cell(label, "th") for label in ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率")),
             _cell("得分", "th", colspan=2)),
    ]
    for fund in funds:
        rows.append(_row(_cell(fund.get("fund_source_as_printed")),
                         *(_cell(fund.get(column), numeric=True) for column in
                           ("initial_budget_text", "annual_budget_text", "executed_text", "weight_text",
                            "execution_rate_text")),
                         _cell(fund.get("score_text"), colspan=2, numeric=True)))
    rows.append(_row(_cell("资金管理情况", "th", rowspan=len(management) + 1), _cell("", "th"),
                     _cell("情况说明", "th", colspan=2), _cell("分值（20）", "th"), _cell("得分", "th"),
                     _cell("存在问题和改进措施", "th", colspan=3)))
    for item in management:
        rows.append(_row(_cell(item.get("item_name")), _cell(item.get("description"), colspan=2),
                         _cell(item.get("weight_text"), numeric=True), _cell(item.get("score_text"), numeric=True),
                         _cell(item.get("problems_and_measures"), colspan=3)))
    rows.append(_row(_cell("年度总体目标", "th", rowspan=2), _cell("预期目标", "th", colspan=4),
                     _cell("实际完成情况", "th", colspan=4)))
    rows.append(_row(_cell(evaluation.get("goal_expected"), colspan=4), _cell(evaluation.get("goal_actual"), colspan=4)))
    rows.append(_row(_cell("绩效指标", "th", colspan=COLUMNS)))
    rows.append(_row(*(_cell(label, "th") for label in ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                                                        "分值", "得分", "偏差度", "偏差原因分析及改进措施"))))
    level1 = _groups([row.get("level1_indicator") or "" for row in indicators])
    level2 = _groups([(row.get("level1_indicator") or "") + "/" + (row.get("level2_indicator") or "")
                      for row in indicators])
    for index, indicator in enumerate(indicators):
        cells = []
        if level1[index]:
            cells.append(_cell(indicator.get("level1_indicator"), rowspan=level1[index]))
        if level2[index]:
            cells.append(_cell(indicator.get("level2_indicator"), rowspan=level2[index]))
        cells += [_cell(indicator.get("level3_indicator")), _cell(indicator.get("target_text")),
                  _cell(indicator.get("actual_text")), _cell(indicator.get("weight_text"), numeric=True),
                  _cell(indicator.get("score_text"), numeric=True), _cell(indicator.get("deviation_text"), numeric=True),
                  _cell(indicator.get("deviation_reason"))]
        rows.append(_row(*cells))
    rows.append(_row(_cell("总分", "th", colspan=5), _cell(evaluation.get("total_weight_text"), numeric=True),
                     _cell(evaluation.get("total_score_text"), numeric=True), _cell("", colspan=2)))
    widths = (9, 12, 16, 10, 10, 7, 8, 8, 20)
    colgroup = "<colgroup>" + "".join(f'<col style="width:{width}%">' for width in widths) + "</colgroup>"
    return (f"<section><h3>{escape(evaluation.get('table_title') or '项目支出绩效自评表')}</h3>"
            f"<p class=\"fa-date\">{escape(evaluation.get('form_date_text') or '')}</p>"
            f"<table class=\"{'ruled' if ruled else 'unruled'}\">{colgroup}{''.join(rows)}</table></section>")


def appendix_html(rows: dict[str, list[dict]], ruled: bool) -> str:
    """The 项目支出绩效自评表 pages of one disclosure: ``rows`` holds its landed
    ``project_evaluations``, ``project_funds``, ``project_fund_management`` and
    ``project_indicators`` rows (as the corpus generator writes them). Empty when it has none."""
    evaluations = sorted(rows.get("project_evaluations") or [], key=lambda row: int(row["project_no"]))
    if not evaluations:
        return ""

    def of(part: str, project_no: str) -> list[dict]:
        return sorted((row for row in rows.get(part) or [] if row["project_no"] == project_no),
                      key=lambda row: int(row["row_no"]))

    tables = [project_table(evaluation, of("project_funds", evaluation["project_no"]),
                            of("project_fund_management", evaluation["project_no"]),
                            of("project_indicators", evaluation["project_no"]), ruled)
              for evaluation in evaluations]
    return f'<div class="fa-appendix">{STYLE}{"".join(tables)}</div>'


APPENDIX_PARTS = ("project_evaluations", "project_funds", "project_fund_management", "project_indicators")


def appendix_rows(d, pages: int) -> dict[str, list[dict]]:
    """The appendix rows of a printed disclosure as printed, for its layout manifest: the
    ``project_*`` rows with the page each is printed on (``appendix_html`` prints the tables
    last, each starting a page and fitting it: project n of N on page ``pages - N + n``), the
    generator's own page numbers replaced."""
    evaluations = d.files.get("project_evaluations") or []
    first = pages - len(evaluations)
    numbers = sorted(int(row["project_no"]) for row in evaluations)
    page_of = {str(number): first + position for position, number in enumerate(numbers, 1)}
    return {part: [{**{key: value for key, value in row.items()
                       if key not in ("document_sha256", "fiscal_year", "unit_name", "source_line")},
                    "source_page": str(page_of.get(row["project_no"], ""))}
                   for row in d.files.get(part) or []] for part in APPENDIX_PARTS}
