#!/usr/bin/env bash
# PostgreSQL's cost of COPYing 1,000,000 predictions-shaped rows with no patient index, the b-tree the schema uses,
# a b-tree in the "C" collation, and a hash index (docs/benchmarks.md, "Lease renewals off the thread pool, and patient
# indexes"). LOC=en_US.UTF-8 runs it in a cluster of that locale (needs the locale generated). Runs as root (initdb
# as the postgres user); a throw-away cluster in /tmp/pgexp on port 55499, stopped at the end.
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin | tail -1)
W=/tmp/pgexp; rm -rf $W; mkdir -p $W; chown postgres $W
LOC=${LOC:-C.UTF-8}
su postgres -c "$BIN/initdb -D $W/data -A trust -U predictor --no-sync --locale=$LOC -E UTF8" >/dev/null
su postgres -c "$BIN/pg_ctl -D $W/data -o '-p 55499 -k $W -c listen_addresses=' -l $W/log start" >/dev/null
P="psql -h $W -p 55499 -U predictor -d postgres -q"
$P -c "COPY (SELECT '3f1c6d2e-8a5b-4c1d-9e7f-0a1b2c3d4e5f'::uuid, g, 'P' || lpad((g % 5000)::text, 5, '0') || '~' || (g / 5000)::text, random(), random() > 0.5, g / 10000, NULL::text FROM generate_series(1, 1000000) g) TO '$W/rows.tsv'"
for variant in none default C hash; do
  $P -c "DROP TABLE IF EXISTS p; CREATE TABLE p (job_id uuid NOT NULL, source_row integer NOT NULL, patient_id text NOT NULL, probability double precision NOT NULL, predicted_resistant boolean NOT NULL, chunk_no integer NOT NULL, patient_ref_hash text, PRIMARY KEY (job_id, source_row)); CHECKPOINT;"
  case $variant in
    default) $P -c "CREATE INDEX ON p ((coalesce(patient_ref_hash, patient_id)))";;
    C) $P -c "CREATE INDEX ON p ((coalesce(patient_ref_hash, patient_id) COLLATE \"C\"))";;
    hash) $P -c "CREATE INDEX ON p USING hash ((coalesce(patient_ref_hash, patient_id)))";;
  esac
  for rep in 1 2; do
    $P -c "TRUNCATE p; CHECKPOINT"
    s=$(date +%s.%N); $P -c "COPY p FROM '$W/rows.tsv'"; e=$(date +%s.%N)
    echo "$LOC $variant rep$rep: $(echo "$e - $s" | bc) s"
  done
done
su postgres -c "$BIN/pg_ctl -D $W/data stop -m fast" >/dev/null
