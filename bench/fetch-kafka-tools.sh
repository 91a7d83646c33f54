#!/usr/bin/env bash
# Fetch Kafka's command-line tool classes (org.apache.kafka:kafka-tools: TopicCommand, and AclCommand
# from 4.0 on) for a version whose broker jars src/local/kafka-jars.ts fetched (fetched here if not yet), into
# .cache/kafka-<version>/tools-libs: the jars kafka-topics.sh / kafka-acls.sh run that are not in libs/.
#
#   bench/fetch-kafka-tools.sh [version]   # default 3.9.1; prints the tools-libs directory on stdout
#
# Env: KAFKA_CACHE_DIR (default <repo>/.cache), MVN (default mvn). Idempotent (a `.complete` marker).
set -euo pipefail

version="${1:-3.9.1}"
if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "fetch-kafka-tools: bad version '$version'" >&2
  exit 2
fi
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${KAFKA_CACHE_DIR:-$repo_root/.cache}"
mvn_cmd="${MVN:-mvn}"
libs="$(cd "$repo_root" && node --input-type=module -e "const { ensureKafkaJars } = await import('./dist/local/kafka-jars.js'); console.log(await ensureKafkaJars(process.argv[1], process.argv[2]))" "$version" "$cache_root")"
work="$cache_root/kafka-$version"
out="$work/tools-libs"
if [[ -f "$out/.complete" ]]; then
  echo "$out"
  exit 0
fi

mkdir -p "$work/tools-pom"
cat >"$work/tools-pom/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.bench</groupId>
  <artifactId>kafka-tools-runtime</artifactId>
  <version>$version</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$version</version></dependency>
  </dependencies>
</project>
POM

tmp="$work/tools-libs.tmp.$$"
rm -rf "$tmp"
trap 'rm -rf "$tmp"' EXIT
echo "fetch-kafka-tools: resolving org.apache.kafka:kafka-tools:$version with Maven" >&2
if ! "$mvn_cmd" -B -Dstyle.color=never -f "$work/tools-pom/pom.xml" -Dmaven.repo.local="$cache_root/m2" \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" >"$work/tools-mvn.log" 2>&1; then
  tail -n 40 "$work/tools-mvn.log" >&2
  echo "fetch-kafka-tools: Maven failed (full output: $work/tools-mvn.log)" >&2
  exit 1
fi
# Keep only what libs/ lacks, so no class is on the classpath twice in two versions.
for jar in "$tmp"/*.jar; do
  name="$(basename "$jar")"
  artifact="${name%-[0-9]*}"
  if [[ -e "$libs/$name" ]] || compgen -G "$libs/$artifact-[0-9]*.jar" >/dev/null; then rm "$jar"; fi
done
rm -rf "$out"
mv "$tmp" "$out"
date -u +%FT%TZ >"$out/.complete"
echo "$out"
