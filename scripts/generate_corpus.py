"""Write a labelled corpus of generated disclosures in the landing format.

Usage: .venv/bin/python scripts/generate_corpus.py TARGET --size N [--seed S] [--planted-share P]

TARGET becomes a landing root (``disclosures/<year>_<unit>_<hash>/*.csv``, ``documents.csv``)
that ``./scripts/build --skip-ingest`` reads with ``LANDING_PATH=TARGET``; ``TARGET/ground_truth.csv``
lists every planted error: disclosure, plant, the rule that must fire and its subject. See
``final_accounts/corpus/`` for how figures, narrative and plants are made. Deterministic for a
given seed and size.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from final_accounts.corpus import generate  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--planted-share", type=float, default=0.2)
    parser.add_argument("--batch-size", type=int, default=1,
                        help="disclosures per landing folder (1: one folder each, as ingestion writes)")
    args = parser.parse_args()
    counts = generate(args.target, args.size, seed=args.seed, planted_share=args.planted_share,
                      batch_size=args.batch_size)
    print(f"corpus: {counts['disclosures']} disclosures, {counts['planted']} planted errors -> {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
