#!/usr/bin/env bash
# Fetch the jars of an Apache Kafka broker (and its command-line tools) from Maven Central into
# .cache/kafka-<version>/libs, so tests can run `java -cp '<libs>/*' kafka.Kafka …` without a
# distribution tarball.
#
#   scripts/fetch-kafka.sh [version]      # default 3.9.1; prints the libs directory on stdout
#
# Env: KAFKA_CACHE_DIR (default <repo>/.cache), MVN (default mvn).
# Idempotent: a libs dir with a `.complete` marker is reused as is. Maven's local repository is kept
# under the cache dir too (<cache>/m2), so nothing is written to ~/.m2.
set -euo pipefail

version="${1:-3.9.1}"
if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "fetch-kafka: bad version '$version' (expected e.g. 3.9.1 or 4.1.1)" >&2
  exit 2
fi
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${KAFKA_CACHE_DIR:-$repo_root/.cache}"
mvn_cmd="${MVN:-mvn}"
work="$cache_root/kafka-$version"
libs="$work/libs"
marker="$libs/.complete"

if [[ -f "$marker" ]]; then
  echo "$libs"
  exit 0
fi

command -v "$mvn_cmd" >/dev/null || { echo "fetch-kafka: '$mvn_cmd' not found (install Maven; on Debian: apt-get install maven)" >&2; exit 1; }
command -v java >/dev/null || { echo "fetch-kafka: 'java' not found (Kafka needs a JDK 17+; on Debian: apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }

mkdir -p "$work" "$cache_root/m2"

# One fetch at a time per version (parallel test runs); the winner's result is reused.
if command -v flock >/dev/null; then
  exec 9>"$work/.lock"
  flock 9
  if [[ -f "$marker" ]]; then
    echo "$libs"
    exit 0
  fi
fi

# Kafka 3.x logs through slf4j 1.7 + reload4j (log4j 1.x API); Kafka 4.x moved to log4j2 and its
# kafka_2.13 pom names no logging backend at all, so the backend is added here either way.
major="${version%%.*}"
if (( major >= 4 )); then
  logging_deps='
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-api</artifactId><version>2.24.3</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>2.24.3</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>2.24.3</version></dependency>'
else
  logging_deps='
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
    <dependency><groupId>ch.qos.reload4j</groupId><artifactId>reload4j</artifactId><version>1.2.25</version></dependency>'
fi

cat >"$work/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.test</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>$version</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$version</version></dependency>$logging_deps
  </dependencies>
</project>
POM

tmp="$work/libs.tmp.$$"
rm -rf "$tmp"
trap 'rm -rf "$tmp"' EXIT
echo "fetch-kafka: resolving Kafka $version jars with Maven into $libs" >&2
if ! "$mvn_cmd" -B -Dstyle.color=never -f "$work/pom.xml" -Dmaven.repo.local="$cache_root/m2" \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" >"$work/mvn.log" 2>&1; then
  tail -n 40 "$work/mvn.log" >&2
  echo "fetch-kafka: Maven failed for Kafka $version (full output: $work/mvn.log)" >&2
  exit 1
fi

ls "$tmp"/kafka_2.13-"$version".jar >/dev/null
rm -rf "$libs"
mv "$tmp" "$libs"
date -u +%FT%TZ >"$marker"
echo "$libs"
