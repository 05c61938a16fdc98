"""Figures of the "Learn step by step" page: maps, kernels, curves.

Plain functions of arrays and labels (the page passes translated text).
Many small maps are stitched into one mosaic per row, gaps left blank, so
a whole layer is one heatmap: light for the browser, easy to compare.
"""

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lenet import paper

from .grid import axis, grid
from .lines import named_level

ACT = "RdBu_r"  # diverging: blue negative, white zero, red positive
GREY = "gray"


def mosaic(maps, ncols=None, gap=1):
    """Tile maps (K, h, w) into one image, NaN between tiles.

    Returns (rows * (h + gap) - gap, ncols * (w + gap) - gap).
    """
    maps = np.asarray(maps, dtype=np.float64)
    K, h, w = maps.shape
    ncols = ncols or K
    nrows = -(-K // ncols)
    out = np.full((nrows * (h + gap) - gap, ncols * (w + gap) - gap), np.nan)
    for k in range(K):
        r, c = divmod(k, ncols)
        out[r * (h + gap):r * (h + gap) + h, c * (w + gap):c * (w + gap) + w] = maps[k]
    return out


def c3_mosaic(kernels, links, gap=1):
    """C3's 60 kernels (60, 5, 5) laid out like Table I: rows S2, columns C3.

    links: (c3_map_idx, s2_map_idx) per kernel; unwired places stay blank.
    """
    f_idx, c_idx = links
    dense = np.full((6, 16, 5, 5), np.nan)
    dense[c_idx, f_idx] = kernels
    return mosaic(dense.reshape(96, 5, 5), ncols=16, gap=gap)


def vector_image(v, shape):
    """A vector as a small image: C5's 120 as 8 x 15, F6's 84 as 12 x 7."""
    return np.asarray(v, dtype=np.float64).reshape(shape)


def heat_rows(rows, scales, row_px=70, width=None):
    """One figure, one heatmap row per entry, each on a named colour scale.

    rows: [(label, image (H, W), scale name)]
    scales: {scale name: (zmin, zmax, colorscale, colour-bar title)}; each
    scale gets one colour bar, shared by every row that uses it.
    """
    names = list(scales)
    heights = [max(img.shape[0], 6) for _, img, _ in rows]
    layout, axes = grid(rows=len(rows), titles=[label for label, _, _ in rows],
                        row_heights=heights, vspace=0.06, title_size=12)
    data = []
    for (label, img, scale), [(x, y)] in zip(rows, axes):
        k = names.index(scale)
        # float32 is finer than any colour step and halves what is sent
        data.append({"type": "heatmap", "z": np.asarray(img, np.float32),
                     "hoverongaps": False, "xaxis": x, "yaxis": y,
                     "coloraxis": "coloraxis" if k == 0 else f"coloraxis{k + 1}"})
        axis(layout, x, constrain="domain", visible=False)
        axis(layout, y, autorange="reversed", scaleanchor=x,
             constrain="domain", visible=False)
    for k, name in enumerate(names):
        zmin, zmax, colorscale, title = scales[name]
        layout["coloraxis" if k == 0 else f"coloraxis{k + 1}"] = {
            "cmin": zmin, "cmax": zmax, "colorscale": colorscale,
            "colorbar": {"title": {"text": title, "side": "right"},
                         "len": 0.9 / len(names), "y": 1 - (k + 0.5) / len(names),
                         "thickness": 12, "x": 1.02},
        }
    layout.update(height=int(60 + row_px * len(rows)), width=width,
                  margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return go.Figure(data=data, layout=layout)


def _sym(*arrays):
    """A symmetric colour range that fits every array (never zero)."""
    m = max(float(np.nanmax(np.abs(a))) for a in arrays)
    return m if m > 0 else 1.0


def activations_figure(traces, labels, act_title):
    """Every layer's output for one digit, on the one activation scale.

    traces: [LayerTrace] C1 ... RBF; labels: {layer name: row label}.
    """
    out = {t.name: np.asarray(t.output[0]) for t in traces}
    x = np.asarray(traces[0].input[0, 0])
    A = paper.A
    rows = [
        (labels["input"], x, "x"),
        (labels["c1"], mosaic(out["c1"]), "f"),
        (labels["s2"], mosaic(out["s2"]), "f"),
        (labels["c3"], mosaic(out["c3"]), "f"),
        (labels["s4"], mosaic(out["s4"]), "f"),
        (labels["c5"], vector_image(out["c5"], (8, 15)), "f"),
        (labels["f6"], vector_image(out["f6"], (12, 7)), "f"),
    ]
    scales = {"f": (-A, A, ACT, act_title),
              "x": (paper.BACKGROUND, paper.INK, GREY, labels["input"])}
    return heat_rows(rows, scales, row_px=95)


def penalties_figure(penalties, label, j, texts):
    """The ten RBF penalties as bars; the target's bar stands out; j as a line.

    texts: {"penalty", "digit", "target", "j"} translated labels.
    """
    y = np.asarray(penalties, dtype=np.float64)
    colours = ["#d62728" if d == label else "#8c9bb0" for d in range(10)]
    fig = go.Figure(go.Bar(x=[str(d) for d in range(10)], y=y,
                           marker_color=colours, text=[f"{v:.2f}" for v in y],
                           textposition="outside"))
    fig.update_layout(height=300, margin=dict(l=10, r=10, t=30, b=10),
                      xaxis_title=texts["digit"], yaxis_title=texts["penalty"],
                      title=texts["target"])
    return named_level(fig, j, texts["j"], dict(color="#444", dash="dash"))


def gradient_flow_figure(bwd, labels, grad_title):
    """dE/d(output) arriving at every layer, each row on its own scale.

    Gradients shrink or grow from layer to layer, so one shared scale would
    hide most rows; each row's colour bar is listed in its label instead.
    """
    shapes = {"c1": None, "s2": None, "c3": None, "s4": None,
              "c5": (8, 15), "f6": (12, 7)}
    rows, scales = [], {}
    for g in bwd.grads:
        if g.name not in shapes:
            continue
        d = np.asarray(g.grad_output[0])
        img = mosaic(d) if shapes[g.name] is None else vector_image(
            d, shapes[g.name])
        m = _sym(img)
        rows.append((f"{labels[g.name]}  (±{m:.2g})", img / m, "g"))
    scales["g"] = (-1.0, 1.0, ACT, grad_title)
    return heat_rows(rows, scales, row_px=85)


def kernels_figure(before, grad, step, after, texts, c3_links=None):
    """One conv layer's kernels around a step, a row each (kernel_rows).

    Rows are tall enough that C3's 6 x 16 table of 5x5 kernels fills a
    two-thirds-wide column, and C1's 2 x 3 a one-third one.
    """
    rows, scales = kernel_rows(before, grad, step, after, texts, c3_links)
    return heat_rows(rows, scales, row_px=150 if c3_links is not None else 130)


def kernel_rows(before, grad, step, after, texts, c3_links=None):
    """Rows and scales to show one conv layer's kernels around an update.

    before, grad, step, after: (K, 5, 5), any of grad/step may be None.
    """
    if c3_links is not None:
        tile = lambda k: c3_mosaic(k, c3_links)  # noqa: E731
    else:
        tile = lambda k: mosaic(k, ncols=3)  # noqa: E731
    rows = [(texts["before"], tile(before), "w")]
    scales = {"w": None}
    span = [before]
    if grad is not None:
        rows.append((texts["grad"], tile(grad), "g"))
        scales["g"] = (-_sym(grad), _sym(grad), ACT, texts["grad"])
    if step is not None:
        rows.append((texts["step"], tile(step), "s"))
        scales["s"] = (-_sym(step), _sym(step), ACT, texts["step"])
    if after is not None:
        rows.append((texts["after"], tile(after), "w"))
        span.append(after)
    m = _sym(*span)
    # one scale for the kernels before and after, and its bar says so
    title = (texts["weight"] if after is None else
             f'{texts["weight"]} ({texts["before"]}, {texts["after"]})')
    scales["w"] = (-m, m, ACT, title)
    return rows, scales


def run_figure(log, label, j, texts):
    """Loss and the ten penalties of the chosen digit after each step."""
    steps = list(range(len(log.losses)))
    fig = make_subplots(rows=1, cols=2, subplot_titles=(
        texts["loss"], texts["penalties"]))
    fig.add_trace(go.Scatter(x=steps, y=log.losses, mode="lines+markers",
                             name=texts["loss"], showlegend=False), row=1, col=1)
    pen = np.array(log.penalties)  # (steps, 10)
    for d in range(10):
        fig.add_trace(go.Scatter(
            x=steps, y=pen[:, d], mode="lines", name=str(d),
            line=dict(width=4 if d == label else 1.5)), row=1, col=2)
    fig.add_hline(y=j, line_dash="dash", row=1, col=2)
    fig.update_xaxes(title_text=texts["step"])
    if min(log.losses) > 0:
        fig.update_yaxes(type="log", row=1, col=1)
    fig.update_layout(height=340, margin=dict(l=10, r=10, t=40, b=10),
                      legend_title_text=texts["digit"])
    return fig


def digit_image(image, height=140):
    """One digit as a small grey picture (28x28 pixels or the 32x32 input)."""
    fig = go.Figure(go.Heatmap(z=np.asarray(image, np.float64),
                               colorscale=GREY, showscale=False))
    fig.update_yaxes(autorange="reversed", scaleanchor="x", visible=False)
    fig.update_xaxes(visible=False, constrain="domain")
    fig.update_layout(height=height, width=height,
                      margin=dict(l=0, r=0, t=0, b=0))
    return fig
