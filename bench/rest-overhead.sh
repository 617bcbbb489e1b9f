#!/usr/bin/env bash
# REST overhead benchmark: direct provider calls vs calls through facetime-router, one stub, one run.
# Usage: bench/rest-overhead.sh [requests] [concurrency] [stub latency ms]   (defaults: 2000 20 50)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package
jar=$(ls target/facetime-router-*.jar | grep -v original | head -n 1)
# the test classes hold the helpers the bench programs share (io.facetimerouter.bench.BenchSupport)
exec java -cp target/test-classes bench/RestOverheadBench.java "$jar" "${1:-2000}" "${2:-20}" "${3:-50}"
