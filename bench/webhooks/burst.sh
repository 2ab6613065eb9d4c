#!/usr/bin/env bash
# Issue 16's webhook burst: 10,000 referral credits, each delivered to a webhook receiver exactly
# once (or at least once, duplicates counted), on PostgreSQL + Redis.
#
#   bench/webhooks/burst.sh
#   CREDITS=10000 REFERRERS=500 THREADS=16 FAIL=0.1 bench/webhooks/burst.sh
#
# Starts a signature-checking receiver (receiver.py) and target/iabulk.jar on a fresh database
# ($DB, dropped and created), with private addresses allowed (the receiver is on 127.0.0.1),
# rate limits and the IP-velocity rule off. Creates a contest without confirmation and a webhook
# for every event type, then burst.py signs up REFERRERS participants and CREDITS referees with
# their codes from THREADS connections: each referee's signup credits a referral at once
# (ReferralCredited; a milestone at 1 and 3 referrals adds milestone.reached). It waits until the
# receiver has every credit and prints: signup rate, time until the last credit arrived, lost,
# duplicates, bad signatures. FAIL answers 500 to that share of first attempts (retries then come
# after ~10 s). The database's delivery rows are counted by status at the end.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/target/iabulk.jar"
DB=${DB:-iabulk_webhooks}
CREDITS=${CREDITS:-10000}
REFERRERS=${REFERRERS:-500}
THREADS=${THREADS:-16}
FAIL=${FAIL:-0.0}
SECRET=whsec_bench_0123456789abcdef
KEY=bench-admin-key
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=${PORT:-$(free_port)}
RECEIVER=${RECEIVER:-$(free_port)}
WORK=${LOG_DIR:-$ROOT/bench/work/webhooks}
BASE="http://127.0.0.1:$PORT"
PSQL=(psql -X -q -At -h localhost -U postgres)

log() { echo "[$(date +%T)] $*"; }
die() { echo "error: $*" >&2; exit 1; }

[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B package -DskipTests)
mkdir -p "$WORK"
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

python3 "$HERE/receiver.py" --port "$RECEIVER" --secret "$SECRET" --fail "$FAIL" >"$WORK/receiver.log" 2>&1 &
RECEIVER_PID=$!
(cd "$WORK" && exec env -u SPRING_DATASOURCE_URL -u SPRING_DATA_REDIS_URL \
  IABULK_PLATFORM_ADMIN_API_KEY="$KEY" IABULK_PLATFORM_DEMO_DATA=false \
  IABULK_PLATFORM_DATA_DIR="$WORK/data" IABULK_PLATFORM_REDIS_KEY_PREFIX="iabulk-bench-webhooks:" \
  IABULK_PLATFORM_RATE_LIMIT_ENABLED=false IABULK_CONTESTS_FRAUD_IPVELOCITY_ENABLED=false \
  IABULK_INTELLIGENCE_SCORING_ENABLED=false IABULK_INTELLIGENCE_TRAINING_ENABLED=false \
  IABULK_WEBHOOKS_ALLOWPRIVATEADDRESSES=true \
  SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_DATA_REDIS_URL=redis://localhost:6379 \
  "$JAVA" -Xmx1g -jar "$JAR" --server.port="$PORT" >"$WORK/app.log" 2>&1) &
APP_PID=$!
trap 'kill $APP_PID $RECEIVER_PID 2>/dev/null; wait $APP_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 3000); do
  curl -fs -o /dev/null "$BASE/actuator/health/readiness" && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/app.log" >&2; die "the app died"; }
  sleep 0.2
done
log "app ready on $BASE; receiver on 127.0.0.1:$RECEIVER"

api() { curl -fsS -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$@"; }
CONTEST=$(api -X POST "$BASE/api/v1/contests" -d '{"name": "Webhook burst", "requireConfirmation": false,
  "milestones": [{"referrals": 1, "reward": "Sticker"}, {"referrals": 3, "reward": "T-shirt"}]}' |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
api -X POST "$BASE/api/v1/contests/$CONTEST/activate" >/dev/null
api -X POST "$BASE/api/v1/webhooks" -d "{\"url\": \"http://127.0.0.1:$RECEIVER/hook\", \"secret\": \"$SECRET\",
  \"events\": [\"participant.signed_up\", \"referral.credited\", \"milestone.reached\"]}" >/dev/null
log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $CREDITS credits over $REFERRERS referrers," \
  "$THREADS client threads, fail share $FAIL"

python3 "$HERE/burst.py" --port "$PORT" --receiver "$RECEIVER" --contest "$CONTEST" \
  --referrers "$REFERRERS" --credits "$CREDITS" --threads "$THREADS" | tee "$WORK/result.json"
log "delivery rows by type and status:"
"${PSQL[@]}" -d "$DB" -c "SELECT event_type, status, count(*), max(attempts) FROM webhook_deliveries
  GROUP BY 1, 2 ORDER BY 1, 2"
