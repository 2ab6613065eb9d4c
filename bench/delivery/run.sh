#!/usr/bin/env bash
# Delivery benchmark (issue 3, "Performance"), end to end:
#   bench/delivery/run.sh                 # N=1000000, no DKIM
#   N=20000 bench/delivery/run.sh         # a quick run first
#   DKIM=1 REUSE=1 bench/delivery/run.sh  # RSA-2048 DKIM, contacts of the previous run kept
#
# 1. installs what is missing (postfix for smtp-sink/smtp-source, without starting its daemon; jq)
#    and builds target/iabulk.jar if it is missing;
# 2. fresh store (unless REUSE=1 finds N bench contacts): drops and re-creates the PostgreSQL
#    database iabulk_bench, starts the app once (migrations) against a *capturing* smtp-sink,
#    creates the template, sends a one-recipient campaign to contact 1 and keeps that message
#    (sample-dkim<0|1>.eml: the size smtp-source sends), stops the app, then inserts contacts
#    2..N with set-based SQL (seed-contacts.sql, timed);
# 3. starts a counting smtp-sink (sinkmon.py) on a free port and measures the machine's ceiling:
#    smtp-source -s SESSIONS -d -m CEILING_N -F <message> into that sink, timed;
# 4. starts the app (-Xmx512m, GC log) with SPRING_MAIL_HOST/PORT = the same sink, creates a
#    campaign for {"all": true}, POSTs start and polls GET /api/v1/campaigns/{id} every POLL s,
#    sampling the heap (hsperfdata, like jstat -gc) every HEAP_EVERY s, until FINISHED (or all N settled);
# 5. prints a summary (rate end to end, ceiling, ratio, time to first message at the sink, peak
#    heap, failed, sink count vs sent) to bench/results/delivery-<UTC time>.txt; logs, GC log,
#    progress and heap samples are in bench/results/delivery-<UTC time>/ (git-ignored).
#
# Knobs (environment):
#   N=1000000          contacts / recipients          CEILING_N=$N  messages of the ceiling run
#   SESSIONS=8         parallel SMTP sessions: smtp-source -s, the app's SMTP pool size and workers
#   DKIM=0|1           sign with a generated RSA-2048 key (bench/work/delivery/dkim.pem)
#   REUSE=1            keep the contacts and template of a previous run (skips step 2)
#   CEILING_ONLY=1     only step 3 (no app, no database)
#   JFR=1              record a Java Flight Recording of the campaign (results dir)
#   PORT=<free>        HTTP port of the app; SINK_PORT=<free>
#   POLL=1 HEAP_EVERY=2 TIMEOUT=3600 (s)   JAVA_OPTS="..."   APP_ENV="K=V K2=V2" (extra app env)
#   FROM=news@bench.example.test   FAKE_APP=bench/delivery/test/fake-app.py (tests this script)
set -euo pipefail

# --- property names of the delivery module (NOT FINAL: adjust to what was merged) -------------------
# Each is an environment variable of the app (Spring relaxed binding of iabulk.delivery.*); an
# empty name means "not passed".
ENV_SMTP_POOL_SIZE=IABULK_DELIVERY_SMTP_POOLSIZE        # persistent SMTP connections (= SESSIONS)
ENV_WORKERS=IABULK_DELIVERY_WORKERS                     # send workers (= SESSIONS: one connection each)
ENV_DKIM_ENABLED=                                       # (none: DKIM is on when domain, selector and key are set)
ENV_DKIM_DOMAIN=IABULK_DELIVERY_DKIM_DOMAIN             # d= of the signature
ENV_DKIM_SELECTOR=IABULK_DELIVERY_DKIM_SELECTOR         # s= of the signature
ENV_DKIM_PRIVATE_KEY=IABULK_DELIVERY_DKIM_PRIVATEKEYFILE # the key, in the format below (privateKey for pem text)
DKIM_KEY_FORMAT=${DKIM_KEY_FORMAT:-path}                # path (PEM file) | pem (PKCS#8 text) | der-base64
# Delivery throttling: the campaign sets no maxRatePerSecond; if the merged code has a global rate
# or a per-domain concurrency default that caps the run, lift it here (or with APP_ENV=...).
DELIVERY_ENV=(
  # IABULK_DELIVERY_GLOBAL_RATE_PER_SECOND=0
  # IABULK_DELIVERY_PER_DOMAIN_CONCURRENCY=64
)

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/target/iabulk.jar"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

N=${N:-1000000}
CEILING_N=${CEILING_N:-$N}
SESSIONS=${SESSIONS:-8}
DKIM=${DKIM:-0}
REUSE=${REUSE:-0}
CEILING_ONLY=${CEILING_ONLY:-0}
JFR=${JFR:-0}
PORT=${PORT:-$(free_port)}
SINK_PORT=${SINK_PORT:-$(free_port)}
POLL=${POLL:-1}
HEAP_EVERY=${HEAP_EVERY:-2}
TIMEOUT=${TIMEOUT:-3600}
JAVA_OPTS=${JAVA_OPTS:-}
APP_ENV=${APP_ENV:-}
FAKE_APP=${FAKE_APP:+$(realpath "$FAKE_APP")} # a stand-in for the jar, to test this script (bench/delivery/test/fake-app.py)

