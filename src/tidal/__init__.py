"""tidal: interactive web apps as plain Python scripts."""
