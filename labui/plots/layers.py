"""Figures of the layer pages: feature maps, kernels, one unit, the C3 table.

Every feature map is drawn on the same fixed scale, [-A, A] with
A = 1.7159 (the limits of the squashing function), under one colour bar
title, so maps of different layers can be compared by eye.
"""

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lenet import paper

from ..layers_view import tile

MAP_SCALE = "Viridis"  # activations: dark = -A, yellow = +A
WEIGHT_SCALE = "RdBu_r"  # weights: blue negative, red positive
INPUT_SCALE = "Greys"
INPUT_RANGE = (paper.BACKGROUND, paper.INK)
FONT = dict(size=12)


def _square(fig, height):
    """Square pixels, row 0 at the top, no axes clutter."""
    fig.update_yaxes(autorange="reversed", scaleanchor="x", showgrid=False,
                     zeroline=False, showticklabels=False)
    fig.update_xaxes(showgrid=False, zeroline=False, showticklabels=False,
                     constrain="domain")
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10),
                      font=FONT, plot_bgcolor="rgba(0,0,0,0)")
    return fig


def _colorbar(title):
    return dict(title=dict(text=title, side="right"), thickness=12)


def feature_maps(maps, ncols, title, colorbar, labels, height=300,
                 highlight=None):
    """Maps (C, H, W) side by side on the fixed activation scale [-A, A].

    labels: one text per map, drawn above it (e.g. "3 ⚠").
    highlight: optional (map, row, col) unit to outline.
    """
    C, H, W = maps.shape
    gap = max(3, H // 4)  # room between rows of maps for their labels
    grid, index = tile(np.asarray(maps, dtype=float), ncols, row_gap=gap)
    fig = go.Figure(go.Heatmap(
        z=grid, customdata=index, zmin=-paper.A, zmax=paper.A,
        colorscale=MAP_SCALE, colorbar=_colorbar(colorbar),
        hovertemplate="map %{customdata[0]} (%{customdata[1]}, "
                      "%{customdata[2]})<br>f = %{z:.3f}<extra></extra>",
        hoverongaps=False,
    ))
    for i, label in enumerate(labels):
        x = (i % ncols) * (W + 1) + (W - 1) / 2
        y = (i // ncols) * (H + gap) - 0.5
        fig.add_annotation(x=x, y=y, text=label, showarrow=False,
                           yanchor="bottom", font=dict(size=11))
    if highlight is not None:
        m, r, c = highlight
        top, left = (m // ncols) * (H + gap) + r, (m % ncols) * (W + 1) + c
        _outline(fig, top, left, 1, 1, "red")
    fig.update_layout(title=dict(text=title, font=dict(size=14)))
    return _square(fig, height)


def vector_strip(v, title, colorbar, unit_label, height=160):
    """A vector (n,) as a one-row strip on the activation scale."""
    v = np.asarray(v, dtype=float).reshape(1, -1)
    fig = go.Figure(go.Heatmap(
        z=v, zmin=-paper.A, zmax=paper.A, colorscale=MAP_SCALE,
        colorbar=_colorbar(colorbar),
        hovertemplate=unit_label + " %{x}<br>f = %{z:.3f}<extra></extra>",
    ))
    fig.update_layout(title=dict(text=title, font=dict(size=14)), height=height,
                      margin=dict(l=10, r=10, t=40, b=25), font=FONT)
    fig.update_yaxes(showticklabels=False)
    return fig


def _outline(fig, top, left, h, w, color):
    fig.add_shape(type="rect", x0=left - 0.5, x1=left + w - 0.5,
                  y0=top - 0.5, y1=top + h - 0.5,
                  line=dict(color=color, width=3))


def input_image(x, title, colorbar, field=None, height=330):
    """The 32x32 input in grey, with an optional (top, left, h, w) outline."""
    fig = go.Figure(go.Heatmap(
        z=np.asarray(x, dtype=float), zmin=INPUT_RANGE[0], zmax=INPUT_RANGE[1],
        colorscale=INPUT_SCALE, colorbar=_colorbar(colorbar),
        hovertemplate="(%{y}, %{x})<br>x = %{z:.3f}<extra></extra>",
    ))
    if field is not None:
        _outline(fig, *field, "red")
    fig.update_layout(title=dict(text=title, font=dict(size=14)))
    return _square(fig, height)


def _weight_range(w):
    lim = float(np.nanmax(np.abs(w))) if np.isfinite(w).any() else 1.0
    return -lim, lim


def kernels(w, ncols, title, colorbar, labels, height=200):
    """Kernels (n, k, k) side by side on one symmetric weight scale."""
    n, k, _ = w.shape
    grid, index = tile(np.asarray(w, dtype=float), ncols)
    lo, hi = _weight_range(w)
    fig = go.Figure(go.Heatmap(
        z=grid, customdata=index, zmin=lo, zmax=hi, colorscale=WEIGHT_SCALE,
        colorbar=_colorbar(colorbar), hoverongaps=False,
        hovertemplate="%{customdata[0]}: (%{customdata[1]}, %{customdata[2]})"
                      "<br>w = %{z:.3f}<extra></extra>",
    ))
    for i, label in enumerate(labels):
        fig.add_annotation(x=(i % ncols) * (k + 1) + (k - 1) / 2,
                           y=(i // ncols) * (k + 1) - 0.5, text=label,
                           showarrow=False, yanchor="bottom")
    fig.update_layout(title=dict(text=title, font=dict(size=14)))
    return _square(fig, height)


def c3_kernel_table(dense, table, title, colorbar, row_label, col_label,
                    chosen=None, height=330):
    """C3's kernels in the table's layout: row i = S2 map, column j = C3 map.

    dense: (16, 6, k, k) with zeros where unwired; table: (6, 16) booleans.
    Unwired cells stay empty. chosen: a C3 map whose column is outlined.
    """
    F, C, k, _ = dense.shape
    cells = np.full((C, F, k, k), np.nan)
    rows, cols = np.nonzero(table)
    cells[rows, cols] = dense[cols, rows]
    grid, _ = tile(cells.reshape(C * F, k, k), F)
    lo, hi = _weight_range(dense[table.T])
    fig = go.Figure(go.Heatmap(
        z=grid, zmin=lo, zmax=hi, colorscale=WEIGHT_SCALE,
        colorbar=_colorbar(colorbar), hoverongaps=False, hoverinfo="skip",
    ))
    step = k + 1
    fig.update_xaxes(tickvals=[j * step + (k - 1) / 2 for j in range(F)],
                     ticktext=[str(j) for j in range(F)], side="top",
                     title=dict(text=col_label))
    fig.update_yaxes(tickvals=[i * step + (k - 1) / 2 for i in range(C)],
                     ticktext=[str(i) for i in range(C)],
                     title=dict(text=row_label))
    if chosen is not None:
        _outline(fig, 0, chosen * step, C * step - 1, k, "black")
    _square(fig, height)
    fig.update_xaxes(showticklabels=True)
    fig.update_yaxes(showticklabels=True)
    fig.update_layout(title=dict(text=title, font=dict(size=14), y=0.98),
                      margin=dict(t=90))
    return fig


def subsample_params(params, names, coef_label, bias_label, height=280):
    """Bar charts of each sub-sampling layer's coefficients and biases.

    params: {layer name: (coef (C,), bias (C,))}; names: display names.
    """
    fig = make_subplots(rows=1, cols=len(params), subplot_titles=names,
                        column_widths=[len(c) for c, _ in params.values()])
    for i, (coef, bias) in enumerate(params.values(), start=1):
        maps = np.arange(len(coef))
        fig.add_bar(x=maps, y=coef, name=coef_label, marker_color="#1f77b4",
                    showlegend=i == 1, row=1, col=i)
        fig.add_bar(x=maps, y=bias, name=bias_label, marker_color="#ff7f0e",
                    showlegend=i == 1, row=1, col=i)
        fig.update_xaxes(tickmode="linear", dtick=1, row=1, col=i)
    fig.update_layout(barmode="group", height=height, font=FONT,
                      margin=dict(l=10, r=10, t=40, b=10),
                      legend=dict(orientation="h", y=-0.15))
    return fig


def _numbers(z, scale, lo, hi, fmt=".2f"):
    return go.Heatmap(z=z, zmin=lo, zmax=hi, colorscale=scale,
                      showscale=False, texttemplate="%{z:" + fmt + "}",
                      hovertemplate="(%{y}, %{x}): %{z:.4f}<extra></extra>")


def unit_numbers(inputs, weights, titles, height=300):
    """A unit's input patch, its kernel and their products, numbers shown.

    inputs, weights: (k, k); with weights None, only the inputs (a 2x2
    sub-sampling block).
    """
    panels = [inputs] if weights is None else [inputs, weights,
                                                inputs * weights]
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=titles,
                        horizontal_spacing=0.04)
    scales = [(INPUT_SCALE, *INPUT_RANGE)]
    if weights is not None:
        for z in panels[1:]:
            scales.append((WEIGHT_SCALE, *_weight_range(z)))
    for i, (z, (scale, lo, hi)) in enumerate(zip(panels, scales), start=1):
        fig.add_trace(_numbers(z, scale, lo, hi), row=1, col=i)
    fig.update_yaxes(autorange="reversed", showticklabels=False)
    fig.update_xaxes(showticklabels=False)
    fig.update_layout(height=height, font=dict(size=10),
                      margin=dict(l=10, r=10, t=30, b=10))
    return fig


def products_bar(products, x_label, height=250):
    """One bar per product w·x of a fully connected unit."""
    fig = go.Figure(go.Bar(y=products, marker_color=np.where(
        np.asarray(products) >= 0, "#d62728", "#1f77b4")))
    fig.update_layout(height=height, font=FONT, xaxis_title=x_label,
                      margin=dict(l=10, r=10, t=20, b=10))
    return fig


def c3_table(table, chosen, title, row_label, col_label, link, no_link,
             height=300):
    """Table I as clickable squares: filled = link; the chosen column stands out.

    table: (6, 16) booleans. Each square is a point: clicking one selects
    its column (x = C3 map).
    """
    C, F = table.shape
    ii, jj = np.mgrid[0:C, 0:F]
    on = table.ravel()
    picked = (jj.ravel() == chosen)
    colours = np.where(on, np.where(picked, "#d62728", "#1f77b4"), "white")
    text = np.where(on, link, no_link)
    fig = go.Figure(go.Scatter(
        x=jj.ravel(), y=ii.ravel(), mode="markers",
        marker=dict(symbol="square", size=24, color=colours,
                    line=dict(color="#555", width=1)),
        customdata=text,
        hovertemplate="S2 %{y} → C3 %{x}: %{customdata}<extra></extra>",
    ))
    fig.add_shape(type="rect", x0=chosen - 0.5, x1=chosen + 0.5, y0=-0.6,
                  y1=C - 0.4, line=dict(color="#d62728", width=2))
    fig.update_xaxes(tickmode="linear", dtick=1, side="top", range=[-0.7, F - 0.3],
                     title=dict(text=col_label), showgrid=False, zeroline=False)
    fig.update_yaxes(tickmode="linear", dtick=1, autorange="reversed",
                     title=dict(text=row_label), showgrid=False, zeroline=False)
    fig.update_layout(title=dict(text=title, font=dict(size=14), y=0.98),
                      height=height, font=FONT, clickmode="event+select",
                      dragmode=False, margin=dict(l=10, r=10, t=90, b=10),
                      plot_bgcolor="rgba(0,0,0,0)")
    return fig
