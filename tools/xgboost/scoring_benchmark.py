"""Scoring speed of XGBoost's inplace_predict on the SAME trees as the project's benchmark model.

usage: /usr/bin/python3 tools/xgboost/scoring_benchmark.py <work-dir>
<work-dir> is what benchmarks/Predictor.Benchmarks.Scoring wrote: model.json (our format 2, numeric splits only),
patients.f32 (row-major float32) and ours.f64 (our raw scores). The trees are translated node for node into
XGBoost 1.7's JSON model format (no retraining), loaded with Booster.load_model, checked against our raw scores and
timed with one thread: a 1,000,000-row batch and single-row calls. Times are CPU time of this process.

Translation: our split sends value <= t left; XGBoost sends value < c left, on float32 values and thresholds. For
float32 inputs, v <= t exactly when v < c with c = the float32 just above the largest float32 not above t, so the
routing is identical; leaf values and the base score become float32 (sums agree to ~1e-6).
"""
import json
import math
import os
import sys
import time

import numpy as np
import xgboost as xgb

INT_MAX = 2147483647


def xgb_condition(threshold):
    f32max = float(np.finfo(np.float32).max)
    if threshold >= f32max:
        return math.inf  # every finite float32 goes left, as every finite value is <= the threshold
    if threshold < -f32max:
        return -math.inf  # no finite float32 is <= the threshold, and none is < -inf
    f = np.float32(threshold)
    if float(f) > threshold:
        f = np.nextafter(f, np.float32(-np.inf))
    return float(np.nextafter(f, np.float32(np.inf)))


def convert_tree(tree, index, num_feature):
    """Renumbers nodes breadth first so that siblings get ids k and k + 1: XGBoost's predictor finds the right child
    at left + 1 and ignores right_children."""
    nodes, leaves = tree["nodes"], tree["leaves"]
    total = len(nodes) + len(leaves)
    left, right = [-1] * total, [-1] * total
    parents = [INT_MAX] * total
    cond, split_index, default_left = [0.0] * total, [0] * total, [0] * total
    queue = [0 if nodes else ~0]  # our reference (node 0, or leaf 0 of a one-leaf tree) gets id 0
    ids = {queue[0]: 0}
    next_id = 1
    while queue:
        ref = queue.pop(0)
        i = ids[ref]
        if ref < 0:
            cond[i] = float(np.float32(leaves[~ref]))
            continue
        node = nodes[ref]
        if "categoriesLeft" in node:
            raise NotImplementedError("categorical splits are not translated; the benchmark model is numeric")
        for child in (node["left"], node["right"]):
            ids[child] = next_id
            parents[next_id] = i
            next_id += 1
            queue.append(child)
        left[i], right[i] = ids[node["left"]], ids[node["right"]]
        cond[i] = xgb_condition(node["threshold"])
        split_index[i] = node["feature"]
        default_left[i] = 1 if node["defaultLeft"] else 0
    return {
        "base_weights": [0.0] * total, "categories": [], "categories_nodes": [], "categories_segments": [],
        "categories_sizes": [], "default_left": default_left, "id": index, "left_children": left,
        "loss_changes": [0.0] * total, "parents": parents, "right_children": right, "split_conditions": cond,
        "split_indices": split_index, "split_type": [0] * total, "sum_hessian": [0.0] * total,
        "tree_param": {"num_deleted": "0", "num_feature": str(num_feature), "num_nodes": str(total), "size_leaf_vector": "0"},
    }


def to_xgboost(model):
    width = len(model["features"])
    trees = [convert_tree(t, i, width) for i, t in enumerate(model["trees"])]
    base_probability = 1 / (1 + math.exp(-model["baseScore"]))
    return {
        "learner": {
            "attributes": {}, "feature_names": [], "feature_types": [],
            "gradient_booster": {"model": {"gbtree_model_param": {"num_parallel_tree": "1", "num_trees": str(len(trees)), "size_leaf_vector": "0"},
                                           "tree_info": [0] * len(trees), "trees": trees}, "name": "gbtree"},
            "learner_model_param": {"base_score": repr(base_probability), "boost_from_average": "0", "num_class": "0",
                                    "num_feature": str(width), "num_target": "1"},
            "objective": {"name": "binary:logistic", "reg_loss_param": {"scale_pos_weight": "1"}},
        },
        "version": [1, 7, 4],
    }


def cpu_best(repeats, action):
    best = math.inf
    for _ in range(repeats):
        start = time.process_time()
        action()
        best = min(best, time.process_time() - start)
    return best


def main():
    work = sys.argv[1]
    with open(os.path.join(work, "model.json")) as f:
        model = json.load(f)
    width = len(model["features"])
    path = os.path.join(work, "model.xgboost.json")
    with open(path, "w") as f:
        json.dump(to_xgboost(model), f)
    booster = xgb.Booster(model_file=path)
    booster.set_param({"nthread": 1})
    rows = np.fromfile(os.path.join(work, "patients.f32"), dtype=np.float32).reshape(-1, width)
    ours = np.fromfile(os.path.join(work, "ours.f64"), dtype=np.float64)
    margin = booster.inplace_predict(rows, predict_type="margin", missing=np.nan)
    worst = float(np.max(np.abs(margin - ours)))
    print(f"xgboost {xgb.__version__} same trees: max |raw difference| vs ours over {len(rows):,} rows = {worst:.2e}")
    if worst > 1e-4:
        raise SystemExit("XGBoost does not reproduce our scores: the translation is wrong")

    batch = cpu_best(3, lambda: booster.inplace_predict(rows, predict_type="margin", missing=np.nan))
    print(f"RESULT\txgboost inplace_predict batch\t{len(rows) / batch:.0f} rows/s\t{batch * 1e9 / len(rows):.1f} ns/row")
    singles = [rows[i:i + 1] for i in range(2000)]
    calls = 20000

    def single():
        for i in range(calls):
            booster.inplace_predict(singles[i % len(singles)], predict_type="margin", missing=np.nan)

    single()
    seconds = cpu_best(3, single)
    print(f"RESULT\txgboost inplace_predict single row\t{calls / seconds:.0f} rows/s\t{seconds * 1e9 / calls:.1f} ns/row")


if __name__ == "__main__":
    main()
