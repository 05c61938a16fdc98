"""What the layer pages show, computed from the engine's own trace.

Plain Python (no streamlit): the pages call these and draw the results.

    traces = trace_by_name(model.forward(x, trace=True)[1])
    top, left, h, w = receptive_field(model, "c3", r, c)
    unit = unit_computation(model, traces, "c3", m, r, c)   # unit.a == trace a
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from lenet import paper
from lenet.layers import RBF, Conv, Full, Subsample
from lenet.network import INPUT_SHAPE, LeNet5
from lenet.summary import summarize

MAP_LAYERS = ("c1", "s2", "c3", "s4")  # layers whose outputs are images
VECTOR_LAYERS = ("c5", "f6")  # layers whose outputs are vectors
UNIT_LAYERS = MAP_LAYERS + VECTOR_LAYERS
# (layer, maps per row, figure height) of the feature-map pictures
MAP_VIEWS = (("c1", 3, 400), ("s2", 3, 330), ("c3", 8, 270), ("s4", 8, 200))
# the layer each layer reads from, as learners see it named (None: the input)
SOURCE_LAYER = {"c1": None, "s2": "C1", "c3": "S2", "s4": "C3",
                "c5": "S4", "f6": "C5"}
SOURCES = ("drawing", "sample", "upload")  # where a Digit can come from
SATURATED = 0.95 * paper.A  # |f| above this counts as saturated
FLAG_FRACTION = 0.5  # a map is flagged when more of its units are saturated


def trace_by_name(records):
    """{layer name: LayerTrace} from the list forward(trace=True) returns."""
    return {r.name: r for r in records}


def output_maps(traces, name):
    """The first image's output of layer `name` as (maps, H, W).

    C5 (120, 1, 1) and F6 (84,) come out as (120, 1, 1) and (84, 1, 1).
    """
    out = traces[name].output[0]
    return out[:, None, None] if out.ndim == 1 else out


def layer_shape(traces, name):
    """(maps, H, W) of layer `name`'s output (H = W = 1 for C5 and F6)."""
    return output_maps(traces, name).shape


def saturation(maps):
    """Fraction of saturated units (|f| > 0.95 A) per map.

    maps: (C, H, W) or (C,) squashed outputs -> (C,) fractions in [0, 1].
    """
    maps = np.asarray(maps)
    flat = np.abs(maps.reshape(len(maps), -1))
    return (flat > SATURATED).mean(axis=1)


def flagged_maps(maps):
    """Indices of the maps with more than half their units saturated."""
    return [int(i) for i in np.flatnonzero(saturation(maps) > FLAG_FRACTION)]


def map_labels(n, flagged):
    """Labels above n maps: the index, with a warning sign when flagged."""
    return [f"{i} ⚠" if i in flagged else str(i) for i in range(n)]


def subsample_params(model):
    """{'s2': (coef (6,), bias (6,)), 's4': (coef (16,), bias (16,))}."""
    return {n: (model.params[f"{n}.coef"], model.params[f"{n}.b"])
            for n in ("s2", "s4")}


# receptive fields

def _spatial_sizes(model):
    """{layer name: input side} for a 32x32 image, walking forward."""
    side, sizes = INPUT_SHAPE[1], {}
    for layer in model.layers:
        sizes[layer.name] = side
        if isinstance(layer, Conv):
            side = side - layer.k + 1
        elif isinstance(layer, Subsample):
            side = side // 2
        else:
            side = 1
    return sizes


