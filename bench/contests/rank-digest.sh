#!/usr/bin/env bash
# The "you moved up" digest's rounds on a large contest (issue 16, ADR 0027):
#   bench/contests/rank-digest.sh                 # 100,000 participants
#   N=1000000 bench/contests/rank-digest.sh       # a million
#   BATCH=2000 bench/contests/rank-digest.sh      # another batch size
#
# Runs RankDigestBench (a test class the normal runs leave out: no "Test" suffix) against the local
# PostgreSQL (a schema of its own, dropped at exit): loads N confirmed participants, times the first
# round (snapshots only), moves a tenth up, times the next day's round (compare, snapshot, queue the
# digests) and a check with nothing due. Writes a markdown section to OUT (default
# bench/results/rank-digest-<UTC time>.md).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"

N=${N:-100000}
BATCH=${BATCH:-500}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${OUT:-$ROOT/bench/results/rank-digest-$STAMP.md}
[[ "$OUT" = /* ]] || OUT="$ROOT/$OUT"
mkdir -p "$(dirname "$OUT")" "$ROOT/bench/results"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_open 5432 || { echo "PostgreSQL is not running on localhost:5432" >&2; exit 1; }

COMMAND="$({ env | grep -E "^(N|BATCH)=" || true; } | tr "\n" " ")bench/contests/rank-digest.sh"
MACHINE="$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(free -g | awk '/Mem:/ { print $2 }') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), PostgreSQL $(psql -X -U postgres -h localhost -tAc 'SHOW server_version' 2>/dev/null || echo '?')"
P=iabulk.bench.rank-digest
LOG="$ROOT/bench/results/rank-digest-$STAMP.log"
echo "running; log: $LOG" >&2
CI=true ./mvnw -B -q -Dspotless.check.skip=true test -Dtest=RankDigestBench -Dsurefire.failIfNoSpecifiedTests=false \
  "-D$P.out=$OUT" "-D$P.participants=$N" "-Diabulk.contests.rank-digest.batch-size=$BATCH" \
  "-D$P.command=$COMMAND" "-D$P.date=$(date -u +%FT%TZ)" "-D$P.machine=$MACHINE" >"$LOG" 2>&1 || {
  echo "the bench failed; see $LOG" >&2; tail -40 "$LOG" >&2; exit 1; }
[[ -s "$OUT" ]] || { echo "no report written; see $LOG" >&2; exit 1; }
echo "report: $OUT" >&2
cat "$OUT"
