#!/usr/bin/env bash
# Scoring benchmark: one FastTree-shaped model (100 trees x 20 leaves, 20 numeric features, 5% missing) scored on
# PATIENTS patients by our CompiledEnsemble, by XGBoost's inplace_predict on the same trees (translated node for node)
# and by ONNX Runtime on our ONNX export, each on ONE thread, in the same run. Each engine first checks that it
# reproduces our raw scores, then reports batch rows/s and single-row latency (CPU time, best of repeats).
# Usage (from anywhere): benchmarks/Predictor.Benchmarks.Scoring/run-benchmark.sh [PATIENTS]
# Needs: apt-get install python3-xgboost nodejs npm (as .ci/run installs them).
# What a linear margin costs (ours only, after a Release build; docs/benchmarks.md, "What a linear margin costs"):
#   taskset -c 0 dotnet benchmarks/Predictor.Benchmarks.Scoring/bin/Release/net10.0/Predictor.Benchmarks.Scoring.dll margin 500000
set -euo pipefail
cd "$(dirname "$0")/../.."
PATIENTS=${1:-1000000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd tools/node && [ -d node_modules/onnxruntime-node ] || npm install --ignore-scripts --no-audit --no-fund)
dotnet build -c Release benchmarks/Predictor.Benchmarks.Scoring -v q -nologo >/dev/null
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(uname -sr)"
# taskset pins each engine to one core, so no engine can borrow a second one.
taskset -c 0 dotnet benchmarks/Predictor.Benchmarks.Scoring/bin/Release/net10.0/Predictor.Benchmarks.Scoring.dll "$WORK" "$PATIENTS"
taskset -c 0 /usr/bin/python3 tools/xgboost/scoring_benchmark.py "$WORK"
taskset -c 0 node tools/node/ort-scoring-benchmark.mjs "$WORK"
