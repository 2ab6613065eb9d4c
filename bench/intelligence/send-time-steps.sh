# shellcheck shell=bash
# The send-time optimisation steps of bench/intelligence/send-time.sh: sourced by evaluate.sh once
# the model is trained and active (its functions and variables: api, json, log, meta, RESULTS, DATA,
# MODEL_ID, TEST_CP, JAVA, PG, DB, stop_app, ...). Not run on its own.

meta command "$SEND_TIME_COMMAND"
meta seed "$(awk -F= '$1 == "seed" { print $2 }' "$DATA/parameters.properties")"
meta people "$(awk -F= '$1 == "people" { print $2 }' "$DATA/parameters.properties")"
meta model "model $MODEL_ID ($(json "$RESULTS/model.json" algorithm); $(json "$RESULTS/model.json" status) after training, active for the campaigns)"

log "waiting for the scoring run of model $MODEL_ID (stored weekly profiles)"
deadline=$((SECONDS + ${SCORING_TIMEOUT:-900}))
started=$(now)
while true; do
  run=$($PG -d "$DB" -tAc "SELECT status FROM prediction_runs WHERE model_id = $MODEL_ID ORDER BY id DESC LIMIT 1")
  [[ "$run" == SUCCEEDED ]] && break
  ((SECONDS < deadline)) || { log "no successful scoring run of model $MODEL_ID after ${SCORING_TIMEOUT:-900} s ($run)"; exit 1; }
  sleep 2
done
meta step.scoring "the scoring run of model $MODEL_ID SUCCEEDED $(elapsed "$started" "$(now)") s after the activation check"
log "scoring: done"

code=$(api POST /api/v1/templates "$RESULTS/template.json" -H 'Content-Type: application/json' --data-binary \
  '{"name":"Send-time bench","subject":"News for {{default firstName \"you\"}}","html":"<p>Hello</p><p><a href=\"{{unsubscribeUrl}}\">Unsubscribe</a></p>"}')
[[ "$code" == 201 ]] || { log "POST /api/v1/templates answered $code: $(head -c 500 "$RESULTS/template.json")"; exit 1; }
TEMPLATE_ID=$(json "$RESULTS/template.json" id)
AUDIENCE=$(json "$RESULTS/contacts.json" created)

: >"$RESULTS/send-time-sections.md"
for W in $WINDOWS; do
  code=$(api POST /api/v1/campaigns "$RESULTS/campaign-$W.json" -H 'Content-Type: application/json' --data-binary \
    "{\"name\":\"Send-time bench $W h\",\"templateId\":$TEMPLATE_ID,\"audience\":{\"all\":true},\"from\":\"Bench <bench@iabulk.test>\",\"maxRatePerSecond\":1,\"sendTimeOptimization\":{\"windowHours\":$W}}")
  [[ "$code" == 201 ]] || { log "POST /api/v1/campaigns answered $code: $(head -c 500 "$RESULTS/campaign-$W.json")"; exit 1; }
  CAMPAIGN=$(json "$RESULTS/campaign-$W.json" id)
  started=$(now)
  code=$(api POST "/api/v1/campaigns/$CAMPAIGN/start" "$RESULTS/campaign-$W-started.json")
  [[ "$code" == 200 ]] || { log "starting campaign $CAMPAIGN answered $code"; exit 1; }
  START=$(json "$RESULTS/campaign-$W-started.json" startedAt)
  deadline=$((SECONDS + ${SNAPSHOT_TIMEOUT:-600}))
  while true; do
    api GET "/api/v1/campaigns/$CAMPAIGN" "$RESULTS/campaign-$W-progress.json" >/dev/null
    total=$(json "$RESULTS/campaign-$W-progress.json" progress total)
    [[ "$total" == "$AUDIENCE" ]] && break
    ((SECONDS < deadline)) || { log "campaign $CAMPAIGN: $total of $AUDIENCE snapshotted after ${SNAPSHOT_TIMEOUT:-600} s"; exit 1; }
    sleep 0.5
  done
  SNAPSHOT_SECONDS=$(elapsed "$started" "$(now)")
  started=$(now)
  code=$(api GET "/api/v1/campaigns/$CAMPAIGN/recipients.csv" "$RESULTS/recipients-$W.csv")
  [[ "$code" == 200 ]] || { log "recipients.csv answered $code"; exit 1; }
  CSV_SECONDS=$(elapsed "$started" "$(now)")
  api POST "/api/v1/campaigns/$CAMPAIGN/cancel" "$RESULTS/campaign-$W-cancelled.json" >/dev/null
  meta "step.campaign_$W" "$AUDIENCE contacts snapshotted with send-time optimisation in $SNAPSHOT_SECONDS s (start to the whole audience queued); recipients.csv ($(($(wc -l <"$RESULTS/recipients-$W.csv") - 1)) rows) in $CSV_SECONDS s; progress then: $(compact "$RESULTS/campaign-$W-progress.json" | python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin)["progress"], separators=(",", ":")))')"
  log "campaign $CAMPAIGN ($W h): snapshot $SNAPSHOT_SECONDS s, recipients.csv $CSV_SECONDS s"
  echo "$W $START" >>"$RESULTS/send-time-windows.txt"
done
stop_app

first=1
while read -r W START; do
  "$JAVA" -cp "$TEST_CP" io.iabulk.intelligence.simulator.SendTimeEvaluation --data "$DATA" \
    --recipients "$RESULTS/recipients-$W.csv" --start "$START" --window "$W" --meta "$META" \
    --title "seed $(awk -F= '$1 == "seed" { print $2 }' "$DATA/parameters.properties"), $W-hour window" --out "$RESULTS/send-time-$W.md" >/dev/null
  [[ $first == 1 ]] || echo >>"$RESULTS/send-time-sections.md"
  cat "$RESULTS/send-time-$W.md" >>"$RESULTS/send-time-sections.md"
  first=0
done <"$RESULTS/send-time-windows.txt"
mkdir -p "$(dirname "$OUT")"
cp "$RESULTS/send-time-sections.md" "$OUT"
cat "$OUT"
log "report: $OUT; everything else in $RESULTS"
