"""The language is kept in the address, so a reload or a shared link keeps it."""

from streamlit.testing.v1 import AppTest

from apptest import ROOT, run
from labui.i18n import text


def fresh(query=None):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return run(at)


def test_a_link_with_lang_ko_opens_in_korean():
    at = fresh({"lang": "ko"})
    assert at.title[0].value == text("nav_draw", "ko")
    assert at.radio(key="lang").value == "ko"


def test_the_address_follows_the_language_switch():
    at = fresh()
    assert at.title[0].value == text("nav_draw", "en")
    assert "lang" not in at.query_params  # English, the default: a clean URL
    at.radio(key="lang").set_value("ko")
    run(at)
    assert at.query_params["lang"] == "ko"
    at.radio(key="lang").set_value("en")
    run(at)
    assert "lang" not in at.query_params


def test_an_unknown_language_in_the_address_is_ignored():
    at = fresh({"lang": "xx"})
    assert at.title[0].value == text("nav_draw", "en")
