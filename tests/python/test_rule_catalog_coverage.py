"""Every rule of the catalog (seeds/ref_reconciliation_rules.csv) that names a rule model in
`evaluated_in` is evaluated by that model, and reaches the union of checks.

A rule CTE written but left out of its model's check_output list, or a rule model left out
of int_checks_unioned, disappears without any other test noticing: here it makes the rule
missing from the model's rows (or from the union) on the shipped documents, and the test
fails naming it. The shipped documents exercise every such rule but one (below)."""
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# rules that the shipped documents cannot exercise, each with where it is exercised instead
NOT_EXERCISED_BY_SHIPPED_DOCUMENTS = {
    # needs a unit's previous-year disclosure; all shipped documents are 2024:
    # tests/python/test_narrative_rules.py builds such a pair
    "N-PREVIOUS-YEAR",
}


def findings_only_rules() -> set[str]:
    """Rules whose model lists only problems (catalog comparison `finding`: the code rules of
    int_checks_codes): clean documents give them no row, so the shipped documents need not
    exercise them; test_rules_can_fail.py breaks an input for each and sees it reported."""
    with open(ROOT / "seeds" / "ref_reconciliation_rules.csv", encoding="utf-8") as f:
        return {row["rule_id"] for row in csv.DictReader(f) if row["comparison"] == "finding"}


def catalogued_rule_models():
    with open(ROOT / "seeds" / "ref_reconciliation_rules.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(row["evaluated_in"] for row in rows), "every rule names the model that evaluates it"
    return {(row["rule_id"], row["evaluated_in"]) for row in rows if row["evaluated_in"].startswith("int_checks_")}


def test_every_rule_model_is_unioned():
    # every model a rule names is read by int_checks_unioned, and the union reads nothing else
    models = {model for _, model in catalogued_rule_models()}
    union_sql = (ROOT / "models" / "intermediate" / "int_checks_unioned.sql").read_text(encoding="utf-8")
    listed = {name.strip(" \n'\"") for name in
              union_sql.split("set rule_models = [", 1)[1].split("]", 1)[0].split(",")}
    assert models == listed


def test_every_rule_is_evaluated_by_the_model_it_names(warehouse):
    expected = {(rule, model) for rule, model in catalogued_rule_models()
                if rule not in NOT_EXERCISED_BY_SHIPPED_DOCUMENTS and rule not in findings_only_rules()}
    models = sorted({model for _, model in catalogued_rule_models()})
    evaluated = {(rule, model) for model in models
                 for (rule,) in warehouse.execute(f"select distinct rule_id from {model}").fetchall()}
    assert expected - evaluated == set(), "rules not evaluated by the model their catalog row names"
    everywhere = set(catalogued_rule_models())
    assert evaluated - everywhere == set(), "rules evaluated by a model their catalog row does not name"
    unioned = {rule for (rule,) in warehouse.execute("select distinct rule_id from int_checks_unioned").fetchall()}
    assert {rule for rule, _ in expected} - unioned == set(), "rules lost between their model and the union"
