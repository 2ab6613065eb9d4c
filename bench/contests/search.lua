-- wrk script: an operator's participant list at scale (admin API), three requests in turn for
-- uniformly random loaded participants:
--   a page deep in the list (cursor = a random id), newest first;
--   the address of one participant typed in the search (a prefix that matches one person);
--   a page of the participants who have not confirmed (5 % of the loaded ones), from a random id.
-- Needs BENCH_DIR, PARTICIPANTS and CONTEST in the environment; the admin key is run.sh's.
-- SEARCH_KIND=page|address|pending sends only that request.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local participants = tonumber(os.getenv("PARTICIPANTS") or "1000000")
local contest = os.getenv("CONTEST")
local turn = 0
local only = ({ page = 0, address = 1, pending = 2 })[os.getenv("SEARCH_KIND") or ""]

function init(args)
  seed_random()
  wrk.headers["Authorization"] = "Bearer bench-admin-key"
end

function request()
  turn = turn + 1
  local n = math.random(1, participants)
  local base = "/api/v1/contests/" .. contest .. "/participants"
  local kind = only or turn % 3
  if kind == 0 then
    return wrk.format("GET", base .. "?cursor=" .. n)
  elseif kind == 1 then
    return wrk.format("GET", base .. "?q=user" .. n .. "%40")
  end
  return wrk.format("GET", base .. "?status=PENDING&cursor=" .. n)
end