DB=iabulk_bench
PG="psql -X -q -U postgres -h localhost"
REDIS_PREFIX="iabulk-bench:"
ADMIN_KEY="bench-admin-key"
BASE="http://127.0.0.1:$PORT"
FROM=${FROM:-news@bench.example.test} # a bare address: the likeliest to pass any validation of `from`
DKIM_DOMAIN=bench.example.test
DKIM_SELECTOR=bench
WORK="$ROOT/bench/work/delivery"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS="$ROOT/bench/results/delivery-$STAMP"
SUMMARY_FILE="$ROOT/bench/results/delivery-$STAMP.txt"
mkdir -p "$WORK" "$RESULTS"
APP_PID=""
APP_LOG=""
SINKMON_PID=""
CAPTURE_PID=""
HEAP_PID=""
SINK_STATE="$RESULTS/sink.json"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$RESULTS/run.log" >&2; }
die() { log "FAILED: $*"; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f", a / b; else print "n/a" }'; }

# --- prerequisites ----------------------------------------------------------------------------------
apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >/dev/null 2>&1 ||
    { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >/dev/null; }
}
if [[ ! -x /usr/sbin/smtp-sink || ! -x /usr/sbin/smtp-source ]]; then
  log "installing postfix (for smtp-sink and smtp-source; its daemon is not configured or started)"
  # "No configuration": no main.cf, so the package does not start a mail server on port 25.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt_install postfix
  if postfix status >/dev/null 2>&1; then postfix stop >/dev/null 2>&1 || true; fi
fi
command -v jq >/dev/null || apt_install jq
command -v openssl >/dev/null || apt_install openssl
if [[ "$CEILING_ONLY" != 1 && -z "$FAKE_APP" && ! -f "$JAR" ]]; then
  log "building $JAR"
  (cd "$ROOT" && ./mvnw -q -DskipTests package)
fi

# --- processes: smtp-sink (counting or capturing), the app, the heap sampler -------------------------
start_sink() { # counting sink on SINK_PORT, state in $SINK_STATE
  python3 "$HERE/sinkmon.py" --port "$SINK_PORT" --state "$SINK_STATE" >"$RESULTS/sink.log" 2>&1 &
  SINKMON_PID=$!
  for _ in $(seq 1 50); do
    [[ -f "$SINK_STATE" ]] && (exec 3<>"/dev/tcp/127.0.0.1/$SINK_PORT") 2>/dev/null && return 0
    sleep 0.1
  done
  die "smtp-sink did not start on port $SINK_PORT; see $RESULTS/sink.log"
}
sink() { jq -r ".$1 // empty" "$SINK_STATE"; }
sink_cpu() { awk -v a="$(cpu_of x "$(sink pid)")" -v b="$(cpu_of x "$SINKMON_PID")" 'BEGIN { print a + b }'; } # smtp-sink + reader
sink_settle() { # waits until the sink's count stops moving (2 s), at most $1 s
  local last=-1 same=0 c
  for _ in $(seq 1 $(($1 * 5))); do
    c=$(sink count)
    if [[ "$c" == "$last" ]]; then same=$((same + 1)); else same=0; last=$c; fi
    ((same >= 10)) && return 0
    sleep 0.2
  done
}
new_sink_phase() { kill -USR1 "$SINKMON_PID"; sleep 0.3; }

stop_pid() { # pid [seconds]
  local pid=$1
  [[ -n "$pid" ]] || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((${2:-30} * 5))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

app_env() { # mail_port
  local env=(-u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATA_REDIS_URL
    -u SPRING_MAIL_HOST -u SPRING_MAIL_PORT
    IABULK_ADMIN_API_KEY="$ADMIN_KEY"
    IABULK_PLATFORM_ADMIN_API_KEY="$ADMIN_KEY"
    IABULK_PUBLIC_URL="https://bench.example.test"
    IABULK_PLATFORM_DATA_DIR="$WORK/data"
    IABULK_PLATFORM_REDIS_KEY_PREFIX="$REDIS_PREFIX"
    IABULK_PLATFORM_DEMO_DATA=false
    IABULK_PLATFORM_RATE_LIMIT_ENABLED=false
    SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:5432/$DB"
    SPRING_DATASOURCE_USERNAME=postgres
    SPRING_DATA_REDIS_URL=redis://localhost:6379
    SPRING_MAIL_HOST=127.0.0.1
    SPRING_MAIL_PORT="$1")
  [[ -n "$ENV_SMTP_POOL_SIZE" ]] && env+=("$ENV_SMTP_POOL_SIZE=$SESSIONS")
  [[ -n "$ENV_WORKERS" ]] && env+=("$ENV_WORKERS=$SESSIONS")
  if [[ "$DKIM" == 1 ]]; then
    local key
    case "$DKIM_KEY_FORMAT" in
      path) key="$WORK/dkim.pem" ;;
      pem) key=$(cat "$WORK/dkim.pem") ;;
      der-base64) key=$(openssl pkcs8 -topk8 -nocrypt -in "$WORK/dkim.pem" -outform DER | base64 -w0) ;;
      *) die "DKIM_KEY_FORMAT must be path, pem or der-base64" ;;
    esac
    [[ -n "$ENV_DKIM_ENABLED" ]] && env+=("$ENV_DKIM_ENABLED=true")
    env+=("$ENV_DKIM_DOMAIN=$DKIM_DOMAIN" "$ENV_DKIM_SELECTOR=$DKIM_SELECTOR" "$ENV_DKIM_PRIVATE_KEY=$key")
  fi
  env+=("${DELIVERY_ENV[@]}")
  [[ -n "$APP_ENV" ]] && read -r -a extra <<<"$APP_ENV" && env+=("${extra[@]}")
  printf '%s\0' "${env[@]}"
}

