"""Writing a corpus: each disclosure assembled (identity, figures, tables, narrative), a share
of them planted, and their files written into a landing root as ``scripts/ingest`` publishes
documents, with the manifest (``documents.csv``) and the ground truth (``ground_truth.csv``)."""
from __future__ import annotations

import csv
import hashlib
import random
from pathlib import Path

from ..landing import MANIFEST_COLUMNS, SCHEMAS, write_csv, write_schemas
from . import figures
from .disclosure import TRUTH_COLUMNS, Disclosure
from .narrative import land_narrative
from .plants import PLANTS, PLANTS_NEEDING_FUND
from .reference import CITIES, DEPARTMENTS, DISTRICTS, Reference
from .tables import land_tables
from .typing_errors import TYPING_COLUMNS, TYPING_KINDS, TYPING_TRUTH_FILE, plant_typing
from .words import chinese_number


class Generator:
    """Generates one disclosure at a time from a seeded random source."""

    def __init__(self, seed: int, reference: Reference | None = None):
        self.seed = seed
        self.reference = reference or Reference.load()

    def disclosure(self, index: int, fiscal_year: int = 2024, with_fund: bool = False) -> Disclosure:
        rng = random.Random(f"{self.seed}:{index}")
        # the ordinal in Chinese numerals, as unit names print it (a name never carries Arabic digits)
        unit = f"{rng.choice(CITIES)}{rng.choice(DISTRICTS)}{rng.choice(DEPARTMENTS)}第{chinese_number(index + 1)}所"
        sha = hashlib.sha256(f"corpus:{self.seed}:{index}:{fiscal_year}".encode()).hexdigest()
        layout = rng.choice(["单位决算", "部门决算"])
        d = Disclosure(fiscal_year, unit, layout, sha, figures.draw(rng, self.reference, with_fund), self.reference.class_lines)
        land_tables(rng, d, self.reference)
        land_narrative(rng, d, self.reference)
        d.files["document"] = [{**d.key, "source_file": f"corpus/{index:06d}.txt", "file_format": "text",
                                "page_count": "", "line_count": "", "status": "loaded", "reason": "",
                                "disclosure_kind": d.layout, "document_title": f"{fiscal_year}年度{unit}{d.layout}",
                                "identity_evidence": "generated", "tables_recognised": "9",
                                "figures_extracted": "", "extractor_version": "corpus"}]
        return d


def generate(target: Path, size: int, seed: int = 1, planted_share: float = 0.2,
             start: int = 0, batch_size: int = 1, plant_kind: str = "rules") -> dict:
    """Write ``size`` disclosures under ``target`` (a landing root) and the ground truth.

    Disclosures are numbered ``start`` .. ``start + size - 1``; a planted share of them (chosen
    by the seed) gets one plant each, the plants taken in turn so every family is represented.
    ``batch_size`` 1 writes one folder per disclosure, as ``scripts/ingest`` publishes documents;
    a larger batch writes that many disclosures into each folder's files (rows keyed by
    disclosure), as a bulk load would. ``plant_kind`` "typing": the planted share gets one
    typing error each instead (``typing_errors``; the kinds taken in turn), their ground truth in
    ``typing_truth.csv``; the other disclosures are clean. Returns counts."""
    if plant_kind not in ("rules", "typing"):
        raise ValueError(f"plant_kind must be 'rules' or 'typing', not {plant_kind!r}")
    generator = Generator(seed)
    target = Path(target)
    folder = target / "disclosures"
    folder.mkdir(parents=True, exist_ok=True)
    write_schemas(target)
    plant_names = sorted(PLANTS)
    manifest, truth, typing_truth = [], [], []
    # the plants are taken in turn over the planted disclosures (numbered from 0, whatever ``start``),
    # so every family is represented once as many disclosures are planted as there are families
    planted_before = sum(random.Random(f"plant:{seed}:{index}").random() < planted_share for index in range(start))
    batch: dict[str, list[dict]] = {}
    for index in range(start, start + size):
        chooser = random.Random(f"plant:{seed}:{index}")
        planted = chooser.random() < planted_share
        turn = planted_before
        planted_before += planted
        if plant_kind == "typing":
            d = generator.disclosure(index)
            if planted:
                plant_typing(d, chooser, TYPING_KINDS[turn % len(TYPING_KINDS)])
        else:
            plant = plant_names[turn % len(plant_names)] if planted else None
            d = generator.disclosure(index, with_fund=plant in PLANTS_NEEDING_FUND)
            if plant:
                PLANTS[plant](d, chooser)
        for name, rows in d.files.items():
            batch.setdefault(name, []).extend(rows)
        manifest.append({**d.files["document"][0], "run_status": "loaded", "run_reason": ""})
        truth.extend(d.truth)
        typing_truth.extend(d.typing_truth)
        first = index - (index - start) % batch_size
        if (index - start + 1) % batch_size == 0 or index == start + size - 1:
            place = folder / (f"{d.fiscal_year}_{d.unit_name}_{d.sha256[:16]}" if batch_size == 1
                              else f"batch_{seed}_{first:07d}")
            place.mkdir(exist_ok=True)
            for name, columns in SCHEMAS.items():
                write_csv(place / f"{name}.csv", columns, batch.get(name, []))
            batch = {}
    documents = target / "documents.csv"
    truth_path = target / "ground_truth.csv"
    appending = start > 0 and documents.exists()
    _write_rows(documents, MANIFEST_COLUMNS, manifest, appending)
    _write_rows(truth_path, TRUTH_COLUMNS, truth, appending and truth_path.exists())
    counts = {"disclosures": size, "planted": sum(1 for row in truth if row["role"] == "planted")}
    if plant_kind == "typing":
        typing_path = target / TYPING_TRUTH_FILE
        _write_rows(typing_path, TYPING_COLUMNS, typing_truth, appending and typing_path.exists())
        counts["planted"] = len(typing_truth)
    return counts


def _write_rows(path: Path, columns: list[str], rows: list[dict], append: bool) -> None:
    with path.open("a" if append else "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        if not append:
            writer.writeheader()
        writer.writerows(rows)
