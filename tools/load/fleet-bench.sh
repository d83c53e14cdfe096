#!/usr/bin/env bash
# Fleet figures for docs/benchmarks.md ("Scoring fleet on PostgreSQL"): one 1,000,000-patient Parquet file through
# the single-process inbox, through a fleet worker's inbox (audit trail on), and through the fleet with 1 and 2 worker
# processes; single-patient HTTP latency with and without the audit trail. Needs the Debian package postgresql and
# wrk; run from the repository root as root or a normal user. Everything lives under $W (default /tmp/fleet-bench) and
# the cluster is stopped at the end. Settings, all optional:
#   WORKERS="1 2"   which fleet sizes to run          SKIP_HTTP=1, SKIP_INBOX=1   leave out those parts
#   WARM=1          a 50,000-patient file through each worker first, then the timed one (a running worker's steady
#                   state: the JIT's tier-up otherwise runs during the timed file, on the same 2 cores);
#                   WARM_FILE: another warm-up file; a copy of the 1M file (cp to $W/cohort-1m-warm.parquet) gives a
#                   worker that has been running a while, and a server with WAL files to recycle
#   JOB_LOG=Debug   phase timings (events 5010 submit, 5011 each chunk) in $W/fleetN-i.log
#   PG_OPTS="-c shared_preload_libraries=pg_stat_statements"   also prints the server's time by statement
#   PRE_SQL="..."   run in the fleet database before the timed job (schema experiments)
#   PERF=/tmp/p     a system-wide `perf record -g` of each fleet job into /tmp/p-N
#   PIN=1           PostgreSQL on core 1, the workers on core 0 (each as if on a machine of its own)
#   WORKER=/path/Predictor.Worker.dll   another build;  PORT, HTTP_PORT   move the ports
set -euo pipefail
W=${W:-/tmp/fleet-bench}
PORT=${PORT:-55432}
H=${HTTP_PORT:-5180}  # first of the workers' HTTP ports (the single-patient part uses H+10)
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
WORKER=${WORKER:-src/Inference/Predictor.Worker/bin/Release/net10.0/Predictor.Worker.dll}  # another build: WORKER=/path/Predictor.Worker.dll
CLI=src/Training/Predictor.Cli/bin/Release/net10.0/predictor.dll
LOADGEN=tools/load/Predictor.LoadGen/bin/Release/net10.0/Predictor.LoadGen.dll
if [ -n "${PIN:-}" ]; then PG_PIN="taskset -c 1"; WORKER_PIN="taskset -c 0"; else PG_PIN=; WORKER_PIN=; fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$W"
[ -f "$W/cohort-1m.csv" ] || dotnet $CLI simulate --patients 1000000 --treated-fraction 1 --out "$W/cohort-1m.csv" >/dev/null
[ -f "$W/cohort-warm.csv" ] || dotnet $CLI simulate --patients 50000 --treated-fraction 1 --seed 7 --out "$W/cohort-warm.csv" >/dev/null
[ -f "$W/cohort-warm.parquet" ] || dotnet $CLI data convert "$W/cohort-warm.csv" "$W/cohort-warm.parquet" >/dev/null
[ -f "$W/cohort-1m.parquet" ] || dotnet $CLI data convert "$W/cohort-1m.csv" "$W/cohort-1m.parquet" >/dev/null
rm -rf "$W/pg" && mkdir -p "$W/pg" && { [ "$(id -u)" != 0 ] || chown postgres "$W/pg"; }
as_pg $BIN/initdb -D "$W/pg/data" -A trust -U predictor --no-sync >/dev/null
as_pg $PG_PIN $BIN/pg_ctl -D "$W/pg/data" -l "$W/pg/log" -w -o "-p $PORT -k $W/pg -c listen_addresses=127.0.0.1 ${PG_OPTS:-}" start >/dev/null
trap 'as_pg $BIN/pg_ctl -D "$W/pg/data" -m fast -w stop >/dev/null; kill $(jobs -p) 2>/dev/null || true' EXIT
CS() { echo "Host=127.0.0.1;Port=$PORT;Username=predictor;Database=$1"; }
wait_up() { for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$1/health/live" >/dev/null && return 0; sleep 0.1; done; echo "worker on $1 did not start" >&2; return 1; }
# A path job posted to the worker on port $1 (prints its id), and waiting until that job is completed.
post_job() { curl -s -X POST -H 'Content-Type: application/json' -d "{\"path\":\"$2\"}" "http://127.0.0.1:$1/v1/jobs" | sed 's/.*"jobId":"\([^"]*\)".*/\1/'; }
until_completed() { until curl -s "http://127.0.0.1:$1/v1/jobs/$2" | grep -q '"state":"completed"'; do sleep 0.1; done; }
psql_() { psql -h 127.0.0.1 -p $PORT -U predictor -d "$1" -qtAc "$2"; }
# CPU seconds (user+sys) of processes, and of the PostgreSQL server (postmaster and its live backends): the machine is
# shared, so wall time alone says little.
cpu() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14+$15}' /proc/$p/stat 2>/dev/null || echo 0))); done; echo $t; }
pgcpu() { local m; m=$(head -1 "$W/pg/data/postmaster.pid"); cpu $m $(pgrep -P $m); }
secs() { echo "scale=1; $1 / $(getconf CLK_TCK)" | bc; }

