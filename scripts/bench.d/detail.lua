-- Product detail with uniformly random ids in [MIN_ID, MAX_ID] (env).
local min_id = tonumber(os.getenv("MIN_ID") or "1")
local max_id = tonumber(os.getenv("MAX_ID") or "10000")
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/products/" .. math.random(min_id, max_id))
end
