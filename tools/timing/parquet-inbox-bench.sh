#!/bin/bash
# Issue 14's last aim, "the worker's 1,000,000-patient Parquet file through the inbox is no slower than today":
# the worker benchmark harness (benchmarks/Predictor.Benchmarks.Worker inbox) run side by side, interleaved, on
#   old    = 3f6773e, the last commit with the hand-written Parquet code (with this tree's harness, adapted to its API)
#   main   = the main branch
#   branch = this working tree
#   gen0   = main again with DOTNET_GCgen0size=$GEN0 (only when GEN0 is set, e.g. GEN0=0x2000000 for 32 MB)
# ROUNDS rounds of one process per build with 3 repetitions each, then SETTLED rounds with the harness's `settle`
# option; the load average is printed at every process start. Then a summary of the warm repetitions (2-3).
# usage: tools/timing/parquet-inbox-bench.sh COHORT.parquet   (a 1M-row DuckDB-written cohort, docs/benchmarks.md)
set -e
COHORT=$(realpath "$1"); ROUNDS=${ROUNDS:-5}; SETTLED=${SETTLED:-2}
WT=$(cd "$(dirname "$0")/../.." && pwd); B=${BENCH_DIR:-/tmp/parquet-inbox-bench}; mkdir -p $B
build() { # $1 = name, $2 = commit
  [ -x $B/$1/benchmarks/Predictor.Benchmarks.Worker/bin/Release/net10.0/Predictor.Benchmarks.Worker ] && return
  rm -rf $B/$1 && mkdir -p $B/$1 && git -C $WT archive $2 | tar -x -C $B/$1
  cp $WT/benchmarks/Predictor.Benchmarks.Worker/Program.cs $B/$1/benchmarks/Predictor.Benchmarks.Worker/Program.cs
  if [ $1 = old ]; then # 3f6773e builds feature rows with FeatureRows and has no `unchanged` check in FileScorer
    sed -i -e '/^using Predictor.Scoring.Input;/d' -e '/^using Predictor.Scoring.Tables;/d' \
      -e 's/ModelInput.FromTable(loaded.Table, model.Ensemble, InputPolicy.Tolerant)/FeatureRows.FromTable(loaded.Table, model.Ensemble)/' \
      -e 's|, unchanged: () => true /\* nothing writes the benchmark input \*/||' $B/$1/benchmarks/Predictor.Benchmarks.Worker/Program.cs
  fi
  (cd $B/$1 && dotnet build -c Release benchmarks/Predictor.Benchmarks.Worker -v q -nologo | tail -2)
}
build old 3f6773e; build main main
(cd $WT && dotnet build -c Release benchmarks/Predictor.Benchmarks.Worker -v q -nologo | tail -2)
BUILDS="old main branch"; [ -n "$GEN0" ] && BUILDS="$BUILDS gen0"
run() { # $1 = plain|settle
  for b in $BUILDS; do
    env=""; case $b in old|main) d=$B/$b;; branch) d=$WT;; gen0) d=$B/main; env="DOTNET_GCgen0size=$GEN0";; esac
    echo "== $b $(date +%T) $(uptime | sed 's/.*load/load/')"
    (cd $d && env $env /usr/bin/time -f "process: maxrss %M KB, user %U s, sys %S s, wall %e s" \
      ./benchmarks/Predictor.Benchmarks.Worker/bin/Release/net10.0/Predictor.Benchmarks.Worker inbox \
      $WT/models/resistance.model.json $COHORT 3 $([ $1 = settle ] && echo settle)) 2>&1 | grep -v "^model\|^settled"
  done
}
LOG=$B/run-$(date +%Y%m%d-%H%M%S).log
{ for r in $(seq $ROUNDS); do echo "##### round $r plain"; run plain; done
  for r in $(seq $SETTLED); do echo "##### round $r settle"; run settle; done; } | tee $LOG
python3 - $LOG $BUILDS <<'EOF'
import re, sys, collections
log, builds = sys.argv[1], sys.argv[2:]
data = collections.defaultdict(list); rss = collections.defaultdict(list); loads = []; mode = build = None; rep = 0
for line in open(log):
    if m := re.match(r'##### round \d+ (\w+)', line): mode = m.group(1); continue
    if m := re.match(r'== (\w+) \S+ load average: ([\d.]+)', line): build, rep = m.group(1), 0; loads.append(float(m.group(2))); continue
    if m := re.match(r'stage thread CPU \(serial\): read (\d+) ms, validate (\d+) ms, feature rows (\d+) ms, score (\d+) ms, Parquet output (\d+) ms.*all stages (\d+) ms', line):
        rep += 1; cur = dict(zip(['read', 'validate', 'feature rows', 'score', 'Parquet output', 'all serial stages'], map(int, m.groups())))
    if m := re.match(r'allocated MB.*?read \d+ / \d+ \((\d+)/', line): cur['read gen0 collections'] = int(m.group(1))
    if m := re.match(r'FileScorer.* in (\d+) ms wall, (\d+) ms CPU', line):
        cur['FileScorer wall'], cur['FileScorer CPU'] = int(m.group(1)), int(m.group(2))
        if rep > 1: data[(mode, build)].append(cur)
    if m := re.match(r'process: maxrss (\d+) KB', line): rss[build].append(int(m.group(1)) // 1024)
def cell(v):
    v = sorted(v); med = v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2
    return f"{v[0]:,}-{v[-1]:,} ({med:,.0f})"
print(f"\nload average at the process starts: {min(loads)}-{max(loads)}; warm repetitions, ms: range (median)")
for mode in ['plain', 'settle']:
    print(f"| {mode} | " + " | ".join(builds) + " |")
    for k in ['read', 'read gen0 collections', 'validate', 'feature rows', 'score', 'Parquet output', 'all serial stages', 'FileScorer CPU', 'FileScorer wall']:
        print(f"| {k} | " + " | ".join(cell([d[k] for d in data[(mode, b)]]) if data[(mode, b)] else '-' for b in builds) + " |")
print("| peak RSS MB | " + " | ".join(f"{min(rss[b])}-{max(rss[b])}" for b in builds) + " |")
EOF
