"""``final-accounts build`` (final_accounts/build.py), kept for existing command lines:
.venv/bin/python scripts/build_warehouse.py [--full-refresh] [--skip-ingest] ... [dbt args]"""
import _cli

_cli.run("build")
