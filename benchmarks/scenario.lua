-- wrk script for the load run; the scenario comes from the environment:
--
--   BENCH_SCENARIO  ping | get_user | list_prefix | create_user
--   BENCH_ACCOUNT   account id                      (not needed for ping)
--   BENCH_AUTH      base64 of "key:secret"          (not needed for ping)
--   BENCH_IDS       file of user ids, one a line    (get_user)
--   BENCH_USERS     how many seeded users, named user000001… (list_prefix)
--   BENCH_TAG       a word unique to this run       (create_user: unique names and e-mails)
--
-- ping is sent without an Authorization header: the authentication middleware runs on every request
-- that carries one, anonymous endpoints included, and the baseline must stay trivial.
-- Every response that is not 200 is counted; done() prints one RESULT line for load.sh to parse.

local scenario = os.getenv("BENCH_SCENARIO") or "ping"
local account = os.getenv("BENCH_ACCOUNT") or ""
local base = "/v1_1/provisioning/accounts/" .. account
local headers = { ["Authorization"] = "Basic " .. (os.getenv("BENCH_AUTH") or "") }
local tag = os.getenv("BENCH_TAG") or tostring(os.time())

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

-- Per-thread state (each wrk thread has its own Lua state).
bad = 0
first_bad = ""
local ids = {}
local prefixes = 0
local n = 0

function init(args)
  math.randomseed(os.time() * 100 + (index or 0))
  if scenario == "get_user" then
    local path = assert(os.getenv("BENCH_IDS"), "BENCH_IDS not set")
    local file, err = io.open(path)
    assert(file, "cannot open BENCH_IDS: " .. tostring(err))
    for line in file:lines() do
      if #line > 0 then ids[#ids + 1] = line end
    end
    file:close()
    assert(#ids > 0, "no ids in BENCH_IDS")
  elseif scenario == "list_prefix" then
    -- user + five digits matches ten of the six-digit names (user04210 → user042100…user042109).
    prefixes = math.floor(tonumber(os.getenv("BENCH_USERS") or "100000") / 10)
  end
end

function request()
  if scenario == "get_user" then
    return wrk.format("GET", base .. "/users/" .. ids[math.random(#ids)], headers)
  elseif scenario == "list_prefix" then
    return wrk.format("GET", base .. "/users?prefix=user" .. string.format("%05d", math.random(0, prefixes - 1)), headers)
  elseif scenario == "create_user" then
    n = n + 1
    local name = "post" .. tag .. "t" .. index .. "n" .. n
    local post = { ["Authorization"] = headers["Authorization"], ["Content-Type"] = "application/json" }
    return wrk.format("POST", base .. "/users", post,
      '{"name":"' .. name .. '","email":"' .. name .. '@bench.example"}')
  else
    return wrk.format("GET", "/ping")
  end
end

function response(status, hdrs, body)
  if status ~= 200 then
    bad = bad + 1
    if first_bad == "" then first_bad = status .. " " .. string.sub(body or "", 1, 160) end
  end
end

function done(summary, latency, requests)
  local non200, sample = 0, ""
  for _, thread in ipairs(threads) do
    non200 = non200 + (thread:get("bad") or 0)
    local s = thread:get("first_bad")
    if sample == "" and s and s ~= "" then sample = s end
  end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT scenario=%s rps=%.1f requests=%d seconds=%.2f non200=%d socket_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    scenario, summary.requests / seconds, summary.requests, seconds, non200, socket,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  if sample ~= "" then io.write("RESULT_SAMPLE " .. sample:gsub("\n", " ") .. "\n") end
end
