"""From a canvas, sample or upload to a judged prediction (CASES 01, 03, 09)."""

import io

import numpy as np
import pytest
from PIL import Image

from drawing import blank, canvas, dot
from labui import predict
from lenet import load_shipped
from lenet.preprocess import preprocess


@pytest.fixture(scope="module")
def shipped():
    model, meta = load_shipped()
    return model.freeze(), meta


class CountingModel:
    """Wraps a model and counts forward passes."""

    def __init__(self, model):
        self.model, self.calls = model, 0

    def forward(self, x, trace=False):
        self.calls += 1
        return self.model.forward(x, trace=trace)


@pytest.fixture
def counting(shipped):
    return CountingModel(shipped[0]), shipped[1]["reject_penalty"]


# nothing to read: the model is never called (CASE-01.1-2, CASE-09.1-2)
@pytest.mark.parametrize("image", [
    blank(style="S1"), blank(style="S2"), None,
], ids=["S1-black", "S2-transparent", "None"])
def test_empty_canvas_is_empty_and_model_not_called(counting, image):
    model, reject = counting
    reading = predict.read(model, image, reject)
    assert reading.verdict == predict.EMPTY
    assert model.calls == 0
    assert reading.digit is None and reading.penalties is None


def test_cleared_pad_is_empty_whatever_the_pixels(counting):
    # the canvas sends objects [] after its "clear" control (CASE-01.4)
    model, reject = counting
    image = predict.canvas_image(canvas("P7"), {"objects": []})
    assert image is None
    assert predict.read(model, image, reject).verdict == predict.EMPTY
    assert model.calls == 0


def test_canvas_image_passes_a_drawing_through():
    img = canvas("P1")
    assert predict.canvas_image(img, {"objects": [{"type": "path"}]}) is img
    assert predict.canvas_image(img, None) is img
    assert predict.canvas_image(None, {"objects": [{"type": "path"}]}) is None


@pytest.mark.parametrize("style", ["S1", "S2"])
def test_single_dot_is_too_little_ink(counting, style):
    model, reject = counting
    reading = predict.read(model, dot(radius=3, style=style), reject)
    assert reading.verdict == predict.TOO_LITTLE
    assert model.calls == 0
    assert "too little ink" in reading.detail


# real digits: the shipped model reads them, once (CASE-03, CASE-08)
@pytest.mark.parametrize("shape, digit", [("P1", 1), ("P7", 7)])
@pytest.mark.parametrize("style", ["S1", "S2"])
@pytest.mark.parametrize("size", [280, 560])
def test_drawn_digits_are_read(counting, shape, digit, style, size):
    model, reject = counting
    reading = predict.read(model, canvas(shape, size=size, style=style),
                           reject)
    assert reading.digit == digit, reading.penalties
    assert reading.ran and model.calls == 1
    assert reading.penalties.shape == (10,) and reading.f6.shape == (84,)
    assert reading.steps.x.shape == (32, 32)


def test_reading_matches_model_predict(shipped):
    model, meta = shipped
    img = canvas("P7")
    reading = predict.read(model, img, meta["reject_penalty"])
    digits, penalties = model.predict(preprocess(img).x)
    assert reading.digit == digits[0]
    np.testing.assert_allclose(reading.penalties, penalties[0], rtol=1e-6)


def test_f6_output_is_the_traced_f6_layer(shipped):
    # F6 is 84 tanh units: within +-A, and its distance to each template
    # is the RBF penalty (paper eq. 7)
    from lenet.paper import RBF_CENTRES

    model, meta = shipped
    reading = predict.read(model, canvas("P1"), meta["reject_penalty"])
    d2 = ((reading.f6[None] - RBF_CENTRES) ** 2).sum(axis=1)
    np.testing.assert_allclose(d2, reading.penalties, rtol=1e-4, atol=1e-3)


