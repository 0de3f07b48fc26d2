-- wrk script of the HTTP benchmark (bench/load.py sets it up through the environment).
--
-- BENCH_PLAN     requests to cycle through, one per line: "GET /path", "TICK /path" (POST that
--                alternates done and undo) or "LOG /path" (POST of a new night, each on its own date)
-- BENCH_COOKIE   the Cookie header of a signed-in session; BENCH_CSRF its CSRF token
-- BENCH_EXPECT   statuses that count as answered, e.g. "200" or "200,302"
-- BENCH_LOG_BODY the log form's body, with {date} where each request's night goes
-- BENCH_FIRST_DAY, BENCH_DAYS  first night (days since 1970-01-01) and how many this run may use,
--                shared out among BENCH_THREADS threads
-- Prints one line of JSON: requests, duration, latency percentiles (microseconds), errors.

local plan = {}
for line in string.gmatch(os.getenv("BENCH_PLAN") or "", "[^\n]+") do
  local kind, path = string.match(line, "^(%S+)%s+(%S+)$")
  table.insert(plan, { kind = kind, path = path })
end
local expected = {}
for status in string.gmatch(os.getenv("BENCH_EXPECT") or "200", "%d+") do
  expected[tonumber(status)] = true
end
local cookie = os.getenv("BENCH_COOKIE") or ""
local csrf = os.getenv("BENCH_CSRF") or ""
local log_body = os.getenv("BENCH_LOG_BODY") or ""
local first_day = tonumber(os.getenv("BENCH_FIRST_DAY") or "0")
local days = tonumber(os.getenv("BENCH_DAYS") or "1000")
local thread_count = tonumber(os.getenv("BENCH_THREADS") or "1")

local threads = {}
function setup(thread)
  thread:set("thread_number", #threads)
  table.insert(threads, thread)
end

function init(args)
  step = 0
  ticks = 0
  logs = 0
  unexpected = 0
end

local function headers(extra)
  local all = { ["Cookie"] = cookie, ["X-CSRFToken"] = csrf }
  for key, value in pairs(extra or {}) do all[key] = value end
  return all
end

local form = "application/x-www-form-urlencoded"

function request()
  step = step + 1
  local item = plan[(step - 1) % #plan + 1]
  if item.kind == "TICK" then
    ticks = ticks + 1
    local action = (ticks % 2 == 1) and "done" or "undo"
    return wrk.format("POST", item.path,
      headers({ ["Content-Type"] = form, ["HX-Request"] = "true" }), "action=" .. action)
  elseif item.kind == "LOG" then
    -- Threads share out the run's days, so no two requests log the same night.
    local share = math.floor(days / thread_count)
    local day = first_day + thread_number * share + (logs % share)
    logs = logs + 1
    local night = os.date("!%Y-%m-%d", day * 86400)
    local body = string.gsub(log_body, "{date}", night)
    return wrk.format("POST", item.path, headers({ ["Content-Type"] = form }), body)
  end
  return wrk.format("GET", item.path, headers())
end

function response(status, response_headers, body)
  if not expected[status] then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local wrong = 0
  for _, thread in ipairs(threads) do
    wrong = wrong + thread:get("unexpected")
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50": %.1f, "p95": %.1f, "p99": %.1f, ' ..
    '"max": %.1f, "unexpected_status": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, wrong, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout))
end
