"""One step of backpropagation at a time, on one digit, guarded.

The "Learn step by step" page walks through the four steps of learning
and shows every number that moves:

    fwd = forward_step(model, x)              # activations, penalties
    lss = loss_step(fwd.penalties, label)     # MAP loss, its gradient dE/dy
    bwd = backward_step(model, x, label)      # per-layer gradients
    out = guarded_step(model, opt, x, label)  # the update, or a refusal

`guarded_step` never touches the model it is given: it steps a copy and
returns it, or refuses (CASE-18) and explains why. x is one network input,
(32, 32) or (1, 1, 32, 32); label is the digit the network should learn.
No streamlit here: the page keeps these results in its session state.
"""

import copy
import hashlib
from dataclasses import dataclass

import numpy as np

from lenet import paper
from lenet.layers import squash_slope
from lenet.losses import map_loss
from lenet.network import as_batch
from lenet.optim import make_optimizer

OPTIMIZERS = ("sgd", "momentum", "sdlm")
LEARNING_RATES = tuple(
    float(f"{m}e{e}") for e in range(-5, 3) for m in (1, 3)
) + (1e3,)  # 1e-5, 3e-5, ..., 3e2, 1e3: a log scale
DEFAULT_LR = 1e-3
SDLM_SAMPLES = 100  # digits the SDLM step sizes are estimated on
BLOWUP = 10.0  # refuse a step that raises the loss more than tenfold ...
LOSS_FLOOR = 0.1  # ... measured from at least this loss
MAX_STEP_RATIO = 1.0  # refuse a step longer than all the weights: |dw| > |w|
# parameter tensors small enough to show element by element
SHOWN = ("c1.W", "c1.b", "s2.coef", "s2.b", "c3.W", "c3.b", "s4.coef", "s4.b")
CHECKED = ("c1.W", "c1.b", "s2.coef", "s2.b", "c3.W", "c3.b", "s4.coef",
           "s4.b", "c5.W", "c5.b", "f6.W", "f6.b")


def one(x):
    """One network input as a batch of one: (1, 1, 32, 32) float32."""
    x = as_batch(x)
    if len(x) != 1:
        raise ValueError(f"expected one digit, got a batch of {len(x)}")
    return x


def loss_of(model, x, label):
    """The MAP loss of `model` on one digit for `label` (forward only)."""
    y = model.forward(one(x))
    return map_loss(y, np.array([label]))[0]


def checksum(model):
    """A short fingerprint of every weight: equal iff the bytes are equal."""
    h = hashlib.sha256()
    for name, v in sorted(model.params.items()):
        h.update(name.encode())
        h.update(np.ascontiguousarray(v).tobytes())
    return h.hexdigest()[:16]


# the four steps


@dataclass(frozen=True)
class ForwardResult:
    """What the network does with the digit: per-layer traces, penalties."""

    traces: list  # [lenet.network.LayerTrace], C1 ... RBF
    penalties: np.ndarray  # (10,) RBF penalties, smallest wins
    prediction: int


def forward_step(model, x):
    y, traces = model.forward(one(x), trace=True)
    y = np.array(y[0], dtype=np.float64)
    return ForwardResult(traces, y, int(y.argmin()))


@dataclass(frozen=True)
class LossResult:
    """The MAP loss E = y_c + log(e^-j + sum_i e^-y_i), term by term."""

    label: int
    penalties: np.ndarray  # (10,) y_i
    j: float
    y_correct: float  # y_c, pulled down
    log_term: float  # log(e^-j + sum e^-y_i), keeps wrong penalties up
    value: float  # E
    dy: np.ndarray  # (10,) dE/dy_i = [i = c] - e^-y_i / Z


def loss_step(penalties, label, j=paper.MAP_J):
    y = np.asarray(penalties, dtype=np.float64)[None]  # (1, 10)
    value, dy = map_loss(y, np.array([label]), j=j)
    y_c = float(y[0, label])
    return LossResult(label, y[0], float(j), y_c, value - y_c, value, dy[0])


