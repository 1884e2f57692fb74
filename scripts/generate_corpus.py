"""Write a labelled corpus of generated disclosures in the landing format:
``final-accounts test-corpus TARGET --size N --generate-only`` (final_accounts/cli.py).

Usage: .venv/bin/python scripts/generate_corpus.py TARGET --size N [--seed S] [--planted-share P]

TARGET (a relative path is read from the repository root) becomes a landing root
(``disclosures/<year>_<unit>_<hash>/*.csv``, ``documents.csv``) that ``./scripts/build --skip-ingest``
reads with ``LANDING_PATH=TARGET``; ``TARGET/ground_truth.csv``
lists every planted error: disclosure, plant, the rule that must fire and its subject. See
``final_accounts/corpus/`` for how figures, narrative and plants are made. Deterministic for a
given seed and size. ``final-accounts test-corpus`` without ``--generate-only`` also builds and scores it.
"""
import _cli

_cli.run("test-corpus", "--generate-only")
