-- GET /products?q=... with terms a shopper would type. They match the demo catalog and the generated
-- bench products (see bench/sql/seed_products.sql) in different proportions: one or two words,
-- common and rare, so the plans and page sizes vary as they would in production.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local terms = {
  "keyboard", "wireless", "coffee", "steel%20bottle", "cotton", "lamp", "book", "hiking%20socks",
  "organic", "portable%20speaker", "jacket", "kettle",
}
local requests = {}

function init(args)
  bench.seed()
  for i, term in ipairs(terms) do
    requests[i] = wrk.format("GET", "/products?q=" .. term .. "&limit=20")
  end
end

function request()
  return requests[math.random(#requests)]
end
