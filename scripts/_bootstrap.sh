# Sourced by scripts/build and scripts/test: creates or refreshes .venv from the pinned
# requirements and installs the package final_accounts in it (editable, from pyproject.toml)
# when either file changed since the last install, and sets dbt's environment.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
want="$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)"
have="$(cat .venv/.requirements.sha256 2>/dev/null || true)"
if [ ! -x .venv/bin/python ] || [ "$want" != "$have" ]; then
    echo "Setting up .venv from requirements.txt and pyproject.toml ..."
    [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv  # (.venv may be a link to a shared one)
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
    # the command final-accounts; the scripts run `python -m final_accounts.cli` from this
    # checkout, so they never depend on which checkout the editable install points at
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
    echo "$want" > .venv/.requirements.sha256
fi
export DBT_SEND_ANONYMOUS_USAGE_STATS=False
export DBT_PROFILES_DIR="$ROOT"
export PATH="$ROOT/.venv/bin:$PATH"
