-- wrk script: GET /api/v1/participants/{code} for uniformly random loaded participants.
-- Needs BENCH_DIR (for codes.lua) and PARTICIPANTS (how many were loaded) in the environment.
dofile(os.getenv("BENCH_DIR") .. "/codes.lua")
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local participants = tonumber(os.getenv("PARTICIPANTS") or "1000000")

function init(args)
  seed_random()
end

function request()
  local path = "/api/v1/participants/" .. referral_code(math.random(1, participants))
  return wrk.format("GET", path)
end