def receptive_field(model, name, row, col):
    """The square of the 32x32 input that can change unit (row, col) of `name`.

    Walks back from the unit: a k x k convolution widens a span of rows
    [r0, r1] to [r0, r1 + k - 1], a 2x2 sub-sampling maps it to
    [2 r0, 2 r1 + 1], a full layer reads its whole input.
    Returns (top, left, height, width) in input pixels.
    """
    sizes = _spatial_sizes(model)
    names = [layer.name for layer in model.layers]
    r0, r1, c0, c1 = row, row, col, col
    for layer in reversed(model.layers[: names.index(name) + 1]):
        if isinstance(layer, Conv):
            r1, c1 = r1 + layer.k - 1, c1 + layer.k - 1
        elif isinstance(layer, Subsample):
            r0, r1, c0, c1 = 2 * r0, 2 * r1 + 1, 2 * c0, 2 * c1 + 1
        elif isinstance(layer, Full):
            side = sizes[layer.name]
            r0, r1, c0, c1 = 0, side - 1, 0, side - 1
        else:
            raise ValueError(f"{name}: no receptive field for an RBF unit")
    return r0, c0, r1 - r0 + 1, c1 - c0 + 1


# one unit's computation, written out

@dataclass(frozen=True)
class Term:
    """One input map's share of a unit's weighted sum.

    source: index of the input map (or 0 for F6's single input vector).
    inputs: the values the unit reads from it, e.g. (5, 5) or (2, 2).
    weights: the matching weights, same shape (None for sub-sampling).
    partial: sum(weights * inputs), or the plain sum for sub-sampling.
    """

    source: int
    inputs: np.ndarray
    weights: np.ndarray | None
    partial: float


@dataclass(frozen=True)
class UnitComputation:
    """a = sum of the terms' partials (times coef) + bias; f = A tanh(S a).

    a and f are recomputed here in float64 from the weights and the traced
    inputs; trace_a and trace_f are what the engine itself produced.
    """

    layer: str
    map: int
    row: int
    col: int
    kind: str  # "conv", "subsample" or "full"
    terms: list
    coef: float | None  # sub-sampling coefficient, else None
    bias: float
    total: float  # sum of the partials
    a: float
    f: float
    trace_a: float
    trace_f: float


def _f64(a):
    return np.asarray(a, dtype=np.float64)


def _squash(a):
    return float(paper.A * np.tanh(paper.S * a))


def unit_computation(model, traces, name, m, row=0, col=0):
    """Recompute unit (m, row, col) of layer `name` from its inputs.

    traces: {name: LayerTrace} of one image. For C5 and F6 row = col = 0.
    """
    layer, tr = model.layer(name), traces[name]
    x = _f64(tr.input[0])
    coef = None
    if isinstance(layer, Conv):
        k = layer.k
        dense = _f64(layer.dense_weights())  # (F, C, k, k)
        sources = np.flatnonzero(layer.table[:, m])
        terms = [_conv_term(x[s, row:row + k, col:col + k], dense[m, s], s)
                 for s in sources]
        kind = "conv"
    elif isinstance(layer, Subsample):
        block = x[m, 2 * row:2 * row + 2, 2 * col:2 * col + 2]
        terms = [Term(int(m), block, None, float(block.sum()))]
        coef = float(layer.params["coef"][m])
        kind = "subsample"
    elif isinstance(layer, Full):
        w = _f64(layer.params["W"][m])
        if layer.in_shape is not None:  # C5: one 5x5 kernel per S4 map
            terms = [_conv_term(x[s], w[s], s) for s in range(len(w))]
        else:  # F6: one weight per C5 unit
            terms = [_conv_term(x.reshape(-1), w, 0)]
        kind = "full"
    else:
        raise ValueError(f"{name}: the RBF layer has no weighted sum")

    bias = float(layer.params["b"][m])
    total = float(sum(t.partial for t in terms))
    a = (coef if coef is not None else 1.0) * total + bias
    a_map, f_map = _unit(tr.weighted_sum[0], m, row, col), _unit(
        tr.output[0], m, row, col)
    return UnitComputation(name, int(m), int(row), int(col), kind, terms,
                           coef, bias, total, a, _squash(a), a_map, f_map)


def _conv_term(inputs, weights, source):
    return Term(int(source), inputs, weights, float((inputs * weights).sum()))


