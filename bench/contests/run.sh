#!/usr/bin/env bash
# Contest benchmarks (issue 2, section 5), end to end:
#   bench/contests/run.sh [postgres|embedded]
#
# 1. builds target/iabulk.jar if it is missing;
# 2. makes a fresh store (PostgreSQL database iabulk_bench + Redis keys under iabulk-bench:, or an
#    H2 file database under bench/work/embedded/data), starts the app once to migrate it and
#    creates an active contest with requireConfirmation: true;
# 3. stops the app and loads PARTICIPANTS participants with set-based SQL (timed);
# 4. starts the app again (-Xmx512m, GC log) and times the leaderboard rebuild;
# 5. warms up, then runs wrk --latency on leaderboard top-10, participant status and signups;
# 6. records heap (jcmd GC.heap_info, GC log) and CPU per process, stops the app, prints a summary.
#
# Everything lands in bench/results/<mode>-<UTC time>/ (git-ignored). Knobs (environment):
#   PARTICIPANTS=1000000  DURATION=30s  WARMUP=10s (per endpoint, at least)  WARMUP_TOTAL=30s (all of
#   them together, at least)  THREADS=2  CONNECTIONS=64
#   SIGNUP_CONNECTIONS=$CONNECTIONS   ENDPOINTS="leaderboard participant signup"
#   (also: page = the signup page /c/bench, statuspage = /p/{code}, both with the top 10 on them;
#   search = the admin participant list: deep pages, an address search, the unconfirmed ones, then
#   the CSV export of every participant, timed)
#   REFERRER=n      signups all through participant n's link (one large account's launch spike)
#   REUSE=1         keep the database loaded by the previous run of this mode (skips 2-3)
#   RATE_LIMIT=off  or a number: rate limiting on, with that many requests/s per client IP
#   JFR=1           record a Java Flight Recording of the measured runs (results dir)
#   PORT=18080      JAVA_OPTS="..." extra JVM options
set -euo pipefail

MODE=${1:-postgres}
case "$MODE" in postgres | embedded) ;; *) echo "usage: $0 [postgres|embedded]" >&2; exit 2 ;; esac

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAR=${JAR:-"$ROOT/target/iabulk.jar"} # JAR=/path/to/other.jar: measure another build (an A/B)

