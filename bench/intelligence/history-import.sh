#!/usr/bin/env bash
# Engagement history import benchmark (issue 13, section 1: "1,000,000 lines import in <= 60 s on
# PostgreSQL"), end to end through the packaged jar:
#   bench/intelligence/history-import.sh
#
# 1. builds target/iabulk.jar if it is missing (BUILD=1 rebuilds it);
# 2. generates, once, under bench/work/history/: a contact CSV of CONTACTS addresses and a history
#    CSV of LINES lines (LINES / CONTACTS sends per contact, sent over two years at varied hours,
#    a third opened, a tenth of those clicked, a few bounced or complained; every 1000th line names
#    an address that is not a contact, so the UNKNOWN_CONTACT path is on);
# 3. starts the jar against PostgreSQL database DB, schema SCHEMA (dropped and recreated), -Xmx512m;
# 4. imports the contacts (not timed), then uploads the history file (raw text/csv body; UPDATES=1:
#    twice, the second pass replacing every row), polls the import until it is no longer RUNNING,
#    samples the used heap every second (jstat), and prints the times, counters and peak heap.
#
# Results land in bench/results/history-import-<UTC time>/ (git-ignored). Knobs (environment):
#   LINES=1000000 CONTACTS=50000 UPDATES=0 DB=iabulk_bench_history SCHEMA=history_bench
#   PORT=(a free port) JAVA_OPTS="..." BUILD=0
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/target/iabulk.jar"

LINES=${LINES:-1000000}
CONTACTS=${CONTACTS:-50000}
UPDATES=${UPDATES:-0}
SCHEMA=${SCHEMA:-history_bench}
DB=${DB:-iabulk_bench_history}
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
JAVA_OPTS=${JAVA_OPTS:-}
BUILD=${BUILD:-0}

PG="psql -X -q -U postgres -h localhost"
ADMIN_KEY="bench-admin-key"
BASE="http://127.0.0.1:$PORT"
WORK="$ROOT/bench/work/history"
CONTACT_CSV="$WORK/contacts-$CONTACTS.csv"
HISTORY_CSV="$WORK/history-$LINES-$CONTACTS.csv"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS="$ROOT/bench/results/history-import-$STAMP"
mkdir -p "$WORK" "$RESULTS"
APP_PID=""
SAMPLER_PID=""

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$RESULTS/run.log" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

cleanup() {
  [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2>/dev/null || true
  if [[ -n "$APP_PID" ]]; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

command -v jq >/dev/null || apt-get install -y jq >/dev/null
if [[ "$BUILD" == 1 || ! -f "$JAR" ]]; then
  log "building $JAR"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package)
fi

# --- the files --------------------------------------------------------------------------------
if [[ ! -s "$CONTACT_CSV" ]]; then
  awk -v n="$CONTACTS" 'BEGIN {
      split("Europe/Paris,America/New_York,Asia/Tokyo,UTC,Europe/Berlin,America/Sao_Paulo", zones, ",")
      print "email,time_zone"
      for (i = 1; i <= n; i++) printf "person%d@example%d.com,%s\n", i, i % 50, zones[i % 6 + 1]
    }' >"$CONTACT_CSV"