def _unit(arr, m, row, col):
    return float(arr[m] if arr.ndim == 1 else arr[m, row, col])


def agrees(unit, tol=1e-4):
    """True when the written-out a and f match the engine's trace."""
    scale = max(1.0, abs(unit.a))
    return (abs(unit.a - unit.trace_a) <= tol * scale
            and abs(unit.f - unit.trace_f) <= tol)


def formula(unit, t):
    """The unit's computation as two lines of text with its numbers.

    t: t(key, **values) -> text in the user's language.
    """
    if unit.kind == "subsample":
        first = t("ly_calc_sub", coef=unit.coef, total=unit.total,
                  b=unit.bias, a=unit.a)
    elif unit.layer == "c3":
        maps = ", ".join(str(term.source) for term in unit.terms)
        partials = " + ".join(f"({term.partial:.4f})" for term in unit.terms)
        first = t("ly_calc_c3", maps=maps, partials=partials, b=unit.bias,
                  a=unit.a)
    else:
        n = sum(term.inputs.size for term in unit.terms)
        first = t("ly_calc_conv", n=n, total=unit.total, b=unit.bias,
                  a=unit.a)
    return first + "\n" + t("ly_calc_f", a=unit.a, f=unit.f)


def partials_table(unit, source):
    """One row per input map: its name and its share of the weighted sum."""
    return [{source: term.source, "Σ w·x": round(term.partial, 4)}
            for term in unit.terms]


def products(unit):
    """Every product w·x of a unit, flattened: (n inputs,)."""
    return np.concatenate([(term.inputs * term.weights).ravel()
                           for term in unit.terms])


# C3 table

def c3_inputs(m, table=paper.C3_TABLE):
    """The S2 maps wired to C3 map m, e.g. [0, 1, 2] for map 0."""
    return [int(s) for s in np.flatnonzero(table[:, m])]


def c3_kernels(model, m):
    """C3 map m's kernels, one per wired S2 map: (n, 5, 5)."""
    return model.layer("c3").dense_weights()[m, c3_inputs(m)]


def is_contiguous(maps, n=6):
    """True when `maps` are neighbours going round 0..n-1 (5 is next to 0)."""
    maps = set(maps)
    return any({(s + i) % n for i in range(len(maps))} == maps for s in range(n))


def c3_groups(table=paper.C3_TABLE):
    """Runs of C3 maps that read alike: [(first, last, n_inputs, contiguous)].

    For Table I: (0, 5, 3, True), (6, 11, 4, True), (12, 14, 4, False),
    (15, 15, 6, True).
    """
    n_in = table.shape[0]
    kinds = [(len(c3_inputs(m, table)), is_contiguous(c3_inputs(m, table), n_in))
             for m in range(table.shape[1])]
    groups = []
    for m, kind in enumerate(kinds):
        if groups and groups[-1][2:] == kind:
            groups[-1] = (groups[-1][0], m) + kind
        else:
            groups.append((m, m) + kind)
    return groups


def c3_costs(table=paper.C3_TABLE, k=5, units=100):
    """Parameters and connections of C3 wired by `table` and fully wired.

    Each link is one k x k kernel; each map has one bias; every one of a
    map's units x units positions uses all its map's parameters.
    """
    n_in, n_out = table.shape
    links, full_links = int(table.sum()), n_in * n_out
    params = n_out + k * k * links
    full_params = n_out + k * k * full_links
    return {
        "maps": n_out, "kk": k * k, "links": links, "full_links": full_links,
        "params": params, "full_params": full_params,
        "connections": units * params, "full_connections": units * full_params,
        "saved_pct": 100 * (1 - params / full_params),
    }


# the per-layer count table

@lru_cache(maxsize=1)
def _summary():
    model = LeNet5()
    return model, tuple(summarize(model))


