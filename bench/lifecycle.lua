-- wrk script: one step of the order life cycle for a list of orders (bench/lifecycle.sh).
--
-- Environment:
--   ORDO_TOKEN   bearer token (admin)
--   ORDO_STEP    create | payments | review | pick | verify | pack | ship | deliver | complete
--   ORDO_INPUT   file of order numbers, one a line (not for create)
--   ORDO_COUNT   create only: how many orders to place
--   ORDO_OUTPUT  file this script writes: "order_no status" of every step that succeeded
--   ORDO_BENCH_RUN, ORDO_BENCH_SKUS as for orders.lua (create only)
--
-- Each wrk thread takes every n-th order of the list; when its share is answered the thread
-- stops and leaves a file ORDO_OUTPUT.done.N, and lifecycle.sh ends wrk with SIGINT (wrk's
-- duration is only a limit). The step's own figures are measured here,
-- with a monotonic clock through LuaJIT's FFI: from the first request to the last answer, and
-- each order's latency from its request to its answer (answers are matched by order number).
-- done() prints BENCH_<NAME>=<value> lines for lifecycle.sh.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } ordo_timespec;
  int clock_gettime(int clock, ordo_timespec* ts);
]]
local timespec = ffi.new("ordo_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, timespec)  -- CLOCK_MONOTONIC
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local token = os.getenv("ORDO_TOKEN") or ""
local step = os.getenv("ORDO_STEP") or "create"
local run_id = os.getenv("ORDO_BENCH_RUN") or tostring(os.time())
local sku_spec = os.getenv("ORDO_BENCH_SKUS") or "BENCH-TEA:6600:1,BENCH-CUP:1250:2,BENCH-NOTE:990:1"

local headers = {
  ["Authorization"] = "Bearer " .. token,
  ["Content-Type"] = "application/json",
  ["Accept"] = "application/json",
}

local lines, scans, total, weight = {}, {}, 0, 0
for entry in string.gmatch(sku_spec, "[^,]+") do
  local code, price, qty = string.match(entry, "^([^:]+):(%d+):(%d+)$")
  lines[#lines + 1] = string.format('{"sku":"%s","quantity":%s,"unit_price_amount":%s}',
                                    code, qty, price)
  scans[#scans + 1] = string.format('{"sku":"%s","quantity":%s}', code, qty)
  total = total + tonumber(price) * tonumber(qty)
  weight = weight + 300 * tonumber(qty)  -- the benchmark's SKUs weigh 300 g each
end
local lines_json = "[" .. table.concat(lines, ",") .. "]"
-- The packing desk scans every unit of the parcel before it is packed (verify).
local scans_json = '{"scans":[' .. table.concat(scans, ",") .. ']}'

local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  threads[#threads + 1] = thread
end

thread_id = 0
orders = {}     -- this thread's share of the input
next_index = 1  -- the next of `orders` to send
count = 0       -- create: how many this thread places
started = {}    -- order number (or external id) -> time its request was made
latencies = {}  -- ms, one per answered order
results = {}    -- "order_no status" of every success
failures = 0
first_error = ""
first_at = 0
last_at = 0
-- wrk asks the first thread for one request before it connects, to check it, and never sends
-- it: that request must not take an order.
checked = false
pending = 0  -- requests of the step not answered yet
finished = false

function init(args)
  local threads_total = tonumber(os.getenv("ORDO_THREADS") or "2")
  if step == "create" then
    local all = tonumber(os.getenv("ORDO_COUNT") or "10000")
    count = math.floor(all / threads_total) + ((thread_id <= all % threads_total) and 1 or 0)
    return
  end
  local i = 0
  for line in io.lines(os.getenv("ORDO_INPUT")) do
    if i % threads_total == thread_id - 1 then
      orders[#orders + 1] = line
    end
    i = i + 1
  end
end

-- This thread's share is answered: stop it and say so.
function finish()
  if not finished then
    finished = true
    io.open(os.getenv("ORDO_OUTPUT") .. ".done." .. thread_id, "w"):close()
    wrk.thread:stop()
  end
end

local function create_request(n)
  local seq = thread_id * 100000000 + n
  local ext = string.format("%s-%d-%d", run_id, thread_id, n)
  local phone = string.format("139%08d", seq % 100000000)
  started[ext] = now_ms()
  local body = '{"channel":"bench","external_id":"' .. ext .. '",' ..
    '"customer":{"member_id":"bench-' .. run_id .. '-' .. seq .. '","name":"张三","phone":"' ..
    phone .. '"},"consignee":{"name":"张三","phone":"' .. phone .. '","address":{' ..
    '"province":"上海市","city":"上海市","district":"浦东新区","detail":"世纪大道100号 8楼 801室"}},' ..
    '"lines":' .. lines_json .. ',"payment_method":"online","shipping":{"service":"standard"}}'
  return wrk.format("POST", "/api/v1/orders", headers, body)
end

local function step_body(order_no)
  if step == "payments" then
    return string.format('{"provider":"alipay","transaction_id":"T%s","amount":%d}', order_no, total)
  elseif step == "review" then
    return '{"decision":"approve","reason":"benchmark"}'
  elseif step == "verify" then
    return scans_json
  elseif step == "pack" then
    return string.format('{"weight_g":%d}', weight)
  elseif step == "ship" then
    return string.format('{"carrier":"SF","tracking_no":"SF%s"}', order_no)
  end
  return "{}"
end

function request()
  if thread_id == 1 and not checked then
    checked = true
    return wrk.format("GET", "/healthz")
  end
  if first_at == 0 then
    first_at = now_ms()
  end
  if step == "create" then
    if next_index <= count then
      next_index = next_index + 1
      pending = pending + 1
      return create_request(next_index - 1)
    end
    if pending == 0 then
      finish()
    end
    return wrk.format("GET", "/healthz")
  end
  local order_no = orders[next_index]
  if order_no == nil then
    if pending == 0 then
      finish()
    end
    return wrk.format("GET", "/healthz")
  end
  next_index = next_index + 1
  pending = pending + 1
  started[order_no] = now_ms()
  return wrk.format("POST", "/api/v1/orders/" .. order_no .. "/" .. step, headers,
                    step_body(order_no))
end

function response(status, headers, body)
  if body == nil or string.sub(body, 1, 2) == "ok" or string.find(body, '"status":"ok"', 1, true) then
    return  -- /healthz
  end
  local key
  if step == "create" then
    key = string.match(body, '"external_id":"([^"]+)"')
  else
    key = string.match(body, '"order_no":"(%d+)"')
  end
  local at = now_ms()
  pending = pending - 1
  local share = (step == "create") and count or #orders
  if pending == 0 and next_index > share then
    finish()
  end
  if status >= 200 and status < 300 and key ~= nil then
    if started[key] then
      latencies[#latencies + 1] = at - started[key]
      started[key] = nil
    end
    local order_no = string.match(body, '"order_no":"(%d+)"')
    local order_status = string.match(body, '"status":"([a-z_]+)"')
    results[#results + 1] = (order_no or "?") .. " " .. (order_status or "?")
    last_at = at
  elseif key ~= nil or status >= 300 then
    failures = failures + 1
    last_at = at
    if first_error == "" then
      first_error = tostring(status) .. " " .. string.gsub(string.sub(body, 1, 300), "%s+", " ")
    end
  end
end

local function percentile(sorted, p)
  if #sorted == 0 then
    return 0
  end
  local index = math.max(1, math.ceil(#sorted * p / 100))
  return sorted[index]
end

function done(summary, latency, requests)
  local all, ok, bad, err = {}, {}, 0, ""
  local first, last = math.huge, 0
  for _, t in ipairs(threads) do
    for _, v in ipairs(t:get("latencies") or {}) do
      all[#all + 1] = v
    end
    for _, r in ipairs(t:get("results") or {}) do
      ok[#ok + 1] = r
    end
    bad = bad + (t:get("failures") or 0)
    local e = t:get("first_error") or ""
    if err == "" and e ~= "" then
      err = e
    end
    local f, l = t:get("first_at") or 0, t:get("last_at") or 0
    if f > 0 and f < first then
      first = f
    end
    if l > last then
      last = l
    end
  end
  table.sort(all)
  local out = assert(io.open(os.getenv("ORDO_OUTPUT"), "w"))
  out:write(table.concat(ok, "\n"), #ok > 0 and "\n" or "")
  out:close()
  local seconds = (last > first) and (last - first) / 1000 or 0
  io.write(string.format("BENCH_OK=%d\n", #ok))
  io.write(string.format("BENCH_FAILED=%d\n", bad))
  io.write(string.format("BENCH_SECONDS=%.3f\n", seconds))
  io.write(string.format("BENCH_PER_S=%.1f\n", seconds > 0 and #ok / seconds or 0))
  io.write(string.format("BENCH_P50_MS=%.2f\n", percentile(all, 50)))
  io.write(string.format("BENCH_P99_MS=%.2f\n", percentile(all, 99)))
  io.write(string.format("BENCH_FIRST_ERROR=%s\n", err))
end
