#!/usr/bin/env bash
# Adaptive subject lines against the even split on a simulated campaign (issue 15, section 3):
#   bench/intelligence/subject-lines.sh                        # 12,000 recipients, 60/s, 20 runs per setting
#   RUNS=5 bench/intelligence/subject-lines.sh                 # a quicker look
#   DELAY=30 bench/intelligence/subject-lines.sh               # opens trailing the send by 30 s on average
#   SETTINGS="a:0.1/0.2;b:0.3/0.3" bench/intelligence/subject-lines.sh   # other true open rates
#   OUT=docs/ai-evaluation-subject-lines.md bench/intelligence/subject-lines.sh
#
# Runs SubjectLineSimulation (a test class the normal runs leave out: no "Test" suffix): the real claim, Thompson
# sampler and per-variant counters on the local PostgreSQL (its own schema), a virtual clock, and
# simulated recipients who open with the true rate of the subject they got after an exponential
# delay. Writes a markdown section "## Adaptive subject lines" to OUT (default
# bench/results/subject-lines-<UTC time>.md). Knobs (environment): N=12000 RATE=60 BATCH=25 RUNS=20
# DELAY=5 (seconds, mean) WARMUP=0.1 SETTINGS="name:r1/r2/r3;..." (true open rates per subject).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"

N=${N:-12000}
RATE=${RATE:-60}
BATCH=${BATCH:-25}
RUNS=${RUNS:-20}
DELAY=${DELAY:-5}
WARMUP=${WARMUP:-0.1}
SETTINGS=${SETTINGS:-"clear:0.15/0.20/0.30;moderate:0.20/0.23/0.27;close:0.20/0.21/0.22;equal:0.20/0.20/0.20;low-rates:0.02/0.03/0.05"}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${OUT:-$ROOT/bench/results/subject-lines-$STAMP.md}
[[ "$OUT" = /* ]] || OUT="$ROOT/$OUT"
mkdir -p "$(dirname "$OUT")" "$ROOT/bench/results"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_open 5432 || { echo "PostgreSQL is not running on localhost:5432" >&2; exit 1; }

COMMAND="$(env | grep -E '^(N|RATE|BATCH|RUNS|DELAY|WARMUP|SETTINGS|OUT)=' | sed -E "s/^([A-Z_]+)=(.*)$/\1='\2'/" | tr '\n' ' ')bench/intelligence/subject-lines.sh"
MACHINE="$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(free -g | awk '/Mem:/ { print $2 }') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), PostgreSQL $(psql -X -U postgres -h localhost -tAc 'SHOW server_version' 2>/dev/null || echo '?')"
P=iabulk.bench.subject-lines
LOG="$ROOT/bench/results/subject-lines-$STAMP.log"
echo "running; log: $LOG" >&2
CI=true ./mvnw -B -q -Dspotless.check.skip=true test -Dtest=SubjectLineSimulation -Dsurefire.failIfNoSpecifiedTests=false \
  "-D$P.out=$OUT" "-D$P.recipients=$N" "-D$P.rate=$RATE" "-D$P.batch=$BATCH" "-D$P.runs=$RUNS" \
  "-D$P.delay=$DELAY" "-Diabulk.delivery.adaptive-subjects.warmup-fraction=$WARMUP" "-D$P.settings=$SETTINGS" \
  "-D$P.command=$COMMAND" "-D$P.date=$(date -u +%FT%TZ)" "-D$P.machine=$MACHINE" >"$LOG" 2>&1 || {
  echo "the simulation failed; see $LOG" >&2; tail -40 "$LOG" >&2; exit 1; }
[[ -s "$OUT" ]] || { echo "no report written; see $LOG" >&2; exit 1; }
echo "report: $OUT" >&2
cat "$OUT"
