-- wrk script: widget searches spread over many accounts Zipf-like ($ZIPF, default 1: the n-th most popular account
-- gets 1/n of the first's traffic). $QUERIES holds lines of WIDGET<TAB>QUERY, the most popular account first.
local by_widget, order = {}, {}
for line in io.lines(os.getenv("QUERIES")) do
  local widget, query = line:match("^(%d+)\t(.+)$")
  if widget then
    if not by_widget[widget] then by_widget[widget] = {}; table.insert(order, widget) end
    table.insert(by_widget[widget], query)
  end
end
local exponent = tonumber(os.getenv("ZIPF") or "1")
local cumulative, total = {}, 0
for rank = 1, #order do
  total = total + 1 / rank ^ exponent
  cumulative[rank] = total
end

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed or os.time())
end

request = function()
  local x, low, high = math.random() * total, 1, #order
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < x then low = middle + 1 else high = middle end
  end
  local queries = by_widget[order[low]]
  local q = string.gsub(queries[math.random(#queries)], "([^%w])", function(c) return string.format("%%%02X", string.byte(c)) end)
  return wrk.format("GET", "/widget/v1/widgets/" .. order[low] .. "/articles?query=" .. q)
end
