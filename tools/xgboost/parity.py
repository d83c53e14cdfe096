#!/usr/bin/python3
"""Trains XGBoost (hist, lossguide) on a training CSV and prints its held-out AUC as JSON.

Used by the parity test (tests/Predictor.Training.Tests/Gbdt/XGBoostParityTests.cs), which trains the project's
learner on the same rows with the equivalent settings listed in common.py and compares AUCs.
Usage: /usr/bin/python3 tools/xgboost/parity.py --train train.csv --test test.csv --trees 100 --leaves 20 --eta 0.2
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
    p.add_argument("--train", required=True)
    p.add_argument("--test", required=True)
    p.add_argument("--trees", type=int, default=100)
    p.add_argument("--leaves", type=int, default=20)
    p.add_argument("--eta", type=float, default=0.2)
    p.add_argument("--reg-lambda", type=float, default=1.0)
    p.add_argument("--reg-alpha", type=float, default=0.0)
    p.add_argument("--min-child-weight", type=float, default=1.0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--predictions", help="optional file to write held-out probabilities to, one per line")
    a = p.parse_args()

    x_train, y_train, names = read_csv(a.train)
    x_test, y_test, _ = read_csv(a.test)
    params = xgb_params(a.trees, a.leaves, a.eta, a.reg_lambda, a.reg_alpha, a.min_child_weight, a.threads,
                        base_score=float(y_train.mean()))
    dtrain = xgb.DMatrix(x_train, label=y_train, missing=float("nan"), feature_names=names)
    dtest = xgb.DMatrix(x_test, label=y_test, missing=float("nan"), feature_names=names)
    booster = xgb.train(params, dtrain, num_boost_round=a.trees)
    prob = booster.predict(dtest)
    if a.predictions:
        with open(a.predictions, "w") as f:
            f.writelines(f"{v!r}\n" for v in prob.tolist())
    print(json.dumps({"xgboost": xgb.__version__, "auc": float(roc_auc_score(y_test, prob)),
                      "train_rows": int(len(y_train)), "test_rows": int(len(y_test))}))


if __name__ == "__main__":
    main()