start_app() { # label mail_port [extra JVM options...]
  local label=$1 mail_port=$2; shift 2
  # shellcheck disable=SC2206 # JAVA_OPTS is a list of options
  local opts=(-Xmx512m "-Xlog:gc:file=$RESULTS/gc-$label.log:uptime" $JAVA_OPTS "$@")
  mapfile -d '' -t envs < <(app_env "$mail_port")
  # the command, without the text of a DKIM key passed in the environment
  local shown=("${envs[@]}")
  [[ "$DKIM_KEY_FORMAT" == path ]] || shown=("${shown[@]/#$ENV_DKIM_PRIVATE_KEY=*/$ENV_DKIM_PRIVATE_KEY=<key>}")
  echo "env ${shown[*]} $JAVA ${opts[*]} -jar $JAR --server.port=$PORT" >"$RESULTS/app-$label.cmd"
  if [[ -n "$FAKE_APP" ]]; then # testing the harness itself: bench/delivery/test/fake-app.py
    (cd "$WORK" && exec env "${envs[@]}" python3 "$FAKE_APP" --server.port="$PORT" >"$RESULTS/app-$label.log" 2>&1) &
  else
    (cd "$WORK" && exec env "${envs[@]}" "$JAVA" "${opts[@]}" -jar "$JAR" --server.port="$PORT" \
      >"$RESULTS/app-$label.log" 2>&1) &
  fi
  APP_PID=$!
  APP_LOG="$RESULTS/app-$label.log"
}

wait_ready() { # at most 10 minutes: the first start migrates, and the cores are shared
  for _ in $(seq 1 3000); do
    if curl -fs -o /dev/null "$BASE/actuator/health/readiness"; then return 0; fi
    kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$APP_LOG" >&2; die "the app died; see $APP_LOG"; }
    sleep 0.2
  done
  die "the app did not become ready"
}

stop_app() { stop_pid "$APP_PID" 30; APP_PID=""; }

clean_redis() { redis-cli --scan --pattern "${REDIS_PREFIX}*" | xargs -r -n 500 redis-cli DEL >/dev/null; }

cleanup() {
  stop_pid "$HEAP_PID" 2
  stop_app
  stop_pid "$SINKMON_PID" 5
  stop_pid "$CAPTURE_PID" 5
  [[ "$CEILING_ONLY" == 1 ]] || clean_redis
  return 0
}
trap cleanup EXIT

