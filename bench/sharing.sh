#!/usr/bin/env bash
# Prints the sharing figures BENCHMARKS.md quotes: TAXII GET through the release rule (20
# agreements, 50 organisations) beside the owner's own read, alternating, and a federation pull
# of the whole agreement collection between two local nodes. Embedded H2.
# Usage: bench/sharing.sh [OBJECTS] [ROUNDS]   (default 1000000 objects, 3 rounds)
# Output goes to the terminal and to bench/results/sharing-<date>.txt. Long: run it in the
# background.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
objects=${1:-1000000}
rounds=${2:-3}
. "$root/bench/jdk.sh"
mkdir -p bench/results
out="bench/results/sharing-$(date -u +%Y%m%dT%H%M%SZ).txt"
./mvnw -q -B -DskipTests package -pl app,bench -am
{
  echo "# $(date -u +%FT%TZ) $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  "$JAVA_HOME/bin/java" -cp bench/target/kuroshio-bench.jar org.kuroshio.bench.SharingEndToEnd \
    app/target/kuroshio.jar bench/target/e2e "$objects" "$rounds"
} 2>&1 | tee "$out"
echo "figures written to $out"
