-- wrk: each request posts one answer form exactly as a browser without JavaScript sends it, with
-- a form token of its own (read from the file BODIES, one URL-encoded body per line). A token is
-- used once; when a thread runs out of them it stops, so no resend is ever counted.
local bodies = {}
local next_body = 1
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local count = tonumber(os.getenv("THREADS"))
  local n = 0
  for line in io.lines(os.getenv("BODIES")) do
    if n % count == id then
      table.insert(bodies, line)
    end
    n = n + 1
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Origin"] = "http://" .. os.getenv("YC_LISTEN")
end

function request()
  local body = bodies[next_body]
  if body == nil then
    wrk.thread:stop()
    return wrk.format("GET", "/healthz")
  end
  next_body = next_body + 1
  return wrk.format(nil, nil, nil, body)
end
