#!/usr/bin/env bash
# REST overhead benchmark: direct provider calls vs calls through facetime-router, one stub, one run,
# with the service's CPU per call.
# Usage: bench/rest-overhead.sh [requests] [concurrency] [stub latency ms] [h2|postgres]   (defaults: 2000 20 50 h2)
# BENCH_JFR=<file> also records the measured calls with JFR; java bench/CpuBreakdown.java <file> splits them.
# BENCH_TARGET=pass-through measures bench/PassThroughProxy.java in place of the service: the least one HTTP
# hop adds on the machine (PASS_THROUGH_CPU_MS=<ms> makes it spend that much CPU per call as well).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
jar=$(ls target/facetime-router-*.jar | grep -v original | head -n 1)
if [ "${BENCH_TARGET:-service}" = pass-through ]; then jar=bench/PassThroughProxy.java; fi
# the test classes hold the helpers the bench programs share (io.facetimerouter.bench.BenchSupport)
exec java -cp "target/test-classes:$(cat target/bench-classpath.txt)" \
  bench/RestOverheadBench.java "$jar" "${1:-2000}" "${2:-20}" "${3:-50}" "${4:-h2}"
