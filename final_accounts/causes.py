"""The causes of a disclosure's failing checks (issue 19, point 3: lead with causes), read from
the marts for the build summary, the report page and the workbook: each suspect figure
(fct_suspect_figures) and each run of shifted rows (fct_row_shifts), with the checks it explains
(fct_reconciliation_checks.cause_id). The Chinese phrases are seeds/vocab_cause_phrases.csv, so
the three places say the same thing in the same words."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import vocabulary

PHRASES = {row["phrase_key"]: row["phrase"] for row in vocabulary.rows("vocab_cause_phrases")}


def phrase(key: str, **values) -> str:
    return PHRASES[key].format(**values)


def amount(value) -> str:
    return "" if value is None else f"{Decimal(value):.2f}"


def printed_figure(value) -> str:
    """The printed figure of a suspect; a blank cell of a printed row (no printed value) is 空白."""
    return PHRASES["printed_blank"] if value is None else amount(value)


@dataclass
class Cause:
    """One cause of one disclosure: a suspect figure (kind "figure") or shifted rows ("shift")."""
    cause_id: str
    kind: str
    fiscal_year: int
    unit_name: str
    line: str  # the one-line description (vocab_cause_phrases: suspect_line / shift_line)
    message: str  # the mart's full sentence
    row: dict  # the mart's row as it is
    checks: list[dict] = field(default_factory=list)  # the checks it explains (fct_reconciliation_checks rows)

    @property
    def kind_word(self) -> str:
        return PHRASES["suspect" if self.kind == "figure" else "shift"]


def suspect_line(row: dict) -> str:
    if not row["measure"]:  # a figure the narrative states (or an appendix figure): named by where it is printed
        return phrase("suspect_line_stated", table=row["table_title"] or row["table_code"],
                      where=row["printed_at"] or "", printed=printed_figure(row["printed_value"]),
                      suggested=amount(row["suggested_value"]), kind=row["misprint_kind_word"] or row["misprint_kind"])
    row_name = row["row_name"] or row["row_key"] or ""
    row_text = f" {row_name}" + (f"（第{row['printed_row_no']}行）" if row["printed_row_no"] is not None else "")
    return phrase("suspect_line", table=row["table_title"] or row["table_code"], row=row_text,
                  column=row["measure_label"] or row["measure"], page=phrase("page", page=row["source_page"])
                  if row["source_page"] is not None else "", printed=printed_figure(row["printed_value"]),
                  suggested=amount(row["suggested_value"]), kind=row["misprint_kind_word"] or row["misprint_kind"])


def shift_line(row: dict) -> str:
    column = f"“{row['measure_label'] or row['measure']}”栏" if row["measure"] else PHRASES["all_columns"]
    return phrase("shift_line", table=row["table_title"] or row["table_code"], column=column,
                  from_row=row["from_row_no"], to_row=row["to_row_no"],
                  direction=PHRASES["shift_down" if row["shift_rows"] > 0 else "shift_up"], k=abs(row["shift_rows"]))


def _rows(con, sql: str, params=()) -> list[dict]:
    cursor = con.execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values)) for values in cursor.fetchall()]


def read_causes(con, disclosure: tuple | None = None, checks: list[dict] | None = None) -> list[Cause]:
    """The causes of one disclosure (fiscal year, unit), or of all when None, shifts first (one
    shift explains many checks), then suspect figures by the number of checks they explain; each
    with its checks in rule order. ``checks``: the disclosure's fct_reconciliation_checks rows,
    when the caller has read them already."""
    where, params = ("where fiscal_year = ? and unit_name = ?", disclosure) if disclosure else ("", ())
    causes = [Cause(r["shift_id"], "shift", r["fiscal_year"], r["unit_name"], shift_line(r), r["message"], r)
              for r in _rows(con, f"select * from fct_row_shifts {where} "
                                  "order by fiscal_year, unit_name, explained_check_count desc, shift_id", params)]
    causes += [Cause(r["suspect_id"], "figure", r["fiscal_year"], r["unit_name"], suspect_line(r), r["message"], r)
               for r in _rows(con, f"select * from fct_suspect_figures {where} order by fiscal_year, unit_name, "
                                   "explained_check_count desc, table_code, printed_row_no, measure, suspect_id", params)]
    causes.sort(key=lambda c: (c.fiscal_year, c.unit_name))  # stable: shifts before suspects per disclosure
    if checks is None:
        checks = _rows(con, f"select * from fct_reconciliation_checks {where} and cause_id is not null" if where else
                       "select * from fct_reconciliation_checks where cause_id is not null", params)
    by_id = {cause.cause_id: cause for cause in causes}
    for check in sorted(checks, key=lambda c: (c["rule_id"], c["subject_key"])):
        if check.get("cause_id") in by_id:
            by_id[check["cause_id"]].checks.append(check)
    return causes


def count_line(fail: int, causes: list[Cause], unexplained_fail: int) -> str:
    """“12项不符，来自2处原因；另有3项未能归因” (or “…均来自…” when every 不符 has a cause)."""
    if unexplained_fail:
        return phrase("cause_count", fail=fail, causes=len(causes), unexplained=unexplained_fail)
    return phrase("cause_count_all", fail=fail, causes=len(causes))
