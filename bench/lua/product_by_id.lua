-- GET /products/{id} with a random existing id in [$BENCH_MIN_ID, $BENCH_MAX_ID] (the bench checks
-- that every id in that range exists, so a non-2xx here is a real failure).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local min_id, max_id

function init(args)
  bench.seed()
  min_id = tonumber(bench.env("BENCH_MIN_ID"))
  max_id = tonumber(bench.env("BENCH_MAX_ID"))
end

function request()
  return wrk.format("GET", "/products/" .. math.random(min_id, max_id))
end
