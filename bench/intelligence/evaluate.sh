#!/usr/bin/env bash
# The engagement model against a simulated world (issue 13, section 5), end to end, one command:
#   bench/intelligence/evaluate.sh                      # N=20000 people, PostgreSQL + Redis
#   N=50000 bench/intelligence/evaluate.sh              # a bigger population
#   SIM="seed=7 engagement.driftSd=1.0" bench/intelligence/evaluate.sh   # another world
#   FAKE_APP=bench/intelligence/test/fake-app.py N=2000 bench/intelligence/evaluate.sh  # tests this script
#
# 1. builds target/iabulk.jar and the test classes (BUILD=1 rebuilds; the jar is built when missing);
# 2. simulates N people and their past campaigns (the simulator is a main of the test class path;
#    every parameter and its meaning in bench/intelligence/simulator.properties, SIM overrides);
# 3. fresh store: drops and re-creates the PostgreSQL database iabulk_bench_intelligence and the
#    Redis keys under iabulk-bench-intelligence: (MODE=embedded: an H2 file database instead);
# 4. starts the app and, through the public API only: imports contacts.csv
#    (POST /api/v1/contacts/imports), then history.csv (POST /api/v1/contacts/history), polling each
#    until FINISHED; trains (POST /api/v1/models/engagement/train, polls the job at its Location
#    until SUCCEEDED); reads the model (GET /api/v1/models/{id}: its hold-out metrics and the
#    baseline's), activates it if it is not ACTIVE, and exports the predictions for the future send
#    T (GET /api/v1/predictions/export?at=T);
# 5. stops the app and compares the export with the simulator's truth (expected ROC-AUC of
#    openProbability, Bayes-optimal AUC, ratio, a recency/frequency cross-check, expected ECE, ...),
#    writing docs/ai-evaluation.md (or OUT).
#
# Everything else lands in bench/results/intelligence-<UTC time>/ (git-ignored). Knobs (environment):
#   N=20000             people (the simulator's "people")
#   SIM="k=v ..."       more overrides of bench/intelligence/simulator.properties (seed=..., ...)
#   DATA=<dir>          use an already simulated data set (e.g. /work/sim-data/v1) instead of step 2
#   UPLOAD=<dir>        upload contacts.csv and history.csv from here instead of DATA (the same people
#                       written another way: bench/intelligence/export-style.py writes them as
#                       spreadsheets and data frames do); DATA still gives the truth
#   AT=<instant>        the future send evaluated (default: the first of future.sendAt)
#   MODE=postgres|embedded   OUT=docs/ai-evaluation.md (a stand-in run writes into the results dir)
#   PORT=<free>  JAVA_OPTS="-Xmx1g"  APP_ENV="K=V ..." (extra app environment)  BUILD=0
#   TRAIN_TIMEOUT=1800 (s)  IMPORT_TIMEOUT=900 (s)  FAKE_APP=<script> (a stand-in app; measures nothing)
#   REFERENCE_ONLY=1    no app: only the world's reference figures (Bayes-optimal AUC, simple
#                       scores, oracles), the report saying that no model was measured
#   THEN=<script>       steps sourced once the model is trained and active, instead of the export
#                       and the analysis (bench/intelligence/send-time.sh uses it)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/target/iabulk.jar"

N=${N:-20000}
SIM=${SIM:-}
DATA=${DATA:-}
AT=${AT:-}
MODE=${MODE:-postgres}
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
APP_ENV=${APP_ENV:-}
BUILD=${BUILD:-0}
TRAIN_TIMEOUT=${TRAIN_TIMEOUT:-1800}
IMPORT_TIMEOUT=${IMPORT_TIMEOUT:-900}
FAKE_APP=${FAKE_APP:-}
REFERENCE_ONLY=${REFERENCE_ONLY:-0}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=${PORT:-$(free_port)}
case "$MODE" in postgres | embedded) ;; *) echo "MODE is postgres or embedded" >&2; exit 2 ;; esac

DB=iabulk_bench_intelligence
PG="psql -X -q -U postgres -h localhost"
REDIS_PREFIX="iabulk-bench-intelligence:"
ADMIN_KEY="bench-admin-key"
BASE="http://127.0.0.1:$PORT"
WORK="$ROOT/bench/work/intelligence"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS="$ROOT/bench/results/intelligence-$STAMP"
OUT=${OUT:-$([[ -n "$FAKE_APP" ]] && echo "$RESULTS/ai-evaluation.md" || echo "$ROOT/docs/ai-evaluation.md")}
mkdir -p "$WORK" "$RESULTS"
META="$RESULTS/meta.properties"
APP_PID=""

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$RESULTS/run.log" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
meta() { printf '%s=%s\n' "$1" "$2" >>"$META"; }
json() { # file field [field ...]: a field of a JSON document (nested with several), empty when absent
  python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2:]:
    v = v.get(k) if isinstance(v, dict) else None
