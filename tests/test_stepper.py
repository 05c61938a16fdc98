"""The learning stepper: guarded steps, the chain rule, gradient checks.

Expectations are derived from the shipped model itself (it will be
replaced by a better-trained one), never typed in from today's weights.
"""

import numpy as np
import pytest

from labui import stepper
from lenet import ASSETS, load_shipped
from lenet.losses import map_loss
from lenet.optim import SGD
from lenet.preprocess import to_network_input

SAMPLE_FILE = ASSETS / "mnist_sample.npz"


@pytest.fixture(scope="module")
def model():
    m, _ = load_shipped()
    return m.freeze()  # a step that writes into it would raise


@pytest.fixture(scope="module")
def sample():
    with np.load(SAMPLE_FILE) as f:
        images, labels = f["images"], f["labels"].astype(int)
    return to_network_input(images), labels


@pytest.fixture(scope="module")
def digit(model, sample):
    """The sample digit the model is least sure of, with its true label and
    a wrong one. (On a digit it knows well the gradient is so small that
    even a huge learning rate moves nothing.)"""
    xs, labels = sample
    losses = [stepper.loss_of(model, x, int(y)) for x, y in zip(xs, labels)]
    i = int(np.argmax(losses))
    return xs[i], int(labels[i]), (int(labels[i]) + 1) % 10


@pytest.mark.parametrize("wrong", [False, True], ids=["true", "wrong"])
def test_sane_step_lowers_the_loss_and_changes_the_weights(model, digit, wrong):
    x, true, other = digit
    label = other if wrong else true
    before = stepper.checksum(model)
    opt = SGD(1e-3)

    out = stepper.guarded_step(model, opt, x, label)

    assert out.accepted, out.reason
    assert out.loss_after < out.loss_before
    assert stepper.loss_of(out.model, x, label) == pytest.approx(out.loss_after)
    assert stepper.checksum(out.model) != before
    assert stepper.checksum(model) == before  # the given model is untouched


@pytest.mark.parametrize("wrong", [False, True], ids=["true", "wrong"])
def test_learning_rate_1000_is_refused_and_nothing_changes(model, digit, wrong):
    x, true, other = digit
    label = other if wrong else true
    before = stepper.checksum(model)
    opt = SGD(1000.0, momentum=0.9)

    with np.errstate(all="raise"):  # no floating-point warning may leak
        out = stepper.guarded_step(model, opt, x, label)

    assert not out.accepted
    assert out.reason in {"weights_nonfinite", "loss_nonfinite",
                          "loss_tenfold", "weights_explode"}
    assert out.model is model and out.opt is opt
    assert stepper.checksum(model) == before
    assert opt.velocity == {}  # the optimiser's state was not advanced
    # the would-be loss is reported, and it is what a real step would give
    assert out.loss_before == pytest.approx(stepper.loss_of(model, x, label))
    assert out.loss_after != pytest.approx(out.loss_before)


@pytest.mark.parametrize("before, after, ratio, finite, reason", [
    (1.0, 2.0, 0.5, False, "weights_nonfinite"),
    (1.0, np.nan, 0.5, True, "loss_nonfinite"),
    (1.0, np.inf, 0.5, True, "loss_nonfinite"),
    (1.0, 10.5, 0.5, True, "loss_tenfold"),
    (1e-4, 0.5, 0.5, True, None),  # tenfold, but measured from the floor
    (1e-4, 1.5, 0.5, True, "loss_tenfold"),
    (100.0, 50.0, 3.0, True, "weights_explode"),
    (100.0, 50.0, 0.5, True, None),
    (1.0, 9.0, 0.5, True, None),
])
def test_refusal_rules(before, after, ratio, finite, reason):
    assert stepper._refusal(before, after, ratio, finite) == reason


def test_sdlm_steps_after_estimating_its_step_sizes(model, sample, digit):
    xs, labels = sample
    x, _, label = digit
    opt = stepper.new_optimizer("sdlm", 1e-4, model, xs, labels)
    assert opt.hessian is not None

    out = stepper.guarded_step(model, opt, x, label)

    assert out.accepted, out.reason
    assert out.loss_after < out.loss_before
    rates = stepper.rates_array(out.updates["c1.W"])
    assert rates.min() < rates.max()  # each weight has its own step size
    np.testing.assert_allclose(rates, stepper.sdlm_rates(opt, "c1.W"))


