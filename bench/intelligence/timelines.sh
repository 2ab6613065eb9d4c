#!/usr/bin/env bash
# Timelines read benchmark (issue 13, section 4: batch scoring of 1,000,000 contacts in <= 60 s
# needs their timelines read well within that): bench/intelligence/timelines.sh
# Runs io.iabulk.intelligence.history.TimelinesBenchmark from the test classes: the application's
# context (web server on a free port) on PostgreSQL database DB, schema SCHEMA, seeded once by SQL with CONTACTS
# contacts, SENDS imported sends each plus one send of ours, a contest for every tenth contact; then
# EngagementTimelines.forEachActive is timed RUNS times. The JVM gets -Xmx1g.
# SCORE=1: then a training job learns from these timelines, its model is made ACTIVE and the batch
# scoring (read from PostgreSQL, predict the week of hours with the model, store) is timed RUNS times.
# Knobs: CONTACTS=1000000 SENDS=19 RUNS=2 DB=iabulk_bench_timelines SCHEMA=timelines_bench FRESH=1 SCORE=0
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
CONTACTS=${CONTACTS:-1000000}
SENDS=${SENDS:-19}
RUNS=${RUNS:-2}
DB=${DB:-iabulk_bench_timelines}
SCHEMA=${SCHEMA:-timelines_bench}
FRESH=${FRESH:-1}
SCORE=${SCORE:-0}
PG="psql -X -q -U postgres -h localhost"
./mvnw -q -B -DskipTests -Dspotless.check.skip=true test-compile
if [[ ! -s target/jmh.classpath || pom.xml -nt target/jmh.classpath ]]; then
  ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath >/dev/null
fi
$PG -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 ||
  $PG -d postgres -c "CREATE DATABASE $DB"
[[ "$FRESH" == 1 ]] && $PG -d "$DB" -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
echo "IA Bulk timelines benchmark — $(date -u); $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, load $(cut -d' ' -f1-3 /proc/loadavg) (shared with other work)"
echo "contacts $CONTACTS, imported sends $SENDS + 1 of ours each, runs $RUNS; PostgreSQL $($PG -d postgres -tAc 'SHOW server_version')"
"$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" \
  io.iabulk.intelligence.history.TimelinesBenchmark \
  "jdbc:postgresql://localhost:5432/$DB?currentSchema=$SCHEMA" "$SCHEMA" "$CONTACTS" "$SENDS" "$RUNS" ${SCORE/#1/score} 2>&1 |
  grep -E '^(seeded|run |training job|scoring run)|Exception|Error' || true
$PG -d "$DB" -tAc "SELECT 'engagement_history: ' || pg_size_pretty(pg_total_relation_size('$SCHEMA.engagement_history'))"
