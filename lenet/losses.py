"""Loss functions on the RBF penalties y (N, 10) and integer labels (N,).

Each returns (loss, dy): the mean loss over the batch and its gradient with
respect to the penalties, shape (N, 10).
"""

import numpy as np

from . import paper


def ml_loss(y, labels):
    """Maximum likelihood (eq. 8): the mean penalty of the correct class."""
    N = len(y)
    rows = np.arange(N)
    dy = np.zeros_like(y)
    dy[rows, labels] = 1.0 / N
    return float(y[rows, labels].mean()), dy


def map_loss(y, labels, j=paper.MAP_J):
    """MAP criterion (eq. 9) with a rubbish class of constant penalty j.

    E = y_correct + log(exp(-j) + sum_i exp(-y_i)). Besides pulling the
    correct penalty down, the second term pushes the wrong penalties up,
    but only while they are not already far above j. Computed as a
    log-sum-exp, so huge penalties stay finite.
    """
    N = len(y)
    rows = np.arange(N)
    neg = np.concatenate([np.full((N, 1), -j, y.dtype), -y], axis=1)  # (N, 11)
    m = neg.max(axis=1, keepdims=True)
    with np.errstate(under="ignore"):  # exp of a very negative: 0 is right
        e = np.exp(neg - m)
    z = e.sum(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(z[:, 0])  # log(exp(-j) + sum exp(-y_i))
    loss = (y[rows, labels] + lse).mean()

    # dE/dy_i = [i is correct] - exp(-y_i) / Z
    dy = -e[:, 1:] / z
    dy[rows, labels] += 1.0
    return float(loss), dy / N


LOSSES = {"map": map_loss, "ml": ml_loss}


def get_loss(name):
    """The loss function called `name`: 'map' or 'ml'."""
    try:
        return LOSSES[name]
    except KeyError:
        raise ValueError(
            f"unknown loss {name!r}: expected one of {sorted(LOSSES)}"
        ) from None
