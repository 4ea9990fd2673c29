"""reader: a terminal reader for articles and their discussion threads."""

__version__ = "0.1.0"
