-- wrk script: the leaderboard top-10 from many clients: each request carries an
-- X-Forwarded-For from a pool of 10,000 addresses (loopback is a trusted proxy), so a
-- per-client-IP rate limiter sees many buckets instead of one hot bucket.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

function init(args)
  seed_random()
end

function request()
  local n = math.random(0, 9999)
  local ip = "198.18." .. math.floor(n / 100) .. "." .. (n % 100 + 1)
  return wrk.format("GET", nil, { ["X-Forwarded-For"] = ip })
end
