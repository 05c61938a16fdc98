"""One preprocessing path for drawings, uploads and MNIST (CASES 01-08)."""


import numpy as np
import pytest
from scipy import ndimage

from drawing import blank, canvas, dot, ink, to_rgba
from lenet.preprocess import (
    EmptyDrawing,
    InputError,
    Preprocessed,
    TooLittleInk,
    canvas_to_image,
    preprocess,
    to_network_input,
)

BG, FG = np.float32(-0.1), np.float32(1.175)
EIGHT = np.ones((3, 3))  # 8-connectivity for ndimage.label


def ink_box(img, level=0.2):
    """(height, width) of the pixels above level."""
    rows = np.flatnonzero((img > level).any(axis=1))
    cols = np.flatnonzero((img > level).any(axis=0))
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


def n_components(img, level=0.2):
    """Number of 8-connected blobs of pixels above level."""
    return ndimage.label(img > level, structure=EIGHT)[1]


@pytest.fixture(scope="module")
def mnist_test(mnist_test_full):
    images, labels = mnist_test_full
    return images[:200], labels[:200]


# the result and its intermediate steps


def test_result_holds_every_step():
    p = preprocess(canvas("P1"))

    assert isinstance(p, Preprocessed)
    assert p.x.shape == (32, 32) and p.x.dtype == np.float32
    assert p.ink.shape == (280, 280)
    top, bottom, left, right = p.bbox
    np.testing.assert_array_equal(p.cropped, p.ink[top:bottom, left:right])
    assert p.scaled.shape == (20, 2)  # a '1' keeps its aspect: 20 x 2
    assert p.centred.shape == (28, 28)
    assert p.scaled.max() == 1.0 and p.centred.max() == 1.0
    assert p.inverted is False
    assert 0.005 < p.ink_fraction < 0.2


def test_background_and_full_ink_values():
    x = preprocess(canvas("P7")).x

    assert x.min() == BG and x.max() == FG


# CASE-03: size normalisation keeps the aspect, centre of mass at the centre


@pytest.mark.parametrize("shape, tall, wide", [
    ("P1", (19, 21), (1, 5)),   # a '1' stays thin
    ("P7", (19, 21), (11, 16)),  # a '7' is about 14 wide
    ("H", (1, 5), (19, 21)),    # a flat line: 20 wide, no division by zero
])
def test_box_keeps_aspect_and_centres_mass(shape, tall, wide):
    p = preprocess(canvas(shape))
    h, w = ink_box(p.centred)

    assert tall[0] <= h <= tall[1] and wide[0] <= w <= wide[1], (h, w)
    com = ndimage.center_of_mass(p.centred)
    assert np.allclose(com, (14, 14), atol=0.5), com
    com32 = ndimage.center_of_mass(p.x - BG)
    assert np.allclose(com32, (16, 16), atol=0.5), com32


@pytest.mark.parametrize("scale, offset", [
    (0.4, (-80, -80)),   # small, top-left corner
    (0.25, (100, -100)),  # tiny, top-right corner
    (0.5, (70, 70)),     # half size, bottom-right
    (1.3, (0, 0)),       # large, nearly filling the canvas
])
def test_same_digit_anywhere_any_size_gives_same_input(scale, offset):
    reference = preprocess(canvas("P3")).x
    moved = preprocess(canvas("P3", scale=scale, offset=offset)).x

    # measured about 0.002-0.015; a different digit differs by about 0.2
    diff = np.abs(moved - reference).mean()
    assert diff < 0.03, f"mean |diff| {diff:.4f} for scale {scale}"


def test_different_digits_differ_by_far_more():
    # makes the bound above meaningful
    diff = np.abs(preprocess(canvas("P3")).x - preprocess(canvas("P7")).x)
    assert diff.mean() > 0.1


# CASE-04: polarity, alpha and value scale


@pytest.mark.parametrize("shape", ["P1", "P3", "P7"])
def test_dark_on_light_equals_light_on_dark(shape):
    light_on_dark = canvas(shape, style="S1")
    dark_on_light = light_on_dark.copy()
    dark_on_light[..., :3] = 255 - dark_on_light[..., :3]

    a, b = preprocess(light_on_dark), preprocess(dark_on_light)

    assert not a.inverted and b.inverted
    np.testing.assert_allclose(a.x, b.x, atol=1e-6)


