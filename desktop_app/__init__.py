"""Lede: a desk for media-literacy lessons."""

__version__ = "0.1.0"
APP_NAME = "Lede"
APP_ID = "lede"
