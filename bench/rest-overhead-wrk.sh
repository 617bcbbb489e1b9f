#!/usr/bin/env bash
# REST overhead measured with wrk, a load generator in C (Debian: apt-get install wrk), so that the client
# takes less of the machine than bench/rest-overhead.sh's Java client: the Blooio stub (50 ms), then the
# service (H2 file ledger) and bench/PassThroughProxy.java (one bare HTTP hop, at 0 ms and at
# PASS_THROUGH_CPU_MS of CPU per call) each warmed up, then measured right after a direct run, 20 clients.
# Prints per target: direct and routed throughput and p99, their ratio, CPU per call (from /proc) and the
# young GC pauses during the measured run.
# Usage: bench/rest-overhead-wrk.sh [warm-up seconds] [measured seconds]   (defaults: 40 20)
# PASS_THROUGH_CPU_MS: the extra CPU per call of the spending hop, one run per value ("0.2 0.4 0.6"; 1.1 by
# default); BENCH_ROUNDS: how many times the whole set of targets runs, in turn (1 by default);
# BENCH_SERVICE=false leaves the service out.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
warmup=${1:-40}
measured=${2:-20}
./mvnw -q -B -DskipTests package
jar=$(realpath "$(ls target/facetime-router-*.jar | grep -v original | head -n 1)")
work=$(mktemp -d)
script="$work/post.lua"
cat > "$script" <<'LUA'
wrk.method = "POST"
wrk.body = '{"handle": "+15551234567"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY")
LUA
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done; }
trap cleanup EXIT
java -cp target/test-classes bench/BlooioStub.java 50 > "$work/stub.txt" &
pids+=($!)
until [ -s "$work/stub.txt" ]; do sleep 0.2; done
stub=$(head -n 1 "$work/stub.txt")
ticks=$(getconf CLK_TCK)
port=18093

# wrk's throughput, p99 (ms) and request count for a URL with an API key
load() {
  BENCH_KEY=$2 wrk -t2 -c20 -d"$3"s --latency -s "$script" "$1" | awk '
    /Requests\/sec/ {rate = $2}
    $1 == "99%" {p99 = $2; if (p99 ~ /ms$/) sub(/ms$/, "", p99); else if (p99 ~ /us$/) {sub(/us$/, "", p99); p99 /= 1000} else {sub(/s$/, "", p99); p99 *= 1000}}
    /requests in/ {count = $1}
    END {print rate, p99, count}'
}

# measure <label> <command...>: starts the target on $port, warms it up, measures it
measure() {
  local label=$1; shift
  (cd "$work" && rm -rf data && exec env SERVER_PORT=$port BLOOIO_BASE_URL="$stub/v2/api" BLOOIO_API_KEY=bench-provider-key \
    ROUTER_API_KEYS=bench-api-key ROUTER_KAFKA_ENABLED=false "$@" > "$work/$label.log" 2>&1) &
  local pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "localhost:$port/actuator/health/readiness")" = 200 ]; do
    kill -0 "$pid" 2> /dev/null || { echo "$label did not start; see $work/$label.log" >&2; exit 1; }
    sleep 0.5
  done
  local url="http://127.0.0.1:$port/api/v1/calls"
  load "$url" bench-api-key "$warmup" > /dev/null
  read -r direct_rate direct_p99 _ <<< "$(load "$stub/v2/api/facetime/calls" bench-provider-key "$measured")"
  local gc_before cpu_before cpu_after
  gc_before=$(grep -c Pause "$work/$label-gc.log" 2> /dev/null || true)
  cpu_before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  read -r rate p99 count <<< "$(load "$url" bench-api-key "$measured")"
  cpu_after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  local pauses
  pauses=$(tail -n +$((${gc_before:-0} + 1)) "$work/$label-gc.log" 2> /dev/null | awk '/Pause Young/ {sub(/ms$/, "", $NF); printf "%s ", $NF}')
  awk -v l="$label" -v dr="$direct_rate" -v dp="$direct_p99" -v r="$rate" -v p="$p99" -v n="$count" \
      -v cpu="$((cpu_after - cpu_before))" -v t="$ticks" -v g="$pauses" 'BEGIN {
    printf "| %s | %.1f | %.1f | %.1f | %.1f | %.3f | %.1f | %.2f | %s |\n", l, dr, dp, r, p, r / dr, p - dp, cpu / t * 1000 / n, g}'
  kill "$pid"
  wait "$pid" 2> /dev/null || true
}

echo "| target | direct req/s | direct p99 (ms) | routed req/s | routed p99 (ms) | ratio | p99 overhead (ms) | CPU per call (ms) | young GC pauses (ms) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
for round in $(seq 1 "${BENCH_ROUNDS:-1}"); do
  measure pass-through env PASS_THROUGH_CPU_MS=0 java -Xlog:gc:file="$work/pass-through-gc.log" "$PWD/bench/PassThroughProxy.java"
  for cpu in ${PASS_THROUGH_CPU_MS:-1.1}; do
    measure "pass-through-${cpu}ms" env PASS_THROUGH_CPU_MS="$cpu" \
      java -Xlog:gc:file="$work/pass-through-${cpu}ms-gc.log" "$PWD/bench/PassThroughProxy.java"
  done
  if [ "${BENCH_SERVICE:-true}" = true ]; then
    measure facetime-router java -Xlog:gc:file="$work/facetime-router-gc.log" -jar "$jar"
  fi
done
