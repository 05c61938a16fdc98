"""Learn step by step: forward, loss, backward and update on one digit.

Cycle state lives in st.session_state under "learn_": the phase reached
(0 nothing, 1 forward, 2 loss, 3 backward, 4 update) and each step's
result. All maths is in labui.stepper; figures in labui.plots.learn.
"""

import streamlit as st

from labui import stepper
from labui.plots import learn as plots
from labui.state import (current_digit, model_caption, reset_user_model,
                         samples, set_user_model, t, user_model)
from lenet import paper

CYCLE = ("learn_fwd", "learn_loss", "learn_bwd", "learn_upd")
STEPS = ("forward", "loss", "backward", "update")
TINY_LOSS = 1e-3  # below this a digit is learned: one step shows little
ss = st.session_state


def clear_cycle():
    ss["learn_phase"] = 0
    for key in CYCLE + ("learn_chain_default",):
        ss.pop(key, None)


def optimizer():
    """This user's optimiser for the chosen kind and rate (kept between steps)."""
    want = (ss["learn_opt_name"], ss["learn_lr"])
    if ss.get("learn_opt_key") != want:
        _, labels, xs = samples()
        ss["learn_opt"] = stepper.new_optimizer(*want, user_model(), xs, labels)
        ss["learn_opt_key"] = want
    return ss["learn_opt"]


def do_step(step):
    """Button callback: run one of the four steps on the chosen digit.

    A click can come from an older picture of the page: the student clicked
    while the page was being redrawn after the cycle restarted, or the
    browser replayed it into a new session after a reconnect. A step that
    is not next is ignored; the page then shows where the cycle stands.
    """
    n = STEPS.index(step)
    if "learn_target" not in ss or (n > 0 and ss.get("learn_phase", 0) != n):
        return
    x, label = ss["learn_target"]
    model = user_model()
    if step == "forward":
        clear_cycle()
        ss["learn_fwd"] = stepper.forward_step(model, x)
    elif step == "loss":
        ss["learn_loss"] = stepper.loss_step(ss["learn_fwd"].penalties, label)
    elif step == "backward":
        ss["learn_bwd"] = stepper.backward_step(model, x, label)
        ss["learn_bwd_params"] = stepper.gradients_of(model, ss["learn_bwd"])
    else:
        out = stepper.guarded_step(model, optimizer(), x, label)
        if out.accepted:
            set_user_model(out.model, {"made_by": "LeNet-5 Lab, Learn page"})
            ss["learn_opt"] = out.opt
        ss["learn_upd"] = out
    ss["learn_phase"] = n + 1


def reset():
    reset_user_model()
    clear_cycle()
    for key in ("learn_opt", "learn_opt_key", "learn_run", "learn_gc"):
        ss.pop(key, None)
    ss["learn_was_reset"] = True


def names(prefix, options):
    """A format_func showing each option's text in this user's language."""
    return {o: t(prefix + o) for o in options}.get


def table(columns, prefix="learn_col_"):
    """A dict of columns with translated headers, numbers to 4 digits."""
    def shown(v):
        return f"{v:.4g}" if isinstance(v, float) else v

    return {t(prefix + k): [shown(e) for e in v] for k, v in columns.items()}


st.title(t("nav_learn"))
st.caption(model_caption())
st.markdown(t("learn_intro"))
left, right = st.columns([3, 1])
left.info(t("learn_own_copy"))
right.button(t("learn_reset"), key="learn_reset", on_click=reset)
if ss.pop("learn_was_reset", False):
    st.success(t("learn_reset_done"))
model = user_model()
images, labels, xs = samples()

# 1. the digit and the label to learn
st.header(t("learn_choose"))
drawn = current_digit()
sources = ["sample"] + (["drawing"] if drawn is not None else [])
if ss.get("learn_source") not in sources:
    ss["learn_source"] = "sample"
