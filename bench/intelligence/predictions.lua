-- wrk script: GET /api/v1/contacts/{id}/predictions for uniformly random contacts 1..CONTACTS, with
-- the admin key. AT=week: each request asks for a random send time in the stored week (?at=...);
-- otherwise none (now). DELAY_MS > 0 pauses each connection that long between requests (wrk's
-- delay hook), to hold a rate instead of the most the service can do.
-- Environment: BENCH_DIR, CONTACTS, ADMIN_KEY, AT, WEEK_START (Unix seconds), DELAY_MS.
dofile(os.getenv("BENCH_DIR") .. "/../contests/report.lua")
local contacts = tonumber(os.getenv("CONTACTS") or "100000")
local at = os.getenv("AT") or ""
local week_start = tonumber(os.getenv("WEEK_START") or "0")
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("ADMIN_KEY") or "")

function init(args)
  seed_random()
end

function request()
  local path = "/api/v1/contacts/" .. math.random(1, contacts) .. "/predictions"
  if at == "week" then
    path = path .. "?at=" .. os.date("!%Y-%m-%dT%H:%M:%SZ", week_start + math.random(0, 167 * 3600))
  end
  return wrk.format("GET", path)
end

if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end
