"""Hostile files through the real pages: a message, never a traceback.

Images go through the draw page's upload mode, weights files through the
train page's uploader (CASE-24). A file that can be read is read (with a
note on what was converted); one that cannot changes nothing: the current
digit and the user's model stay what they were. Cases already covered in
test_app_draw.py and test_app_train.py are not repeated here.
"""

import io
import os
import tomllib
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from apptest import open_app, run
from drawing import canvas
from labui import stepper
from labui.i18n import text
from lenet import load_shipped, uploads, weights
from lenet.preprocess import preprocess
from lenet.uploads import UploadError, decode_upload
from drawing import canvas_state, png
from test_app_train import changed_model_bytes, npz, params, same
from test_uploads import huge_1bit_png, save

ROOT = Path(__file__).resolve().parent.parent
PREDICTION = "Prediction"


@pytest.fixture(scope="module")
def model():
    return load_shipped()[0]


def digit_grey():
    """A '7', white on black: uint8 (280, 280)."""
    return canvas("P7")[..., 0]


def paper_grey():
    """A '7', dark ink on light paper, as a photo of a page would be."""
    return 255 - digit_grey()


# the draw page's upload mode


def drawn_then_upload_mode():
    """The draw page after drawing a '1', switched to upload mode."""
    at = open_app()
    at.session_state["draw_canvas_0"] = canvas_state(canvas("P1"))
    run(at)
    at.radio(key="draw_mode").set_value("upload")
    return run(at)


def upload_image(at, name, data, mime="image/png"):
    at.file_uploader(key="draw_upload").set_value([(name, data, mime)])
    return run(at)


def prediction(at):
    found = [m.value for m in at.metric if m.label == PREDICTION]
    return found[0] if found else None


def messages(at):
    return [m.value for m in list(at.error) + list(at.warning)]


def notes(at):
    return " ".join(c.value for c in at.caption)


def assert_unchanged(at, model):
    """The current digit is still the drawn '1'; the model is untouched."""
    digit = at.session_state["digit"]
    assert digit.source == "drawing"
    np.testing.assert_array_equal(digit.x, preprocess(canvas("P1")).x)
    assert stepper.checksum(at.session_state["model"]) == stepper.checksum(
        model)


def zip_named_png():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "not a picture")
    return buf.getvalue()


REFUSED_IMAGES = {
    # name: (file name, bytes, why: the UploadError's code)
    "zero bytes": ("empty.png", lambda: b"", "empty"),
    "truncated PNG": ("cut.png", lambda: png(digit_grey())[:200], "corrupt"),
    "a zip archive named .png": ("archive.png", zip_named_png,
                                 "not_an_image"),
    "20000x20000 1-bit PNG": ("bomb.png", huge_1bit_png, "too_many_pixels"),
    "30 MB file": ("big.png", lambda: png(digit_grey()) + bytes(30 << 20),
                   "file_too_big"),
}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("case", list(REFUSED_IMAGES))
def test_an_unreadable_image_is_a_message_and_changes_nothing(model, case,
                                                              lang):
    name, make, why = REFUSED_IMAGES[case]
    data = make()
    with pytest.raises(UploadError) as refused:
        decode_upload(data)
    assert refused.value.code == why
    at = drawn_then_upload_mode()
    at.session_state["lang"] = lang
    upload_image(at, name, data)
    assert prediction(at) is None
    # the reason, in the student's language, with the file's own numbers
    said = text(f"upload_err_{why}", lang, **refused.value.params)
    assert messages(at) == [said]
    assert_unchanged(at, model)


def rss_mb():
    with open(f"/proc/{os.getpid()}/status") as f:
        kb = next(int(line.split()[1]) for line in f
                  if line.startswith("VmRSS"))
    return kb / 1024


def test_a_header_bomb_costs_no_memory(model):
    at = drawn_then_upload_mode()
    data = huge_1bit_png()
    before = rss_mb()
    upload_image(at, "bomb.png", data)
    grown = rss_mb() - before
    assert grown < 50, f"RSS grew by {grown:.0f} MB"  # decoded: 400 MB
    assert messages(at)
    assert_unchanged(at, model)


def test_a_file_with_a_foreign_extension_is_a_message(model):
    at = drawn_then_upload_mode()
    at.file_uploader(key="draw_upload").set_value(
        [("notes.txt", b"hello, not a digit", "text/plain")])
    at.run()
    assert not at.exception, at.exception
    assert messages(at)
    assert_unchanged(at, model)


def animated_gif():
    """Frame 0 a '7', then three frames of a '1'."""
    one = Image.fromarray(canvas("P1")[..., 0])
    first = Image.fromarray(digit_grey())
    return save(first, "GIF", save_all=True, append_images=[one] * 3)


def sixteen_bit_png():
    a = paper_grey().astype(np.uint16) * 257  # 255 -> 65535
    return save(Image.fromarray(a))


def cmyk_jpeg():
    return save(Image.fromarray(paper_grey()).convert("CMYK"), "JPEG",
                quality=95)


def palette_png():
    return save(Image.fromarray(paper_grey()).quantize(8))


def transparent_png():
    """Black ink on a transparent background: the ink is only in alpha."""
    return png(canvas("P7", style="S2"))


