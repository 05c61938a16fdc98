"""Each layer against hand computation, a naive reference, and finite differences."""

import numpy as np
import pytest

from lenet import paper
from gradcheck import numeric_grad, rel_error
from lenet.layers import RBF, Conv, Full, Subsample, correlate, \
    correlate_backward, correlate_backward_batch, correlate_rows, squash


def naive_correlate(x, w):
    """Loops over every output pixel: slow, obviously right."""
    N, C, H, W = x.shape
    F, _, k, _ = w.shape
    out = np.zeros((N, F, H - k + 1, W - k + 1))
    for n in range(N):
        for f in range(F):
            for r in range(H - k + 1):
                for c in range(W - k + 1):
                    out[n, f, r, c] = (x[n, :, r:r + k, c:c + k] * w[f]).sum()
    return out


def check_layer_gradient(layer, x, dout, wrt):
    """Relative error of dE/d(wrt) for E = sum(layer(x) * dout)."""
    layer.forward(x)
    dx = layer.backward(dout)
    target = {"x": x, **layer.params}[wrt]
    analytic = {"x": dx, **layer.grads}[wrt]
    numeric = numeric_grad(lambda: (layer.forward(x) * dout).sum(), target)
    assert np.abs(analytic).max() > 0, "a zero gradient checks nothing"
    return rel_error(analytic, numeric)


def test_squash_values_and_extremes():
    a = np.array([-1000.0, -20.0, 0.0, 20.0, 1000.0])
    with np.errstate(all="raise"):
        out = squash(a)
    np.testing.assert_allclose(out, [-1.7159, -1.7159, 0, 1.7159, 1.7159],
                               atol=1e-9)
    # the paper's choice of A and S makes f(1) = 1 and f(-1) = -1
    np.testing.assert_allclose(squash(np.array([1.0, -1.0])), [1, -1],
                               atol=1e-4)


@pytest.mark.parametrize("shape, kshape", [
    ((2, 3, 7, 7), (4, 3, 2, 2)),
    ((1, 1, 32, 32), (6, 1, 5, 5)),
    ((3, 6, 14, 14), (16, 6, 5, 5)),
])
def test_correlate_matches_naive_loops(shape, kshape):
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal(shape), rng.standard_normal(kshape)
    fast, _ = correlate(x, w)

    assert fast.shape == naive_correlate(x, w).shape
    assert np.abs(fast - naive_correlate(x, w)).max() < 1e-12


@pytest.mark.parametrize("shape, kshape", [
    ((2, 3, 7, 9), (4, 3, 2, 2)),  # not square: rows and columns differ
    ((1, 1, 32, 32), (6, 1, 5, 5)),
    ((3, 6, 14, 14), (16, 6, 5, 5)),
])
def test_row_unfolding_matches_naive_loops_plus_bias(shape, kshape):
    rng = np.random.default_rng(1)
    x, w = rng.standard_normal(shape), rng.standard_normal(kshape)
    b = rng.standard_normal(kshape[0])
    fast = correlate_rows(x, w, b)

    expected = naive_correlate(x, w) + b[:, None, None]
    assert fast.shape == expected.shape
    assert np.abs(fast - expected).max() < 1e-12


def test_reference_sees_a_flipped_kernel():
    # the comparison above would catch convolution in place of correlation
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 3, 7, 7))
    w = np.array([[1.0, 2.0], [3.0, 4.0]])[None, None].repeat(3, axis=1)
    fast, _ = correlate(x, w[:, :, ::-1, ::-1].copy())

    assert np.abs(fast - naive_correlate(x, w)).max() > 1e-3


@pytest.mark.parametrize("x_shape, w_shape", [
    ((3, 6, 14, 14), (16, 6, 5, 5)),  # C3
    ((2, 1, 32, 32), (6, 1, 5, 5)),  # C1
    ((2, 2, 9, 7), (3, 2, 3, 3)),  # not square, odd, another kernel size
])
def test_both_backward_algorithms_agree(x_shape, w_shape):
    rng = np.random.default_rng(6)
    x = rng.standard_normal(x_shape)
    w = rng.standard_normal(w_shape)
    out, _ = correlate(x, w)
    dout = rng.standard_normal(out.shape)
    _, cols = correlate(x, w)
    dw, dx = correlate_backward(cols, w, dout)
    dw2, dx2 = correlate_backward_batch(cols, w, dout, x.shape)

    np.testing.assert_allclose(dw2, dw, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dx2, dx, rtol=1e-12, atol=1e-12)


