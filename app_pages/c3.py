"""The C3 table: which S2 maps feed which C3 map, and why so few do."""

import streamlit as st

from labui import layers_view as lv
from labui.plots import layers as plots
from labui.state import model_caption, t, user_model
from labui.widgets import digit_to_show
from lenet.paper import C3_TABLE

st.title(t("nav_c3"))
st.caption(model_caption())

digit = digit_to_show("c3_sample")

model = user_model()
_, records = model.forward(digit.x, trace=True)
traces = lv.trace_by_name(records)
activation = t("ly_activation")


def _clicked():
    """A click on a square of the table chooses its column's C3 map."""
    points = st.session_state["c3_grid"]["selection"]["points"]
    if points:
        st.session_state["c3_map"] = int(points[0]["x"])


# the table, clickable
st.markdown(t("c3_intro"))
chosen = st.session_state.get("c3_map", 0)
st.plotly_chart(
    plots.c3_table(C3_TABLE, chosen, t("c3_table_title"), "S2 " + t("ly_map"),
                   "C3 " + t("ly_map"), t("c3_link"), t("c3_no_link")),
    key="c3_grid", on_select=_clicked, selection_mode="points",
)
st.caption(t("c3_click_hint"))
m = st.selectbox(
    t("c3_pick"), range(C3_TABLE.shape[1]), key="c3_map",
    persist_state="session",
    format_func=lambda j: t("c3_pick_option", m=j, inputs=", ".join(
        map(str, lv.c3_inputs(j)))),
)

# the chosen map: its inputs, its kernels, its output
inputs = lv.c3_inputs(m)
names = [f"S2 {s}" for s in inputs]
listed = ", ".join(map(str, inputs))
st.markdown(t("c3_chosen", m=m, inputs=listed, n=len(inputs),
              w=25 * len(inputs)))
s2 = lv.output_maps(traces, "s2")[inputs]  # (n, 14, 14)
# one column per input map (3, 4 or 6): no empty slots beside them
st.plotly_chart(plots.feature_maps(s2, len(inputs), t("c3_inputs_title", m=m,
                                                inputs=listed),
                                   activation, names, 200),
                key="c3_inputs")
st.plotly_chart(plots.kernels(lv.c3_kernels(model, m), len(inputs),
                              t("c3_kernels_title", n=len(inputs)),
                              t("ly_weight"), names, 180),
                key="c3_kernels")
fig_col, text_col = st.columns([1, 1])
c3_out = lv.output_maps(traces, "c3")[m:m + 1]  # (1, 10, 10)
fig_col.plotly_chart(plots.feature_maps(c3_out, 1, t("c3_output_title", m=m),
                                        activation, [""], 320),
                     key="c3_output")
text_col.markdown(t("c3_output_text"))

# why the table is sparse, with its numbers
st.header(t("c3_why_header"))
cost = lv.c3_costs()
st.markdown(t("c3_why", links=cost["links"], full_links=cost["full_links"],
              params=cost["params"], full_params=cost["full_params"],
              maps=cost["maps"], kk=cost["kk"], saved=cost["saved_pct"],
              conns=cost["connections"], full_conns=cost["full_connections"]))

st.header(t("c3_groups_header"))
for first, last, n, contiguous in lv.c3_groups():
    if first == last:
        st.markdown("- " + t("c3_group_one", first=first, n=n))
    else:
        kind = t("c3_contiguous" if contiguous else "c3_not_contiguous")
        st.markdown("- " + t("c3_group", first=first, last=last, n=n,
                             kind=kind))
st.caption(t("c3_groups_note"))
