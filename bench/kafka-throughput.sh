#!/usr/bin/env bash
# Kafka trigger throughput: facetime-router vs a hand-written kafka-clients consumer, one broker, one run.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
jar=$(ls target/facetime-router-*.jar | grep -v original | head -n 1)
exec java -Dlogback.configurationFile=config/logback-kafka-tools.xml -cp "target/test-classes:$(cat target/bench-classpath.txt)" \
  bench/KafkaThroughputBench.java "$jar"
