#!/usr/bin/env bash
# Install a Python tool from PyPI into a private virtualenv, without touching the system Python:
# the shared body of scripts/install-moto.sh and scripts/install-cfn-lint.sh.
#
#   scripts/install-pip-venv.sh <label> <requirement> <version> <venv> <binary> <check-arg>
#   # e.g. install-moto 'moto[server]==5.2.5' 5.2.5 .cache/moto-venv moto_server --help
#   # prints the venv's bin directory on stdout
#
# Env: PYTHON (default python3). Idempotent: a venv whose `.complete` marker names the wanted
# version and holds <binary> is reused as is. pip's cache is kept under <repo>/.cache/pip, so
# nothing is written to ~/.cache/pip.
set -euo pipefail

label="$1" requirement="$2" version="$3" venv="$4" binary="$5" check_arg="$6"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python_cmd="${PYTHON:-python3}"
marker="$venv/.complete"

installed() { [[ -f "$marker" && "$(cat "$marker")" == "$version" && -x "$venv/bin/$binary" ]]; }

if installed; then
  echo "$venv/bin"
  exit 0
fi

command -v "$python_cmd" >/dev/null || { echo "$label: '$python_cmd' not found (install Python 3.9+; on Debian: apt-get install python3 python3-venv)" >&2; exit 1; }
if ! "$python_cmd" -c 'import venv, ensurepip' 2>/dev/null; then
  echo "$label: $python_cmd lacks venv/ensurepip (on Debian: apt-get install python3-venv)" >&2
  exit 1
fi

mkdir -p "$(dirname "$venv")"

# One install at a time (parallel test runs); the winner's venv is reused.
if command -v flock >/dev/null; then
  exec 9>"$venv.lock"
  flock 9
  if installed; then
    echo "$venv/bin"
    exit 0
  fi
fi

# A venv's scripts hold its absolute path, so it is built in place; the marker is written last,
# so an interrupted install is redone from scratch next time.
rm -rf "$venv"
echo "$label: installing $requirement into $venv" >&2
log="$(dirname "$venv")/${label#install-}-install.log"
export PIP_CACHE_DIR="$repo_root/.cache/pip"
if ! { "$python_cmd" -m venv "$venv" && \
       "$venv/bin/python" -m pip install --disable-pip-version-check --no-input -q "$requirement"; } >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  rm -rf "$venv"
  echo "$label: pip failed (full output: $log)" >&2
  exit 1
fi
"$venv/bin/$binary" "$check_arg" >/dev/null
echo "$version" >"$marker"
echo "$venv/bin"
