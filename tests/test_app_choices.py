"""A student's choices on a page are still there when they come back to it.

Streamlit forgets a widget's value once a run no longer draws it, so by
default every choice would reset whenever the student visits another page.
"""

import pytest

from apptest import open_app, run

# page script, widget kind, key, a value other than its default
CHOICES = [
    ("app_pages/draw.py", "radio", "draw_mode", "sample"),
    ("app_pages/c3.py", "selectbox", "c3_map", 9),
    ("app_pages/layers.py", "selectbox", "layers_unit", "c3"),
    ("app_pages/learn.py", "select_slider", "learn_lr", 0.1),
    ("app_pages/learn.py", "radio", "learn_opt_name", "sdlm"),
    ("app_pages/learn.py", "number_input", "learn_run_n", 3),
    ("app_pages/train.py", "radio", "train_recipe", "fast"),
    ("app_pages/train.py", "radio", "train_start_from", "finetune"),
]


@pytest.mark.parametrize("path, kind, key, value", CHOICES,
                         ids=[c[2] for c in CHOICES])
def test_a_choice_survives_a_visit_to_another_page(path, kind, key, value):
    at = open_app(page=path)
    widget = getattr(at, kind)(key=key)
    assert widget.value != value  # else the test could not tell
    widget.set_value(value)
    run(at)
    elsewhere = ("app_pages/c3.py" if path != "app_pages/c3.py"
                 else "app_pages/draw.py")
    run(at.switch_page(elsewhere))
    run(at.switch_page(path))
    assert getattr(at, kind)(key=key).value == value
