"""Shared helpers for the XGBoost comparison scripts (parity.py, benchmark.py).

Equivalent settings between XGBoost 1.7 and the project's learner (Predictor.Training.Gbdt.GbdtOptions):

| project option        | XGBoost parameter                                 |
|-----------------------|---------------------------------------------------|
| Trees                 | num_boost_round                                   |
| Leaves                | max_leaves, with grow_policy=lossguide, max_depth=0 |
| LearningRate          | eta                                               |
| L2 / L1               | lambda / alpha                                    |
| MinHessianPerLeaf     | min_child_weight                                  |
| MinRowsPerLeaf        | (none: XGBoost only has min_child_weight)         |
| MaxBins (255)         | max_bin=255 (XGBoost has no separate missing bin) |
| base score = logit of base rate | base_score = mean label (1.7 defaults to 0.5) |
| Threads               | nthread                                           |

Both learn the missing-value direction at every split. Categorical features are passed as numeric level codes to
both learners in the comparisons, so that the model classes are identical.
"""
import csv
import math

import numpy as np


def read_csv(path, label="resistant_6m"):
    """Reads a numeric CSV (empty field = missing) into (features, labels, names)."""
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [[math.nan if v == "" else float(v) for v in row] for row in reader]
    data = np.asarray(rows, dtype=np.float64)
    li = header.index(label)
    names = [h for i, h in enumerate(header) if i != li]
    return np.delete(data, li, axis=1), data[:, li], names


def xgb_params(trees, leaves, eta, reg_lambda, reg_alpha, min_child_weight, threads, base_score, seed=0):
    return {
        "objective": "binary:logistic",
        "tree_method": "hist",
        "grow_policy": "lossguide",
        "max_leaves": leaves,
        "max_depth": 0,
        "eta": eta,
        "lambda": reg_lambda,
        "alpha": reg_alpha,
        "min_child_weight": min_child_weight,
        "max_bin": 255,
        "base_score": base_score,
        "nthread": threads,
        "seed": seed,
        "eval_metric": "auc",
    }