print("" if v is None else v)' "$@"
}
compact() { python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1])), separators=(",", ":")))' "$1"; }
app_seconds() { # file: finishedAt - createdAt of an import resource, as the app saw it
  python3 -c 'import json, sys
from datetime import datetime
v = json.load(open(sys.argv[1]))
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
print("%.1f" % (t(v["finishedAt"]) - t(v["createdAt"])).total_seconds() if v.get("finishedAt") and v.get("createdAt") else "?")' "$1"
}

# --- prerequisites: PostgreSQL and Redis on localhost (as .ci/run starts them), the build ---------
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ "$MODE" == postgres && -z "$FAKE_APP" ]]; then
  port_open 5432 || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  port_open 6379 || { mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log; }
  for _ in $(seq 1 30); do port_open 5432 && port_open 6379 && break; sleep 1; done
fi
if [[ "$BUILD" == 1 || ! -f "$JAR" ]]; then
  log "building $JAR and the test classes"
  ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package
else
  ./mvnw -q -B -DskipTests -Dspotless.check.skip=true test-compile
fi
if [[ ! -s target/jmh.classpath || pom.xml -nt target/jmh.classpath ]]; then
  ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath >/dev/null
fi
TEST_CP="target/test-classes:target/classes:$(cat target/jmh.classpath)"

# --- 2: the simulated world --------------------------------------------------------------------
: >"$META"
meta command "$(env | grep -E '^(N|SIM|DATA|UPLOAD|AT|MODE|FAKE_APP|REFERENCE_ONLY)=' | sed -E "s/^([A-Z_]+)=(.*)$/\1='\2'/" | tr '\n' ' ')bench/intelligence/evaluate.sh"
meta date "$(date -u +%FT%TZ)"
meta machine "$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(free -g | awk '/Mem:/ { print $2 }') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
meta jdk "$("$JAVA" -version 2>&1 | head -1)"
meta simulator_commit "$(git rev-parse --short HEAD 2>/dev/null || echo 'unknown (not a git checkout)')$(git diff --quiet HEAD -- src/test/java/io/iabulk/intelligence bench/intelligence 2>/dev/null || echo ' (with uncommitted changes)')"
[[ -n "$FAKE_APP" ]] && meta stand_in true
if [[ -z "$DATA" ]]; then
  DATA="$WORK/data-$N$(tr ' =' '_-' <<<"${SIM:+-$SIM}")"
  log "simulating $N people into $DATA"
  # shellcheck disable=SC2086
  "$JAVA" -Xmx1g -cp "$TEST_CP" io.iabulk.intelligence.simulator.Simulator --out "$DATA" \
    --params "$HERE/simulator.properties" people="$N" $SIM 2>&1 | tee -a "$RESULTS/run.log" >&2
else
  log "using the simulated data set $DATA"
fi
for f in contacts.csv history.csv truth-future.csv parameters.properties; do
  [[ -s "$DATA/$f" ]] || { log "$DATA/$f is missing"; exit 1; }
done
[[ -n "$AT" ]] || AT=$(awk -F= '$1 == "future.sendAt" { split($2, a, ","); print a[1] }' "$DATA/parameters.properties")
log "future send T = $AT"

analyse() { # [Evaluation options...]
  "$JAVA" -cp "$TEST_CP" io.iabulk.intelligence.evaluation.Evaluation --data "$DATA" --at "$AT" --meta "$META" \
    --world "$HERE/world.md" --out "$OUT" "$@" | tee "$RESULTS/summary.txt"
  log "report: $OUT; everything else in $RESULTS"
}
if [[ "$REFERENCE_ONLY" == 1 ]]; then
  meta app "none (REFERENCE_ONLY=1: no model measured)"
  analyse
  exit 0
fi

