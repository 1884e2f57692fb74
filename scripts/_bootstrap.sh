# Sourced by scripts/build and scripts/test: creates or refreshes .venv from the pinned
# requirements when they changed since the last install, and sets dbt's environment.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
want="$(sha256sum requirements.txt | cut -d' ' -f1)"
have="$(cat .venv/.requirements.sha256 2>/dev/null || true)"
if [ ! -x .venv/bin/python ] || [ "$want" != "$have" ]; then
    echo "Setting up .venv from requirements.txt ..."
    "$PYTHON" -m venv .venv
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
    echo "$want" > .venv/.requirements.sha256
fi
export DBT_SEND_ANONYMOUS_USAGE_STATS=False
export DBT_PROFILES_DIR="$ROOT"
export PATH="$ROOT/.venv/bin:$PATH"