PARTICIPANTS=${PARTICIPANTS:-1000000}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
WARMUP_TOTAL=${WARMUP_TOTAL:-30s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
SIGNUP_CONNECTIONS=${SIGNUP_CONNECTIONS:-$CONNECTIONS}
ENDPOINTS=${ENDPOINTS:-leaderboard participant signup}
REUSE=${REUSE:-0}
RATE_LIMIT=${RATE_LIMIT:-off}
JFR=${JFR:-0}
PORT=${PORT:-18080}
JAVA_OPTS=${JAVA_OPTS:-}

DB=iabulk_bench
PG="psql -X -q -U postgres -h localhost"
REDIS_PREFIX="iabulk-bench:"
ADMIN_KEY="bench-admin-key"
BASE="http://127.0.0.1:$PORT"
WORK="$ROOT/bench/work/$MODE"
DATA_DIR="$WORK/data"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS="$ROOT/bench/results/$MODE-$STAMP"
mkdir -p "$WORK" "$RESULTS"
SUMMARY="$RESULTS/summary.txt"
APP_PID=""

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$RESULTS/run.log" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# --- prerequisites -----------------------------------------------------------------------------
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
command -v jq >/dev/null || apt-get install -y jq >/dev/null
if [[ ! -f "$JAR" ]]; then
  log "building $JAR"
  (cd "$ROOT" && ./mvnw -q -DskipTests package)
fi

# --- the application ---------------------------------------------------------------------------
# Environment of the app: production mode needs the datasource and Redis URLs; embedded mode must
# see neither (the runtime mode is decided from their absence).
app_env() {
  local env=(-u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATA_REDIS_URL
    -u SPRING_MAIL_HOST -u SPRING_MAIL_PORT
    IABULK_ADMIN_API_KEY="$ADMIN_KEY"
    IABULK_PLATFORM_ADMIN_API_KEY="$ADMIN_KEY" # IABULK_ADMIN_API_KEY alone is not bound (see docs/benchmarks.md)
    IABULK_PLATFORM_DATA_DIR="$DATA_DIR"
    IABULK_PLATFORM_REDIS_KEY_PREFIX="$REDIS_PREFIX"
    IABULK_PLATFORM_DEMO_DATA=false # the loader numbers contacts and participants from 1
    # the daily training and scoring of every contact have their own benchmarks (bench/intelligence);
    # started on the first boot they would run in the middle of these measurements
    IABULK_INTELLIGENCE_TRAINING_ENABLED=false
    IABULK_INTELLIGENCE_SCORING_ENABLED=false)
  if [[ "$MODE" == postgres ]]; then
    env+=(SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:5432/$DB"
      SPRING_DATASOURCE_USERNAME=postgres
      SPRING_DATA_REDIS_URL=redis://localhost:6379)
  fi
  if [[ "$RATE_LIMIT" == off ]]; then
    env+=(IABULK_PLATFORM_RATE_LIMIT_ENABLED=false)
  else
    env+=(IABULK_PLATFORM_RATE_LIMIT_ENABLED=true IABULK_PLATFORM_RATE_LIMIT_REQUESTS_PER_SECOND="$RATE_LIMIT")
  fi
  printf '%s\n' "${env[@]}"
}

start_app() { # label [extra JVM options...]
  local label=$1; shift
  local opts=(-Xmx512m "-Xlog:gc:file=$RESULTS/gc-$label.log:uptime" $JAVA_OPTS "$@")
  mapfile -t envs < <(app_env)
  echo "env ${envs[*]} $JAVA ${opts[*]} -jar $JAR --server.port=$PORT" >"$RESULTS/app-$label.cmd"
  (cd "$WORK" && exec env "${envs[@]}" "$JAVA" "${opts[@]}" -jar "$JAR" --server.port="$PORT" \
    >"$RESULTS/app-$label.log" 2>&1) &
  APP_PID=$!
  APP_LOG="$RESULTS/app-$label.log"
}

wait_ready() {
  for _ in $(seq 1 600); do
    if curl -fs -o /dev/null "$BASE/actuator/health/readiness"; then return 0; fi
    kill -0 "$APP_PID" 2>/dev/null || { log "the app died; see $APP_LOG"; tail -30 "$APP_LOG" >&2; exit 1; }
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

clean_redis() {
  redis-cli --scan --pattern "${REDIS_PREFIX}*" | xargs -r -n 500 redis-cli DEL >/dev/null
}

cleanup() {
  stop_app
  [[ "$MODE" == postgres ]] && clean_redis
  return 0
}
trap cleanup EXIT

admin() { # method path [json]
  curl -fsS -X "$1" -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
    ${3:+-d "$3"} "$BASE$2"
}

# --- 1-3: a fresh store with a contest and PARTICIPANTS participants ------------------------------
if [[ "$REUSE" == 1 && -f "$WORK/state.env" ]]; then
  source "$WORK/state.env"
  log "reusing the data loaded on $LOADED_AT (contest $CONTEST, $PARTICIPANTS participants)"
else
  log "fresh $MODE store"
  rm -rf "$DATA_DIR" "$WORK/state.env"
  if [[ "$MODE" == postgres ]]; then
    $PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
    clean_redis
  fi
  start_app migrate
  wait_ready
  CONTEST=$(admin POST /api/v1/contests '{"name":"Bench contest","slug":"bench","requireConfirmation":true}' | jq -r .id)
  admin POST "/api/v1/contests/$CONTEST/activate" >/dev/null
  stop_app
  log "contest $CONTEST created and activated; loading $PARTICIPANTS participants"

  load_started=$(now)
  if [[ "$MODE" == postgres ]]; then
    $PG -d "$DB" -v n="$PARTICIPANTS" -v contest_id="$CONTEST" -f "$HERE/load-postgres.sql" >"$RESULTS/load.log" 2>&1
  else
    H2_JAR="$ROOT/bench/work/h2.jar"
    [[ -f "$H2_JAR" ]] || unzip -p "$JAR" "$(unzip -Z1 "$JAR" | grep 'BOOT-INF/lib/h2-.*\.jar')" >"$H2_JAR"
    sed -e "s/@N@/$PARTICIPANTS/g" -e "s/@N1@/$((PARTICIPANTS + 1))/g" -e "s/@CONTEST@/$CONTEST/g" \
      "$HERE/load-h2.sql" >"$WORK/load-h2.sql"
    "$JAVA" -Xmx4g -cp "$H2_JAR" org.h2.tools.RunScript \
      -url "jdbc:h2:file:$DATA_DIR/iabulk;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
      -user sa -script "$WORK/load-h2.sql" >"$RESULTS/load.log" 2>&1
  fi
  LOAD_SECONDS=$(elapsed "$load_started" "$(now)")
  LOADED_AT=$(date -u +%FT%TZ)
  printf 'CONTEST=%s\nPARTICIPANTS=%s\nLOAD_SECONDS=%s\nLOADED_AT=%s\n' \
    "$CONTEST" "$PARTICIPANTS" "$LOAD_SECONDS" "$LOADED_AT" >"$WORK/state.env"
  log "loaded in $LOAD_SECONDS s"
fi

# --- 4: start and time the rebuild of the leaderboard store --------------------------------------
[[ "$MODE" == postgres ]] && clean_redis # the sorted set is rebuilt from scratch
rm -rf "$DATA_DIR/outbox"
started=$(now)
start_app bench
wait_ready
ready=$(now)
until grep -q "Leaderboard of contest $CONTEST rebuilt" "$APP_LOG"; do
  kill -0 "$APP_PID" 2>/dev/null || { log "the app died; see $APP_LOG"; exit 1; }
  sleep 0.1
done
rebuilt=$(now)
curl -fsS -o /dev/null "$BASE/api/v1/contests/$CONTEST/leaderboard?limit=10"
serving=$(now)
REBUILD_LINE=$(grep "Leaderboard of contest $CONTEST rebuilt" "$APP_LOG" | tail -1 | sed 's/.*Leaderboard/Leaderboard/')
REBUILD_MS=$(sed -E 's/.* in ([0-9]+) ms.*/\1/' <<<"$REBUILD_LINE")
START_SECONDS=$(elapsed "$started" "$serving")
log "ready after $(elapsed "$started" "$ready") s; $REBUILD_LINE; serving from the store after $START_SECONDS s"
jcmd "$APP_PID" GC.heap_info >"$RESULTS/heap-after-rebuild.txt" 2>&1 || true

# the participant pages as a shared link shows them: branded, with the live top 10 on the page
if [[ " $ENDPOINTS " == *" page "* || " $ENDPOINTS " == *" statuspage "* ]]; then
  admin PATCH "/api/v1/contests/$CONTEST" '{"showLeaderboard":true,"prize":"A year of coffee","accentColor":"#1d4ed8","description":"Invite your friends: **every** confirmed friend moves you up.\n\n- 3 friends: a sticker pack\n- 10 friends: a mug","terms":"One entry per person. Winners are drawn at the end."}' >/dev/null
fi

# --- 5: wrk ----------------------------------------------------------------------------------------
export BENCH_DIR="$HERE" PARTICIPANTS CONTEST

cpu_of() { # cumulated CPU seconds of processes named $1 (or of pid $2); for postgres, the
  # backends serving our database only (other sessions may use the shared server meanwhile). Read
  # from /proc in clock ticks: `ps -o times` counts whole seconds, which rounds a backend's share away
  local pids
  if [[ -n "${2:-}" ]]; then pids=$2
  elif [[ "$1" == postgres ]]; then pids=$(ps -eo pid=,args= | awk -v db=" $DB " 'index($0, db) && /postgres: / { print $1 }')
  else pids=$(pgrep -x "$1" || true); fi
  local total=0 pid
  for pid in $pids; do
    [[ -r /proc/$pid/stat ]] || continue
    total=$((total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  awk -v t="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }'
}

busy_ticks() { # CPU ticks the whole machine spent busy (all but idle and iowait), from /proc/stat
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
}

wrk_run() { # name script connections duration
  local name=$1 script=$2 conns=$3 duration=$4 url
  case "$name" in
    leaderboard*) url="$BASE/api/v1/contests/$CONTEST/leaderboard?limit=10" ;;
    participant*) url="$BASE/api/v1/participants/" ;;
    signup*) url="$BASE/api/v1/contests/$CONTEST/signups" ;;
    page*) url="$BASE/c/bench" ;;
    statuspage*) url="$BASE/p/" ;;
    search*) url="$BASE/api/v1/contests/$CONTEST/participants" ;;
  esac
  local j0 p0 r0 s0 t0 t1
  j0=$(cpu_of java "$APP_PID"); p0=$(cpu_of postgres); r0=$(cpu_of redis-server); s0=$(busy_ticks); t0=$(now)
  (sleep "$(( ${duration%s} / 2 ))" && top -b -n 1 -w 200 | sed -n '1,5p;7,16p' >"$RESULTS/top-$name.txt") &
  /usr/bin/time -f '%U %S' -o "$RESULTS/wrk-$name.time" \
    wrk -t"$THREADS" -c"$conns" -d"$duration" --timeout 5s --latency -s "$HERE/$script" "$url" \
    >"$RESULTS/wrk-$name.txt" 2>&1
  t1=$(now)
  local secs; secs=$(elapsed "$t0" "$t1")
  awk -v j0="$j0" -v j1="$(cpu_of java "$APP_PID")" -v p0="$p0" -v p1="$(cpu_of postgres)" \
    -v r0="$r0" -v r1="$(cpu_of redis-server)" -v s="$secs" -v w="$(cat "$RESULTS/wrk-$name.time")" \
    -v s0="$s0" -v s1="$(busy_ticks)" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { split(w, t, " "); m = (s1 - s0) / hz / s; j = (j1 - j0) / s; p = (p1 - p0) / s; r = (r1 - r0) / s
      x = (t[1] + t[2]) / s
      printf "cpu_cores machine=%.2f java=%.2f postgres=%.2f redis=%.2f wrk=%.2f other=%.2f\n", m, j, p, r, x, m - j - p - r - x }' \
    >>"$RESULTS/wrk-$name.txt"
  grep -q '^RESULT' "$RESULTS/wrk-$name.txt" && awk -v j0="$j0" -v j1="$(cpu_of java "$APP_PID")" \
    '/^RESULT/ { split($2, r, "="); if (r[2] > 0) printf "java_cpu_per_request_us=%.0f\n", (j1 - j0) * 1e6 / r[2] }' \
    "$RESULTS/wrk-$name.txt" >>"$RESULTS/wrk-$name.txt"
}

