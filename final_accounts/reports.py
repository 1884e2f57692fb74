"""The reviewer's report: one self-contained HTML page per disclosure, an index over all of
them, and the findings workbook, written from the warehouse's marts.

Each page opens with no network: styles inline, charts inline SVG (final_accounts.charts),
the only script the index's column sort. Text is set in a CJK font stack. Numbers on the
pages come from the marts as they are (万元, two decimals); counts carry ``data-`` attributes
so a browser test can compare them with the warehouse.

    python -m final_accounts.reports WAREHOUSE [REPORTS_DIR]
"""
from __future__ import annotations

import html
import re
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from . import causes, charts, crops, vocabulary
from .landing import landing_root
from .workbook import write_workbook

ROOT = Path(__file__).resolve().parent.parent

# one word per status, the same as in the SQL messages, the console and the workbook
# (seeds/vocab_check_statuses.csv); the verdict lists the statuses in the seed's order
_STATUS_ROWS = sorted(vocabulary.rows("vocab_check_statuses"), key=lambda row: int(row["sort_order"]))
STATUS_ZH = {row["status"]: row["word"] for row in _STATUS_ROWS}
VERDICT_STATUSES = tuple(row["status"] for row in _STATUS_ROWS)
SEVERITY_ZH = {"error": "错误", "warn": "提示"}
THREE_PUBLIC_ORDER = ["total", "overseas_travel", "vehicle_subtotal", "vehicle_purchase", "vehicle_operation",
                      "official_reception"]

STYLE = """
:root { --chart-font: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei",
        "PingFang SC", sans-serif; }
body { font-family: var(--chart-font); margin: 2em auto; max-width: 1180px; color: #1d1d1d; line-height: 1.5; }
h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { font-size: 1.2em; border-bottom: 2px solid #2f5d8a;
     padding-bottom: .2em; margin-top: 2em; }
.meta { color: #555; font-size: .9em; }
.verdict { display: flex; gap: 1em; margin: 1em 0; }
.verdict div { flex: 1; padding: .8em 1em; border-radius: 6px; color: white; }
.verdict .fail { background: #b03a2e; } .verdict .rounding { background: #b9770e; } .verdict .pass { background: #1e8449; }
.verdict .not_evaluable { background: #6c7a89; }
.verdict b { font-size: 1.8em; display: block; }
table { border-collapse: collapse; width: 100%; font-size: .85em; margin: .6em 0; }
th, td { border: 1px solid #ccc; padding: .3em .45em; vertical-align: top; overflow-wrap: anywhere; }
#findings, .cause-checks { table-layout: fixed; }
#findings th:nth-child(1), #findings th:nth-child(2), .cause-checks th:nth-child(1), .cause-checks th:nth-child(2) { width: 2.6em; }
#findings th:nth-child(3), .cause-checks th:nth-child(3) { width: 7em; }
#findings th:nth-child(4), .cause-checks th:nth-child(4) { width: 34%; }
#findings th:nth-child(9), .cause-checks th:nth-child(9) { width: 18%; }
th { background: #eef2f7; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
#findings td.num, .cause-checks td.num { white-space: normal; overflow-wrap: anywhere; }
tr.fail td.status { color: #b03a2e; font-weight: bold; } tr.rounding td.status { color: #b9770e; }
.chart svg { max-width: 100%; height: auto; }
.finding-crops { margin: 1em 0 1.6em; } .finding-crops h3 { font-size: 1em; margin: .2em 0; }
figure.crop { margin: .4em 0; border: 1px solid #ccc; } figure.crop svg { display: block; width: 100%; height: auto; }
figure.crop figcaption { font-size: .8em; color: #555; padding: .2em .5em; }
.note { color: #555; font-size: .85em; }
.cause-count { font-size: 1.1em; font-weight: bold; }
details.cause { border-left: 4px solid #b03a2e; background: #fbf3f2; margin: .6em 0; padding: .3em .8em; }
details.cause.shift { border-left-color: #7d3c98; background: #f6f0f9; }
details.cause summary { cursor: pointer; }
th.sortable { cursor: pointer; } th.sortable::after { content: " ⇅"; color: #999; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } .chart, figure.crop { page-break-inside: avoid; } }
"""

