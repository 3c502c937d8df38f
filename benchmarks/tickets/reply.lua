-- Agents' public replies to random seeded tickets. Needs BASIC, FIRST and LAST in the environment.
local auth = "Basic " .. os.getenv("BASIC")
local first, last = tonumber(os.getenv("FIRST")), tonumber(os.getenv("LAST"))
math.randomseed(os.time())
request = function()
  local id = math.random(first, last)
  return wrk.format("POST", "/api/v2/tickets/" .. id .. "/reply",
    {["Authorization"] = auth, ["Content-Type"] = "application/json"},
    '{"body": "<p>Thanks for writing: <b>try again</b> after clearing the cache.</p>"}')
end
