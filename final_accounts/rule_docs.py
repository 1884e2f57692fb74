"""The rule reference, ``docs/rules.md``, rendered from the rule catalog.

The catalog ``seeds/ref_reconciliation_rules.csv`` is the one place a rule is described; this
module writes it out for readers, grouped by family in the catalog's order, with the tables named
by their standard titles (``seeds/ref_table_types.csv``) and the columns explained by the seed's
own column descriptions (``seeds/_seeds.yml``). ``tests/python/test_rule_docs.py`` fails when the
file differs from what the catalog renders; to bring it up to date::

    .venv/bin/python -m final_accounts.rule_docs          # rewrite docs/rules.md
    .venv/bin/python -m final_accounts.rule_docs --check  # exit 1 if it is out of date
"""
from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from final_accounts import vocabulary

ROOT = Path(__file__).resolve().parent.parent
DOC_PATH = ROOT / "docs" / "rules.md"
CATALOG = "ref_reconciliation_rules"
COLUMNS = ("rule_id", "severity", "comparison", "description", "tolerance_basis", "tables", "needs_parts",
           "evaluated_in")


def _column_descriptions() -> dict[str, str]:
    """The catalog's column descriptions as ``seeds/_seeds.yml`` writes them."""
    seeds = yaml.safe_load((vocabulary.SEEDS / "_seeds.yml").read_text(encoding="utf-8"))["seeds"]
    (catalog,) = [seed for seed in seeds if seed["name"] == CATALOG]
    return {column["name"]: column.get("description", "") for column in catalog.get("columns", [])}


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|") or "—"


def render() -> str:
    """docs/rules.md as the rule catalog renders it today."""
    rules = vocabulary.rows(CATALOG)
    titles = {row["table_type"]: row["standard_title"] for row in vocabulary.rows("ref_table_types")}
    columns = _column_descriptions()
    families: dict[str, list[dict]] = {}
    for rule in rules:
        families.setdefault(rule["rule_family"], []).append(rule)

    def tables(rule: dict) -> str:
        names = [f"{titles.get(t, t)} (`{t}`)" for t in rule["tables"].split("|") if t]
        return "、".join(names)

    def parts(rule: dict) -> str:
        return "、".join(f"`{p}`" for p in rule["needs_parts"].split("|") if p)

    out = [
        "# 勾稽规则 · Reconciliation rules",
        "",
        "<!-- Generated from seeds/ref_reconciliation_rules.csv by `.venv/bin/python -m final_accounts.rule_docs`;"
        " do not edit by hand (tests/python/test_rule_docs.py fails when this file is out of date). -->",
        "",
        f"{len(rules)} rules in {len(families)} families, as the catalog `seeds/ref_reconciliation_rules.csv` lists "
        "them, each evaluated in the model its `evaluated_in` names. A check is one row per rule × disclosure × "
        "subject, with one of these statuses (`seeds/vocab_check_statuses.csv`):",
        "",
    ]
    out += [f"- {row['word']} (`{row['status']}`): {row['meaning']}"
            for row in sorted(vocabulary.rows("vocab_check_statuses"), key=lambda row: int(row["sort_order"]))]
    out += [
        "",
        "Columns of the catalog (descriptions from `seeds/_seeds.yml`):",
        "",
    ]
    out += [f"- `{name}`: {columns.get(name, '')}" for name in ("rule_family",) + COLUMNS]
    out += [
        "",
        "What a rule does when an input is absent follows from its `tables` and `needs_parts` columns (above); "
        "what it does with a zero or unread figure is in its description, where the catalog says it.",
        "",
    ]
    for family, members in families.items():
        models = sorted({rule["evaluated_in"] for rule in members if rule["evaluated_in"]})
        out += [
            f"## {family}",
            "",
            f"{len(members)} rules, evaluated in " + ", ".join(f"`{m}`" for m in models) + ".",
            "",
            "| rule_id | severity | comparison | what it compares | tolerance | tables (absent: STRUCT-TABLE) "
            "| needs parts (absent: not evaluated) | evaluated in |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for rule in members:
            out.append("| " + " | ".join([
                f"`{rule['rule_id']}`", rule["severity"], _cell(rule["comparison"]), _cell(rule["description"]),
                _cell(rule["tolerance_basis"]), _cell(tables(rule)), _cell(parts(rule)),
                f"`{rule['evaluated_in']}`" if rule["evaluated_in"] else "—",
            ]) + " |")
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m final_accounts.rule_docs",
                                     description="Write docs/rules.md from the rule catalog.")
    parser.add_argument("--check", action="store_true", help="only say whether docs/rules.md is up to date (exit 1 if not)")
    parser.add_argument("--output", type=Path, default=DOC_PATH, help="file to write (default: docs/rules.md)")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != text:
            print(f"{args.output} is out of date: run .venv/bin/python -m final_accounts.rule_docs")
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(vocabulary.rows(CATALOG))} rules)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
