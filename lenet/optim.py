"""Optimisers that can show every step they take.

    opt.step(model)               # apply one update from model.grads
    report = opt.step(model, report=True)
    report["c1.W"].before, .grad, .step, .after

SGD (with optional momentum) uses one learning rate for every parameter.
SDLM, the paper's stochastic diagonal Levenberg-Marquardt, gives each
parameter its own step eta / (mu + h_kk), h_kk being a Gauss-Newton estimate
of the loss's second derivative with respect to that parameter.
"""

from dataclasses import dataclass

import numpy as np

from . import paper


@dataclass(frozen=True)
class ParamUpdate:
    """One parameter tensor's update: after = before + step."""

    before: np.ndarray
    grad: np.ndarray
    rate: np.ndarray | float  # learning rate used, per element for SDLM
    step: np.ndarray
    after: np.ndarray


class SGD:
    """Plain gradient descent, with momentum when momentum > 0.

    velocity = momentum * velocity - lr * grad; param += velocity.
    """

    name = "sgd"

    def __init__(self, lr=0.01, momentum=0.0):
        if not lr > 0:
            raise ValueError(f"learning rate must be positive, got {lr}")
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be in [0, 1), got {momentum}")
        self.lr = float(lr)
        self.momentum = float(momentum)
        self.velocity = {}

    def rates(self, model):
        """Learning rate per parameter tensor (the same for all under SGD)."""
        return {name: self.lr for name in model.params}

    def _steps(self, model):
        grads = model.grads
        steps = {}
        for name in model.params:
            step = -self.lr * grads[name]
            if self.momentum:
                v = self.velocity.get(name)
                if v is not None:
                    step += self.momentum * v
                self.velocity[name] = step
            steps[name] = step
        return steps

    def step(self, model, report=False):
        """Update model's parameters in place from its last gradients."""
        return _apply(model, self._steps(model), self.rates(model), report)


class SDLM:
    """Stochastic diagonal Levenberg-Marquardt (LeCun et al. 1998, App. C).

    Each parameter k moves by -eta / (mu + h_kk) * grad_k. Call
    `estimate(model, x, labels)` (the paper uses 500 samples before each
    pass) before stepping.
    """

    name = "sdlm"

    def __init__(self, eta=paper.sdlm_eta(0), mu=paper.SDLM_MU):
        if not eta > 0:
            raise ValueError(f"eta must be positive, got {eta}")
        if not mu > 0:
            raise ValueError(f"mu must be positive, got {mu}")
        self.eta = float(eta)
        self.mu = float(mu)
        self.hessian = None

    def estimate(self, model, x, labels):
        """Estimate h_kk on the samples x (N, 1, 32, 32) with their labels."""
        h = model.estimate_hessian(x, labels)
        self.hessian = {k: v.copy() for k, v in h.items()}

    def rates(self, model):
        """Each parameter's own learning rate eta / (mu + h_kk)."""
        if self.hessian is None:
            raise RuntimeError("SDLM needs estimate(model, x, labels) first")
        # the rates change only with eta, mu or a new estimate: keep them
        key = (self.eta, self.mu, id(self.hessian))
        if getattr(self, "_rates_key", None) != key:
            self._rates = {k: (self.eta / (self.mu + h)).astype(h.dtype)
                           for k, h in self.hessian.items()}
            self._rates_key = key
        return self._rates

    def step(self, model, report=False):
        rates = self.rates(model)
        grads = model.grads
        steps = {k: -rates[k] * grads[k] for k in model.params}
        return _apply(model, steps, rates, report)


def _apply(model, steps, rates, report):
    grads = model.grads if report else None
    updates = {}
    for layer in model.layers:
        for k, p in layer.params.items():
            name = f"{layer.name}.{k}"
            before = p.copy() if report else None
            p += steps[name].astype(p.dtype, copy=False)
            if report:
                updates[name] = ParamUpdate(
                    before, grads[name], rates[name], steps[name], p.copy()
                )
    return updates if report else None


def make_optimizer(name, lr, momentum=0.9, mu=paper.SDLM_MU):
    """'sgd', 'momentum' or 'sdlm' with learning rate (eta for SDLM) lr."""
    if name == "sgd":
        return SGD(lr)
    if name == "momentum":
        return SGD(lr, momentum)
    if name == "sdlm":
        return SDLM(lr, mu)
    raise ValueError(
        f"unknown optimiser {name!r}: expected 'sgd', 'momentum' or 'sdlm'"
    )
