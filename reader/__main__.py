"""`python -m reader`: the same as the `reader` command."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
