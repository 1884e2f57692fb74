"""The scale benchmark on generated corpora: ``final-accounts benchmark --corpus SIZES``
(final_accounts/benchmark_corpus.py).

Usage: .venv/bin/python scripts/benchmark_corpus.py 1000,10000
"""
import sys

import _cli

_cli.run("benchmark", *([] if {"-h", "--help"} & set(sys.argv[1:]) else ["--corpus"]))
