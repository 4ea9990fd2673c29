"""Mailing lists (mbox files and Maildir directories), one article per thread:
`mailbox` reads the archive, `fields` one message's headers and body,
`threads` how messages form threads, `body` a plain-text body's layout."""
