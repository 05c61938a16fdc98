"""Draw a digit: the pad, LeNet-5's answer, and how it got there.

Whatever the input (drawing, MNIST sample, upload), it becomes this
user's current digit, which the other pages look inside.
"""

import streamlit as st
from streamlit_drawable_canvas import st_canvas

from labui import predict
from labui.i18n import STRINGS
from labui.plots import draw as plots
from labui.state import (Digit, clear_current_digit, model_caption, samples,
                         set_current_digit, shipped, t, user_model)

MODES = ("draw", "sample", "upload")
PAD = 280  # canvas side in CSS pixels


def clear_pad():
    """A new canvas key empties the pad; forget the saved drawing too."""
    st.session_state["draw_canvas_n"] = st.session_state.get(
        "draw_canvas_n", 0) + 1
    for k in ("draw_json", "draw_steps", "draw_initial"):
        st.session_state.pop(k, None)
    clear_current_digit()


def draw_input(model, reject):
    """The drawing pad; returns the Reading of what is on it."""
    key = f"draw_canvas_{st.session_state.get('draw_canvas_n', 0)}"

    # a pad mounted afresh (first visit, back from another page) starts
    # from the saved drawing, which then stays fixed while the user draws
    if key not in st.session_state:
        st.session_state["draw_initial"] = st.session_state.get("draw_json")
    # room for the pad's toolbar, which floats above the pad's top edge and
    # would otherwise cover the input choices
    st.space("medium")
    result = st_canvas(
        stroke_width=18, stroke_color="#FFFFFF", background_color="#000000",
        height=PAD, width=PAD, drawing_mode="freedraw",
        initial_drawing=st.session_state.get("draw_initial"),
        update_streamlit=True, return_image_data=True, key=key,
    )
    st.button(t("draw_clear"), key="draw_clear", on_click=clear_pad)
    # below the pad: its floating toolbar would cover a line above it
    st.caption(t("draw_pad_help"))

    # a restored pad shows the old drawing before it sends any pixels
    json_data = result.json_data
    image = predict.canvas_image(result.image_data, json_data)
    saved = st.session_state.get("draw_steps")
    if image is None and saved is not None and (json_data or {}).get("objects"):
        reading = predict.read_steps(model, saved, reject)
    else:
        reading = predict.read(model, image, reject)

    # remember the drawing for the next visit, and share it as the digit
    if reading.steps is not None:
        st.session_state["draw_json"] = json_data
        st.session_state["draw_steps"] = reading.steps
        set_current_digit(Digit(reading.steps.x, "drawing", None,
                                reading.steps))
    else:
        st.session_state.pop("draw_json", None)
        st.session_state.pop("draw_steps", None)
        clear_current_digit()
    return reading


def sample_input(model, reject):
    """A selectbox over the shipped MNIST sample; returns (Reading, label)."""
    images, labels, _ = samples()
    # NOTE: option names are made here, not lazily in format_func, which
    # AppTest calls outside the script (where the language is unknown)
    names = [t("draw_sample_option", index=i, label=y)
             for i, y in enumerate(labels)]
    index = st.selectbox(t("draw_sample_pick"), range(len(labels)),
                         key="draw_sample", format_func=names.__getitem__,
                         persist_state="session")
    st.caption(t("draw_sample_help"))
    label = int(labels[index])
    reading = predict.sample_reading(model, images, index, reject)
    if reading.steps is not None:
        set_current_digit(Digit(reading.steps.x, "sample", label,
                                reading.steps))
    return reading, label


def upload_input(model, reject):
    """A file uploader; returns the Reading, or None when no file is given.

    A file that cannot be read changes nothing but the message shown.
    """
    # NOTE: no type filter: the browser's refusal would be Streamlit's, in
    # English; decode_upload reads what the file really is and the page
    # explains a refusal in the student's language
    up = st.file_uploader(t("draw_upload"), key="draw_upload")
    st.caption(t("draw_upload_limits",
                 mb=st.get_option("server.maxUploadSize")))
    if up is None:
        st.info(t("draw_upload_prompt"))
        return None

    # decode and preprocess once per file, not on every rerun
    if st.session_state.get("draw_upload_id") != up.file_id:
        st.session_state["draw_upload_prep"] = predict.prepare_upload(
            up.getvalue())
        st.session_state["draw_upload_id"] = up.file_id
    prepared = st.session_state["draw_upload_prep"]
    steps = prepared[0]
    if steps is not None:
        set_current_digit(Digit(steps.x, "upload", None, steps))
    return predict.read_prepared(model, prepared, reject)


