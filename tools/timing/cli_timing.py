#!/usr/bin/python3
"""Wall and CPU time of a `predictor` command, median over runs, for docs/benchmarks.md.

Each build given with --build is run --runs times, the builds alternating so that they share the machine's load. CPU
time is the child process's user + system time (all threads). Prints one markdown row per build.

Usage (from the repository root):
  dotnet build -c Release src/Training/Predictor.Cli
  /usr/bin/python3 tools/timing/cli_timing.py --runs 3 --build src/Training/Predictor.Cli/bin/Release/net10.0 -- \
      train --data data/cohort-5000.csv --label resistant_6m --out /tmp/m.json
A copy of an older build's output folder passed as a second --build gives before/after figures from the same run.
"""
import argparse
import os
import resource
import statistics
import subprocess
import time


def run_once(build, args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([os.path.join(build, "predictor")] + args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--build", action="append", required=True, help="folder holding the predictor executable; repeatable")
    p.add_argument("args", nargs=argparse.REMAINDER, help="the predictor command line, after --")
    a = p.parse_args()
    args = a.args[1:] if a.args and a.args[0] == "--" else a.args
    print(f"load average at start {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores, median of {a.runs} runs: predictor {' '.join(args)}")
    results = {b: [] for b in a.build}
    for _ in range(a.runs):
        for b in a.build:
            results[b].append(run_once(b, args))
    print("| build | wall s (median) | wall s (min-max) | CPU s (median) |")
    print("|---|---:|---:|---:|")
    for b, runs in results.items():
        walls = [w for w, _ in runs]
        print(f"| {b} | {statistics.median(walls):.2f} | {min(walls):.2f}-{max(walls):.2f} | {statistics.median(c for _, c in runs):.2f} |")


if __name__ == "__main__":
    main()
