#!/usr/bin/env bash
# Install moto's standalone server (PyPI `moto[server]`) into a private virtualenv, so tests can run
# `moto_server` for Secrets Manager, KMS, IAM and STS on 127.0.0.1 without touching the system Python.
#
#   scripts/install-moto.sh            # prints the venv's bin directory on stdout
#
# Env: MOTO_VERSION (default below), MOTO_VENV (default <repo>/.cache/moto-venv), PYTHON (default python3).
# Idempotent (see scripts/install-pip-venv.sh).
set -euo pipefail

version="${MOTO_VERSION:-5.2.5}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec bash "$repo_root/scripts/install-pip-venv.sh" install-moto "moto[server]==$version" "$version" "${MOTO_VENV:-$repo_root/.cache/moto-venv}" moto_server --help