pick, picture = st.columns([2, 1])
with pick:
    source = st.radio(t("learn_source"), sources, key="learn_source",
                      format_func=names("learn_source_", sources),
                      horizontal=True, persist_state="session")
    if drawn is None:
        st.caption(t("learn_no_drawing"))
    if source == "sample":
        item = t("learn_sample_item")  # a template: {i}, {label}
        i = st.selectbox(t("learn_sample"), range(len(labels)), key="learn_sample",
                         format_func=lambda i: item.format(i=i, label=labels[i]),
                         persist_state="session")
        x, true_label, ident = xs[i], int(labels[i]), f"sample-{i}"
    else:
        x, true_label, ident = drawn.x, drawn.label, stepper.digit_id(drawn.x)
    prediction = int(model.predict(x)[0][0])
    # the label starts as the true one (else the network's answer); a new
    # digit forgets the old choice. NOTE: the default goes in as index=, not
    # by writing the widget's key, which a page switch could leave stale
    default = prediction if true_label is None else true_label
    if ss.get("learn_ident") != ident:
        ss["learn_ident"] = ident
        ss.pop("learn_label", None)
    label = st.selectbox(t("learn_label"), range(10), index=default,
                         key="learn_label",
                         help=t("learn_label_help"))
    known = t("learn_unknown") if true_label is None else true_label
    st.markdown(t("learn_now_predicts", true=known, pred=prediction))
    if true_label is not None and label != true_label:
        st.warning(t("learn_wrong_label"))
picture.plotly_chart(plots.digit_image(x.reshape(32, 32)), key="learn_digit_img")

# 2. the optimiser and its learning rate
st.header(t("learn_opt_head"))
kind, rate = st.columns(2)
opt_name = kind.radio(t("learn_opt"), stepper.OPTIMIZERS, key="learn_opt_name",
                      format_func=names("learn_opt_", stepper.OPTIMIZERS),
                      persist_state="session")
lr = rate.select_slider(t("learn_lr"), stepper.LEARNING_RATES,
                        value=stepper.DEFAULT_LR, key="learn_lr",
                        format_func=lambda v: f"{v:.0e}", persist_state="session")
st.markdown(t(f"learn_opt_text_{opt_name}", lr=lr, n=stepper.SDLM_SAMPLES,
              mu=paper.SDLM_MU))

# a new digit, label or step size starts a new cycle
ss["learn_target"] = (x, label)
cycle_key = (ident, label, opt_name, lr)
if ss.get("learn_cycle_key") != cycle_key:
    ss["learn_cycle_key"] = cycle_key
    clear_cycle()
phase = ss.get("learn_phase", 0)

# 3. the four steps
st.header(t("learn_steps_head"))
st.caption(t("learn_order"))
buttons = st.columns(4)
for n, (col, step) in enumerate(zip(buttons, STEPS)):
    col.button(t(f"learn_btn_{step}"), key=f"learn_btn_{step}", on_click=do_step,
               args=(step,), disabled=n > 0 and phase != n,
               use_container_width=True)

fwd, loss = ss.get("learn_fwd"), ss.get("learn_loss")
bwd, upd = ss.get("learn_bwd"), ss.get("learn_upd")
row_labels = {k: t(f"learn_row_{k}") for k in
              ("input", "c1", "s2", "c3", "s4", "c5", "f6")}

if fwd is not None:
    st.subheader(t("learn_fwd_head"))
    st.markdown(t("learn_fwd_text", pred=fwd.prediction))
    st.plotly_chart(plots.activations_figure(fwd.traces, row_labels,
                                             t("learn_activation")),
                    key="learn_fig_fwd")

if loss is not None:
    st.subheader(t("learn_loss_head"))
    text, bars = st.columns([2, 3])
    text.markdown(t("learn_loss_text", label=loss.label))
    text.markdown(t("learn_j_text", j=loss.j))
    bars.plotly_chart(plots.penalties_figure(loss.penalties, loss.label, loss.j, {
        "penalty": t("learn_penalty"), "digit": t("learn_digit"),
        "target": t("learn_target_bar", label=loss.label),
        "j": t("learn_j_line", j=loss.j)}), key="learn_fig_loss")
    st.latex(stepper.loss_latex(loss))
    text, numbers = st.columns([2, 3])
    text.markdown(t("learn_dy_text"))
    numbers.dataframe(table(stepper.dy_columns(loss)), hide_index=True)

