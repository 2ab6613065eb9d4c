#!/usr/bin/env bash
# Server time of the operator console's pages at 1,000,000 contacts and participants (issue 14:
# p95 <= 50 ms per page), on PostgreSQL + Redis.
#
#   bench/console/pages.sh
#   DB=iabulk_console REQUESTS=200 bench/console/pages.sh
#
# Data: a database seeded by the analytics benchmark at this scale (1,000,000 contacts, a contest
# with 1,000,000 participants, 3 finished campaigns of 1,000,000 sends each, their events and
# rollups):
#   CAMPAIGNS=3 PER_CAMPAIGN=1000000 EVENTS=3000000 VERIFY=0 DB=iabulk_console bench/analytics/seed.sh --reset
# The script starts target/iabulk.jar on it (the first owner comes from IABULK_OWNER_EMAIL and
# IABULK_OWNER_PASSWORD when no operator exists), signs in through the form, and times every page
# in pages.txt sequentially on one connection (pages.py): REQUESTS per page after WARMUP.
# Placeholders in pages.txt: {contest}, {contact}, {campaign}, {participant} are ids read from the
# database.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/target/iabulk.jar"
DB=${DB:-iabulk_console}
REQUESTS=${REQUESTS:-200}
PAGES=${PAGES:-$HERE/pages.txt} # another list of pages (same placeholders), e.g. a few to re-measure
WARMUP=${WARMUP:-30}
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
WORK=${LOG_DIR:-$ROOT/bench/work/console}
OWNER=bench-owner@example.com
PASSWORD="bench owner passphrase"
BASE="http://127.0.0.1:$PORT"
PSQL=(psql -X -q -At -h localhost -U postgres -d "$DB")

log() { echo "[$(date +%T)] $*"; }
die() { echo "error: $*" >&2; exit 1; }

[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B package -DskipTests)
"${PSQL[@]}" -c 'SELECT 1' >/dev/null 2>&1 || die "no database $DB: seed it first (see the header)"
mkdir -p "$WORK"

(cd "$WORK" && exec env -u SPRING_DATASOURCE_URL -u SPRING_DATA_REDIS_URL \
  IABULK_PLATFORM_ADMIN_API_KEY=bench-admin-key IABULK_PLATFORM_DEMO_DATA=false \
  IABULK_PLATFORM_DATA_DIR="$WORK/data" IABULK_PLATFORM_REDIS_KEY_PREFIX="iabulk-bench-console:" \
  IABULK_PLATFORM_RATE_LIMIT_ENABLED=false IABULK_DELIVERY_WORKERS=0 \
  IABULK_INTELLIGENCE_SCORING_ENABLED=false \
  IABULK_OWNER_EMAIL="$OWNER" IABULK_OWNER_PASSWORD="$PASSWORD" \
  SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_DATA_REDIS_URL=redis://localhost:6379 \
  "$JAVA" -Xmx1g -jar "$JAR" --server.port="$PORT" >"$WORK/app.log" 2>&1) &
APP_PID=$!
trap 'kill $APP_PID 2>/dev/null; wait $APP_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 3000); do
  curl -fs -o /dev/null "$BASE/actuator/health/readiness" && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/app.log" >&2; die "the app died"; }
  sleep 0.2
done
log "app ready on $BASE ($DB: $("${PSQL[@]}" -c 'SELECT count(*) FROM contacts') contacts," \
  "$("${PSQL[@]}" -c 'SELECT count(*) FROM contest_participants') participants)"

CONTEST=$("${PSQL[@]}" -c 'SELECT min(id) FROM contests')
CONTACT=$("${PSQL[@]}" -c 'SELECT max(id) FROM contacts')
CAMPAIGN=$("${PSQL[@]}" -c 'SELECT min(id) FROM campaigns')
# the participant whose link brought the most people (their page lists their referrals)
PARTICIPANT=$("${PSQL[@]}" -c "SELECT referred_by FROM contest_participants WHERE contest_id = $CONTEST
  AND referred_by IS NOT NULL GROUP BY referred_by ORDER BY count(*) DESC LIMIT 1")
sed -e "s/{contest}/$CONTEST/g" -e "s/{contact}/$CONTACT/g" -e "s/{campaign}/$CAMPAIGN/g" \
  -e "s/{participant}/$PARTICIPANT/g" "$PAGES" >"$WORK/pages.txt"
log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $REQUESTS requests a page after $WARMUP"
python3 "$HERE/pages.py" --port "$PORT" --email "$OWNER" --password "$PASSWORD" \
  --pages "$WORK/pages.txt" --requests "$REQUESTS" --warmup "$WARMUP"
