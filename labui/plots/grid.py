"""A grid of plots laid out in one go, as a plain layout dict.

plotly's make_subplots() and the update_xaxes()/update_layout() calls that
follow it validate and re-dispatch the whole layout on every call: the
layer-by-layer figure took 42 ms that way, 6 ms built at once from this
layout (measured in this project). The page figures run on every stroke
and every click, for every student, so the busy ones are built here.
"""

import numpy as np


def grid(rows=1, cols=1, titles=None, row_heights=None, vspace=None,
         hspace=None, title_size=16):
    """(layout, axes) for a rows x cols grid, placed as make_subplots does.

    Cells are numbered row by row from the top left; cell n has axes
    "x<n>" and "y<n>" ("x" and "y" for the first), and axes[r][c] gives
    that pair for row r, column c (from 0). titles: one per cell, shown
    above it. The layout dict can take more keys before it becomes a
    go.Figure(data=..., layout=layout).
    """
    if vspace is None:  # make_subplots' defaults: more room under titles
        vspace = (0.5 if titles is not None else 0.3) / rows
    hspace = 0.2 / cols if hspace is None else hspace
    share = np.ones(rows) if row_heights is None else np.asarray(row_heights, float)
    share = share / share.sum() * (1 - vspace * (rows - 1))
    width = (1 - hspace * (cols - 1)) / cols

    layout, notes, axes = {}, [], []
    top, n = 1.0, 0
    for r in range(rows):
        bottom = max(top - share[r], 0.0)
        axes.append([])
        for c in range(cols):
            n += 1
            s = "" if n == 1 else str(n)
            left = c * (width + hspace)
            right = min(left + width, 1.0)
            layout[f"xaxis{s}"] = {"anchor": f"y{s}", "domain": [left, right]}
            layout[f"yaxis{s}"] = {"anchor": f"x{s}", "domain": [bottom, top]}
            if titles is not None:
                notes.append({"text": titles[n - 1], "x": (left + right) / 2,
                              "y": top, "xref": "paper", "yref": "paper",
                              "xanchor": "center", "yanchor": "bottom",
                              "showarrow": False, "font": {"size": title_size}})
            axes[r].append((f"x{s}", f"y{s}"))
        top = bottom - vspace
    layout["annotations"] = notes
    return layout, axes


def axis(layout, ref, **props):
    """Add props to the axis named by ref ("x2", "y"...) in a grid layout."""
    name = ("xaxis" if ref[0] == "x" else "yaxis") + ref[1:]
    layout[name].update(props)
