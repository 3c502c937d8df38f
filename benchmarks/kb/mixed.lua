-- wrk script: the mixed widget load of a real site. 70% searches (the query set in $QUERIES), 20% article views
-- (ids in $ARTICLE_IDS), 5% session sign-ins (the token in $TOKEN), 5% tickets, all against widget $WIDGET.
local queries, articles = {}, {}
for line in io.lines(os.getenv("QUERIES")) do if #line > 0 then table.insert(queries, line) end end
for line in io.lines(os.getenv("ARTICLE_IDS")) do if #line > 0 then table.insert(articles, line) end end
local base = "/widget/v1/widgets/" .. os.getenv("WIDGET")
local session_body = '{"token": "' .. os.getenv("TOKEN") .. '"}'
local ticket_body = '{"name": "Load Visitor", "email": "load@bench.example", "subject": "Mixed load", "description": "A ticket sent by the mixed load benchmark."}'
local json = { ["Content-Type"] = "application/json" }

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed or os.time())
end

request = function()
  local roll = math.random(100)
  if roll <= 70 then
    local q = queries[math.random(#queries)]
    q = string.gsub(q, "([^%w])", function(c) return string.format("%%%02X", string.byte(c)) end)
    return wrk.format("GET", base .. "/articles?query=" .. q)
  elseif roll <= 90 then
    return wrk.format("GET", base .. "/articles/" .. articles[math.random(#articles)])
  elseif roll <= 95 then
    return wrk.format("POST", base .. "/session", json, session_body)
  else
    return wrk.format("POST", base .. "/tickets", json, ticket_body)
  end
end
