"""Turn any digit image into the 32x32 LeNet-5 input, the way MNIST was made.

MNIST digits were size-normalised into a 20x20 box (aspect kept, antialiased),
then placed in a 28x28 field so that their centre of mass sits at the centre.
LeNet-5 reads that field padded to 32x32 with background -0.1 and ink 1.175.

`preprocess` does all of it for a drawing, an upload or an MNIST digit, and
`to_network_input` is the one place where ink 0..1 becomes -0.1..1.175:
training, evaluation and the app all go through it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from .paper import BACKGROUND
from .paper import INK as FOREGROUND

log = logging.getLogger(__name__)

BOX = 20  # the longer side of the digit is scaled to this many pixels
FIELD = 28  # ... and the box is centred by mass in a FIELD x FIELD image
PAD = 2  # LeNet-5 reads the 28x28 field padded to 32x32
CENTRE = 14.0  # target centre of mass (row and column) in the 28x28 field

EMPTY_LEVEL = 0.05  # no pixel above this: the image has no ink at all
INK_LEVEL = 0.2  # a pixel counts as ink above this fraction of the max ink
BBOX_LEVEL = 0.1  # pixels above this fraction of the max define the bbox
MIN_INK_FRACTION = 0.005  # CASE-01: fewer ink pixels than this is no digit
NOISE_SIGMAS = 4.0  # background noise below this many sigmas is removed

LUMA = np.array([0.299, 0.587, 0.114])  # ITU-R 601 grey from RGB


class InputError(ValueError):
    """The image cannot be preprocessed (shape, dtype or values)."""


class EmptyDrawing(InputError):
    """The image has no ink at all."""


class TooLittleInk(InputError):
    """The image has some ink, but too little to be a digit."""


@dataclass(frozen=True)
class Preprocessed:
    """The network input and every intermediate step, for display.

    x: float32 (32, 32), the model input (add the N and C axes to feed it).
    ink: float (H, W) in [0, 1], ink = 1, at the original size.
    bbox: (top, bottom, left, right) of the ink in `ink`; bottom and
        right are exclusive, so ink[top:bottom, left:right] is the crop.
    cropped: float (h, w), the ink inside the bbox.
    scaled: float (h', w') with max(h', w') = 20, max ink 1.0.
    centred: float (28, 28), centre of mass at (14, 14), max ink 1.0.
    inverted: True if a light background was detected and inverted.
    ink_fraction: share of the image's pixels that count as ink.
    """

    x: np.ndarray
    ink: np.ndarray
    bbox: tuple[int, int, int, int]
    cropped: np.ndarray
    scaled: np.ndarray
    centred: np.ndarray
    inverted: bool
    ink_fraction: float


def to_network_input(images):
    """Pad 28x28 digits to 32x32 and map ink 0..1 to -0.1..1.175.

    images: (N, 28, 28), uint8 with ink 255 (MNIST files) or float in
        [0, 1] with ink 1.0 (the output of `preprocess`).
    Returns float32 (N, 1, 32, 32): background -0.1, full ink 1.175.
    """
    a = np.asarray(images)
    if a.ndim != 3 or a.shape[1:] != (FIELD, FIELD):
        raise InputError(
            f"to_network_input expects (N, {FIELD}, {FIELD}) images, "
            f"got shape {a.shape}"
        )
    N = a.shape[0]
    side = FIELD + 2 * PAD

    # uint8 goes through a 256-entry table: exact and fast for 60 000 digits
    if a.dtype == np.uint8:
        table = _scale(np.arange(256) / 255.0)
        out = np.full((N, 1, side, side), table[0], dtype=np.float32)
        out[:, 0, PAD:-PAD, PAD:-PAD] = table[a]
        return out

    if not np.issubdtype(a.dtype, np.floating):
        raise InputError(
            f"to_network_input expects uint8 or float images, got {a.dtype}"
        )
    if a.size and not (np.isfinite(a).all() and a.min() >= 0 and a.max() <= 1):
        raise InputError(
            "to_network_input expects float ink in [0, 1], got values in "
            f"[{np.nanmin(a)}, {np.nanmax(a)}] (NaN or inf present: "
            f"{not np.isfinite(a).all()})"
        )
    out = np.full((N, 1, side, side), _scale(0.0), dtype=np.float32)
    out[:, 0, PAD:-PAD, PAD:-PAD] = _scale(a)
    return out


def _scale(ink):
    """Ink in [0, 1] (any shape) -> float32 network values, 0 -> -0.1."""
    ink = np.asarray(ink, dtype=np.float64)
    return (ink * (FOREGROUND - BACKGROUND) + BACKGROUND).astype(np.float32)


def preprocess(image, *, already_normalized=False, resample="area"):
    """Turn a digit image into the 32x32 LeNet-5 input, MNIST style.

    image: (H, W) grey, (H, W, 3) RGB or (H, W, 4) RGBA; uint8, bool,
        uint16, or float in [0, 1] or [0, 255] (float arrays whose max is
        above 1 are read as 0..255); any size; dark or light background.
    already_normalized: the image is a 28x28 MNIST-style digit with ink
        bright on black; it is only padded and scaled, exactly as
        `to_network_input` does for the MNIST files.
    resample: "area" (exact box filter, the MNIST way) or "nearest"
        (only to show why nearest-neighbour breaks thin strokes).
    Returns a `Preprocessed`; raises InputError, EmptyDrawing, TooLittleInk.
    """
    if resample not in ("area", "nearest"):
        raise InputError(
            f"resample must be 'area' or 'nearest', got {resample!r}"
        )
    if already_normalized:
        return _pass_through(image)

    ink, inverted = ink_map(image)
    fraction = _check_ink(ink)

    # crop to the ink; faint antialiasing far outside the strokes is dropped
    rows = np.flatnonzero((ink > BBOX_LEVEL * ink.max()).any(axis=1))
    cols = np.flatnonzero((ink > BBOX_LEVEL * ink.max()).any(axis=0))
    bbox = (int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1)
    top, bottom, left, right = bbox
    cropped = ink[top:bottom, left:right]

    # the longer side becomes 20, the aspect ratio is kept
    h, w = cropped.shape
    L = max(h, w)
    out_h = max(1, int(np.floor(h * BOX / L + 0.5)))
    out_w = max(1, int(np.floor(w * BOX / L + 0.5)))
    scaled = _resize(cropped, out_h, out_w, resample)
    scaled = _unit_max(scaled)

    centred = _unit_max(_paste_centred(scaled))
    x = to_network_input(centred[None])[0, 0]  # (32, 32)
    log.debug("preprocess: bbox %s -> %s, inverted %s", bbox, scaled.shape,
              inverted)
    return Preprocessed(x, ink, bbox, cropped, scaled, centred, inverted,
                        fraction)


def ink_map(image):
    """Grey ink map of any accepted image, ink = 1, background = 0.

    image: see `preprocess`.
    Returns (ink float64 (H, W) in [0, 1], inverted: bool).
    """
    a = _check_image(image)
    u = _unit_float(a)

    # grey level; see-through pixels are composited onto a backdrop of the
    # opposite colour to the ink, so ink held only in alpha still shows
    if u.ndim == 2:
        grey = u
    else:
        C = u.shape[2]
        colour = u[..., :-1] if C in (2, 4) else u
        grey = colour @ LUMA if colour.shape[2] == 3 else colour[..., 0]
        if C in (2, 4) and u[..., -1].min() < 1.0:
            alpha = u[..., -1]
            weight = alpha.sum()
            ink_colour = (grey * alpha).sum() / weight if weight else 0.0
            backdrop = 1.0 if ink_colour < 0.5 else 0.0
            grey = alpha * grey + (1.0 - alpha) * backdrop

    # a light background (median of the 1-px border) means dark ink
    inverted = bool(np.median(_border(grey)) > 0.5)
    if inverted:
        grey = 1.0 - grey

    # paper level and its noise, measured on the border, are removed so that
    # no speckle of a photo-like upload survives
    border = _border(grey)
    level = np.median(border)
    sigma = 1.4826 * np.median(np.abs(border - level))
    ink = np.clip((grey - level) / (1.0 - level), 0.0, 1.0)
    ink[ink <= NOISE_SIGMAS * sigma / (1.0 - level)] = 0.0
    return ink, inverted


def canvas_to_image(buffer, height, width):
    """Reshape a flat RGBA buffer from a drawing canvas, checking its size.

    buffer: flat sequence of H*W*4 values 0..255 (row-major RGBA).
    Returns uint8 (height, width, 4). A buffer of another size is refused:
    at devicePixelRatio 2 it holds 4x the declared pixels.
    """
    a = np.asarray(buffer)
    expected = height * width * 4
    if a.ndim != 1 or a.size != expected:
        raise InputError(
            "buffer size does not match canvas size (got "
            f"{a.size} values in shape {a.shape}, expected "
            f"{height}*{width}*4 = {expected}); pass the real pixel size "
            "of the buffer (it grows with devicePixelRatio)"
        )
    if a.dtype != np.uint8:
        if not np.issubdtype(a.dtype, np.number) or not np.isfinite(a).all():
            raise InputError(
                f"canvas buffer must hold numbers 0..255, got dtype {a.dtype}"
            )
        if a.size and (a.min() < 0 or a.max() > 255):
            raise InputError(
                "canvas buffer values must lie in 0..255, got "
                f"[{a.min()}, {a.max()}]"
            )
        a = np.rint(a).astype(np.uint8)
    return a.reshape(height, width, 4)


def _pass_through(image):
    """MNIST-normalised 28x28 digit: pad and scale only."""
    a = _check_image(image)
    if a.shape != (FIELD, FIELD):
        raise InputError(
            f"already_normalized expects a ({FIELD}, {FIELD}) grey digit, "
            f"got shape {a.shape}"
        )
    ink = _unit_float(a)
    fraction = _check_ink(ink)
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    bbox = (int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1)
    cropped = ink[bbox[0]:bbox[1], bbox[2]:bbox[3]]
    x = to_network_input(a[None] if a.dtype == np.uint8 else ink[None])[0, 0]
    return Preprocessed(x, ink, bbox, cropped, cropped, ink, False, fraction)


def _check_image(image):
    """Validate shape, dtype and values; return the array."""
    a = np.asarray(image)
    if a.ndim == 3 and a.shape[2] == 1:
        a = a[..., 0]
    ok_shape = a.ndim == 2 or (a.ndim == 3 and a.shape[2] in (2, 3, 4))
    if not ok_shape:
        raise InputError(
            "expected an image of shape (H, W), (H, W, 3) or (H, W, 4), "
            f"got shape {a.shape}"
        )
    if a.shape[0] < 1 or a.shape[1] < 1:
        raise InputError(f"expected a non-empty image, got shape {a.shape}")
    kind = a.dtype.kind
    if kind not in "buif":
        raise InputError(
            "expected uint8, bool, integer or float pixels, got dtype "
            f"{a.dtype}"
        )
    if kind == "f" and not np.isfinite(a).all():
        raise InputError(
            f"expected finite pixel values, got {np.isnan(a).sum()} NaN and "
            f"{np.isinf(a).sum()} inf"
        )
    top = 65535 if a.dtype == np.uint16 else 255
    if kind in "if" and (a.min() < 0 or a.max() > top):
        raise InputError(
            f"expected pixel values in 0..{top} for dtype {a.dtype}, got "
            f"[{a.min()}, {a.max()}]"
        )
    return a


def _unit_float(a):
    """Pixels of a checked array -> float64 in [0, 1].

    uint8 and other integers are 0..255, uint16 0..65535, bool 0/1;
    float is 0..1 unless its max is above 1, then 0..255.
    """
    if a.dtype == np.bool_:
        return a.astype(np.float64)
    if a.dtype == np.uint16:
        return a / 65535.0
    if a.dtype.kind in "iu":
        return a / 255.0
    a = a.astype(np.float64)
    return a / 255.0 if a.max() > 1.0 else a


def _check_ink(ink):
    """Refuse blank images and specks; return the ink fraction."""
    peak = ink.max()
    if peak < EMPTY_LEVEL:
        raise EmptyDrawing("draw a digit first: the image has no ink")
    mask = ink > INK_LEVEL * peak
    n = int(mask.sum())
    fraction = n / ink.size
    if fraction < MIN_INK_FRACTION:
        need = int(np.ceil(MIN_INK_FRACTION * ink.size))
        raise TooLittleInk(
            f"too little ink to be a digit: {n} ink pixels "
            f"({fraction:.2%} of the image), at least {need} "
            f"({MIN_INK_FRACTION:.1%}) expected"
        )
    return fraction


def _border(a):
    """The 1-px border of a 2-D array, flattened."""
    return np.concatenate([a[0], a[-1], a[1:-1, 0], a[1:-1, -1]])


def _unit_max(a):
    """Scale so that the maximum is exactly 1 (unchanged if all zero)."""
    peak = a.max()
    return a / peak if peak > 0 else a


def _resize(a, out_h, out_w, resample):
    """Resize a 2-D float image to (out_h, out_w).

    "area": every output pixel is the mean of the input area it covers,
    fractional pixels weighted by overlap (an exact box filter).
    """
    if resample == "nearest":
        rows = ((np.arange(out_h) + 0.5) * a.shape[0] / out_h).astype(int)
        cols = ((np.arange(out_w) + 0.5) * a.shape[1] / out_w).astype(int)
        return a[np.ix_(rows, cols)]
    Rh = _area_weights(a.shape[0], out_h)  # (out_h, H)
    Rw = _area_weights(a.shape[1], out_w)  # (out_w, W)
    return Rh @ a @ Rw.T  # (out_h, out_w)


def _area_weights(n_in, n_out):
    """(n_out, n_in) matrix: overlap of input pixel j with output pixel i.

    Each row sums to 1: output pixel i covers input span [i*s, (i+1)*s).
    """
    s = n_in / n_out
    lo = np.arange(n_out)[:, None] * s
    hi = lo + s
    j = np.arange(n_in)[None, :]
    overlap = np.clip(np.minimum(hi, j + 1) - np.maximum(lo, j), 0.0, None)
    return overlap / s


def _paste_centred(img):
    """Place img in a 28x28 field with its centre of mass at (14, 14).

    Centre of mass in pixel-index coordinates (pixel (i, j) sits at i, j),
    as in MNIST. The shift is subpixel: the integer part moves the image,
    the fraction blends it linearly with its neighbour, which moves the
    centre of mass exactly. Ink pushed out of the field is clipped.
    """
    h, w = img.shape
    mass = img.sum()
    com_r = img.sum(axis=1) @ np.arange(h) / mass
    com_c = img.sum(axis=0) @ np.arange(w) / mass
    off_r, off_c = CENTRE - com_r, CENTRE - com_c  # where img[0, 0] lands

    # paste at the integer offset into a field with a margin on every side
    M = FIELD
    big = np.zeros((FIELD + 2 * M, FIELD + 2 * M))
    ir, ic = int(np.floor(off_r)), int(np.floor(off_c))
    big[M + ir:M + ir + h, M + ic:M + ic + w] = img

    # fractional part: out[i] = (1 - f) * in[i] + f * in[i - 1]
    fr, fc = off_r - ir, off_c - ic
    big[1:, :] = (1 - fr) * big[1:, :] + fr * big[:-1, :]
    big[:, 1:] = (1 - fc) * big[:, 1:] + fc * big[:, :-1]
    return big[M:M + FIELD, M:M + FIELD]
