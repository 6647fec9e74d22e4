"""``tidal hello``: the demo app and its example pages."""
