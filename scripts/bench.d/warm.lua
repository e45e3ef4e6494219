-- Walks every product id once per thread slice, to warm the detail cache.
local min_id = tonumber(os.getenv("MIN_ID") or "1")
local max_id = tonumber(os.getenv("MAX_ID") or "10000")
local next_id = min_id
request = function()
  local id = next_id
  next_id = next_id + 1
  if next_id > max_id then next_id = min_id end
  return wrk.format("GET", "/api/v1/products/" .. id)
end