fi
if [[ ! -s "$HISTORY_CSV" ]]; then
  log "generating $LINES history lines into $HISTORY_CSV"
  awk -v n="$LINES" -v c="$CONTACTS" 'BEGIN {
      srand(13)
      print "email,messageId,sentAt,openedAt,clickedAt,opens,clicks,unsubscribedAt,bouncedAt,complainedAt"
      start = 1704067200  # 2024-01-01T00:00:00Z
      per = int(n / c); if (per < 1) per = 1
      for (i = 0; i < n; i++) {
        person = i % c + 1
        k = int(i / c)
        email = (i % 1000 == 999) ? "stranger" i "@example.org" : "person" person "@example" (person % 50) ".com"
        sent = start + int(k * 63072000 / per) + (person * 3607) % 86400
        opened = ""; clicked = ""; opens = ""; clicks = ""; bounced = ""; complained = ""
        if (rand() < 0.33) {
          opened = strftime("%Y-%m-%dT%H:%M:%SZ", sent + 60 + int(rand() * 7200), 1)
          opens = 1 + int(rand() * 3)
          if (rand() < 0.1) { clicked = strftime("%Y-%m-%dT%H:%M:%SZ", sent + 7300, 1); clicks = 1 }
        } else if (rand() < 0.003) {
          bounced = strftime("%Y-%m-%dT%H:%M:%SZ", sent + 5, 1)
        } else if (rand() < 0.001) {
          complained = strftime("%Y-%m-%dT%H:%M:%SZ", sent + 9000, 1)
        }
        printf "%s,campaign-%d,%s,%s,%s,%s,%s,,%s,%s\n", email, k, strftime("%Y-%m-%dT%H:%M:%SZ", sent, 1),
          opened, clicked, opens, clicks, bounced, complained
      }
    }' >"$HISTORY_CSV"
fi
SIZE=$(stat -c %s "$HISTORY_CSV")
log "history file: $LINES lines, $((SIZE / 1024 / 1024)) MiB, $CONTACTS contacts"

# --- a fresh schema ---------------------------------------------------------------------------
$PG -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 ||
  $PG -d postgres -c "CREATE DATABASE $DB"
$PG -d "$DB" -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"

