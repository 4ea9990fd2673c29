"""Every test runs with its own empty config and state folders, so that no test
reads the user's config or writes into the user's state database."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def private_user_folders(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folders = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folders / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(folders / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(folders / "cache"))
    monkeypatch.delenv("READER_STATE", raising=False)
