#!/usr/bin/env bash
# Event ingestion benchmark (issue 4: >= 50,000 events/s sustained for 5 minutes):
#   bench/analytics/ingest.sh
#
# Replays one body of EVENTS events (no eventId, so every request stores new ones) against
# POST /api/v1/events of a running server with wrk for DURATION, and prints the accepted events
# per second. Afterwards it reports how far the rollups lag: the minute counts of the bench types
# are read through the time series until they stop growing.
#
# Knobs (environment):
#   BASE=http://127.0.0.1:8080  ADMIN_KEY=<the server's admin API key> (required)
#   DURATION=300s  THREADS=2  CONNECTIONS=8  EVENTS=10000
#   START=embedded  start target/iabulk.jar in embedded mode (H2, a fresh data dir under
#                   bench/work/analytics) on PORT=18081 for a quick check, and stop it after
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DURATION=${DURATION:-300s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-8}
EVENTS=${EVENTS:-10000}
START=${START:-}
WORK="$ROOT/bench/work/analytics"
mkdir -p "$WORK"
APP_PID=""

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

command -v wrk >/dev/null || apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
command -v jq >/dev/null || apt-get install -y jq >/dev/null

cleanup() {
  if [[ -n "$APP_PID" ]]; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

if [[ "$START" == embedded ]]; then
  PORT=${PORT:-18081}
  BASE="http://127.0.0.1:$PORT"
  ADMIN_KEY=${ADMIN_KEY:-bench-admin-key}
  JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
  [[ -f "$ROOT/target/iabulk.jar" ]] || (cd "$ROOT" && ./mvnw -q -DskipTests package)
  rm -rf "$WORK/data"
  log "starting target/iabulk.jar (embedded) on port $PORT"
  (cd "$WORK" && exec env -u SPRING_DATASOURCE_URL -u SPRING_DATA_REDIS_URL \
    IABULK_PLATFORM_ADMIN_API_KEY="$ADMIN_KEY" IABULK_PLATFORM_DATA_DIR="$WORK/data" \
    IABULK_PLATFORM_DEMO_DATA=false IABULK_PLATFORM_RATE_LIMIT_ENABLED=false \
    "$JAVA_HOME/bin/java" -Xmx512m -jar "$ROOT/target/iabulk.jar" --server.port="$PORT" >"$WORK/app.log" 2>&1) &
  APP_PID=$!
  for _ in $(seq 1 600); do
    curl -fs -o /dev/null "$BASE/actuator/health/readiness" && break
    kill -0 "$APP_PID" 2>/dev/null || { log "the app died; see $WORK/app.log"; tail -30 "$WORK/app.log" >&2; exit 1; }
    sleep 0.2
  done
fi
BASE=${BASE:-http://127.0.0.1:8080}
: "${ADMIN_KEY:?set ADMIN_KEY to the admin API key of the server}"

admin() { # method path [json]
  curl -fsS -X "$1" -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
    ${3:+-d "$3"} "$BASE$2"
}

# one contact the events belong to (found again on later runs)
CONTACT=$(admin POST /api/v1/contacts '{"email":"ingest-bench@example.org"}' | jq -r .id)
python3 "$HERE/make-events.py" "$CONTACT" "$EVENTS" >"$WORK/body.json"
log "body: $EVENTS events, $(wc -c <"$WORK/body.json") bytes, contact $CONTACT"

# a first request checks the body is accepted in full before the timed run
accepted=$(curl -fsS -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
  --data-binary @"$WORK/body.json" "$BASE/api/v1/events" | jq -r .accepted)
[[ "$accepted" == "$EVENTS" ]] || { log "the warm-up request accepted $accepted of $EVENTS"; exit 1; }

log "wrk: $DURATION, $THREADS threads, $CONNECTIONS connections against $BASE"
BODY="$WORK/body.json" ADMIN_KEY="$ADMIN_KEY" \
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s -s "$HERE/ingest.lua" "$BASE/api/v1/events" \
  | tee "$WORK/wrk.txt"
ended=$(date +%s)

# rollup lag: how long after the last request the counts of the last minutes stop growing
series() {
  local from to
  from=$(date -u -d '-10 minutes' +%Y-%m-%dT%H:%M:00Z)
  to=$(date -u -d '+2 minutes' +%Y-%m-%dT%H:%M:00Z)
  admin GET "/api/v1/analytics/timeseries?type=bench.purchase&granularity=minute&from=$from&to=$to" \
    | jq '[.points[].count] | add'
}
previous=$(series)
for i in $(seq 1 30); do
  sleep 0.5
  current=$(series)
  if [[ "$current" == "$previous" ]]; then
    lag=$(( $(date +%s) - ended ))
    log "rollups settled about ${lag} s after the run; bench.purchase in the last 10 minutes: $current"
    break
  fi
  previous=$current
done
