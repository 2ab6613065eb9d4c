-- wrk script: the leaderboard top-10 from many clients: each request carries an
-- X-Forwarded-For from a pool of 10,000 addresses (loopback is a trusted proxy), so a
-- per-client-IP rate limiter sees many buckets instead of one hot bucket.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + (id or 0))
end

function request()
  local n = math.random(0, 9999)
  local ip = "198.18." .. math.floor(n / 100) .. "." .. (n % 100 + 1)
  return wrk.format("GET", nil, { ["X-Forwarded-For"] = ip })
end
