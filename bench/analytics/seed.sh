#!/usr/bin/env bash
# Seeds the PostgreSQL database of the analytics benchmark (issue 4, "Performance") at the issue's
# scale: 10,000,000 email_sends rows (20 campaigns x 500,000 contacts), their exact status counts
# and tracking link tables, 50,000,000 raw analytics_events over the last 7 days' partitions, and
# the minute/hour/day rollups consistent with both.
#
#   bench/analytics/seed.sh            # seeds what is missing; does nothing when already seeded
#   bench/analytics/seed.sh --reset    # drops and re-creates the database first
#   bench/analytics/seed.sh --verify   # only starts the app on the seeded database and calls the reports
#   CAMPAIGNS=2 PER_CAMPAIGN=1000 EVENTS=100000 DB=iabulk_bench_smoke bench/analytics/seed.sh --reset
#
# 1. builds target/iabulk.jar if it is missing;
# 2. creates the database if missing and starts the app on it once (Flyway migrations and the
#    day partitions of analytics_events come from the application itself), then stops it;
# 3. loads with set-based SQL, each step skipped when its rows are already there (so a failed run
#    resumes): contacts (bench/delivery/seed-contacts.sql), template and campaigns
#    (seed-base.sql), send rows + status counts + tracking links (seed-sends.sql), raw events
#    derived from the sends (seed-events-sends.sql) and custom events (seed-events-custom.sql, in
#    PARALLEL ranges), rollups (seed-rollups.sql); the secondary indexes of email_sends and the key
#    of analytics_events are dropped around their load and rebuilt after (indexes-off/on.sql);
# 4. ANALYZE, then prints the step times and the table sizes;
# 5. starts the app on the seeded database (it must come up), calls the campaign reports once and
#    measures their sequential latency (latency.py, REQUESTS per report shape; 0 skips it).
#
# All times are relative to T0 (a minute before the first run; kept by a resumed run, derived from
# the first campaign's start). The oldest day partition is dropped by the app's retention once
# that day is more than 7 days old: re-seed (--reset) for a benchmark on a later day.
#
# Knobs (environment): DB=iabulk_analytics CAMPAIGNS=20 PER_CAMPAIGN=500000 EVENTS=50000000
#   PARALLEL=2 (psql sessions loading custom events; at most 2 on the shared machine)
#   CHUNKS=14 (ranges of custom events) VERIFY=1 REQUESTS=300 PORT=<free> LOG_DIR=bench/work/analytics
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/target/iabulk.jar"

DB=${DB:-iabulk_analytics}
CAMPAIGNS=${CAMPAIGNS:-20}
PER_CAMPAIGN=${PER_CAMPAIGN:-500000}
EVENTS=${EVENTS:-50000000}
PARALLEL=${PARALLEL:-2}
CHUNKS=${CHUNKS:-14}
VERIFY=${VERIFY:-1}
REQUESTS=${REQUESTS:-300}
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
WORK=${LOG_DIR:-$ROOT/bench/work/analytics}
ADMIN_KEY="bench-admin-key"
REDIS_PREFIX="iabulk-bench-analytics:"
BASE="http://127.0.0.1:$PORT"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -U postgres)
SENDS=$((CAMPAIGNS * PER_CAMPAIGN))
RESET=0
VERIFY_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --reset) RESET=1 ;;
    --verify) VERIFY_ONLY=1 ;;
    *) echo "usage: $0 [--reset | --verify]" >&2; exit 2 ;;
  esac
done
((PARALLEL >= 1 && PARALLEL <= 2)) || { echo "PARALLEL must be 1 or 2" >&2; exit 2; }
mkdir -p "$WORK"
APP_PID=""
STARTED=$(date +%s)
TIMINGS=()

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
sql() { "${PSQL[@]}" -d "$DB" -At -c "$1"; }
run_sql() { "${PSQL[@]}" -d "$DB" "$@"; }
step() { # name command...: runs and records the time of a step
  local name=$1 t0 t1; shift
  log "step $name ..."
  t0=$(date +%s.%N)
  "$@"
  t1=$(date +%s.%N)
  TIMINGS+=("$(awk -v n="$name" -v a="$t0" -v b="$t1" 'BEGIN { printf "%-16s %8.1f s", n, b - a }')")
  log "step $name done in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"
}