def summary_rows(t):
    """The count table with its arithmetic in the user's language.

    t: t(key, **values) -> text. The counts come from lenet.summary; the
    arithmetic is rebuilt here so it can be written in either language, and
    checked against those counts. Returns (rows, totals) where rows are
    dicts with layer, output, params, params_how, connections,
    connections_how.
    """
    model, rows = _summary()
    out = []
    for layer, row in zip(model.layers, rows):
        how_p, how_c, p, c = _arithmetic(layer, row["output_shape"], t)
        assert (p, c) == (row["params"], row["connections"]), row["name"]
        out.append({
            "layer": row["name"],
            "output": "x".join(str(s) for s in row["output_shape"]),
            "params": f"{p:,}", "params_how": how_p,
            "connections": f"{c:,}", "connections_how": how_c,
        })
    totals = (sum(r["params"] for r in rows), sum(r["connections"] for r in rows))
    return out, totals


def summary_frame(rows, totals, t):
    """The count table with column names in the user's language, total last."""
    keys = {"layer": "ly_col_layer", "output": "ly_col_output",
            "params": "ly_col_params", "params_how": "ly_col_params_how",
            "connections": "ly_col_conns",
            "connections_how": "ly_col_conns_how"}
    total = {"layer": t("ly_total_row"), "output": "",
             "params": f"{totals[0]:,}", "params_how": "",
             "connections": f"{totals[1]:,}", "connections_how": ""}
    return [{t(keys[k]): r[k] for k in keys} for r in rows + [total]]


def _arithmetic(layer, shape, t):
    units = int(np.prod(shape[1:])) if len(shape) == 3 else 1
    maps = shape[0]
    if isinstance(layer, Conv):
        kk, links = layer.k * layer.k, int(layer.table.sum())
        p = links * kk + maps
        if layer.sparse:
            how_p = t("sum_conv_table", links=links, kk=kk, maps=maps)
        else:
            how_p = t("sum_conv_full", kk=kk, n_in=layer.table.shape[0],
                      maps=maps)
        return how_p, t("sum_conv_conn", units=units, params=p), p, units * p
    if isinstance(layer, Subsample):
        p, c = 2 * maps, maps * units * (layer.fan_in + 1)
        return (t("sum_sub", maps=maps),
                t("sum_sub_conn", maps=maps, units=units), p, c)
    if isinstance(layer, Full):
        n_in, n_out = layer.fan_in, len(layer.params["b"])
        how = t("sum_full", n_in=n_in, n_out=n_out)
        return how, how, (n_in + 1) * n_out, (n_in + 1) * n_out
    if isinstance(layer, RBF):
        n_out, n_in = layer.centres.shape
        return (t("sum_rbf", n_in=n_in, n_out=n_out),
                t("sum_rbf_conn", n_in=n_in, n_out=n_out), 0, n_in * n_out)
    raise TypeError(f"unknown layer type {type(layer).__name__}")


def tile(maps, ncols, gap=1, row_gap=None):
    """Lay maps side by side in one image, NaN between the tiles.

    maps: (n, h, w) -> (grid (R*(h+row_gap)-row_gap, C*(w+gap)-gap),
    index (same shape, 3): map, row, col of each pixel, -1 in the gaps).
    row_gap: empty rows between rows of tiles (room for labels); default gap.
    """
    n, h, w = maps.shape
    row_gap = gap if row_gap is None else row_gap
    nrows = -(-n // ncols)
    H, W = nrows * (h + row_gap) - row_gap, ncols * (w + gap) - gap
    grid = np.full((H, W), np.nan)
    index = np.full((H, W, 3), -1, dtype=int)
    rr, cc = np.mgrid[0:h, 0:w]
    for i in range(n):
        top, left = (i // ncols) * (h + row_gap), (i % ncols) * (w + gap)
        grid[top:top + h, left:left + w] = maps[i]
        index[top:top + h, left:left + w] = np.stack(
            [np.full_like(rr, i), rr, cc], axis=-1)
    return grid, index
