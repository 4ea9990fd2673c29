"""How much reader reads of one file or message, however it is reached.

Read as `limits.MAX_FILE_BYTES` at the time of reading, so that a test can
lower it for every reader at once.
"""

MAX_FILE_BYTES = 256 * 1024 * 1024