if bwd is not None:
    st.subheader(t("learn_bwd_head"))
    st.markdown(t("learn_bwd_text"))
    st.plotly_chart(plots.gradient_flow_figure(bwd, row_labels,
                                               t("learn_grad_scaled")),
                    key="learn_fig_bwd")
    st.markdown(t("learn_kernels_text"))
    grads = ss["learn_bwd_params"]
    texts = {"before": t("learn_kernel"), "grad": t("learn_grad"),
             "weight": t("learn_weight")}
    c1, c3 = st.columns([1, 2])
    c1.caption(t("learn_c1_kernels"))
    c1.plotly_chart(plots.kernels_figure(
        grads["c1.W"].before[:, 0], grads["c1.W"].grad[:, 0], None, None,
        texts), key="learn_fig_bwd_c1")
    c3.caption(t("learn_c3_kernels"))
    c3.plotly_chart(plots.kernels_figure(
        grads["c3.W"].before, grads["c3.W"].grad, None, None, texts,
        c3_links=model.layer("c3").links), key="learn_fig_bwd_c3")
    st.markdown(t("learn_sub_text"))
    s2, s4 = st.columns(2)
    s2.dataframe(table(stepper.subsample_columns(grads, "s2")), hide_index=True)
    s4.dataframe(table(stepper.subsample_columns(grads, "s4")), hide_index=True)

if upd is not None:
    st.subheader(t("learn_upd_head"))
    values = dict(before=upd.loss_before, after=upd.loss_after,
                  ratio=upd.step_ratio)
    if upd.accepted:
        st.success(t("learn_upd_ok", change=upd.loss_after - upd.loss_before,
                     **values))
        if upd.loss_before < TINY_LOSS:
            st.caption(t("learn_upd_tiny"))
    else:
        why = t(f"learn_why_{upd.reason}", ratio=upd.step_ratio)
        st.error(t("learn_refused", why=why, **values))
    st.markdown(t(f"learn_opt_text_{opt_name}", lr=lr, n=stepper.SDLM_SAMPLES,
                  mu=paper.SDLM_MU))
    st.markdown(t("learn_upd_text"))
    texts = {"before": t("learn_before"), "grad": t("learn_rate_row"),
             "step": t("learn_step"), "after": t("learn_after"),
             "weight": t("learn_weight")}
    sdlm = opt_name == "sdlm"
    c1, c3 = st.columns([1, 2])
    for col, name, tile, links in ((c1, "c1.W", "learn_c1_kernels", None),
                                   (c3, "c3.W", "learn_c3_kernels",
                                    model.layer("c3").links)):
        u = upd.updates[name]
        kernels = (lambda a: a[:, 0]) if name == "c1.W" else (lambda a: a)
        rates = kernels(stepper.rates_array(u)) if sdlm else None
        col.caption(t(tile))
        col.plotly_chart(plots.kernels_figure(
            kernels(u.before), rates, kernels(u.step), kernels(u.after), texts,
            c3_links=links), key=f"learn_fig_upd_{name}")
    if sdlm:
        st.caption(t("learn_rates_text"))
    s2, s4 = st.columns(2)
    s2.dataframe(table(stepper.subsample_columns(upd.updates, "s2")),
                 hide_index=True)
    s4.dataframe(table(stepper.subsample_columns(upd.updates, "s4")),
                 hide_index=True)
    st.caption(t("learn_tensors"))
    st.dataframe(table(stepper.tensor_columns(upd.tensors)), hide_index=True)

# the chain rule for one weight
st.header(t("learn_chain_head"))
if bwd is None or loss is None:
    st.caption(t("learn_chain_need"))
