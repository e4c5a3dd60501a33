"""The 18 trainings of benchmarks/e2e/course_grid.yaml in plain NumPy, in two processes, as a user without a sweep
tool would run them: [2, 20, 3, 1] on football for 15,000 full-batch iterations, relu hidden layers, a sigmoid
output, L2 and inverted dropout with masks from np.random.rand, the cost every 1,000 iterations, and no gradient
check (Sweep checks every trial's gradient first: its figure includes that).

    /usr/bin/python3 benchmarks/e2e/course_grid_numpy.py

Prints one JSON object: the wall time of the 18 trainings, and which BLAS (for OpenBLAS, which kernel) NumPy ran on.
"""
import csv
import itertools
import json
import multiprocessing
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "numpy"))
import blas  # noqa: E402
import fc_network  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "data")


def load(name):
    with open(os.path.join(DATA, name)) as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r["x1"]), float(r["x2"])] for r in rows]).T
    y = np.array([[float(r["y"]) for r in rows]])
    return x, y


def initialize(layers, initializer, rng):
    params = {}
    for l in range(1, len(layers)):
        scale = {"he": 2.0, "xavier": 1.0, "lecun": 1.0}[initializer]
        fan = layers[l - 1] if initializer != "xavier" else (layers[l - 1] + layers[l]) / 2
        params[f"W{l}"] = rng.standard_normal((layers[l], layers[l - 1])) * np.sqrt(scale / fan)
        params[f"b{l}"] = np.zeros((layers[l], 1))
    return params


def train(case):
    initializer, l2, keep_prob = case
    x, y = load("football_train.csv")
    layers = [2, 20, 3, 1]
    rng = np.random.RandomState(3)
    np.random.seed(4)
    params = initialize(layers, initializer, rng)
    m = x.shape[1]
    count = len(layers) - 1
    costs = []
    for i in range(15000):
        a, caches = fc_network.forward(params, x, keep_prob)
        if i % 1000 == 0:
            with np.errstate(divide="ignore", invalid="ignore"):  # a saturated output: nansum skips the 0 * log(0) terms
                logs = np.multiply(-np.log(a), y) + np.multiply(-np.log(1 - a), 1 - y)
            cost = np.nansum(logs) / m + l2 / (2 * m) * sum(np.sum(np.square(params[f"W{l}"])) for l in range(1, count + 1))
            costs.append(float(cost))
        fc_network.backward_update(params, caches, a, y, keep_prob, 0.3, l2)
    return costs[-1]


if __name__ == "__main__":
    cases = list(itertools.product(["he", "xavier", "lecun"], [0, 0.1, 0.7], [1, 0.86]))
    start = time.perf_counter()
    with multiprocessing.Pool(2) as pool:
        pool.map(train, cases)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "trainings": len(cases),
        "processes": 2,
        "seconds": round(seconds, 3),
        "blas": blas.describe(),
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
        "OPENBLAS_L2_SIZE": os.environ.get("OPENBLAS_L2_SIZE"),
        "numpy": np.__version__,
    }))
