#!/usr/bin/env bash
# Fetch Apicurio Registry (a real schema registry with a Confluent-compatible API under
# /apis/ccompat/v7) from Maven Central into .cache/apicurio-<version>/, for tests.
#
#   scripts/fetch-schema-registry.sh [version]   # default 3.0.9; prints the runnable jar's path
#
# Env: SCHEMA_REGISTRY_CACHE_DIR (default <repo>/.cache), MVN (default mvn).
# Idempotent: a directory with a `.complete` marker is reused as is.
#
# Why this artifact: Maven Central carries the registry's full server distribution as
# io.apicurio:apicurio-registry-app:<version>:tar.gz:all (Quarkus runner jar + lib/). 3.0.x runs on
# Java 17; 3.1 and later need Java 21.
set -euo pipefail

version="${1:-3.0.9}"
if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(\.Final)?$ ]]; then
  echo "fetch-schema-registry: bad version '$version' (expected e.g. 3.0.9)" >&2
  exit 2
fi
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${SCHEMA_REGISTRY_CACHE_DIR:-$repo_root/.cache}"
mvn_cmd="${MVN:-mvn}"
work="$cache_root/apicurio-$version"
dist="$work/dist"
marker="$dist/.complete"

print_jar() {
  # 3.0.x ships a legacy runner jar; later versions the fast-jar layout (quarkus-run.jar).
  local jar
  jar="$(ls "$dist"/*-runner.jar "$dist"/quarkus-run.jar 2>/dev/null | head -n 1 || true)"
  [[ -n "$jar" ]] || { echo "fetch-schema-registry: no runnable jar in $dist" >&2; exit 1; }
  echo "$jar"
}

if [[ -f "$marker" ]]; then
  print_jar
  exit 0
fi

command -v "$mvn_cmd" >/dev/null || { echo "fetch-schema-registry: '$mvn_cmd' not found (install Maven; on Debian: apt-get install maven)" >&2; exit 1; }
command -v java >/dev/null || { echo "fetch-schema-registry: 'java' not found (Apicurio $version needs a JDK 17+; on Debian: apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }

mkdir -p "$work"

# One fetch at a time per version (parallel test runs); the winner's result is reused.
if command -v flock >/dev/null; then
  exec 9>"$work/.lock"
  flock 9
  if [[ -f "$marker" ]]; then
    print_jar
    exit 0
  fi
fi

# A private local repository: the 100+ MB tarball is unpacked and this folder removed afterwards.
m2="$work/m2"
tmp="$work/download.tmp.$$"
rm -rf "$tmp"
trap 'rm -rf "$tmp" "$m2"' EXIT
mkdir -p "$tmp"

copy_dist() {
  "$mvn_cmd" -B -C -Dstyle.color=never -Dmaven.repo.local="$m2" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="io.apicurio:apicurio-registry-app:$version:tar.gz:all" -DoutputDirectory="$tmp" >>"$work/mvn.log" 2>&1
}

echo "fetch-schema-registry: downloading Apicurio Registry $version with Maven into $dist" >&2
: >"$work/mvn.log"
if ! copy_dist; then
  # Maven reads the artifact's pom before copying, and that pom names a parent pom. Some mirrors
  # of Maven Central lack that parent; the tarball needs no dependencies, so a stub parent in the
  # private repository is enough to let Maven read the descriptor.
  if grep -q "io.apicurio:apicurio-registry:pom:$version" "$work/mvn.log"; then
    cat >"$tmp/parent.pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.apicurio</groupId>
  <artifactId>apicurio-registry</artifactId>
  <version>$version</version>
  <packaging>pom</packaging>
</project>
POM
    "$mvn_cmd" -B -Dstyle.color=never -Dmaven.repo.local="$m2" \
      org.apache.maven.plugins:maven-install-plugin:3.1.2:install-file -Dfile="$tmp/parent.pom" -DpomFile="$tmp/parent.pom" >>"$work/mvn.log" 2>&1
    rm -f "$tmp/parent.pom"
    copy_dist || { tail -n 40 "$work/mvn.log" >&2; echo "fetch-schema-registry: Maven failed (full output: $work/mvn.log)" >&2; exit 1; }
  else
    tail -n 40 "$work/mvn.log" >&2
    echo "fetch-schema-registry: Maven failed for Apicurio $version (full output: $work/mvn.log)" >&2
    exit 1
  fi
fi

tarball="$tmp/apicurio-registry-app-$version-all.tar.gz"
[[ -f "$tarball" ]] || { echo "fetch-schema-registry: $tarball missing after download" >&2; exit 1; }
mkdir -p "$tmp/dist"
tar -xzf "$tarball" -C "$tmp/dist"
rm -f "$tarball"
rm -rf "$dist"
mv "$tmp/dist" "$dist"
date -u +%FT%TZ >"$marker"
print_jar
