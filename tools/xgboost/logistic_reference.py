"""Reference fits for the C# evaluation and baseline tests, computed with scikit-learn (Debian python3-sklearn).

Reads a CSV (label column first, numeric features after, no missing values) and prints JSON with
sklearn's L2 LogisticRegression coefficients on standardised features (population SD, as StandardScaler) for the
given C (with --l1-ratio R: the elastic net, penalty="elasticnet" with the saga solver), the unpenalised calibration
slope/intercept of given probabilities is not needed here.
Usage: /usr/bin/python3 logistic_reference.py --data FILE --C 1.0 [--l1-ratio 0.5]
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
    args = parser.parse_args()
    table = np.loadtxt(args.data, delimiter=",", skiprows=1)
    y, x = table[:, 0], table[:, 1:]
    x = StandardScaler().fit_transform(x)
    if args.l1_ratio is None:
        model = LogisticRegression(C=args.C, tol=1e-10, max_iter=10000).fit(x, y)
    else:
        model = LogisticRegression(C=args.C, penalty="elasticnet", solver="saga", l1_ratio=args.l1_ratio,
                                   tol=1e-12, max_iter=200000).fit(x, y)
    print(json.dumps({"intercept": float(model.intercept_[0]), "coefficients": [float(c) for c in model.coef_[0]],
                      "probabilities": [float(p) for p in model.predict_proba(x)[:, 1]]}))


if __name__ == "__main__":
    main()
