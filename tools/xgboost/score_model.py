"""Scores rows with an XGBoost JSON model file (as written by `predictor export --format xgboost-json`).

usage: score_model.py MODEL.json ROWS.csv
ROWS.csv: a header of feature names, numbers, empty field = missing. Prints JSON {"margin": [...], "probability": [...]}.
The feature names of the model must equal the CSV header, so a column mix-up fails instead of scoring wrong columns.
"""
import csv
import json
import math
import sys

import numpy as np
import xgboost as xgb


def main():
    model_path, rows_path = sys.argv[1], sys.argv[2]
    with open(rows_path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [[math.nan if v == "" else float(v) for v in row] for row in reader]
    booster = xgb.Booster(model_file=model_path)
    if booster.feature_names != header:
        sys.exit(f"feature names differ: model {booster.feature_names}, file {header}")
    data = xgb.DMatrix(np.asarray(rows, dtype=np.float64), missing=math.nan, feature_names=header)
    margin = booster.predict(data, output_margin=True)
    probability = booster.predict(data)
    json.dump({"margin": [float(v) for v in margin], "probability": [float(v) for v in probability]}, sys.stdout)


if __name__ == "__main__":
    main()
