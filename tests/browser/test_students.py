"""Several students on one server, and nothing fetched from outside.

CASE-21: one student's learning steps never reach another student.
Offline: a classroom may have no internet, and the app must not need it.
"""

import base64

import numpy as np
import pytest
from playwright.sync_api import expect

from browser_ui import (ONE, SEVEN_IN_ONE, choose, draw, go, is_local, metric,
                        settle)
from labui.i18n import text

pytestmark = pytest.mark.browser


def plotted(y):
    """A Plotly trace's y values: a list, or a typed array (dtype, bdata)."""
    if isinstance(y, dict):
        return np.frombuffer(base64.b64decode(y["bdata"]), y["dtype"]).tolist()
    return list(y)


def read_seven(page):
    """Draw a 7 on an empty pad; (Prediction shown, ten penalties).

    The penalties are the exact numbers behind the page's bar chart.
    """
    draw(page, SEVEN_IN_ONE)
    shown = metric(page, "Prediction")
    expect(shown).not_to_have_count(0)
    settle(page)
    # Plotly draws lazily: wait until the chart holds its bars
    y = page.wait_for_function("""title => {
        for (const c of document.querySelectorAll(
                '[data-testid="stPlotlyChart"]')) {
            const gd = c.querySelector('.js-plotly-plot');
            const y = gd && gd.data && gd.data[0] && gd.data[0].y;
            if (y && c.textContent.includes(title))
                return y.bdata ? {dtype: y.dtype, bdata: y.bdata}
                               : Array.from(y);
        }
        return null;
    }""", arg=text("draw_axis_penalty", "en")).json_value()
    return shown.inner_text(), plotted(y)


def learning_step(page, label):
    """One forward, loss, backward, update cycle on the learn page."""
    go(page, "Learn step by step")
    caption = page.get_by_text("Model: ")
    expect(caption).not_to_have_text(text("model_caption_changed", "en"))
    choose(page, text("learn_label", "en"), str(label))
    expect(page.get_by_role("button", name="④ Update")).to_be_disabled()

    for step, part in (("forward", "fwd"), ("loss", "loss"),
                       ("backward", "bwd"), ("update", "upd")):
        page.get_by_role("button", name=text(f"learn_btn_{step}", "en")).click()
        heading = text(f"learn_{part}_head", "en")
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        settle(page)
    expect(page.get_by_text("Step applied.")).to_be_visible()
    expect(caption).to_have_text(text("model_caption_changed", "en"))


def test_learning_steps_change_only_the_learners_model(students):
    """CASE-21: after A's learning step, B reads a 7 exactly as before."""
    b = students().open("/")
    before = read_seven(b)
    assert before[0] == "7" and len(before[1]) == 10, before

    # A teaches its network that the sample 7 (no. 0) is a 3
    a = students().open("/")
    learning_step(a, 3)

    # A's own network now reads the same drawing differently ...
    go(a, "Draw a digit")
    assert read_seven(a)[1] != before[1]

    # ... but not the network of a student who opens the app now
    c = students().open("/")
    assert read_seven(c) == before


def test_no_request_leaves_the_machine(students):
    """Loading, drawing and plotting ask only 127.0.0.1.

    (The students fixture also fails any test whose pages asked for an
    outside URL.)
    """
    s = students()
    page = s.open("/")
    draw(page, ONE)
    expect(metric(page, "Prediction")).to_have_text("1")
    expect(page.locator(".main-svg").first).to_be_visible()

    assert s.requests, "no request was recorded"
    outside = [u for u in s.requests if not is_local(u)]
    assert s.blocked == [] and outside == [], (s.blocked, outside)


def test_outside_requests_are_blocked_and_counted(students):
    """The guard the offline checks rely on: it aborts and records."""
    students.expect_blocked = True
    s = students()
    page = s.open("/")
    # TEST-NET-1 (RFC 5737): never routed; the browser aborts it anyway
    failed = page.evaluate("""() => fetch('http://192.0.2.1/x.woff2')
        .then(() => false, () => true)""")
    assert failed
    assert s.blocked == ["http://192.0.2.1/x.woff2"]
