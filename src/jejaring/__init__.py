"""Jejaring: networks sharing cooperation (kerjasama berbagi jejaring)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("jejaring")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"

__all__ = ["__version__"]
