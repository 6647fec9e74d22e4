"""Allow ``python -m tidal`` (same as the ``tidal`` command)."""

from tidal.cli import main

if __name__ == "__main__":
    main()
