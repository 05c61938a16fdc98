"""What the layer pages compute: receptive fields, written-out units, C3 facts.

The receptive fields are checked by behaviour: a pixel inside the field
must be able to change the unit, a pixel outside must not. The written-out
computations are checked against the engine's own trace.
"""

import numpy as np
import pytest

from labui import layers_view as lv
from labui.i18n import text
from lenet import ASSETS, LeNet5, load_shipped, paper
from lenet.preprocess import to_network_input

# (layer, map, row, col, expected (top, left, height, width))
FIELDS = [
    ("c1", 2, 3, 7, (3, 7, 5, 5)),
    ("s2", 1, 4, 6, (8, 12, 6, 6)),
    ("c3", 15, 2, 5, (4, 10, 14, 14)),
    ("s4", 6, 1, 3, (4, 12, 16, 16)),
    ("c5", 7, 0, 0, (0, 0, 32, 32)),
    ("f6", 11, 0, 0, (0, 0, 32, 32)),
]


@pytest.fixture(scope="module")
def model():
    # float64, so a pixel's influence is never lost to rounding
    return LeNet5(seed=3, dtype=np.float64)


@pytest.fixture(scope="module")
def digit():
    rng = np.random.default_rng(0)
    return rng.uniform(-0.1, 1.175, (32, 32))


def unit_value(model, x, name, m, row, col):
    _, records = model.forward(x, trace=True)
    a = lv.trace_by_name(records)[name].weighted_sum[0]
    return a[m] if a.ndim == 1 else a[m, row, col]


@pytest.mark.parametrize("name, m, row, col, expected", FIELDS)
def test_receptive_field_formula(model, name, m, row, col, expected):
    assert lv.receptive_field(model, name, row, col) == expected


