"""The strict number parser (macros/parse_number.sql), compiled by dbt and run in
DuckDB: no input crashes it, every accepted input round-trips to the same decimal,
"not printed" stays distinct from 0, and malformed text is rejected, never guessed."""
from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


@pytest.fixture(scope="module")
def parse(tmp_path_factory):
    work = tmp_path_factory.mktemp("parser")
    inline = ("select raw, {{ number_value('raw') }} as value, {{ number_status('raw') }} as status, "
              "{{ number_parse_error('raw') }} as error from inputs")
    env = dict(os.environ, WAREHOUSE_PATH=str(work / "scratch.duckdb"), DBT_PROFILES_DIR=str(ROOT),
               DBT_SEND_ANONYMOUS_USAGE_STATS="False")
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("dbt")), "compile", "--quiet", "--inline", inline,
         "--target-path", str(work / "target"), "--log-path", str(work / "logs")],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    sql = proc.stdout.strip()
    assert sql.startswith("select raw"), proc.stdout
    con = duckdb.connect()

    def run(raw: str | None):
        con.execute("create or replace temp table inputs (raw varchar)")
        con.execute("insert into inputs values (?)", [raw])
        return con.execute(sql).fetchone()[1:]
    yield run
    con.close()


def render(value: Decimal, thousands: bool, full_width: bool, pad: str) -> str:
    text = f"{value:,.2f}" if thousands else f"{value:.2f}"
    if full_width:
        text = text.translate(FULL_WIDTH)
    return pad + text + pad


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.text(max_size=20)))
def test_no_input_crashes_and_status_is_consistent(parse, raw):
    value, status, error = parse(raw)
    assert status in ("parsed", "not_printed", "rejected")
    assert (value is not None) == (status == "parsed")
    assert (error is not None) == (status == "rejected")


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2),
       st.booleans(), st.booleans(), st.sampled_from(["", " ", "  ", "\u3000"]))
def test_accepted_amounts_round_trip(parse, amount, thousands, full_width, pad):
    value, status, error = parse(render(amount, thousands, full_width, pad))
    assert status == "parsed", error
    assert value == amount


@pytest.mark.parametrize("raw", [None, "", " ", "-", "—", "－", "–"])
def test_not_printed_is_not_zero(parse, raw):
    assert parse(raw) == (None, "not_printed", None)


@pytest.mark.parametrize("raw,reason", [
    ("1,85O.79", "not a number"),
    ("12.3.4", "not a number"),
    ("1.234", "more than 2 decimals"),
    ("12,34.00", "not a number"),
    ("abc", "not a number"),
    ("-5.00", "negative value not allowed"),
    ("1 850.79", "not a number"),
    ("5%", "not a number"),
])
def test_malformed_is_rejected(parse, raw, reason):
    value, status, error = parse(raw)
    assert status == "rejected" and value is None
    assert error.startswith(reason), error


@pytest.mark.parametrize("raw,expected", [
    ("1,850.79", Decimal("1850.79")),
    ("１，８５０．７９", Decimal("1850.79")),
    (" 0.00 ", Decimal("0.00")),
    ("48", Decimal("48")),
])
def test_printed_forms_are_normalised(parse, raw, expected):
    assert parse(raw) == (expected, "parsed", None)
