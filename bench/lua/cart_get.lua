-- GET /cart as one of the bench users: $BENCH_TOKENS holds one access token per line; each wrk
-- thread takes its own share of them and cycles through it, so (as long as there are at least as
-- many users as connections) two requests in flight rarely belong to the same user.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local requests, next_index = {}, 0

function init(args)
  bench.seed()
  local users = bench.my_lines(bench.env("BENCH_TOKENS"), tonumber(bench.env("BENCH_THREADS")))
  for i, user in ipairs(users) do
    requests[i] = wrk.format("GET", "/cart", {["Authorization"] = "Bearer " .. user.value})
  end
  next_index = math.random(#requests) - 1
end

function request()
  next_index = next_index % #requests + 1
  return requests[next_index]
end
