-- wrk script: widget searches rotating through the query set in $QUERIES, against $SEARCH_PATH. With $RATE set,
-- requests are paced to that many per second in all (split evenly over $THREADS wrk threads, default 2), so that
-- latency is measured at a given load rather than at saturation: each request waits for its slot in a fixed
-- schedule, and when the server falls behind, requests go as fast as the connections allow.
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

if os.getenv("RATE") then
  local ffi = require("ffi")
  ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } lantern_timespec;
  int clock_gettime(int clock, lantern_timespec *tp);
  ]]
  local now = ffi.new("lantern_timespec[1]")
  local function milliseconds()
    ffi.C.clock_gettime(1, now) -- CLOCK_MONOTONIC
    return tonumber(now[0].tv_sec) * 1000 + tonumber(now[0].tv_nsec) / 1e6
  end
  local interval = 1000 / (tonumber(os.getenv("RATE")) / tonumber(os.getenv("THREADS") or "2"))
  local next_slot = nil

  function delay()
    local t = milliseconds()
    if next_slot == nil or next_slot < t - 1000 then next_slot = t end
    next_slot = next_slot + interval
    local wait = next_slot - t
    if wait < 0 then return 0 end
    return wait
  end
end
