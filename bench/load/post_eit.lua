-- post_eit.lua — wrk script: every request POSTs one complete, valid EIT response to the survey
-- link given in wrk's URL (http://HOST:PORT/s/TOKEN), with random answers and a fresh nonce.
--
--   OPENITA_FIELDS="e1:4,e2:4,e4:2,..." wrk -t2 -c64 -d30s --latency \
--       -s bench/load/post_eit.lua http://127.0.0.1:PORT/s/TOKEN
--
-- OPENITA_FIELDS lists each answer code with its number of options (bench/load.sh reads them
-- from the survey page's radio inputs). A stored response answers 303 See Other; anything else
-- (422 gaps, 429 rate limit, 503 store busy, a duplicate's page …) is counted as an error, and
-- done() prints one line "OPENITA kind=post ..." that bench/load.sh parses.
--
-- The nonce is 22 base64url characters, unique by construction within a run: 1 character of
-- thread number, 6 of a per-thread counter, 15 random (seeded from /dev/urandom), so no two
-- requests of a run and no two runs share one.

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local threads = {}

local function parse_fields(spec)
  local out = {}
  for name, n in string.gmatch(spec or "", "([%w_%-]+):(%d+)") do
    out[#out + 1] = { name, tonumber(n) }
  end
  return out
end

local function b64char(v)
  return string.sub(alphabet, v + 1, v + 1)
end

function setup(thread)
  thread:set("thread_no", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  fields = parse_fields(os.getenv("OPENITA_FIELDS"))
  if #fields == 0 then
    io.stderr:write("post_eit.lua: OPENITA_FIELDS is empty (want e.g. e1:4,e2:4,...)\n")
    os.exit(2)
  end
  local f = io.open("/dev/urandom", "rb")
  local s = f:read(4)
  f:close()
  local seed = ((s:byte(1) * 256 + s:byte(2)) * 256 + s:byte(3)) * 256 + s:byte(4)
  math.randomseed(seed + thread_no)
  counter = 0
  ok = 0
  bad = 0
  bad_status = 0
  headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
end

local function nonce()
  local c = counter
  local out = { b64char(thread_no % 64) }
  for _ = 1, 6 do
    out[#out + 1] = b64char(c % 64)
    c = math.floor(c / 64)
  end
  for _ = 1, 15 do
    out[#out + 1] = b64char(math.random(0, 63))
  end
  return table.concat(out)
end

function request()
  counter = counter + 1
  local parts = {}
  for i = 1, #fields do
    parts[i] = fields[i][1] .. "=" .. math.random(1, fields[i][2])
  end
  parts[#parts + 1] = "nonce=" .. nonce()
  return wrk.format("POST", nil, headers, table.concat(parts, "&"))
end

function response(status, hdrs, body)
  if status == 303 then
    ok = ok + 1
  else
    bad = bad + 1
    bad_status = status
  end
end

function done(summary, latency, requests)
  local n_ok, n_bad, last = 0, 0, 0
  for _, t in ipairs(threads) do
    n_ok = n_ok + t:get("ok")
    n_bad = n_bad + t:get("bad")
    if t:get("bad_status") ~= 0 then last = t:get("bad_status") end
  end
  local e = summary.errors
  io.write(string.format(
    "OPENITA kind=post requests=%d ok=%d bad=%d bad_status=%d sock_errors=%d timeouts=%d " ..
    "duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, n_ok, n_bad, last, e.connect + e.read + e.write, e.timeout,
    summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end
