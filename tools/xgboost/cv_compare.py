#!/usr/bin/python3
"""Repeated stratified K-fold AUC of sklearn's ridge LogisticRegression and XGBoost on a numeric CSV, each tuned inside
every outer fold exactly as in clinical_benchmark.py, to set beside `predictor cv` on the same data.

Usage: /usr/bin/python3 tools/xgboost/cv_compare.py --data ../shared/datasets/uci-hcc-survival/hcc-survival.csv \
           --label survived --na '?' --folds 5 --repeats 5
"""
import argparse
import csv
import math
import os
import sys

import numpy as np
from sklearn.metrics import brier_score_loss, roc_auc_score
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clinical_benchmark import logistic_fit_predict, xgboost_fit_predict  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--label", required=True)
    parser.add_argument("--na", default="?")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    with open(args.data, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [[math.nan if v.strip() in ("", args.na) else float(v) for v in r] for r in reader if r]
    data = np.asarray(rows)
    li = header.index(args.label)
    y, x = data[:, li], np.delete(data, li, axis=1)
    results = {"sklearn LogisticRegression": [], "XGBoost": []}
    briers = {k: [] for k in results}
    for repeat in range(args.repeats):
        p = {k: np.zeros(len(y)) for k in results}
        for train, test in StratifiedKFold(args.folds, shuffle=True, random_state=repeat).split(x, y):
            p["sklearn LogisticRegression"][test] = logistic_fit_predict(x[train], y[train], x[test])
            p["XGBoost"][test] = xgboost_fit_predict(x[train], y[train], x[test], args.threads)
        for k in results:
            results[k].append(roc_auc_score(y, p[k]))
            briers[k].append(brier_score_loss(y, p[k]))
    print(f"{args.folds}-fold stratified CV x {args.repeats} repeat(s), {len(y)} rows:")
    for k in results:
        print(f"  {k:28s} AUC {np.mean(results[k]):.3f} (SD over repeats {np.std(results[k], ddof=1) if args.repeats > 1 else 0:.3f})  Brier {np.mean(briers[k]):.4f}")


if __name__ == "__main__":
    main()
