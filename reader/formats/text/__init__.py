"""Converters from a source's markup to reader's structured text (`reader.text`):
`html` and `markdown` drive the one `build`er, which owns the link rules."""
