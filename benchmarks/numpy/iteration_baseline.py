"""The obvious NumPy implementation of one full-batch training iteration (forward, backward, update), timed on the
networks of benchmarks/Sweep.Benchmarks, so that the two can be set side by side in one run:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 /usr/bin/python3 benchmarks/numpy/iteration_baseline.py

Debian's python3-numpy (1.24) on OpenBLAS (`apt-get install libopenblas0-pthread`; without it Debian's NumPy runs on
netlib's reference BLAS). OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, which some machine images set, force another
processor's kernel and slow it; unset, OpenBLAS picks this processor's own. Prints one JSON array like the C#
benchmark's --json output; each row names the BLAS and kernel it ran on.
Dropout redraws its masks every iteration with np.random.rand, as the course's code does.
"""
import json
import time

import numpy as np

import blas
import fc_network

CASES = [
    ([2, 10, 5, 1], 300, 1.0, "sigmoid"),
    ([2, 10, 5, 1], 300, 0.86, "sigmoid"),
    ([2, 20, 3, 1], 211, 1.0, "sigmoid"),
    ([2, 20, 3, 1], 211, 0.86, "sigmoid"),
    ([100, 256, 256, 1], 10000, 1.0, "sigmoid"),
    ([784, 128, 64, 10], 10000, 1.0, "softmax"),
]


def iteration(params, x, y, keep_prob, output, lr=0.01):
    a, caches = fc_network.forward(params, x, keep_prob, output)
    fc_network.backward_update(params, caches, a, y, keep_prob, lr)


def flops(network, examples):
    products = sum((2 if l == 1 else 3) * network[l] * network[l - 1] for l in range(1, len(network)))
    return 2.0 * examples * products


def main():
    rows = []
    rng = np.random.RandomState(12345)
    for network, examples, keep_prob, output in CASES:
        x = rng.randn(network[0], examples)
        classes = network[-1] if output == "softmax" else 2
        labels = rng.randint(0, classes, examples)
        y = np.eye(classes)[labels].T if output == "softmax" else labels.reshape(1, -1).astype(float)
        params = {}
        for l in range(1, len(network)):
            params[f"W{l}"] = rng.randn(network[l], network[l - 1]) * np.sqrt(2 / network[l - 1])
            params[f"b{l}"] = np.zeros((network[l], 1))
        start = time.perf_counter()
        count = 0
        while time.perf_counter() - start < 1.0 or count < 3:
            iteration(params, x, y, keep_prob, output)
            count += 1
        start = time.perf_counter()
        timed = max(3, count * 2)
        for _ in range(timed):
            iteration(params, x, y, keep_prob, output)
        seconds = (time.perf_counter() - start) / timed
        rows.append({"implementation": "numpy", "network": ",".join(map(str, network)), "examples": examples,
                     "keep_prob": keep_prob, "us_per_iteration": round(seconds * 1e6, 2),
                     "gflops": round(flops(network, examples) / seconds / 1e9, 1), "blas": blas.describe()})
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
