-- GET of one fixed path (the URL given to wrk), e.g. /health. With $BENCH_BEARER set, sends it as a
-- Bearer token (/health/detailed when HEALTH_DETAILS_TOKEN is set). No request() function, so wrk
-- sends one pre-built request: the cheapest load generator there is.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local token = os.getenv("BENCH_BEARER")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