api() { # method path [json] -> body on stdout; fails (with the body in the log) on a non-2xx
  local out code
  out=$(curl -sS -X "$1" -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
    ${3:+--data-binary "$3"} -w '\n%{http_code}' "$BASE$2") || { log "$1 $2: curl failed"; return 1; }
  code=${out##*$'\n'}
  out=${out%$'\n'*}
  if [[ "$code" != 2?? ]]; then log "$1 $2 -> $code: $out"; return 1; fi
  printf '%s' "$out"
}

progress() { # campaign id -> one TSV line (progress.jq); also appended to progress.jsonl
  local body
  body=$(curl -fsS --max-time 5 -H "Authorization: Bearer $ADMIN_KEY" "$BASE/api/v1/campaigns/$1") || return 1
  printf '%s\t%s\n' "$(now)" "$(jq -c . <<<"$body")" >>"$RESULTS/progress.jsonl"
  jq -r -f "$HERE/progress.jq" <<<"$body"
}

# Polls the campaign until it is FINISHED/CANCELLED, or until expected recipients are snapshotted
# and none is queued or in flight. Sets FIRST_SENT_AT (first poll with sent > 0), END_AT, P_*.
poll_campaign() { # id expected timeout_s [quiet]
  local id=$1 expected=$2 deadline line t
  deadline=$(awk -v t="$(now)" -v d="$3" 'BEGIN { printf "%d", t + d }')
  FIRST_SENT_AT=""
  END_AT=""
  while :; do
    t=$(now)
    if line=$(progress "$id"); then
      IFS=$'\t' read -r P_STATUS P_TOTAL P_QUEUED P_SENDING P_SENT P_FAILED P_BOUNCED P_SUPPRESSED \
        P_CANCELLED P_DUP P_RATE P_ETA <<<"$line"
      [[ -z "$FIRST_SENT_AT" && "$P_SENT" -gt 0 ]] && FIRST_SENT_AT=$t
      CONNS=$(smtp_connections)
      ((CONNS > MAX_CONNS)) && MAX_CONNS=$CONNS
      [[ -n "${4:-}" ]] || printf '%7.1fs %-9s total=%s queued=%s sending=%s sent=%s failed=%s bounced=%s suppressed=%s dup=%s rate=%s/s eta=%s sink=%s smtp_conns=%s\n' \
        "$(elapsed "$START_AT" "$t")" "$P_STATUS" "$P_TOTAL" "$P_QUEUED" "$P_SENDING" "$P_SENT" "$P_FAILED" \
        "$P_BOUNCED" "$P_SUPPRESSED" "$P_DUP" "$P_RATE" "$P_ETA" "$(sink count 2>/dev/null || echo -)" "$CONNS" |
        tee -a "$RESULTS/progress.txt" >&2
      case "$P_STATUS" in
        FINISHED | CANCELLED) END_AT=$t; return 0 ;;
      esac
      if ((P_TOTAL >= expected && P_QUEUED == 0 && P_SENDING == 0)) &&
        ((P_SENT + P_FAILED + P_BOUNCED + P_SUPPRESSED + P_CANCELLED >= P_TOTAL)); then
        END_AT=$t; return 0
      fi
    else
      log "poll failed"
    fi
    kill -0 "$APP_PID" 2>/dev/null || die "the app died; see $APP_LOG"
    (($(printf '%.0f' "$t") < deadline)) || { log "timed out after $3 s"; return 1; }
    sleep "$(awk -v p="$POLL" -v t="$t" -v n="$(now)" 'BEGIN { d = p - (n - t); printf "%.2f", (d > 0.05 ? d : 0.05) }')"
  done
}

# Established connections from the app to the counting sink: the SMTP sessions it really uses.
smtp_connections() { ss -Htn state established "( dport = :$SINK_PORT )" 2>/dev/null | wc -l; }
MAX_CONNS=0

# --- heap and CPU -------------------------------------------------------------------------------------
heap_sampler() { # pid: every HEAP_EVERY s "epoch used_MB committed_MB" from the JVM's hsperfdata
  exec python3 "$HERE/heapmon.py" "$1" "$HEAP_EVERY" "$RESULTS/heap.txt" 2>>"$RESULTS/run.log"
}
heap_peak() { [[ -s "$RESULTS/heap.txt" ]] || { echo n/a; return; }; awk '$2 > m { m = $2 } $3 > c { c = $3 } END { if (NR == 0) { print "n/a"; exit } printf "%.0f MB used (committed ≤ %.0f MB, %d samples)", m, c, NR }' "$RESULTS/heap.txt" 2>/dev/null; }

gc_summary() { # worst heap after GC, peak before GC, pause count / p99 / max, from a -Xlog:gc file
  grep -hoE '[0-9]+M->[0-9]+M\([0-9]+M\) [0-9.]+ms' "$@" 2>/dev/null | sed -E 's/M->|M\(|M\) |ms/ /g' | sort -k4 -n |
    awk '{ after = ($2 > after ? $2 : after); peak = ($1 > peak ? $1 : peak);
           committed = ($3 > committed ? $3 : committed); p[NR] = $4 }
         END { if (NR == 0) { print "no GC"; exit }
               i = int(NR * 0.99); if (i < 1) i = 1
               printf "GCs=%d peak_used=%dM max_after_gc=%dM max_committed=%dM pause_p99=%.1fms pause_max=%.1fms\n",
                 NR, peak, after, committed, p[i], p[NR] }'
}

