"""docs/rules.md is what the rule catalog renders: a rule added, removed or reworded in
seeds/ref_reconciliation_rules.csv without running `.venv/bin/python -m final_accounts.rule_docs`
fails here. The second and third tests show the check can fail: an edited catalog (a temporary
copy of the seeds) renders a different file, and `--check` says so with exit status 1."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from final_accounts import rule_docs, vocabulary

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "rules.md"


@pytest.fixture
def edited_seeds(tmp_path, monkeypatch):
    """A copy of seeds/ in which one catalog row (N-PARTS-SUM) states another tolerance; the package
    reads it instead of seeds/ for the duration of the test."""
    seeds = tmp_path / "seeds"
    shutil.copytree(vocabulary.SEEDS, seeds)
    catalog = seeds / "ref_reconciliation_rules.csv"
    with catalog.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    (row,) = [row for row in rows if row["rule_id"] == "N-PARTS-SUM"]
    row["tolerance_basis"] = "容差已改：0.01 × 参与的四舍五入数字个数"
    with catalog.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setattr(vocabulary, "SEEDS", seeds)
    vocabulary.rows.cache_clear()
    yield seeds
    vocabulary.rows.cache_clear()  # the next test reads seeds/ again (monkeypatch restores SEEDS)


def test_rules_doc_is_current():
    assert DOC.read_text(encoding="utf-8") == rule_docs.render(), (
        "docs/rules.md differs from the rule catalog: run .venv/bin/python -m final_accounts.rule_docs")


def test_rules_doc_names_every_rule_once():
    text = DOC.read_text(encoding="utf-8")
    with (ROOT / "seeds" / "ref_reconciliation_rules.csv").open(encoding="utf-8", newline="") as handle:
        ids = [row["rule_id"] for row in csv.DictReader(handle)]
    assert ids and all(text.count(f"| `{rule_id}` |") == 1 for rule_id in ids)


def test_edited_catalog_renders_another_doc(edited_seeds):
    rendered = rule_docs.render()
    assert rendered != DOC.read_text(encoding="utf-8")
    (line,) = [line for line in rendered.splitlines() if line.startswith("| `N-PARTS-SUM` |")]
    assert "容差已改：0.01 × 参与的四舍五入数字个数" in line


def test_check_option_fails_on_a_stale_doc(edited_seeds, tmp_path, capsys):
    stale = tmp_path / "rules.md"
    shutil.copy(DOC, stale)
    assert rule_docs.main(["--check", "--output", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().out
    assert rule_docs.main(["--output", str(stale)]) == 0
    assert rule_docs.main(["--check", "--output", str(stale)]) == 0
