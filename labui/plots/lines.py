"""A horizontal line across a chart, named in the legend above it.

A label written on the line itself lands on whichever bar crosses it; a
legend entry above the plot never covers the data.
"""

import plotly.graph_objects as go


def named_level(fig, y, name, line):
    """Draw y as a line across fig's whole width, named in its legend.

    line: plotly line properties, e.g. dict(color="#555", dash="dot").
    Every other trace is kept out of the legend.
    """
    fig.update_traces(showlegend=False)
    fig.add_hline(y=y, line=line)
    # a trace with no points: only its legend entry shows
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=line,
                             name=name, hoverinfo="skip", showlegend=True))
    fig.update_layout(showlegend=True, legend=dict(
        orientation="h", x=1, xanchor="right", y=1, yanchor="bottom",
        bgcolor="rgba(0, 0, 0, 0)"))
    return fig
