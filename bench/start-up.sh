#!/usr/bin/env bash
# Start-up: from launch to the first answered POST /api/v1/calls, and the CPU the process used by then
# (all threads; the JIT compiler's and the GC's threads also on their own), with its RSS.
# Each start gets a fresh working directory (a new H2 ledger, the repository's routes/ and config/),
# sandbox mode, Kafka on without a broker, port 8080.
# Usage: bench/start-up.sh [runs] [jar ...]   (defaults: 3 runs of the packaged jar)
# Several jars are started in turn, run after run, so that they share the machine's state.
# BENCH_JVM_OPTIONS: options for the service's JVM, space-separated.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
if [ $# -eq 0 ]; then
  ./mvnw -q -B -DskipTests package
  set -- "$(ls target/facetime-router-*.jar | grep -v original | head -n 1)"
fi
labels=("$@")
jars=()
for jar in "$@"; do jars+=("$(realpath "$jar")"); done
repository=$(pwd)
ticks=$(getconf CLK_TCK)

# CPU seconds of the process (threads that have ended included), or of its live threads whose names
# start with one of the given prefixes
cpu_of() {
  local pid=$1; shift
  if [ $# -eq 0 ]; then
    awk -v t="$ticks" '{print ($14 + $15) / t}' /proc/"$pid"/stat
    return
  fi
  local total=0 name
  for task in /proc/"$pid"/task/*; do
    name=$(cat "$task/comm" 2>/dev/null) || continue
    local match=false
    for prefix in "$@"; do [[ $name == "$prefix"* ]] && match=true; done
    $match || continue
    total=$(awk -v t="$ticks" -v sum="$total" '{print sum + ($14 + $15) / t}' "$task/stat" 2>/dev/null || echo "$total")
  done
  echo "$total"
}

echo "| jar | run | first answered call (s) | CPU by then (s) | of it JIT (s) | of it GC (s) | RSS (MB) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for run in $(seq 1 "$runs"); do
  for index in "${!jars[@]}"; do
    jar=${jars[$index]}
    label=${labels[$index]}
    work=$(mktemp -d)
    cp -r "$repository/routes" "$repository/config" "$work/"
    cd "$work"
    started=$(date +%s%N)
    # shellcheck disable=SC2086
    java ${BENCH_JVM_OPTIONS:-} -jar "$jar" > service.log 2>&1 &
    pid=$!
    answered=false
    for _ in $(seq 1 2400); do
      status=$(curl -s -o /dev/null -w '%{http_code}' -X POST localhost:8080/api/v1/calls \
        -H 'Authorization: Bearer sandbox' -H 'Content-Type: application/json' -d '{"handle": "+15551234567"}' || true)
      if [ "$status" = 200 ]; then answered=true; break; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
    elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
    if $answered; then
      rss=$(awk '/VmRSS/ {print int($2 / 1024)}' /proc/"$pid"/status)
      printf '| %s | %d | %.1f | %.1f | %.1f | %.1f | %d |\n' "$label" "$run" "$(awk -v ms="$elapsed" 'BEGIN {print ms / 1000}')" \
        "$(cpu_of "$pid")" "$(cpu_of "$pid" C1 C2)" "$(cpu_of "$pid" GC G1)" "$rss"
    else
      echo "| $label | $run | no answer (see $work/service.log) | | | | |"
    fi
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    cd "$repository"
    $answered && rm -rf "$work"
  done
done
