-- wrk script: widget searches rotating through the query set in $QUERIES, against $SEARCH_PATH.
local queries = {}
for line in io.lines(os.getenv("QUERIES")) do
  if #line > 0 then table.insert(queries, line) end
end
local path = os.getenv("SEARCH_PATH")
local counter = 0

function setup(thread)
  thread:set("offset", math.random(1, #queries))
end

request = function()
  counter = counter + 1
  local q = queries[((counter + (offset or 0)) % #queries) + 1]
  q = string.gsub(q, "([^%w])", function(c) return string.format("%%%02X", string.byte(c)) end)
  return wrk.format("GET", path .. "?query=" .. q)
end