def show_refusal(reading, mode):
    """The message for an input the model was not asked about."""
    v = reading.verdict
    if v == predict.EMPTY and mode == "draw":
        st.info(t("draw_prompt"))
        return
    if v == predict.EMPTY:
        st.warning(t("draw_upload_blank"))
    elif v == predict.TOO_LITTLE:
        key = "draw_too_little" if mode == "draw" else "draw_upload_little"
        st.warning(t(key))
    elif v == predict.UNREADABLE:
        code, params = reading.error or ("", {})
        if f"upload_err_{code}" in STRINGS:  # the reason, in the user's words
            st.error(t(f"upload_err_{code}", **params))
            return
        st.error(t("draw_upload_bad"))
    else:
        st.error(t("draw_input_bad"))
    if reading.detail:
        st.caption(t("draw_details", detail=reading.detail))


def show_answer(reading, reject, label=None):
    """The metric "Prediction", a sentence why, and the true label."""
    p = reading.penalties
    second = reading.runner_up
    values = dict(digit=reading.digit, best=p[reading.digit], second=second,
                  second_p=p[second], limit=reject)
    if reading.verdict == predict.CONFIDENT:
        st.metric(t("draw_prediction"), str(reading.digit))
        st.markdown(t("draw_confident", **values))
    else:
        st.metric(t("draw_prediction"),
                  t("draw_unsure_value", digit=reading.digit),
                  help=t("draw_unsure_help"))
        key = "draw_unsure_far" if reading.reason == predict.FAR else (
            "draw_unsure_tie")
        st.warning(t(key, **values))
    if label is not None:
        st.metric(t("draw_sample_true"), str(label))
        right = reading.digit == label
        st.markdown(t("draw_right" if right else "draw_wrong", label=label))


def show_steps(steps):
    st.subheader(t("draw_steps_title"))
    st.write(t("draw_steps_text"))
    if steps.inverted:
        st.caption(t("draw_inverted"))
    labels = {
        "drawn": t("draw_panel_drawn"), "scaled": t("draw_panel_scaled"),
        "centred": t("draw_panel_centred"), "input": t("draw_panel_input"),
        "value": t("draw_value"),
    }
    st.plotly_chart(plots.steps_figure(steps, labels), key="draw_steps_fig")


def show_output(reading, reject):
    left, right = st.columns(2)
    with left:
        st.subheader(t("draw_penalties_title"))
        labels = {"digit": t("draw_axis_digit"),
                  "penalty": t("draw_axis_penalty"),
                  "reject": t("draw_reject_line")}
        fig = plots.penalties_figure(reading.penalties, reading.digit, labels,
                                     reject)
        st.plotly_chart(fig, key="draw_penalties_fig")
        st.write(t("draw_penalties_text"))
    with right:
        st.subheader(t("draw_f6_title"))
        labels = {"f6": t("draw_panel_f6"),
                  "template": t("draw_panel_template", digit=reading.digit),
                  "value": t("draw_f6_value")}
        fig = plots.f6_figure(reading.f6, reading.digit, labels)
        st.plotly_chart(fig, key="draw_f6_fig")
        st.write(t("draw_f6_text", digit=reading.digit))


# page
st.title(t("nav_draw"))
st.caption(model_caption())
st.write(t("draw_intro"))

model = user_model()
reject = shipped()[1]["reject_penalty"]
mode_names = {m: t(f"draw_mode_{m}") for m in MODES}
mode = st.radio(t("draw_mode"), MODES, key="draw_mode", horizontal=True,
                format_func=mode_names.get, persist_state="session")

# the pad's column must hold PAD pixels on a 1024-pixel-wide projector with
# the sidebar open
pad, answer = st.columns([1.2, 1], gap="medium")
label = None
with pad:
    if mode == "draw":
        reading = draw_input(model, reject)
    elif mode == "sample":
        reading, label = sample_input(model, reject)
    else:
        reading = upload_input(model, reject)

with answer:
    if reading is not None and reading.notes:
        said = [t(f"upload_note_{n.code}", **n.params) for n in reading.notes]
        st.caption(t("draw_upload_notes", notes="; ".join(said)))
    if reading is not None and not reading.ran:
        show_refusal(reading, mode)
    elif reading is not None:
        show_answer(reading, reject, label)

if reading is not None and reading.ran:
    show_steps(reading.steps)
    show_output(reading, reject)
