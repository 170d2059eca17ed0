-- wrk script for POST /api/screen (bench/run starts the service, signs in and calls this).
--   wrk ... -s bench/wrk/screen.lua URL -- BODIES COOKIE_FILE
-- BODIES: one case intake as JSON per line, posted in turn (each thread starts at a different one).
-- COOKIE_FILE: the "Cookie:" header value of a signed-in session, as a browser or API client sends it after /signin.
-- Every response is checked: status 200 and a decision with a known outcome code; anything else is a failure,
-- counted and shown (first few) by done(), which also prints one machine-readable line for bench/run.

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local outcomes = {
  not_out_of_purpose = true, based_on_law = true, consent_or_to_person = true, covered = true,
  needs_review = true, more_information_needed = true, not_permitted = true,
}

local requests = {}
local next_index = 1

local function read_all(path)
  local file = assert(io.open(path, "r"), "cannot open " .. path)
  local text = file:read("*a")
  file:close()
  return text
end

function init(args)
  local bodies_path, cookie_path = args[1], args[2]
  assert(bodies_path and cookie_path, "usage: -- BODIES COOKIE_FILE")
  local cookie = read_all(cookie_path):gsub("%s+$", "")
  local headers = { ["Content-Type"] = "application/json", ["Cookie"] = cookie }
  for line in io.lines(bodies_path) do
    if line:find("%S") then
      table.insert(requests, wrk.format("POST", "/api/screen", headers, line))
    end
  end
  assert(#requests > 0, "no bodies in " .. bodies_path)
  next_index = ((id or 1) - 1) * math.floor(#requests / 2) % #requests + 1
  checked, failed, samples = 0, 0, ""
end

function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return r
end

function response(status, headers, body)
  checked = checked + 1
  -- The case's own outcome comes before its items' (docs/decision-json.md), so the first one found is the case's.
  local outcome = body and body:match('"outcome"%s*:%s*"([a-z_]+)"')
  if status ~= 200 or not outcome or not outcomes[outcome] then
    failed = failed + 1
    if failed <= 3 then
      samples = samples .. string.format("  status %d: %s\n", status, (body or ""):sub(1, 300))
    end
  end
end

function done(summary, latency, requests_made)
  local checked_all, failed_all, samples_all = 0, 0, ""
  for _, thread in ipairs(threads) do
    checked_all = checked_all + (thread:get("checked") or 0)
    failed_all = failed_all + (thread:get("failed") or 0)
    samples_all = samples_all .. (thread:get("samples") or "")
  end
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
  io.write(string.format("checked %d responses: %d failed (status or body), %d socket errors\n",
    checked_all, failed_all, socket_errors))
  if samples_all ~= "" then
    io.write("first failures:\n" .. samples_all)
  end
  io.write(string.format(
    "WRK-RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f checked=%d failed=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    checked_all, failed_all, socket_errors))
end
