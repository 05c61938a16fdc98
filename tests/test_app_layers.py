"""Headless runs of "Inside the layers" and "The C3 table" (AppTest)."""

import base64
import json

import numpy as np
import pytest

from apptest import open_app
from lenet import ASSETS, load_shipped
from lenet.preprocess import to_network_input

PAGES = ["app_pages/layers.py", "app_pages/c3.py"]


def open_page(page, lang="en", digit=None):
    return open_app(lang, page, None if digit is None else {"digit": digit})


@pytest.fixture(scope="module")
def sample_digit():
    """MNIST sample 2 (a 1) as this user's current digit."""
    from labui.state import Digit

    with np.load(ASSETS / "mnist_sample.npz", allow_pickle=False) as f:
        image, label = f["images"][2:3], int(f["labels"][2])
    return Digit(to_network_input(image)[0, 0], "sample", label)


def figures(at):
    """Every plotly figure on the page, as dicts."""
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def array(z):
    """A figure's z data: plotly sends arrays as typed base64 blobs."""
    if isinstance(z, dict):
        data = np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"])
        shape = [int(n) for n in str(z.get("shape", len(data))).split(",")]
        return data.reshape(shape)
    return np.array(z, dtype=float)


def texts(at):
    return " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_a_digit(page, lang):
    at = open_page(page, lang)
    assert len(at.get("plotly_chart")) > 0
    # no current digit: the page says it shows a sample and offers others
    assert len(at.info) == 1
    assert at.selectbox(key=page.split("/")[1][:-3] + "_sample").value == 0


def test_korean_text_on_the_layers_page():
    at = open_page("app_pages/layers.py", "ko")
    assert at.title[0].value == "층 들여다보기"
    assert "합계: 학습되는 파라미터 60,000개, 연결 340,908개" in texts(at)


def test_layers_page_shows_the_current_digit(sample_digit):
    at = open_page("app_pages/layers.py", digit=sample_digit)
    assert len(at.info) == 0  # no "here is a sample instead" note
    figs = figures(at)
    assert len(figs) > 8

    # the input picture is this digit, the C1 maps are its C1 maps
    model, _ = load_shipped()
    digits, _ = model.predict(sample_digit.x)
    _, records = model.forward(sample_digit.x, trace=True)
    np.testing.assert_allclose(array(figs[0]["data"][0]["z"]), sample_digit.x,
                               atol=1e-6)
    c1 = array(figs[1]["data"][0]["z"])  # 2 rows of 3 maps
    np.testing.assert_allclose(c1[:28, :28], records[0].output[0, 0],
                               atol=1e-5)
    assert f"reads it as **{digits[0]}**" in texts(at)

    # the count table adds up
    assert "Total: 60,000 trainable parameters and 340,908 connections" \
        in texts(at)
    table = at.dataframe[-1].value
    assert list(table.iloc[-1])[2:5:2] == ["60,000", "340,908"]
    assert list(table.iloc[:, 2])[:7] == ["156", "12", "1,516", "32",
                                          "48,120", "10,164", "0"]


@pytest.mark.parametrize("layer", ["c1", "s2", "c3", "s4", "c5", "f6"])
def test_unit_computation_agrees_with_the_engine(sample_digit, layer):
    at = open_page("app_pages/layers.py", digit=sample_digit)
    at.selectbox(key="layers_unit").set_value(layer).run()
    assert not at.exception
    assert len(at.error) == 0
    assert len(at.success) == 1
    code = at.code[0].value
    assert "f(a) = 1.7159 tanh(2/3 · " in code
    # the engine's numbers are in the success line and in the formula
    a = at.success[0].value.split("a = ")[1].split(" ")[0]
    assert f"= {a}\n" in code


def test_field_follows_the_chosen_unit(sample_digit):
    at = open_page("app_pages/layers.py", digit=sample_digit)
    at.selectbox(key="layers_unit").set_value("c3").run()
    at.slider(key="layers_r_c3").set_value(1).run()
    at.slider(key="layers_c_c3").set_value(8).run()
    assert not at.exception
    assert "14x14 pixels of the input, rows 2-15, columns 16-29" in texts(at)


def test_c3_page_lists_the_inputs_of_the_chosen_map(sample_digit):
    at = open_page("app_pages/c3.py", digit=sample_digit)
    assert "reads S2 maps 0, 1, 2 (3 of 6)" in texts(at)
    assert "1,516 parameters instead of 2,416" in texts(at)
    at.selectbox(key="c3_map").set_value(15).run()
    assert not at.exception
    assert "reads S2 maps 0, 1, 2, 3, 4, 5 (6 of 6)" in texts(at)
    at.selectbox(key="c3_map").set_value(13).run()
    assert "reads S2 maps 1, 2, 4, 5 (4 of 6)" in texts(at)
    # the kernels figure shows as many kernels as there are inputs
    kernel_fig = [f for f in figures(at)
                  if "4 kernels" in f["layout"]["title"]["text"]]
    assert len(kernel_fig) == 1


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_c3_page_with_a_digit_in_both_languages(sample_digit, lang):
    at = open_page("app_pages/c3.py", lang, digit=sample_digit)
    at.selectbox(key="c3_map").select_index(6).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) >= 4
    listed = {"en": "S2 maps 0, 1, 2, 3 (4 of 6)", "ko": "S2 맵 0, 1, 2, 3(6개 중"}
    assert listed[lang] in texts(at)
