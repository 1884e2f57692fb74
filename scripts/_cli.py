"""What the Python wrappers in scripts/ share: run one subcommand of ``final-accounts``
(final_accounts/cli.py) as ``python -m final_accounts.cli COMMAND ARGS`` from the repository root,
so the package of this checkout is the one that runs (whichever checkout .venv was installed
from), with this interpreter (.venv/bin/python)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(command: str, *fixed: str) -> None:
    """Replace this process by ``final-accounts COMMAND FIXED... ARGS...`` (ARGS: this script's own)."""
    os.chdir(ROOT)
    os.execv(sys.executable, [sys.executable, "-m", "final_accounts.cli", command, *fixed, *sys.argv[1:]])
