#!/usr/bin/env bash
# Training and model-scoring benchmark (issue 13: "training 1,000,000 examples finishes in <= 5 minutes,
# memory <= 512 MB extra"; batch scoring asks predict() for 168 hours per contact):
#   bench/intelligence/training.sh
# Runs io.iabulk.intelligence.learning.TrainingBenchmark from the test classes: simulates PEOPLE people
# with the engagement simulator (about 20 past sends each: 50,000 people ~ 1,000,000 sends) into memory,
# trains on them with THREADS threads (both candidates, both targets, calibration and validation), and
# prints the time, the peak heap and resident memory above what the timelines take (sampled every
# 20 ms), then times the model's predict of a week's 168 hours for SCORED contacts on one thread.
# Knobs: PEOPLE=50000 THREADS=2 SCORED=100000 HEAP=2g
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PEOPLE=${PEOPLE:-50000}
THREADS=${THREADS:-2}
SCORED=${SCORED:-100000}
HEAP=${HEAP:-2g}

./mvnw -q -B -DskipTests -Dspotless.check.skip=true test-compile
if [[ ! -s target/jmh.classpath || pom.xml -nt target/jmh.classpath ]]; then
  ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath >/dev/null
fi
echo "IA Bulk training benchmark — $(date -u); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$JAVA_HOME/bin/java" -Xmx"$HEAP" --enable-native-access=ALL-UNNAMED \
  -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" \
  io.iabulk.intelligence.learning.TrainingBenchmark "$PEOPLE" "$THREADS" "$SCORED"
