"""Optimisers: what they report is what they did."""

import numpy as np
import pytest

from lenet import paper
from lenet.layers import squash_slope
from lenet.network import LeNet5
from lenet.optim import SDLM, SGD, make_optimizer


def batch(seed=0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(paper.BACKGROUND, paper.INK, (4, 1, 32, 32))
    return x.astype(np.float32), np.array([0, 3, 5, 9])


@pytest.mark.parametrize("opt", [SGD(0.01), SGD(0.01, momentum=0.9),
                                 SDLM(0.0005)], ids=["sgd", "momentum", "sdlm"])
def test_report_tells_what_happened(opt):
    model = LeNet5(seed=1)
    x, y = batch()
    if isinstance(opt, SDLM):
        opt.estimate(model, x, y)
    for _ in range(2):  # the second step carries momentum
        model.loss(x, y)
        report = opt.step(model, report=True)

    assert set(report) == set(model.params)
    for name, u in report.items():
        np.testing.assert_allclose(u.after, u.before + u.step, rtol=1e-6,
                                   atol=1e-9)
        np.testing.assert_array_equal(u.after, model.params[name])
        np.testing.assert_array_equal(u.grad, model.grads[name])


def test_sgd_step_is_minus_lr_times_gradient():
    model = LeNet5(seed=1)
    x, y = batch()
    model.loss(x, y)
    report = SGD(0.05).step(model, report=True)

    for u in report.values():
        np.testing.assert_allclose(u.step, -0.05 * u.grad, rtol=1e-6)


def test_momentum_accumulates_the_previous_step():
    model = LeNet5(seed=1)
    x, y = batch()
    opt = SGD(0.01, momentum=0.5)
    model.loss(x, y)
    first = opt.step(model, report=True)["f6.b"].step
    model.loss(x, y)
    second = opt.step(model, report=True)["f6.b"]

    np.testing.assert_allclose(second.step, 0.5 * first - 0.01 * second.grad,
                               rtol=1e-5, atol=1e-9)


def test_sdlm_rates_are_eta_over_mu_plus_h():
    model = LeNet5(seed=1)
    x, y = batch()
    opt = SDLM(eta=0.001, mu=0.02)
    opt.estimate(model, x, y)
    model.loss(x, y)
    report = opt.step(model, report=True)

    for name, u in report.items():
        h = opt.hessian[name]
        assert (h >= 0).all(), name
        np.testing.assert_allclose(u.rate, 0.001 / (0.02 + h), rtol=1e-6)
        np.testing.assert_allclose(u.step, -u.rate * u.grad, rtol=1e-5,
                                   atol=1e-12)


def test_gauss_newton_diagonal_of_f6_biases():
    # y_c = sum_j (f(a_j) - w_cj)^2: its Gauss-Newton second derivative with
    # respect to bias j is 2 f'(a_j)^2, averaged over the samples
    model = LeNet5(seed=1, dtype=np.float64)
    x, y = batch()
    h = model.estimate_hessian(x.astype(np.float64), y)["f6.b"]
    slope = squash_slope(model.layer("f6").out)

    np.testing.assert_allclose(h, (2 * slope**2).mean(axis=0), rtol=1e-12)


def test_sdlm_needs_an_estimate_first():
    model = LeNet5()
    x, y = batch()
    model.loss(x, y)
    with pytest.raises(RuntimeError, match="estimate"):
        SDLM().step(model)


@pytest.mark.parametrize("name, lr", [("sgd", 0), ("sgd", -1), ("sdlm", 0),
                                      ("adam", 0.1)])
def test_bad_settings_are_refused(name, lr):
    with pytest.raises(ValueError):
        make_optimizer(name, lr)


def test_rbf_centres_do_not_move_while_training():
    model = LeNet5()
    before = model.layer("rbf").centres.copy()
    x, y = batch()
    opt = SGD(0.01)
    for _ in range(10):
        model.loss(x, y)
        opt.step(model)

    np.testing.assert_array_equal(model.layer("rbf").centres, before)
    assert "rbf" not in {k.split(".")[0] for k in model.params}
