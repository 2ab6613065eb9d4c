#!/usr/bin/env bash
# Serving benchmark of predictions (issue 13, section 4: p99 <= 10 ms at >= 2,000 requests/s; the
# export of 100,000 contacts in <= 5 s):
#   bench/intelligence/predictions.sh
#
# 1. builds target/iabulk.jar if it is missing (BUILD=1 rebuilds it);
# 2. starts it against PostgreSQL database DB, schema SCHEMA (dropped and recreated) and Redis,
#    -Xmx512m, scheduled scoring off; loads CONTACTS contacts with stored predictions as a scoring run
#    leaves them (seed-predictions.sql: one run, now);
# 3. wrk --latency on GET /api/v1/contacts/{id}/predictions for random contacts (predictions.lua):
#    at the most it can do (CONNECTIONS connections), then held near RATE requests/s (each of
#    PACED_CONNECTIONS connections waits between requests), each without `at` (now) and with a random
#    `at` in the stored week; WARMUP first;
# 4. times GET /api/v1/predictions/export (curl, the whole body), without `at` and with an `at` in the
#    stored week, and counts its rows;
# 5. records the CPU of java and of the PostgreSQL backends of DB, and prints a summary.
# MODEL=N: a model trained by the real trainer on N synthetic contacts (SeedModel) is stored ACTIVE in
# the registry before the contacts are loaded, their stored predictions say it scored them, and the
# wait goes on until the service's predictor serves it (its log says so).
# Results: bench/results/predictions-<UTC time>/ (git-ignored). Knobs (environment):
#   CONTACTS=100000 DURATION=30s WARMUP=10s THREADS=2 CONNECTIONS=32 RATE=2000 PACED_CONNECTIONS=24
#   DB=iabulk_bench_predict SCHEMA=api_bench PORT=(free) JAVA_OPTS= BUILD=0 MODEL=
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/target/iabulk.jar"
CONTACTS=${CONTACTS:-100000}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
RATE=${RATE:-2000}
PACED_CONNECTIONS=${PACED_CONNECTIONS:-24}
DB=${DB:-iabulk_bench_predict}
SCHEMA=${SCHEMA:-api_bench}
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
JAVA_OPTS=${JAVA_OPTS:-}
BUILD=${BUILD:-0}
MODEL=${MODEL:-}
PG="psql -X -q -U postgres -h localhost"
ADMIN_KEY="bench-admin-key"
BASE="http://127.0.0.1:$PORT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS="$ROOT/bench/results/predictions-$STAMP"
WORK="$ROOT/bench/work/predictions"
mkdir -p "$RESULTS" "$WORK"
SUMMARY="$RESULTS/summary.txt"
APP_PID=""

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$RESULTS/run.log" >&2; }
cleanup() {
  if [[ -n "$APP_PID" ]]; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null

if [[ "$BUILD" == 1 || ! -f "$JAR" ]]; then
  log "building $JAR"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package)
fi

$PG -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 ||
  $PG -d postgres -c "CREATE DATABASE $DB"
$PG -d "$DB" -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"

(cd "$WORK" && exec env -u SPRING_DATASOURCE_URL -u SPRING_DATA_REDIS_URL -u SPRING_MAIL_HOST \
  SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:5432/$DB?currentSchema=$SCHEMA" \
  SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_FLYWAY_SCHEMAS="$SCHEMA" SPRING_FLYWAY_CREATE_SCHEMAS=true \
  SPRING_DATA_REDIS_URL=redis://localhost:6379 \
  IABULK_PLATFORM_REDIS_KEY_PREFIX="iabulk-bench-predict:" \
  IABULK_PLATFORM_ADMIN_API_KEY="$ADMIN_KEY" \
  IABULK_PLATFORM_DEMO_DATA=false \
  IABULK_PLATFORM_RATE_LIMIT_ENABLED=false \
  IABULK_INTELLIGENCE_SCORING_ENABLED=false \
  "$JAVA" -Xmx512m "-Xlog:gc:file=$RESULTS/gc.log:uptime" $JAVA_OPTS -jar "$JAR" --server.port="$PORT" \
  >"$RESULTS/app.log" 2>&1) &
APP_PID=$!
for _ in $(seq 1 600); do
  curl -fs -o /dev/null "$BASE/actuator/health/readiness" && break
  kill -0 "$APP_PID" 2>/dev/null || { log "the app died; see $RESULTS/app.log"; tail -30 "$RESULTS/app.log" >&2; exit 1; }
  sleep 0.2
done
JPID=$(pgrep -P "$APP_PID" java || echo "$APP_PID")
log "app ready on port $PORT (pid $JPID); loading $CONTACTS contacts with predictions"
started=$(date +%s.%N)
$PG -d "$DB" -c "SET search_path = $SCHEMA" -v contacts="$CONTACTS" -f "$HERE/seed-predictions.sql" >/dev/null
log "loaded in $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
if [[ -n "$MODEL" ]]; then
  log "training a model on $MODEL synthetic contacts and storing it ACTIVE"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true test-compile &&
    { [[ -s target/jmh.classpath && ! pom.xml -nt target/jmh.classpath ]] ||
      ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath >/dev/null; })
  MODEL_ID=$("$JAVA" -Xmx512m -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/jmh.classpath")" \
    io.iabulk.intelligence.models.SeedModel "jdbc:postgresql://localhost:5432/$DB?currentSchema=$SCHEMA" "$MODEL" 2>/dev/null | tail -1)
  $PG -d "$DB" -c "SET search_path = $SCHEMA" \
    -c "UPDATE prediction_runs SET model_id = $MODEL_ID, source = 'model'" \
    -c "UPDATE contact_prediction_hours SET model_id = $MODEL_ID, source = 'model'" \
    -c "UPDATE contact_predictions SET model_id = $MODEL_ID, source = 'model'" \
    -c "VACUUM ANALYZE contact_prediction_hours" -c "VACUUM ANALYZE contact_predictions" >/dev/null
  for _ in $(seq 1 100); do grep -q "Model $MODEL_ID .* now answers predictions" "$RESULTS/app.log" && break; sleep 0.2; done
  log "model $MODEL_ID active and served: $(grep -o "Model $MODEL_ID .* now answers predictions" "$RESULTS/app.log")"
