-- Product list with varying category, page and sort (the first 5 pages of each).
local cats = tonumber(os.getenv("CATEGORIES") or "20")
local sorts = {"newest", "price_asc", "price_desc", "hot"}
math.randomseed(os.time() + 1)
request = function()
  local path = string.format("/api/v1/products?category=%d&page=%d&per_page=20&sort=%s",
    math.random(1, cats), math.random(1, 5), sorts[math.random(1, #sorts)])
  return wrk.format("GET", path)
end
