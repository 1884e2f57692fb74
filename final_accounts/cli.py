"""``final-accounts``: the project's one command line, with a subcommand per task:

    final-accounts ingest PATH...       extract documents into the landing folder (scripts/ingest)
    final-accounts build [dbt args]     ingest documents/, dbt build, reports (scripts/build)
    final-accounts test-corpus TARGET   generate a labelled corpus, build it and score the findings
                                        (--pdf: print it to PDF and read it back through ingest)
    final-accounts benchmark            ingestion and build speed (scripts/benchmark.py)
    final-accounts benchmark-ocr        OCR engines x resolutions on the shipped PDFs (ocr_benchmark.py)
    final-accounts docs [dbt args]      docs/rules.md, and dbt's documentation as one static file (scripts/docs)
    final-accounts check-seeds [FILE]   the encoding check of seeds and documents (scripts/check_seeds.py)

Run from the repository root as ``.venv/bin/python -m final_accounts.cli COMMAND`` (the package
of the checkout you are in), or as ``final-accounts COMMAND`` once the package is installed
(``pip install -e .``, which scripts/_bootstrap.sh does). Paths are read against the repository
root, as the scripts/ wrappers run there.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from . import benchmark, build, ingest, ocr_benchmark, rule_docs, seed_check

ROOT = Path(__file__).resolve().parent.parent


def _test_corpus_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", type=Path,
                        help="the landing root to write (disclosures/, documents.csv, ground_truth.csv)")
    parser.add_argument("--size", type=int, required=True, help="number of generated disclosures")
    parser.add_argument("--seed", type=int, default=1, help="random seed (the corpus is deterministic for a seed "
                                                            "and size)")
    parser.add_argument("--planted-share", type=float, default=0.2, help="share of disclosures with a planted error")
    parser.add_argument("--plant-kind", choices=("rules", "typing"), default="rules",
                        help="rules: the rule plants (ground_truth.csv, scored by recall and precision); typing: "
                             "typing errors in otherwise clean disclosures (typing_truth.csv: a dropped digit, two "
                             "swapped digits, a sign, the next row's figure, rows shifted by one), scored against "
                             "the localization mart fct_suspect_figures")
    parser.add_argument("--batch-size", type=int, default=1,
                        help="disclosures per landing folder (1: one folder each, as ingestion writes)")
    parser.add_argument("--generate-only", action="store_true",
                        help="write the corpus only (scripts/generate_corpus.py); build it with "
                             "LANDING_PATH=TARGET ./scripts/build --skip-ingest")
    parser.add_argument("--warehouse", type=Path, default=None,
                        help="the warehouse to build (default: TARGET.duckdb beside the landing root)")
    parser.add_argument("--pdf", action="store_true",
                        help="print the disclosures as PDFs in layout families (TARGET/documents, each with its "
                             "layout manifest), read them back through scripts/ingest (TARGET/landing), compare "
                             "every printed table figure, then build and score (TARGET/warehouse.duckdb; with "
                             "--generate-only: print, ingest and compare, no build)")
    parser.add_argument("--layout", metavar="FAMILY=OPTION", action="append", default=[],
                        help="with --pdf: fix a layout option for every disclosure (seeds/ref_layout_families.csv), "
                             "e.g. rules=ruled; repeatable")


def _test_corpus(args: argparse.Namespace) -> int:
    """Generate the corpus; unless --generate-only, build it in full and score the failed checks
    against the ground truth (recall and precision, the planted errors missed, the false alarms)."""
    from .corpus import generate, score

    if args.pdf:
        return _test_corpus_pdf(args)
    counts = generate(args.target, args.size, seed=args.seed, planted_share=args.planted_share,
                      batch_size=args.batch_size, plant_kind=args.plant_kind)
    print(f"corpus: {counts['disclosures']} disclosures, {counts['planted']} planted errors -> {args.target}")
    if args.generate_only:
        return 0
    landing = args.target.resolve()
    warehouse = (args.warehouse or landing.with_name(landing.name + ".duckdb")).resolve()
    env = dict(os.environ, LANDING_PATH=str(landing), WAREHOUSE_PATH=str(warehouse))
    built = subprocess.run([sys.executable, "-m", "final_accounts.cli", "build", "--skip-ingest", "--full-refresh",
                            "--no-reports"], cwd=ROOT, env=env)
    if built.returncode != 0:
        print(f"test-corpus: the build of {landing} failed (its messages are above); nothing was scored.",
              file=sys.stderr)
        return built.returncode
    if args.plant_kind == "typing":
        return _score_typing(warehouse, landing)
    result = score(warehouse, landing)
    print(f"test-corpus: {result['found']} of {result['planted']} planted errors found "
          f"(recall {result['recall']:.1f}%); {len(result['false_alarms'])} of {result['fails']} failed checks "
          f"unplanted (precision {result['precision']:.1f}%); warehouse: {warehouse}")
    for row in result["missed"]:
        print(f"  missed: {' '.join(map(str, row))}")
    for row in result["false_alarms"]:
        print(f"  false alarm: {' '.join(map(str, row))}")
    return 0 if not result["missed"] and not result["false_alarms"] else 1


def _score_typing(warehouse: Path, landing: Path) -> int:
    """A typing corpus: the failed checks it causes (for information: no rule plant explains them)
    and the localization score (issue 19: at least 95 % localized with the right correction, no
    suspect on a clean disclosure). A warehouse without the localization mart is not scored."""
    from .corpus import score, score_localization

    checks = score(warehouse, landing)
    print(f"test-corpus: {checks['fails']} failed checks on {checks['disclosures']} disclosures "
          f"(caused by the typing errors; warehouse: {warehouse})")
    result = score_localization(warehouse, landing)
    if not result["built"]:
        return 0
    for plant in result["missed"][:20]:
        print(f"  not localized: {plant['unit_name']} {plant['table_code']} {plant['row_key']} "
              f"{plant['measure']} {plant['kind']} printed {plant['printed_value']} true {plant['true_value']}")
    for unit in result["clean_with_suspects"][:20]:
        print(f"  suspect on a clean disclosure: {' '.join(unit)}")
    return 0 if result["share"] >= 95.0 and not result["clean_with_suspects"] else 1


def _test_corpus_pdf(args: argparse.Namespace) -> int:
    """The corpus printed to PDF and read back (final_accounts/corpus/round_trip.py)."""
    from .corpus.round_trip import run

    result = run(args.target, args.size, seed=args.seed, planted_share=args.planted_share,
                 build=not args.generate_only, layout=dict(pair.split("=", 1) for pair in args.layout))
    for line in result["problems"][:20]:
        print(f"  {line}")
    for line in result["refused"]:
        print(f"  {line}")
    if "scored" in result:
        for row in result["scored"]["missed"]:
            print(f"  missed: {' '.join(map(str, row))}")
        surfaced = set(map(tuple, result.get("surfaced_misreads", [])))
        for row in result["scored"]["false_alarms"]:
            kind = "surfaced OCR misread" if tuple(row) in surfaced else "false alarm"
            print(f"  {kind}: {' '.join(map(str, row))}")
    print(result["line"])
    clean = not result["problems"] and "build_error" not in result and ("scored" not in result or not (
        result["scored"]["missed"] or result["scored"]["false_alarms"]))
    return 0 if clean else 1


def _docs(args: argparse.Namespace, dbt_args: list[str]) -> int:
    """docs/rules.md from the rule catalog, then dbt docs generate --static against the built warehouse."""
    rule_docs.DOC_PATH.write_text(rule_docs.render(), encoding="utf-8")
    print(f"Rules: {rule_docs.DOC_PATH} (from seeds/ref_reconciliation_rules.csv)")
    env = dict(os.environ)
    env.setdefault("WAREHOUSE_PATH", str(ROOT / "warehouse.duckdb"))
    env.setdefault("LANDING_PATH", str(ROOT / "landing"))
    env.setdefault("DBT_PROFILES_DIR", str(ROOT))
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
    dbt = Path(sys.executable).with_name("dbt")
    result = subprocess.run([str(dbt), "docs", "generate", "--static", *dbt_args], cwd=ROOT, env=env)
    if result.returncode != 0:
        return result.returncode
    print(f"Docs: {ROOT / 'target' / 'static_index.html'} (open it in a browser; it needs no network)")
    return 0


def _about(doc: str | None) -> str:
    """A module's docstring as a command's description: without the leading name of the command
    (``final-accounts x`` (``scripts/x``):) and without its own usage line."""
    text = (doc or "").strip()
    if text.startswith("``final-accounts"):
        text = text.split(":", 1)[1].strip()
        text = text[0].upper() + text[1:]
    return text.split("\nUsage:")[0].strip()


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="final-accounts", description=_about(__doc__),
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_: str, description: str, add_arguments, run, passes_dbt_args: bool = False):
        sub = commands.add_parser(name, help=help_, description=_about(description), allow_abbrev=False,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        add_arguments(sub)
        sub.set_defaults(run=run, passes_dbt_args=passes_dbt_args)

    command("ingest", "extract documents into the landing folder and report each one",
            ingest.__doc__, ingest.add_arguments, lambda args, _: ingest.run(args))
    command("build", "ingest documents/, dbt build into a scratch copy, publish, report",
            build.__doc__, build.add_arguments, build.run, passes_dbt_args=True)
    command("test-corpus", "generate a labelled corpus of disclosures, build it and score the findings",
            _test_corpus.__doc__, _test_corpus_arguments, lambda args, _: _test_corpus(args))
    command("benchmark", "ingestion speed, build time against a one-model floor, --corpus scale figures",
            benchmark.__doc__, benchmark.add_arguments, lambda args, _: benchmark.run(args))
    command("benchmark-ocr", "OCR engines at 150/200/300 dpi scored against the shipped PDFs' text layer",
            ocr_benchmark.__doc__, ocr_benchmark.add_arguments, lambda args, _: ocr_benchmark.run(args))
    command("docs", "docs/rules.md from the rule catalog; dbt's documentation site as one static file",
            "Write docs/rules.md from the rule catalog, and generate dbt's documentation site as one\n"
            "self-contained file (target/static_index.html; no server and no network needed to browse it)\n"
            "from the built warehouse. Other arguments go to dbt.",
            lambda _: None, _docs, passes_dbt_args=True)
    command("check-seeds", "check (or --fix) that seeds and documents are UTF-8 without BOM or mojibake",
            seed_check.__doc__, seed_check.add_arguments, lambda args, _: seed_check.run(args))
    return top


def main(argv: list[str] | None = None) -> int:
    top = parser()
    args, rest = top.parse_known_args(sys.argv[1:] if argv is None else argv)
    if rest and not args.passes_dbt_args:
        top.error(f"unrecognized arguments: {' '.join(rest)}")
    return args.run(args, rest)


if __name__ == "__main__":
    sys.exit(main())
