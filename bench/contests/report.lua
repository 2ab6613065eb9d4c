-- Shared by the wrk scripts: each thread gets an id (for its own random sequence), and the
-- `done` hook prints a machine-readable line with the figures run.sh summarises.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

-- seeds this thread's random numbers differently from the other threads'
function seed_random()
  math.randomseed(os.time() * 1000 + (id or 0))
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f "
      .. "non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors.status, errors.connect, errors.read, errors.write, errors.timeout))
end
