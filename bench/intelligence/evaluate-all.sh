#!/usr/bin/env bash
# Every AI measurement against the simulators, one command, into docs/ai-evaluation.md:
#   bench/intelligence/evaluate-all.sh              # runs all four, then writes the document
#   ONLY="send-time subject-lines" bench/intelligence/evaluate-all.sh   # re-runs some, keeps the others
#   ASSEMBLE_ONLY=1 bench/intelligence/evaluate-all.sh                  # re-writes the document only
#
# 1. the engagement model (issue 13): evaluate.sh writes the head of docs/ai-evaluation.md;
# 2. predictions at work (issue 15), each into its own part file, as committed:
#    send-time.sh     -> docs/ai-evaluation-send-time.md     (two worlds, 24- and 168-hour windows)
#    subject-lines.sh -> docs/ai-evaluation-subject-lines.md (four settings of true rates, 20 seeds)
#    referral-risk.sh -> docs/ai-evaluation-referral-risk.md (three worlds)
# 3. appends the three parts to docs/ai-evaluation.md after a marker line, replacing what followed
#    the marker before; each part keeps its own command, date and machine.
# Each script's knobs pass through (N, SIM, SEEDS, WINDOWS, SETTINGS, RUNS, ...). The whole run takes
# about an hour on the 2-core machine (docs/benchmarks.md has the single steps' times).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
DOC="$ROOT/docs/ai-evaluation.md"
MARKER="<!-- predictions at work: written by bench/intelligence/evaluate-all.sh from the part files below -->"
ONLY=${ONLY:-engagement send-time subject-lines referral-risk}
ASSEMBLE_ONLY=${ASSEMBLE_ONLY:-0}

wants() { [[ " $ONLY " == *" $1 "* ]]; }

if [[ "$ASSEMBLE_ONLY" != 1 ]]; then
  if wants engagement; then
    OUT="$DOC" "$HERE/evaluate.sh"
  fi
  if wants send-time; then
    SEEDS=${SEEDS:-"20261207 7"} WINDOWS=${WINDOWS:-"24 168"} OUT="$ROOT/docs/ai-evaluation-send-time.md" \
      "$HERE/send-time.sh"
  fi
  if wants subject-lines; then
    OUT="$ROOT/docs/ai-evaluation-subject-lines.md" "$HERE/subject-lines.sh"
  fi
  if wants referral-risk; then
    OUT="$ROOT/docs/ai-evaluation-referral-risk.md" "$HERE/referral-risk.sh"
  fi
fi

# the engagement report as evaluate.sh wrote it, without an earlier appendix
head_part=$(awk -v m="$MARKER" '$0 == m { exit } { print }' "$DOC")
{
  printf '%s\n\n%s\n\n' "$head_part" "$MARKER"
  echo "# Predictions at work (issue 15)"
  echo
  echo "Each part below was measured by its own script (its command, date and machine are in it) and is kept"
  echo "as it ran in its part file: docs/ai-evaluation-send-time.md, docs/ai-evaluation-subject-lines.md,"
  echo "docs/ai-evaluation-referral-risk.md."
  for part in send-time subject-lines referral-risk; do
    echo
    cat "$ROOT/docs/ai-evaluation-$part.md"
  done
} > "$DOC.tmp"
mv "$DOC.tmp" "$DOC"
echo "wrote $DOC" >&2