drain() { # name: waits until the signups' follow-up work (event listeners: emails, webhook rows) is
  # done, so it does not run into the next measurement; records how long that took
  [[ "$MODE" == postgres ]] || return 0
  local t0 n; t0=$(now)
  for _ in $(seq 1 1200); do
    n=$($PG -d "$DB" -tA -c "SELECT count(*) FROM event_publication WHERE completion_date IS NULL")
    [[ "$n" == 0 ]] && break
    sleep 0.5
  done
  echo "drain_s=$(elapsed "$t0" "$(now)") incomplete_after=$n" >>"$RESULTS/wrk-$1.txt"
  log "$1: follow-up work drained in $(elapsed "$t0" "$(now)") s (incomplete event publications left: $n)"
}

# The JIT needs about half a minute of load on these 2 cores before a request's cost settles (an
# endpoint measured after a 10 s warm-up alone cost twice the CPU it cost after 30 s: docs/benchmarks.md),
# so each endpoint's warm-up is stretched until all of them together last WARMUP_TOTAL.
count=$(wc -w <<<"$ENDPOINTS")
warm=$(( ${WARMUP%s} > ${WARMUP_TOTAL%s} / count ? ${WARMUP%s} : (${WARMUP_TOTAL%s} + count - 1) / count ))s
for e in $ENDPOINTS; do
  log "warm-up $e ($warm)"
  wrk_run "$e-warmup" "$e.lua" "$([[ $e == signup ]] && echo "$SIGNUP_CONNECTIONS" || echo "$CONNECTIONS")" "$warm"
  [[ $e == signup ]] && drain "$e-warmup"
