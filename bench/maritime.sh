#!/usr/bin/env bash
# Prints the maritime figures BENCHMARKS.md quotes (issue 4, "Speed"). Builds the benchmarks, then
#   decode    AIS decoding on one thread against gpsdecode (Debian gpsd-clients) on the same
#             files (>= 1,000,000 lines of real recordings, and of synthetic traffic), in one
#             invocation; the JVM, and gpsdecode with it, pinned to core 0 by taskset;
#   pipeline  MaritimePipeline (decode, registry, tracks, SAR index, all detectors) on 2,000,000
#             messages of 10,000 vessels over the real cable and border data, both cores; memory;
#   sar       SarAssist.nearNow and nearAt over 100,000 vessels.
# Usage: bench/maritime.sh [decode|pipeline|sar]...   (default: all three)
# The data is read from ../shared/data beside the checkout (KUROSHIO_DATA overrides it).
# BENCH_SKIP_BUILD=1 uses the bench jar already built. MARITIME_JFR=1 also records each part with
# JDK Flight Recorder and prints its hot methods (a profile: figures taken so are not quoted).
# Output goes to the terminal and to bench/results/maritime-<date>.txt. Takes about five minutes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data=${KUROSHIO_DATA:-$root/../shared/data}
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(decode pipeline sar)
. "$root/bench/jdk.sh"
mkdir -p bench/results bench/target/maritime
out="bench/results/maritime-$(date -u +%Y%m%dT%H%M%SZ).txt"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then ./mvnw -q -B -DskipTests package -pl bench -am; fi
jar=bench/target/kuroshio-bench.jar
java="$JAVA_HOME/bin/java"
# With MARITIME_JFR=1: the JVM option recording part $1, and its hot methods printed afterwards.
jfr_opts() {
  [ "${MARITIME_JFR:-0}" = 1 ] || return 0
  echo "-XX:StartFlightRecording=filename=bench/target/maritime/$1.jfr,settings=profile"
}
hot() {
  [ "${MARITIME_JFR:-0}" = 1 ] || return 0
  echo "## hot methods of $1 (JFR, bench/target/maritime/$1.jfr)"
  "$JAVA_HOME/bin/jfr" view --width 160 hot-methods "bench/target/maritime/$1.jfr" || true
}
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
{
  echo "# $(date -u +%FT%TZ) $(nproc) cores, $("$java" -version 2>&1 | head -1), $(gpsdecode -V 2>&1 | head -1 || echo 'no gpsdecode')"
  for part in "${parts[@]}"; do
    case $part in
      decode)
        echo "## decode (${pin[*]:-not pinned}): ${pin[*]} java -Xmx2g -cp $jar org.kuroshio.bench.maritime.DecodeBench $data/ais bench/target/maritime 1000000 5"
        "${pin[@]}" "$java" -Xmx2g $(jfr_opts decode) -cp "$jar" \
          org.kuroshio.bench.maritime.DecodeBench "$data/ais" bench/target/maritime 1000000 5
        hot decode
        ;;
      pipeline)
        echo "## pipeline: java -Xmx4g -cp $jar org.kuroshio.bench.maritime.PipelineBench $data 10000 2000000 3"
        "$java" -Xmx4g $(jfr_opts pipeline) -cp "$jar" \
          org.kuroshio.bench.maritime.PipelineBench "$data" 10000 2000000 3
        hot pipeline
        ;;
      sar)
        echo "## sar: java -Xmx2g -cp $jar org.kuroshio.bench.maritime.SarBench 100000 5000"
        "$java" -Xmx2g $(jfr_opts sar) -cp "$jar" org.kuroshio.bench.maritime.SarBench 100000 5000
        hot sar
        ;;
      *)
        echo "unknown part: $part (decode, pipeline or sar)" >&2
        exit 2
        ;;
    esac
  done
} 2>&1 | tee "$out"
echo "figures written to $out"