# --- the application: started once for the migrations, and at the end to verify ---------------------
start_app() { # label
  (cd "$WORK" && exec env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATA_REDIS_URL \
    IABULK_ADMIN_API_KEY="$ADMIN_KEY" IABULK_PLATFORM_ADMIN_API_KEY="$ADMIN_KEY" \
    IABULK_PUBLIC_URL="https://bench.example.test" IABULK_PLATFORM_DATA_DIR="$WORK/data" \
    IABULK_PLATFORM_REDIS_KEY_PREFIX="$REDIS_PREFIX" IABULK_PLATFORM_DEMO_DATA=false \
    IABULK_PLATFORM_RATE_LIMIT_ENABLED=false \
    SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
    SPRING_DATA_REDIS_URL=redis://localhost:6379 \
    "$JAVA" -Xmx512m -jar "$JAR" --server.port="$PORT" >"$WORK/app-$1.log" 2>&1) &
  APP_PID=$!
  local t0=$(date +%s)
  for _ in $(seq 1 3000); do # at most 10 minutes: the first start migrates, and the cores are shared
    if curl -fs -o /dev/null "$BASE/actuator/health/readiness"; then
      log "app ready after $(($(date +%s) - t0)) s (log: $WORK/app-$1.log)"
      return 0
    fi
    kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/app-$1.log" >&2; die "the app died; see $WORK/app-$1.log"; }
    sleep 0.2
  done
  die "the app did not become ready"
}

