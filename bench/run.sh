#!/usr/bin/env bash
# Prints the figures BENCHMARKS.md quotes. Builds the program and the benchmarks, then runs
#   1. JMH micro-benchmarks of the ingest hot path (parse, validate, stream a bundle);
#   2. the end-to-end benchmarks on the real program, on H2 and on PostgreSQL in one invocation:
#      kuroshio import of OBJECTS indicators under -Xmx512m, TAXII GET paging from the start and
#      from near the end of that collection, TAXII POST from 32 concurrent clients.
# Usage: bench/run.sh [OBJECTS] [h2|postgres]...   (default 1000000, both databases)
# Output goes to the terminal and to bench/results/<date>.txt. Long: run it in the background.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
objects=${1:-1000000}
shift || true
. "$root/bench/jdk.sh"
mkdir -p bench/results
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ).txt"
./mvnw -q -B -DskipTests package -pl app,bench -am
{
  echo "# $(date -u +%FT%TZ) $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "## JMH"
  "$JAVA_HOME/bin/java" -jar bench/target/kuroshio-bench.jar -f 1 -wi 3 -w 2 -i 5 -r 2 -rf text -rff bench/target/jmh-result.txt StixBench 2>&1 \
    | grep -E "^(Benchmark|StixBench)" || true
  echo "## end to end ($objects objects)"
  "$JAVA_HOME/bin/java" -cp bench/target/kuroshio-bench.jar org.kuroshio.bench.EndToEnd \
    app/target/kuroshio.jar bench/target/e2e "$objects" "$@"
} 2>&1 | tee "$out"
echo "figures written to $out"