# --- the app ----------------------------------------------------------------------------------
(cd "$WORK" && exec env -u SPRING_DATASOURCE_URL -u SPRING_DATA_REDIS_URL -u SPRING_MAIL_HOST \
  SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:5432/$DB?currentSchema=$SCHEMA" \
  SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_FLYWAY_SCHEMAS="$SCHEMA" SPRING_FLYWAY_CREATE_SCHEMAS=true \
  SPRING_DATA_REDIS_URL=redis://localhost:6379 \
  IABULK_PLATFORM_REDIS_KEY_PREFIX="iabulk-bench-history:" \
  IABULK_PLATFORM_ADMIN_API_KEY="$ADMIN_KEY" \
  IABULK_PLATFORM_DEMO_DATA=false \
  IABULK_INTELLIGENCE_SCORING_ENABLED=false \
  IABULK_CONTACTS_IMPORTS_TEMP_DIR="$WORK/spool" \
  IABULK_INTELLIGENCE_HISTORY_TEMP_DIR="$WORK/spool" \
  "$JAVA" -Xmx512m "-Xlog:gc:file=$RESULTS/gc.log:uptime" $JAVA_OPTS -jar "$JAR" --server.port="$PORT" \
  >"$RESULTS/app.log" 2>&1) &
APP_PID=$!
for _ in $(seq 1 600); do
  curl -fs -o /dev/null "$BASE/actuator/health/readiness" && break
  kill -0 "$APP_PID" 2>/dev/null || { log "the app died; see $RESULTS/app.log"; tail -30 "$RESULTS/app.log" >&2; exit 1; }
  sleep 0.2
done
JPID=$(pgrep -P "$APP_PID" java || echo "$APP_PID")
log "app ready on port $PORT (pid $JPID)"

poll() { # location -> final JSON
  local state
  while true; do
    state=$(curl -fsS "$BASE$1" -H "Authorization: Bearer $ADMIN_KEY")
    [[ $(jq -r .status <<<"$state") != RUNNING ]] && break
    sleep 0.5
  done
  echo "$state"
}

# --- the contacts (not timed) -----------------------------------------------------------------
curl -fsS -X POST "$BASE/api/v1/contacts/imports" -H "Authorization: Bearer $ADMIN_KEY" \
  -H 'Content-Type: text/csv' --data-binary "@$CONTACT_CSV" -D "$RESULTS/contacts-headers.txt" -o /dev/null
location=$(awk 'tolower($1) == "location:" { print $2 }' "$RESULTS/contacts-headers.txt" | tr -d '\r')
log "contacts: $(poll "$location" | jq -c '{status, processed, created}')"

(while sleep 1; do jstat -gc "$JPID" 2>/dev/null | awk 'NR == 2 { printf "%d\n", $3 + $4 + $6 + $8 }'; done) \
  >"$RESULTS/heap-used-kib.txt" &
SAMPLER_PID=$!

# --- the history ------------------------------------------------------------------------------
# CPU ticks (1/100 s) used so far by the app and by the PostgreSQL backends of the database
ticks() { awk '{ s = $0; sub(/.*\) /, "", s); split(s, f, " "); t += f[12] + f[13] } END { print t + 0 }' "$@" 2>/dev/null || echo 0; }
pg_pids() { $PG -d "$DB" -tAc "SELECT pid FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()"; }
pg_ticks() { local files=(); for p in $(pg_pids); do files+=("/proc/$p/stat"); done; ticks "${files[@]}"; }

declare -a RESULT
import_once() { # pass
  local pass=$1 started uploaded finished location state seconds java0 pg0 java1 pg1
  java0=$(ticks "/proc/$JPID/stat")
  pg0=$(pg_ticks)
  started=$(now)
  curl -fsS -X POST "$BASE/api/v1/contacts/history" -H "Authorization: Bearer $ADMIN_KEY" \
    -H 'Content-Type: text/csv' --data-binary "@$HISTORY_CSV" -D "$RESULTS/upload-headers-$pass.txt" \
    -o "$RESULTS/upload-$pass.json"
  uploaded=$(now)
  location=$(awk 'tolower($1) == "location:" { print $2 }' "$RESULTS/upload-headers-$pass.txt" | tr -d '\r')
  log "pass $pass: uploaded in $(elapsed "$started" "$uploaded") s; polling $location"
  state=$(poll "$location")
  finished=$(now)
  java1=$(ticks "/proc/$JPID/stat")
  pg1=$(pg_ticks)
  echo "$state" >"$RESULTS/import-$pass.json"
  curl -fsS "$BASE$location/rejected" -H "Authorization: Bearer $ADMIN_KEY" -o "$RESULTS/rejected-$pass.csv"
  seconds=$(elapsed "$started" "$finished")
  RESULT[$pass]="pass $pass: upload $(elapsed "$started" "$uploaded") s; upload -> $(jq -r .status <<<"$state"): $seconds s ($(awk -v n="$LINES" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }') lines/s); $(jq -c '{processed, imported, invalid, error}' <<<"$state"); rejected CSV lines: $(($(wc -l <"$RESULTS/rejected-$pass.csv") - 1)); CPU: java $(awk -v a="$java0" -v b="$java1" 'BEGIN { printf "%.1f", (b - a) / 100 }') s, PostgreSQL backends $(awk -v a="$pg0" -v b="$pg1" 'BEGIN { printf "%.1f", (b - a) / 100 }') s; load $(cut -d' ' -f1 /proc/loadavg)"
}
import_once 1
[[ "$UPDATES" == 1 ]] && import_once 2
kill "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""
ROWS=$($PG -d "$DB" -tAc "SELECT count(*) FROM $SCHEMA.engagement_history")
PEAK=$(sort -n "$RESULTS/heap-used-kib.txt" | tail -1)

{
  echo "IA Bulk history import benchmark — $(date -u)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg) (shared with other work); $("$JAVA" -version 2>&1 | head -1)"
  echo "PostgreSQL $($PG -d "$DB" -tAc 'SHOW server_version'); JVM -Xmx512m $JAVA_OPTS"
  echo "file: $LINES lines, $SIZE bytes, $CONTACTS contacts"
  printf '%s\n' "${RESULT[@]}"
  echo "rows in engagement_history: $ROWS ($($PG -d "$DB" -tAc "SELECT pg_size_pretty(pg_total_relation_size('$SCHEMA.engagement_history'))"))"
  echo "peak used heap (jstat, 1 s samples): $((PEAK / 1024)) MiB"
  grep -o 'History import [0-9]* finished.*' "$RESULTS/app.log" || true
} | tee "$RESULTS/summary.txt"
