"""``final-accounts check-seeds`` (``scripts/check_seeds.py``): check that every seed CSV (and
the source documents) is UTF-8 without a byte-order mark and shows no sign of mojibake; with
--fix, convert GBK/GB18030 or BOM files to plain UTF-8 in place. Run by the build before dbt;
usable on its own: ``.venv/bin/python scripts/check_seeds.py [--fix] [files...]``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOM = b"\xef\xbb\xbf"
# Latin-1 letters and the replacement character never occur in these Chinese documents;
# they are what GBK text looks like after being decoded with the wrong codec.
# Latin-1 letters that GBK bytes decode to; × and ÷ are excluded because the rule
# catalog and formulas use them as the multiplication and division signs.
MOJIBAKE = [chr(c) for c in range(0xC0, 0x100) if chr(c) not in "×÷"] + ["\ufffd"]


def diagnose(path: Path) -> tuple[str | None, str | None]:
    """(problem, encoding to convert from) for one file; (None, None) when it is fine."""
    data = path.read_bytes()
    if data.startswith(BOM):
        return "is UTF-8 with a byte-order mark (BOM)", "utf-8-sig"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            return f"is not UTF-8 (undecodable byte at offset {error.start}) and not GBK either", None
        return "is not UTF-8: it looks like GBK/GB18030", "gb18030"
    for line_no, line in enumerate(text.splitlines(), 1):
        bad = [ch for ch in line if ch in MOJIBAKE]
        if bad:
            return (f"looks like mojibake on line {line_no} (characters {''.join(sorted(set(bad)))!r}): "
                    "it was probably decoded with the wrong codec before being saved as UTF-8"), None
    return None, None


def default_files() -> list[Path]:
    return sorted((ROOT / "seeds").glob("*.csv")) + sorted((ROOT / "documents").glob("*.txt"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fix", action="store_true", help="convert GBK/BOM files to UTF-8 in place")
    parser.add_argument("files", nargs="*", type=Path, help="files to check (default: seeds/*.csv, documents/*.txt)")


def main(argv: list[str]) -> int:
    """The check of ``argv`` (the build calls it with no arguments: every seed and document)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


def run(args: argparse.Namespace) -> int:
    problems = 0
    for path in args.files or default_files():
        problem, source_encoding = diagnose(path)
        if problem is None:
            continue
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        if args.fix and source_encoding:
            path.write_text(path.read_bytes().decode(source_encoding), encoding="utf-8")
            print(f"{shown}: {problem}; converted to UTF-8 without BOM.")
            continue
        problems += 1
        fix = ("run: .venv/bin/python scripts/check_seeds.py --fix " + str(shown)) if source_encoding else \
              "re-export the file as UTF-8 from its original source"
        print(f"{shown} {problem}. Fix: {fix}", file=sys.stderr)
    return 1 if problems else 0

