#!/usr/bin/env bash
# Send-time optimisation and the per-recipient log at scale (issue 15, sections 1 and 2):
#   bench/campaigns/recipients.sh                  # N=1000000 contacts
#   N=50000 bench/campaigns/recipients.sh          # a quick run first
#
# 1. builds target/iabulk.jar when missing (BUILD=1 rebuilds);
# 2. fresh PostgreSQL database iabulk_bench_recipients: the app starts once (migrations) and stops;
#    N contacts (bench/delivery/seed-contacts.sql), then stored predictions for every contact and
#    OPENS imported opens each (seed-predictions.sql), all set-based SQL, timed;
# 3. starts the app (JAVA_OPTS, no SMTP relay: the outbox transport), creates a template and a
#    campaign to every contact with sendTimeOptimization {"windowHours": 24} and a rate of 1
#    message per second (nothing needs to be delivered), POSTs start and polls the campaign until
#    its whole audience is queued: the snapshot with the planner, timed;
# 4. downloads GET /api/v1/campaigns/{id}/recipients.csv (every row: N with a planned time), timed,
#    and one JSON page of 1000 (?limit=1000&status=SCHEDULED); counts the rows per planned minute
#    (the spread) and cancels the campaign.
# The summary goes to bench/results/recipients-<UTC time>.txt, logs to bench/results/recipients-<UTC time>/.
# Knobs: N=1000000 OPENS=2 PORT=<free> JAVA_OPTS="-Xmx1g" APP_ENV="K=V ..." BUILD=0 TIMEOUT=1800 (s)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/target/iabulk.jar"
N=${N:-1000000}
OPENS=${OPENS:-2}
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
APP_ENV=${APP_ENV:-}
BUILD=${BUILD:-0}
TIMEOUT=${TIMEOUT:-1800}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=${PORT:-$(free_port)}
DB=iabulk_bench_recipients
PG="psql -X -q -U postgres -h localhost"
ADMIN_KEY="bench-admin-key"
BASE="http://127.0.0.1:$PORT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS="$ROOT/bench/results/recipients-$STAMP"
SUMMARY="$ROOT/bench/results/recipients-$STAMP.txt"
WORK="$ROOT/bench/work/recipients"
mkdir -p "$RESULTS" "$WORK"
APP_PID=""
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$RESULTS/run.log" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
json() { python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2:]:
    v = v.get(k) if isinstance(v, dict) else None
print("" if v is None else v)' "$@"; }
api() { local method=$1 path=$2 out=$3; shift 3
  curl -sS -X "$method" -H "Authorization: Bearer $ADMIN_KEY" -o "$out" -w '%{http_code}' "$@" "$BASE$path"; }

if [[ "$BUILD" == 1 || ! -f "$JAR" ]]; then
  log "building $JAR"
  ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package
fi

start_app() {
  (cd "$WORK" && exec env -u SPRING_MAIL_HOST -u SPRING_MAIL_PORT \
    SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
    SPRING_DATA_REDIS_URL=redis://localhost:6379 IABULK_PLATFORM_ADMIN_API_KEY="$ADMIN_KEY" \
    IABULK_PLATFORM_DATA_DIR="$WORK/data" IABULK_PLATFORM_REDIS_KEY_PREFIX="iabulk-bench-recipients:" \
    IABULK_PLATFORM_DEMO_DATA=false IABULK_PLATFORM_RATE_LIMIT_ENABLED=false \
    IABULK_INTELLIGENCE_SCORING_ENABLED=false $APP_ENV \
    "$JAVA" $JAVA_OPTS -jar "$JAR" --server.port="$PORT" >>"$RESULTS/app.log" 2>&1) &
  APP_PID=$!
  for _ in $(seq 1 900); do
    curl -fs -o /dev/null "$BASE/actuator/health/readiness" && return 0
    kill -0 "$APP_PID" 2>/dev/null || { log "the app died; see $RESULTS/app.log"; exit 1; }
    sleep 0.2
  done
  log "the app did not become ready"; exit 1
}
stop_app() {
  [[ -n "$APP_PID" ]] || return 0
  kill "$APP_PID" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}
trap stop_app EXIT

log "fresh database $DB, N=$N"
rm -rf "$WORK/data"
$PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
start_app
stop_app
started=$(now)
$PG -d "$DB" -v first=1 -v last="$N" -f "$ROOT/bench/delivery/seed-contacts.sql" >"$RESULTS/seed-contacts.log" 2>&1
$PG -d "$DB" -v last="$N" -v opens="$OPENS" -f "$HERE/seed-predictions.sql" >"$RESULTS/seed-predictions.log" 2>&1
SEED=$(elapsed "$started" "$(now)")
log "seeded $N contacts, their predictions and $OPENS opens each in $SEED s"

