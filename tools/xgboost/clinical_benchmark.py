#!/usr/bin/python3
"""Held-out comparison of the default `predictor train` pipeline against scikit-learn and XGBoost (issue 6).

For each training size, simulates a cohort (`predictor simulate --treated-fraction 1`) and scores three learners on
one large held-out simulated cohort (AUC and Brier score of the predicted probabilities):
  * ours: `predictor train --data TRAIN --test TEST --bootstrap 0 --json` (tuning, calibration, threshold: defaults),
  * sklearn: median imputation + missing indicators, one-hot categoricals, standardisation, L2 LogisticRegression
    with C chosen by stratified 5-fold CV (log-loss) from 0.01..100; and the same with an L1 penalty (saga),
  * XGBoost 1.7 hist tuned by stratified 5-fold xgb.cv with early stopping over a small grid (depth, eta,
    min_child_weight), refitted on all rows with the chosen rounds; categoricals one-hot, missing left to XGBoost.
With --replicates R, each size is trained on R independent simulated cohorts (all scored on the same held-out
cohort) and a summary gives mean AUC / Brier per learner and ours-minus-peer paired differences with t-based 95%
intervals, because one training cohort per size leaves differences of a few 1e-4 to chance.
Prints markdown tables for docs/benchmarks.md.

Usage (from the repository root, Debian python3-sklearn and python3-xgboost installed):
  dotnet build -c Release src/Training/Predictor.Cli
  /usr/bin/python3 tools/xgboost/clinical_benchmark.py --sizes 200 2000 20000 --test-size 10000 --threads 2 --replicates 10
"""
import argparse
import csv
import itertools
import json
import math
import os
import subprocess
import tempfile
import time
import warnings

import numpy as np
import xgboost as xgb
from scipy import stats
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
from sklearn.model_selection import StratifiedKFold

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CLI = os.path.join(ROOT, "src", "Training", "Predictor.Cli", "bin", "Release", "net10.0", "predictor.dll")
NOT_FEATURES = {"patient_id", "resistant_6m", "os_months", "os_event"}
LABEL = "resistant_6m"
OURS = "predictor train (default pipeline)"
RIDGE = "predictor built-in ridge logistic"
SKLEARN = "sklearn LogisticRegression (L2, C by 5-fold CV)"
SKLEARN_L1 = "sklearn LogisticRegression (L1, C by 5-fold CV)"
XGBOOST = "XGBoost 1.7 (grid by 5-fold xgb.cv + early stopping)"


def predictor(*args):
    out = subprocess.run(["dotnet", CLI, *args], check=True, capture_output=True, text=True)
    return out.stdout


def read_cohort(path):
    """Rows with a label; numeric columns as floats (NaN = missing), others as strings ('' = missing)."""
    with open(path, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r[LABEL] != ""]
    names = [n for n in rows[0].keys() if n not in NOT_FEATURES]
    y = np.array([1.0 if r[LABEL] in ("true", "1") else 0.0 for r in rows])
    columns = {}
    for n in names:
        values = [r[n] for r in rows]
        try:
            columns[n] = np.array([math.nan if v == "" else float(v) for v in values])
        except ValueError:
            columns[n] = values
    return columns, y


def design(columns, reference=None):
    """Numeric columns as they are; text columns one-hot (levels from the reference), missing as its own level."""
    reference = reference or columns
    parts, names = [], []
    for n, values in columns.items():
        if isinstance(reference[n], np.ndarray) and (reference[n].dtype != object):
            parts.append(np.asarray(values, dtype=float))
            names.append(n)
        else:
            for level in sorted(set(reference[n])):
                parts.append(np.array([1.0 if v == level else 0.0 for v in values]))
                names.append(f"{n}={level or 'missing'}")
    return np.column_stack(parts), names


def make_logistic(c, penalty):
    """L2 with sklearn's default lbfgs; L1 with saga, the solver that leaves the intercept unpenalised as ours does."""
    if penalty == "l1":
        # saga can stop at max_iter for the weakest penalties (C = 100); those are rarely chosen and it warns each time.
        warnings.filterwarnings("ignore", category=ConvergenceWarning)
        return LogisticRegression(C=c, penalty="l1", solver="saga", max_iter=5000, tol=1e-5)
    return LogisticRegression(C=c, max_iter=5000)


