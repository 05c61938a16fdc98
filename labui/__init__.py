"""The app's own code: state, text in two languages, figures.

Pages import from here; the engine (`lenet`) knows nothing of the app.
Modules that import streamlit: `state`. The rest are plain Python.
"""
