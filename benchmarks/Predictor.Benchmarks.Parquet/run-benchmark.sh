#!/usr/bin/env bash
# Parquet benchmark: DuckDB writes a cohort-shaped table with its defaults; then our reader and DuckDB each read it
# into memory, and each writes it back (SNAPPY, 122,880-row groups on both sides). Every measurement is its own
# process (peak memory is per operation); each is repeated REPEATS times and all figures are printed as JSON lines.
# Ours is measured warm (JIT compiled, the library's steady state) and cold (a one-shot process such as the CLI).
# Finally DuckDB checks that both written files hold exactly the rows of the input.
# Usage (from the repository root): benchmarks/Predictor.Benchmarks.Parquet/run-benchmark.sh [ROWS] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
REPEATS=${2:-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd tools/node && [ -d node_modules/@duckdb/node-api ] || npm install --ignore-scripts --no-audit --no-fund)
dotnet build -c Release benchmarks/Predictor.Benchmarks.Parquet -v q -nologo >/dev/null
BENCH=benchmarks/Predictor.Benchmarks.Parquet/bin/Release/net10.0/Predictor.Benchmarks.Parquet
DUCK="node tools/node/parquet-benchmark.mjs"
$DUCK generate "$ROWS" "$WORK/cohort.parquet"
ls -l "$WORK/cohort.parquet" | awk '{print "{\"file_bytes\":" $5 "}"}'
for i in $(seq "$REPEATS"); do
  $DUCK read "$WORK/cohort.parquet"
  "$BENCH" read "$WORK/cohort.parquet"
  "$BENCH" read "$WORK/cohort.parquet" --cold | sed 's/"op":"read"/"op":"read-cold"/'
  $DUCK write "$WORK/cohort.parquet" "$WORK/duck-out.parquet"
  "$BENCH" write "$WORK/cohort.parquet" "$WORK/ours-out.parquet"
  "$BENCH" write "$WORK/cohort.parquet" "$WORK/ours-out.parquet" --cold | sed 's/"op":"write"/"op":"write-cold"/'
done
ls -l "$WORK/duck-out.parquet" "$WORK/ours-out.parquet" | awk '{print "{\"output\":\"" $9 "\",\"bytes\":" $5 "}"}'
$DUCK compare "$WORK/cohort.parquet" "$WORK/duck-out.parquet"
$DUCK compare "$WORK/cohort.parquet" "$WORK/ours-out.parquet"