@dataclass(frozen=True)
class BackwardResult:
    """What flowed back: per-layer gradients (forward order) and the loss."""

    loss: float
    grads: list  # [lenet.network.LayerGradient], C1 ... RBF
    traces: list  # [LayerTrace] of the forward pass they belong to

    def layer(self, name):
        return next(g for g in self.grads if g.name == name)


def backward_step(model, x, label):
    """Forward, MAP loss and backward on one digit; fills model.grads."""
    y, traces = model.forward(one(x), trace=True)
    value, dy = map_loss(y, np.array([label]))
    _, grads = model.backward(dy, trace=True)
    return BackwardResult(value, grads, traces)


# the guarded update


@dataclass(frozen=True)
class TensorStep:
    """How one parameter tensor moved: sizes of gradient, rate and step."""

    name: str
    size: int
    grad_norm: float
    rate_min: float
    rate_max: float
    step_norm: float
    step_max: float  # largest |change| of one parameter


@dataclass(frozen=True)
class StepOutcome:
    """The result of one guarded update.

    accepted: whether the step was applied (to `model`, a new copy).
    reason: None, or why it was refused: 'weights_nonfinite',
        'loss_nonfinite', 'loss_tenfold' or 'weights_explode'.
    model, opt: the new model and optimiser state when accepted, else the
        ones given, unchanged.
    """

    accepted: bool
    reason: str | None
    loss_before: float
    loss_after: float  # the would-be loss when refused
    step_ratio: float  # |all steps| / |all weights|
    updates: dict  # name -> lenet.optim.ParamUpdate, for SHOWN only
    tensors: list  # [TensorStep], every parameter tensor
    model: object
    opt: object


def _refusal(before, after, ratio, finite):
    """Why a step must not be applied, or None (CASE-18.3)."""
    if not finite:
        return "weights_nonfinite"
    if not np.isfinite(after):
        return "loss_nonfinite"
    # NOTE: a loss near zero can grow tenfold harmlessly; measure from a floor
    if after > BLOWUP * max(before, LOSS_FLOOR):
        return "loss_tenfold"
    # a step bigger than all the weights together: the numbers explode
    if ratio > MAX_STEP_RATIO:
        return "weights_explode"
    return None


def _tensor_steps(updates):
    rows = []
    for name, u in updates.items():
        rate = np.broadcast_to(np.asarray(u.rate, np.float64), u.step.shape)
        rows.append(TensorStep(
            name, u.step.size, float(np.linalg.norm(u.grad)),
            float(rate.min()), float(rate.max()),
            float(np.linalg.norm(u.step)), float(np.abs(u.step).max()),
        ))
    return rows


def guarded_step(model, opt, x, label):
    """Try one update of a copy; keep it only if nothing explodes.

    Neither `model` nor `opt` is changed: the outcome carries a stepped
    copy of each when accepted, the originals when refused.
    """
    x = one(x)
    with np.errstate(all="ignore"):
        before = loss_of(model, x, label)
        trial, trial_opt = model.copy(), copy.deepcopy(opt)
        trial.loss(x, np.array([label]))
        updates = trial_opt.step(trial, report=True)
        after = loss_of(trial, x, label)

        finite = all(np.isfinite(p).all() for p in trial.params.values())
        steps = sum(float(np.sum(np.square(u.step, dtype=np.float64)))
                    for u in updates.values())
        weights = sum(float(np.sum(np.square(u.before, dtype=np.float64)))
                      for u in updates.values())
        ratio = float(np.sqrt(steps / weights))
        tensors = _tensor_steps(updates)

    reason = _refusal(before, after, ratio, finite)
    shown = {k: updates[k] for k in SHOWN}
    if reason is None:
        return StepOutcome(True, None, before, after, ratio, shown, tensors,
                           trial, trial_opt)
    return StepOutcome(False, reason, before, after, ratio, shown, tensors,
                       model, opt)


