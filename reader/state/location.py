"""Where the state database lives, and whether there is one this session."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_state_dir

FILE_NAME = "state.db"
# `READER_STATE=off` (or 0, no, false) runs without state, like `--no-state`.
OFF_VALUES = {"off", "0", "no", "false"}


def default_state_path() -> Path:
    """`$XDG_STATE_HOME/reader/state.db` (default `~/.local/state/reader/state.db`)."""
    return Path(user_state_dir("reader")) / FILE_NAME


def state_path(option: Path | None, disabled: bool, environ: Mapping[str, str]) -> Path | None:
    """The database for this session from `--state`, `--no-state` and the
    environment; None: no state."""
    if disabled or environ.get("READER_STATE", "").strip().lower() in OFF_VALUES:
        return None
    return option if option is not None else default_state_path()
