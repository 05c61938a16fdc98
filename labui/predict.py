"""From a drawing, an MNIST sample or an upload to a judged prediction.

A 10-way classifier always names a digit, even for a blank pad or a
scribble. This module decides first whether there is a digit to read at
all (nothing drawn, too little ink, an unreadable file), runs the model
only when there is, and then whether its answer deserves confidence:

    image -> prepare -> Preprocessed -> read_steps(model) -> Reading

No streamlit here: pages call these functions and draw the Reading.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from PIL import Image

from lenet.preprocess import EmptyDrawing, InputError, TooLittleInk, preprocess
from lenet.uploads import UploadError, decode_upload

# verdicts, from "nothing to read" to "a digit we trust"
EMPTY = "empty"  # nothing drawn: ask for a digit, call no model
TOO_LITTLE = "too_little"  # a dot or a speck: not a digit
UNREADABLE = "unreadable"  # an upload that is not a readable image
INVALID = "invalid"  # an image preprocessing refused (shape, values)
UNCERTAIN = "uncertain"  # the model ran, but its answer is doubtful
CONFIDENT = "confident"  # the model ran and its answer stands

# reasons for UNCERTAIN
FAR = "far"  # even the best penalty is above the reject threshold
TIE = "tie"  # the two best penalties are almost equal

# NOTE: calibrated on the 10,000 MNIST test digits with the shipped model
# (0.95 % error): together with the reject penalty, a margin below 5 flags
# 0.64 % of them, 55 % of those wrongly read, and catches 37 % of all errors.
MIN_MARGIN = 5.0

UPLOAD_SIDE = 280  # larger uploads are shrunk to this side before reading


@dataclass(frozen=True)
class Reading:
    """What the page shows for one input.

    verdict: one of EMPTY, TOO_LITTLE, UNREADABLE, INVALID, UNCERTAIN,
        CONFIDENT; the model ran only for the last two.
    steps: lenet.preprocess.Preprocessed, when preprocessing succeeded.
    digit: the digit with the smallest penalty, when the model ran.
    penalties: float (10,), the RBF outputs, when the model ran.
    f6: float (84,), the F6 outputs, when the model ran.
    reason: FAR or TIE for UNCERTAIN, else "".
    detail: the error message for TOO_LITTLE, UNREADABLE and INVALID.
    error: (code, params) of the UploadError for UNREADABLE, so that the
        page can say it in its user's language.
    notes: lenet.uploads.Note for what decoding an upload did (e.g. "using
        the first frame").
    """

    verdict: str
    steps: object = None
    digit: int | None = None
    penalties: np.ndarray | None = None
    f6: np.ndarray | None = None
    reason: str = ""
    detail: str = ""
    error: tuple = ()
    notes: tuple = ()

    @property
    def ran(self):
        """True if the model was called for this reading."""
        return self.verdict in (UNCERTAIN, CONFIDENT)

    @property
    def runner_up(self):
        """The digit with the second-smallest penalty, or None."""
        if self.penalties is None:
            return None
        return int(np.argsort(self.penalties)[1])


def canvas_image(image_data, json_data):
    """The canvas picture to read, or None when nothing is drawn.

    image_data: uint8 (H, W, 4) from the canvas, or None before the first
        stroke has been sent.
    json_data: the canvas's Fabric.js JSON, or None; an empty "objects"
        list means the pad was cleared, whatever the pixels say.
    """
    if image_data is None:
        return None
    if json_data is not None and json_data.get("objects") == []:
        return None
    return image_data


def judge(penalties, reject, min_margin=MIN_MARGIN):
    """Verdict and reason for RBF penalties (10,).

    reject: a best penalty above this is less like any digit than
        nearly all real test digits (meta["reject_penalty"]).
    min_margin: the runner-up must trail the winner by at least this.
    Returns (CONFIDENT, "") or (UNCERTAIN, FAR | TIE).
    """
    best, second = np.sort(np.asarray(penalties, dtype=np.float64))[:2]
    if best > reject:
        return UNCERTAIN, FAR
    if second - best < min_margin:
        return UNCERTAIN, TIE
    return CONFIDENT, ""


def prepare(image, already_normalized=False):
    """Preprocess an image; refusals become a Reading instead.

    Returns (Preprocessed, None) or (None, Reading without a model run).
    """
    if image is None:
        return None, Reading(EMPTY)
    try:
        return preprocess(image, already_normalized=already_normalized), None
    except EmptyDrawing:
        return None, Reading(EMPTY)
    except TooLittleInk as e:
        return None, Reading(TOO_LITTLE, detail=str(e))
    except InputError as e:
        return None, Reading(INVALID, detail=str(e))


def run_model(model, x):
    """One forward pass of a (32, 32) input.

    Returns (penalties float (10,), f6 float (84,)).
    """
    penalties, trace = model.forward(x, trace=True)
    f6 = next(rec.output for rec in trace if rec.name == "f6")  # (1, 84)
    return penalties[0].astype(np.float64), f6[0].astype(np.float64)


def read_steps(model, steps, reject, min_margin=MIN_MARGIN):
    """Run the model on preprocessed steps and judge the answer."""
    penalties, f6 = run_model(model, steps.x)
    verdict, reason = judge(penalties, reject, min_margin)
    digit = int(np.argmin(penalties))
    return Reading(verdict, steps, digit, penalties, f6, reason)


def read(model, image, reject, *, already_normalized=False,
         min_margin=MIN_MARGIN):
    """The whole path for one image; the model runs only on a real digit.

    image: anything `preprocess` accepts, or None (nothing drawn).
    """
    steps, refused = prepare(image, already_normalized)
    if refused is not None:
        return refused
    return read_steps(model, steps, reject, min_margin)


def prepare_upload(data):
    """Decode and preprocess uploaded bytes; never raises for bad files.

    Returns (Preprocessed or None, refusal Reading or None, notes tuple).
    """
    try:
        decoded = decode_upload(data)
    except UploadError as e:
        return None, Reading(UNREADABLE, detail=str(e),
                             error=(e.code, e.params)), ()
    notes = tuple(decoded.notes)
    steps, refused = prepare(shrink(decoded.array))
    if refused is not None:
        refused = replace(refused, notes=notes)
    return steps, refused, notes


def read_prepared(model, prepared, reject, min_margin=MIN_MARGIN):
    """Read the (steps, refused, notes) that `prepare_upload` returned."""
    steps, refused, notes = prepared
    if refused is not None:
        return refused
    return replace(read_steps(model, steps, reject, min_margin), notes=notes)


def read_upload(model, data, reject, min_margin=MIN_MARGIN):
    """Decode uploaded bytes and read them; never raises for bad files."""
    return read_prepared(model, prepare_upload(data), reject, min_margin)


def shrink(image, side=UPLOAD_SIDE):
    """Shrink a uint8 (H, W) or (H, W, 4) image so its longer side <= side.

    A box filter keeps thin strokes; the 20x20 digit box is far smaller,
    so nothing the network sees is lost, and the steps kept for display
    stay small (a phone photo would otherwise hold ~100 MB of floats).
    """
    h, w = image.shape[:2]
    if max(h, w) <= side:
        return image
    scale = side / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    small = Image.fromarray(image).resize(size, Image.Resampling.BOX)
    return np.asarray(small)


def sample_reading(model, images, index, reject, min_margin=MIN_MARGIN):
    """Read MNIST sample `index` of images uint8 (N, 28, 28)."""
    return read(model, images[index], reject, already_normalized=True,
                min_margin=min_margin)
