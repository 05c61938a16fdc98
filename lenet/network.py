"""LeNet-5 as published: seven layers, every step observable.

    input 1@32x32 -> C1 6@28x28 -> S2 6@14x14 -> C3 16@10x10 -> S4 16@5x5
    -> C5 120 -> F6 84 -> RBF 10 penalties (smallest wins)

`forward(x, trace=True)` returns, per layer, what it received, its weighted
sums before squashing and what it produced; `backward(dy, trace=True)`
returns, per layer, the gradient arriving at its output, the gradient it
sends to its input and the gradients of its parameters.
"""

import copy
from dataclasses import dataclass

import numpy as np

from . import paper
from .layers import RBF, Conv, Full, Subsample
from .losses import get_loss

INPUT_SHAPE = (1, 32, 32)
CHUNK = 64  # predict() takes large batches this many images at a time


@dataclass(frozen=True)
class LayerTrace:
    """What one layer saw and did during a forward pass."""

    name: str
    input: np.ndarray
    weighted_sum: np.ndarray | None  # None for the RBF layer
    output: np.ndarray


@dataclass(frozen=True)
class LayerGradient:
    """What flowed back through one layer during a backward pass."""

    name: str
    grad_output: np.ndarray  # dE/d(output), same shape as the output
    grad_input: np.ndarray | None  # dE/d(input); None where not asked for
    params: dict  # parameter name -> dE/d(parameter)


def as_batch(x, dtype=np.float32):
    """Accept (32, 32), (N, 32, 32) or (N, 1, 32, 32); return (N, 1, 32, 32)."""
    x = given = np.asarray(x)
    if x.ndim == 2:
        x = x[None, None]
    elif x.ndim == 3:
        x = x[:, None]
    if x.ndim != 4 or x.shape[1:] != INPUT_SHAPE:
        raise ValueError(
            f"expected images of shape (32, 32), (N, 32, 32) or "
            f"(N, 1, 32, 32), got {given.shape}"
        )
    return np.ascontiguousarray(x, dtype=dtype)


