"""Error localization on the generated corpus (issue 19): disclosures otherwise clean get one
typing error each (a dropped digit, two digits swapped, a sign, the next row's figure, a table's
rows shifted by one: final_accounts/corpus/typing_errors.py), the others none; the build's
causes (fct_suspect_figures, fct_row_shifts) are scored against the plants' ground truth
(final_accounts/corpus/scoring.score_localization). Measured at a larger size by
`final-accounts test-corpus DIR --size N --plant-kind typing` (docs/measurements.md)."""
from __future__ import annotations

import pytest
from conftest import ROOT, open_warehouse, run_dbt_build

from final_accounts.corpus import generate
from final_accounts.corpus.scoring import score_localization
from final_accounts.reports import page_name, write_reports

SIZE = 20


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    landing = tmp_path_factory.mktemp("typing-corpus")
    generate(landing, SIZE, seed=3, planted_share=0.5, plant_kind="typing")
    build = run_dbt_build(ROOT, tmp_path_factory.mktemp("typing-build"), landing=landing,
                          extra_args=["--exclude-resource-type", "unit_test"])
    assert build.returncode == 0, build.output[-3000:]
    said: list[str] = []
    result = score_localization(build.warehouse, landing, said.append)
    print("\n" + "\n".join(said))
    reports = tmp_path_factory.mktemp("typing-reports")
    write_reports(build.warehouse, reports, landing=landing)
    con = open_warehouse(build.warehouse)
    try:
        with_causes = {unit for (unit,) in con.execute(
            "select unit_name from fct_suspect_figures union select unit_name from fct_row_shifts").fetchall()}
        units = {unit for (unit,) in con.execute("select unit_name from dim_disclosure").fetchall()}
    finally:
        con.close()
    return {**result, "reports": reports, "with_causes": with_causes, "units": units}


def test_clean_disclosures_get_no_cause(scored):
    assert scored["built"] and scored["clean_disclosures"] >= SIZE // 3
    assert scored["clean_with_suspects"] == []


def test_every_figure_typing_error_is_localized_with_its_correction(scored):
    # the typing errors Scholtus' method recognises from the imbalance (a dropped digit, two digits
    # swapped, a sign) and a figure copied from the next row: named with the true value
    for kind in ("dropped_digit", "swapped_digits", "sign", "next_row"):
        planted, localized = scored["by_kind"][kind]
        assert planted >= 1 and localized == planted, (kind, scored["missed"])


def test_at_least_95_percent_of_plants_are_localized(scored):
    # the goal (issue 19): 95 % of plants localized to the exact figure or shift with the right
    # correction. A shift within the last rows of a 款 can be beyond recall (the lost last row and
    # the blank first row explain the failures as well as the shift does): measured at 1,000 by
    # `final-accounts benchmark --localization 1000` (docs/measurements.md)
    assert scored["share"] >= 95.0, (scored["by_kind"], scored["missed"])
    planted, localized = scored["by_kind"]["shift"]
    assert planted >= 1 and localized >= 1, scored["missed"]


def test_a_page_leads_with_its_causes_and_a_page_without_one_reads_as_before(scored):
    # a disclosure with no cause reads as before (its first section the verdict, 结论); one with a
    # cause opens on the causes section
    def first_heading(unit: str) -> str:
        html = (scored["reports"] / page_name(2024, unit)).read_text(encoding="utf-8")
        return html[html.index("<h2") + 4:html.index("</h2>")]

    without = scored["units"] - scored["with_causes"]
    assert without and scored["with_causes"]
    assert {first_heading(unit) for unit in without} == {"结论"}
    assert all(first_heading(unit).startswith("原因") for unit in scored["with_causes"])
