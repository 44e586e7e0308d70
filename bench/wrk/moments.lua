-- wrk script for distinct moments: every request asks BENCH_PATH at a moment no request asked before
-- (asOf, or BENCH_MOMENT_PARAM), so nothing remembered per moment helps. Run with as many threads as connections
-- (-tN -cN): each thread then has one request in flight, and times it. Each thread appends "status microseconds retry-after|-"
-- per response to BENCH_MOMENTS_OUT/thread-<n>.txt, and whether it had Retry-After; bench/run counts the statuses and takes the p99 of the 200s.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *ts);
]]
local now_ts = ffi.new("bench_timespec")
local function now_us()
  ffi.C.clock_gettime(1, now_ts) -- CLOCK_MONOTONIC
  return tonumber(now_ts.tv_sec) * 1000000 + tonumber(now_ts.tv_nsec) / 1000
end

local path = os.getenv("BENCH_PATH") or "/api/v1/figures?status=current&limit=1"
local param = os.getenv("BENCH_MOMENT_PARAM") or "asOf"
local out_dir = os.getenv("BENCH_MOMENTS_OUT") or "/tmp"
-- Moments are drawn from 2022-01-01 to 2024-01-01 (bench/generate.sql's span), each with its own microseconds.
local first_moment, span = 1640995200, 2 * 365 * 86400
local threads_seen = 0

function setup(thread)
  threads_seen = threads_seen + 1
  thread:set("thread_id", threads_seen)
end

local out, sent_at, count

function init(args)
  out = io.open(string.format("%s/thread-%d.txt", out_dir, thread_id), "w")
  out:setvbuf("line")
  count = 0
end

function request()
  count = count + 1
  -- Distinct across threads: the n-th request of thread t is the (n * 64 + t)-th moment.
  local n = count * 64 + thread_id
  local moment = os.date("!%Y-%m-%dT%H:%M:%S", first_moment + (n * 7919) % span) .. string.format(".%06dZ", n % 1000000)
  local sep = path:find("?", 1, true) and "&" or "?"
  sent_at = now_us()
  return wrk.format("GET", path .. sep .. param .. "=" .. moment)
end

function response(status, headers, body)
  local retry_after = headers["Retry-After"] or headers["retry-after"]
  out:write(string.format("%d %d %s\n", status, now_us() - sent_at, retry_after and "retry-after" or "-"))
end