class LeNet5:
    """The network of LeCun et al. (1998), Fig. 2, with its 60,000 parameters.

    seed: makes the initial weights repeatable.
    dtype: float32 for speed, float64 for gradient checks.
    """

    def __init__(self, seed=0, dtype=np.float32):
        rng = np.random.default_rng(seed)
        self.dtype = np.dtype(dtype)
        self.layers = [
            Conv("c1", 1, 6, 5, rng, dtype=dtype),
            Subsample("s2", 6, rng, dtype=dtype),
            Conv("c3", 6, 16, 5, rng, table=paper.C3_TABLE, dtype=dtype),
            Subsample("s4", 16, rng, dtype=dtype),
            Full("c5", 400, 120, rng, in_shape=(16, 5, 5),
                 out_shape=(120, 1, 1), dtype=dtype),
            Full("f6", 120, 84, rng, dtype=dtype),
            RBF("rbf", dtype=dtype),
        ]

    def layer(self, name):
        """The layer called `name` ('c1', 's2', ..., 'rbf')."""
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise KeyError(f"no layer {name!r}: {[l.name for l in self.layers]}")

    def _named(self, attr):
        # layer.<attr>["W"] of layer "c1" -> "c1.W"
        return {
            f"{layer.name}.{k}": v
            for layer in self.layers
            for k, v in getattr(layer, attr).items()
        }

    @property
    def params(self):
        """Every trainable array by 'layer.name', e.g. 'c3.W' (live views)."""
        return self._named("params")

    @property
    def grads(self):
        """Gradients of the last backward pass, keyed like `params`."""
        return self._named("grads")

    @property
    def hessian(self):
        """Gauss-Newton diagonal of the last backward2 pass, keyed like `params`."""
        return self._named("hess")

    def n_params(self):
        return sum(v.size for v in self.params.values())

    def forward(self, x, trace=False, keep=True):
        """Penalties (N, 10) for images x; with trace, also [LayerTrace].

        keep: the layers keep what backward() needs (the default); without
        it nothing is stored on the model, which is faster, cannot trace,
        and lets several threads use one shared model.
        """
        if trace and not keep:
            raise ValueError("a trace needs keep=True")
        h = as_batch(x, self.dtype)
        if keep:
            for layer in self.layers:
                layer.forget()  # the last pass's arrays go before new ones come
        records = []
        for layer in self.layers:
            inp = h
            h = layer.forward(h, keep)
            if trace:
                records.append(LayerTrace(layer.name, inp, layer.a, h))
        return (h, records) if trace else h

    def backward(self, dy, trace=False, input_grad=False):
        """Backpropagate dE/dy (N, 10) from the last forward pass.

        Fills every layer's gradients. Returns dE/d(input) (N, 1, 32, 32)
        when input_grad is set, else None; with trace, also [LayerGradient]
        in forward order.
        """
        d = dy
        records = []
        for i in reversed(range(len(self.layers))):
            layer = self.layers[i]
            need_dx = i > 0 or input_grad
            d_out = d
            d = layer.backward(d, need_dx=need_dx)
            if trace:
                grads = dict(layer.grads)
                records.append(LayerGradient(layer.name, d_out, d, grads))
        records.reverse()
        return (d, records) if trace else d

    def backward2(self, d2y):
        """Backpropagate second derivatives (Gauss-Newton); fills layer.hess."""
        d = d2y
        for i in reversed(range(len(self.layers))):
            d = self.layers[i].backward2(d, need_dx=i > 0)

    def loss(self, x, labels, loss="map"):
        """Forward and backward: returns (loss, penalties) and fills grads."""
        y = self.forward(x)
        value, dy = get_loss(loss)(y, np.asarray(labels))
        self.backward(dy)
        return value, y

    def estimate_hessian(self, x, labels):
        """Mean Gauss-Newton diagonal of the correct-class penalty over x.

        The second derivative of y_correct with respect to F6's outputs is
        exactly 2; the squashing slopes and squared weights carry it back.
        """
        labels = np.asarray(labels)
        y = self.forward(x)
        d2y = np.zeros_like(y)
        d2y[np.arange(len(y)), labels] = 1.0 / len(y)
        self.backward2(d2y)
        return self.hessian

    def predict(self, x):
        """(digits (N,), penalties (N, 10)): the digit with the smallest penalty.

        Forward only, through CHUNK images at a time: the working arrays of
        a chunk stay in the CPU's cache, which makes a large batch about
        1.5x faster than one pass over all of it. Nothing is stored on the
        model, so one shared model can serve several threads at once.
        """
        x = as_batch(x, self.dtype)
        y = np.concatenate([self.forward(x[i:i + CHUNK], keep=False)
                            for i in range(0, len(x), CHUNK)])
        return y.argmin(axis=1), y

    def copy(self):
        """An exact, independent copy (weights copied, no shared arrays)."""
        twin = copy.copy(self)
        twin.layers = [copy.copy(layer) for layer in self.layers]
        for layer in twin.layers:
            layer.params = {k: v.copy() for k, v in layer.params.items()}
            layer.grads = {}
            layer.hess = {}
            layer.forget()
        return twin

    def state(self):
        """A dict of copies of every parameter, keyed like `params`."""
        return {k: v.copy() for k, v in self.params.items()}

    def load_state(self, state):
        """Set every parameter from `state` (validated: names and shapes)."""
        own = self.params
        if set(state) != set(own):
            missing = sorted(set(own) - set(state))
            extra = sorted(set(state) - set(own))
            raise ValueError(f"parameter names differ: missing {missing}, "
                             f"unexpected {extra}")
        for name, value in state.items():
            value = np.asarray(value)
            if value.shape != own[name].shape:
                raise ValueError(f"{name}: expected shape {own[name].shape}, "
                                 f"got {value.shape}")
        for layer in self.layers:
            for k in layer.params:
                src = np.asarray(state[f"{layer.name}.{k}"], dtype=self.dtype)
                layer.params[k] = src.copy()

    def astype(self, dtype):
        """A copy of this model computing in `dtype`."""
        twin = LeNet5(seed=0, dtype=dtype)
        twin.load_state(self.params)
        return twin

    def freeze(self):
        """Make every weight read-only, so a shared model cannot be changed."""
        for v in self.params.values():
            v.setflags(write=False)
        return self