echo "== $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# One 1M-row file through one worker's inbox (extra worker settings after the data root): wall time until the input
# is in done/, the worker's CPU and the server's.
inbox_run() {
  local root=$1; shift
  $WORKER_PIN dotnet $WORKER --urls http://127.0.0.1:$H --Worker:DataRoot="$root" --Worker:ModelPath=models/resistance.model.json --Logging:LogLevel:Default=Warning "$@" &
  local pid=$! g0; wait_up $H
  # WARM=1: a long-running worker's steady state; a 50,000-patient file first, so that the timed file finds its code
  # compiled (the JIT's tier-up otherwise runs during the timed file, on the same 2 cores).
  [ -z "${WARM:-}" ] || dotnet $LOADGEN inbox "$root" "${WARM_FILE:-$W/cohort-warm.parquet}" >/dev/null
  g0=$(pgcpu); local c0; c0=$(cpu $pid)
  dotnet $LOADGEN inbox "$root" "$W/cohort-1m.parquet"
  if [ -z "${WARM:-}" ]; then echo "   worker CPU $(secs $(cpu $pid)) s (including start-up), PostgreSQL $(secs $(($(pgcpu) - g0))) s"
  else echo "   worker CPU $(secs $(($(cpu $pid) - c0))) s (after the warm-up file), PostgreSQL $(secs $(($(pgcpu) - g0))) s"; fi
  kill $pid; wait $pid 2>/dev/null || true
}
if [ -z "${SKIP_INBOX:-}" ]; then
echo "== inbox (single process, no database)"
inbox_run "$W/inbox"
# The same inbox in a fleet worker: its predictions go into the audit trail (channel inbox) before the file moves to
# done/, so this is the inbox doing the durable per-row work a fleet job does.
echo "== inbox of a fleet worker (audit trail on)"
psql_ postgres "CREATE DATABASE inbox_audit"
inbox_run "$W/inbox-audit" "--Worker:Database:ConnectionString=$(CS inbox_audit)"
echo "   audit rows $(psql_ inbox_audit "SELECT count(*) FROM audit")"
fi

