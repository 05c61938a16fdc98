"""The page figures' grid is laid out as plotly's make_subplots lays it out."""

import pytest
from plotly.subplots import make_subplots

from labui.plots.grid import axis, grid


@pytest.mark.parametrize("rows, cols, kwargs", [
    (1, 4, dict(hspace=0.05)),
    (1, 2, dict(hspace=0.08)),
    (7, 1, dict(vspace=0.06, row_heights=[32, 55, 27, 19, 11, 8, 12])),
    (3, 2, dict()),  # make_subplots' own default spacings
])
def test_grid_matches_make_subplots(rows, cols, kwargs):
    titles = [f"t{i}" for i in range(rows * cols)]
    layout, axes = grid(rows, cols, titles=titles, **kwargs)
    spacing = {"horizontal_spacing": kwargs["hspace"]} if "hspace" in kwargs else {}
    if "vspace" in kwargs:
        spacing["vertical_spacing"] = kwargs["vspace"]
    if "row_heights" in kwargs:
        total = sum(kwargs["row_heights"])
        spacing["row_heights"] = [h / total for h in kwargs["row_heights"]]
    ref = make_subplots(rows=rows, cols=cols, subplot_titles=titles, **spacing)

    for r in range(rows):
        for c in range(cols):
            x, y = axes[r][c]
            want_x, want_y = ref.get_subplot(r + 1, c + 1).xaxis, \
                ref.get_subplot(r + 1, c + 1).yaxis
            assert layout["xaxis" + x[1:]]["domain"] == pytest.approx(
                list(want_x.domain), abs=1e-12)
            assert layout["yaxis" + y[1:]]["domain"] == pytest.approx(
                list(want_y.domain), abs=1e-12)
            assert layout["xaxis" + x[1:]]["anchor"] == want_x.anchor
    for mine, theirs in zip(layout["annotations"], ref.layout.annotations):
        assert mine["text"] == theirs.text
        assert (mine["x"], mine["y"]) == pytest.approx((theirs.x, theirs.y), abs=1e-12)


def test_axis_adds_to_the_named_axis_only():
    layout, [[(x1, y1), (x2, y2)]] = grid(cols=2)
    axis(layout, y2, autorange="reversed")

    assert layout["yaxis2"]["autorange"] == "reversed"
    assert "autorange" not in layout["yaxis"]
    assert (x1, y1, x2, y2) == ("x", "y", "x2", "y2")
