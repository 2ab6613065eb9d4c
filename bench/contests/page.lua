-- wrk script: GET /c/bench, the contest's signup page (branded, with the live top 10), as a browser
-- asks for it (HTML, gzip accepted).
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
function request()
  return wrk.format("GET", nil, { ["Accept"] = "text/html", ["Accept-Encoding"] = "gzip" })
end
