-- wrk script: POST /api/v1/contests/{CONTEST}/signups with a new address each time and the
-- referral code of a random loaded participant. Each request carries its own X-Forwarded-For
-- from a random /24 (loopback is a trusted proxy by default), so the IP-velocity rule sees
-- real-looking traffic: with ~100k signups over 16 million /24s no network passes 20 per hour,
-- and the referrals stay PENDING, as for real visitors.
-- Environment: BENCH_DIR, PARTICIPANTS, CONTEST.
dofile(os.getenv("BENCH_DIR") .. "/codes.lua")
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local participants = tonumber(os.getenv("PARTICIPANTS") or "1000000")
local contest = os.getenv("CONTEST") or "1"
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
    run, id or 0, seq, referral_code(math.random(1, participants)))
  return wrk.format("POST", "/api/v1/contests/" .. contest .. "/signups",
    { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = ip }, body)
end