SORT_SCRIPT = """
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (header, column) {
    header.classList.add('sortable');
    header.addEventListener('click', function () {
      var body = table.tBodies[0];
      var rows = Array.from(body.rows);
      var descending = header.dataset.order === 'asc';
      header.dataset.order = descending ? 'desc' : 'asc';
      rows.sort(function (a, b) {
        var x = a.cells[column].dataset.value || a.cells[column].textContent;
        var y = b.cells[column].dataset.value || b.cells[column].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, 'zh');
        return descending ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""


def esc(value) -> str:
    return html.escape("" if value is None else str(value))


def fmt(value, decimals: int = 2) -> str:
    if value is None:
        return ""
    if isinstance(value, (Decimal, float, int)):
        return f"{Decimal(value):,.{decimals}f}" if decimals is not None else str(value)
    return str(value)


UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\s]')


def page_name(year: int, unit: str) -> str:
    return f"{year}_{UNSAFE_IN_FILE_NAMES.sub('_', unit)}.html"


def _rows(con, sql: str, params=()) -> list[dict]:
    cursor = con.execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values)) for values in cursor.fetchall()]


def _page(title: str, body: str, script: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>{body}"
            + (f"<script>{script}</script>" if script else "") + "</body></html>\n")


def _verdict(checks: list[dict]) -> str:
    counts = {status: sum(1 for c in checks if c["status"] == status) for status in VERDICT_STATUSES}
    boxes = "".join(f'<div class="{status}" data-status="{status}"><b>{counts[status]}</b>{STATUS_ZH[status]}</div>'
                    for status in VERDICT_STATUSES)
    families = sorted({(c["rule_family"], c["severity"]) for c in checks})
    rows = []
    for family, severity in families:
        mine = [c for c in checks if (c["rule_family"], c["severity"]) == (family, severity)]
        cells = "".join(f'<td class="num">{sum(1 for c in mine if c["status"] == s)}</td>'
                        for s in VERDICT_STATUSES)
        rows.append(f"<tr><td>{esc(family)}</td><td>{SEVERITY_ZH.get(severity, esc(severity))}</td>{cells}</tr>")
    return (f'<div class="verdict" id="verdict" data-fail="{counts["fail"]}" data-rounding="{counts["rounding"]}" '
            f'data-not_evaluable="{counts["not_evaluable"]}" data-pass="{counts["pass"]}">{boxes}</div>'
            '<table id="verdict-by-family"><thead><tr><th>规则类别</th><th>严重度</th>'
            + "".join(f"<th>{STATUS_ZH[s]}</th>" for s in VERDICT_STATUSES)
            + f'</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _structure(checks: list[dict]) -> str:
    structural = [c for c in checks if c["status"] == "fail" and c["rule_id"] in ("STRUCT-TABLE", "N-COVERAGE")]
    if not structural:
        return '<p class="note" id="structure">九张表齐全，情况说明应有的各类陈述均已找到。</p>'
    items = "".join(f"<li>{esc(c['message'])}</li>" for c in structural)  # the message names its rule
    return f'<ul id="structure" data-count="{len(structural)}">{items}</ul>'


def _figure_cell(value, text, comparison: str) -> str:
    """A figure column's cell: a number right-aligned on one line; a text (a unit name, a 项 name)
    left-aligned and wrapped inside its cell, never drawn over the next column."""
    if value is not None:
        return f'<td class="num">{esc(fmt(value, 4 if comparison == "rate" else 2))}</td>'
    return f'<td class="text">{esc(text)}</td>'


def _sorted_findings(checks: list[dict]) -> list[dict]:
    findings = [c for c in checks if c["status"] in ("fail", "rounding")]
    order = {"fail": 0, "rounding": 1}
    findings.sort(key=lambda c: (order[c["status"]], c["severity"] != "error", c["rule_id"], c["subject_key"]))
    return findings


def _finding_row(c: dict, cropped: dict) -> str:
    anchor = cropped.get((c["rule_id"], c["subject_key"]))
    link = f' <a class="crop-link" href="#{anchor}">见图</a>' if anchor else ""
    return (f'<tr class="{c["status"]}"><td class="status">{STATUS_ZH[c["status"]]}</td>'
            f'<td>{SEVERITY_ZH.get(c["severity"], esc(c["severity"]))}</td><td>{esc(c["rule_id"])}</td>'
            f'<td>{esc(c["message"])}</td>'
            f'{_figure_cell(c["left_value"], c["left_text"], c["comparison"])}'
            f'{_figure_cell(c["right_value"], c["right_text"], c["comparison"])}'
            f'<td class="num">{esc(fmt(c["difference"], 4))}</td><td class="num">{esc(fmt(c["tolerance"], 4))}</td>'
            f'<td>{esc(c["printed_at"])}{link}</td></tr>')


FINDINGS_HEADER = ('<thead><tr><th>结果</th><th>严重度</th><th>规则</th><th>说明</th><th>左侧数字</th><th>右侧数字</th>'
                   '<th>差额</th><th>容差</th><th>所印位置</th></tr></thead>')


def _findings(checks: list[dict], cropped: dict | None = None, explained: set | None = None) -> str:
    """The findings table; ``cropped`` maps a finding (rule, subject) to the anchor of its crops;
    ``explained``: the ids of the causes listed above it, whose checks it leaves out."""
    explained = explained or set()
    findings = [c for c in _sorted_findings(checks) if c.get("cause_id") not in explained]
    rows = [_finding_row(c, cropped or {}) for c in findings]
    if not rows:
        text = "其余核对完全一致。" if explained else "全部核对完全一致。"
        return f'<p id="findings" data-count="0">{text}</p>'
    return (f'<table id="findings" data-count="{len(findings)}">{FINDINGS_HEADER}'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _causes(found: list[causes.Cause], checks: list[dict], cropped: dict) -> str:
    """The first section when the disclosure has causes (issue 19): the count by cause beside the
    count by check, then each cause — a suspect figure with its printed and suggested value and
    the kind of misprint, or a run of shifted rows — with the checks it explains folded under it."""
    fail = sum(1 for c in checks if c["status"] == "fail")
    ids = {cause.cause_id for cause in found}
    unexplained = sum(1 for c in checks if c["status"] == "fail" and c.get("cause_id") not in ids)
    items = []
    for number, cause in enumerate(found, start=1):
        row = cause.row
        values = (f' data-printed="{esc(row["printed_value"])}" data-suggested="{esc(row["suggested_value"])}"'
                  f' data-misprint-kind="{esc(row["misprint_kind"])}"' if cause.kind == "figure" else
                  f' data-shift-rows="{row["shift_rows"]}" data-from-row="{row["from_row_no"]}"'
                  f' data-to-row="{row["to_row_no"]}"')
        folded = "".join(_finding_row(c, cropped) for c in _sorted_findings(cause.checks))
        items.append(
            f'<details class="cause {cause.kind}" id="cause-{number}" data-cause-id="{esc(cause.cause_id)}" '
            f'data-kind="{cause.kind}" data-checks="{len(cause.checks)}"{values}>'
            f'<summary><b>{number}. {esc(cause.kind_word)}</b>：<span class="cause-line">{esc(cause.line)}</span>；'
            f'{esc(causes.phrase("explains", count=len(cause.checks)))}</summary>'
            f'<p class="note">{esc(cause.message)}</p>'
            f'<table class="cause-checks">{FINDINGS_HEADER}<tbody>{folded}</tbody></table></details>')
    return (f'<section id="causes" data-count="{len(found)}" data-fail="{fail}" data-unexplained="{unexplained}">'
            f'<p class="cause-count">{esc(causes.count_line(fail, found, unexplained))}</p>'
            '<p class="note">按原因列出：每处原因下折叠其所解释的核对（点击展开）；其余未能归因的发现见后。</p>'
            f'{"".join(items)}</section>')


def _crops(checks: list[dict], figures: list[dict], images: crops.PageImages | None) -> tuple[str, dict]:
    """The printed page around each finding's figures (final_accounts.crops), in the findings'
    order, and the anchor of each finding's crops for the findings table."""
    located: dict[tuple, list[dict]] = {}
    for figure in figures:
        located.setdefault((figure["rule_id"], figure["subject_key"]), []).append(figure)
    sections, anchors = [], {}
    for c in _sorted_findings(checks):
        key = (c["rule_id"], c["subject_key"])
        shown = crops.finding_crops(located[key], images) if key in located and images is not None else []
        if not shown:
            continue
        anchor = f"crop-{len(sections) + 1}"
        anchors[key] = anchor
        sections.append(
            f'<section class="finding-crops {c["status"]}" id="{anchor}" data-rule="{esc(c["rule_id"])}" '
            f'data-subject="{esc(c["subject_key"])}" data-crops="{len(shown)}">'
            f'<h3>{STATUS_ZH[c["status"]]} {esc(c["rule_id"])}</h3><p class="note">{esc(c["message"])}</p>'
            f'{"".join(shown)}</section>')
    unavailable = (f'<p class="note" id="crops-unavailable">原件不在所记位置或已改动，无法截取：'
                   f'{esc("、".join(sorted(images.unavailable)))}</p>') if images is not None and images.unavailable else ""
    note = ('<p class="note">从PDF读出的数字在所印页面上的位置：左侧数字红框，右侧数字蓝框。'
            '文本导出与参考转录没有页面，其发现不附图。</p>')
    return (f'{note}{unavailable}<div id="crops" data-count="{len(sections)}">{"".join(sections)}</div>', anchors)


