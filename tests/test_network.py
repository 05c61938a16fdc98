"""The whole network: counts, wiring, initialisation, losses, gradients."""

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from gradcheck import rel_error
from lenet import paper
from lenet.losses import map_loss, ml_loss
from lenet.network import LeNet5

ROOT = Path(__file__).resolve().parent.parent

PAPER_COUNTS = {  # LeCun et al. 1998, pp. 7-8
    "C1": (156, 122_304), "S2": (12, 5_880), "C3": (1_516, 151_600),
    "S4": (32, 2_000), "C5": (48_120, 48_120), "F6": (10_164, 10_164),
    "RBF": (0, 840),
}


def random_input(n, seed=0, dtype=np.float64):
    rng = np.random.default_rng(seed)
    return rng.uniform(paper.BACKGROUND, paper.INK, (n, 1, 32, 32)).astype(dtype)


def test_summary_command_prints_the_papers_counts():
    out = subprocess.run([sys.executable, "-m", "lenet", "summary", "--json"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    summary = json.loads(out.stdout)
    counts = {r["name"]: (r["params"], r["connections"])
              for r in summary["layers"]}

    assert counts == PAPER_COUNTS
    assert summary["total_params"] == 60_000
    assert summary["total_connections"] == 340_908


def test_trainable_arrays_add_up_to_60000():
    model = LeNet5()
    sizes = {k: v.size for k, v in model.params.items()}

    assert sizes["c3.W"] == 60 * 25  # 60 kernels, not a dense 6 -> 16
    assert sizes["s2.coef"] + sizes["s2.b"] == 12
    assert sizes["s4.coef"] + sizes["s4.b"] == 32
    assert sum(sizes.values()) == 60_000


def test_output_shapes_of_every_layer():
    _, trace = LeNet5().forward(random_input(2), trace=True)
    shapes = {t.name: t.output.shape for t in trace}

    assert shapes == {
        "c1": (2, 6, 28, 28), "s2": (2, 6, 14, 14), "c3": (2, 16, 10, 10),
        "s4": (2, 16, 5, 5), "c5": (2, 120, 1, 1), "f6": (2, 84),
        "rbf": (2, 10),
    }


@pytest.mark.parametrize("s2_map", range(6))
def test_c3_wiring_by_behaviour(s2_map):
    # change one S2 map: exactly the C3 maps Table I wires to it change
    model = LeNet5(seed=1, dtype=np.float64)
    c3 = model.layer("c3")
    rng = np.random.default_rng(0)
    s2 = rng.standard_normal((1, 6, 14, 14))
    before = c3.forward(s2).copy()
    s2[0, s2_map] += rng.standard_normal((14, 14))
    after = c3.forward(s2)

    changed = np.abs(after - before).reshape(16, -1).max(axis=1) > 0
    np.testing.assert_array_equal(changed, paper.C3_TABLE[s2_map])


def test_c3_gradient_reaches_only_wired_s2_maps():
    model = LeNet5(seed=1, dtype=np.float64)
    c3 = model.layer("c3")
    s2 = np.random.default_rng(0).standard_normal((1, 6, 14, 14))
    c3.forward(s2)
    for c3_map in range(16):
        dout = np.zeros((1, 16, 10, 10))
        dout[0, c3_map] = 1.0
        dx = c3.backward(dout)

        reached = np.abs(dx[0]).reshape(6, -1).max(axis=1) > 0
        np.testing.assert_array_equal(reached, paper.C3_TABLE[:, c3_map])


def test_initialisation_uses_each_units_real_fan_in():
    model = LeNet5(seed=0, dtype=np.float64)
    c3 = model.layer("c3")
    inputs_per_map = paper.C3_TABLE.sum(axis=0)

    assert model.layer("c1").fan_in.tolist() == [25] * 6
    assert sorted(set(c3.fan_in.tolist())) == [75, 100, 150]
    np.testing.assert_array_equal(c3.fan_in, 25 * inputs_per_map)
    assert model.layer("s2").fan_in == 4
    assert model.layer("c5").fan_in == 400
    assert model.layer("f6").fan_in == 120

    # every C3 kernel lies within +-2.4 / (its map's fan-in)
    bound = 2.4 / c3.fan_in[c3.links[0]]
    assert (np.abs(c3.params["W"]).max(axis=(1, 2)) <= bound).all()
    # and the bound is reached: the weights are not all tiny
    assert (np.abs(c3.params["W"]).max(axis=(1, 2)) > 0.5 * bound).all()


def test_seed_makes_initialisation_repeatable():
    a, b, c = LeNet5(seed=7), LeNet5(seed=7), LeNet5(seed=8)
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
    assert any((a.params[k] != c.params[k]).any() for k in a.params)


def test_f6_equal_to_a_bitmap_gives_penalty_zero():
    model = LeNet5()
    rbf = model.layer("rbf")
    y = rbf.forward(paper.RBF_CENTRES.astype(np.float32))

    np.testing.assert_array_equal(np.diag(y), 0)
    np.testing.assert_array_equal(y.argmin(axis=1), np.arange(10))


def test_losses_stay_finite_for_huge_penalties():
    y = np.arange(1000.0, 1010.0)[None]
    with np.errstate(all="raise"):
        loss, dy = map_loss(y, np.array([0]))
    assert np.isfinite(loss) and np.isfinite(dy).all()
    # with every penalty far above j the log term is -j: loss = y_0 - j
    assert loss == pytest.approx(1000.0 - paper.MAP_J)


def test_network_stays_warning_free_for_huge_inputs():
    model = LeNet5(dtype=np.float64)
    x = np.full((1, 1, 32, 32), 1e6)
    with np.errstate(all="raise"):
        y = model.forward(x)
        loss, dy = map_loss(y, np.array([3]))
        model.backward(dy, input_grad=True)
    assert np.isfinite(y).all() and np.isfinite(loss)


@pytest.mark.parametrize("loss_fn", [map_loss, ml_loss], ids=["map", "ml"])
def test_loss_gradient_against_finite_differences(loss_fn):
    rng = np.random.default_rng(0)
    y = rng.uniform(0, 40, (3, 10))
    labels = np.array([1, 5, 9])
    _, dy = loss_fn(y, labels)
    num = np.zeros_like(y)
    for i in np.ndindex(y.shape):
        y[i] += 1e-6
        lp, _ = loss_fn(y, labels)
        y[i] -= 2e-6
        lm, _ = loss_fn(y, labels)
        y[i] += 1e-6
        num[i] = (lp - lm) / 2e-6

    err = rel_error(dy, num)
    assert err < 1e-7, f"relative error {err:.2e}"


def _whole_network_check(model, x, labels, loss_fn, name, n_probe=12, h=1e-4):
    """Relative error between analytic and centred-difference gradients of
    the loss for n_probe entries of parameter `name` (or 'input')."""
    y = model.forward(x)
    _, dy = loss_fn(y, labels)
    dx = model.backward(dy, input_grad=True)
    target = x if name == "input" else model.params[name]
    analytic = dx if name == "input" else model.grads[name]

    rng = np.random.default_rng(1)
    idx = [tuple(rng.integers(0, s) for s in target.shape)
           for _ in range(n_probe)]
    a, n = [], []
    for i in idx:
        old = target[i]
        target[i] = old + h
        lp, _ = loss_fn(model.forward(x), labels)
        target[i] = old - h
        lm, _ = loss_fn(model.forward(x), labels)
        target[i] = old
        a.append(analytic[i])
        n.append((lp - lm) / (2 * h))
    return rel_error(np.array(a), np.array(n))


@pytest.mark.parametrize("name", [
    "c1.W", "c1.b", "s2.coef", "s2.b", "c3.W", "c3.b", "s4.coef", "s4.b",
    "c5.W", "c5.b", "f6.W", "f6.b", "input",
])
@pytest.mark.parametrize("loss_fn", [map_loss, ml_loss], ids=["map", "ml"])
def test_whole_network_gradient(name, loss_fn):
    model = LeNet5(seed=3, dtype=np.float64)
    # nonzero biases, so their gradients are exercised away from zero
    for layer in model.layers:
        if "b" in layer.params:
            layer.params["b"][:] = np.random.default_rng(4).uniform(
                -0.2, 0.2, layer.params["b"].shape)
    err = _whole_network_check(model, random_input(2), np.array([3, 8]),
                               loss_fn, name)
    assert err < 1e-6, f"{name}: relative error {err:.2e}"


def test_copy_is_exact_and_independent():
    model = LeNet5(seed=2)
    twin = model.copy()
    for k, v in model.params.items():
        np.testing.assert_array_equal(v, twin.params[k])
        assert not np.shares_memory(v, twin.params[k])

    twin.params["c1.W"][0, 0, 0, 0] += 1.0
    assert model.params["c1.W"][0, 0, 0, 0] != twin.params["c1.W"][0, 0, 0, 0]


def test_frozen_model_refuses_in_place_changes():
    model = LeNet5().freeze()
    with pytest.raises(ValueError):
        model.params["c1.W"][0, 0, 0, 0] = 1.0
    # its copies are writable again
    model.copy().params["c1.W"][0, 0, 0, 0] = 1.0


def test_input_shapes_accepted_and_refused():
    model = LeNet5()
    x = random_input(1, dtype=np.float32)
    ref = model.forward(x)
    np.testing.assert_array_equal(model.forward(x[0, 0]), ref)
    np.testing.assert_array_equal(model.forward(x[:, 0]), ref)
    with pytest.raises(ValueError, match=r"\(32, 32\).*got \(28, 28\)"):
        model.forward(np.zeros((28, 28)))


def test_trace_records_what_each_layer_saw():
    model = LeNet5(dtype=np.float64)
    x = random_input(1)
    y, trace = model.forward(x, trace=True)

    np.testing.assert_array_equal(trace[0].input, x)
    for prev, nxt in zip(trace, trace[1:]):
        assert nxt.input is prev.output
    for t in trace[:-1]:
        np.testing.assert_allclose(t.output, 1.7159 * np.tanh(2 / 3 * t.weighted_sum))
    assert trace[-1].output is y

    _, dy = map_loss(y, np.array([4]))
    dx, grads = model.backward(dy, trace=True, input_grad=True)
    assert [g.name for g in grads] == [t.name for t in trace]
    for g, nxt in zip(grads, grads[1:]):
        np.testing.assert_array_equal(g.grad_input is not None, True)
        np.testing.assert_allclose(g.grad_output, nxt.grad_input.reshape(
            g.grad_output.shape))
    assert grads[0].grad_input is dx


def test_predict_in_chunks_matches_one_image_at_a_time():
    # 70 images: two full chunks and a short one
    from lenet.network import CHUNK
    rng = np.random.default_rng(3)
    x = rng.uniform(-0.1, 1.175, (2 * CHUNK + 6, 1, 32, 32))
    model = LeNet5(seed=2)
    digits, penalties = model.predict(x)
    alone = np.concatenate([model.forward(x[i:i + 1]) for i in range(len(x))])

    np.testing.assert_allclose(penalties, alone, rtol=1e-5, atol=1e-5)
    assert penalties.shape == (len(x), 10)
    assert (digits == alone.argmin(axis=1)).all()


def test_predict_leaves_a_shared_model_untouched():
    # predict() keeps nothing on the model: threads can share one model
    rng = np.random.default_rng(4)
    x = rng.uniform(-0.1, 1.175, (40, 1, 32, 32))
    model = LeNet5(seed=2).freeze()
    before = dict(vars(model.layer("c3")))
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(model.predict, [x, x[::-1]]))

    assert vars(model.layer("c3")).keys() == before.keys()
    np.testing.assert_allclose(runs[0][1], runs[1][1][::-1], rtol=1e-5)
    with pytest.raises(ValueError, match="keep"):
        model.forward(x, trace=True, keep=False)


def test_a_new_forward_pass_replaces_what_the_last_one_kept():
    rng = np.random.default_rng(5)
    model = LeNet5(seed=2)
    model.loss(rng.uniform(-0.1, 1.175, (3, 1, 32, 32)), [1, 2, 3])
    x = rng.uniform(-0.1, 1.175, (2, 1, 32, 32))
    model.forward(x)

    c1 = model.layer("c1")
    assert c1.x.shape == (2, 1, 32, 32) and c1.cols.shape[0] == 2
    # the gradients of the last step stay for the optimiser; the backward
    # arrays that belonged to the older pass are gone
    assert model.grads and not hasattr(c1, "dout")


def test_bench_command_prints_exactly_its_keys():
    # the figures are for people to read; here only their names and sanity
    out = subprocess.run([sys.executable, "-m", "lenet", "bench", "--json",
                          "--repeats", "1"], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    figures = json.loads(out.stdout)

    assert set(figures) == {"forward1_ms", "forward256_img_s", "train32_img_s",
                            "train1_img_s", "train_sdlm_img_s"}
    assert all(v > 0 for v in figures.values())
