-- wrk script for Wellspring's benchmarks: prints one parseable line at the end of a run,
--   wrk-result requests=N duration_s=S rps=R p50_ms=A p90_ms=B p99_ms=C max_ms=D
--              connect_errors=N read_errors=N write_errors=N timeouts=N non2xx3xx=N errors=N
--              bytes=N
-- (errors = every failure wrk counts: socket errors, timeouts and non-2xx/3xx answers).
-- With WRK_PATHS="/a /b ..." in the environment, each connection cycles through those paths
-- instead of requesting the URL's own; otherwise requests stay static (pre-built by wrk).

local paths = {}
for p in string.gmatch(os.getenv("WRK_PATHS") or "", "%S+") do
  paths[#paths + 1] = p
end

if #paths > 0 then
  local i = 0 -- each wrk thread has its own Lua state, so its own i
  function request()
    i = i % #paths + 1
    return wrk.format(nil, paths[i])
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  local errors = e.connect + e.read + e.write + e.timeout + e.status
  io.write(string.format(
    "wrk-result requests=%d duration_s=%.2f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f "
      .. "connect_errors=%d read_errors=%d write_errors=%d timeouts=%d non2xx3xx=%d errors=%d bytes=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, e.status, errors, summary.bytes))
end
