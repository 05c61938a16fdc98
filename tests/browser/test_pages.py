"""Pages, languages and inputs in a real browser.

The sidebar navigation and language switch, the MNIST sample and upload
inputs of the draw page, and a short training run. The four learning steps
are in test_students.py.
"""

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from browser_ui import ONE, PAD, choose, draw, go, metric, settle, sidebar
from labui import predict
from labui.i18n import text
from labui.state import SAMPLE_FILE
from lenet import load_shipped

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def shipped():
    """(model, reject penalty) as the app loads them."""
    model, meta = load_shipped()
    return model, meta["reject_penalty"]


def shown(reading):
    """The Prediction metric's text for a Reading (app_pages/draw.py)."""
    if reading.verdict == predict.CONFIDENT:
        return str(reading.digit)
    return text("draw_unsure_value", "en", digit=reading.digit)


def title(page):
    return page.locator("h1").first


def test_language_switch_and_navigation(students):
    page = students().open("/")
    expect(title(page)).to_have_text("Draw a digit")

    # Korean: the title, the navigation and the metric label follow
    sidebar(page).get_by_text("한국어").click()
    expect(title(page)).to_have_text("숫자 그리기")
    settle(page)
    draw(page, ONE)
    expect(metric(page, "예측")).to_have_text("1")

    # another page keeps the language; the drawing survives the round trip
    go(page, "한 단계씩 학습")
    go(page, "숫자 그리기")
    expect(metric(page, "예측")).to_have_text("1")

    # and back to English, on the page we are on
    sidebar(page).get_by_text("English").click()
    expect(title(page)).to_have_text("Draw a digit")
    expect(metric(page, "Prediction")).to_have_text("1")
    go(page, "The C3 table")
    go(page, "Inside the layers")


def digit_png(strokes, width=18):
    """PNG bytes: black ink strokes on white paper, PAD x PAD."""
    image = Image.new("L", (PAD, PAD), 255)
    pen = ImageDraw.Draw(image)
    for stroke in strokes:
        pen.line(stroke, fill=0, width=width, joint="curve")
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def test_sample_and_upload_inputs(students, shipped):
    model, reject = shipped
    with np.load(SAMPLE_FILE, allow_pickle=False) as f:
        images, labels = f["images"], f["labels"]
    page = students().open("/")

    # an MNIST sample: the first one, then the third
    page.get_by_text("Pick an MNIST sample").click()
    for i in (0, 2):
        if i:
            choose(page, "MNIST test digit", text(
                "draw_sample_option", "en", index=i, label=labels[i]))
        want = predict.sample_reading(model, images, i, reject)
        expect(metric(page, "True label")).to_have_text(str(labels[i]))
        expect(metric(page, "Prediction")).to_have_text(shown(want))

    # an upload: a dark 7 on light paper is inverted, then read
    png = digit_png([[(70, 50), (220, 50), (135, 245)]])
    want = predict.read_upload(model, png, reject)
    page.get_by_text("Upload a picture").click()
    page.locator('input[type="file"]').set_input_files(
        files=[{"name": "seven.png", "mimeType": "image/png", "buffer": png}])
    expect(metric(page, "Prediction")).to_have_text(shown(want))
    expect(page.get_by_text(text("draw_inverted", "en"))).to_be_visible()


def test_choices_are_kept_across_pages(students):
    with np.load(SAMPLE_FILE, allow_pickle=False) as f:
        labels = f["labels"]
    page = students().open("/")
    page.get_by_text("Pick an MNIST sample").click()
    sample = text("draw_sample_option", "en", index=2, label=labels[2])
    choose(page, "MNIST test digit", sample)

    go(page, text("nav_c3", "en"))
    go(page, text("nav_draw", "en"))

    expect(page.get_by_role("radio", name="Pick an MNIST sample")).to_be_checked()
    expect(page.get_by_role("combobox", name="MNIST test digit")).to_have_value(
        sample)
    expect(metric(page, "True label")).to_have_text(str(labels[2]))


def test_any_file_reaches_the_app_and_is_explained_in_korean(students):
    # the upload boxes filter no file type: a refusal by the browser would
    # be Streamlit's own, in English
    page = students().open("/?lang=ko")
    expect(title(page)).to_have_text(text("nav_draw", "ko"))
    page.get_by_text(text("draw_mode_upload", "ko")).click()
    page.locator('input[type="file"]').set_input_files(files=[{
        "name": "notes.txt", "mimeType": "text/plain",
        "buffer": b"seven, written out"}])
    reason = text("upload_err_not_an_image", "ko").split("{")[0].strip()
    expect(page.get_by_text(reason)).to_be_visible()

    go(page, text("nav_train", "ko"))
    page.locator('input[type="file"]').set_input_files(files=[{
        "name": "model.pkl", "mimeType": "application/octet-stream",
        "buffer": b"not opened"}])
    refusal = text("train_upload_bad", "ko", name="model.pkl", error=text(
        "weights_err_not_npz_name", "ko", suffix=".pkl"))
    expect(page.get_by_text(refusal)).to_be_visible()


def test_short_training_run_shows_confusion_matrix(students):
    page = students().open("/")
    go(page, "Train")
    passes = page.get_by_label("Passes")
    passes.fill("1")
    passes.press("Enter")
    expect(passes).to_have_value("1")
    settle(page)

    page.get_by_role("button", name="Start training").click()
    heading = page.get_by_role("heading", name="Confusion matrix")
    expect(heading).to_be_visible(timeout=90_000)
    expect(page.get_by_text("Finished:")).to_be_visible()
    expect(page.locator(".main-svg").first).to_be_visible()
