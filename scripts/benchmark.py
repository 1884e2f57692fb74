"""``final-accounts benchmark`` (final_accounts/benchmark.py; --corpus: final_accounts/benchmark_corpus.py).

Usage: .venv/bin/python scripts/benchmark.py [--runs N] [--ingest-only] [--corpus N,N,...]
"""
import _cli

_cli.run("benchmark")
