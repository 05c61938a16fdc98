"""The first visitor of a freshly started server.

Regression test: with the page scripts in a folder called pages/, Streamlit
1.67 starts in its legacy "pages directory" mode and leaves it only when
some session has run app.py's st.navigation. Until then a deep link such
as /learn ran pages/learn.py alone (no language switch, no wide layout, an
automatic sidebar listing app, c3, draw, ...), and the first session's
first widget change was lost. Hence the folder's name is not pages/.
"""

import pytest
from playwright.sync_api import expect

from browser_ui import AppFailed, Student, settle, sidebar, start_app, stop_app

pytestmark = pytest.mark.browser


@pytest.fixture
def fresh_server(tmp_path):
    """An app server that no browser has visited yet."""
    try:
        proc, url = start_app(tmp_path / "server.log")
    except AppFailed as e:
        pytest.fail(str(e))
    yield url
    stop_app(proc)


def test_first_visit_by_deep_link_gets_the_whole_app(chromium, fresh_server):
    s = Student(chromium, fresh_server)
    try:
        page = s.open("/learn")
        expect(page.locator("h1").first).to_have_text("Learn step by step")

        # the app's own navigation and language switch, not the automatic one
        # (the page has settled: no need to wait long for the menu)
        nav = sidebar(page).get_by_role("link")
        expect(nav).to_contain_text(["Draw a digit", "Inside the layers",
                                     "The C3 table", "Learn step by step",
                                     "Train"], timeout=3_000)
        expect(sidebar(page).get_by_text("Language / 언어")).to_be_visible()

        # the very first change this session makes is kept
        sidebar(page).get_by_text("한국어").click()
        expect(page.locator("h1").first).to_have_text("한 단계씩 학습")
        settle(page)
        assert s.blocked == []
    finally:
        s.context.close()
