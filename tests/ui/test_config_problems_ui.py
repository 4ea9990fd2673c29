"""Issue 23 §9: a config's problems are one notification, however many there
are, and each is in the load log (`?`). 1,000 unknown binding ids were 1,000
notifications, the first frame seconds late."""

from __future__ import annotations

from pathlib import Path

from reader.config import load_config
from reader.loading import Loading
from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen

from .conftest import SEEDS, record_notifications
from .scenes import settle, wait_for
from .test_hardening_ui import help_text

COUNT = 1_000


async def test_a_thousand_config_problems_are_one_notification_and_all_in_the_log(
    tmp_path: Path,
) -> None:
    path = tmp_path / "config.toml"
    lines = "".join(f'"no.such{number}" = "x"\n' for number in range(COUNT))
    path.write_text(f'theme = "no-such-theme"\n[keys]\n{lines}', encoding="utf-8")
    app = ReaderApp(Loading([SEEDS]), config=load_config(path), warnings=["state is off"])
    notes = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        warnings = [note["message"] for note in notes if note.get("severity") == "warning"]
        assert warnings == [
            f"{COUNT + 2} problems with the config or the state — press ? for details"
        ]
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        log = help_text(app)
        assert f"{path}:{COUNT + 2}: [keys]: unknown binding id 'no.such{COUNT - 1}'" in log
        assert "unknown theme 'no-such-theme'" in log
        assert "state is off" in log


async def test_one_config_problem_is_its_own_notification(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('time = "soon"\n', encoding="utf-8")
    app = ReaderApp(Loading([SEEDS]), config=load_config(path))
    notes = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    warnings = [note["message"] for note in notes if note.get("severity") == "warning"]
    assert warnings == [f'{path}:1: time: expected "relative" or "absolute"']
