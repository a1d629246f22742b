"""``python -m jejaring`` runs the command line."""

from jejaring.cli import main

main()
