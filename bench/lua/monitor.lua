-- A monitoring system polling GET /health/detailed: each connection waits $BENCH_DELAY_MS between
-- requests (wrk's delay() hook), so N connections send about N * 1000 / delay requests per second.
-- Used beside the /health load to see whether detailed probes slow /health down.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local token = os.getenv("BENCH_BEARER")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

local pause = tonumber(bench.env("BENCH_DELAY_MS", "50"))

function delay()
  return pause
end
