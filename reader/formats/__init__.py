"""Reading article files: one subpackage or module per source, and what they share.

`loader` finds files and reads each one through `registry`, which sniffs its
format and calls that format's parser, imported on first use. The sources:
`hn/` (three Hacker News API shapes), `reddit`, `mail/` (mbox and Maildir),
`yaml/` (reader's own schema, as YAML or as `reader dump`'s JSON, and the
writer of both) and `seedtext`. `text/` turns HTML, Markdown and the like into
reader's structured text; `tree` and `values` are the walk and the field
checks the JSON sources share. No source imports another.
"""
