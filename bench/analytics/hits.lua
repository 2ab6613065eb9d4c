-- wrk script: GET the tracking paths listed in $URLS_FILE (one a line), each thread from its own
-- random starting point, in order and round. The `done` hook prints a RESULT line (report.lua).
dofile(os.getenv("BENCH_DIR") .. "/../contests/report.lua")

local paths = {}
local next_path = 1

function init(args)
  seed_random()
  for line in io.lines(os.getenv("URLS_FILE")) do
    paths[#paths + 1] = line
  end
  if #paths == 0 then
    error("no paths in " .. os.getenv("URLS_FILE"))
  end
  next_path = math.random(1, #paths)
end

function request()
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format("GET", path, { ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36" })
end