CONVERTED = {
    # name: (file name, bytes, mime, the note the page shows)
    "animated GIF": ("seven.gif", animated_gif, "image/gif", "first_frame"),
    "16-bit PNG": ("seven16.png", sixteen_bit_png, "image/png", "deep_grey"),
    "CMYK JPEG": ("seven.jpg", cmyk_jpeg, "image/jpeg", "cmyk"),
    "palette PNG": ("seven-p.png", palette_png, "image/png", "palette"),
    "transparent PNG": ("seven-a.png", transparent_png, "image/png", None),
}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("case", list(CONVERTED))
def test_an_unusual_image_is_converted_and_read(model, case, lang):
    name, make, mime, note = CONVERTED[case]
    at = drawn_then_upload_mode()
    at.session_state["lang"] = lang
    upload_image(at, name, make(), mime)
    assert not at.error, [e.value for e in at.error]

    # the page reads the picture the user meant: a '7'
    shown = [m.value for m in at.metric
             if m.label == text("draw_prediction", lang)]
    want = str(model.predict(preprocess(digit_grey()).x)[0][0])
    assert shown and shown[0].strip("?() ").endswith(want), shown
    assert at.session_state["digit"].source == "upload"
    if note is not None:  # in the student's language
        params = {"bits": 16} if note == "deep_grey" else {}
        assert text(f"upload_note_{note}", lang, **params) in notes(at), \
            notes(at)


# the upload limit


def test_the_classroom_config_limits_uploads():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    limit = config["server"]["maxUploadSize"]
    assert 1 <= limit <= 10
    assert config["browser"]["gatherUsageStats"] is False

    # the limit the browser is told to enforce on the draw page's uploader
    at = drawn_then_upload_mode()
    sent = at.file_uploader(key="draw_upload").proto.max_upload_size_mb
    assert sent == limit
    assert limit << 20 <= uploads.MAX_BYTES + (2 << 20)


# the train page's weights uploader


def zip_of_text():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("c1.W.txt", "0.1 0.2 0.3")
    return buf.getvalue()


def shipped_state():
    return load_shipped()[0].state()


def renamed():
    state = shipped_state()
    state["c5.bias"] = state.pop("c5.b")
    return npz(**state)


def integers():
    state = shipped_state()
    state["c1.W"] = np.round(state["c1.W"] * 100).astype(np.int32)
    return npz(**state)


def strings():
    state = shipped_state()
    state["f6.b"] = np.array(["0.1"] * 84)
    return npz(**state)


def infinite():
    state = shipped_state()
    state["f6.W"] = state["f6.W"].copy()
    state["f6.W"][3, 4] = np.inf
    return npz(**state)


def expanding():
    """A small file whose member would expand to 8 MB."""
    buf = io.BytesIO()
    np.savez_compressed(buf, **shipped_state(),
                        **{"extra.big": np.zeros((1024, 1024))})
    return buf.getvalue()


def meta_not_json():
    state = shipped_state()
    return npz(**state, __meta__=np.array("{not json"))


def future_version():
    state = shipped_state()
    return npz(**state, __meta__=np.array('{"format_version": 99}'))


def truncated():
    data, _ = changed_model_bytes(0.1)
    return data[: len(data) // 2]


BROKEN_WEIGHTS = {
    # name: (file name, bytes, words the message must contain)
    "zero bytes": ("empty.npz", lambda: b"", "empty"),
    "a zip of text": ("text.npz", zip_of_text, "not an array (.npy)"),
    "truncated": ("half.npz", truncated, "refused"),
    "renamed parameter": ("renamed.npz", renamed, "c5.bias"),
    "integer weights": ("ints.npz", integers, "int32"),
    "text weights": ("strings.npz", strings, "floating-point"),
    "infinity": ("inf.npz", infinite, "not numbers (NaN or infinity)"),
    "expands to 8 MB": ("bomb.npz", expanding, "would unpack to"),
    "9 MB file": ("huge.npz", lambda: bytes(9 << 20), "limit"),
    "metadata not JSON": ("meta.npz", meta_not_json, "JSON"),
    "future format": ("v99.npz", future_version, "version 99"),
    "a PNG renamed .npz": ("digit.npz", lambda: png(digit_grey()),
                           "not an .npz"),
    "a PNG called .png": ("digit.png", lambda: png(digit_grey()),
                          "only .npz weights files are opened"),
}


def train_page_with_my_model():
    """The train page after uploading a changed model: (AppTest, params)."""
    at = open_app(page="app_pages/train.py")
    data, mine = changed_model_bytes(0.3)
    at.file_uploader(key="train_upload").set_value(
        ("mine.npz", data, "application/octet-stream"))
    run(at)
    assert same(params(at), mine)
    return at, mine


@pytest.mark.parametrize("case", list(BROKEN_WEIGHTS))
def test_a_broken_weights_file_is_a_message_and_changes_nothing(case):
    name, make, words = BROKEN_WEIGHTS[case]
    at, mine = train_page_with_my_model()
    at.file_uploader(key="train_upload").set_value(
        (name, make(), "application/octet-stream"))
    run(at)

    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors
    assert f"{name} was refused" in errors[0]
    assert words in errors[0], errors[0]
    assert same(params(at), mine)
    assert at.session_state["model_changed"]


def test_the_weights_uploader_has_its_own_limit():
    at, _ = train_page_with_my_model()
    sent = at.file_uploader(key="train_upload").proto.max_upload_size_mb
    assert sent == weights.MAX_FILE_BYTES >> 20
