#!/usr/bin/python3
"""GBDT training benchmark: the project's learner (fasttree preset) against XGBoost 1.7 hist, same run, same data.

For each size, benchmarks/Predictor.Benchmarks.Gbdt writes a simulated cohort as numeric CSV; then each learner is
run in its own process (so peak memory is its own) with 100 trees, 20 leaves, learning rate 0.2, 255 bins and the
same thread count. Wall time is counted from the data already in memory (ours: binning + boosting; XGBoost: DMatrix
construction + training); CPU time is the process's, all threads, over the same span. Each size is run --repeats
times, the two learners alternating so that they share the machine's load; the table gives the median run (by wall
time) of each learner and the spread of wall times. Prints a markdown table for docs/benchmarks.md.

Usage (from the repository root):
  dotnet build -c Release benchmarks/Predictor.Benchmarks.Gbdt
  /usr/bin/python3 tools/xgboost/benchmark.py --sizes 10000 100000 1000000 --threads 2 --repeats 3
  /usr/bin/python3 tools/xgboost/benchmark.py --sizes 200 1000 10000 --threads 2 --repeats 3 --fits 11
  dotnet build -c Release benchmarks/Predictor.Benchmarks.MLNet   # then add --mlnet: ML.NET FastTree and LightGBM too
"""
import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BENCH = os.path.join(ROOT, "benchmarks", "Predictor.Benchmarks.Gbdt", "bin", "Release", "net10.0", "Predictor.Benchmarks.Gbdt.dll")
MLNET = os.path.join(ROOT, "benchmarks", "Predictor.Benchmarks.MLNet", "bin", "Release", "net10.0", "Predictor.Benchmarks.MLNet.dll")


def xgb_worker(directory, threads, fits):
    sys.path.insert(0, HERE)
    from common import read_csv, xgb_params
    import xgboost as xgb
    from sklearn.metrics import roc_auc_score
    x, y, names = read_csv(os.path.join(directory, "train.csv"))
    xt, yt, _ = read_csv(os.path.join(directory, "test.csv"))
    # fasttree preset equivalents: no L2, min hessian 1e-3 (XGBoost has no min-rows-per-leaf setting).
    params = xgb_params(100, 20, 0.2, 0.0, 0.0, 1e-3, threads, float(y.mean()))
    walls, cpus = [], []
    for _ in range(max(1, fits)):
        start, cpu_start = time.perf_counter(), time.process_time()
        dtrain = xgb.DMatrix(x, label=y, missing=float("nan"), feature_names=names)
        booster = xgb.train(params, dtrain, num_boost_round=100)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu_start)
    seconds, cpu_seconds = walls[0], cpus[0]
    auc = roc_auc_score(yt, booster.predict(xgb.DMatrix(xt, missing=float("nan"), feature_names=names)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    result = {"learner": "xgboost " + xgb.__version__, "rows": int(len(y)), "trees": 100,
              "seconds": seconds, "cpu_seconds": cpu_seconds, "peak_mb": round(peak, 1), "auc": float(auc)}
    if len(walls) > 1:
        result.update(warm_seconds=statistics.median(walls[1:]), warm_cpu_seconds=statistics.median(cpus[1:]))
    print(json.dumps(result))


def run_json(cmd, env=None):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout.strip().splitlines()[-1]
    return json.loads(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--omp-passive", action="store_true",
                   help="run XGBoost with OMP_WAIT_POLICY=PASSIVE: its threads sleep instead of spinning at barriers, "
                        "which is kinder to it on a machine shared with other jobs (and slower on an idle one)")
    p.add_argument("--fits", type=int, default=1,
                   help="fits per process: the first pays the one-off start; the table then adds the median of the "
                        "later ones (warm), the cost of each of the many small fits of the clinical pipeline")
    p.add_argument("--ours", default=BENCH,
                   help="path of the benchmark dll to run as ours (default: this checkout's Release build); a copy of an "
                        "older build gives before/after figures in the same run")
    p.add_argument("--mlnet", action="store_true",
                   help="also run ML.NET FastTree and LightGBM (benchmarks/Predictor.Benchmarks.MLNet, built in Release) "
                        "with the same shape and threads, each in its own process")
    p.add_argument("--xgb-worker", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.xgb_worker:
        xgb_worker(a.xgb_worker, a.threads, a.fits)
        return
    if not os.path.exists(a.ours):
        sys.exit(f"{a.ours} not found: run 'dotnet build -c Release benchmarks/Predictor.Benchmarks.Gbdt' first")
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, threads={a.threads}, "
          f"load average at start {os.getloadavg()[0]:.1f}, median of {a.repeats} runs"
          + (", XGBoost with OMP_WAIT_POLICY=PASSIVE" if a.omp_passive else ""))
    xgb_env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE") if a.omp_passive else None
    warm = a.fits > 1
    print("| rows | learner | wall s (median) | wall s (min-max) | rows/s | s/tree | CPU s | peak MB | held-out AUC | AUC - XGBoost |"
          + (" warm fit wall s | warm fit CPU s |" if warm else ""))
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---:|" if warm else ""))
    ours = ["dotnet", a.ours, "train", "--threads", str(a.threads), "--fits", str(a.fits), "--dir"]
    theirs = [sys.executable, os.path.abspath(__file__), "--threads", str(a.threads), "--fits", str(a.fits), "--xgb-worker"]
    for n in a.sizes:
        with tempfile.TemporaryDirectory() as d:
            subprocess.run(["dotnet", BENCH, "prepare", "--rows", str(n), "--seed", str(a.seed), "--dir", d], check=True)
            runs = {"ours": [], "xgb": []}
            if a.mlnet:
                runs.update(fasttree=[], lightgbm=[])
            for _ in range(a.repeats):
                runs["ours"].append(run_json(ours + [d]))
                runs["xgb"].append(run_json(theirs + [d], xgb_env))
                for learner in ("fasttree", "lightgbm") if a.mlnet else ():
                    runs[learner].append(run_json(["dotnet", MLNET, "train", "--learner", learner, "--threads",
                                                   str(a.threads), "--dir", d]))
        xgb_auc = median_run(runs["xgb"])["auc"]
        for key in runs:
            r = median_run(runs[key])
            walls = [x["seconds"] for x in runs[key]]
            print(f"| {n:,} | {r['learner']} | {r['seconds']:.2f} | {min(walls):.2f}-{max(walls):.2f} | "
                  f"{n / r['seconds']:,.0f} | {r['seconds'] / r['trees']:.4f} | {r['cpu_seconds']:.2f} | "
                  f"{r['peak_mb']:.0f} | {r['auc']:.4f} | {r['auc'] - xgb_auc:+.4f} |"
                  + (f" {statistics.median(x['warm_seconds'] for x in runs[key]):.3f} |"
                     f" {statistics.median(x['warm_cpu_seconds'] for x in runs[key]):.3f} |" if warm else ""), flush=True)


def median_run(runs):
    """The run with the median wall time (the lower middle one for an even count)."""
    ordered = sorted(runs, key=lambda r: r["seconds"])
    return ordered[(len(ordered) - 1) // 2]

if __name__ == "__main__":
    main()