cpu_of() { # CPU seconds used so far by pid $2 (from /proc, to the tick), or by the PostgreSQL
  # backends serving our database (ps; other sessions may use the shared server meanwhile)
  if [[ -n "${2:-}" ]]; then awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%.2f\n", ($12 + $13) / hz }' "/proc/$2/stat" 2>/dev/null || echo 0
  else ps -eo times=,args= | awk -v db=" $DB " 'index($0, db) && /postgres: / { s += $1 } END { print s + 0 }'; fi
}
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
cpu_snap() { # "time busy_ticks java postgres sink" now (the time read next to the machine's ticks)
  local procs
  procs="$([[ -n "$APP_PID" ]] && cpu_of java "$APP_PID" || echo 0) $(cpu_of postgres) $(sink_cpu)"
  echo "$(now) $(busy_ticks) $procs"
}
cpu_split() { # label "snap0" "snap1" generator_cpu_s: cores used by each between the snapshots
  awk -v l="$1" -v a="$2" -v b="$3" -v g="$4" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { split(a, x, " "); split(b, y, " "); s = y[1] - x[1]
      m = (y[2] - x[2]) / hz / s; j = (y[3] - x[3]) / s; p = (y[4] - x[4]) / s; k = (y[5] - x[5]) / s; q = g / s
      printf "%s cpu_cores machine=%.2f java=%.2f postgres=%.2f smtp-sink+reader=%.2f smtp-source=%.2f other=%.2f\n",
        l, m, j, p, k, q, m - j - p - k - q }'
}

# --- DKIM key and the message smtp-source sends -----------------------------------------------------
if [[ "$DKIM" == 1 && ! -f "$WORK/dkim.pem" ]]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/dkim.pem" 2>/dev/null
  openssl pkey -in "$WORK/dkim.pem" -pubout -out "$WORK/dkim.pub" 2>/dev/null
  log "generated an RSA-2048 DKIM key: $WORK/dkim.pem (public: dkim.pub, selector $DKIM_SELECTOR, domain $DKIM_DOMAIN)"
fi
SAMPLE="$WORK/sample-dkim$DKIM.eml"

# Takes the one message a capturing smtp-sink dumped and strips smtp-sink's own header lines
# (X-Client-Addr .. the 3-line Received) and the blank line it appends: the message as sent.
take_sample() { # dump dir
  local f
  f=$(find "$1" -type f | head -1)
  [[ -n "$f" ]] || return 1
  awk 'done { print; next } /^Received: / { r = 1; next } r && /^\t/ { next } r { done = 1; print }' "$f" |
    sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$SAMPLE" # without the blank line(s) at the end
  [[ -s "$SAMPLE" ]]
}

# --- 2: fresh store ------------------------------------------------------------------------------------
reusable() {
  [[ -f "$WORK/state.env" ]] || return 1
  local n
  n=$($PG -d "$DB" -tA -c "SELECT count(*) FROM contacts WHERE status = 'ACTIVE' AND email LIKE 'user%@example%.test'" 2>/dev/null) || return 1
  [[ "$n" == "$N" ]]
}

if [[ "$CEILING_ONLY" == 1 ]]; then
  log "ceiling only"
elif [[ "$REUSE" == 1 ]] && reusable; then
  source "$WORK/state.env"
  log "reusing $N contacts loaded on $LOADED_AT (template $TEMPLATE)"
  # Earlier campaigns' sends would make the queue bigger than in a fresh run, and a campaign an
  # earlier (timed-out) run left running would be resumed and compete with this one.
  $PG -d "$DB" -c "DO \$\$ BEGIN
      IF to_regclass('email_sends') IS NOT NULL THEN TRUNCATE email_sends CASCADE; END IF;
      IF to_regclass('email_send_counts') IS NOT NULL THEN TRUNCATE email_send_counts CASCADE; END IF;
      IF to_regclass('campaigns') IS NOT NULL THEN
        UPDATE campaigns SET status = 'CANCELLED' WHERE status NOT IN ('DRAFT', 'FINISHED', 'CANCELLED');
      END IF;
      IF to_regclass('event_publication') IS NOT NULL THEN DELETE FROM event_publication; END IF;
    END \$\$" -c "VACUUM ANALYZE" >"$RESULTS/reuse-cleanup.log" 2>&1 || log "could not empty the send queue of earlier runs (see reuse-cleanup.log)"
  clean_redis
