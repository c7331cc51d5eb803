-- wrk script for benchmarks/sign-in.sh; the scenario comes from the environment:
--
--   BENCH_SCENARIO  sign_in | console | ping
--   BENCH_THREADS   wrk's thread count, to spread the threads' starting places over the users
--   BENCH_REQUESTS  file written by sign-in-seed.mjs, one user a line     (sign_in, console)
--                   sign_in: the Cookie header, a tab, the urlencoded form body
--                   console: the Cookie header (antiforgery and roster_session cookies)
--
-- sign_in: POST /console/sign-in with a user's e-mail, password and antiforgery token, the users in turn (each thread
-- starting at its own place); the answer must be a 302 to /console that sets the roster_session cookie. console:
-- GET /console with a user's session, the users in turn; the answer must be a 200 with the console home's HTML.
-- ping: GET /ping with no cookies. Any other answer is counted; done() prints one RESULT line for sign-in.sh to parse.

local scenario = os.getenv("BENCH_SCENARIO") or "ping"

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
local cookies = {}
local bodies = {}
local n = 0

function init(args)
  if scenario == "sign_in" or scenario == "console" then
    local name = os.getenv("BENCH_REQUESTS")
    assert(name, "BENCH_REQUESTS not set")
    local file, err = io.open(name)
    assert(file, "cannot open BENCH_REQUESTS: " .. tostring(err))
    for line in file:lines() do
      if #line > 0 then
        local cookie, body = line:match("^([^\t]*)\t?(.*)$")
        cookies[#cookies + 1] = cookie
        bodies[#bodies + 1] = body
      end
    end
    file:close()
    assert(#cookies > 0, "no lines in BENCH_REQUESTS")
    local spread = tonumber(os.getenv("BENCH_THREADS") or "") or 2
    n = math.floor((index - 1) * #cookies / spread) % #cookies
  end
end

function request()
  if scenario == "sign_in" then
    n = n % #cookies + 1
    return wrk.format("POST", "/console/sign-in",
      { ["Cookie"] = cookies[n], ["Content-Type"] = "application/x-www-form-urlencoded" }, bodies[n])
  elseif scenario == "console" then
    n = n % #cookies + 1
    return wrk.format("GET", "/console", { ["Cookie"] = cookies[n] })
  end
  return wrk.format("GET", "/ping")
end

-- A header's value by its name in any case (wrk keeps the last of repeated headers).
local function header(hdrs, name)
  for k, v in pairs(hdrs) do
    if string.lower(k) == name then return v end
  end
  return nil
end

local function answered_as_expected(status, hdrs, body)
  if scenario == "sign_in" then
    local cookie = header(hdrs, "set-cookie") or ""
    return status == 302 and header(hdrs, "location") == "/console" and string.find(cookie, "^roster_session=[^;]") ~= nil
  elseif scenario == "console" then
    body = body or ""
    return status == 200 and string.find(body, "<h1>Welcome, ", 1, true) ~= nil
      and string.find(body, "You are signed in to ", 1, true) ~= nil
  end
  return status == 200
end

function response(status, hdrs, body)
  if not answered_as_expected(status, hdrs, body) then
    bad = bad + 1
    if first_bad == "" then
      first_bad = status .. " " .. (header(hdrs, "location") or "") .. " " .. string.sub(body or "", 1, 160)
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
  io.write(string.format("RESULT scenario=%s rps=%.1f requests=%d seconds=%.2f bad=%d socket_errors=%d mean_ms=%.3f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f\n",
    scenario, summary.requests / seconds, summary.requests, seconds, non_expected, socket, latency.mean / 1000,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
  -- (printable ASCII only: the sample is cut at a byte count, maybe inside a character)
  if sample ~= "" then io.write("RESULT_SAMPLE " .. sample:gsub("[^\32-\126]", " ") .. "\n") end
end