@pytest.mark.parametrize("shape", ["P1", "P3", "P7"])
def test_ink_only_in_alpha_is_seen(shape):
    # S2: transparent background, black ink: the colour planes are all 0
    s2 = canvas(shape, style="S2")
    assert s2[..., :3].max() == 0

    p = preprocess(s2)

    np.testing.assert_allclose(p.x, preprocess(canvas(shape)).x, atol=1e-6)


def test_white_ink_on_transparent_background_is_seen():
    s2 = canvas("P7", style="S2")
    s2[..., :3] = 255

    np.testing.assert_allclose(preprocess(s2).x, preprocess(canvas("P7")).x,
                               atol=1e-6)


def grey_p3():
    return canvas("P3")[..., 0]  # (280, 280) uint8, white on black


@pytest.mark.parametrize("make", [
    lambda g: g,
    lambda g: np.dstack([g, g, g]),
    lambda g: np.dstack([g, g, g, np.full_like(g, 255)]),
], ids=["grey", "rgb", "rgba"])
def test_uint8_float01_float255_identical(make):
    img = make(grey_p3())
    xs = [preprocess(v).x for v in (img, img / 255.0, img.astype(float))]

    assert np.abs(xs[0] - xs[1]).max() < 1e-6
    assert np.abs(xs[0] - xs[2]).max() < 1e-6


def test_photo_like_upload_leaves_no_speckle():
    # CASE-04.4: grey paper 200 with uniform noise +-20, ink 40
    cover = ink([[(70, 60), (200, 60), (110, 230)]], 14)
    rng = np.random.default_rng(0)
    paper = 200 + rng.integers(-20, 21, cover.shape)
    photo = np.rint(paper * (1 - cover) + 40 * cover).astype(np.uint8)

    p = preprocess(photo)
    clean = preprocess(np.rint(cover * 255).astype(np.uint8))

    assert p.inverted
    # everything outside the clean digit's box (grown by 1 px) is background
    rows = np.flatnonzero((clean.x > BG).any(axis=1))
    cols = np.flatnonzero((clean.x > BG).any(axis=0))
    outside = np.ones((32, 32), bool)
    outside[rows[0] - 1:rows[-1] + 2, cols[0] - 1:cols[-1] + 2] = False
    assert np.all(p.x[outside] == BG), p.x[outside].max()
    assert np.abs(p.x - clean.x).mean() < 0.05


def test_inverted_mnist_upload(mnist_test):
    # CASE-04.1: a 28x28 digit stored as 255 - x is inverted back
    digit = mnist_test[0][0]

    a, b = preprocess(digit), preprocess(255 - digit)

    assert b.inverted and not a.inverted
    np.testing.assert_allclose(a.x, b.x, atol=1e-6)


# CASE-01: nothing or too little drawn


@pytest.mark.parametrize("image", [
    blank(style="S1"),
    blank(style="S2"),
    np.zeros((28, 28)),
    np.full((50, 50), 255, np.uint8),  # white paper, nothing on it
], ids=["S1 blank", "S2 all zero", "float zeros", "white paper"])
def test_empty_image_is_refused(image):
    with pytest.raises(EmptyDrawing, match="draw a digit first"):
        preprocess(image)


@pytest.mark.parametrize("style", ["S1", "S2"])
def test_single_tap_is_too_little_ink(style):
    with pytest.raises(TooLittleInk, match="too little ink") as info:
        preprocess(dot(radius=3, style=style))
    assert "392" in str(info.value)  # 0.5 % of 280 x 280


def test_ink_errors_are_input_errors():
    # pages can catch InputError (a ValueError) for every refusal
    assert issubclass(EmptyDrawing, InputError)
    assert issubclass(TooLittleInk, InputError)
    assert issubclass(InputError, ValueError)


