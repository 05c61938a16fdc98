"""LeNet-5 Lab: draw a digit and watch LeNet-5 see it, layer by layer.

Run with `streamlit run app.py`. Each page lives in app_pages/; this file sets
up the page, the language switch and the navigation.
"""

import streamlit as st

from labui.i18n import DEFAULT_LANG, LANGS
from labui.state import housekeeper, one_blas_thread_once, t

st.set_page_config(page_title="LeNet-5 Lab", page_icon="🔢", layout="wide")
one_blas_thread_once()
housekeeper()

# the language switch comes first: every string below depends on it. The
# language is also kept in the address (?lang=ko): a reload keeps it, and a
# teacher can hand out a link that opens in Korean
if "lang" not in st.session_state and st.query_params.get("lang") in LANGS:
    st.session_state["lang"] = st.query_params["lang"]
st.sidebar.radio(
    "Language / 언어", list(LANGS), format_func=LANGS.get, key="lang",
    horizontal=True,
)
lang = st.session_state["lang"]
if lang == DEFAULT_LANG:
    st.query_params.pop("lang", None)
elif st.query_params.get("lang") != lang:  # each change is sent to the browser
    st.query_params["lang"] = lang

pages = [
    st.Page("app_pages/draw.py", title=t("nav_draw"), icon="✏️", url_path="draw",
            default=True),
    st.Page("app_pages/layers.py", title=t("nav_layers"), icon="🔍",
            url_path="layers"),
    st.Page("app_pages/c3.py", title=t("nav_c3"), icon="🧩", url_path="c3"),
    st.Page("app_pages/learn.py", title=t("nav_learn"), icon="👣", url_path="learn"),
    st.Page("app_pages/train.py", title=t("nav_train"), icon="🏋️", url_path="train"),
]
st.navigation(pages).run()
