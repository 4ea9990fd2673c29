"""reader's own article schema: `schema` reads it from YAML (composed into nodes
by `compose`) or from plain data, `from_json` reads `reader dump --format json`
back, `dump` writes it, and `textdata` is how a text with layout is spelt in it.

Nothing here is imported until a YAML or reader JSON file is read (PyYAML
costs start-up time): this module imports nothing."""
