"""Figures of the "Draw a digit" page: preprocessing, penalties, F6.

Plain functions of arrays; every visible word comes in through `labels`,
already translated, so this module knows no language.
"""

import base64
import io

import numpy as np
import plotly.graph_objects as go
from PIL import Image

from lenet.paper import A, BITMAPS
from lenet.preprocess import BACKGROUND, BOX, FOREGROUND

from .grid import axis, grid
from .lines import named_level

GREY = [[0.0, "#000000"], [1.0, "#ffffff"]]  # ink white on black, like the pad
WIN = "#e4572e"  # the winning digit and the ink's bounding box
OTHER = "#8d99ae"
THUMB = 280  # the drawn picture is shown at most this many pixels wide


def _png(ink, side=THUMB):
    """Ink (H, W) in [0, 1] -> PNG data URI, shrunk to at most `side`.

    Returns (uri, scale) where scale = shown pixels per ink pixel.
    """
    img = Image.fromarray(np.rint(np.clip(ink, 0, 1) * 255).astype(np.uint8))
    h, w = ink.shape
    scale = min(1.0, side / max(h, w))
    if scale < 1.0:
        size = (max(1, round(w * scale)), max(1, round(h * scale)))
        img = img.resize(size, Image.Resampling.BOX)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    uri = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()
    return uri, scale


def _frame(n, side):
    """Axis range showing n pixels centred in a frame of `side` pixels."""
    pad = (side - n) / 2
    return [-0.5 - pad, n - 0.5 + pad]


def _pixels(a, zmin, zmax, showscale=False, colorbar=None):
    """A heatmap of a small image, row 0 at the top."""
    return go.Heatmap(
        z=a, zmin=zmin, zmax=zmax, colorscale=GREY, showscale=showscale,
        colorbar=colorbar, hovertemplate="row %{y}, col %{x}: %{z:.2f}"
        "<extra></extra>",
    )


def _bare(layout, x, y, reversed_=True):
    """Square pixels, no tick clutter; row 0 at the top unless told."""
    axis(layout, x, showticklabels=False, showgrid=False, zeroline=False,
         scaleanchor=y, constrain="domain")
    axis(layout, y, showticklabels=False, showgrid=False, zeroline=False,
         constrain="domain", **({"autorange": "reversed"} if reversed_ else {}))


def steps_figure(steps, labels):
    """Four panels: drawn ink with its bbox, 20x20 box, 28x28 field, input.

    steps: lenet.preprocess.Preprocessed.
    labels: dict with "drawn", "scaled", "centred", "input" (panel titles)
        and "value" (colour bar title of the network input).
    """
    layout, [cells] = grid(cols=4, hspace=0.05, titles=[
        labels[k] for k in ("drawn", "scaled", "centred", "input")])
    (x1, y1), (x2, y2), (x3, y3), (x4, y4) = cells

    # what was drawn, with the ink's bounding box on top
    uri, s = _png(steps.ink)
    top, bottom, left, right = steps.bbox
    layout["shapes"] = [{
        "type": "rect", "xref": x1, "yref": y1,
        "x0": left * s - 0.5, "x1": right * s - 0.5,
        "y0": top * s - 0.5, "y1": bottom * s - 0.5,
        "line": {"color": WIN, "width": 2},
    }]
    # the 20x20 box (aspect kept, shown in a 20x20 frame), the 28x28
    # field and the 32x32 input
    h, w = steps.scaled.shape
    side = max(h, w, BOX)
    bar = dict(title=dict(text=labels["value"], side="right"), len=0.9,
               thickness=12)
    data = [
        {"type": "image", "source": uri, "hoverinfo": "skip",
         "xaxis": x1, "yaxis": y1},
        _pixels(steps.scaled, 0, 1).update(xaxis=x2, yaxis=y2),
        _pixels(steps.centred, 0, 1).update(xaxis=x3, yaxis=y3),
        _pixels(steps.x, BACKGROUND, FOREGROUND, True, bar).update(
            xaxis=x4, yaxis=y4),
    ]
    for i, (x, y) in enumerate(cells):
        _bare(layout, x, y, reversed_=i != 1)
    axis(layout, x2, range=_frame(w, side))
    axis(layout, y2, range=_frame(h, side)[::-1])
    layout.update(height=260, margin=dict(l=10, r=10, t=40, b=10),
                  plot_bgcolor="#000000")  # blank paper around the box
    return go.Figure(data=data, layout=layout)


def penalties_figure(penalties, winner, labels, reject=None):
    """Bar chart of the ten RBF penalties; the winner (lowest) highlighted.

    penalties: float (10,).
    labels: dict with "digit", "penalty" (axis titles) and "reject"
        (name of the threshold line).
    reject: draw the "uncertain above" threshold at this penalty.
    """
    colours = [WIN if d == winner else OTHER for d in range(10)]
    fig = go.Figure(go.Bar(
        x=list(range(10)), y=penalties, marker_color=colours,
        text=[f"{p:.1f}" for p in penalties], textposition="outside",
        hovertemplate="%{x}: %{y:.2f}<extra></extra>",
    ))
    fig.update_layout(height=320, margin=dict(l=10, r=10, t=30, b=10),
                      showlegend=False)
    if reject is not None:
        named_level(fig, reject, labels["reject"],
                    dict(color="#555", dash="dot"))
    fig.update_xaxes(title=labels["digit"], tickmode="linear", dtick=1)
    fig.update_yaxes(title=labels["penalty"], rangemode="tozero")
    return fig


def f6_figure(f6, digit, labels):
    """F6's 84 outputs as a 7x12 picture beside digit's template bitmap.

    f6: float (84,), each in [-A, A].
    labels: dict with "f6", "template" (panel titles) and "value"
        (title of the colour scale shared by both panels).
    """
    layout, [cells] = grid(cols=2, hspace=0.08,
                           titles=[labels["f6"], labels["template"]])
    (x1, y1), (x2, y2) = cells
    bar = dict(title=dict(text=labels["value"], side="right"), len=0.9,
               thickness=12)
    data = [
        # (12, 7), the bitmaps' layout
        _pixels(np.reshape(f6, (12, 7)), -A, A, True, bar).update(
            xaxis=x1, yaxis=y1),
        _pixels(BITMAPS[digit], -A, A).update(xaxis=x2, yaxis=y2),
    ]
    for x, y in cells:
        _bare(layout, x, y)
    layout.update(height=320, margin=dict(l=10, r=10, t=40, b=10))
    return go.Figure(data=data, layout=layout)
