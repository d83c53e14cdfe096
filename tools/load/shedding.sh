#!/usr/bin/env bash
# Overload shedding on loopback: the worker with default settings, wrk at rising connection counts (closed loop,
# bounded runs), and a paced probe (tools/load/Predictor.LoadGen) that times accepted and refused requests apart.
# Usage (from the repository root, after building the worker and the load generator in Release):
#   tools/load/shedding.sh [seconds-per-point] [connections...]
set -euo pipefail
seconds=${1:-10}; shift || true
points=("${@:-64 256 1000 6000 12000}")
work=$(mktemp -d)
port=5093
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
python3 - data/cohort-5000.csv > "$work/patient.json" <<'PY'
import csv, json, sys
rows = csv.reader(open(sys.argv[1]))
header, first = next(rows), next(rows)
def value(cell):
    if cell == "": return None
    if cell in ("true", "false"): return cell == "true"
    try: return float(cell) if "." in cell else int(cell)
    except ValueError: return cell
print(json.dumps({k: value(c) for k, c in zip(header, first)}))
PY
dotnet src/Inference/Predictor.Worker/bin/Release/net10.0/Predictor.Worker.dll --urls "http://127.0.0.1:$port" \
  --Worker:ModelPath="$PWD/models/resistance.model.json" --Worker:DataRoot="$work/data" --Logging:LogLevel:Default=Warning \
  > "$work/worker.log" 2>&1 &
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 0.2; done
# Warm-up (JIT) at a light load.
PATIENT="$work/patient.json" wrk -t1 -c8 -d3s -s tools/load/score-patient.lua "http://127.0.0.1:$port" >/dev/null 2>&1
for c in ${points[*]}; do
  echo "== $c connections, $seconds s"
  PATIENT="$work/patient.json" QUIET=1 wrk -t2 -c"$c" -d"${seconds}s" --timeout 2s --latency -s tools/load/score-patient.lua \
    "http://127.0.0.1:$port" > "$work/wrk.txt" 2>&1 &
  load=$!
  sleep 1
  # The probe: 4 connections paced at 200 requests/s in all, alongside the overload, for the middle of the run.
  dotnet tools/load/Predictor.LoadGen/bin/Release/net10.0/Predictor.LoadGen.dll http "http://127.0.0.1:$port" "$work/patient.json" 4 \
    "$((seconds - 3))" 200 "$worker" | sed 's/^/probe: /'
  wait "$load" || true
  grep -E "Latency|50%|99%|requests in|Requests/sec|Non-2xx|Socket errors" "$work/wrk.txt"
done
echo "== worker log lines (warnings and above)"
grep -c . "$work/worker.log" || true
grep -m3 "Overload" "$work/worker.log" || true
