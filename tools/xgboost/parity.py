#!/usr/bin/python3
"""Trains XGBoost (hist, lossguide) on one or more training CSVs and prints their held-out AUCs as JSON.

Used by the parity test (tests/Predictor.Training.Tests/Gbdt/XGBoostParityTests.cs), which trains the project's
learner on the same rows with the equivalent settings listed in common.py and compares AUCs. Several training files
(independent draws of the same size) are trained in one process so that the test can average over draws cheaply.
Usage: /usr/bin/python3 tools/xgboost/parity.py --train a.csv [b.csv ...] --test test.csv --trees 100 --leaves 20 --eta 0.2
Prints {"xgboost": version, "aucs": [one per training file], "auc": their mean, "train_rows": [...], "test_rows": n}.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import read_csv, xgb_params  # noqa: E402

import xgboost as xgb  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True, nargs="+")
    p.add_argument("--test", required=True)
    p.add_argument("--trees", type=int, default=100)
    p.add_argument("--leaves", type=int, default=20)
    p.add_argument("--eta", type=float, default=0.2)
    p.add_argument("--reg-lambda", type=float, default=1.0)
    p.add_argument("--reg-alpha", type=float, default=0.0)
    p.add_argument("--min-child-weight", type=float, default=1.0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--predictions", help="optional file to write the first model's held-out probabilities to, one per line")
    a = p.parse_args()

    x_test, y_test, names = read_csv(a.test)
    dtest = xgb.DMatrix(x_test, label=y_test, missing=float("nan"), feature_names=names)
    aucs, rows = [], []
    for i, train in enumerate(a.train):
        x_train, y_train, _ = read_csv(train)
        params = xgb_params(a.trees, a.leaves, a.eta, a.reg_lambda, a.reg_alpha, a.min_child_weight, a.threads,
                            base_score=float(y_train.mean()))
        dtrain = xgb.DMatrix(x_train, label=y_train, missing=float("nan"), feature_names=names)
        booster = xgb.train(params, dtrain, num_boost_round=a.trees)
        prob = booster.predict(dtest)
        if a.predictions and i == 0:
            with open(a.predictions, "w") as f:
                f.writelines(f"{v!r}\n" for v in prob.tolist())
        aucs.append(float(roc_auc_score(y_test, prob)))
        rows.append(int(len(y_train)))
    print(json.dumps({"xgboost": xgb.__version__, "aucs": aucs, "auc": sum(aucs) / len(aucs),
                      "train_rows": rows, "test_rows": int(len(y_test))}))


if __name__ == "__main__":
    main()
