"""Headless runs of the "Draw a digit" page (AppTest), both languages.

AppTest cannot draw: a drawing is injected as the canvas component's
state under its key, as the browser would send it (BROWSER-TESTING.md).
"""

import numpy as np
import pytest

from apptest import open_app
from drawing import blank, canvas, canvas_state, png
from lenet import load_shipped
from lenet.preprocess import preprocess

CANVAS_KEY = "draw_canvas_0"  # app_pages/draw.py: f"draw_canvas_{counter}"
PREDICTION = {"en": "Prediction", "ko": "예측"}
PROMPT = {"en": "Draw a digit first", "ko": "먼저 숫자를 그려"}


@pytest.fixture(scope="module")
def model():
    return load_shipped()[0]


def open_page(lang="en"):
    return open_app(lang)


def prediction(at, lang):
    found = [m for m in at.metric if m.label == PREDICTION[lang]]
    return found[0].value if found else None


def expected_digit(model, image, **kw):
    return str(model.predict(preprocess(image, **kw).x)[0][0])


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_empty_pad_shows_prompt_and_no_prediction(lang):
    at = open_page(lang)
    assert prediction(at, lang) is None
    assert any(PROMPT[lang] in i.value for i in at.info)
    assert "digit" not in at.session_state


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("shape", ["P1", "P7"])
def test_drawing_is_predicted(model, lang, shape):
    at = open_page(lang)
    img = canvas(shape)
    at.session_state[CANVAS_KEY] = canvas_state(img)
    at.run()
    assert not at.exception, at.exception
    assert prediction(at, lang) == expected_digit(model, img)
    assert len(at.get("plotly_chart")) == 3  # steps, penalties, F6
    digit = at.session_state["digit"]
    assert digit.source == "drawing"
    np.testing.assert_array_equal(digit.x, preprocess(img).x)


def test_all_black_pad_and_cleared_pad_show_the_prompt():
    at = open_page()
    at.session_state[CANVAS_KEY] = canvas_state(canvas("P7"))
    at.run()
    assert prediction(at, "en") == "7"

    # the canvas toolbar's "clear": objects [] and a black image
    at.session_state[CANVAS_KEY] = canvas_state(blank(), objects=())
    at.run()
    assert not at.exception, at.exception
    assert prediction(at, "en") is None
    assert any(PROMPT["en"] in i.value for i in at.info)
    assert "digit" not in at.session_state


def test_dot_says_too_little_ink():
    from drawing import dot

    at = open_page()
    at.session_state[CANVAS_KEY] = canvas_state(dot())
    at.run()
    assert not at.exception, at.exception
    assert prediction(at, "en") is None
    assert any("Too little ink" in w.value for w in at.warning)


def test_clear_button_empties_the_pad():
    at = open_page()
    at.session_state[CANVAS_KEY] = canvas_state(canvas("P1"))
    at.run()
    assert prediction(at, "en") == "1"
    at.button(key="draw_clear").click().run()
    assert not at.exception, at.exception
    assert prediction(at, "en") is None
    assert "digit" not in at.session_state


def test_drawing_survives_a_page_switch():
    at = open_page()
    at.session_state[CANVAS_KEY] = canvas_state(canvas("P7"))
    at.run()
    at.switch_page("app_pages/c3.py").run()
    at.switch_page("app_pages/draw.py").run()
    assert not at.exception, at.exception
    assert prediction(at, "en") == "7"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_sample_pick_shows_true_label(model, lang):
    from labui.state import SAMPLE_FILE

    with np.load(SAMPLE_FILE) as f:
        images, labels = f["images"], f["labels"]
    at = open_page(lang)
    at.radio(key="draw_mode").set_value("sample").run()
    at.selectbox(key="draw_sample").set_value(7).run()
    assert not at.exception, at.exception
    true = [m.value for m in at.metric if m.label != PREDICTION[lang]]
    assert true == [str(labels[7])]
    want = expected_digit(model, images[7], already_normalized=True)
    assert prediction(at, lang).strip("?() ").endswith(want)
    assert at.session_state["digit"].label == labels[7]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_upload_is_predicted(model, lang):
    grey = 255 - canvas("P7")[..., 0]  # dark '7' on light paper
    at = open_page(lang)
    at.radio(key="draw_mode").set_value("upload").run()
    at.file_uploader(key="draw_upload").set_value(
        [("seven.png", png(grey), "image/png")]).run()
    assert not at.exception, at.exception
    assert prediction(at, lang) == expected_digit(model, grey)
    assert at.session_state["digit"].source == "upload"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_broken_upload_shows_a_message_and_changes_nothing(lang):
    at = open_page(lang)
    drawn = canvas("P7")
    at.session_state[CANVAS_KEY] = canvas_state(drawn)
    at.run()
    at.radio(key="draw_mode").set_value("upload").run()
    at.file_uploader(key="draw_upload").set_value(
        [("digit.png", b"this is not a picture", "image/png")]).run()
    assert not at.exception, at.exception
    assert len(at.error) == 1
    assert prediction(at, lang) is None

    # the current digit is still the drawing
    digit = at.session_state["digit"]
    assert digit.source == "drawing"
    np.testing.assert_array_equal(digit.x, preprocess(drawn).x)
