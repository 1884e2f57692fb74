"""The one command line (final_accounts/cli.py): every subcommand answers --help with its own
options, the build's own options are parsed and everything else goes to dbt, and the scripts/
wrappers run the package of the checkout they are in (not the one .venv was installed from)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from final_accounts import cli

ROOT = Path(__file__).resolve().parents[2]

OPTIONS = {
    "ingest": ["--landing", "--jobs", "--prune"],
    "build": ["--fail-on-findings", "--skip-ingest", "--with-unit-tests", "--reports-dir", "--reports-only",
              "--full-refresh", "--no-reports"],
    "test-corpus": ["--size", "--seed", "--planted-share", "--batch-size", "--generate-only", "--warehouse"],
    "benchmark": ["--runs", "--ingest-only", "--corpus"],
    "benchmark-ocr": ["--engines", "--dpi", "--every", "--jobs", "--show-misread"],
    "docs": [],
    "check-seeds": ["--fix"],
}


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "final_accounts.cli", *args], cwd=cwd, capture_output=True,
                          text=True)


def test_top_level_help_lists_every_subcommand():
    result = run_cli("--help")
    assert result.returncode == 0, result.stderr
    listed = re.findall(r"^    ([a-z-]+)\s", result.stdout, flags=re.M)
    assert set(OPTIONS) <= set(listed), result.stdout


@pytest.mark.parametrize("command", sorted(OPTIONS))
def test_each_subcommand_has_help_with_its_options(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: final-accounts {command} "), result.stdout[:200]
    for option in OPTIONS[command]:
        assert option in result.stdout, (command, option)


def test_build_options_are_parsed_and_the_rest_goes_to_dbt():
    args, rest = cli.parser().parse_known_args(
        ["build", "--select", "stg_gk05_general_budget_expenditure+", "--full-refresh", "--reports-dir", "out",
         "--vars", "{a: 1}", "--skip-ingest"])
    assert (args.full_refresh, args.skip_ingest, args.no_reports, str(args.reports_dir)) == (True, True, False, "out")
    assert rest == ["--select", "stg_gk05_general_budget_expenditure+", "--vars", "{a: 1}"]
    # no abbreviations: a dbt option that starts like one of the build's stays dbt's
    args, rest = cli.parser().parse_known_args(["build", "--full"])
    assert not args.full_refresh and rest == ["--full"]


def test_commands_without_dbt_arguments_refuse_unknown_options(tmp_path):
    result = run_cli("ingest", str(tmp_path), "--no-such-option")
    assert result.returncode == 2 and "unrecognized arguments: --no-such-option" in result.stderr


def test_wrappers_run_the_package_of_their_own_checkout(tmp_path):
    """A copy of the checkout whose benchmark help says so: its wrapper, started from another
    folder, runs the copy's package, whichever checkout .venv was installed from."""
    copy = tmp_path / "checkout"
    for folder in ("scripts", "final_accounts", "seeds"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    source = copy / "final_accounts" / "benchmark.py"
    text = source.read_text(encoding="utf-8")
    assert "builds of each project (median reported)" in text
    source.write_text(text.replace("builds of each project (median reported)", "THE COPIED CHECKOUT"),
                      encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run([sys.executable, str(copy / "scripts" / "benchmark.py"), "--help"], cwd=elsewhere,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "THE COPIED CHECKOUT" in result.stdout, result.stdout[:500]
    assert "THE COPIED CHECKOUT" not in run_cli("benchmark", "--help").stdout


def test_no_sys_path_edits_in_scripts_or_tests():
    edit = re.compile(r"sys\.path\.(insert|append)|PYTHONPATH")
    offenders = [str(path.relative_to(ROOT)) for folder in ("scripts", "tests")
                 for path in sorted((ROOT / folder).rglob("*"))
                 if path.is_file() and path.suffix in (".py", ".sh", "") and path.name != Path(__file__).name
                 and edit.search(path.read_text(encoding="utf-8", errors="replace"))]
    assert offenders == []
