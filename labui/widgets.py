"""Small pieces of UI that several pages share."""

import streamlit as st

from . import layers_view as lv
from .state import Digit, current_digit, samples, t


def digit_to_show(key):
    """The user's current digit, or an MNIST sample picked here until there
    is one. key: the widget key of the sample picker (one per page)."""
    digit = current_digit()
    if digit is not None:
        source = digit.source if digit.source in lv.SOURCES else "drawing"
        st.caption(t("ly_digit_current", source=t(f"ly_source_{source}")))
        return digit

    st.info(t("ly_digit_sample"))
    _, labels, xs = samples()
    options = [t("ly_sample_option", i=i, label=labels[i])
               for i in range(len(labels))]
    i = st.selectbox(t("ly_sample_pick"), range(len(labels)), key=key,
                     format_func=options.__getitem__, persist_state="session")
    return Digit(xs[i, 0], "sample", int(labels[i]))
