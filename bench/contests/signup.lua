-- wrk script: POST /api/v1/contests/{CONTEST}/signups with a new address each time and the
-- referral code of a random loaded participant. Each request carries its own X-Forwarded-For
-- from a random /24 (loopback is a trusted proxy by default), so the IP-velocity rule sees
-- real-looking traffic: with ~100k signups over 16 million /24s no network passes 20 per hour,
-- and the referrals stay PENDING, as for real visitors.
-- REFERRER=n: every signup carries participant n's code instead (a launch spike through one large
-- account's link), with a browser's user agent drawn from a few common ones, as its followers'.
-- Environment: BENCH_DIR, PARTICIPANTS, CONTEST, REFERRER.
dofile(os.getenv("BENCH_DIR") .. "/codes.lua")
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local participants = tonumber(os.getenv("PARTICIPANTS") or "1000000")
local contest = os.getenv("CONTEST") or "1"
local referrer = tonumber(os.getenv("REFERRER") or "")
local agents = {
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
}
function init(args)
  -- run id: unique addresses across runs against the same database
  run = string.format("%x%04x", os.time(), math.floor((os.clock() * 1e6) % 65536))
  seed_random()
  seq = 0
end

function request()
  seq = seq + 1
  local first = math.random(1, 223)
  if first == 10 or first == 127 then first = 11 end
  local ip = first .. "." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  local body = string.format('{"email":"bench-%s-%d-%d@example.org","referralCode":"%s"}',
    run, id or 0, seq, referral_code(referrer or math.random(1, participants)))
  local headers = { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = ip }
  if referrer then headers["User-Agent"] = agents[math.random(1, #agents)] end
  return wrk.format("POST", "/api/v1/contests/" .. contest .. "/signups", headers, body)
end
