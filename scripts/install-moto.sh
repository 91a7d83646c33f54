#!/usr/bin/env bash
# Install moto's standalone server (PyPI `moto[server]`) into a private virtualenv, so tests can run
# `moto_server` for Secrets Manager, KMS, IAM and STS on 127.0.0.1 without touching the system Python.
#
#   scripts/install-moto.sh            # prints the venv's bin directory on stdout
#
# Env: MOTO_VERSION (default below), MOTO_VENV (default <repo>/.cache/moto-venv), PYTHON (default python3).
# Idempotent: a venv whose `.complete` marker names the wanted version is reused as is. pip's cache
# is kept under <repo>/.cache/pip, so nothing is written to ~/.cache/pip.
set -euo pipefail

version="${MOTO_VERSION:-5.2.5}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${MOTO_VENV:-$repo_root/.cache/moto-venv}"
python_cmd="${PYTHON:-python3}"
marker="$venv/.complete"

if [[ -f "$marker" && "$(cat "$marker")" == "$version" && -x "$venv/bin/moto_server" ]]; then
  echo "$venv/bin"
  exit 0
fi

command -v "$python_cmd" >/dev/null || { echo "install-moto: '$python_cmd' not found (install Python 3.9+; on Debian: apt-get install python3 python3-venv)" >&2; exit 1; }
if ! "$python_cmd" -c 'import venv, ensurepip' 2>/dev/null; then
  echo "install-moto: $python_cmd lacks venv/ensurepip (on Debian: apt-get install python3-venv)" >&2
  exit 1
fi

mkdir -p "$(dirname "$venv")"

# One install at a time (parallel test runs); the winner's venv is reused.
if command -v flock >/dev/null; then
  exec 9>"$venv.lock"
  flock 9
  if [[ -f "$marker" && "$(cat "$marker")" == "$version" && -x "$venv/bin/moto_server" ]]; then
    echo "$venv/bin"
    exit 0
  fi
fi

# A venv's scripts hold its absolute path, so it is built in place; the marker is written last,
# so an interrupted install is redone from scratch next time.
rm -rf "$venv"
echo "install-moto: installing moto[server]==$version into $venv" >&2
log="$(dirname "$venv")/moto-install.log"
export PIP_CACHE_DIR="$repo_root/.cache/pip"
if ! { "$python_cmd" -m venv "$venv" && \
       "$venv/bin/python" -m pip install --disable-pip-version-check --no-input -q "moto[server]==$version"; } >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  rm -rf "$venv"
  echo "install-moto: pip failed (full output: $log)" >&2
  exit 1
fi
"$venv/bin/moto_server" --help >/dev/null
echo "$version" >"$marker"
echo "$venv/bin"
