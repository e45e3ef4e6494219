-- Authenticated GET /cart, rotating over the bench users (USERS_FILE lines:
-- "<token> <address_id> <product_id> <color> <size>").
local users = {}
for line in io.lines(os.getenv("USERS_FILE")) do
  local token = line:match("^(%S+)")
  users[#users + 1] = token
end
local i = 0
function init(args) i = (tonumber(id) or 0) * 7919 end
request = function()
  i = i + 1
  local t = users[(i % #users) + 1]
  return wrk.format("GET", "/api/v1/cart", { ["Authorization"] = "Bearer " .. t })
end
-- Each wrk thread gets an id so the threads start at different users.
local thread_count = 0
function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
end
