"""Qt views over :mod:`model`. Holds no report logic of its own."""
