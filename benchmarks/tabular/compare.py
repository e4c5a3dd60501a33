"""Sweep beside scikit-learn on tabular data, on the same splits (a benchmark, not a test).

For house_votes_84 (text cells, empty cells, text labels; accuracy) and diabetes (a regression; RMSE), it runs
  - Sweep: `sweep run` of benchmarks/tabular/{house-votes,diabetes}.yaml (l2_lambda x keep_prob, chosen by the
    validation metric), then `sweep best --json --top 1`;
  - scikit-learn: SimpleImputer + OneHotEncoder for categorical columns, SimpleImputer(mean, add_indicator) for
    numeric ones, StandardScaler over every input (Sweep's normalize: true), then MLPClassifier or MLPRegressor
    (one hidden layer of 16 ReLU units, Adam, the regression's target standardized by TransformedTargetRegressor as
    Sweep standardizes it), tuned over alpha on the same validation rows;
and prints one table. The splits are Sweep's: rs = RandomState(1); test = the first ceil(0.25 n) rows of
rs.permutation(n); validation = the first ceil(0.2 n_train) of the rest, in the order of rs.permutation(n_train).

    /usr/bin/python3 benchmarks/tabular/compare.py [--seeds 5]
(Debian's python3-sklearn; builds nothing: run `dotnet build src/Sweep.Cli -c Release` first.)
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SWEEP = ["dotnet", os.path.join(ROOT, "src/Sweep.Cli/bin/Release/net10.0/sweep.dll")]
ALPHAS = [0.0001, 0.001, 0.01, 0.1, 1, 10]

DATA = {
    "house_votes_84": dict(file="house_votes_84.csv", label="Class", categorical=None, regression=False, sweep="house-votes.yaml"),
    "diabetes": dict(file="diabetes.csv", label="progression", categorical=["sex"], regression=True, sweep="diabetes.yaml"),
}


def read(spec):
    with open(os.path.join(ROOT, "data", spec["file"]), newline="") as f:
        rows = list(csv.reader(f))
    header, rows = [h.strip() for h in rows[0]], [[c.strip() for c in r] for r in rows[1:] if any(c.strip() for c in r)]
    label = header.index(spec["label"])
    rows = [r for r in rows if r[label] != ""]  # Sweep drops rows without a label
    features = [h for i, h in enumerate(header) if i != label]
    columns = [[r[i] for r in rows] for i in range(len(header)) if i != label]
    categorical = []
    for name, cells in zip(features, columns):
        text = any(c != "" and not is_number(c) for c in cells)
        if text or name in (spec["categorical"] or []):
            categorical.append(name)
    X = np.empty((len(rows), len(features)), dtype=object)
    for j, (name, cells) in enumerate(zip(features, columns)):
        for i, c in enumerate(cells):
            X[i, j] = np.nan if c == "" else (c if name in categorical else float(c))
    y = np.array([float(r[label]) for r in rows]) if spec["regression"] else np.array([r[label] for r in rows])
    return X, y, features, categorical


def is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def splits(n, seed=1, test_fraction=0.25, validation_fraction=0.2):
    rs = np.random.RandomState(seed)
    order = rs.permutation(n)
    test_count = math.ceil(test_fraction * n)
    test, train = order[:test_count], order[test_count:]
    validation_order = rs.permutation(len(train))
    validation_count = math.ceil(validation_fraction * len(train))
    return train[validation_order[validation_count:]], train[validation_order[:validation_count]], test


def pipeline(features, categorical, regression, alpha, seed):
    numeric = [i for i, f in enumerate(features) if f not in categorical]
    cats = [i for i, f in enumerate(features) if f in categorical]
    encode = ColumnTransformer([
        ("categorical", Pipeline([
            ("impute", SimpleImputer(strategy="constant", fill_value="missing", missing_values=np.nan)),
            ("one_hot", OneHotEncoder(handle_unknown="ignore", sparse_output=False)),
        ]), cats),
        ("numeric", SimpleImputer(strategy="mean", add_indicator=True), numeric),
    ])
    mlp = dict(hidden_layer_sizes=(16,), activation="relu", solver="adam", alpha=alpha, max_iter=2000, random_state=seed)
    model = Pipeline([("encode", encode), ("scale", StandardScaler()),
                      ("mlp", MLPRegressor(**mlp) if regression else MLPClassifier(**mlp))])
    return TransformedTargetRegressor(regressor=model, transformer=StandardScaler()) if regression else model


def score(model, X, y, regression):
    predicted = model.predict(X)
    return float(np.sqrt(np.mean((predicted - y) ** 2))) if regression else float(np.mean(predicted == y))


def sklearn_search(spec, seed):
    X, y, features, categorical = read(spec)
    train, validation, test = splits(len(y))
    regression = spec["regression"]
    best = None
    started = time.perf_counter()
    for alpha in ALPHAS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model = pipeline(features, categorical, regression, alpha, seed).fit(X[train], y[train].astype(float) if regression else y[train])
        v = score(model, X[validation], y[validation], regression)
        if best is None or (v < best[1] if regression else v > best[1]):
            best = (alpha, v, score(model, X[test], y[test], regression))
    return dict(alpha=best[0], validation=best[1], test=best[2], seconds=time.perf_counter() - started,
                rows=(len(train), len(validation), len(test)))


def sweep_search(spec):
    with tempfile.TemporaryDirectory() as folder:
        db = os.path.join(folder, "bench.db")
        started = time.perf_counter()
        subprocess.run(SWEEP + ["run", os.path.join(ROOT, "benchmarks/tabular", spec["sweep"]), "--db", db, "--slots", "2"],
                       check=True, stdout=subprocess.DEVNULL, cwd=folder)
        seconds = time.perf_counter() - started
        best = json.loads(subprocess.run(SWEEP + ["best", "--db", db, "--top", "1", "--json", "--trials"], check=True,
                                         capture_output=True, text=True, cwd=folder).stdout)[0]
    metric = "rmse" if spec["regression"] else "accuracy"
    return dict(setting=f"l2_lambda {best['l2_lambda']}, keep_prob {best['keep_prob']}", validation=best[f"validation_{metric}"],
                test=best[f"test_{metric}"], seconds=seconds)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=5, help="scikit-learn searches with random_state 0..seeds-1")
    args = parser.parse_args()
    print("| data set (train/validation/test rows) | metric | tool | chosen on validation | validation | test | wall time |")
    print("|---|---|---|---|---|---|---|")
    for name, spec in DATA.items():
        metric = "RMSE (lower is better)" if spec["regression"] else "accuracy"
        s = sweep_search(spec)
        runs = [sklearn_search(spec, seed) for seed in range(args.seeds)]
        name = f"{name} ({'/'.join(str(r) for r in runs[0]['rows'])})"
        print(f"| {name} | {metric} | Sweep, 12 trials | {s['setting']} | {s['validation']:.4f} | {s['test']:.4f} | {s['seconds']:.1f} s (whole `sweep run`) |")
        tests = np.array([r["test"] for r in runs])
        validations = np.array([r["validation"] for r in runs])
        alphas = ", ".join(str(r["alpha"]) for r in runs)
        print(f"| {name} | {metric} | scikit-learn, 6 alphas x {args.seeds} seeds | alpha {alphas} | "
              f"{validations.mean():.4f} +- {validations.std():.4f} | {tests.mean():.4f} +- {tests.std():.4f} (range {tests.min():.4f}-{tests.max():.4f}) | "
              f"{np.mean([r['seconds'] for r in runs]):.1f} s per search |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
