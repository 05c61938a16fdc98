"""Figures of the Train page: learning curves and the confusion matrix.

Every visible word comes in through `labels`, already translated.
"""

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

LOSS_COLOUR = "#1f77b4"
TRAIN_ERR_COLOUR = "#ff7f0e"
TEST_ERR_COLOUR = "#d62728"


def curves(loss_points, test_points, n_train, labels):
    """Loss against digits seen (left), error % against passes (right).

    loss_points: [(digits seen, loss, training error %)], one per report.
    test_points: [(passes done, test error %)], pass 0 = before training.
    n_train: digits in one pass (puts the training error on the pass axis).
    labels: dict with loss_title, error_title, digits_seen, passes, loss,
        train_error, test_error.
    """
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.12,
                        subplot_titles=(labels["loss_title"],
                                        labels["error_title"]))
    seen = [p[0] for p in loss_points]
    fig.add_trace(go.Scatter(
        x=seen, y=[p[1] for p in loss_points], mode="lines+markers",
        name=labels["loss"], line=dict(color=LOSS_COLOUR)), row=1, col=1)
    fig.add_trace(go.Scatter(
        x=[s / n_train for s in seen], y=[p[2] for p in loss_points],
        mode="lines", name=labels["train_error"],
        line=dict(color=TRAIN_ERR_COLOUR, dash="dot")), row=1, col=2)
    fig.add_trace(go.Scatter(
        x=[p[0] for p in test_points], y=[p[1] for p in test_points],
        mode="lines+markers", name=labels["test_error"],
        line=dict(color=TEST_ERR_COLOUR, width=3)), row=1, col=2)

    fig.update_xaxes(title_text=labels["digits_seen"], row=1, col=1)
    fig.update_xaxes(title_text=labels["passes"], row=1, col=2, rangemode="tozero")
    fig.update_yaxes(title_text=labels["loss"], row=1, col=1, rangemode="tozero")
    fig.update_yaxes(title_text="%", row=1, col=2, range=[0, 100])
    fig.update_layout(height=340, margin=dict(l=40, r=20, t=40, b=40),
                      legend=dict(orientation="h", y=-0.25))
    return fig


def confusion(matrix, labels):
    """Heatmap of a 10x10 confusion matrix (rows true, columns predicted).

    labels: dict with true, predicted, count.
    """
    m = np.asarray(matrix)
    digits = [str(d) for d in range(10)]
    text = [[str(v) if v else "" for v in row] for row in m]
    fig = go.Figure(go.Heatmap(
        z=m, x=digits, y=digits, text=text, texttemplate="%{text}",
        colorscale="Blues", zmin=0, colorbar=dict(title=labels["count"]),
        hovertemplate=(f"{labels['true']} %{{y}}<br>{labels['predicted']} "
                       f"%{{x}}<br>{labels['count']} %{{z}}<extra></extra>")))
    fig.update_xaxes(title_text=labels["predicted"], side="top", type="category")
    fig.update_yaxes(title_text=labels["true"], autorange="reversed",
                     type="category")
    fig.update_layout(height=430, width=470, margin=dict(l=50, r=20, t=60, b=20))
    return fig
