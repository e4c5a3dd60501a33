"""One full-batch training step of a fully connected network in plain NumPy, written the obvious way (as the course
writes it): relu hidden layers with inverted dropout (masks from np.random.rand), a sigmoid or softmax output, the
cross-entropy's dZ = A - Y, L2 and gradient descent. Shared by the NumPy baselines so that each times the same code.
"""
import numpy as np


def forward(params, x, keep_prob, output="sigmoid"):
    """The output activations and, per layer, (z, a, dropout mask or None); layer 0 is the input."""
    layers = len(params) // 2
    caches = [(None, x, None)]
    a = x
    for l in range(1, layers + 1):
        z = params[f"W{l}"] @ a + params[f"b{l}"]
        d = None
        if l < layers:
            a = np.maximum(z, 0)
            if keep_prob < 1:
                d = np.random.rand(*a.shape) < keep_prob
                a = a * d / keep_prob
        elif output == "sigmoid":
            a = 1 / (1 + np.exp(-z))
        else:
            e = np.exp(z - z.max(axis=0, keepdims=True))
            a = e / e.sum(axis=0, keepdims=True)
        caches.append((z, a, d))
    return a, caches


def backward_update(params, caches, a, y, keep_prob, lr, l2=0.0):
    """Backpropagates from the output a, adding L2's (lambda/m) W when l2 is set, and takes one gradient step."""
    layers = len(params) // 2
    m = a.shape[1]
    dz = a - y
    for l in range(layers, 0, -1):
        a_prev = caches[l - 1][1]
        dw = dz @ a_prev.T / m
        if l2:
            dw = dw + l2 / m * params[f"W{l}"]
        db = dz.sum(axis=1, keepdims=True) / m
        if l > 1:
            z_prev, _, d_prev = caches[l - 1]
            da = params[f"W{l}"].T @ dz
            if d_prev is not None:
                da = da * d_prev / keep_prob
            dz = da * (z_prev > 0)
        params[f"W{l}"] -= lr * dw
        params[f"b{l}"] -= lr * db