def new_optimizer(name, lr, model, sample_x, sample_labels):
    """'sgd', 'momentum' or 'sdlm' at learning rate lr, ready to step.

    SDLM first estimates each parameter's curvature h_kk on the first
    SDLM_SAMPLES sample digits, which sets its own step eta / (mu + h_kk).
    """
    opt = make_optimizer(name, lr)
    if name == "sdlm":
        n = SDLM_SAMPLES
        with np.errstate(all="ignore"):
            opt.estimate(model.copy(), sample_x[:n], np.asarray(sample_labels[:n]))
    return opt


def sdlm_rates(opt, name):
    """Each parameter's own step size eta / (mu + h_kk) for tensor `name`."""
    return opt.eta / (opt.mu + opt.hessian[name])


# several steps in a row


def fixed_digits(labels):
    """Indices of the first sample digit of each class 0-9: (10,)."""
    labels = np.asarray(labels)
    return np.array([int(np.flatnonzero(labels == d)[0]) for d in range(10)])


@dataclass
class RunLog:
    """Loss, penalties and predictions after each of several steps."""

    losses: list  # [float], loss on the chosen digit, step 0 = before
    penalties: list  # [(10,)] penalties of the chosen digit
    predictions: list  # [int] prediction for the chosen digit
    fixed: list  # [(n_fixed,) int] predictions for the fixed digits
    accepted: int = 0
    refused: StepOutcome | None = None  # the step that stopped the run


def _record(log, model, x, label, fixed_x):
    digits, y = model.predict(np.concatenate([one(x), fixed_x]))
    log.losses.append(map_loss(y[:1], np.array([label]))[0])
    log.penalties.append(np.array(y[0], np.float64))
    log.predictions.append(int(digits[0]))
    log.fixed.append(digits[1:].astype(int))


def run_steps(model, opt, x, label, n, fixed_x):
    """Up to n guarded steps; stops at the first refused one.

    fixed_x: (K, 1, 32, 32) other digits whose predictions are followed.
    Returns (RunLog, model, opt), the last two as after the last accepted
    step (the ones given, untouched, if none was).
    """
    log = RunLog([], [], [], [])
    with np.errstate(all="ignore"):
        _record(log, model, x, label, fixed_x)
    for _ in range(n):
        out = guarded_step(model, opt, x, label)
        if not out.accepted:
            log.refused = out
            break
        model, opt = out.model, out.opt
        log.accepted += 1
        with np.errstate(all="ignore"):
            _record(log, model, x, label, fixed_x)
    return log, model, opt


# the chain rule for one F6 weight, with its numbers


@dataclass(frozen=True)
class ChainRule:
    """dE/dw_ki = dE/dout_k * f'(a_k) * x_i for F6 unit k and input i.

    dE/dout_k itself is sum_c dE/dy_c * 2 (out_k - w_ck) over the ten RBF
    units c (w_ck their fixed centres).
    """

    unit: int
    inp: int
    dE_dy: np.ndarray  # (10,)
    out: float  # out_k = f(a_k)
    centres: np.ndarray  # (10,) w_ck
    dE_dout: float
    a: float
    slope: float  # f'(a_k)
    x: float  # x_i, C5 output i
    product: float  # the three factors multiplied
    engine: float  # the engine's dE/dw_ki from backward


def chain_rule_f6(bwd, unit, inp):
    """Write out one F6 weight's gradient from a BackwardResult.

    Uses the dE/dy the engine itself sent back (in the model's precision),
    so the product matches the engine's gradient to rounding.
    """
    f6 = next(t for t in bwd.traces if t.name == "f6")
    out = float(f6.output[0, unit])
    a = float(f6.weighted_sum[0, unit])
    x = float(np.ravel(f6.input[0])[inp])
    dy = np.asarray(bwd.layer("rbf").grad_output[0], np.float64)
    centres = paper.RBF_CENTRES[:, unit].astype(np.float64)
    dE_dout = float(np.sum(dy * 2 * (out - centres)))
    slope = float(squash_slope(np.float64(out)))
    engine = float(bwd.layer("f6").params["W"][unit, inp])
    return ChainRule(unit, inp, dy, out, centres, dE_dout, a, slope, x,
                     dE_dout * slope * x, engine)


