#!/usr/bin/env bash
# Install cfn-lint (PyPI), AWS's CloudFormation linter, into a private virtualenv, so tests can check
# the templates `plan --iam-out <dir> --iam-format cloudformation` writes without touching the system Python.
#
#   scripts/install-cfn-lint.sh        # prints the venv's bin directory on stdout
#
# Env: CFN_LINT_VERSION (default below), CFN_LINT_VENV (default <repo>/.cache/cfn-lint-venv),
# PYTHON (default python3). Idempotent (see scripts/install-pip-venv.sh).
set -euo pipefail

version="${CFN_LINT_VERSION:-1.58.0}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec bash "$repo_root/scripts/install-pip-venv.sh" install-cfn-lint "cfn-lint==$version" "$version" "${CFN_LINT_VENV:-$repo_root/.cache/cfn-lint-venv}" cfn-lint --version