stop_app() {
  [[ -n "$APP_PID" ]] || return 0
  kill "$APP_PID" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

cleanup() {
  stop_app
  redis-cli --scan --pattern "${REDIS_PREFIX}*" 2>/dev/null | xargs -r -n 500 redis-cli DEL >/dev/null 2>&1 || true
}
trap cleanup EXIT

verify() {
  step app-start start_app verify
  for path in "/api/v1/campaigns/1/summary" "/api/v1/campaigns/1/performance?granularity=day"; do
    curl -sS -o "$WORK/verify.json" -w "GET $path -> %{http_code} in %{time_total} s\n" \
      -H "Authorization: Bearer $ADMIN_KEY" "$BASE$path" >&2 || true
    head -c 600 "$WORK/verify.json" >&2
    echo >&2
  done
  if [[ "$REQUESTS" -gt 0 ]]; then
    log "sequential latency of the reports ($REQUESTS requests per shape, random campaigns)"
    python3 "$HERE/latency.py" --port "$PORT" --key "$ADMIN_KEY" --campaigns "$CAMPAIGNS" --requests "$REQUESTS" >&2
  fi
  stop_app
}

sizes() {
  run_sql -c "SELECT relname AS table, to_char(n, 'FM999,999,999,990') AS rows, pg_size_pretty(size) AS total_size
              FROM (SELECT c.relname, pg_total_relation_size(c.oid) AS size,
                           CASE WHEN c.relkind = 'p'
                                THEN (SELECT sum(p.reltuples)::bigint FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid
                                      WHERE i.inhparent = c.oid)
                                ELSE c.reltuples::bigint END AS n
                    FROM pg_class c
                    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
                      AND c.relname NOT LIKE 'analytics_events_%') AS t
              WHERE size > 100000 OR relname = 'analytics_events' ORDER BY size DESC"
  # pg_total_relation_size of a partitioned parent is 0: sum its partitions
  run_sql -c "SELECT 'analytics_events (all partitions)' AS table,
                     pg_size_pretty(sum(pg_total_relation_size(i.inhrelid))) AS total_size, count(*) AS partitions
              FROM pg_inherits i WHERE i.inhparent = 'analytics_events'::regclass"
  run_sql -c "SELECT pg_size_pretty(pg_database_size(current_database())) AS database_size"
}

# --- 1. jar, database, migrations ------------------------------------------------------------------------
if [[ ! -f "$JAR" ]]; then
  log "building $JAR"
  (cd "$ROOT" && { ./mvnw -o -q -DskipTests package || ./mvnw -q -DskipTests package; })
fi
if [[ "$VERIFY_ONLY" == 1 ]]; then
  verify
  exit 0
fi
if [[ "$RESET" == 1 ]]; then
  log "dropping database $DB"
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
fi
if [[ -z $("${PSQL[@]}" -d postgres -At -c "SELECT 1 FROM pg_database WHERE datname = '$DB'") ]]; then
  log "creating database $DB"
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB"
fi

count() { sql "SELECT count(*) FROM $1" 2>/dev/null || echo -1; }
mark_seeded() { # the scale of a finished seed, so a re-run need not count 60 million rows
  sql "CREATE TABLE IF NOT EXISTS bench_seed (campaigns INT, per_campaign BIGINT, events BIGINT, seeded_at TIMESTAMPTZ);
       DELETE FROM bench_seed;
       INSERT INTO bench_seed VALUES ($CAMPAIGNS, $PER_CAMPAIGN, $EVENTS, now())" >/dev/null
}
already_seeded() {
  log "$DB is already seeded at this scale ($SENDS sends, $EVENTS events); use --reset to seed again"
  sizes
  exit 0
}
if [[ $(sql "SELECT campaigns || ' ' || per_campaign || ' ' || events FROM bench_seed" 2>/dev/null) \
  == "$CAMPAIGNS $PER_CAMPAIGN $EVENTS" ]]; then
  # the app drops day partitions older than the retention period (7 days) when it starts
  kept=$(sql "SELECT coalesce(sum(c.reltuples), 0)::bigint FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
              WHERE i.inhparent = 'analytics_events'::regclass")
  ((kept * 100 >= EVENTS * 99)) || die "$DB holds about $kept events of $EVENTS: the oldest day partitions were dropped by retention; run with --reset"
  already_seeded
fi
if [[ $(count email_sends) == "$SENDS" && $(count analytics_events) == "$EVENTS" && $(count analytics_rollups_day) -gt 0 \
  && -z $(sql "SELECT 1 FROM pg_tables WHERE tablename = 'bench_saved_indexes'" 2>/dev/null) ]]; then
  mark_seeded
  already_seeded
fi
log "seeding $DB: $CAMPAIGNS campaigns x $PER_CAMPAIGN contacts = $SENDS sends, $EVENTS events"

step migrations start_app migrations
stop_app

# T0: all seeded times are before it; a resumed run takes it back from the first campaign
T0=$(sql "SELECT coalesce((SELECT started_at + interval '7 days' - interval '1 hour' FROM campaigns WHERE id = 1
                           AND name = 'Bench campaign 1'), date_trunc('minute', now()) - interval '1 minute')
          AT TIME ZONE 'UTC'")
T0="$T0+00"
log "T0 = $T0"
VARS=(-v "t0=$T0" -v "contacts=$PER_CAMPAIGN" -v "campaigns=$CAMPAIGNS")

# indexes dropped by a run that failed during a load come back first
for tbl in $(sql "SELECT DISTINCT tbl FROM bench_saved_indexes" 2>/dev/null || true); do
  log "restoring the indexes of $tbl dropped by a failed run"
  run_sql -v "tbl=$tbl" -f "$HERE/indexes-on.sql"
done

# --- 2. contacts, campaigns, sends ------------------------------------------------------------------------
n=$(count contacts)
if [[ "$n" == 0 ]]; then
  step contacts run_sql -v first=1 -v "last=$PER_CAMPAIGN" -f "$ROOT/bench/delivery/seed-contacts.sql"
elif [[ "$n" != "$PER_CAMPAIGN" ]]; then
  die "$DB holds $n contacts, not $PER_CAMPAIGN: run with --reset"
fi

n=$(count campaigns)
if [[ "$n" == 0 ]]; then
  step campaigns run_sql "${VARS[@]}" -f "$HERE/seed-base.sql"
elif [[ "$n" != "$CAMPAIGNS" ]]; then
  die "$DB holds $n campaigns, not $CAMPAIGNS: run with --reset"
fi

SEEDED_SENDS=0
n=$(count email_sends)
if [[ "$n" == 0 ]]; then
  load_sends() {
    run_sql -v tbl=email_sends -v keep_pk=true -f "$HERE/indexes-off.sql"
    run_sql "${VARS[@]}" -f "$HERE/seed-sends.sql"
    run_sql -v tbl=email_sends -f "$HERE/indexes-on.sql"
  }
  step sends load_sends
  SEEDED_SENDS=1
elif [[ "$n" != "$SENDS" ]]; then
  die "$DB holds $n send rows, not $SENDS: run with --reset"
fi

# --- 3. raw events ----------------------------------------------------------------------------------------
SEEDED_EVENTS=0
if [[ $(count analytics_events) != "$EVENTS" ]]; then
  run_sql -c "TRUNCATE analytics_events"
  run_sql -v tbl=analytics_events -v keep_pk=false -f "$HERE/indexes-off.sql"
  step events-sends run_sql "${VARS[@]}" -f "$HERE/seed-events-sends.sql"
  derived=$(count analytics_events)
  custom=$((EVENTS - derived))
  ((custom >= 0)) || die "the send rows alone gave $derived events, more than EVENTS=$EVENTS"
  log "$derived events derived from the sends; $custom custom events to go in $CHUNKS ranges, $PARALLEL at a time"
  load_custom() {
    for ((i = 0; i < CHUNKS; i++)); do
      echo "$((custom * i / CHUNKS + 1)) $((custom * (i + 1) / CHUNKS))"
    done | xargs -P "$PARALLEL" -L 1 sh -c '
      [ "$1" -le "$2" ] || exit 0
      "$0" -X -q -v ON_ERROR_STOP=1 -h localhost -U postgres -d "'"$DB"'" -v lo="$1" -v hi="$2" \
        -v total="'"$custom"'" -v t0="'"$T0"'" -v contacts="'"$PER_CAMPAIGN"'" -f "'"$HERE"'/seed-events-custom.sql" || exit 255
      echo "[$(date -u +%H:%M:%S)] custom events $1 .. $2 loaded" >&2' psql
  }
  step events-custom load_custom
  step events-key run_sql -v tbl=analytics_events -f "$HERE/indexes-on.sql"
  n=$(count analytics_events)
  [[ "$n" == "$EVENTS" ]] || die "analytics_events holds $n rows, not $EVENTS"
  SEEDED_EVENTS=1
fi

# --- 4. rollups, statistics ----------------------------------------------------------------------------
if [[ "$SEEDED_SENDS" == 1 || "$SEEDED_EVENTS" == 1 || $(count analytics_rollups_day) == 0 ]]; then
  step rollups run_sql "${VARS[@]}" -f "$HERE/seed-rollups.sql"
fi
if [[ $(sql "SELECT count(*) FROM contests WHERE slug = 'bench-analytics'") == 0 ]]; then
  # a contest of one participant per contact, for the contest analytics report
  step contest run_sql "${VARS[@]}" -v "participants=$PER_CAMPAIGN" -f "$HERE/seed-contest.sql"
fi
step analyze run_sql -c "ANALYZE"
mark_seeded

log "seeded in $(($(date +%s) - STARTED)) s"
printf '  %s\n' "${TIMINGS[@]}" >&2
sizes

# --- 5. the app starts on the seeded database ---------------------------------------------------------------
if [[ "$VERIFY" == 1 ]]; then
  verify
fi
