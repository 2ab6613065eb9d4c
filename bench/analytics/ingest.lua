-- wrk script: POST the same body of events to /api/v1/events again and again, and count the
-- events the server accepted (from each answer's "accepted").
-- Environment: BODY (the file made by make-events.py), ADMIN_KEY.
local file = assert(io.open(os.getenv("BODY"), "rb"))
local body = file:read("*a")
file:close()
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("ADMIN_KEY")

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  accepted = 0
  failed = 0
end

function response(status, headers, answer)
  if status == 200 then
    accepted = accepted + (tonumber(string.match(answer, '"accepted":(%d+)')) or 0)
  else
    failed = failed + 1
    if failed <= 3 then
      io.stderr:write("status " .. status .. ": " .. string.sub(answer, 1, 200) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local total, bad = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("accepted")
    bad = bad + thread:get("failed")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("accepted events: %d in %.1f s\n", total, seconds))
  io.write(string.format("failed requests: %d\n", bad))
  io.write(string.format("events/s: %.0f\n", total / seconds))
  io.write(string.format("request latency p50 %.1f ms, p99 %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