# the gradient check


@dataclass(frozen=True)
class GradCheck:
    """The engine's gradient of one weight next to a finite difference."""

    name: str
    index: tuple
    value: float  # the weight
    analytic: float
    numeric: float  # (E(w + eps) - E(w - eps)) / (2 eps)
    eps: float
    rel_error: float  # |a - n| / max(|a| + |n|, 1e-12)


def largest_gradient(g):
    """Index of the element of gradient array g with the largest |value|."""
    g = np.asarray(g)
    return tuple(int(i) for i in np.unravel_index(np.abs(g).argmax(), g.shape))


def grad_check(model, x, label, name, index=None, eps=1e-5):
    """Centred finite difference for one weight, on a float64 copy.

    index: a tuple into model.params[name]; None picks the weight with the
    largest gradient (a tiny gradient makes the relative error meaningless).
    """
    m64 = model.astype(np.float64)
    x = one(x).astype(np.float64)
    m64.loss(x, np.array([label]))
    grads = m64.grads
    if index is None:
        index = largest_gradient(grads[name])
    index = tuple(index)
    analytic = float(grads[name][index])

    p = m64.params[name]
    w = float(p[index])
    p[index] = w + eps
    up = loss_of(m64, x, label)
    p[index] = w - eps
    down = loss_of(m64, x, label)
    p[index] = w
    numeric = (up - down) / (2 * eps)

    rel = abs(analytic - numeric) / max(abs(analytic) + abs(numeric), 1e-12)
    return GradCheck(name, index, w, analytic, numeric, eps, rel)


# tables of numbers for the page


def subsample_columns(updates, layer):
    """Per map of S2 or S4: coefficient and bias, before, gradient, step, after.

    updates: name -> ParamUpdate (or any object with before, grad, step,
    after; step and after may be None). Returns a dict of columns keyed
    'map', 'coef', 'coef_grad', 'coef_step', 'coef_after', 'b', 'b_grad',
    'b_step', 'b_after'; columns whose arrays are None are left out.
    """
    cols = {"map": list(range(len(updates[f"{layer}.coef"].before)))}
    for p in ("coef", "b"):
        u = updates[f"{layer}.{p}"]
        for suffix, v in (("", u.before), ("_grad", u.grad),
                          ("_step", u.step), ("_after", u.after)):
            if v is not None:
                cols[p + suffix] = [float(e) for e in np.ravel(v)]
    return cols


@dataclass(frozen=True)
class Gradients:
    """Parameters and their gradients in the shape of a ParamUpdate."""

    before: np.ndarray
    grad: np.ndarray
    step: None = None
    after: None = None


def gradients_of(model, bwd):
    """name -> Gradients(before, grad) for every parameter, from a backward."""
    out = {}
    for g in bwd.grads:
        for k, v in g.params.items():
            name = f"{g.name}.{k}"
            out[name] = Gradients(model.params[name], v)
    return out


def prediction_rows(log, fixed_labels, label):
    """One row per step: the predictions, a mark where a digit is wrong.

    fixed_labels: (K,) true labels of the fixed digits. Returns
    (chosen, [[str] * K] per step): 'd ✓' when right, 'd ✗' when wrong.
    """
    def mark(pred, true):
        return f"{pred} {'✓' if pred == true else '✗'}"

    chosen = [mark(p, label) for p in log.predictions]
    fixed = [[mark(int(p), int(t)) for p, t in zip(row, fixed_labels)]
             for row in log.fixed]
    return chosen, fixed


def digit_id(x):
    """A short name for a drawn digit's input, to notice a new drawing."""
    return "drawing-" + hashlib.sha1(np.ascontiguousarray(x).tobytes()).hexdigest()[:10]


def dy_columns(loss):
    """Per digit: its penalty y_i and the gradient dE/dy_i the loss sends back."""
    return {"digit": list(range(10)),
            "penalty": [float(v) for v in loss.penalties],
            "dy": [float(v) for v in loss.dy]}


