"""Lede: a desk for media-literacy lessons."""

# The one place the version is written: pyproject.toml reads it from here ([tool.hatch.version]).
__version__ = "0.1.0"
APP_NAME = "Lede"
APP_ID = "lede"
