-- Tertulia's HTTP load mix for wrk (4.x): signed-in page views, search and inbox API calls, picked by weight.
-- Written for the bench's `load` verb (bench/Tertulia.Bench/LoadBench.cs), which sets the environment:
--   LOAD_TOKEN          a personal API token (Authorization: Bearer ...)
--   LOAD_COOKIE         the Cookie header of a signed-in browser session
--   LOAD_QUERIES        a file of search queries, one a line (SearchBench.Queries)
--   LOAD_CONVERSATIONS  conversations are ids 1..N (random ones are opened)
--   LOAD_KIND           optional: only this kind of request (to time one kind alone)
--   LOAD_WORKSPACE      optional, default 1
-- Every answer that is not 200 is counted (a 302 to the sign-in page would be a worthless load test): see done().
local token = os.getenv("LOAD_TOKEN") or ""
local cookie = os.getenv("LOAD_COOKIE") or ""
local conversations = tonumber(os.getenv("LOAD_CONVERSATIONS") or "1000")
local only = os.getenv("LOAD_KIND")
if only == "" or only == "mix" then only = nil end
local ws = os.getenv("LOAD_WORKSPACE") or "1"

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local queries = {}
local file = io.open(os.getenv("LOAD_QUERIES") or "", "r")
if file then
  for line in file:lines() do
    if line ~= "" then table.insert(queries, encode(line)) end
  end
  file:close()
end
if #queries == 0 then queries = { "candeal" } end

local function query() return queries[math.random(#queries)] end
local function conversation() return math.random(1, conversations) end

local api = { ["Authorization"] = "Bearer " .. token }
local browser = { ["Cookie"] = cookie }
local base = "/api/workspaces/" .. ws

-- ~40 % search API, ~30 % inbox API, ~30 % signed-in pages.
local kinds = {
  { name = "search-api",          weight = 40, headers = api,     path = function() return base .. "/mentions?q=" .. query() end },
  { name = "inbox-unassigned",    weight = 8,  headers = api,     path = function() return base .. "/inbox/conversations?view=unassigned" end },
  { name = "inbox-open",          weight = 6,  headers = api,     path = function() return base .. "/inbox/conversations?status=open" end },
  { name = "inbox-assignee",      weight = 6,  headers = api,     path = function() return base .. "/inbox/conversations?assignee=agent-" .. math.random(0, 9) end },
  { name = "conversation-api",    weight = 10, headers = api,     path = function() return base .. "/inbox/conversations/" .. conversation() end },
  { name = "workspace-page",      weight = 8,  headers = browser, path = function() return "/w/" .. ws end },
  { name = "inbox-page",          weight = 8,  headers = browser, path = function() return "/w/" .. ws .. "/inbox" end },
  { name = "conversation-page",   weight = 8,  headers = browser, path = function() return "/w/" .. ws .. "/inbox/" .. conversation() end },
  { name = "search-page",         weight = 6,  headers = browser, path = function() return "/w/" .. ws .. "?q=" .. query() end },
}

local chosen, total = {}, 0
for _, kind in ipairs(kinds) do
  if only == nil or kind.name == only then
    total = total + kind.weight
    table.insert(chosen, { kind = kind, upto = total })
  end
end
if #chosen == 0 then error("LOAD_KIND: no such kind: " .. tostring(only)) end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 100 + (id or 0))
  non200 = 0
  codes = {}
  sent = {}
end

function request()
  local r = math.random() * total
  local pick = chosen[#chosen]
  for _, c in ipairs(chosen) do
    if r < c.upto then pick = c break end
  end
  local name = pick.kind.name
  sent[name] = (sent[name] or 0) + 1
  return wrk.format("GET", pick.kind.path(), pick.kind.headers)
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    codes[status] = (codes[status] or 0) + 1
  end
end

local function summary_of(t)
  local parts = {}
  for k, v in pairs(t) do table.insert(parts, tostring(k) .. ":" .. tostring(v)) end
  table.sort(parts)
  return #parts == 0 and "-" or table.concat(parts, ",")
end

function done(summary, latency, requests)
  local bad, allcodes, allsent = 0, {}, {}
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("non200") or 0)
    for k, v in pairs(thread:get("codes") or {}) do allcodes[k] = (allcodes[k] or 0) + v end
    for k, v in pairs(thread:get("sent") or {}) do allsent[k] = (allsent[k] or 0) + v end
  end
  local e = summary.errors
  io.write(string.format(
    "LOADMIX requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d non200=%d connect=%d read=%d write=%d timeout=%d codes=%s sent=%s\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    bad, e.connect, e.read, e.write, e.timeout, summary_of(allcodes), summary_of(allsent)))
end
