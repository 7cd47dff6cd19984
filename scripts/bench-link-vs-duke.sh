#!/usr/bin/env bash
# Harm Ledger's linkage and Duke 1.2 side by side on FEBRL 3 and FEBRL 4, in one JVM run.
# Usage: scripts/bench-link-vs-duke.sh [RUNS]   (needs ../shared/data/linkage)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/scripts/find-jdk.sh"
cd "$root"
mvn -B -q -Pbench install -DskipTests -pl bench -am
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
mvn -B -q -Pbench -pl bench dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null
cp="$(cat "$cpfile")"
"$JAVA_HOME/bin/java" -cp "bench/target/classes:$cp" org.harmledger.bench.LinkageVsDuke "$root/../shared/data/linkage" "$root/examples/linkage" "${1:-3}"