done
if [[ "$JFR" == 1 ]]; then
  jcmd "$APP_PID" JFR.start name=bench settings=profile filename="$RESULTS/bench.jfr" >/dev/null
fi
for e in $ENDPOINTS; do
  log "measuring $e ($DURATION)"
  wrk_run "$e" "$e.lua" "$([[ $e == signup ]] && echo "$SIGNUP_CONNECTIONS" || echo "$CONNECTIONS")" "$DURATION"
  jcmd "$APP_PID" GC.heap_info >"$RESULTS/heap-after-$e.txt" 2>&1 || true
  grep -E 'RESULT|cpu_cores|per_request' "$RESULTS/wrk-$e.txt" | sed "s/^/  $e: /" >&2
  [[ $e == signup ]] && drain "$e"
done
if [[ "$JFR" == 1 ]]; then jcmd "$APP_PID" JFR.stop name=bench >/dev/null; fi

# the participant list's CSV export (ADR 0030): every participant in one streamed file
if [[ " $ENDPOINTS " == *" search "* ]]; then
  log "exporting every participant as CSV"
  t0=$(now)
  curl -fsS -H "Authorization: Bearer $ADMIN_KEY" -H 'Accept: text/csv' \
    "$BASE/api/v1/contests/$CONTEST/participants" -o "$RESULTS/participants.csv"
  t1=$(now)
  rows=$(($(wc -l <"$RESULTS/participants.csv") - 1))
  jcmd "$APP_PID" GC.heap_info >"$RESULTS/heap-after-export.txt" 2>&1 || true
  echo "export rows=$rows seconds=$(elapsed "$t0" "$t1") bytes=$(stat -c %s "$RESULTS/participants.csv")" \
    | tee -a "$RESULTS/wrk-search.txt" >&2
  rm -f "$RESULTS/participants.csv"
