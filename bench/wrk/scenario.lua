-- wrk script: BENCH_PATH is a path template; {statement} becomes a random statement id (1..BENCH_STATEMENTS)
-- and {small} a random small incident (BENCH_SMALL_LO..BENCH_SMALL_HI), the deterministic ids of
-- bench/generate.sql; BENCH_IF_NONE_MATCH, when set, goes in If-None-Match. done() prints one machine-readable line.
local template = os.getenv("BENCH_PATH") or "/health/live"
local statements = tonumber(os.getenv("BENCH_STATEMENTS") or "1500000")
local small_lo = tonumber(os.getenv("BENCH_SMALL_LO") or "22")
local small_hi = tonumber(os.getenv("BENCH_SMALL_HI") or "100")
-- A revalidation: every request sends this ETag (the scenario's 304s).
local if_none_match = os.getenv("BENCH_IF_NONE_MATCH")

local function bench_id(kind, n)
  return string.format("%08x-0000-7000-8000-%012x", kind, n)
end

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed or os.time())
end

function request()
  local path = template:gsub("{statement}", function() return bench_id(3, math.random(1, statements)) end)
  path = path:gsub("{small}", function() return bench_id(1, math.random(small_lo, small_hi)) end)
  return wrk.format("GET", path, if_none_match and { ["If-None-Match"] = if_none_match } or nil)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK requests=%d duration_us=%d avg_us=%.1f p99_us=%d errors=%d non2xx=%d\n",
    summary.requests, summary.duration, latency.mean, latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
