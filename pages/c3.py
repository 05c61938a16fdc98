import streamlit as st

from labui.state import t

st.title(t("nav_c3"))
