-- wrk script: GET /api/v1/participants/{code} for uniformly random loaded participants.
-- Needs BENCH_DIR (for codes.lua) and PARTICIPANTS (how many were loaded) in the environment.
dofile(os.getenv("BENCH_DIR") .. "/codes.lua")
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local participants = tonumber(os.getenv("PARTICIPANTS") or "1000000")
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + (id or 0))
end

function request()
  local path = "/api/v1/participants/" .. referral_code(math.random(1, participants))
  return wrk.format("GET", path)
end
