-- wrk script for benchmarks/authorize.sh; the scenario comes from the environment:
--
--   BENCH_SCENARIO  authorize | ping
--   BENCH_ACCOUNT   account id                                   (authorize)
--   BENCH_AUTH      base64 of "key:secret"                       (authorize)
--   BENCH_BODIES    file of authorize request bodies, one a line (authorize)
--
-- authorize: POST /v2/accounts/{id}/permissions/authorize with the bodies of the request mix in turn, each
-- thread starting at its own place. ping: GET /ping without credentials (the authentication middleware runs
-- on every request that carries them). Answers that are not 200, and 200s without a decision, are counted;
-- done() prints one RESULT line with the rate and the latency percentiles for authorize.sh to parse.

local scenario = os.getenv("BENCH_SCENARIO") or "ping"
local path = "/v2/accounts/" .. (os.getenv("BENCH_ACCOUNT") or "") .. "/permissions/authorize"
local headers = { ["Authorization"] = "Basic " .. (os.getenv("BENCH_AUTH") or ""), ["Content-Type"] = "application/json" }

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
local bodies = {}
local n = 0

function init(args)
  if scenario == "authorize" then
    local name = os.getenv("BENCH_BODIES")
    assert(name, "BENCH_BODIES not set")
    local file, err = io.open(name)
    assert(file, "cannot open BENCH_BODIES: " .. tostring(err))
    for line in file:lines() do
      if #line > 0 then bodies[#bodies + 1] = line end
    end
    file:close()
    assert(#bodies > 0, "no bodies in BENCH_BODIES")
    n = math.floor((index - 1) * #bodies / 7) % #bodies
  end
end

function request()
  if scenario == "authorize" then
    n = n % #bodies + 1
    return wrk.format("POST", path, headers, bodies[n])
  end
  return wrk.format("GET", "/ping")
end

function response(status, hdrs, body)
  if status ~= 200 or (scenario == "authorize" and not string.find(body or "", '"decision"', 1, true)) then
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
  io.write(string.format("RESULT scenario=%s rps=%.1f requests=%d seconds=%.2f non200=%d socket_errors=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f\n",
    scenario, summary.requests / seconds, summary.requests, seconds, non200, socket,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
  if sample ~= "" then io.write("RESULT_SAMPLE " .. sample:gsub("\n", " ") .. "\n") end
end
