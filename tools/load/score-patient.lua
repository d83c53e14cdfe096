-- wrk script: POST one patient (the JSON file named by the PATIENT environment variable) to /v1/score.
-- wrk -t1 -c64 -d10s --latency -s tools/load/score-patient.lua http://127.0.0.1:5080
local file = assert(io.open(os.getenv("PATIENT") or "patient.json", "rb"))
wrk.method = "POST"
wrk.path = "/v1/score"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

-- QUIET=1 (overload runs): refusals are expected; wrk's summary counts them as non-2xx responses.
local quiet = os.getenv("QUIET") == "1"

function response(status, headers, body)
  if status ~= 200 and not quiet then
    io.stderr:write("status " .. status .. "\n")
  end
end
