"""``python -m jejaring`` runs the command line."""

from jejaring.cli import main

# Guarded: the worker processes of `jejaring serve --workers N` import this module again.
if __name__ == "__main__":
    main()