else
  [[ "$REUSE" == 1 ]] && log "REUSE=1 but no $N bench contacts in $DB: fresh store"
  log "fresh store: database $DB, Redis keys $REDIS_PREFIX*"
  rm -f "$WORK/state.env" "$WORK"/sample-dkim*
  $PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  clean_redis

  # a capturing sink (-d: one file per message) for the one sample message
  CAPTURE_PORT=$(free_port)
  CAPTURE_DIR="$WORK/capture"
  rm -rf "$CAPTURE_DIR" && mkdir -p "$CAPTURE_DIR" && chown nobody "$CAPTURE_DIR" 2>/dev/null || true
  # shellcheck disable=SC2046 # "-u nobody" is two words, or none
  /usr/sbin/smtp-sink $([[ $(id -u) == 0 ]] && echo "-u nobody") -d "$CAPTURE_DIR/%H%M%S." \
    "127.0.0.1:$CAPTURE_PORT" 64 >"$RESULTS/capture-sink.log" 2>&1 &
  CAPTURE_PID=$!

  start_app prepare "$CAPTURE_PORT"
  wait_ready
  log "migrated; creating the template"
  TEMPLATE_JSON=$(jq -n --rawfile html "$HERE/template.html" \
    '{name: "Bench newsletter", subject: "Your November update, {{default firstName \"there\"}}", html: $html}')
  TEMPLATE=$(api POST /api/v1/templates "$TEMPLATE_JSON" | jq -er .id) || die "could not create the template"
  $PG -d "$DB" -v first=1 -v last=1 -f "$HERE/seed-contacts.sql" >"$RESULTS/seed-1.log" 2>&1 ||
    { cat "$RESULTS/seed-1.log" >&2; die "could not insert contact 1"; }

  log "template $TEMPLATE; sending one sample message to contact 1 (captured for smtp-source)"
  if SAMPLE_CAMPAIGN=$(api POST /api/v1/campaigns "$(jq -n --argjson t "$TEMPLATE" --arg from "$FROM" \
    '{name: "Bench sample", templateId: $t, audience: {all: true}, from: $from}')" | jq -er .id) &&
    api POST "/api/v1/campaigns/$SAMPLE_CAMPAIGN/start" >/dev/null; then
    START_AT=$(now)
    poll_campaign "$SAMPLE_CAMPAIGN" 1 60 quiet || true
    sleep 1
    if take_sample "$CAPTURE_DIR"; then
      log "sample message: $(wc -c <"$SAMPLE") bytes ($SAMPLE)"
      if [[ "$DKIM" == 1 ]]; then # its signature, checked against our key (python3-dkim, no DNS)
        /usr/bin/python3 -c 'import dkim' 2>/dev/null || apt_install python3-dkim || true
        /usr/bin/python3 "$HERE/dkim-check.py" "$SAMPLE" "$WORK/dkim.pub" "$DKIM_SELECTOR" "$DKIM_DOMAIN" \
          >"${SAMPLE%.eml}.check" 2>&1 || echo "check failed to run: $(tail -1 "${SAMPLE%.eml}.check")" >"${SAMPLE%.eml}.check"
        log "DKIM signature of the sample: $(cat "${SAMPLE%.eml}.check")"
      fi
    else
      log "no message captured (campaign status ${P_STATUS:-?}, sent ${P_SENT:-?}); the ceiling will use a synthetic message"
    fi
  else
    log "the sample campaign could not be started; the ceiling will use a synthetic message"
  fi
  stop_app
  stop_pid "$CAPTURE_PID" 5; CAPTURE_PID=""

  log "inserting contacts 2..$N"
  load_started=$(now)
  $PG -d "$DB" -v first=2 -v last="$N" -f "$HERE/seed-contacts.sql" >"$RESULTS/seed.log" 2>&1 ||
    { cat "$RESULTS/seed.log" >&2; die "seeding failed"; }
  LOAD_SECONDS=$(elapsed "$load_started" "$(now)")
  LOADED_AT=$(date -u +%FT%TZ)
  printf 'TEMPLATE=%s\nN=%s\nLOAD_SECONDS=%s\nLOADED_AT=%s\n' "$TEMPLATE" "$N" "$LOAD_SECONDS" "$LOADED_AT" >"$WORK/state.env"
  log "inserted $((N - 1)) contacts in $LOAD_SECONDS s"
fi

# --- 3: the sink and the machine's ceiling ----------------------------------------------------------
if [[ -s "$SAMPLE" ]]; then
  MESSAGE="$SAMPLE"; MESSAGE_KIND="captured from the app (contact 1, DKIM=$DKIM)"
else
  MESSAGE="$WORK/synthetic-dkim$DKIM.eml"
  python3 "$HERE/make-message.py" "$HERE/template.html" "$MESSAGE" --dkim-bytes $((DKIM == 1 ? 560 : 0)) >/dev/null
  MESSAGE_KIND="synthetic (make-message.py: the template rendered by substitution, multipart/alternative, QP)"
fi
MESSAGE_BYTES=$(awk '{ b += length($0) + 2 } END { print b }' "$MESSAGE") # on the wire, CRLF line ends
cp "$MESSAGE" "$RESULTS/ceiling-message.eml"

start_sink
log "smtp-sink on 127.0.0.1:$SINK_PORT ($(sink command))"
CEILING_CMD="/usr/sbin/smtp-source -s $SESSIONS -m $CEILING_N -d -F $MESSAGE -f news@bench.example.test -t user1@example1.test 127.0.0.1:$SINK_PORT"
log "ceiling: $CEILING_CMD ($MESSAGE_BYTES-byte message, $MESSAGE_KIND)"
new_sink_phase
snap0=$(cpu_snap)
t0=$(now)
/usr/bin/time -f '%U %S' -o "$RESULTS/smtp-source.time" $CEILING_CMD >"$RESULTS/smtp-source.log" 2>&1 ||
  { cat "$RESULTS/smtp-source.log" >&2; die "smtp-source failed"; }