fi
WEEK_START=$($PG -d "$DB" -tAc "SELECT extract(epoch FROM date_trunc('hour', started_at))::bigint FROM $SCHEMA.prediction_runs")
curl -fsS -H "Authorization: Bearer $ADMIN_KEY" "$BASE/api/v1/contacts/1/predictions" >"$RESULTS/sample.json"

cpu_ticks() { # java and the PostgreSQL backends of $DB: utime+stime, in clock ticks
  local pids total=0
  pids="$JPID $(pgrep -f "postgres: .* $DB " | tr '\n' ' ')"
  for pid in $pids; do
    [[ -r /proc/$pid/stat ]] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo "$total"
}

declare -a LINES
measure() { # name, connections, delay ms, at
  local name=$1 conns=$2 delay=$3 at=$4 before after
  env BENCH_DIR="$HERE" CONTACTS="$CONTACTS" ADMIN_KEY="$ADMIN_KEY" AT="$at" WEEK_START="$WEEK_START" DELAY_MS="$delay" \
    wrk -t"$THREADS" -c"$conns" -d"$WARMUP" --timeout 5s -s "$HERE/predictions.lua" "$BASE" >/dev/null
  before=$(cpu_ticks)
  env BENCH_DIR="$HERE" CONTACTS="$CONTACTS" ADMIN_KEY="$ADMIN_KEY" AT="$at" WEEK_START="$WEEK_START" DELAY_MS="$delay" \
    wrk -t"$THREADS" -c"$conns" -d"$DURATION" --timeout 5s --latency -s "$HERE/predictions.lua" "$BASE" \
    >"$RESULTS/wrk-$name.txt"
  after=$(cpu_ticks)
  LINES+=("$name: $(grep RESULT "$RESULTS/wrk-$name.txt" | cut -d' ' -f2-) cpu_java+pg_s=$(((after - before) / $(getconf CLK_TCK)))")
  log "${LINES[-1]}"
}
# the delay that holds about RATE requests/s over PACED_CONNECTIONS connections (latency ~1 ms)
PACED_DELAY=$(awk -v c="$PACED_CONNECTIONS" -v r="$RATE" 'BEGIN { d = c * 1000 / r - 1; print (d < 0 ? 0 : int(d)) }')
measure "now-max" "$CONNECTIONS" 0 ""
measure "week-max" "$CONNECTIONS" 0 week
measure "now-paced" "$PACED_CONNECTIONS" "$PACED_DELAY" ""
measure "week-paced" "$PACED_CONNECTIONS" "$PACED_DELAY" week

export_once() { # name, query
  local name=$1 query=$2 timing
  timing=$(curl -fsS -o "$RESULTS/export-$name.csv" -w '%{time_starttransfer} %{time_total} %{size_download}' \
    -H "Authorization: Bearer $ADMIN_KEY" "$BASE/api/v1/predictions/export$query")
  LINES+=("export $name: first byte $(cut -d' ' -f1 <<<"$timing") s, all $(cut -d' ' -f2 <<<"$timing") s, $(cut -d' ' -f3 <<<"$timing") bytes, $(($(wc -l <"$RESULTS/export-$name.csv") - 1)) rows")
  log "${LINES[-1]}"
}
export_once stored ""
export_once stored-again ""
export_once at-in-week "?at=$(date -u -d "@$((WEEK_START + 30 * 3600))" +%Y-%m-%dT%H:%M:%SZ)"

{
  echo "IA Bulk predictions serving benchmark — $(date -u)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1)"
  echo "PostgreSQL $($PG -d "$DB" -tAc 'SHOW server_version'); $CONTACTS contacts; ${MODEL:+model $MODEL_ID ACTIVE (trained on $MODEL synthetic contacts);} wrk -t$THREADS, max: -c$CONNECTIONS, paced: -c$PACED_CONNECTIONS with ${PACED_DELAY} ms between requests; -d$DURATION after $WARMUP"
  printf '%s\n' "${LINES[@]}"
  echo "sample: $(cat "$RESULTS/sample.json")"
} | tee "$SUMMARY"
