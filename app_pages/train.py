import streamlit as st

from labui.plots import train as plots
from labui.state import (Digit, model_caption, reset_user_model, samples,
                         set_current_digit, set_user_model, t,
                         user_model, user_model_meta)
from labui.training_job import (MAX_JOBS, Busy, Owner, TrainingJob,
                                default_eta_scale, eta_schedule, mnist_folder,
                                read_uploaded_model, sample_split)
from lenet import weights
from lenet.data import DataError, find_mnist_dir
from lenet.train import RECIPES, get_recipe

MAX_GALLERY = 30


@st.cache_resource(max_entries=1, show_spinner=False)
def mnist(path):
    """The MNIST folder's digits, shared read-only (DataError if unusable)."""
    return mnist_folder(path)


def plot_labels():
    keys = ["loss_title", "error_title", "digits_seen", "passes", "loss",
            "train_error", "test_error", "true", "predicted", "count"]
    return {k: t(f"train_plot_{k}") for k in keys}


def show_curves(job):
    loss, test = job.curves()
    fig = plots.curves(loss, test, job.n_train, plot_labels())
    st.plotly_chart(fig, width="stretch")


st.title(t("nav_train"))
st.caption(model_caption())
st.write(t("train_intro"))

job = st.session_state.get("train_job")
running = job is not None and job.running

# settings beside the explanation of the recipe
left, right = st.columns([3, 2], gap="large")
with right:
    st.subheader(t("train_recipe_head"))
    st.write(t("train_recipe_text"))
    ranges = eta_schedule()
    lines = [t("train_eta_range", first=a, last=b, eta=f"{eta:g}")
             for a, b, eta in ranges[:-1]]
    lines.append(t("train_eta_after", first=ranges[-1][0],
                   eta=f"{ranges[-1][2]:g}"))
    st.markdown("\n".join(f"- {line}" for line in lines))
    st.write(t("train_recipe_kinds", batch=RECIPES["fast"].batch))