@pytest.mark.parametrize("name, m, row, col, expected", FIELDS)
def test_receptive_field_by_perturbing_pixels(model, digit, name, m, row, col,
                                               expected):
    top, left, h, w = lv.receptive_field(model, name, row, col)
    base = unit_value(model, digit, name, m, row, col)

    inside = [(top, left), (top + h - 1, left + w - 1),
              (top + h // 2, left + w // 2)]
    outside = [(top - 1, left), (top, left + w), (top + h, left + w - 1),
               (top + h // 2, left - 1)]
    for r, c in inside:
        x = digit.copy()
        x[r, c] += 1.0
        changed = unit_value(model, x, name, m, row, col)
        assert changed != base, f"{name}: pixel ({r}, {c}) is in the field"
    for r, c in outside:
        if not (0 <= r < 32 and 0 <= c < 32):
            continue
        x = digit.copy()
        x[r, c] += 1.0
        same = unit_value(model, x, name, m, row, col)
        assert same == base, f"{name}: pixel ({r}, {c}) is outside the field"


def test_every_outside_pixel_of_a_c3_unit_is_inert(model, digit):
    """The whole field, not just its corners: all 32x32 pixels, one C3 unit."""
    top, left, h, w = lv.receptive_field(model, "c3", 3, 4)
    # backpropagating from that one unit gives d(unit)/d(pixel) everywhere
    model.forward(digit)
    c3 = model.layer("c3")
    dout = np.zeros_like(c3.out)
    dout[0, 9, 3, 4] = 1.0
    d = c3.backward(dout)
    d = model.layer("s2").backward(d)
    d = model.layer("c1").backward(d)  # (1, 1, 32, 32)
    mask = np.zeros((32, 32), bool)
    mask[top:top + h, left:left + w] = True
    assert np.all(d[0, 0][~mask] == 0)
    assert np.count_nonzero(d[0, 0][mask]) > 0.9 * h * w


@pytest.fixture(scope="module")
def shipped_traces():
    """The shipped float32 model and its trace of one MNIST sample."""
    shipped, _ = load_shipped()
    with np.load(ASSETS / "mnist_sample.npz", allow_pickle=False) as f:
        x = to_network_input(f["images"][1:2])[0, 0]  # (32, 32)
    _, records = shipped.forward(x, trace=True)
    return shipped, lv.trace_by_name(records)


UNITS = [("c1", 0, 0, 0), ("c1", 5, 13, 20), ("s2", 3, 7, 2), ("s2", 0, 13, 13),
         ("c3", 0, 4, 4), ("c3", 13, 9, 0), ("c3", 15, 5, 6), ("s4", 9, 2, 3),
         ("s4", 15, 4, 4), ("c5", 0, 0, 0), ("c5", 119, 0, 0), ("f6", 42, 0, 0),
         ("f6", 83, 0, 0)]


@pytest.mark.parametrize("name, m, row, col", UNITS)
def test_written_out_unit_equals_the_engine(shipped_traces, name, m, row, col):
    model, traces = shipped_traces
    unit = lv.unit_computation(model, traces, name, m, row, col)
    a_engine = traces[name].weighted_sum[0]
    f_engine = traces[name].output[0]
    a_engine = a_engine[m] if a_engine.ndim == 1 else a_engine[m, row, col]
    f_engine = f_engine[m] if f_engine.ndim == 1 else f_engine[m, row, col]
    assert abs(unit.a - a_engine) < 1e-5 * max(1.0, abs(unit.a))
    assert abs(unit.f - f_engine) < 1e-5
    assert lv.agrees(unit)


@pytest.mark.parametrize("name, n_terms, n_inputs", [
    ("c1", 1, 25), ("s2", 1, 4), ("c3", 6, 150), ("s4", 1, 4), ("c5", 16, 400),
    ("f6", 1, 120)])
def test_written_out_unit_reads_the_right_inputs(shipped_traces, name, n_terms,
                                                 n_inputs):
    model, traces = shipped_traces
    m = 15 if name == "c3" else 0
    unit = lv.unit_computation(model, traces, name, m, 0, 0)
    assert len(unit.terms) == n_terms
    assert sum(term.inputs.size for term in unit.terms) == n_inputs


def test_subsampling_unit_is_coefficient_times_block_sum(shipped_traces):
    model, traces = shipped_traces
    unit = lv.unit_computation(model, traces, "s2", 2, 5, 6)
    block = traces["s2"].input[0, 2, 10:12, 12:14]
    coef, b = model.params["s2.coef"][2], model.params["s2.b"][2]
    assert unit.a == pytest.approx(coef * block.sum() + b, abs=1e-5)


def test_a_wrong_weight_is_caught(shipped_traces):
    """agrees() can fail: change one weight after the forward pass."""
    model, traces = shipped_traces
    twin = model.copy()
    twin.params["c1.W"][0, 0, 2, 2] += 0.5
    unit = lv.unit_computation(twin, traces, "c1", 0, 10, 10)
    assert not lv.agrees(unit)


def test_formula_shows_the_numbers(shipped_traces):
    model, traces = shipped_traces
    unit = lv.unit_computation(model, traces, "c3", 0, 2, 2)
    line = lv.formula(unit, lambda k, **v: text(k, "en", **v))
    assert "S2 maps 0, 1, 2" in line
    assert f"{unit.a:.4f}" in line and f"{unit.f:.4f}" in line


def test_c3_inputs():
    assert lv.c3_inputs(0) == [0, 1, 2]
    assert lv.c3_inputs(15) == [0, 1, 2, 3, 4, 5]
    assert lv.c3_inputs(4) == [0, 4, 5]
    assert sum(len(lv.c3_inputs(m)) for m in range(16)) == 60


def test_c3_kernels_are_the_wired_ones():
    model = LeNet5(seed=1)
    k = lv.c3_kernels(model, 12)  # reads S2 0, 1, 3, 4
    dense = model.layer("c3").dense_weights()
    assert k.shape == (4, 5, 5)
    np.testing.assert_array_equal(k[2], dense[12, 3])
    assert np.all(k != 0)


def test_c3_groups_and_costs():
    assert lv.c3_groups() == [(0, 5, 3, True), (6, 11, 4, True),
                              (12, 14, 4, False), (15, 15, 6, True)]
    cost = lv.c3_costs()
    assert (cost["links"], cost["full_links"]) == (60, 96)
    assert (cost["params"], cost["full_params"]) == (1516, 2416)
    assert cost["connections"] == 151600
    # a full table is the fully connected layer
    full = lv.c3_costs(np.ones_like(paper.C3_TABLE))
    assert full["params"] == full["full_params"] == 2416


def test_saturation_flags():
    maps = np.zeros((3, 4, 4))
    maps[1] = 1.7          # every unit saturated
    maps[2, :2] = -1.65    # exactly half: not more than half
    maps[2, 2, 0] = 1.64   # one more unit, 9 of 16
    np.testing.assert_allclose(lv.saturation(maps), [0, 1, 9 / 16])
    assert lv.flagged_maps(maps) == [1, 2]
    maps[2, 2, 0] = 1.6    # below 0.95 A = 1.630: back to half
    assert lv.flagged_maps(maps) == [1]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_summary_rows_add_up(lang):
    rows, (params, conns) = lv.summary_rows(lambda k, **v: text(k, lang, **v))
    assert (params, conns) == (60000, 340908)
    by = {r["layer"]: r for r in rows}
    assert by["C3"]["params"] == "1,516" and by["C1"]["connections"] == "122,304"
    assert by["S2"]["params"] == "12" and by["RBF"]["params"] == "0"
    frame = lv.summary_frame(rows, (params, conns),
                             lambda k, **v: text(k, lang, **v))
    assert list(frame[-1].values())[2:5:2] == ["60,000", "340,908"]


def test_tile_places_maps_and_gaps():
    maps = np.arange(3 * 2 * 2, dtype=float).reshape(3, 2, 2)
    grid, index = lv.tile(maps, 2)
    assert grid.shape == (5, 5)
    np.testing.assert_array_equal(grid[3:5, 0:2], maps[2])
    assert np.isnan(grid[2]).all() and np.isnan(grid[:, 2]).all()
    assert np.isnan(grid[3:, 3:]).all()  # no fourth map
    assert tuple(index[4, 1]) == (2, 1, 1)
    grid, _ = lv.tile(maps, 2, row_gap=3)  # room for labels between rows
    assert grid.shape == (7, 5)
    np.testing.assert_array_equal(grid[5:7, 0:2], maps[2])
