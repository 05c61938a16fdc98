"""Per-layer counts of LeNet-5: output shape, trainable parameters, connections.

The counts are derived from the built network, not typed in, so they check
the implementation against the paper: 60,000 parameters, 340,908 connections.
A connection is one input (or the bias) reaching one unit; a shared weight is
one parameter but as many connections as units share it.
"""

import numpy as np

from .layers import RBF, Conv, Full, Subsample
from .network import LeNet5


def _row(layer, out_shape):
    C, H, W = out_shape if len(out_shape) == 3 else (out_shape[0], 1, 1)
    units = H * W  # units per map

    if isinstance(layer, Conv):
        kk = layer.k * layer.k
        links = int(layer.table.sum())
        params = links * kk + C
        if layer.sparse:
            p_text = f"{links} kernels x {kk} + {C} biases"
        else:
            n_in = layer.table.shape[0]
            p_text = f"({kk} x {n_in} + 1) x {C}"
        return params, units * params, p_text, f"{units} units/map x {params}"

    if isinstance(layer, Subsample):
        params = 2 * C
        conns = C * units * (layer.fan_in + 1)
        return (params, conns, f"(1 coef + 1 bias) x {C}",
                f"{C} x {units} units x (4 inputs + 1)")

    if isinstance(layer, Full):
        n_out, n_in = len(layer.params["b"]), layer.fan_in
        params = (n_in + 1) * n_out
        return params, params, f"({n_in} + 1) x {n_out}", f"({n_in} + 1) x {n_out}"

    if isinstance(layer, RBF):
        n_out, n_in = layer.centres.shape
        return (0, n_in * n_out, f"0 ({n_out} x {n_in} fixed bitmap values)",
                f"{n_in} x {n_out}")

    raise TypeError(f"unknown layer type {type(layer).__name__}")


def summarize(model=None):
    """Rows for every layer: dicts with name, output_shape, params,
    connections and the arithmetic behind each ('params_text',
    'connections_text')."""
    model = model or LeNet5()
    _, trace = model.forward(np.zeros((1, 1, 32, 32), model.dtype), trace=True)
    rows = []
    for layer, t in zip(model.layers, trace):
        out_shape = t.output.shape[1:]
        params, conns, p_text, c_text = _row(layer, out_shape)
        # the counts must agree with the arrays the network really trains
        real = sum(v.size for v in layer.params.values())
        assert real == params, f"{layer.name}: counted {params}, has {real}"
        rows.append({
            "name": layer.name.upper(),
            "output_shape": list(out_shape),
            "params": params,
            "connections": conns,
            "params_text": p_text,
            "connections_text": c_text,
        })
    return rows


def summary_json(model=None):
    rows = summarize(model)
    keys = ("name", "output_shape", "params", "connections")
    return {
        "layers": [{k: r[k] for k in keys} for r in rows],
        "total_params": sum(r["params"] for r in rows),
        "total_connections": sum(r["connections"] for r in rows),
    }


def summary_text(model=None):
    """The summary as a fixed-width table."""
    rows = summarize(model)
    lines = [f"{'layer':<6}{'output':>14}{'params':>9}{'connections':>13}"
             "   arithmetic"]
    for r in rows:
        shape = "x".join(str(s) for s in r["output_shape"])
        lines.append(
            f"{r['name']:<6}{shape:>14}{r['params']:>9,}{r['connections']:>13,}"
            f"   params {r['params_text']}; connections {r['connections_text']}"
        )
    total_p = sum(r["params"] for r in rows)
    total_c = sum(r["connections"] for r in rows)
    lines.append(f"{'total':<6}{'':>14}{total_p:>9,}{total_c:>13,}")
    return "\n".join(lines)