def _not_evaluable(checks: list[dict]) -> str:
    """The checks that could not be judged (无法核对), each with its reason: never among 不符."""
    unjudged = sorted((c for c in checks if c["status"] == "not_evaluable"),
                      key=lambda c: (c["not_evaluable_reason"] or "", c["rule_id"], c["subject_key"]))
    if not unjudged:
        return '<p id="not-evaluable" data-count="0">没有无法核对的项目。</p>'
    rows = "".join(
        f'<tr class="not_evaluable"><td>{esc(c["not_evaluable_reason"])}</td><td>{esc(c["rule_id"])}</td>'
        f'<td>{esc(c["message"])}</td><td>{esc(c["printed_at"])}</td></tr>' for c in unjudged)
    return (f'<table id="not-evaluable" data-count="{len(unjudged)}"><thead><tr><th>原因</th><th>规则</th><th>说明</th>'
            f'<th>所印位置</th></tr></thead><tbody>{rows}</tbody></table>')


def _budget_chart(rows: list[dict]) -> str:
    items = [r for r in rows if r["line_level"] == "项"]
    if not items:
        return '<p class="note">无逐项年初预算与决算。</p>'
    groups = [charts.BarGroup(f"{r['function_code'] or '?'} {r['line_name']}", r["initial_budget"], r["final_amount"],
                              f"{fmt(r['computed_rate_pct'])}%" if r["computed_rate_pct"] is not None else "")
              for r in items]
    svg = charts.paired_bars(groups, "年初预算", "决算", ("initial", "final"),
                             (charts.COLOURS["initial"], charts.COLOURS["final"]),
                             "一般公共预算财政拨款支出：年初预算与决算（按项，标注完成率）")
    return f'<figure class="chart" data-chart="budget" data-bars="{2 * len(groups)}">{svg}</figure>'