def tensor_columns(tensors):
    """The [TensorStep] of an update as columns for a table."""
    return {"tensor": [s.name for s in tensors],
            "size": [s.size for s in tensors],
            "gnorm": [s.grad_norm for s in tensors],
            "rate_min": [s.rate_min for s in tensors],
            "rate_max": [s.rate_max for s in tensors],
            "snorm": [s.step_norm for s in tensors],
            "smax": [s.step_max for s in tensors]}


def rates_array(update):
    """A ParamUpdate's learning rate as an array of the parameter's shape."""
    return np.broadcast_to(np.asarray(update.rate, np.float64), update.step.shape)


def unflat(model, name, flat):
    """The index tuple of weight number `flat` in tensor `name`."""
    shape = model.params[name].shape
    return tuple(int(i) for i in np.unravel_index(flat, shape))


# formulas with their numbers, as LaTeX for st.latex


def _n(v, digits=4):
    """A number for LaTeX: 4 significant digits, powers of ten spelled out."""
    s = f"{v:.{digits}g}"
    if "e" in s:
        m, e = s.split("e")
        s = rf"{m} \times 10^{{{int(e)}}}"
    return s


def _p(v, digits=3):
    """A number for a sum: negative ones in parentheses."""
    return _n(v, digits) if v >= 0 else f"({_n(v, digits)})"


def _rows(terms, per_row=5):
    """Join terms with +, breaking an aligned formula every per_row terms."""
    lines = [" + ".join(terms[i:i + per_row])
             for i in range(0, len(terms), per_row)]
    return r" \\ &\qquad + ".join(lines)


def loss_latex(loss):
    """E = y_c + log(e^-j + sum e^-y_i), then the same with the numbers."""
    c = loss.label
    terms = [rf"e^{{-{_n(loss.j)}}}"] + [
        rf"e^{{-{_n(y)}}}" for y in loss.penalties]
    return (
        r"\begin{aligned} E &= y_{" + str(c) + r"} + \log\Big(e^{-j} + "
        r"\sum_{i=0}^{9} e^{-y_i}\Big) \\ &= " + _n(loss.y_correct)
        + r" + \log\big(" + _rows(terms, 4) + r"\big) \\ &= "
        + _n(loss.y_correct, 6) + " + (" + _n(loss.log_term, 6) + ") = "
        + _n(loss.value) + r"\end{aligned}"
    )


def chain_out_latex(rule):
    """dE/dout_k = sum_c dE/dy_c * 2 (out_k - w_ck), with the numbers."""
    k = rule.unit
    terms = [rf"{_p(d)} \cdot 2({_n(rule.out, 3)} - ({int(w):+d}))"
             for d, w in zip(rule.dE_dy, rule.centres)]
    return (
        r"\begin{aligned} \frac{\partial E}{\partial \mathrm{out}_{" + str(k)
        + r"}} &= \sum_{c=0}^{9} \frac{\partial E}{\partial y_c} \cdot 2"
        r"(\mathrm{out}_{" + str(k) + r"} - w_{c," + str(k) + r"}) \\ &= "
        + _rows(terms, 2) + r" \\ &= " + _n(rule.dE_dout) + r"\end{aligned}"
    )


def chain_latex(rule):
    """dE/dw_ki = dE/dout_k * f'(a_k) * x_i, with the numbers."""
    k, i = rule.unit, rule.inp
    return (
        r"\frac{\partial E}{\partial w_{" + f"{k},{i}" + r"}} = "
        r"\underbrace{\frac{\partial E}{\partial \mathrm{out}_{" + str(k)
        + r"}}}_{" + _n(rule.dE_dout) + r"} \cdot \underbrace{f'(a_{" + str(k)
        + r"})}_{" + _n(rule.slope) + r"} \cdot \underbrace{x_{" + str(i)
        + r"}}_{" + _n(rule.x) + r"} = " + _n(rule.product, 6)
        + r" \quad (a_{" + str(k) + r"} = " + _n(rule.a) + ")"
    )
