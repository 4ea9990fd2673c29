"""Drawing structured text as screen lines, shared by the thread and the body:
blocks (`block_lines`), word wrapping, run heights, highlight styles."""
