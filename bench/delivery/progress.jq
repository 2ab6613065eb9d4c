# One campaign resource (GET /api/v1/campaigns/{id}) as a tab-separated progress line:
#   status total queued sending sent failed bounced suppressed cancelled possiblyDuplicated rate eta
# The counts may sit under .progress or at the top level, and numbers may come as strings; the eta
# may be a number of seconds, an ISO-8601 duration ("PT1M5S") or null. Missing counts read 0.
def num: if type == "number" then . elif type == "string" then (tonumber? // 0) else 0 end;
def field($k): ((.progress // {}) | .[$k]) // .[$k];
def count($k): field($k) | num;
[ (.status // "?" | tostring | ascii_upcase),
  count("total"), count("queued"), count("sending"), count("sent"), count("failed"),
  count("bounced"), count("suppressed"), count("cancelled"), count("possiblyDuplicated"),
  (count("ratePerSecond") | . * 10 | round / 10),
  (field("eta") // "-" | tostring)
] | @tsv
