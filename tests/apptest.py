"""The app run headless with Streamlit's AppTest, as the page tests use it."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def run(at):
    """Run the script once more; a traceback on the page fails the test."""
    at.run()
    assert not at.exception, at.exception
    return at


def open_app(lang="en", page=None, state=None, timeout=60):
    """A fresh session of app.py in `lang`, on `page` (app_pages/....py),
    with `state` written into its session state before the first run."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.session_state["lang"] = lang
    for key, value in (state or {}).items():
        at.session_state[key] = value
    if page is not None:
        at.switch_page(page)
    return run(at)