start_app
code=$(api POST /api/v1/templates "$RESULTS/template.json" -H 'Content-Type: application/json' --data-binary \
  '{"name":"Recipients bench","subject":"Hello {{default firstName \"there\"}}","html":"<p>Hi</p><p><a href=\"{{unsubscribeUrl}}\">Unsubscribe</a></p>"}')
[[ "$code" == 201 ]] || { log "template: $code"; exit 1; }
code=$(api POST /api/v1/campaigns "$RESULTS/campaign.json" -H 'Content-Type: application/json' --data-binary \
  "{\"name\":\"Recipients bench\",\"templateId\":$(json "$RESULTS/template.json" id),\"audience\":{\"all\":true},\"from\":\"Bench <bench@iabulk.test>\",\"maxRatePerSecond\":1,\"sendTimeOptimization\":{\"windowHours\":24}}")
[[ "$code" == 201 ]] || { log "campaign: $code $(cat "$RESULTS/campaign.json")"; exit 1; }
ID=$(json "$RESULTS/campaign.json" id)
started=$(now)
api POST "/api/v1/campaigns/$ID/start" "$RESULTS/started.json" >/dev/null
deadline=$((SECONDS + TIMEOUT))
while true; do
  api GET "/api/v1/campaigns/$ID" "$RESULTS/progress.json" >/dev/null
  [[ "$(json "$RESULTS/progress.json" progress total)" == "$N" ]] && break
  ((SECONDS < deadline)) || { log "snapshot not done after $TIMEOUT s"; exit 1; }
  sleep 0.5
done
SNAPSHOT=$(elapsed "$started" "$(now)")
log "snapshot with send-time optimisation: $N recipients in $SNAPSHOT s"
started=$(now)
code=$(api GET "/api/v1/campaigns/$ID/recipients.csv" "$RESULTS/recipients.csv")
CSV=$(elapsed "$started" "$(now)")
ROWS=$(($(wc -l <"$RESULTS/recipients.csv") - 1))
BYTES=$(stat -c %s "$RESULTS/recipients.csv")
log "recipients.csv: $code, $ROWS rows, $BYTES bytes in $CSV s"
started=$(now)
api GET "/api/v1/campaigns/$ID/recipients?limit=1000&status=SCHEDULED&cursor=$((N / 2))" "$RESULTS/page.json" >/dev/null
PAGE=$(elapsed "$started" "$(now)")
api GET "/api/v1/campaigns/$ID" "$RESULTS/progress.json" >/dev/null
api POST "/api/v1/campaigns/$ID/cancel" "$RESULTS/cancelled.json" >/dev/null
SPREAD=$(python3 - "$RESULTS/recipients.csv" <<'PY'
import csv, sys, collections
c = collections.Counter(); s = collections.Counter()
for r in csv.DictReader(open(sys.argv[1])):
    if r["scheduledAt"]:
        c[r["scheduledAt"][:16]] += 1; s[r["scheduledAt"][:19]] += 1
hours = collections.Counter(k[:13] for k in c)
print(f"{len(c)} distinct minutes over {len(hours)} hours; busiest minute {max(c.values())} rows, "
      f"median minute {sorted(c.values())[len(c)//2]}; busiest second {max(s.values())} rows")
PY
)
{
  echo "# Send-time optimisation and recipients log at N=$N ($(date -u +%FT%TZ))"
  echo "command: N=$N OPENS=$OPENS bench/campaigns/recipients.sh"
  echo "machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(free -g | awk '/Mem:/ { print $2 }') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "store: PostgreSQL $($PG -d "$DB" -tAc 'SHOW server_version'); app: JVM $JAVA_OPTS"
  echo "seed (contacts, predictions, $OPENS opens each; SQL): $SEED s"
  echo "snapshot with send-time optimisation (start to $N queued): $SNAPSHOT s"
  echo "recipients.csv: HTTP $code, $ROWS rows, $BYTES bytes in $CSV s"
  echo "one JSON page of 1000 (status=SCHEDULED, from the middle): $PAGE s"
  echo "spread: $SPREAD"
  echo "progress after: $(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["progress"]))' "$RESULTS/progress.json")"
} | tee "$SUMMARY"
