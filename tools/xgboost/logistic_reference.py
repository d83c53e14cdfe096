"""Reference fits for the C# evaluation and baseline tests, computed with scikit-learn (Debian python3-sklearn).

Reads a CSV (label column first, numeric features after, no missing values) and prints JSON with
sklearn's L2 LogisticRegression coefficients on standardised features (population SD, as StandardScaler) for the
given C (with --l1-ratio R: the elastic net, penalty="elasticnet" with the saga solver), the unpenalised calibration
slope/intercept of given probabilities is not needed here. With --weighted the column after the label is each row's
sample_weight: the scaler's mean and SD are then weighted (StandardScaler.fit(x, sample_weight=w)) and the fit
minimises C * sum(w_i * logloss_i) + ||beta||^2 / 2, i.e. penalty lambda = 1/C on the summed weighted loss.
Usage: /usr/bin/python3 logistic_reference.py --data FILE --C 1.0 [--l1-ratio 0.5] [--weighted]
"""
import argparse
import json

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--l1-ratio", type=float, default=None)
    parser.add_argument("--weighted", action="store_true")
    args = parser.parse_args()
    table = np.loadtxt(args.data, delimiter=",", skiprows=1)
    y = table[:, 0]
    w, x = (table[:, 1], table[:, 2:]) if args.weighted else (None, table[:, 1:])
    x = StandardScaler().fit(x, sample_weight=w).transform(x)
    if args.l1_ratio is None:
        # Newton steps reach the optimum to ~1e-10; lbfgs stops a few 1e-6 short of it on weighted data.
        model = LogisticRegression(C=args.C, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(x, y, sample_weight=w)
    else:
        model = LogisticRegression(C=args.C, penalty="elasticnet", solver="saga", l1_ratio=args.l1_ratio,
                                   tol=1e-12, max_iter=200000).fit(x, y, sample_weight=w)
    print(json.dumps({"intercept": float(model.intercept_[0]), "coefficients": [float(c) for c in model.coef_[0]],
                      "probabilities": [float(p) for p in model.predict_proba(x)[:, 1]]}))


if __name__ == "__main__":
    main()
