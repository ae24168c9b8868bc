-- Loaded by every row's script (dofile). Counts responses by status code in each wrk thread and, in
-- done(), writes one JSON object with the run's numbers to the file named by $BENCH_WRK_JSON.
--
-- wrk runs one Lua state per thread plus one for setup()/done(); setup() keeps each thread's handle
-- so that done() can collect the per-thread counters with thread:get().

local threads = {}

function setup(thread)
  thread:set("thread_index", #threads)  -- 0-based, read by the row scripts' init()
  table.insert(threads, thread)
end

-- Per-thread globals (each wrk thread has its own copy).
status_counts = {}

function response(status, headers, body)
  status_counts[status] = (status_counts[status] or 0) + 1
end

local function json_number(n)
  if n ~= n or n == math.huge or n == -math.huge then return "null" end
  if n == math.floor(n) and math.abs(n) < 2^53 then return string.format("%d", n) end
  return string.format("%.3f", n)
end

function done(summary, latency, requests)
  local statuses, non2xx = {}, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("status_counts") or {}) do
      statuses[status] = (statuses[status] or 0) + count
      if status < 200 or status > 299 then non2xx = non2xx + count end
    end
  end
  local codes = {}
  for status, count in pairs(statuses) do
    table.insert(codes, string.format('"%d": %d', status, count))
  end
  table.sort(codes)
  local e = summary.errors
  local fields = {
    '"requests": ' .. json_number(summary.requests),
    '"duration_us": ' .. json_number(summary.duration),
    '"bytes": ' .. json_number(summary.bytes),
    '"non_2xx": ' .. json_number(non2xx),
    '"status_codes": {' .. table.concat(codes, ", ") .. '}',
    '"socket_errors": {"connect": ' .. json_number(e.connect) .. ', "read": ' .. json_number(e.read)
      .. ', "write": ' .. json_number(e.write) .. ', "timeout": ' .. json_number(e.timeout) .. '}',
    '"latency_us": {"p50": ' .. json_number(latency:percentile(50)) .. ', "p90": '
      .. json_number(latency:percentile(90)) .. ', "p99": ' .. json_number(latency:percentile(99))
      .. ', "p999": ' .. json_number(latency:percentile(99.9)) .. ', "max": ' .. json_number(latency.max)
      .. ', "mean": ' .. json_number(latency.mean) .. '}',
  }
  local path = os.getenv("BENCH_WRK_JSON")
  local out = assert(io.open(path, "w"), "cannot write " .. tostring(path))
  out:write("{" .. table.concat(fields, ", ") .. "}\n")
  out:close()
end

-- Helpers for the row scripts.

bench = {}

function bench.env(name, default)
  local value = os.getenv(name)
  if value == nil or value == "" then
    if default == nil then error("bench: $" .. name .. " is not set") end
    return default
  end
  return value
end

-- This thread's share of the lines of a file (one bearer token per line): line i goes to thread
-- (i - 1) % threads, so two threads never take turns on the same user.
function bench.my_lines(path, thread_count)
  local all, mine = {}, {}
  for line in io.lines(path) do
    if line ~= "" then table.insert(all, line) end
  end
  if #all == 0 then error("bench: " .. path .. " is empty") end
  for i, line in ipairs(all) do
    if (i - 1) % thread_count == thread_index then table.insert(mine, {index = i - 1, value = line}) end
  end
  if #mine == 0 then  -- more threads than lines: share
    for i, line in ipairs(all) do table.insert(mine, {index = i - 1, value = line}) end
  end
  return mine
end

function bench.seed()
  math.randomseed(os.time() * 1000 + (thread_index or 0) * 7919 + math.floor(os.clock() * 1000))
end
