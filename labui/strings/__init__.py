"""One module per area of the app, each with STRINGS = {key: {"en", "ko"}}."""
