-- Agent reads over the seeded tickets: the filtered list (open, unassigned, latest activity first) and a ticket
-- page (the ticket or its conversation), by MODE (list or page). Needs BASIC (base64 of "<agent API key>:X"),
-- FIRST and LAST (the seeded ticket ids) in the environment.
local auth = "Basic " .. os.getenv("BASIC")
local first, last = tonumber(os.getenv("FIRST")), tonumber(os.getenv("LAST"))
local mode = os.getenv("MODE")
math.randomseed(os.time())
request = function()
  local headers = {["Authorization"] = auth}
  if mode == "list" then
    local page = math.random(1, 20)
    return wrk.format("GET", "/api/v2/tickets?status=2&responder_id=null&order_by=updated_at&per_page=30&page=" .. page, headers)
  end
  local id = math.random(first, last)
  if math.random() < 0.5 then return wrk.format("GET", "/api/v2/tickets/" .. id, headers) end
  return wrk.format("GET", "/api/v2/tickets/" .. id .. "/conversations", headers)
end