def test_loss_step_is_the_engines_map_loss(model, digit):
    x, _, label = digit
    fwd = stepper.forward_step(model, x)
    loss = stepper.loss_step(fwd.penalties, label)

    value, dy = map_loss(model.forward(x[None]).astype(np.float64),
                         np.array([label]))
    assert loss.value == pytest.approx(value, rel=1e-6)
    assert loss.y_correct + loss.log_term == pytest.approx(loss.value)
    np.testing.assert_allclose(loss.dy, dy[0], rtol=1e-5, atol=1e-12)
    assert fwd.prediction == int(model.predict(x[None])[0][0])


@pytest.mark.parametrize("pick", ["largest", "first", "middle"])
@pytest.mark.parametrize("wrong", [False, True], ids=["true", "wrong"])
def test_chain_rule_numbers_equal_the_engines_gradient(model, digit, pick,
                                                       wrong):
    x, true, other = digit
    label = other if wrong else true
    work = model.copy()
    bwd = stepper.backward_step(work, x, label)
    dW = bwd.layer("f6").params["W"]
    unit, inp = {"largest": stepper.largest_gradient(dW), "first": (0, 0),
                 "middle": (41, 60)}[pick]

    rule = stepper.chain_rule_f6(bwd, unit, inp)

    assert rule.engine == work.grads["f6.W"][unit, inp]
    assert rule.product == pytest.approx(rule.engine, rel=1e-5, abs=1e-12)
    arriving = bwd.layer("f6").grad_output[0, unit]
    assert rule.dE_dout == pytest.approx(arriving, rel=1e-5, abs=1e-12)


@pytest.mark.parametrize("name", ["c1.W", "c1.b", "s2.coef", "s2.b", "c3.W",
                                  "s4.coef", "f6.W", "f6.b"])
@pytest.mark.parametrize("wrong", [False, True], ids=["true", "wrong"])
def test_gradient_check_agrees(model, digit, name, wrong):
    x, true, other = digit
    check = stepper.grad_check(model, x, other if wrong else true, name)
    assert check.analytic != 0
    assert check.rel_error < 1e-6, (
        f"{name}{check.index}: analytic {check.analytic}, numeric "
        f"{check.numeric}, relative error {check.rel_error:.2e}")


def test_gradient_check_of_a_chosen_weight(model, digit):
    x, _, label = digit
    index = stepper.unflat(model, "c3.W", 17 * 25 + 12)
    check = stepper.grad_check(model, x, label, "c3.W", index)
    assert check.index == (17, 2, 2)
    assert check.value == model.params["c3.W"][17, 2, 2]
    assert check.rel_error < 1e-6, check


def test_fixed_digits_are_one_per_class(sample):
    _, labels = sample
    fixed = stepper.fixed_digits(labels)
    np.testing.assert_array_equal(labels[fixed], np.arange(10))


def test_run_steps_follows_the_fixed_digits(model, sample, digit):
    xs, labels = sample
    x, _, label = digit
    fixed_x = xs[stepper.fixed_digits(labels)]

    log, new, _ = stepper.run_steps(model, SGD(1e-3), x, label, 3, fixed_x)

    assert log.accepted == 3 and log.refused is None
    assert len(log.losses) == len(log.fixed) == len(log.predictions) == 4
    assert all(len(row) == 10 for row in log.fixed)
    np.testing.assert_array_equal(log.fixed[0], model.predict(fixed_x)[0])
    np.testing.assert_array_equal(log.fixed[-1], new.predict(fixed_x)[0])
    assert log.losses[-1] < log.losses[0]
    chosen, rows = stepper.prediction_rows(log, labels[stepper.fixed_digits(
        labels)], label)
    assert len(chosen) == len(rows) == 4 and len(rows[0]) == 10


def test_run_steps_stops_at_the_first_refused_step(model, sample, digit):
    xs, labels = sample
    x, label, _ = digit
    before = stepper.checksum(model)
    opt = SGD(1000.0)

    log, new, new_opt = stepper.run_steps(model, opt, x, label, 5, xs[:2])

    assert log.accepted == 0 and log.refused is not None
    assert new is model and new_opt is opt
    assert stepper.checksum(model) == before
    assert len(log.losses) == 1


def test_formulas_carry_the_numbers(model, digit):
    x, _, label = digit
    loss = stepper.loss_step(stepper.forward_step(model, x).penalties, label)
    tex = stepper.loss_latex(loss)
    assert stepper._n(loss.y_correct) in tex and "e^{-12}" in tex
    # e^{-j} and e^{-y_i} in the formula, then e^{-12} and ten penalties
    assert tex.count("e^{-") == 2 + 1 + 10
