"""``final-accounts check-seeds`` (final_accounts/seed_check.py): the encoding check of the seeds
and documents that the build runs before dbt.

Usage: .venv/bin/python scripts/check_seeds.py [--fix] [files...]
"""
import _cli

_cli.run("check-seeds")
