"""Synthetic canvas drawings for tests, following /work/shared/CASES.md.

A canvas is what the drawing pad returns: uint8 (size, size, 4) RGBA.
Shapes are polylines in 280x280 canvas units (x right, y down), drawn with
round caps and joins and antialiased edges; `size` other than 280 draws
the same picture at another resolution (560 is devicePixelRatio 2).

Styles: S1 opaque black background, white ink; S2 transparent background,
black ink (the ink is only in alpha).
"""

import base64
import io

import numpy as np
from PIL import Image

UNIT = 280  # shapes are given in the coordinates of a 280x280 canvas
CENTRE = (140.0, 140.0)


def _arc(cx, cy, r, start, stop, n=40):
    """Points on a circle, angles in degrees (0 right, 90 down)."""
    t = np.radians(np.linspace(start, stop, n))
    return list(zip(cx + r * np.cos(t), cy + r * np.sin(t)))


# each shape is a list of polylines, each a list of (x, y) points
SHAPES = {
    # P1: one vertical stroke down the middle
    "P1": [[(140, 40), (140, 240)]],
    # P3: a '3' in one stroke, two bowls meeting in the middle
    "P3": [_arc(135, 95, 50, 200, 450) + _arc(135, 195, 50, 270, 520)[1:]],
    # P7: a top bar and a diagonal
    "P7": [[(80, 50), (200, 50), (120, 240)]],
    # H: degenerate horizontal line (CASE-03.3)
    "H": [[(40, 140), (240, 140)]],
}


def ink(polylines, width=18.0, size=UNIT):
    """Antialiased ink coverage of thick polylines.

    polylines: list of lists of (x, y) in 280-unit canvas coordinates.
    width: pen width in canvas units (scaled with size).
    Returns float (size, size) in [0, 1].
    """
    ppu = size / UNIT  # pixels per canvas unit
    out = np.zeros((size, size))
    r = width / 2.0 * ppu
    for line in polylines:
        pts = np.asarray(line, dtype=float) * ppu  # pixel coordinates
        if len(pts) == 1:
            pts = np.vstack([pts, pts])
        for a, b in zip(pts[:-1], pts[1:]):
            _segment(out, a, b, r)
    return out


def _segment(out, a, b, r):
    """Max-in the coverage of one round-capped segment a-b of radius r."""
    size = out.shape[0]
    lo = np.floor(np.minimum(a, b) - r - 1).astype(int).clip(0, size)
    hi = np.ceil(np.maximum(a, b) + r + 1).astype(int).clip(0, size)
    if lo[0] >= hi[0] or lo[1] >= hi[1]:
        return

    # pixel centres in the window around the segment
    ys, xs = np.mgrid[lo[1]:hi[1], lo[0]:hi[0]] + 0.5
    d = b - a
    L2 = d @ d
    t = 0.0 if L2 == 0 else ((xs - a[0]) * d[0] + (ys - a[1]) * d[1]) / L2
    t = np.clip(t, 0.0, 1.0)
    dist = np.hypot(xs - (a[0] + t * d[0]), ys - (a[1] + t * d[1]))
    cover = np.clip(r - dist + 0.5, 0.0, 1.0)
    window = out[lo[1]:hi[1], lo[0]:hi[0]]
    np.maximum(window, cover, out=window)


def to_rgba(cover, style="S1"):
    """Coverage (H, W) in [0, 1] -> uint8 RGBA canvas in the given style."""
    v = np.rint(cover * 255).astype(np.uint8)
    out = np.zeros(cover.shape + (4,), dtype=np.uint8)
    if style == "S1":
        out[..., :3] = v[..., None]
        out[..., 3] = 255
    elif style == "S2":
        out[..., 3] = v
    else:
        raise ValueError(f"style must be 'S1' or 'S2', got {style!r}")
    return out


def transform(polylines, scale=1.0, offset=(0.0, 0.0)):
    """Scale polylines about the canvas centre, then move them."""
    c = np.asarray(CENTRE)
    return [
        [tuple(c + (np.asarray(p) - c) * scale + offset) for p in line]
        for line in polylines
    ]


def canvas(shape="P1", width=18, size=UNIT, style="S1", scale=1.0,
           offset=(0.0, 0.0)):
    """A drawing of one of SHAPES as the canvas returns it.

    shape: "P1", "P3", "P7" or "H".
    width: pen width in 280-unit coordinates (multiplied by scale).
    size: canvas side in pixels; 560 is the same drawing at DPR 2.
    scale, offset: draw the shape smaller/larger and elsewhere.
    Returns uint8 (size, size, 4).
    """
    lines = transform(SHAPES[shape], scale, offset)
    return to_rgba(ink(lines, width * scale, size), style)


def dot(radius=3, centre=(140, 140), size=UNIT, style="S1"):
    """A single tap: a filled dot of the given radius (CASE-01.3)."""
    return to_rgba(ink([[centre]], 2 * radius, size), style)


def blank(size=UNIT, style="S1"):
    """An empty canvas."""
    return to_rgba(np.zeros((size, size)), style)


def png(array):
    """PNG file bytes of a uint8 image array."""
    buf = io.BytesIO()
    Image.fromarray(array).save(buf, format="PNG")
    return buf.getvalue()


def canvas_state(rgba, objects=({"type": "Path"},)):
    """The canvas component's state as the browser sends it after a stroke
    (what AppTest puts under the pad's key in session state)."""
    data = "data:image/png;base64," + base64.b64encode(png(rgba)).decode()
    return {"drawing": {"raw": {"objects": list(objects),
                                "background": "#000000"},
                        "data": data},
            "backgroundFit": None}