def test_correlate_backward_is_the_adjoint():
    # <correlate(x, w), y> = <x, dx(y)> for any y: dx is the exact transpose
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 6, 14, 14))
    w = rng.standard_normal((16, 6, 5, 5))
    y = rng.standard_normal((2, 16, 10, 10))
    out, cols = correlate(x, w)
    _, dx = correlate_backward(cols, w, y)

    assert abs((out * y).sum() - (x * dx).sum()) < 1e-10


@pytest.mark.parametrize("batch", [1, 2])  # one digit and batches differ
@pytest.mark.parametrize("wrt", ["x", "W", "b"])
def test_conv_gradients(wrt, batch):
    rng = np.random.default_rng(2)
    layer = Conv("c", 3, 4, 2, rng, dtype=np.float64)
    layer.params["W"][0, 0] = [[1, 2], [3, 4]]  # non-symmetric kernel
    layer.params["b"][:] = rng.standard_normal(4)
    x = rng.standard_normal((batch, 3, 6, 6))
    dout = rng.standard_normal((batch, 4, 5, 5))

    err = check_layer_gradient(layer, x, dout, wrt)
    assert err < 1e-7, f"relative error {err:.2e}"


def test_subsample_hand_cases():
    rng = np.random.default_rng(0)
    layer = Subsample("s", 1, rng, dtype=np.float64)

    # coefficient x (sum of the 2x2 block) + bias, then squashing
    layer.params["coef"][:] = 0.5
    layer.params["b"][:] = 0.1
    layer.forward(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]))
    assert layer.a[0, 0, 0, 0] == pytest.approx(5.1)
    assert layer.out[0, 0, 0, 0] == pytest.approx(1.71208, abs=1e-5)

    # a max pooling would give 4 here, a sum times 0.25 gives 1
    layer.params["coef"][:] = 0.25
    layer.params["b"][:] = 0.0
    layer.forward(np.array([[[[0.0, 0.0], [0.0, 4.0]]]]))
    assert layer.a[0, 0, 0, 0] == pytest.approx(1.0)


@pytest.mark.parametrize("wrt", ["x", "coef", "b"])
def test_subsample_gradients(wrt):
    rng = np.random.default_rng(3)
    layer = Subsample("s", 3, rng, dtype=np.float64)
    layer.params["b"][:] = rng.standard_normal(3)
    x = rng.standard_normal((2, 3, 6, 6))
    dout = rng.standard_normal((2, 3, 3, 3))

    err = check_layer_gradient(layer, x, dout, wrt)
    assert err < 1e-7, f"relative error {err:.2e}"


def test_subsample_odd_size_drops_the_last_row_and_column():
    layer = Subsample("s", 1, np.random.default_rng(0), dtype=np.float64)
    x = np.arange(49.0).reshape(1, 1, 7, 7)
    out = layer.forward(x)
    dx = layer.backward(np.ones_like(out))

    assert out.shape == (1, 1, 3, 3)
    assert layer.sums[0, 0, 2, 2] == 32 + 33 + 39 + 40
    assert dx.shape == x.shape
    assert (dx[0, 0, 6] == 0).all() and (dx[0, 0, :, 6] == 0).all()


@pytest.mark.parametrize("wrt", ["x", "W", "b"])
def test_full_gradients(wrt):
    rng = np.random.default_rng(4)
    layer = Full("f", 12, 5, rng, dtype=np.float64)
    layer.params["b"][:] = rng.standard_normal(5)
    x = rng.standard_normal((3, 12))
    dout = rng.standard_normal((3, 5))

    err = check_layer_gradient(layer, x, dout, wrt)
    assert err < 1e-7, f"relative error {err:.2e}"


def test_rbf_gradient():
    rng = np.random.default_rng(5)
    layer = RBF(dtype=np.float64)
    x = rng.standard_normal((2, 84))
    dout = rng.standard_normal((2, 10))

    layer.forward(x)
    dx = layer.backward(dout)
    numeric = numeric_grad(lambda: (layer.forward(x) * dout).sum(), x)

    err = rel_error(dx, numeric)
    assert err < 1e-7, f"relative error {err:.2e}"


@pytest.mark.parametrize("digit", range(10))
def test_rbf_penalty_is_zero_at_its_own_bitmap(digit):
    layer = RBF(dtype=np.float64)
    centre = paper.RBF_CENTRES[digit]

    y = layer.forward(centre[None])
    assert y[0, digit] == 0
    assert y[0].argmin() == digit

    # a uniform shift of every component keeps the same winner
    assert layer.forward(centre[None] + 0.1)[0].argmin() == digit


def test_rbf_centres_are_the_fixed_bitmaps():
    assert paper.RBF_CENTRES.shape == (10, 84)
    assert set(np.unique(paper.RBF_CENTRES)) == {-1.0, 1.0}
    assert not paper.RBF_CENTRES.flags.writeable