fi

# what the signups left behind: confirmation emails written, event publications not yet completed
sleep 3
OUTBOX=$( (find "$DATA_DIR/outbox" -name '*.eml' 2>/dev/null || true) | wc -l)
PENDING_EVENTS="n/a"
if [[ "$MODE" == postgres ]]; then
  PENDING_EVENTS=$($PG -d "$DB" -tA -c "SELECT count(*) FROM event_publication WHERE completion_date IS NULL")
fi
RSS_MB=$(ps -o rss= -p "$APP_PID" | awk '{ printf "%d", $1 / 1024 }')
stop_app

# --- 6: summary ---------------------------------------------------------------------------------------
gc_summary() { # worst heap after GC, peak before GC, pause count / p99 / max, from a -Xlog:gc file
  grep -hoE '[0-9]+M->[0-9]+M\([0-9]+M\) [0-9.]+ms' "$@" | sed -E 's/M->|M\(|M\) |ms/ /g' | sort -k4 -n |
    awk '{ before[NR] = $1; after = ($2 > after ? $2 : after); peak = ($1 > peak ? $1 : peak);
           committed = ($3 > committed ? $3 : committed); p[NR] = $4 }
         END { if (NR == 0) { print "no GC"; exit }
               i = int(NR * 0.99); if (i < 1) i = 1
               printf "GCs=%d peak_used=%dM max_after_gc=%dM max_committed=%dM pause_p99=%.1fms pause_max=%.1fms\n",
                 NR, peak, after, committed, p[i], p[NR] }'
}
{
  echo "IA Bulk contest benchmark — $MODE — $(date -u)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB; $("$JAVA" -version 2>&1 | head -1)"
  [[ "$MODE" == postgres ]] && echo "PostgreSQL $($PG -d "$DB" -tA -c 'SHOW server_version'), Redis $(redis-cli INFO server | awk -F: '/redis_version/ { print $2 }' | tr -d '\r')"
  echo "settings: rate limit $RATE_LIMIT; wrk -t$THREADS -c$CONNECTIONS (signups -c$SIGNUP_CONNECTIONS) -d$DURATION; JVM -Xmx512m $JAVA_OPTS"
  echo "participants: $PARTICIPANTS in contest $CONTEST; load ${LOAD_SECONDS} s (loaded $LOADED_AT)"
  echo "start: $REBUILD_LINE; launch -> serving from the store: $START_SECONDS s"
  for e in $ENDPOINTS; do
    printf '%-12s %s\n' "$e" "$(grep RESULT "$RESULTS/wrk-$e.txt" | cut -d' ' -f2-)"
    printf '%-12s %s %s\n' "" "$(grep cpu_cores "$RESULTS/wrk-$e.txt")" "$(grep java_cpu_per "$RESULTS/wrk-$e.txt")"
    if grep -q drain_s "$RESULTS/wrk-$e.txt"; then
      printf '%-12s follow-up work after the run: %s\n' "" "$(grep drain_s "$RESULTS/wrk-$e.txt")"
    fi
  done
  echo "confirmation emails in the outbox: $OUTBOX; incomplete event publications: $PENDING_EVENTS"
  echo "heap (GC log of the whole run: rebuild, warm-ups, measured runs): $(gc_summary "$RESULTS/gc-bench.log")"
  echo "heap after the signup run: $(grep -A1 'garbage-first heap' "$RESULTS/heap-after-${ENDPOINTS##* }.txt" | tr -s ' \n' ' ')"
  echo "process RSS at the end: ${RSS_MB} MB"
} | tee "$SUMMARY"
log "results in $RESULTS"