# --- 3-4: the app --------------------------------------------------------------------------------
DATA_DIR="$WORK/$MODE/data"
app_env() {
  local env=(-u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATA_REDIS_URL
    -u SPRING_MAIL_HOST -u SPRING_MAIL_PORT
    IABULK_PLATFORM_ADMIN_API_KEY="$ADMIN_KEY"
    IABULK_PLATFORM_DATA_DIR="$DATA_DIR"
    IABULK_PLATFORM_REDIS_KEY_PREFIX="$REDIS_PREFIX"
    IABULK_PLATFORM_DEMO_DATA=false
    IABULK_PLATFORM_RATE_LIMIT_ENABLED=false
    IABULK_CONTACTS_IMPORTS_TEMP_DIR="$WORK/spool")
  if [[ "$MODE" == postgres ]]; then
    env+=(SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres
      SPRING_DATA_REDIS_URL=redis://localhost:6379)
  fi
  # shellcheck disable=SC2206
  env+=($APP_ENV)
  printf '%s\n' "${env[@]}"
}

start_app() {
  mapfile -t envs < <(app_env)
  local cmd
  if [[ -n "$FAKE_APP" ]]; then
    cmd=(python3 "$ROOT/$FAKE_APP")
  else
    # shellcheck disable=SC2206
    cmd=("$JAVA" $JAVA_OPTS "-Xlog:gc:file=$RESULTS/gc.log:uptime" -jar "$JAR")
  fi
  echo "env ${envs[*]} ${cmd[*]} --server.port=$PORT" >"$RESULTS/app.cmd"
  (cd "$WORK" && exec env "${envs[@]}" "${cmd[@]}" --server.port="$PORT" >"$RESULTS/app.log" 2>&1) &
  APP_PID=$!
  for _ in $(seq 1 900); do
    if curl -fs -o /dev/null "$BASE/actuator/health/readiness"; then return 0; fi
    kill -0 "$APP_PID" 2>/dev/null || { log "the app died; see $RESULTS/app.log"; tail -30 "$RESULTS/app.log" >&2; exit 1; }
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

clean_redis() { redis-cli --scan --pattern "${REDIS_PREFIX}*" | xargs -r -n 500 redis-cli DEL >/dev/null; }
cleanup() {
  stop_app
  if [[ "$MODE" == postgres && -z "$FAKE_APP" ]]; then clean_redis; fi
  return 0
}
trap cleanup EXIT

api() { # method path outfile [curl options...]: the status code on stdout, the body in outfile
  local method=$1 path=$2 out=$3; shift 3
  curl -sS -X "$method" -H "Authorization: Bearer $ADMIN_KEY" -o "$out" -w '%{http_code}' "$@" "$BASE$path"
}

upload() { # name path file: POST the CSV, poll its import until it is no longer RUNNING
  local name=$1 path=$2 file=$3 started code location status
  started=$(now)
  code=$(api POST "$path" "$RESULTS/$name-upload.json" -H 'Content-Type: text/csv' --data-binary "@$file" \
    -D "$RESULTS/$name-upload.headers")
  [[ "$code" == 202 ]] || { log "$name: POST $path answered $code: $(head -c 500 "$RESULTS/$name-upload.json")"; exit 1; }
  location=$(awk 'tolower($1) == "location:" { print $2 }' "$RESULTS/$name-upload.headers" | tr -d '\r')
  [[ -n "$location" ]] || location="$path/$(json "$RESULTS/$name-upload.json" id)"
  location=${location#"$BASE"}
  log "$name: uploaded $(($(wc -l <"$file") - 1)) lines in $(elapsed "$started" "$(now)") s; polling $location"
  local deadline=$((SECONDS + IMPORT_TIMEOUT))
  while true; do
    code=$(api GET "$location" "$RESULTS/$name.json")
    status=$(json "$RESULTS/$name.json" status)
    [[ "$code" == 200 && "$status" != RUNNING ]] && break
    ((SECONDS < deadline)) || { log "$name: still $status after ${IMPORT_TIMEOUT} s"; exit 1; }
    sleep 0.5
  done
  api GET "$location/rejected" "$RESULTS/$name-rejected.csv" >/dev/null || true
  local took; took=$(elapsed "$started" "$(now)")
  meta "step.import_$name" "$status in $took s from the upload (the app's createdAt to finishedAt: $(app_seconds "$RESULTS/$name.json") s): $(compact "$RESULTS/$name.json")"
  log "$name: $status in $took s (app: $(app_seconds "$RESULTS/$name.json") s): $(compact "$RESULTS/$name.json")"
  [[ "$status" == FINISHED ]] || { log "$name import did not finish"; exit 1; }
}

log "fresh $MODE store"
rm -rf "$DATA_DIR"
if [[ "$MODE" == postgres && -z "$FAKE_APP" ]]; then
  $PG -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  clean_redis
  meta store "PostgreSQL $($PG -d "$DB" -tAc 'SHOW server_version'), Redis $(redis-cli INFO server | awk -F: '/redis_version/ { print $2 }' | tr -d '\r')"
else
  meta store "$([[ -n "$FAKE_APP" ]] && echo "none (stand-in app)" || echo "embedded H2 under $DATA_DIR")"
fi
meta app "$([[ -n "$FAKE_APP" ]] && echo "STAND-IN $FAKE_APP" || echo "target/iabulk.jar, JVM $JAVA_OPTS")"
start_app
log "app ready on port $PORT"

upload contacts /api/v1/contacts/imports "${UPLOAD:-$DATA}/contacts.csv"
upload history /api/v1/contacts/history "${UPLOAD:-$DATA}/history.csv"

started=$(now)
code=$(api POST /api/v1/models/engagement/train "$RESULTS/train-start.json" -D "$RESULTS/train.headers")
[[ "$code" == 202 ]] || { log "POST /api/v1/models/engagement/train answered $code: $(head -c 500 "$RESULTS/train-start.json")"; exit 1; }
JOB=$(awk 'tolower($1) == "location:" { print $2 }' "$RESULTS/train.headers" | tr -d '\r')
JOB=${JOB#"$BASE"}
[[ -n "$JOB" ]] || { log "the training answer has no Location header"; exit 1; }
log "training: polling $JOB"
deadline=$((SECONDS + TRAIN_TIMEOUT))
while true; do
  code=$(api GET "$JOB" "$RESULTS/train-job.json")
  status=$(json "$RESULTS/train-job.json" status)
  [[ "$code" == 200 && "$status" != RUNNING ]] && break
  ((SECONDS < deadline)) || { log "training still $status after $TRAIN_TIMEOUT s"; exit 1; }
  sleep 2
done
TRAIN_SECONDS=$(elapsed "$started" "$(now)")
meta step.training "$status in $TRAIN_SECONDS s: $(compact "$RESULTS/train-job.json")"
log "training: $status in $TRAIN_SECONDS s: $(compact "$RESULTS/train-job.json")"
[[ "$status" == SUCCEEDED ]] || { log "training did not succeed"; exit 1; }
MODEL_ID=$(json "$RESULTS/train-job.json" modelId)

MODEL_ARGS=()
if [[ -n "$MODEL_ID" ]] && [[ $(api GET "/api/v1/models/$MODEL_ID" "$RESULTS/model.json") == 200 ]]; then
  MODEL_ARGS=(--model "$RESULTS/model.json")
  api GET /api/v1/models "$RESULTS/models.json" >/dev/null || true
  MODEL_STATUS=$(json "$RESULTS/model.json" status)
  log "model $MODEL_ID: $MODEL_STATUS, hold-out rocAuc $(json "$RESULTS/model.json" metrics rocAuc) (baseline $(json "$RESULTS/model.json" baseline rocAuc))"
  if [[ "$MODEL_STATUS" != ACTIVE ]]; then
    # a fresh store has no other model, so this is unexpected: say so in the report
    code=$(api POST "/api/v1/models/$MODEL_ID/activate" "$RESULTS/activate.json")
    meta step.activation "model $MODEL_ID was $MODEL_STATUS after training; POST .../activate answered $code"
    log "model $MODEL_ID was $MODEL_STATUS; activated ($code)"
  fi
else
  log "could not read model '$MODEL_ID'; the report will have no hold-out metrics"
  meta step.model "GET /api/v1/models/$MODEL_ID failed"
fi

# another measurement that needs the trained, active model in the running app (send-time.sh sets
# THEN to its steps): they run here, in this script's context, and end the run
if [[ -n "${THEN:-}" ]]; then
  # shellcheck source=/dev/null
  source "$THEN"
  exit 0
fi

started=$(now)
code=$(api GET "/api/v1/predictions/export?at=$AT" "$RESULTS/export.csv")
[[ "$code" == 200 ]] || { log "the export answered $code: $(head -c 500 "$RESULTS/export.csv")"; exit 1; }
EXPORT_SECONDS=$(elapsed "$started" "$(now)")
meta step.export "$(($(wc -l <"$RESULTS/export.csv") - 1)) rows in $EXPORT_SECONDS s"
log "export: $(($(wc -l <"$RESULTS/export.csv") - 1)) rows in $EXPORT_SECONDS s"
stop_app

# --- 5: the analysis ---------------------------------------------------------------------------
analyse --export "$RESULTS/export.csv" "${MODEL_ARGS[@]}"
