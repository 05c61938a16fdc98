"""Inside the layers: every feature map, kernel and count for one digit."""

import streamlit as st

from labui import layers_view as lv
from labui.plots import layers as plots
from labui.state import model_caption, t, user_model
from labui.widgets import digit_to_show

st.title(t("nav_layers"))
st.caption(model_caption())

digit = digit_to_show("layers_sample")

# one traced forward pass feeds everything below
model = user_model()
penalties, records = model.forward(digit.x, trace=True)
traces = lv.trace_by_name(records)
st.markdown(t("ly_prediction", digit=int(penalties[0].argmin())))
activation = t("ly_activation")

# every feature map, on one scale
st.header(t("ly_maps_header"))
st.markdown(t("ly_intro"))
fig_col, text_col = st.columns([3, 2])
fig_col.plotly_chart(plots.input_image(digit.x, t("ly_input_title"),
                                       t("ly_input_value")), key="layers_in")
text_col.markdown(t("ly_input_text"))

for name, ncols, height in lv.MAP_VIEWS:
    maps = lv.output_maps(traces, name)
    flagged = lv.flagged_maps(maps)
    fig = plots.feature_maps(maps, ncols, t(f"ly_{name}_title"), activation,
                             lv.map_labels(len(maps), flagged), height)
    fig_col, text_col = st.columns([3, 2])
    fig_col.plotly_chart(fig, key=f"layers_maps_{name}")
    text_col.markdown(t(f"ly_{name}_text"))
    if flagged:
        text_col.warning(t("ly_saturated", maps=", ".join(map(str, flagged))))

for name in lv.VECTOR_LAYERS:
    fig = plots.vector_strip(lv.output_maps(traces, name).ravel(),
                             t(f"ly_{name}_title"), activation, t("ly_unit"))
    fig_col, text_col = st.columns([3, 2])
    fig_col.plotly_chart(fig, key=f"layers_vec_{name}")
    text_col.markdown(t(f"ly_{name}_text"))

if not any(lv.flagged_maps(lv.output_maps(traces, n)) for n in lv.MAP_LAYERS):
    st.caption(t("ly_none_saturated"))

# what the layers have learned: kernels and sub-sampling coefficients
st.header(t("ly_kernels_header"))
c1_w = model.params["c1.W"][:, 0]  # (6, 5, 5)
fig_col, text_col = st.columns([3, 2])
fig_col.plotly_chart(plots.kernels(c1_w, 6, t("ly_c1_kernels_title"),
                                   t("ly_weight"), [str(i) for i in range(6)]),
                     key="layers_c1_kernels")
text_col.markdown(t("ly_c1_kernels_text"))

# the C3 kernels need the page's full width: 16 columns of them
c3 = model.layer("c3")
st.markdown(t("ly_c3_kernels_text"))
st.plotly_chart(
    plots.c3_kernel_table(c3.dense_weights(), c3.table,
                          t("ly_c3_kernels_title"), t("ly_weight"),
                          "S2 " + t("ly_map"), "C3 " + t("ly_map"), height=420),
    key="layers_c3_kernels")

fig_col, text_col = st.columns([3, 2])
fig_col.plotly_chart(
    plots.subsample_params(lv.subsample_params(model), ["S2", "S4"],
                           t("ly_coef"), t("ly_bias")),
    key="layers_sub_params")
text_col.markdown(f"**{t('ly_sub_title')}**\n\n{t('ly_sub_text')}")

# one unit, written out with the real numbers
st.header(t("ly_unit_header"))
st.markdown(t("ly_unit_intro"))
pick = st.columns(4)
name = pick[0].selectbox(t("ly_pick_layer"), lv.UNIT_LAYERS, key="layers_unit",
                         format_func=str.upper, persist_state="session")
C, H, W = lv.layer_shape(traces, name)
m = pick[1].number_input(t("ly_map"), 0, C - 1, 0, key=f"layers_m_{name}",
                         persist_state="session")
row = col = 0
if H > 1:
    row = pick[2].slider(t("ly_row"), 0, H - 1, H // 2, key=f"layers_r_{name}",
                         persist_state="session")
    col = pick[3].slider(t("ly_col"), 0, W - 1, W // 2, key=f"layers_c_{name}",
                         persist_state="session")
unit = lv.unit_computation(model, traces, name, m, row, col)
top, left, h, w = lv.receptive_field(model, name, row, col)

fig_col, calc_col = st.columns([2, 3])
title = t("ly_field_title", layer=name.upper(), m=m, r=row, c=col)
fig_col.plotly_chart(
    plots.input_image(digit.x, title, t("ly_input_value"),
                      field=(top, left, h, w)), key="layers_field")
fig_col.markdown(t("ly_field", h=h, w=w, r0=top, r1=top + h - 1, c0=left,
                   c1=left + w - 1))
fig_col.caption(t("ly_field_why"))
if H > 1:
    fig_col.plotly_chart(
        plots.feature_maps(lv.output_maps(traces, name)[m:m + 1], 1,
                           f"{name.upper()} {t('ly_map')} {m}", activation,
                           [""], 260, highlight=(0, row, col)),
        key="layers_unit_map")

with calc_col:
    source = lv.SOURCE_LAYER[name] or t("ly_input_name")
    if unit.kind == "subsample":
        st.plotly_chart(plots.unit_numbers(unit.terms[0].inputs, None,
                                           [t("ly_block")], 220),
                        key="layers_block")
    elif name == "c5":
        st.markdown(t("ly_c5_terms"))
        st.dataframe(lv.partials_table(unit, source), hide_index=True)
    elif name == "f6":
        st.markdown(t("ly_f6_terms"))
        st.plotly_chart(plots.products_bar(lv.products(unit), t("ly_c5_input")),
                        key="layers_products")
    else:
        titles = [t("ly_patch"), t("ly_kernel"), t("ly_products")]
        for term in unit.terms:
            st.markdown(t("ly_from_map", layer=source, s=term.source,
                          partial=term.partial))
            st.plotly_chart(plots.unit_numbers(term.inputs, term.weights,
                                               titles),
                            key=f"layers_term_{term.source}")
    st.code(lv.formula(unit, t), language=None, wrap_lines=True)
    values = dict(a=unit.trace_a, f=unit.trace_f)
    if lv.agrees(unit):
        st.success(t("ly_calc_engine", **values))
    else:
        st.error(t("ly_calc_mismatch", **values))

# how many numbers the network learns, and how many connections it makes
st.header(t("ly_count_header"))
st.markdown(t("ly_count_text"))
rows, (params, conns) = lv.summary_rows(t)
st.dataframe(lv.summary_frame(rows, (params, conns), t), hide_index=True)
st.markdown(t("ly_total", params=params, conns=conns))
