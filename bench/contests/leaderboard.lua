-- wrk script: GET /api/v1/contests/{id}/leaderboard?limit=10 (the URL is given on the command line).
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
