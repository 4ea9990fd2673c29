"""Mailing lists (mbox files and Maildir directories), one article per thread.

`mailbox` reads an archive (`mbox`, `maildir` its files) and orders the work:
`index` lists each message from its head (`heads`, its second half by a
helper process, `second_half`), `threads` links them, `thread_list` gives
the threads listed, `thread_text` reads a listed thread's bodies when
wanted. One message read in full: `messages` (a thread's article), `fields`
(its fields: `plain_head` and `plain_parts` read a simple one by hand,
`parts` and `header_values` as `email` reads it), `body` (its text's layout),
`dates` (its Date as an integer key)."""
