"""Centred finite differences, for checking analytic gradients."""

import numpy as np


def rel_error(a, b):
    """|a - b| / (|a| + |b|) over whole arrays (Euclidean norms)."""
    return np.linalg.norm(a - b) / max(1e-12, np.linalg.norm(a) + np.linalg.norm(b))


def numeric_grad(f, x, h=1e-6):
    """Centred differences of the scalar f() with respect to every x[i]."""
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + h
        fp = f()
        x[i] = old - h
        fm = f()
        x[i] = old
        g[i] = (fp - fm) / (2 * h)
    return g
