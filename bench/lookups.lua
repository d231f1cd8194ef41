-- wrk script: GET lookups from a list of paths (bench/lifecycle.sh), cycled through.
--
-- Environment: ORDO_TOKEN (bearer token), ORDO_INPUT (file of paths, one a line).
-- done() prints BENCH_<NAME>=<value> lines: answers, failures, p50 and p99 in ms.

local headers = {["Authorization"] = "Bearer " .. (os.getenv("ORDO_TOKEN") or "")}
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  threads[#threads + 1] = thread
end

thread_id = 0
paths = {}
next_index = 0
ok = 0
bad = 0

function init(args)
  for line in io.lines(os.getenv("ORDO_INPUT")) do
    paths[#paths + 1] = line
  end
  next_index = thread_id * 7919
end

function request()
  next_index = next_index + 1
  return wrk.format("GET", paths[next_index % #paths + 1], headers)
end

function response(status, headers, body)
  -- A lookup that finds nothing is a failure too: every path names a stored order.
  if status == 200 and not string.find(body, '"data":[]', 1, true) then
    ok = ok + 1
  else
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local answered, failed = 0, 0
  for _, t in ipairs(threads) do
    answered = answered + (t:get("ok") or 0)
    failed = failed + (t:get("bad") or 0)
  end
  io.write(string.format("BENCH_OK=%d\n", answered))
  io.write(string.format("BENCH_FAILED=%d\n", failed))
  io.write(string.format("BENCH_PER_S=%.1f\n", answered / (summary.duration / 1e6)))
  io.write(string.format("BENCH_P50_MS=%.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("BENCH_P99_MS=%.2f\n", latency:percentile(99) / 1000))
end
