#!/usr/bin/env bash
# Batch scoring benchmark (issue 13: "1,000,000 contacts scored in <= 60 s"):
#   bench/intelligence/scoring.sh
# Runs io.iabulk.intelligence.predictions.ScoringBenchmark from the test classes: CONTACTS synthetic
# timelines (generated in memory, so the figure is the scoring and the writes, not the reading of
# timelines), scored by the baseline on THREADS threads in batches of BATCH, stored in PostgreSQL
# database DB, schema SCHEMA (dropped first), RUNS runs one after the other (run 1 inserts every row,
# later runs replace them: the daily case). The JVM gets -Xmx512m.
# MODEL=N: a model is first trained (the real trainer) on the first N contacts' timelines, and it
# scores instead of the baseline, read back from its bytes as the registry serves an ACTIVE model.
# Knobs: CONTACTS=1000000 RUNS=2 THREADS=2 BATCH=1000 DB=iabulk_bench_predict SCHEMA=scoring_bench MODEL=
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
CONTACTS=${CONTACTS:-1000000}
RUNS=${RUNS:-2}
THREADS=${THREADS:-2}
BATCH=${BATCH:-1000}
DB=${DB:-iabulk_bench_predict}
SCHEMA=${SCHEMA:-scoring_bench}
MODEL=${MODEL:-}
PREDICTOR=baseline
[[ -n "$MODEL" ]] && PREDICTOR="model trained on the first $MODEL contacts"
PG="psql -X -q -U postgres -h localhost"

./mvnw -q -B -DskipTests -Dspotless.check.skip=true test-compile
if [[ ! -s target/jmh.classpath || pom.xml -nt target/jmh.classpath ]]; then
  ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath >/dev/null
fi
$PG -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 ||
  $PG -d postgres -c "CREATE DATABASE $DB"
$PG -d "$DB" -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"

echo "IA Bulk scoring benchmark — $(date -u); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "contacts $CONTACTS, runs $RUNS, threads $THREADS, batch $BATCH, $PREDICTOR; PostgreSQL $($PG -d "$DB" -tAc 'SHOW server_version')"
"$JAVA_HOME/bin/java" -Xmx512m -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" \
  io.iabulk.intelligence.predictions.ScoringBenchmark \
  "jdbc:postgresql://localhost:5432/$DB" "$SCHEMA" "$CONTACTS" "$RUNS" "$THREADS" "$BATCH" ${MODEL:+model=$MODEL} 2>&1 |
  grep -v -e DEBUG -e '^SLF4J' || true
$PG -d "$DB" -tAc "SELECT 'tables: ' || pg_size_pretty(pg_total_relation_size('$SCHEMA.contact_prediction_hours')) || ' hours, '
  || pg_size_pretty(pg_total_relation_size('$SCHEMA.contact_predictions')) || ' scores'"
$PG -d "$DB" -tAc "SELECT 'tiers: ' || string_agg(tier || ' ' || n, ', ' ORDER BY tier) FROM (SELECT tier, count(*) n FROM $SCHEMA.contact_predictions GROUP BY tier) t"
