#!/usr/bin/env bash
# Campaign runs: time from trigger to every request published for a 10,000- and a 100,000-contact CSV
# campaign, the heap after each, and the rate limit's accuracy over a 60-second window at 600 a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
jar=$(ls target/facetime-router-*.jar | grep -v original | head -n 1)
exec java -Dlogback.configurationFile=config/logback-kafka-tools.xml -cp "target/test-classes:$(cat target/bench-classpath.txt)" \
  bench/CampaignRunBench.java "$jar"
