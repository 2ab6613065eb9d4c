#!/usr/bin/env bash
# Send-time optimisation against the simulated world (issue 15, section 2), end to end, one command:
#   bench/intelligence/send-time.sh                        # N=20000 people, a 24-hour window
#   WINDOWS="24 168" bench/intelligence/send-time.sh       # several windows (one campaign each)
#   SIM="seed=7" bench/intelligence/send-time.sh           # another world (check a second seed)
#   SEEDS="20261207 7" WINDOWS="24 168" OUT=docs/ai-evaluation-send-time.md bench/intelligence/send-time.sh
#                                                          # the committed report: two worlds, two windows
#
# Runs evaluate.sh's steps (build, simulate, fresh PostgreSQL store, start the app, import contacts
# and history, train, activate: see that script), then, with the app still running
# (send-time-steps.sh, sourced by evaluate.sh through THEN), through the public API: waits for the
# scoring run of the active model (the stored weekly profiles the planner reads; polled in
# PostgreSQL's prediction_runs, the one step not read over HTTP), creates a template and, per
# window, a campaign to every contact with sendTimeOptimization {"windowHours": W} and a rate of
# 1 message per second (so that only the first minutes' rows are mailed, to the outbox), starts it,
# waits until its audience is snapshotted, downloads GET /api/v1/campaigns/{id}/recipients.csv and
# cancels it. Then SendTimeEvaluation (test classes, next to the simulator) compares the planned
# times with the simulator's truth: expected human opens of our schedule, of everyone at the start
# and of the oracle (each person at their true best hour of the window).
#
# Writes a markdown section starting with "## Send-time optimisation" to OUT (default
# bench/results/send-time-<UTC time>.md); docs/ai-evaluation-send-time.md is one such run.
# Knobs: evaluate.sh's (N, SIM, DATA, PORT, JAVA_OPTS, APP_ENV, BUILD, ...), WINDOWS="24",
# SCORING_TIMEOUT=900 (s), SNAPSHOT_TIMEOUT=600 (s).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export SEND_TIME_COMMAND="$(env | grep -E '^(N|SIM|DATA|WINDOWS|SEEDS|OUT)=' | sed -E "s/^([A-Z_]+)=(.*)$/\1='\2'/" | tr '\n' ' ')bench/intelligence/send-time.sh"
export OUT=${OUT:-$ROOT/bench/results/send-time-$(date -u +%Y%m%dT%H%M%SZ).md}
export WINDOWS=${WINDOWS:-24}
export MODE=postgres
export THEN="$HERE/send-time-steps.sh"
# the posterior oracle of evaluate.sh is not needed here; the scoring run starts within seconds of
# the model's activation
export APP_ENV="IABULK_INTELLIGENCE_SCORING_CHECK_INTERVAL=2s${APP_ENV:+ $APP_ENV}"
if [[ -z "${SEEDS:-}" ]]; then
  export SIM="oracle.particles=0${SIM:+ $SIM}"
  exec "$HERE/evaluate.sh"
fi
# several worlds, one after the other (a fresh store each), their sections in one file
FINAL=$OUT
PARTS=$(mktemp -d)
for seed in $SEEDS; do
  OUT="$PARTS/seed-$seed.md" SIM="oracle.particles=0 seed=$seed${SIM:+ $SIM}" "$HERE/evaluate.sh"
  [[ -s "$PARTS/all.md" ]] && echo >>"$PARTS/all.md"
  cat "$PARTS/seed-$seed.md" >>"$PARTS/all.md"
done
mkdir -p "$(dirname "$FINAL")"
cp "$PARTS/all.md" "$FINAL"
rm -rf "$PARTS"
echo "sections of $SEEDS: $FINAL" >&2
