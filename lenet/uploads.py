"""Decode user-uploaded images safely, with Pillow.

Everything an upload can do wrong becomes an `UploadError` with a message
a page can show: empty or oversized files, non-images, truncated files,
and decompression bombs (a 20000x20000 1-bit PNG is ~50 KB on disk but
hundreds of MB decoded). The pixel count is checked from the header,
before any pixel is decoded. Only plain raster formats are opened.
"""

from __future__ import annotations

import io
import logging
import warnings
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024  # 10 MB
MAX_PIXELS = 4096 * 4096

# Pillow warns about images over 89 million pixels when it opens them; the
# pixel count is checked here against a far lower limit right after opening,
# so the warning would only repeat a refusal in the server's log
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)

# NOTE: an allowlist keeps Pillow away from formats that call external
# programs (EPS runs Ghostscript) or are rarely what a student means.
FORMATS = ("PNG", "JPEG", "GIF", "BMP", "WEBP", "TIFF")


class UploadError(ValueError):
    """The upload cannot be turned into an image; the message says why.

    `code` names the reason ('empty', 'file_too_big', 'too_many_pixels',
    'not_an_image', 'corrupt', 'not_bytes') and `params` holds the numbers
    in the message, so that an app can say it in its user's language.
    """

    def __init__(self, code, message, **params):
        super().__init__(message)
        self.code = code
        self.params = params


# what decoding may do on the way, in English; Note.code is the key
NOTES = {
    "first_frame": "animated image: using the first frame",
    "exif_rotated": "rotated according to the photo's EXIF orientation",
    "one_bit": "1-bit image converted to grey",
    "deep_grey": "{bits}-bit grey image scaled to 8 bits",
    "float_grey": "floating-point image scaled to 8 bits",
    "cmyk": "CMYK image converted to RGB",
    "palette_alpha": "palette image with transparency kept as alpha",
    "palette": "palette image converted to RGB",
    "alpha": "{mode} image with transparency kept as alpha",
}


@dataclass(frozen=True)
class Note:
    """One thing decoding did; str() says it in English (NOTES)."""

    code: str
    params: dict = field(default_factory=dict)

    def __str__(self):
        return NOTES[self.code].format(**self.params)


@dataclass(frozen=True)
class DecodedImage:
    """A decoded upload.

    array: uint8 (H, W) grey, or (H, W, 4) RGBA for colour or
        transparent images.
    notes: [Note] of what was done on the way, e.g. "animated image: using
        the first frame", for the page to show.
    """

    array: np.ndarray
    notes: list = field(default_factory=list)


def decode_upload(data, max_bytes=MAX_BYTES, max_pixels=MAX_PIXELS):
    """Decode uploaded bytes into a uint8 grey or RGBA array.

    data: the file's bytes.
    max_bytes: larger files are refused unread.
    max_pixels: images whose header declares more pixels are refused
        before decoding.
    Returns a DecodedImage; raises UploadError, never anything else.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise UploadError(
            "not_bytes", f"expected the upload as bytes, got {type(data).__name__}"
        )
    data = bytes(data)
    if len(data) == 0:
        raise UploadError("empty", "the file is empty (0 bytes)")
    if len(data) > max_bytes:
        raise UploadError(
            "file_too_big",
            f"the file is {_size(len(data))}; the limit is {_size(max_bytes)}",
            size=_size(len(data)), limit=_size(max_bytes))

    # open reads the header only; nothing is decoded yet
    try:
        im = Image.open(io.BytesIO(data), formats=FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise UploadError("too_many_pixels",
                          f"the image is far too large to decode ({e})") from e
    except UnidentifiedImageError as e:
        raise UploadError(
            "not_an_image", "the file is not an image that can be read "
            f"(expected {', '.join(FORMATS)})", formats=", ".join(FORMATS)
        ) from e
    except Exception as e:  # a malformed header can raise almost anything
        raise UploadError("not_an_image",
                          f"the file is not a readable image ({e})",
                          formats=", ".join(FORMATS)) from e

    w, h = im.size
    if w * h > max_pixels:
        raise UploadError(
            "too_many_pixels", f"the image is {w}x{h} pixels ({w * h:,}); "
            f"the limit is {max_pixels:,} pixels (e.g. 4096x4096)")
    if w == 0 or h == 0:
        raise UploadError("corrupt", f"the image has no pixels ({w}x{h})")

    try:
        decoded = _decode(im)
        log.debug("decoded %s %s %dx%d: %s", im.format, im.mode, w, h,
                  decoded.notes)
        return decoded
    except UploadError:
        raise
    except Exception as e:  # truncated data, bad chunks, codec errors
        raise UploadError(
            "corrupt", f"the image data is truncated or corrupt "
            f"({type(e).__name__}: {e})") from e
    finally:
        im.close()


def _decode(im):
    """Decode the first frame of an opened image into a DecodedImage."""
    notes = []
    if getattr(im, "is_animated", False):
        notes.append(Note("first_frame"))
        im.seek(0)
    im.load()

    # phone photos store their rotation in EXIF
    orientation = im.getexif().get(0x0112, 1)
    if orientation not in (1, None):
        im = ImageOps.exif_transpose(im)
        notes.append(Note("exif_rotated"))

    mode = im.mode
    if mode == "1":
        notes.append(Note("one_bit"))
        return DecodedImage(np.asarray(im.convert("L")).copy(), notes)
    if mode == "L":
        return DecodedImage(np.asarray(im).copy(), notes)
    if mode.startswith("I"):
        notes.append(Note("deep_grey", {"bits": _bits(mode)}))
        return DecodedImage(_sixteen_to_eight(np.asarray(im)), notes)
    if mode == "F":
        notes.append(Note("float_grey"))
        return DecodedImage(_float_to_eight(np.asarray(im)), notes)

    # everything else becomes RGBA; transparency is kept as alpha so that
    # ink drawn on a transparent background is still seen
    has_alpha = mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        "transparency" in im.info
    )
    if mode == "CMYK":
        notes.append(Note("cmyk"))
    if mode == "P":
        notes.append(Note("palette_alpha" if has_alpha else "palette"))
    if has_alpha and mode not in ("RGBA", "P"):
        notes.append(Note("alpha", {"mode": mode}))
    rgba = im.convert("RGBA") if has_alpha else im.convert("RGB").convert("RGBA")
    return DecodedImage(np.asarray(rgba).copy(), notes)


def _sixteen_to_eight(a):
    """16-bit (or 32-bit holding 16-bit) grey -> uint8, 65535 -> 255."""
    a = np.clip(a.astype(np.int64), 0, 65535)
    return ((a * 255 + 32767) // 65535).astype(np.uint8)


def _float_to_eight(a):
    """Float grey in 0..1 or 0..255 -> uint8; NaN becomes 0."""
    a = np.nan_to_num(a.astype(np.float64), nan=0.0, posinf=0.0, neginf=0.0)
    if a.max() <= 1.0:
        a = a * 255.0
    return np.clip(np.rint(a), 0, 255).astype(np.uint8)


def _bits(mode):
    return 16 if mode.startswith("I;16") else 32


def _size(n):
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"
