"""Drawing on the pad in a real browser: mouse, touch, clearing.

CASE-01 (clearing), CASE-09 (the canvas contract end to end) and CASE-11
(touch draws instead of scrolling).
"""

import pytest
from playwright.sync_api import expect

from browser_ui import (ONE, PAD, SEVEN, draw, metric, pad, pad_points,
                        settle)

# a '3' in one stroke: top arc, the waist, bottom arc
THREE = [[(80, 60), (120, 40), (170, 40), (200, 70), (195, 110), (150, 140),
          (120, 140), (150, 140), (200, 165), (205, 210), (170, 245),
          (120, 250), (80, 230)]]
PROMPT = "Draw a digit first"

pytestmark = pytest.mark.browser


def test_drawn_digits_are_read_and_clearing_empties(students):
    """A 1, a 7 and a 3 drawn with the mouse; both clear controls work.

    CASE-01.4: after "Clear" (the app's button) or the pad's own reset,
    the old prediction is gone and the prompt is back.
    """
    page = students().open("/")
    expect(page.get_by_text(PROMPT)).to_be_visible()
    expect(metric(page, "Prediction")).to_have_count(0)
    clear_app = page.get_by_role("button", name="🧽 Clear")
    reset_pad = page.get_by_role("button", name="Reset canvas & history")

    for digit, strokes, clear in (("1", ONE, clear_app),
                                  ("7", SEVEN, reset_pad),
                                  ("3", THREE, clear_app)):
        draw(page, strokes)
        expect(metric(page, "Prediction")).to_have_text(digit)
        expect(page.get_by_text(f"LeNet-5 reads this as the digit {digit}")
               ).to_be_visible()

        clear.click()
        expect(page.get_by_text(PROMPT)).to_be_visible()
        expect(metric(page, "Prediction")).to_have_count(0)
        settle(page)  # the app's Clear mounts a new pad


def touch_drag(page, stroke, steps=6):
    """One finger dragged along a stroke, as raw CDP touch events."""
    cdp = page.context.new_cdp_session(page)
    points = pad_points(page, stroke)

    def send(kind, point=None):
        touches = [] if point is None else [{"x": point[0], "y": point[1]}]
        cdp.send("Input.dispatchTouchEvent",
                 {"type": kind, "touchPoints": touches})

    send("touchStart", points[0])
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        for k in range(1, steps + 1):
            send("touchMove", (x0 + (x1 - x0) * k / steps,
                               y0 + (y1 - y0) * k / steps))
    send("touchEnd")
    cdp.detach()


def ink_in_columns(page, first, last):
    """Ink pixels the pad shows in columns first..last (pad coordinates)."""
    return pad(page).evaluate(
        """(top, [first, last, side]) => {
            const c = top.parentElement.querySelector('canvas.lower-canvas');
            const s = c.width / side;
            const x0 = Math.round(first * s), x1 = Math.round((last + 1) * s);
            const px = c.getContext('2d').getImageData(
                x0, 0, x1 - x0, c.height).data;
            let n = 0;
            for (let i = 0; i < px.length; i += 4) if (px[i] > 127) n++;
            return n / (s * s);
        }""", [first, last, PAD])


def scroll_offset(page):
    """How far the page is scrolled: the window and Streamlit's main area.

    NOTE: Streamlit scrolls its main area, not the window, so
    window.scrollY alone stays 0 whatever a finger does.
    """
    return page.evaluate("""() => [window.scrollY,
        document.querySelector('[data-testid="stMain"]').scrollTop]""")


def test_touch_drag_draws_a_one_without_scrolling(students):
    """CASE-11: a finger on the pad draws; the page does not scroll.

    A phone (390x844), then a tablet (820x1180), both at DPR 3. At the end
    the same drag just beside the pad does scroll: the measure can fail.
    """
    page = students(viewport={"width": 390, "height": 844},
                    device_scale_factor=3, has_touch=True,
                    is_mobile=True).open("/")
    for n, (width, height) in enumerate(((390, 844), (820, 1180))):
        if n:
            page.get_by_role("button", name="🧽 Clear").click()
            expect(page.get_by_text(PROMPT)).to_be_visible()
            settle(page)
        page.set_viewport_size({"width": width, "height": height})
        pad(page).scroll_into_view_if_needed()
        before = scroll_offset(page)

        touch_drag(page, [(140, 40), (140, 240)])
        expect(metric(page, "Prediction")).to_have_text("1")
        assert scroll_offset(page) == before, f"{width}x{height} scrolled"
        ink = ink_in_columns(page, 135, 145)
        assert ink > 150, f"{width}x{height}: {ink:.0f} ink pixels"

    # beside the pad, on the long page that now shows the answer
    before = scroll_offset(page)
    touch_drag(page, [(PAD + 60, 240), (PAD + 60, 40)])
    page.wait_for_function(
        "([y, top]) => document.querySelector('[data-testid=\"stMain\"]')"
        ".scrollTop !== top", arg=before)
