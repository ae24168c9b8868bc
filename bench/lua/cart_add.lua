-- POST /cart/items {"product_id": p, "quantity": 1} as one of the bench users (tokens shared out as
-- in cart_get.lua). User u adds products from its own window of $BENCH_CART_SPREAD consecutive ids
-- in [$BENCH_MIN_ID, $BENCH_MAX_ID]: a cart holds at most 100 different products and 1000 units per
-- line, and the bench products have a stock of 10^9, so adds keep succeeding for the whole run.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local users, next_index, spread, min_id, span = {}, 0, 0, 0, 0

function init(args)
  bench.seed()
  users = bench.my_lines(bench.env("BENCH_TOKENS"), tonumber(bench.env("BENCH_THREADS")))
  spread = tonumber(bench.env("BENCH_CART_SPREAD", "50"))
  min_id = tonumber(bench.env("BENCH_MIN_ID"))
  span = tonumber(bench.env("BENCH_MAX_ID")) - min_id + 1
  for _, user in ipairs(users) do
    user.headers = {["Authorization"] = "Bearer " .. user.value, ["Content-Type"] = "application/json"}
    user.first = (user.index * spread) % span
  end
  next_index = math.random(#users) - 1
end

function request()
  next_index = next_index % #users + 1
  local user = users[next_index]
  local product = min_id + (user.first + math.random(0, spread - 1)) % span
  return wrk.format("POST", "/cart/items", user.headers,
    '{"product_id": ' .. product .. ', "quantity": 1}')
end
