"""Uploads: every file is decoded or refused with UploadError (CASE-24)."""

import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from drawing import canvas
from lenet.preprocess import preprocess
from lenet.uploads import NOTES, DecodedImage, Note, UploadError, decode_upload

ROOT = Path(__file__).resolve().parent.parent


def save(image, fmt="PNG", **options):
    """Bytes of a Pillow image saved in fmt."""
    buf = io.BytesIO()
    image.save(buf, fmt, **options)
    return buf.getvalue()


def digit_grey():
    """A '7' as (280, 280) uint8, white on black."""
    return canvas("P7")[..., 0]


def png_chunk(kind, payload):
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(
        ">I", zlib.crc32(body))


def huge_1bit_png(side=20000):
    """A valid side x side 1-bit PNG, written by hand.

    Pillow would need side*side bytes of memory to make it; here the
    zero rows are compressed as a stream, so the file is ~50 KB.
    """
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    row = b"\x00" * (1 + (side + 7) // 8)  # filter byte + packed bits
    z = zlib.compressobj(9)
    idat = b"".join(z.compress(row) for _ in range(side)) + z.flush()
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
            + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def bomb():
    return huge_1bit_png()


# refused, with a reason


REFUSED = {
    "zero bytes": (lambda: b"", "empty \\(0 bytes\\)"),
    "text renamed .png": (
        lambda: b"just some notes, not a picture\n" * 10, "not an image"),
    "truncated PNG": (
        lambda: save(Image.fromarray(digit_grey()))[:200],
        "truncated or corrupt"),
    "EPS (not allowed)": (
        lambda: save(Image.new("L", (8, 8)), "EPS"), "not an image"),
    "garbage after PNG magic": (
        lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "not .*image"),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_bad_upload_is_refused(case):
    make, message = REFUSED[case]

    with pytest.raises(UploadError, match=message):
        decode_upload(make())


def test_header_bomb_is_refused_before_decoding(bomb):
    # CASE-24.1: ~50 KB on disk, 400 megapixels decoded
    assert len(bomb) < 100_000

    with pytest.raises(UploadError, match="too large"):
        decode_upload(bomb)


def test_large_image_within_pillow_limit_is_refused_by_ours():
    # 5000 x 5000 passes Pillow's own bomb check but not max_pixels
    data = huge_1bit_png(5000)

    with pytest.raises(UploadError, match="5000x5000 .* limit"):
        decode_upload(data)
    assert decode_upload(data, max_pixels=5000 * 5000).array.shape == (
        5000, 5000)


def test_too_many_bytes():
    data = save(Image.fromarray(digit_grey()))

    with pytest.raises(UploadError, match="the limit is"):
        decode_upload(data, max_bytes=len(data) - 1)


def test_not_bytes():
    with pytest.raises(UploadError, match="expected the upload as bytes"):
        decode_upload("picture.png")


def test_pillow_global_limit_untouched(bomb):
    before = Image.MAX_IMAGE_PIXELS
    with pytest.raises(UploadError):
        decode_upload(bomb)
    assert Image.MAX_IMAGE_PIXELS == before


# decoded, with a note where something was converted


def animated_gif(n_frames=500):
    frames = [Image.new("L", (16, 16), i % 256) for i in range(n_frames)]
    frames[0].paste(255, (4, 4, 12, 12))
    return save(frames[0], "GIF", save_all=True, append_images=frames[1:])


def animated_png():
    frames = [Image.new("RGBA", (16, 16), (i * 40, 0, 0, 255))
              for i in range(3)]
    return save(frames[0], "PNG", save_all=True, append_images=frames[1:])


def sixteen_bit_png():
    a = np.array([[0, 32896, 65535]], dtype=np.uint16)
    im = Image.fromarray(a)
    assert im.mode == "I;16"
    return save(im)


def cmyk_jpeg():
    return save(Image.new("CMYK", (20, 10), (0, 0, 0, 255)), "JPEG")


def palette_png(transparent):
    im = Image.new("P", (4, 4), 0)
    im.putpalette([0, 0, 0, 255, 255, 255] + [0] * 762)
    im.putpixel((1, 1), 1)
    options = {"transparency": 0} if transparent else {}
    return save(im, "PNG", **options)


def la_png():
    la = np.zeros((6, 6, 2), np.uint8)
    la[2:4, 2:4, 1] = 255  # black ink, opaque; the rest transparent
    return save(Image.fromarray(la, "LA"))


def one_bit_png():
    return save(Image.fromarray(digit_grey() > 127).convert("1"))


DECODED = {
    # a GIF is a palette image: it comes back as RGBA
    "animated GIF, 500 frames": (animated_gif, (16, 16, 4), "first frame"),
    "animated PNG": (animated_png, (16, 16, 4), "first frame"),
    "16-bit PNG": (sixteen_bit_png, (1, 3), "16-bit"),
    "CMYK JPEG": (cmyk_jpeg, (10, 20, 4), "CMYK"),
    "palette PNG, transparent": (
        lambda: palette_png(True), (4, 4, 4), "transparency"),
    "palette PNG, opaque": (lambda: palette_png(False), (4, 4, 4), "palette"),
    "LA PNG": (la_png, (6, 6, 4), "transparency"),
    "1-bit PNG": (one_bit_png, (280, 280), "1-bit"),
    "grey PNG": (lambda: save(Image.fromarray(digit_grey())), (280, 280),
                 None),
    "RGB JPEG": (lambda: save(Image.new("RGB", (9, 7), "white"), "JPEG"),
                 (7, 9, 4), None),
    "BMP": (lambda: save(Image.new("L", (5, 5)), "BMP"), (5, 5), None),
}


@pytest.mark.parametrize("case", DECODED, ids=list(DECODED))
def test_upload_is_decoded(case):
    make, shape, note = DECODED[case]

    out = decode_upload(make())

    assert isinstance(out, DecodedImage)
    assert out.array.dtype == np.uint8 and out.array.shape == shape
    if note is None:
        assert out.notes == []
    else:
        assert any(note in str(n) for n in out.notes), out.notes


def test_every_note_can_be_said_in_both_languages():
    from labui.i18n import text

    for code in NOTES:
        params = {"bits": 16, "mode": "LA"}
        english = text(f"upload_note_{code}", "en", **params)
        assert english == str(Note(code, {k: params[k] for k in params
                                          if "{" + k + "}" in NOTES[code]}))
        assert text(f"upload_note_{code}", "ko", **params) != english


def test_animated_gif_gives_the_first_frame():
    a = decode_upload(animated_gif(5)).array

    # frame 0: a white square on black
    assert a[8, 8].tolist() == [255] * 4 and a[0, 0].tolist() == [0, 0, 0, 255]


def test_sixteen_bit_values_scaled_to_eight():
    assert decode_upload(sixteen_bit_png()).array.tolist() == [[0, 128, 255]]


def test_palette_transparency_kept_as_alpha():
    a = decode_upload(palette_png(True)).array

    assert a[0, 0, 3] == 0 and a[1, 1].tolist() == [255, 255, 255, 255]


# decoded uploads feed the one preprocessing function


@pytest.mark.parametrize("case", ["grey", "dark on light", "S2 RGBA",
                                  "1-bit"])
def test_upload_then_preprocess_matches_canvas(case):
    grey = digit_grey()
    image = {
        "grey": Image.fromarray(grey),
        "dark on light": Image.fromarray(255 - grey),
        "S2 RGBA": Image.fromarray(canvas("P7", style="S2"), "RGBA"),
        "1-bit": Image.fromarray(grey > 127).convert("1"),
    }[case]
    reference = preprocess(canvas("P7")).x

    x = preprocess(decode_upload(save(image)).array).x

    # 1-bit loses the antialiased edges; the rest is exact
    bound = 0.02 if case == "1-bit" else 1e-6
    assert np.abs(x - reference).mean() < bound


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF"])
@pytest.mark.parametrize("seed", range(8))
def test_damaged_files_never_raise_anything_else(fmt, seed):
    # overwrite a few random bytes: the result is an image or UploadError
    data = bytearray(save(Image.fromarray(digit_grey()), fmt))
    rng = np.random.default_rng(seed)
    where = rng.integers(0, len(data), 6)
    data[where[0]:where[0] + 3] = b"\xff\x00\x13"
    for i in where[1:]:
        data[i] = int(rng.integers(0, 256))

    try:
        out = decode_upload(bytes(data))
    except UploadError:
        return
    assert out.array.dtype == np.uint8


def test_a_huge_image_is_refused_without_a_warning_in_the_log(tmp_path):
    # 100 million pixels: over Pillow's own warning threshold (89 million),
    # which would print a DecompressionBombWarning to the server's log
    image = Image.new("1", (10_000, 10_000))
    path = tmp_path / "huge.png"
    image.save(path, format="PNG")
    code = ("import sys; from lenet.uploads import decode_upload, UploadError\n"
            "try:\n    decode_upload(open(sys.argv[1], 'rb').read())\n"
            "except UploadError as e:\n    print(e.code)\n")
    run = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.stdout.strip() == "too_many_pixels", run.stderr
    assert "Warning" not in run.stderr, run.stderr