@pytest.mark.parametrize("bad, message", [
    (np.zeros(784), "shape \\(784,\\)"),
    (np.zeros((28, 28, 5)), "shape \\(28, 28, 5\\)"),
    (np.zeros((1, 28, 28, 1)), "shape \\(1, 28, 28, 1\\)"),
    (np.zeros((0, 28)), "non-empty"),
    (np.full((28, 28), np.nan), "1 NaN|784 NaN"),
    (np.full((28, 28), -1.0), "0..255"),
    (np.full((28, 28), 300.0), "0..255"),
    (np.array([["a"]]), "dtype"),
], ids=["flat", "5 channels", "4-D", "no rows", "NaN", "negative",
        "above 255", "strings"])
def test_wrong_input_names_expected_and_got(bad, message):
    with pytest.raises(InputError, match=message):
        preprocess(bad)


# CASE-07: area averaging keeps thin strokes connected


@pytest.mark.parametrize("width", [2, 8, 18, 40])
def test_area_averaging_keeps_a_3_in_one_piece(width):
    centred = preprocess(canvas("P3", width=width)).centred

    assert centred.max() == 1.0
    assert n_components(centred) == 1


def test_nearest_neighbour_breaks_a_thin_3():
    # the reference check: the test above would notice a nearest resize
    centred = preprocess(canvas("P3", width=2), resample="nearest").centred

    assert n_components(centred) > 1


# CASE-08: device pixel ratio and zoom


@pytest.mark.parametrize("size", [560, 252])
@pytest.mark.parametrize("shape", ["P1", "P3"])
def test_canvas_resolution_does_not_matter(shape, size):
    reference = preprocess(canvas(shape)).x
    other = preprocess(canvas(shape, size=size)).x

    diff = np.abs(other - reference).mean()
    assert diff < 0.02, f"{size}px vs 280px: mean |diff| {diff:.4f}"


def test_flat_buffer_of_the_right_size_is_reshaped():
    image = canvas("P7")

    np.testing.assert_array_equal(
        canvas_to_image(image.ravel().tolist(), 280, 280), image)


def test_flat_buffer_size_mismatch_is_refused():
    buffer = canvas("P1", size=560).ravel()  # DPR 2, declared 280 x 280

    with pytest.raises(InputError,
                       match="buffer size does not match canvas size") as e:
        canvas_to_image(buffer, 280, 280)
    assert "1254400" in str(e.value) and "313600" in str(e.value)


# MNIST digits pass through unchanged apart from padding and scaling


def test_already_normalized_equals_to_network_input_synthetic():
    rng = np.random.default_rng(0)
    digit = rng.integers(0, 256, (28, 28)).astype(np.uint8)

    p = preprocess(digit, already_normalized=True)

    np.testing.assert_array_equal(p.x, to_network_input(digit[None])[0, 0])
    np.testing.assert_array_equal(p.centred, digit / 255.0)


def test_already_normalized_equals_to_network_input_mnist(mnist_test):
    images, _ = mnist_test
    expected = to_network_input(images)[:, 0]

    got = np.stack([preprocess(d, already_normalized=True).x
                    for d in images])

    np.testing.assert_array_equal(got, expected)


def test_already_normalized_wants_28x28():
    with pytest.raises(InputError, match="\\(28, 28\\).*\\(32, 32\\)"):
        preprocess(np.zeros((32, 32)), already_normalized=True)


def test_mnist_through_full_pipeline_stays_close(mnist_test):
    # MNIST digits are already normalised: redoing it changes little
    # (measured about 0.02: MNIST centred by whole pixels, we by subpixel)
    images, _ = mnist_test
    diffs = [np.abs(preprocess(d).x - preprocess(d, already_normalized=True)
                    .x).mean() for d in images[:50]]

    assert np.mean(diffs) < 0.05, np.mean(diffs)


def test_rgba_helper_styles():
    cover = np.zeros((4, 4))
    cover[1, 2] = 1.0
    s1, s2 = to_rgba(cover, "S1"), to_rgba(cover, "S2")

    assert s1[1, 2].tolist() == [255, 255, 255, 255]
    assert s1[0, 0].tolist() == [0, 0, 0, 255]
    assert s2[1, 2].tolist() == [0, 0, 0, 255]
    assert s2[0, 0].tolist() == [0, 0, 0, 0]
