-- wrk script: GET /p/{code}, the status page of a uniformly random loaded participant (with the
-- contest's live top 10), as a browser asks for it. Needs BENCH_DIR and PARTICIPANTS.
dofile(os.getenv("BENCH_DIR") .. "/codes.lua")
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local participants = tonumber(os.getenv("PARTICIPANTS") or "1000000")
function init(args)
  seed_random()
end
function request()
  return wrk.format("GET", "/p/" .. referral_code(math.random(1, participants)),
    { ["Accept"] = "text/html", ["Accept-Encoding"] = "gzip" })
end
