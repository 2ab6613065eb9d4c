-- wrk script: GETs the report paths listed (one per line) in the file PATHS, a random one per
-- request, with the admin key, and prints p50/p95/p99 (wrk's own output has no p95).
-- Environment: PATHS, ADMIN_KEY.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  if line ~= "" then table.insert(paths, line) end
end
wrk.headers["Authorization"] = "Bearer " .. os.getenv("ADMIN_KEY")
wrk.headers["Accept"] = "application/json"

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + (id or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d rps=%.0f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d errors=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout))
end