with left:
    st.subheader(t("train_settings"))
    # NOTE: labels made now, not in format_func: it may run outside the page
    starts = {k: t(f"train_{k}") for k in ("scratch", "finetune")}
    start_from = st.radio(t("train_start_from"), list(starts),
                          format_func=starts.get, key="train_start_from",
                          persist_state="session",
                          help=t("train_start_help"))
    sources = {k: t(f"train_data_{k}") for k in ("sample", "folder")}
    source = st.radio(t("train_data"), list(sources), format_func=sources.get,
                      key="train_source", persist_state="session")

    data = None
    if source == "sample":
        images, labels, _ = samples()
        data = sample_split(images, labels)
        st.caption(t("train_sample_note"))
    else:
        # only the folder the teacher set on the server: students cannot
        # make the server look anywhere else
        found = find_mnist_dir()
        if found is None:
            st.info(t("train_folder_none"))
        else:
            try:
                data = mnist(str(found))
            except DataError as e:
                st.error(t("train_folder_bad", error=e))
            else:
                st.caption(t("train_folder_ok", n_train=len(data.train_labels),
                             n_test=len(data.test_labels)))

    recipes = {k: t(f"train_recipe_{k}") for k in RECIPES}
    recipe_name = st.radio(t("train_recipe"), list(recipes), horizontal=True,
                           format_func=recipes.get, key="train_recipe",
                           persist_state="session",
                           index=list(recipes).index("paper"))
    default = get_recipe(recipe_name)
    a, b, c = st.columns(3)
    passes = a.number_input(t("train_passes"), 1, 60, default.passes,
                            key=f"train_passes_{recipe_name}",
                            persist_state="session")
    eta_scale = b.number_input(
        t("train_eta_scale"), min_value=1e-4, max_value=100.0,
        value=float(default_eta_scale(recipe_name, source)), format="%.4g",
        key=f"train_eta_{recipe_name}_{source}", persist_state="session")
    n_max = 60_000 if source == "folder" else 200
    limit = c.number_input(t("train_limit"), 10, n_max, min(3000, n_max),
                           step=10 if source == "sample" else 500,
                           key=f"train_limit_{source}", persist_state="session",
                           help=t("train_limit_help"))
    steps = -(-int(limit) // default.batch)  # steps in one pass
    if default.batch > 1 and steps < 50:
        st.info(t("train_few_steps", steps=steps, batch=default.batch))

    if st.button(t("train_start"), key="train_start", type="primary",
                 disabled=running or data is None):
        recipe = get_recipe(recipe_name, passes=int(passes),
                            eta_scale=float(eta_scale))
        start = user_model() if start_from == "finetune" else None
        owner = st.session_state.setdefault("train_owner", Owner())
        new = TrainingJob(recipe, data.limited(limit), start=start, owner=owner)
        try:
            new.start()
        except Busy:
            st.warning(t("train_busy", n=MAX_JOBS))
        else:
            st.session_state["train_job"] = job = new
            running = True

# while training: a bar, one status line and live curves, every second
if job is not None and running:
    @st.fragment(run_every=1.0)
    def live():
        if not job.running:
            st.rerun()  # the whole page, to show the results
        st.subheader(t("train_progress"))
        line = job.progress_line() or t("train_waiting")
        st.progress(job.fraction())
        st.code(line, language=None)
        if st.button(t("train_stop"), key="train_stop"):
            job.stop()
        if job.stopping:
            st.caption(t("train_stopping"))
        st.caption(t("train_running_note"))
        show_curves(job)
        st.caption(t("train_curves_text"))

    live()

# after training: the result, to use or discard, and where it goes wrong
elif job is not None and job.finished:
    st.subheader(t("train_progress"))
    if job.status == "failed":
        st.error(t("train_failed", error=job.error))
    else:
        result = job.result
        key = "train_done" if job.status == "done" else "train_stopped"
        st.success(t(key, seen=job.step_count, seconds=job.seconds,
                     error=result["error_pct"], n=result["n"]))
    show_curves(job)
    st.caption(t("train_curves_text"))

    if job.model is not None:
        use, drop = st.columns(2)
        applied = st.session_state.get("train_applied") is job
        if use.button(t("train_apply"), key="train_apply", type="primary",
                      disabled=applied):
            model = job.model.copy()
            set_user_model(model, job.meta())
            st.session_state["train_applied"] = job
            st.rerun()  # the model caption above names the new model
        if applied:
            use.success(t("train_applied"))
        if drop.button(t("train_discard"), key="train_discard"):
            del st.session_state["train_job"]
            st.rerun()

        conf, wrong = st.columns([2, 3], gap="large")
        with conf:
            st.subheader(t("train_confusion_head"))
            st.write(t("train_confusion_text"))
            fig = plots.confusion(job.result["confusion"], plot_labels())
            st.plotly_chart(fig, width="content")
        with wrong:
            st.subheader(t("train_wrong_head"))
            mistakes = job.misclassified()
            if not mistakes:
                st.write(t("train_wrong_none"))
            else:
                st.write(t("train_wrong_text"))
            cells = st.columns(6)
            for n, (i, true, pred) in enumerate(mistakes[:MAX_GALLERY]):
                with cells[n % 6]:
                    st.image(job.data.test_images[i], width=56,
                             caption=t("train_wrong_caption", true=true,
                                       pred=pred))
                    if st.button(t("train_open"), key=f"train_open_{i}"):
                        x = job.test_x[i, 0].copy()  # (32, 32)
                        set_current_digit(Digit(x, "sample", true))
                        st.switch_page("app_pages/layers.py")
            if len(mistakes) > MAX_GALLERY:
                st.caption(t("train_wrong_more", n=len(mistakes) - MAX_GALLERY))

# the user's model as a file: download, upload, reset
st.divider()
st.subheader(t("train_file_head"))
st.write(t("train_file_text"))
down, up = st.columns(2)
with down:
    st.download_button(
        t("train_download"), weights.to_bytes(user_model(), user_model_meta()),
        file_name="lenet5-mine.npz", mime="application/octet-stream",
        key="train_download", on_click="ignore")
    if st.button(t("train_reset"), key="train_reset"):
        reset_user_model()
        st.rerun()
with up:
    # NOTE: no type filter: the browser's refusal would be Streamlit's, in
    # English; read_uploaded_model refuses any other name unopened and the
    # page says why in the student's language
    upload = st.file_uploader(t("train_upload"),
                              max_upload_size=weights.MAX_FILE_BYTES >> 20,
                              key="train_upload")
    st.caption(t("train_upload_limits", mb=weights.MAX_FILE_BYTES >> 20))
    if upload is not None and upload.file_id != st.session_state.get(
            "train_upload_seen"):
        st.session_state["train_upload_seen"] = upload.file_id
        try:
            model, meta = read_uploaded_model(upload.name, upload)
        except weights.WeightsError as e:
            message = ("error", t("train_upload_bad", name=upload.name,
                                  error=t(f"weights_err_{e.code}", **e.params)))
        else:
            set_user_model(model, meta)
            message = ("success", t("train_upload_ok", name=upload.name))
        st.session_state["train_upload_msg"] = message
        st.rerun()
    if upload is not None and "train_upload_msg" in st.session_state:
        kind, message = st.session_state["train_upload_msg"]
        getattr(st, kind)(message)