def _three_public_chart(rows: list[dict]) -> str:
    by_item = {r["expense_item"]: r for r in rows}
    present = [by_item[key] for key in THREE_PUBLIC_ORDER if key in by_item]
    if not present:
        return '<p class="note">未载入“三公”经费支出决算表。</p>'
    groups = [charts.BarGroup(r["expense_item_name"], r["budget_amount"], r["final_amount"],
                              f"{fmt(r['execution_rate_pct'])}%" if r["execution_rate_pct"] is not None else "")
              for r in present]
    svg = charts.paired_bars(groups, "预算数", "决算数", ("budget", "spent"),
                             (charts.COLOURS["budget"], charts.COLOURS["spent"]), "“三公”经费：预算与决算（空白按0）")
    return f'<figure class="chart" data-chart="three-public" data-bars="{2 * len(groups)}">{svg}</figure>'


def _composition_chart(rows: list[dict]) -> str:
    sides: dict[str, list[tuple[str, float]]] = {}
    for side in ("收入", "支出"):
        components = [(r["component_name"], float(r["amount"])) for r in rows if r["side"] == side and r["amount"]]
        if components:
            sides[side] = components
    if not sides:
        return '<p class="note">未载入收入决算表与支出决算表。</p>'
    segments = sum(len(components) for components in sides.values())
    svg = charts.stacked_shares(sides, "收入与支出构成（占本侧合计%）")
    return f'<figure class="chart" data-chart="composition" data-segments="{segments}">{svg}</figure>'