def logistic_fit_predict(x_train, y_train, x_test, penalty="l2"):
    medians = np.nanmedian(x_train, axis=0)
    missing_cols = np.where(np.isnan(x_train).any(axis=0))[0]

    def prepare(x):
        filled = np.where(np.isnan(x), medians, x)
        return np.column_stack([filled, np.isnan(x[:, missing_cols]).astype(float)])

    a, b = prepare(x_train), prepare(x_test)
    mean, sd = a.mean(axis=0), a.std(axis=0)
    keep = sd > 1e-12
    a, b = (a[:, keep] - mean[keep]) / sd[keep], (b[:, keep] - mean[keep]) / sd[keep]
    best = None
    for c in [0.01, 0.1, 1, 10, 100]:
        losses = []
        for tr, te in StratifiedKFold(5, shuffle=True, random_state=0).split(a, y_train):
            m = make_logistic(c, penalty).fit(a[tr], y_train[tr])
            losses.append(log_loss(y_train[te], m.predict_proba(a[te])[:, 1], labels=[0, 1]) * len(te))
        if best is None or sum(losses) < best[0]:
            best = (sum(losses), c)
    model = make_logistic(best[1], penalty).fit(a, y_train)
    return model.predict_proba(b)[:, 1]


def xgboost_fit_predict(x_train, y_train, x_test, threads):
    dtrain = xgb.DMatrix(x_train, label=y_train)
    grid = itertools.product([2, 3, 4, 6], [0.05, 0.1], [1, 5])
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(x_train, y_train))
    best = None
    for depth, eta, mcw in grid:
        params = {"objective": "binary:logistic", "tree_method": "hist", "max_depth": depth, "eta": eta,
                  "min_child_weight": mcw, "subsample": 0.8, "colsample_bytree": 0.8, "eval_metric": "logloss",
                  "nthread": threads, "seed": 0}
        cv = xgb.cv(params, dtrain, num_boost_round=1000, folds=folds, early_stopping_rounds=40, verbose_eval=False)
        curve = np.asarray(cv["test-logloss-mean"])  # a dict of lists without pandas
        if best is None or curve.min() < best[0]:
            best = (curve.min(), params, int(curve.argmin()) + 1)
    booster = xgb.train(best[1], dtrain, num_boost_round=best[2])
    return booster.predict(xgb.DMatrix(x_test))


def replicate_seed(size, replicate):
    """Replicate 0 keeps the seed the single-cohort benchmark always used (the size), so earlier figures stay comparable."""
    return size if replicate == 0 else size + 7919 * replicate


def fit_all(size, seed, test_csv, test_columns, y_test, tmp, args):
    """AUC, Brier and fit time of every learner trained on one simulated cohort of `size` patients."""
    train_csv = os.path.join(tmp, f"train{size}-{seed}.csv")
    predictor("simulate", "--patients", str(size), "--seed", str(seed), "--treated-fraction", "1", "--out", train_csv)
    start = time.time()
    ours = json.loads(predictor("train", "--data", train_csv, "--test", test_csv, "--out", os.path.join(tmp, "m.json"),
                                "--bootstrap", "0", "--threads", str(args.threads), "--json"))
    ours_time = time.time() - start
    held = ours["held_out"]
    results = {OURS: (held["model"]["auc"], held["model"]["brier"], ours_time),
               RIDGE: (held["baseline"]["auc"], held["baseline"]["brier"], float("nan"))}
    if args.skip_peers:
        return results
    columns, y = read_cohort(train_csv)
    x_train, _ = design(columns)
    x_test, _ = design(test_columns, columns)
    start = time.time()
    p_lr = logistic_fit_predict(x_train, y, x_test)
    lr_time = time.time() - start
    start = time.time()
    p_l1 = logistic_fit_predict(x_train, y, x_test, "l1")
    l1_time = time.time() - start
    start = time.time()
    p_xgb = xgboost_fit_predict(x_train, y, x_test, args.threads)
    xgb_time = time.time() - start
    results[SKLEARN] = (roc_auc_score(y_test, p_lr), brier_score_loss(y_test, p_lr), lr_time)
    results[SKLEARN_L1] = (roc_auc_score(y_test, p_l1), brier_score_loss(y_test, p_l1), l1_time)
    results[XGBOOST] = (roc_auc_score(y_test, p_xgb), brier_score_loss(y_test, p_xgb), xgb_time)
    return results