else:
    st.markdown(t("learn_chain_text"))
    if "learn_chain_default" not in ss:
        unit, inp = stepper.largest_gradient(bwd.layer("f6").params["W"])
        ss["learn_chain_unit"], ss["learn_chain_inp"] = unit, inp
        ss["learn_chain_default"] = True
    a, b = st.columns(2)
    unit = a.number_input(t("learn_chain_unit"), 0, 83, key="learn_chain_unit")
    inp = b.number_input(t("learn_chain_inp"), 0, 119, key="learn_chain_inp")
    rule = stepper.chain_rule_f6(bwd, int(unit), int(inp))
    st.markdown(t("learn_chain_out_text"))
    st.latex(stepper.chain_out_latex(rule))
    st.latex(stepper.chain_latex(rule))
    st.caption(t("learn_chain_engine", engine=rule.engine, product=rule.product))

# the gradient check
st.header(t("learn_gc_head"))
st.markdown(t("learn_gc_text"))
a, b, c = st.columns(3)
name = a.selectbox(t("learn_gc_tensor"), stepper.CHECKED, key="learn_gc_tensor",
                   persist_state="session")
largest = b.checkbox(t("learn_gc_largest"), value=True, key="learn_gc_largest",
                     persist_state="session")
flat = c.number_input(t("learn_gc_index"), 0, model.params[name].size - 1,
                      key="learn_gc_index", disabled=largest)
if st.button(t("learn_gc_run"), key="learn_gc_run"):
    index = None if largest else stepper.unflat(model, name, int(flat))
    ss["learn_gc"] = stepper.grad_check(model, x, label, name, index)
gc = ss.get("learn_gc")
if gc is not None:
    st.markdown(t("learn_gc_result", name=gc.name, index=list(gc.index),
                  analytic=gc.analytic, numeric=gc.numeric, eps=gc.eps,
                  rel=gc.rel_error))
    ok = gc.rel_error < 1e-6
    (st.success if ok else st.warning)(t("learn_gc_good" if ok else "learn_gc_bad"))

# many steps in a row
st.header(t("learn_run_head"))
st.markdown(t("learn_run_text"))
n_col, go_col = st.columns([1, 3])
n_steps = n_col.number_input(t("learn_run_n"), 1, 50, 10, key="learn_run_n",
                             persist_state="session")
if go_col.button(t("learn_run_btn"), key="learn_run_btn"):
    fixed = stepper.fixed_digits(labels)
    log, new_model, new_opt = stepper.run_steps(
        user_model(), optimizer(), x, label, int(n_steps), xs[fixed])
    if log.accepted:
        set_user_model(new_model, {"made_by": "LeNet-5 Lab, Learn page"})
        ss["learn_opt"] = new_opt
    clear_cycle()
    ss["learn_run"] = (log, label, labels[fixed])
    if log.accepted:
        st.rerun()  # the top of the page names the model: draw it anew
run = ss.get("learn_run")
if run is not None:
    log, run_label, fixed_labels = run
    st.caption(t("learn_run_done", n=log.accepted))
    if log.refused is not None:
        out = log.refused
        why = t(f"learn_why_{out.reason}", ratio=out.step_ratio)
        st.error(t("learn_refused", why=why, before=out.loss_before,
                   after=out.loss_after))
    st.plotly_chart(plots.run_figure(log, run_label, paper.MAP_J, {
        "loss": t("learn_run_loss"), "penalties": t("learn_run_pen"),
        "step": t("learn_run_step"), "digit": t("learn_digit")}),
        key="learn_fig_run")
    st.caption(t("learn_run_table"))
    chosen, fixed_rows = stepper.prediction_rows(log, fixed_labels, run_label)
    columns = {t("learn_col_step"): list(range(len(chosen))),
               t("learn_col_chosen"): chosen}
    for k, true in enumerate(fixed_labels):
        columns[t("learn_col_true", label=int(true))] = [r[k] for r in fixed_rows]
    st.dataframe(columns, hide_index=True)