def test_horizontal_line_gets_a_verdict_without_crashing(shipped):
    # CASE-03.3: any answer, but judged by the same rule as everything else
    model, meta = shipped
    reject = meta["reject_penalty"]
    reading = predict.read(model, canvas("H"), reject)
    assert reading.ran
    assert (reading.verdict, reading.reason) == predict.judge(
        reading.penalties, reject)


# the verdict rule, on constructed penalties
def penalties(best, second, winner=3):
    p = np.full(10, 200.0)
    p[winner], p[(winner + 1) % 10] = best, second
    return p


@pytest.mark.parametrize("best, second, expected", [
    (3.0, 60.0, (predict.CONFIDENT, "")),
    (39.9, 90.0, (predict.CONFIDENT, "")),  # just under the threshold
    (40.1, 90.0, (predict.UNCERTAIN, predict.FAR)),  # just over it
    (10.0, 14.9, (predict.UNCERTAIN, predict.TIE)),  # margin 4.9 < 5
    (10.0, 15.1, (predict.CONFIDENT, "")),  # margin 5.1
    (50.0, 50.5, (predict.UNCERTAIN, predict.FAR)),  # far wins over tie
])
def test_judge(best, second, expected):
    assert predict.judge(penalties(best, second), reject=40.0,
                         min_margin=5.0) == expected


def test_judge_ignores_order_of_digits():
    p = penalties(2.0, 3.0, winner=9)  # winner 9, runner-up 0
    assert predict.judge(p, reject=40.0, min_margin=5.0)[1] == predict.TIE


def test_reading_uses_the_reject_threshold(shipped):
    model, _ = shipped
    img = canvas("P1")
    assert predict.read(model, img, reject=1e6).verdict == predict.CONFIDENT
    far = predict.read(model, img, reject=-1.0)
    assert (far.verdict, far.reason) == (predict.UNCERTAIN, predict.FAR)
    assert far.digit == 1  # the closest digit is still reported


# samples and uploads
def test_sample_is_read_as_already_normalised(shipped):
    from labui.state import SAMPLE_FILE

    model, meta = shipped
    with np.load(SAMPLE_FILE) as f:
        images = f["images"]
    reading = predict.sample_reading(model, images, 0, meta["reject_penalty"])
    x = preprocess(images[0], already_normalized=True).x
    np.testing.assert_array_equal(reading.steps.x, x)
    assert reading.digit == model.predict(x)[0][0]


def png_bytes(array):
    buf = io.BytesIO()
    Image.fromarray(array).save(buf, format="PNG")
    return buf.getvalue()


def test_upload_of_dark_ink_on_light_paper(counting):
    model, reject = counting
    grey = 255 - canvas("P7")[..., 0]  # (280, 280) black '7' on white
    reading = predict.read_upload(model, png_bytes(grey), reject)
    assert reading.digit == 7
    assert reading.steps.inverted
    assert model.calls == 1


@pytest.mark.parametrize("data", [b"hello, this is text", b""],
                         ids=["text", "empty"])
def test_broken_upload_is_unreadable(counting, data):
    model, reject = counting
    reading = predict.read_upload(model, data, reject)
    assert reading.verdict == predict.UNREADABLE and reading.detail
    assert model.calls == 0


def test_blank_upload_is_empty(counting):
    model, reject = counting
    white = np.full((100, 100), 255, dtype=np.uint8)
    assert predict.read_upload(model, png_bytes(white),
                               reject).verdict == predict.EMPTY
    assert model.calls == 0


def test_large_upload_is_shrunk_before_preprocessing(shipped):
    model, meta = shipped
    big = np.kron(canvas("P1")[..., 0], np.ones((8, 8), dtype=np.uint8))
    assert big.shape == (2240, 2240)
    steps, refused, _ = predict.prepare_upload(png_bytes(big))
    assert refused is None
    assert max(steps.ink.shape) == predict.UPLOAD_SIDE
    reading = predict.read_steps(model, steps, meta["reject_penalty"])
    assert reading.digit == 1
