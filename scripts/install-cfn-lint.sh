#!/usr/bin/env bash
# Install cfn-lint (PyPI), AWS's CloudFormation linter, into a private virtualenv, so tests can check
# the templates `plan --out --iam-format cloudformation` writes without touching the system Python.
#
#   scripts/install-cfn-lint.sh        # prints the venv's bin directory on stdout
#
# Env: CFN_LINT_VERSION (default below), CFN_LINT_VENV (default <repo>/.cache/cfn-lint-venv),
# PYTHON (default python3). Idempotent, like scripts/install-moto.sh: a venv whose `.complete` marker
# names the wanted version is reused; pip's cache is kept under <repo>/.cache/pip.
set -euo pipefail

version="${CFN_LINT_VERSION:-1.58.0}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${CFN_LINT_VENV:-$repo_root/.cache/cfn-lint-venv}"
python_cmd="${PYTHON:-python3}"
marker="$venv/.complete"

if [[ -f "$marker" && "$(cat "$marker")" == "$version" && -x "$venv/bin/cfn-lint" ]]; then
  echo "$venv/bin"
  exit 0
fi

command -v "$python_cmd" >/dev/null || { echo "install-cfn-lint: '$python_cmd' not found (install Python 3.9+; on Debian: apt-get install python3 python3-venv)" >&2; exit 1; }
if ! "$python_cmd" -c 'import venv, ensurepip' 2>/dev/null; then
  echo "install-cfn-lint: $python_cmd lacks venv/ensurepip (on Debian: apt-get install python3-venv)" >&2
  exit 1
fi

mkdir -p "$(dirname "$venv")"

# One install at a time (parallel test runs); the winner's venv is reused.
if command -v flock >/dev/null; then
  exec 9>"$venv.lock"
  flock 9
  if [[ -f "$marker" && "$(cat "$marker")" == "$version" && -x "$venv/bin/cfn-lint" ]]; then
    echo "$venv/bin"
    exit 0
  fi
fi

rm -rf "$venv"
echo "install-cfn-lint: installing cfn-lint==$version into $venv" >&2
log="$(dirname "$venv")/cfn-lint-install.log"
export PIP_CACHE_DIR="$repo_root/.cache/pip"
if ! { "$python_cmd" -m venv "$venv" && \
       "$venv/bin/python" -m pip install --disable-pip-version-check --no-input -q "cfn-lint==$version"; } >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  rm -rf "$venv"
  echo "install-cfn-lint: pip failed (full output: $log)" >&2
  exit 1
fi
"$venv/bin/cfn-lint" --version >/dev/null
echo "$version" >"$marker"
echo "$venv/bin"
