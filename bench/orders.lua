-- wrk script: POST /api/v1/orders with 3-line orders, each with a unique external id.
--
-- Environment (set by bench/run.sh):
--   ORDO_TOKEN       bearer token (admin)
--   ORDO_BENCH_SKUS  "SKU:price:qty,SKU:price:qty,..." (the lines of every order)
--   ORDO_BENCH_RUN   a prefix making external ids unique across runs
--
-- done() prints machine-readable lines (BENCH_<NAME>=<value>) that run.sh parses.

local token = os.getenv("ORDO_TOKEN") or ""
local run_id = os.getenv("ORDO_BENCH_RUN") or tostring(os.time())
local sku_spec = os.getenv("ORDO_BENCH_SKUS") or "BENCH-A:6600:1,BENCH-B:1250:2,BENCH-C:990:1"

-- The lines JSON, the same for every order.
local lines = {}
for entry in string.gmatch(sku_spec, "[^,]+") do
  local code, price, qty = string.match(entry, "^([^:]+):(%d+):(%d+)$")
  if code == nil then
    error("bad ORDO_BENCH_SKUS entry: " .. entry)
  end
  lines[#lines + 1] = string.format('{"sku":"%s","quantity":%s,"unit_price_amount":%s}',
                                    code, qty, price)
end
local lines_json = "[" .. table.concat(lines, ",") .. "]"

local headers = {
  ["Authorization"] = "Bearer " .. token,
  ["Content-Type"] = "application/json",
  ["Accept"] = "application/json",
}

-- Main state: one entry per wrk thread, to collect the per-thread counters in done().
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  threads[#threads + 1] = thread
end

-- Per-thread state (globals, so that the main state can read them with thread:get).
thread_id = 0
counter = 0
ok2xx = 0
non2xx = 0
first_error = ""

function request()
  counter = counter + 1
  local seq = thread_id * 100000000 + counter
  local ext = string.format("%s-%d-%d", run_id, thread_id, counter)
  -- A different buyer per order, so that no rule sees one buyer ordering the same items again.
  local phone = string.format("139%08d", seq % 100000000)
  local body = '{"channel":"bench","external_id":"' .. ext .. '",' ..
    '"customer":{"member_id":"bench-' .. seq .. '","name":"张三","phone":"' .. phone .. '"},' ..
    '"consignee":{"name":"张三","phone":"' .. phone .. '","address":{"province":"上海市",' ..
    '"city":"上海市","district":"浦东新区","detail":"世纪大道100号 8楼 801室"}},' ..
    '"lines":' .. lines_json .. ',' ..
    '"payment_method":"online","shipping":{"service":"standard"},' ..
    '"buyer_note":"","occasion_date":null}'
  return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok2xx = ok2xx + 1
  else
    non2xx = non2xx + 1
    if first_error == "" then
      first_error = tostring(status) .. " " .. string.gsub(string.sub(body or "", 1, 300), "%s+", " ")
    end
  end
end

function done(summary, latency, requests)
  local ok, bad, err = 0, 0, ""
  for _, t in ipairs(threads) do
    ok = ok + (t:get("ok2xx") or 0)
    bad = bad + (t:get("non2xx") or 0)
    local e = t:get("first_error") or ""
    if err == "" and e ~= "" then
      err = e
    end
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  io.write(string.format("BENCH_REQUESTS=%d\n", summary.requests))
  io.write(string.format("BENCH_SECONDS=%.3f\n", seconds))
  io.write(string.format("BENCH_RPS=%.1f\n", summary.requests / seconds))
  io.write(string.format("BENCH_OK2XX=%d\n", ok))
  io.write(string.format("BENCH_ORDERS_PER_S=%.1f\n", ok / seconds))
  io.write(string.format("BENCH_P50_MS=%.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("BENCH_P99_MS=%.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("BENCH_MAX_MS=%.2f\n", latency.max / 1000))
  io.write(string.format("BENCH_NON2XX=%d\n", bad))
  io.write(string.format("BENCH_SOCKET_ERRORS=%d\n", socket_errors))
  io.write(string.format("BENCH_SOCKET_ERROR_DETAIL=connect:%d,read:%d,write:%d,timeout:%d\n",
                         e.connect, e.read, e.write, e.timeout))
  io.write(string.format("BENCH_FIRST_ERROR=%s\n", err))
end