for N in ${WORKERS:-1 2}; do
  DB=fleet$N; psql_ postgres "CREATE DATABASE $DB"
  PIDS=()
  for i in $(seq 1 $N); do
    $WORKER_PIN dotnet $WORKER --urls http://127.0.0.1:$((H + i)) --Worker:DataRoot="$W/w$N-$i" --Worker:ModelPath=models/resistance.model.json \
      "--Worker:Database:ConnectionString=$(CS $DB)" --Worker:Jobs:PollInterval=00:00:00.100 --Logging:LogLevel:Default=Warning \
      --Logging:LogLevel:Predictor.Worker.Fleet.Jobs=${JOB_LOG:-Warning} > "$W/fleet$N-$i.log" &
    PIDS+=($!)
  done
  for i in $(seq 1 $N); do wait_up $((H + i)); done
  if [ -n "${WARM:-}" ]; then
    for i in $(seq 1 $N); do
      until_completed $((H + i)) "$(post_job $((H + i)) "${WARM_FILE:-$W/cohort-warm.parquet}")"
    done
    psql_ $DB "CHECKPOINT"
  fi
  [ -z "${PRE_SQL:-}" ] || psql_ $DB "$PRE_SQL"  # an experiment on the schema before the timed job
  C0=$(cpu "${PIDS[@]}"); G0=$(pgcpu); L0=$(psql_ $DB "SELECT pg_current_wal_lsn()")
  # PERF=file: a system-wide perf profile of the job (perf report --comm postgres, or --pid of a worker).
  [ -z "${PERF:-}" ] || { perf record -a -g -o "$PERF-$N" >/dev/null 2>&1 & PERF_PID=$!; sleep 0.5; }
  START=$(date +%s.%N)
  JOB=$(post_job $((H + 1)) "$W/cohort-1m.parquet")
  SUBMITTED=$(date +%s.%N)
  until_completed $((H + 1)) "$JOB"
  END=$(date +%s.%N)
  [ -z "${PERF:-}" ] || { kill -INT $PERF_PID; wait $PERF_PID || true; }
  C1=$(cpu "${PIDS[@]}"); G1=$(pgcpu); L1=$(psql_ $DB "SELECT pg_current_wal_lsn()")
  ROWS=$(psql_ $DB "SELECT count(*) FROM predictions WHERE job_id = '$JOB'")
  # Since jobs are scored while they are submitted, POST answers once the first part is stored: "answered" is that
  # moment, and the total runs until the job is completed (every chunk stored and scored).
  echo "== fleet, $N worker(s): $ROWS rows; POST answered $(echo "$SUBMITTED - $START" | bc) s, then until completed $(echo "$END - $SUBMITTED" | bc) s, total $(echo "$END - $START" | bc) s => $(echo "$ROWS / ($END - $START)" | bc) rows/s"
  echo "   CPU: workers $(secs $((C1 - C0))) s, PostgreSQL $(secs $((G1 - G0))) s; load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "   predictions table with its indexes: $(psql_ $DB "SELECT pg_size_pretty(pg_total_relation_size('predictions'))"), WAL written during the job: $(psql_ $DB "SELECT pg_size_pretty('$L1'::pg_lsn - '$L0'::pg_lsn)")"
  # PG_OPTS="-c shared_preload_libraries=pg_stat_statements": where the server's time went, by statement.
  if [[ "${PG_OPTS:-}" == *pg_stat_statements* ]]; then
    psql_ $DB "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
    psql -h 127.0.0.1 -p $PORT -U predictor -d $DB -c "SELECT calls, round(total_exec_time) AS ms, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS statement FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12"
  fi
  kill "${PIDS[@]}"; wait "${PIDS[@]}" 2>/dev/null || true
done

[ -z "${SKIP_HTTP:-}" ] || exit 0
echo "== single-patient HTTP, wrk -t1 -c16 -d10s after a 3 s warm-up (saturation), then paced at 500 and 2,000 requests/s"
head -2 data/cohort-5000.csv | python3 -c '
import sys, json, csv
r = list(csv.DictReader(sys.stdin))[0]
def v(x):
    if x == "": return None
    if x in ("true", "false"): return x == "true"
    try: return float(x)
    except ValueError: return x
print(json.dumps({k: v(x) for k, x in r.items()}))' > "$W/patient.json"
psql_ postgres "CREATE DATABASE audit"
for MODE in none fleet-no-audit fleet-audit; do
  EXTRA=()
  [ $MODE = none ] || EXTRA+=("--Worker:Database:ConnectionString=$(CS audit)")
  [ $MODE = fleet-no-audit ] && EXTRA+=(--Worker:Audit:Enabled=false)
  dotnet $WORKER --urls http://127.0.0.1:$((H + 10)) --Worker:DataRoot="$W/h-$MODE" --Worker:ModelPath=models/resistance.model.json --Logging:LogLevel:Default=Warning "${EXTRA[@]}" &
  P=$!; wait_up $((H + 10))
  PATIENT="$W/patient.json" wrk -t1 -c16 -d3s -s tools/load/score-patient.lua http://127.0.0.1:$((H + 10)) >/dev/null
  echo "-- $MODE"; PATIENT="$W/patient.json" wrk -t1 -c16 -d10s --latency -s tools/load/score-patient.lua http://127.0.0.1:$((H + 10)) | grep -E "Requests/sec| 50%| 99%"
  # Below saturation, at paced rates a hospital's single-patient traffic could reach: latency from each request's
  # scheduled send time, and the worker's own CPU per request (audit writes included, PostgreSQL's not).
  dotnet $LOADGEN http http://127.0.0.1:$((H + 10)) "$W/patient.json" 16 10 500,2000 $P
  kill $P; wait $P 2>/dev/null || true
done
echo "audit rows: $(psql_ audit "SELECT count(*) FROM audit")"