def _projects(rows: list[dict]) -> str:
    if not rows:
        return ""
    body = "".join(
        f"<tr><td class='num'>{r['project_no']}</td><td>{esc(r['project_name'])}</td>"
        f"<td class='num'>{fmt(r['printed_total_score'])}</td><td class='num'>{fmt(r['recomputed_total_score'], 4)}</td>"
        f"<td class='num'>{fmt(r['stated_total_score'])}</td><td class='num'>{fmt(r['computed_execution_rate_pct'], 4)}</td>"
        f"<td class='num'>{fmt(r['stated_execution_rate_pct'])}</td><td>{esc(r['printed_total_grade'])}</td>"
        f"<td>{esc(r['recomputed_grade'])}</td><td>{esc(STATUS_ZH.get(r['check_status'], r['check_status']))}</td>"
        f"<td>{esc(r['non_pass_rules'])}</td></tr>" for r in rows)
    return (f'<h2>项目支出绩效自评</h2><table id="projects" data-count="{len(rows)}"><thead><tr><th>表序</th><th>项目</th>'
            '<th>所印总分</th><th>重算总分</th><th>情况说明所述总分</th><th>计算执行率%</th><th>所述执行率%</th>'
            f'<th>所印等级</th><th>重算等级</th><th>核对结果</th><th>非{STATUS_ZH["pass"]}的规则</th></tr></thead>'
            f'<tbody>{body}</tbody></table>')


def disclosure_page(con, disclosure: dict, generated: str, images: crops.PageImages | None = None) -> str:
    key = (disclosure["fiscal_year"], disclosure["unit_name"])
    checks = _rows(con, "select * from fct_reconciliation_checks where fiscal_year = ? and unit_name = ?", key)
    figures = _rows(con, "select * from fct_finding_figures where fiscal_year = ? and unit_name = ? "
                         "order by rule_id, subject_key, figure_side, source_page, top, x0", key)
    crop_sections, cropped = _crops(checks, figures, images)
    found = causes.read_causes(con, key, checks)
    budget = _rows(con, "select * from fct_budget_execution where fiscal_year = ? and unit_name = ? "
                        "order by line_key", key)
    three_public = _rows(con, "select * from fct_three_public_expenses where fiscal_year = ? and unit_name = ?", key)
    composition = _rows(con, "select * from fct_income_expenditure_composition where fiscal_year = ? and unit_name = ? "
                             "order by side, sort_order", key)
    projects = _rows(con, "select * from fct_project_performance where fiscal_year = ? and unit_name = ? "
                          "order by project_no", key)
    title = f"{disclosure['unit_name']} {disclosure['fiscal_year']}年度{disclosure['disclosure_kind'] or '决算'} 审核报告"
    missing = disclosure.get("narrative_kinds_missing")
    body = (
        f"<h1>{esc(title)}</h1>"
        f'<p class="meta">来源：{esc(disclosure["source_file"])}（{esc(disclosure["loaded_from"])}）；'
        f'九张表：{disclosure["tables_present"]}/9；情况说明：找到 {disclosure["narrative_kinds_found"]}/'
        f'{disclosure["narrative_kinds_expected"]} 类陈述{("，缺：" + esc(missing)) if missing else ""}；'
        f"核对 {len(checks)} 项。生成于 {esc(generated)}。</p>"
        + (f'<h2>原因（{esc(causes.PHRASES["suspect"])}与{esc(causes.PHRASES["shift"])}）</h2>'
           f"{_causes(found, checks, cropped)}" if found else "")
        + f"<h2>结论</h2>{_verdict(checks)}"
        f"<h2>结构与完整性</h2>{_structure(checks)}"
        f"<h2>{esc(causes.PHRASES['unexplained']) if found else '发现'}（不符与尾差）</h2>"
        '<p class="note">不符：超出舍入容差；尾差：差额在由参与的四舍五入数字个数推得的容差内。金额单位万元。</p>'
        f"{_findings(checks, cropped, {cause.cause_id for cause in found})}"
        f"<h2>所印位置图像</h2>{crop_sections}"
        "<h2>无法核对</h2>"
        '<p class="note">所需数字未印或未读出、比较基数为0、文本导出丢失单元格、或表未印（已由结构规则报告）：'
        '这些核对无从判断，不计为不符。</p>'
        f"{_not_evaluable(checks)}"
        f"<h2>图表</h2>{_budget_chart(budget)}{_three_public_chart(three_public)}{_composition_chart(composition)}"
        f"{_projects(projects)}"
        '<p class="note"><a href="index.html">返回全部披露</a></p>')
    return _page(title, body)