t1=$(now)
snap1=$(cpu_snap)
CEILING_SECONDS=$(elapsed "$t0" "$t1")
CEILING_CPU=$(cpu_split ceiling "$snap0" "$snap1" "$(awk '{ print $1 + $2 }' "$RESULTS/smtp-source.time")")
sink_settle 10
CEILING_SINK=$(sink count)
CEILING_RATE=$(ratio "$CEILING_N" "$CEILING_SECONDS")
log "ceiling: $CEILING_N messages in $CEILING_SECONDS s = $CEILING_RATE messages/s; sink counted $CEILING_SINK; $CEILING_CPU"
[[ "$CEILING_SINK" == "$CEILING_N" ]] || log "WARNING: the sink counted $CEILING_SINK of $CEILING_N ceiling messages"

machine() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB (shared with other sessions); $("$JAVA" -version 2>&1 | head -1)"
  echo "postfix $(dpkg-query -W -f '${Version}' postfix 2>/dev/null) smtp-sink/smtp-source on 127.0.0.1:$SINK_PORT"
}
if [[ "$CEILING_ONLY" == 1 ]]; then
  {
    echo "IA Bulk delivery benchmark (ceiling only) — $(date -u)"
    machine
    echo "message: $MESSAGE_BYTES bytes, $MESSAGE_KIND"
    echo "ceiling: $CEILING_CMD"
    echo "ceiling: $CEILING_N messages in $CEILING_SECONDS s = $CEILING_RATE messages/s (sink counted $CEILING_SINK)"
    echo "$CEILING_CPU"
  } | tee "$RESULTS/summary.txt" >"$SUMMARY_FILE"
  cat "$SUMMARY_FILE"
  exit 0
fi

# --- 4: the campaign -----------------------------------------------------------------------------------
P_STATUS="?" P_TOTAL=0 P_QUEUED=0 P_SENDING=0 P_SENT=0 P_FAILED=0 P_BOUNCED=0 P_SUPPRESSED=0 P_CANCELLED=0 P_DUP=0
new_sink_phase
EXPECTED=$($PG -d "$DB" -tA -c "SELECT count(*) FROM contacts WHERE status = 'ACTIVE'")
start_app bench "$SINK_PORT"
wait_ready
log "app ready (pid $APP_PID); creating the campaign for all $EXPECTED active contacts"
CAMPAIGN=$(api POST /api/v1/campaigns "$(jq -n --argjson t "$TEMPLATE" --arg from "$FROM" \
  '{name: "Bench campaign", templateId: $t, audience: {all: true}, from: $from}')" | jq -er .id) ||
  die "could not create the campaign"
heap_sampler "$APP_PID" &
HEAP_PID=$!
if [[ "$JFR" == 1 ]]; then "$JAVA_HOME/bin/jcmd" "$APP_PID" JFR.start name=bench settings=profile filename="$RESULTS/bench.jfr" >/dev/null || log "JFR.start failed"; fi
snap0=$(cpu_snap)
START_AT=$(now)
api POST "/api/v1/campaigns/$CAMPAIGN/start" >"$RESULTS/start-response.json" || die "could not start campaign $CAMPAIGN"
START_ANSWERED=$(now)
log "campaign $CAMPAIGN started (the start request took $(elapsed "$START_AT" "$START_ANSWERED") s)"
POLL_OK=1
poll_campaign "$CAMPAIGN" "$EXPECTED" "$TIMEOUT" || POLL_OK=0
snap1=$(cpu_snap)
[[ -n "$END_AT" ]] || END_AT=$(now)
CAMPAIGN_CPU=$(cpu_split campaign "$snap0" "$snap1" 0)
if [[ "$JFR" == 1 ]]; then "$JAVA_HOME/bin/jcmd" "$APP_PID" JFR.stop name=bench >/dev/null || log "JFR.stop failed"; fi
sink_settle 10
progress "$CAMPAIGN" >/dev/null || true # the final resource, in progress.jsonl
stop_pid "$HEAP_PID" 2; HEAP_PID=""
[[ -n "$FAKE_APP" ]] || "$JAVA_HOME/bin/jcmd" "$APP_PID" GC.heap_info >"$RESULTS/heap-at-end.txt" 2>&1 || true
RSS_MB=$(ps -o rss= -p "$APP_PID" | awk '{ printf "%d", $1 / 1024 }' || true)
stop_app
# What PostgreSQL recorded: one email_sends row per recipient (ADR 0006), by status.
DB_SENDS=$($PG -d "$DB" -tA -F= -R', ' -c "SELECT status, count(*) FROM email_sends WHERE campaign_id = $CAMPAIGN GROUP BY status ORDER BY status" 2>/dev/null || echo "n/a (no email_sends.campaign_id)")
DB_DUPS=$($PG -d "$DB" -tA -c "SELECT count(*) FILTER (WHERE possibly_duplicated), count(*) - count(DISTINCT contact_id) FROM email_sends WHERE campaign_id = $CAMPAIGN" 2>/dev/null | tr '|' ' ' || true)

