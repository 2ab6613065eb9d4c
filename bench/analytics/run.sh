#!/usr/bin/env bash
# The analytics benchmarks of issue 4 on the seeded PostgreSQL database (bench/analytics/seed.sh):
#   bench/analytics/run.sh [reports] [hits] [ingest]      (default: all three, in that order)
#
# Starts target/iabulk.jar once on the database iabulk_analytics (PostgreSQL + Redis, rate limits
# off, -Xmx1g), then
#   reports  wrk on each report shape (random campaign of the 20 per request): p50/p95/p99;
#   hits     bench/analytics/hits.sh: open pixels and click redirects of existing sends;
#   ingest   bench/analytics/ingest.sh: POST /api/v1/events for INGEST_DURATION, rollup lag.
# Knobs: DB=iabulk_analytics PORT=18082 REPORT_DURATION=20s REPORT_WARMUP=15s REPORT_CONNECTIONS=4
#        REPORT_SHAPES=. (grep pattern of shape names)
#        HITS_DURATION=30s INGEST_DURATION=300s INGEST_CONNECTIONS=8 JAVA_OPTS=
# Results: bench/results/analytics-<UTC time>/ (git-ignored).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR="$ROOT/target/iabulk.jar"
DB=${DB:-iabulk_analytics}
PORT=${PORT:-18082}
REPORT_DURATION=${REPORT_DURATION:-20s}
REPORT_CONNECTIONS=${REPORT_CONNECTIONS:-4}
REPORT_WARMUP=${REPORT_WARMUP:-15s}
REPORT_SHAPES=${REPORT_SHAPES:-.} # a grep pattern: the report shapes to measure
HITS_DURATION=${HITS_DURATION:-30s}
INGEST_DURATION=${INGEST_DURATION:-300s}
INGEST_CONNECTIONS=${INGEST_CONNECTIONS:-8}
JAVA_OPTS=${JAVA_OPTS:-}
STEPS=${*:-reports hits ingest}
ADMIN_KEY=bench-admin-key
SECRET=bench-tracking-secret
BASE="http://127.0.0.1:$PORT"
RESULTS="$ROOT/bench/results/analytics-$(date -u +%Y%m%dT%H%M%SZ)"
PG="psql -X -q -U postgres -h localhost"
mkdir -p "$RESULTS"
APP_PID=""

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$RESULTS/run.log" >&2; }
die() { log "$*"; exit 1; }

command -v wrk >/dev/null || apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
command -v jq >/dev/null || apt-get install -y jq >/dev/null
[[ -f "$JAR" ]] || (cd "$ROOT" && ./mvnw -q -DskipTests package)
[[ $($PG -d "$DB" -At -c "SELECT to_regclass('bench_seed') IS NOT NULL" 2>/dev/null) == t ]] \
  || die "database $DB is not seeded: run bench/analytics/seed.sh first"

stop_app() {
  [[ -n "$APP_PID" ]] || return 0
  kill "$APP_PID" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$APP_PID" 2>/dev/null || true
  APP_PID=""
}
trap stop_app EXIT

log "starting the app on $DB (log: $RESULTS/app.log)"
# shellcheck disable=SC2086
env IABULK_PLATFORM_ADMIN_API_KEY="$ADMIN_KEY" IABULK_TRACKING_SECRET="$SECRET" \
  IABULK_PUBLIC_URL="$BASE" IABULK_PLATFORM_DEMO_DATA=false IABULK_PLATFORM_RATE_LIMIT_ENABLED=false \
  IABULK_PLATFORM_REDIS_KEY_PREFIX="iabulk-analytics-bench:" IABULK_DELIVERY_WORKERS=0 \
  SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_DATA_REDIS_URL=redis://localhost:6379 \
  "$JAVA_HOME/bin/java" -Xmx1g $JAVA_OPTS -jar "$JAR" --server.port="$PORT" >"$RESULTS/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 1500); do
  curl -fs -o /dev/null "$BASE/actuator/health/readiness" && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$RESULTS/app.log" >&2; die "the app died"; }
  sleep 0.2
done
log "app ready"

reports() {
  local campaigns contest now from
  campaigns=$($PG -d "$DB" -At -c "SELECT count(*) FROM campaigns")
  contest=$($PG -d "$DB" -At -c "SELECT coalesce(max(id), 0) FROM contests")
  now=$(date -u +%Y-%m-%dT%H:00:00Z)
  from=$(date -u -d '-7 days' +%Y-%m-%dT00:00:00Z)
  declare -A shapes=(
    [summary]="/api/v1/campaigns/{c}/summary"
    [performance-hour-default]="/api/v1/campaigns/{c}/performance"
    [performance-day-7d]="/api/v1/campaigns/{c}/performance?granularity=day&from=$from"
    [performance-minute-1h]="/api/v1/campaigns/{c}/performance?granularity=minute&from=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:00Z)"
    [timeseries-hour-24h]="/api/v1/analytics/timeseries?type=email.open&granularity=hour"
    [timeseries-campaign-hour-7d]="/api/v1/analytics/timeseries?type=email.click&granularity=hour&from=$from&campaignId={c}"
  )
  if [[ "$contest" != 0 ]]; then
    shapes[contest-analytics]="/api/v1/contests/$contest/analytics"
  fi
  for shape in $(printf '%s\n' "${!shapes[@]}" | sort | grep -E "$REPORT_SHAPES"); do
    local paths="$RESULTS/paths-$shape.txt"
    : >"$paths"
    for ((c = 1; c <= campaigns; c++)); do echo "${shapes[$shape]//\{c\}/$c}" >>"$paths"; done
    curl -fsS -o /dev/null -H "Authorization: Bearer $ADMIN_KEY" "$BASE$(head -1 "$paths")" \
      || die "GET $(head -1 "$paths") failed"
    PATHS="$paths" ADMIN_KEY="$ADMIN_KEY" wrk -t2 -c"$REPORT_CONNECTIONS" -d"$REPORT_WARMUP" -s "$HERE/reports.lua" "$BASE" >/dev/null
    local result
    result=$(PATHS="$paths" ADMIN_KEY="$ADMIN_KEY" wrk -t2 -c"$REPORT_CONNECTIONS" -d"$REPORT_DURATION" \
      -s "$HERE/reports.lua" "$BASE" | grep '^RESULT')
    log "report $shape: ${result#RESULT }"
  done
}

hits() {
  PG_DB="$DB" SECRET="$SECRET" DURATION="$HITS_DURATION" "$HERE/hits.sh" "$BASE" 2>&1 | tee -a "$RESULTS/run.log"
}

ingest() {
  BASE="$BASE" ADMIN_KEY="$ADMIN_KEY" DURATION="$INGEST_DURATION" CONNECTIONS="$INGEST_CONNECTIONS" \
    "$HERE/ingest.sh" 2>&1 | tee -a "$RESULTS/run.log"
}

for step in $STEPS; do
  log "--- $step"
  "$step"
done
log "results in $RESULTS"
