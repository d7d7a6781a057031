-- get.lua — wrk script: plain GETs of wrk's URL, counting answers other than 200 as errors.
--
--   wrk -t2 -c64 -d30s --latency -s bench/load/get.lua http://127.0.0.1:PORT/s/TOKEN
--
-- done() prints one line "OPENITA kind=get ..." that bench/load.sh parses (same fields as
-- post_eit.lua's).

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  ok = 0
  bad = 0
  bad_status = 0
end

function response(status, hdrs, body)
  if status == 200 then
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
    "OPENITA kind=get requests=%d ok=%d bad=%d bad_status=%d sock_errors=%d timeouts=%d " ..
    "duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, n_ok, n_bad, last, e.connect + e.read + e.write, e.timeout,
    summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end