def index_page(disclosures: list[dict], generated: str, cause_counts: dict | None = None) -> str:
    """The index; ``cause_counts``: the number of causes (suspect figures, shifted rows) of each
    disclosure (fiscal year, unit), shown beside its 不符."""
    cause_counts = cause_counts or {}
    rows = []
    for d in disclosures:
        found = cause_counts.get((d["fiscal_year"], d["unit_name"]), 0)
        rows.append(
            f'<tr><td><a href="{esc(page_name(d["fiscal_year"], d["unit_name"]))}">{esc(d["unit_name"])}</a></td>'
            f'<td class="num">{d["fiscal_year"]}</td><td>{esc(d["disclosure_kind"])}</td>'
            f'<td>{esc(d["source_file"])}</td>'
            f'<td class="num" data-value="{d["checks_fail_error"] + d["checks_fail_warn"]}">'
            f'{d["checks_fail_error"] + d["checks_fail_warn"]}</td>'
            f'<td class="num">{d["checks_fail_error"]}</td>'
            f'<td class="num causes" data-value="{found}">{found}</td><td class="num">{d["checks_not_evaluable"]}</td>'
            f'<td class="num">{d["checks_rounding"]}</td>'
            f'<td class="num">{d["checks_pass"]}</td><td class="num">{d["tables_present"]}/9</td>'
            f'<td class="num">{d["narrative_kinds_found"]}/{d["narrative_kinds_expected"]}</td></tr>')
    body = ("<h1>决算公开审核报告：全部披露</h1>"
            f'<p class="meta">{len(disclosures)} 个披露；生成于 {esc(generated)}。点击表头排序。</p>'
            f'<table id="disclosures" class="sortable" data-count="{len(disclosures)}"><thead><tr><th>单位</th><th>年度</th>'
            f"<th>版式</th><th>来源文件</th><th>{STATUS_ZH['fail']}</th><th>其中错误级</th><th>原因（处）</th><th>{STATUS_ZH['not_evaluable']}</th>"
            f"<th>{STATUS_ZH['rounding']}</th><th>{STATUS_ZH['pass']}</th><th>九张表</th>"
            f'<th>情况说明陈述类</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
            '<p class="note">另见 <a href="findings.xlsx">findings.xlsx</a>（全部非完全一致的核对与各集市表，可在Excel中筛选）。</p>')
    return _page("决算公开审核报告", body, SORT_SCRIPT)


def document_files(disclosures: list[dict], documents_root: Path) -> dict[str, Path]:
    """Each loaded document's file by its content hash (a relative source file is relative to
    the project folder the ingest ran in)."""
    files = {}
    for d in disclosures:
        if d.get("document_sha256") and d.get("source_file"):
            path = Path(d["source_file"])
            files[d["document_sha256"]] = path if path.is_absolute() else documents_root / path
    return files


def write_reports(warehouse: Path, target: Path, only: set | None = None, landing: Path | None = None,
                  documents_root: Path | None = None) -> list[Path]:
    """Write index.html, one page per disclosure and findings.xlsx into target; returns the paths.

    ``only`` (after an incremental build): the disclosures (fiscal year, unit) whose pages are
    rewritten; the other pages stay as they are, and the pages of disclosures no longer in the
    warehouse go. The index and the workbook are always rewritten.

    The crops of the printed pages come from the documents' files (``documents_root``, default
    the project folder, for relative source files) through the page-image cache under
    ``landing`` (default the landing folder of the build)."""
    target.mkdir(parents=True, exist_ok=True)
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        disclosures = _rows(con, "select * from dim_disclosure order by unit_name, fiscal_year")
        written = []
        files = document_files(disclosures, documents_root or ROOT)
        for disclosure in disclosures:
            path = target / page_name(disclosure["fiscal_year"], disclosure["unit_name"])
            if only is None or (int(disclosure["fiscal_year"]), disclosure["unit_name"]) in only or not path.exists():
                images = crops.PageImages(files, landing or landing_root(ROOT))  # one disclosure's pages in memory
                path.write_text(disclosure_page(con, disclosure, generated, images), encoding="utf-8")
            written.append(path)
        index = target / "index.html"
        counts: dict[tuple, int] = {}
        for cause in causes.read_causes(con, checks=[]):
            key = (cause.fiscal_year, cause.unit_name)
            counts[key] = counts.get(key, 0) + 1
        index.write_text(index_page(disclosures, generated, counts), encoding="utf-8")
        workbook = write_workbook(con, target / "findings.xlsx")
    finally:
        con.close()
    current = set(written)
    for stale in target.glob("*.html"):
        if stale not in current and stale != index:
            stale.unlink()  # a disclosure no longer in the warehouse
    return [index, *written, workbook]


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    warehouse = Path(argv[0])
    target = Path(argv[1]) if len(argv) > 1 else warehouse.with_name("reports")
    for path in write_reports(warehouse, target):
        print(f"  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
