-- wrk script: the widget frame's analytics batches (POST /widget/v1/widgets/$WIDGET/events), 10 events each, a new
-- visitor id per batch. Each connection waits $INTERVAL ms between batches (wrk's delay), so the offered rate is
-- connections * 1000 / INTERVAL batches per second.
local widget = os.getenv("WIDGET")
local interval = tonumber(os.getenv("INTERVAL") or "20")
local counter = 0

function setup(thread)
  thread:set("prefix", string.format("bench%012d", math.random(0, 999999999999)))
end

request = function()
  counter = counter + 1
  local visitor = string.format("%s%010d", prefix or "benchbenchbench0", counter)
  local q = "query " .. (counter % 500)
  local body = string.format([[{"visitor_id":"%s","events":[
{"type":"search","query":"%s","results":3,"engine":"memory"},{"type":"result_click","query":"%s","rank":1,"article_id":1},
{"type":"article_view","article_id":1},{"type":"vote","article_id":1,"helpful":true},
{"type":"suggestion_shown","source":"rule","rule":{"match":"glob","pattern":"/billing/*"}},
{"type":"suggestion_click","source":"rule","rule":{"match":"glob","pattern":"/billing/*"},"article_id":1,"rank":1},
{"type":"contact_form_opened"},{"type":"search","query":"refund","results":0},{"type":"article_view","article_id":2},
{"type":"ticket_sent"}]}]], visitor, q, q)
  return wrk.format("POST", "/widget/v1/widgets/" .. widget .. "/events", {["Content-Type"] = "application/json"}, body)
end

function delay()
  return interval
end
