"""Vocabularies as data: the seed files (``seeds/vocab_*.csv`` and the ``ref_*`` reference
seeds) that the extractor, the corpus generator and the dbt models all read, so that a new
word, phrasing, budget basis or table title is a row in one file, not code in three
languages. The extraction fingerprint (``landing.EXTRACTOR_VERSION``) covers these files:
a changed vocabulary re-extracts the cached documents."""
from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


# reference seeds the extractor reads too (the code/name check of the tables)
REFERENCE_FILES = ("ref_functional_classification.csv", "ref_economic_classification.csv",
                   "ref_classification_name_history.csv", "ref_table_types.csv")


def vocabulary_files() -> list[Path]:
    """The seed files the package reads (their content is part of the extraction fingerprint)."""
    return sorted(SEEDS.glob("vocab_*.csv")) + [SEEDS / name for name in REFERENCE_FILES if (SEEDS / name).exists()]


@cache
def rows(name: str) -> tuple[dict, ...]:
    """The rows of ``seeds/<name>.csv`` as dicts of text (empty cells as ""), in file order."""
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(dict(row) for row in csv.DictReader(handle))
