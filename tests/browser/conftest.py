"""Real-browser fixtures: one app server and one chromium per session.

Every test gets fresh browser contexts (fresh cookies, so a fresh
Streamlit session each); outside requests are aborted and counted.
Helpers are in browser_ui.py.
"""

import os

import pytest
from playwright.sync_api import sync_playwright

from browser_ui import (CHROMIUM, CHROMIUM_ARGS, AppFailed, Student,
                        start_app, stop_app)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """Base URL of the app server shared by the whole session."""
    try:
        proc, url = start_app(tmp_path_factory.mktemp("app") / "server.log")
    except AppFailed as e:
        pytest.fail(str(e))
    yield url
    stop_app(proc)


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium, headless; fails (never skips) when missing."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"chromium not found at {CHROMIUM}: install it with "
                    "`apt-get install -y chromium` (never `playwright "
                    "install`), or set LENET_CHROMIUM")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def warm_app(chromium, app_server):
    """The session server after a first visit to "/".

    NOTE: while the page scripts sat in pages/, the first session of a
    fresh server was special (test_fresh_server.py); the visit keeps that
    case out of the other tests, and loads the shared caches once.
    """
    Student(chromium, app_server).open("/").context.close()
    return app_server


@pytest.fixture
def students(chromium, warm_app):
    """A factory of Students; their contexts close after the test."""
    made = []

    def new(**options):
        made.append(Student(chromium, warm_app, **options))
        return made[-1]

    yield new
    for s in made:
        s.context.close()
    # every test is also an offline test
    blocked = [u for s in made for u in s.blocked]
    if blocked and not getattr(new, "expect_blocked", False):
        pytest.fail(f"the app asked for outside URLs: {blocked}")