# --- 5: summary ----------------------------------------------------------------------------------------
SINK_COUNT=$(sink count)
SINK_FIRST=$(sink first)
SINK_LAST=$(sink last)
ELAPSED=$(elapsed "$START_AT" "$END_AT")
RATE=$(ratio "$P_SENT" "$ELAPSED")
TTFM="n/a"; [[ -n "$SINK_FIRST" ]] && TTFM="$(elapsed "$START_AT" "$SINK_FIRST") s (at the sink)"
TTFM_POLL="n/a"; [[ -n "$FIRST_SENT_AT" ]] && TTFM_POLL="$(elapsed "$START_AT" "$FIRST_SENT_AT") s"
SINK_SPAN="n/a"; [[ -n "$SINK_LAST" ]] && SINK_SPAN="$(elapsed "$START_AT" "$SINK_LAST") s"
SINK_RATE="n/a"; [[ -n "$SINK_LAST" ]] && SINK_RATE=$(ratio "$SINK_COUNT" "$(elapsed "$START_AT" "$SINK_LAST")")
RATIO=$(awk -v a="$RATE" -v b="$CEILING_RATE" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "n/a" }')
if [[ "$POLL_OK" != 1 ]]; then ACCOUNTING="not compared: timed out while the app was still sending"
elif [[ "$SINK_COUNT" == "$P_SENT" ]]; then ACCOUNTING="sink count = sent: no loss, no duplicate"
elif ((SINK_COUNT > P_SENT)); then ACCOUNTING="sink count exceeds sent by $((SINK_COUNT - P_SENT)) (duplicates, or sends not recorded)"
else ACCOUNTING="sink count is $((P_SENT - SINK_COUNT)) below sent (recorded as sent but not received)"; fi
{
  echo "IA Bulk delivery benchmark — N=$N, DKIM=$DKIM — $(date -u)"
  machine
  echo "PostgreSQL $($PG -d "$DB" -tA -c 'SHOW server_version'), Redis $(redis-cli INFO server | awk -F: '/redis_version/ { print $2 }' | tr -d '\r')"
  echo "settings: JVM -Xmx512m $JAVA_OPTS; SMTP sessions $SESSIONS ($ENV_SMTP_POOL_SIZE); rate limiting off; APP_ENV=${APP_ENV:-none}"
  echo "contacts: $EXPECTED active; load ${LOAD_SECONDS:-?} s (loaded ${LOADED_AT:-?}); template $TEMPLATE, campaign $CAMPAIGN"
  echo "message: $MESSAGE_BYTES bytes, $MESSAGE_KIND"
  [[ "$DKIM" == 1 ]] && echo "DKIM signature of the sample message (dkim-check.py): $(cat "${SAMPLE%.eml}.check" 2>/dev/null || echo 'not checked')"
  echo "campaign: status $P_STATUS$([[ $POLL_OK == 1 ]] || echo ' (TIMED OUT)'); total $P_TOTAL sent $P_SENT failed $P_FAILED bounced $P_BOUNCED suppressed $P_SUPPRESSED cancelled $P_CANCELLED possiblyDuplicated $P_DUP"
  if [[ "$POLL_OK" == 1 ]]; then echo "elapsed (start request -> FINISHED seen, polled every ${POLL}s): $ELAPSED s"
  else echo "elapsed: TIMED OUT after $ELAPSED s (TIMEOUT=$TIMEOUT); the counts are those of the last poll"; fi
  echo "rate end to end: $RATE messages/s (sent / elapsed)"
  echo "sink: $SINK_COUNT messages; start -> last message at the sink $SINK_SPAN ($SINK_RATE messages/s); $ACCOUNTING"
  echo "PostgreSQL email_sends of the campaign by status: $DB_SENDS; possibly_duplicated / duplicate contacts: ${DB_DUPS:-n/a}"
  echo "SMTP connections from the app to the sink: at most $MAX_CONNS (sampled at each poll); smtp-source used $SESSIONS"
  echo "ceiling: $CEILING_RATE messages/s ($CEILING_N in $CEILING_SECONDS s; $CEILING_CMD)"
  echo "ratio to the ceiling: $RATIO"
  echo "time to first message: $TTFM; first poll with sent > 0: $TTFM_POLL; start request answered in $(elapsed "$START_AT" "$START_ANSWERED") s"
  echo "heap: peak $(heap_peak) (hsperfdata every ${HEAP_EVERY}s, as jstat -gc); GC log: $(gc_summary "$RESULTS/gc-bench.log")"
  echo "process RSS at the end: ${RSS_MB} MB"
  echo "$CEILING_CPU"
  echo "$CAMPAIGN_CPU"
  echo "targets: >= 3,000/s without DKIM, >= 1,500/s with RSA-2048 DKIM; heap <= 512 MB; first message <= 2 s"
} | tee "$RESULTS/summary.txt" >"$SUMMARY_FILE"
cat "$SUMMARY_FILE"
log "results in $RESULTS"
[[ "$POLL_OK" == 1 ]]
