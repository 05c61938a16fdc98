"""Plotly figure builders, one module per area; plain functions of arrays."""
