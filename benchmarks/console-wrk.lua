-- wrk script for benchmarks/console.sh; the scenario comes from the environment:
--
--   BENCH_SCENARIO  a scenario of pages.tsv (users, users_search, …, groups_page) | ping
--   BENCH_PAGES     pages.tsv written by console-seed.mjs: scenario, path, the text the answer must hold (tab-separated)
--   BENCH_COOKIE    cookie.txt written by console-seed.mjs: the Cookie header of the root user's console session
--
-- A page: GET its path with the session cookie; the answer must be a 200 that holds the expected text (the page's count
-- of users or groups, which the seed predicted). ping: GET /ping with no cookie, a 200. Any other answer is counted;
-- done() prints one RESULT line for console.sh to parse.

local scenario = os.getenv("BENCH_SCENARIO") or "ping"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- Per-thread state (each wrk thread has its own Lua state).
bad = 0
first_bad = ""
local route = "/ping"
local expected = nil
local cookie = nil

local function read_all(name)
  local file, err = io.open(name)
  assert(file, "cannot open " .. name .. ": " .. tostring(err))
  local text = file:read("*a")
  file:close()
  return text
end

function init(args)
  if scenario ~= "ping" then
    local pages = os.getenv("BENCH_PAGES")
    local cookies = os.getenv("BENCH_COOKIE")
    assert(pages and cookies, "BENCH_PAGES and BENCH_COOKIE must be set")
    for line in read_all(pages):gmatch("[^\n]+") do
      local name, path, text = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
      if name == scenario then
        route, expected = path, text
      end
    end
    assert(expected, "no page " .. scenario .. " in BENCH_PAGES")
    cookie = read_all(cookies):gsub("%s+$", "")
  end
end

function request()
  if cookie then
    return wrk.format("GET", route, { ["Cookie"] = cookie })
  end
  return wrk.format("GET", route)
end

function response(status, headers, body)
  local right = status == 200 and (expected == nil or string.find(body or "", expected, 1, true) ~= nil)
  if not right then
    bad = bad + 1
    if first_bad == "" then
      first_bad = status .. " " .. string.sub(body or "", 1, 160)
    end
  end
end

function done(summary, latency, requests)
  local non_expected, sample = 0, ""
  for _, thread in ipairs(threads) do
    non_expected = non_expected + (thread:get("bad") or 0)
    local s = thread:get("first_bad")
    if sample == "" and s and s ~= "" then sample = s end
  end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT scenario=%s rps=%.1f requests=%d seconds=%.2f bad=%d socket_errors=%d mean_ms=%.3f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
    scenario, summary.requests / seconds, summary.requests, seconds, non_expected, socket, latency.mean / 1000,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  -- (printable ASCII only: the sample is cut at a byte count, maybe inside a character)
  if sample ~= "" then io.write("RESULT_SAMPLE " .. sample:gsub("[^\32-\126]", " ") .. "\n") end
end
