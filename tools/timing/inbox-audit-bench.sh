#!/bin/bash
# Fleet worker, 1M-row Parquet file into its inbox, audit trail off vs on (one run each). Prints the Scored line,
# the worker's CPU (user+sys from /proc) and peak RSS (VmHWM) after the file is done, and rows in audit.
set -e
B=/tmp/inbox-audit-bench; PGB=/usr/lib/postgresql/15/bin; PORT=55491
WT=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf $B/pg && mkdir -p $B/pg && chown postgres:postgres $B/pg
su postgres -c "$PGB/initdb -D $B/pg/data -A trust -U predictor -E UTF8 --no-sync --locale=C" >/dev/null
su postgres -c "$PGB/pg_ctl -D $B/pg/data -l $B/pg/server.log -w -o '-p $PORT -k $B/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off' start" >/dev/null
trap "su postgres -c '$PGB/pg_ctl -D $B/pg/data -m fast -w stop' >/dev/null" EXIT
pgcpu() { local pm=$(head -1 $B/pg/data/postmaster.pid); awk -v t=$(getconf CLK_TCK) '{print int(($14+$15+$16+$17)*1000/t)}' /proc/$pm/stat; }
for mode in ${MODES:-off on}; do
  su postgres -c "$PGB/psql -h 127.0.0.1 -p $PORT -U predictor -d postgres -qc 'DROP DATABASE IF EXISTS f_$mode' -c 'CREATE DATABASE f_$mode'"
  CS="Host=127.0.0.1;Port=$PORT;Username=predictor;Database=f_$mode"
  enabled=$([ $mode = on ] && echo true || echo false)
  rm -rf $B/root-$mode && mkdir -p $B/root-$mode
  dotnet $WT/src/Inference/Predictor.Worker/bin/Release/net10.0/Predictor.Worker.dll --urls http://127.0.0.1:0 \
    --Worker:ModelPath=$WT/models/resistance.model.json --Worker:DataRoot=$B/root-$mode \
    "--Worker:Database:ConnectionString=$CS" --Worker:Audit:Enabled=$enabled --Worker:Inbox:SettleTime=00:00:00.200 \
    > $B/worker-$mode.log 2>&1 &
  pid=$!; pg0=$(pgcpu)
  until grep -q "Now listening\|Application started" $B/worker-$mode.log; do sleep 0.5; done
  cp /tmp/fleet-bench/cohort-1m.parquet $B/root-$mode/cohort-1m.parquet.part
  mv $B/root-$mode/cohort-1m.parquet.part $B/root-$mode/inbox/cohort-1m.parquet
  until [ -n "$(ls $B/root-$mode/done 2>/dev/null)" ]; do sleep 0.5; done
  read ut st < <(awk '{print $14, $15}' /proc/$pid/stat); tck=$(getconf CLK_TCK)
  echo "== audit $mode"; grep -o "Scored .*" $B/worker-$mode.log | head -1
  echo "worker CPU user+sys: $(( (ut+st)*1000/tck )) ms; $(grep VmHWM /proc/$pid/status)"
  kill $pid; wait $pid 2>/dev/null || true; sleep 1
  echo "PostgreSQL server CPU (postmaster + exited backends) during the run: $(( $(pgcpu) - pg0 )) ms"
  su postgres -c "$PGB/psql -h 127.0.0.1 -p $PORT -U predictor -d f_$mode -tAc \"SELECT count(*), count(DISTINCT request_id) FROM audit WHERE channel='inbox'\""
done
uptime
