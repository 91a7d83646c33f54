#!/usr/bin/env bash
# Check, before any test server starts, that the machine has the programs the integration tests
# run, and name the Debian/Ubuntu package for each one missing (all of them at once).
#
#   scripts/check-test-tools.sh      # prints "ok" on stdout, or the missing tools on stderr (exit 1)
#
# Env: SPECMESH_JAVA, SPECMESH_TEST_JAVAC (default java, javac), MVN (default mvn), PYTHON
# (default python3), KAFKA_CACHE_DIR, SCHEMA_REGISTRY_CACHE_DIR, MOTO_VENV: the same variables the
# test servers and fetch scripts use.
#
# - java 17+: the Kafka broker, Apicurio Registry and the admin tools run on it.
# - javac: the SCRAM user tool (test/servers/java/ScramUsersTool.java) is compiled against Kafka's jars.
# - mvn: fetches Kafka's jars and Apicurio from Maven Central (only until .cache/ holds them).
# - python3 with venv: moto (Secrets Manager, KMS, IAM, STS) is installed into .cache/moto-venv.
# - openssl: makes the private CA of the HTTPS gateway in front of the registry.
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java_cmd="${SPECMESH_JAVA:-java}"
javac_cmd="${SPECMESH_TEST_JAVAC:-javac}"
mvn_cmd="${MVN:-mvn}"
python_cmd="${PYTHON:-python3}"
missing=()

have() { compgen -G "$1" >/dev/null; }

if ! command -v "$java_cmd" >/dev/null; then
  missing+=("$java_cmd (a Java 17+ runtime; Debian: apt-get install openjdk-17-jre-headless, or set SPECMESH_JAVA)")
else
  # `java -version` says e.g. openjdk version "17.0.15" (or "1.8.0_392" for Java 8) on stderr.
  version_line="$("$java_cmd" -version 2>&1 | head -n 1)"
  major=0
  if [[ "$version_line" =~ \"([0-9]+)(\.([0-9]+))? ]]; then
    major="${BASH_REMATCH[1]}"
    [[ "$major" == 1 ]] && major="${BASH_REMATCH[3]:-0}"
  fi
  (( major >= 17 )) || missing+=("Java 17+ ($java_cmd says: $version_line; Debian: apt-get install openjdk-17-jre-headless, or set SPECMESH_JAVA)")
fi
command -v "$javac_cmd" >/dev/null \
  || missing+=("$javac_cmd (a JDK, not only a runtime; Debian: apt-get install openjdk-17-jdk-headless, or set SPECMESH_TEST_JAVAC)")
# Maven only fetches: once the caches hold Kafka's jars and Apicurio, it is not needed any more.
if ! have "${KAFKA_CACHE_DIR:-$repo_root/.cache}/kafka-*/libs/.complete" \
  || ! have "${SCHEMA_REGISTRY_CACHE_DIR:-$repo_root/.cache}/apicurio-*/dist/.complete"; then
  command -v "$mvn_cmd" >/dev/null || missing+=("$mvn_cmd (Maven, to fetch Kafka and Apicurio from Maven Central; Debian: apt-get install maven)")
fi
if ! command -v "$python_cmd" >/dev/null; then
  missing+=("$python_cmd (Python 3.9+ for moto; Debian: apt-get install python3 python3-venv)")
elif [[ ! -x "${MOTO_VENV:-$repo_root/.cache/moto-venv}/bin/moto_server" ]] && ! "$python_cmd" -c 'import venv, ensurepip' 2>/dev/null; then
  missing+=("$python_cmd's venv module (Debian: apt-get install python3-venv)")
fi
command -v openssl >/dev/null || missing+=("openssl (Debian: apt-get install openssl)")

if (( ${#missing[@]} )); then
  echo "The integration tests need programs this machine lacks:" >&2
  for m in "${missing[@]}"; do echo "  - $m" >&2; done
  exit 1
fi
echo ok