def paired_summary(ours, peer):
    """Mean of ours - peer over replicates with a t-based 95% interval (training cohorts are independent draws)."""
    d = np.asarray(ours) - np.asarray(peer)
    if len(d) < 2:
        return f"{d.mean():+.4f}"
    half = stats.t.ppf(0.975, len(d) - 1) * d.std(ddof=1) / math.sqrt(len(d))
    return f"{d.mean():+.4f} [{d.mean() - half:+.4f}, {d.mean() + half:+.4f}]"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 20000])
    parser.add_argument("--test-size", type=int, default=20000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--replicates", type=int, default=1,
                        help="independent training cohorts per size (seeds size, size+7919, ...); with more than one, "
                             "a summary of means and paired differences follows the per-cohort table")
    parser.add_argument("--skip-peers", action="store_true",
                        help="only run predictor (pipeline and built-in ridge), e.g. after changing the default; peers are deterministic")
    args = parser.parse_args()
    if args.replicates < 1:
        parser.error("--replicates must be at least 1")
    with tempfile.TemporaryDirectory() as tmp:
        test_csv = os.path.join(tmp, "test.csv")
        predictor("simulate", "--patients", str(args.test_size), "--seed", "999", "--treated-fraction", "1", "--out", test_csv)
        test_columns, y_test = read_cohort(test_csv)
        print(f"Held-out cohort: {len(y_test)} simulated patients, prevalence {y_test.mean():.3f}\n")
        print("| train size | seed | learner | held-out AUC | held-out Brier | fit time (s) |")
        print("|---:|---:|---|---:|---:|---:|")
        collected = {}
        for size in args.sizes:
            for replicate in range(args.replicates):
                seed = replicate_seed(size, replicate)
                results = fit_all(size, seed, test_csv, test_columns, y_test, tmp, args)
                for name, (auc, brier, seconds) in results.items():
                    print(f"| {size} | {seed} | {name} | {auc:.4f} | {brier:.4f} | {seconds:.1f} |", flush=True)
                    collected.setdefault((size, name), []).append((auc, brier))
        if args.replicates < 2:
            return
        print(f"\nMeans over {args.replicates} training cohorts per size, and ours minus each peer "
              "(mean [95% CI]; AUC: positive favours ours, Brier: negative favours ours):\n")
        print("| train size | learner | mean AUC | mean Brier | AUC: ours - learner | Brier: ours - learner | ours better AUC / Brier |")
        print("|---:|---|---:|---:|---:|---:|---:|")
        for size in args.sizes:
            ours = collected[(size, OURS)]
            for name in [n for (s, n) in collected if s == size]:
                values = collected[(size, name)]
                aucs, briers = [v[0] for v in values], [v[1] for v in values]
                if name == OURS:
                    print(f"| {size} | {name} | {np.mean(aucs):.4f} | {np.mean(briers):.4f} | | | |")
                    continue
                wins_auc = sum(o[0] > v[0] for o, v in zip(ours, values))
                wins_brier = sum(o[1] < v[1] for o, v in zip(ours, values))
                print(f"| {size} | {name} | {np.mean(aucs):.4f} | {np.mean(briers):.4f} | "
                      f"{paired_summary([o[0] for o in ours], aucs)} | {paired_summary([o[1] for o in ours], briers)} | "
                      f"{wins_auc}/{len(values)} / {wins_brier}/{len(values)} |", flush=True)


if __name__ == "__main__":
    main()
