-- POST /api/v1/orders: one unit of the user's bench product, each request from
-- the next user in rotation (distinct users, ample stock).
local users = {}
for line in io.lines(os.getenv("USERS_FILE")) do
  local token, address, product, color, size = line:match("^(%S+) (%S+) (%S+) (%S+) (%S+)")
  users[#users + 1] = { token = token, body = string.format(
    '{"items":[{"product_id":%s,"color":"%s","size":"%s","quantity":1}],"address_id":%s}',
    product, color, size, address) }
end
local i = 0
function init(args) i = (tonumber(id) or 0) * 104729 end
request = function()
  i = i + 1
  local u = users[(i % #users) + 1]
  return wrk.format("POST", "/api/v1/orders",
    { ["Authorization"] = "Bearer " .. u.token, ["Content-Type"] = "application/json" }, u.body)
end
-- Each wrk thread gets an id so the threads start at different users.
local thread_count = 0
function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
end
