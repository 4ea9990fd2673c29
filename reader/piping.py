"""Running a command the reader typed, a message on its standard input, as
mutt's `|` does (`git am`, `patch -p1`, a script): in the folder reader was
started in, through the shell, its output and errors kept together to show.

Nothing here chooses a command: only what the reader typed is run, once.
"""

from __future__ import annotations

import os
import signal
import subprocess
from typing import NamedTuple

# The output kept to show: more than a screen holds many times over.
OUTPUT_LIMIT = 1024 * 1024


class Piped(NamedTuple):
    """What the command said (standard output and errors, in the order
    written, cut to `OUTPUT_LIMIT`) and its exit status (None: it could not
    be started, `said` says why)."""

    said: str
    status: int | None


def pipe_to(command: str, data: bytes) -> Piped:
    """Run `command` through the shell with `data` on its standard input."""
    try:
        process = subprocess.Popen(
            command,
            shell=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            # Its own session: no terminal to read a password from or draw on
            # (the screen is reader's), and ctrl+c in reader is not its.
            start_new_session=True,
        )
    except OSError as error:
        return Piped(f"{command}: {error.strerror or error}", None)
    try:
        output, _ = process.communicate(data)
    except BaseException:
        os.killpg(process.pid, signal.SIGTERM)
        raise
    said = output[:OUTPUT_LIMIT].decode("utf-8", "replace")
    return Piped(said, process.returncode)
