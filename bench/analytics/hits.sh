#!/usr/bin/env bash
# Open pixel and click redirect benchmark (issue 4): replays /t/o and /t/c URLs of existing sends
# against a running server with wrk --latency and prints requests/s and latency percentiles.
#   bench/analytics/hits.sh [BASE_URL]          (default http://127.0.0.1:8080)
#
# The server must sign with the secret given here: start it with IABULK_TRACKING_SECRET=$SECRET
# (without one it makes its own; in PostgreSQL mode this script then reads it from tracking_keys).
# Send ids come from (first that applies):
#   IDS_FILE=ids.txt    send ids, one a line
#   PG_DB=iabulk_analytics  the database (e.g. seeded by bench/analytics/seed.sh):
#                           SELECT id FROM email_sends WHERE sent_at IS NOT NULL ... LIMIT $COUNT
#   SEED=1000           makes that many transactional messages through the admin API (ADMIN_KEY)
# Knobs: SECRET  KIND=mixed|open|click  LINKS=3  COUNT=100000  DURATION=10s  WARMUP=60s (the JIT needs it: the first 15 s run at a
#        third of the speed, and click runs after only 30 s were still at 7,000-9,000/s in a third of the runs)
#        THREADS=2  CONNECTIONS=64  ADMIN_KEY  PG="psql -X -q -U postgres -h localhost"
# Results (paths, wrk output, summary) land in bench/results/hits-<UTC time>/ (git-ignored).
# Per-IP rate limiting applies to the tracking group (iabulk.platform.rate-limit.endpoints.tracking,
# 20000/s by default): for more from one client, raise it or start the server with
# IABULK_PLATFORM_RATE_LIMIT_ENABLED=false.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BASE=${1:-http://127.0.0.1:8080}
SECRET=${SECRET:-${IABULK_TRACKING_SECRET:-}}
KIND=${KIND:-mixed}
LINKS=${LINKS:-3}
COUNT=${COUNT:-100000}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-60s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
ADMIN_KEY=${ADMIN_KEY:-${IABULK_ADMIN_API_KEY:-}}
PG=${PG:-psql -X -q -U postgres -h localhost}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS="$ROOT/bench/results/hits-$STAMP"
mkdir -p "$RESULTS"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$RESULTS/run.log" >&2; }

command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }; }

# --- send ids ------------------------------------------------------------------------------------
IDS="$RESULTS/ids.txt"
if [[ -n "${IDS_FILE:-}" ]]; then
  head -n "$COUNT" "$IDS_FILE" >"$IDS"
elif [[ -n "${PG_DB:-}" ]]; then
  # sent long enough ago that clicks are not too fast; the primary key serves the scan
  $PG -d "$PG_DB" -At -c "SELECT id FROM email_sends WHERE sent_at IS NOT NULL ORDER BY id LIMIT $COUNT" >"$IDS"
  [[ -n "$SECRET" ]] || SECRET=$($PG -d "$PG_DB" -At -c "SELECT secret FROM tracking_keys WHERE name = 'links'")
elif [[ -n "${SEED:-}" ]]; then
  [[ -n "$ADMIN_KEY" ]] || { echo "SEED needs ADMIN_KEY" >&2; exit 2; }
  command -v jq >/dev/null || apt-get install -y jq >/dev/null
  admin() { curl -fsS -X POST -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' -d "$2" "$BASE$1"; }
  TEMPLATE=$(admin /api/v1/templates "{\"name\":\"Hits bench $STAMP\",\"subject\":\"Hi\",\"html\":\"<p>Hi</p>\"}" | jq -r .id)
  log "seeding $SEED messages (template $TEMPLATE)"
  for i in $(seq 1 "$SEED"); do
    admin /api/v1/messages "{\"templateId\":$TEMPLATE,\"email\":\"hits-$STAMP-$i@bench.test\"}" | jq -r .id
  done >"$IDS"
else
  echo "give IDS_FILE, PG_DB or SEED (see the header of $0)" >&2
  exit 2
fi
[[ -n "$SECRET" ]] || { echo "SECRET (the server's IABULK_TRACKING_SECRET) is needed" >&2; exit 2; }
[[ -s "$IDS" ]] || { echo "no send ids" >&2; exit 1; }

URLS="$RESULTS/paths.txt"
python3 "$HERE/tracking-urls.py" --secret "$SECRET" --kind "$KIND" --links "$LINKS" <"$IDS" >"$URLS"
log "$(wc -l <"$IDS") sends, $(wc -l <"$URLS") $KIND paths"

# a wrong secret would measure 404s: check one path of each kind first
for path in $(grep -m1 '^/t/o/' "$URLS"; grep -m1 '^/t/c/' "$URLS"); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -A 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0' "$BASE$path")
  [[ "$code" == 200 || "$code" == 302 ]] || { log "$BASE$path answered $code: wrong SECRET or send ids?"; exit 1; }
done

# --- wrk -----------------------------------------------------------------------------------------
export BENCH_DIR="$HERE" URLS_FILE="$URLS"
if [[ "$WARMUP" != 0 ]]; then
  log "warm-up $WARMUP"
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" -s "$HERE/hits.lua" "$BASE" >"$RESULTS/warmup.txt" 2>&1
fi
log "measuring $DURATION, $THREADS threads, $CONNECTIONS connections"
wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency -s "$HERE/hits.lua" "$BASE" | tee "$RESULTS/wrk.txt" >&2
RESULT=$(grep '^RESULT' "$RESULTS/wrk.txt" | tail -1)
rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$RESULT")
p99=$(sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<<"$RESULT")
non2xx=$(sed -E 's/.* non2xx=([0-9]+).*/\1/' <<<"$RESULT")
printf 'hits (%s): %s req/s, p99 %s ms, errors (4xx/5xx) %s   [%s]\n' "$KIND" "$rps" "$p99" "$non2xx" "$RESULTS" \
  | tee "$RESULTS/summary.txt"
