"""Allow ``python -m tidal``."""
