"""The screens worth a picture: used by the snapshot tests and by
`python tests/screenshots.py`, which writes them to `screenshots/`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# What relative times in a picture are counted from, so that it does not age.
SCENE_NOW = datetime(2024, 6, 3, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Scene:
    name: str
    size: tuple[int, int]
    keys: tuple[str, ...] = ()
    about: str = ""
    # Files of `tests/fixtures` to read instead of the bundled seeds.
    files: tuple[str, ...] = ()

    @property
    def paths(self) -> list[Path] | None:
        return [FIXTURES / name for name in self.files] or None


SCENES: tuple[Scene, ...] = (
    Scene("opening", (140, 42), (), "The opening screen on the bundled seeds"),
    Scene(
        "collapsed",
        (140, 42),
        ("tab", "tab", "j", "j", "space"),
        "The thread with comment 3 folded: its header shows [+2]",
    ),
    Scene("help", (140, 42), ("question_mark",), "The help screen: every key, by pane"),
    Scene("narrow", (80, 24), ("tab", "tab"), "At 80x24 one pane shows at a time: the thread"),
    Scene(
        "search",
        (140, 42),
        ("tab", "tab", "slash", *"aleppo", "enter", "n"),
        "Searching the thread: highlighted matches and the 2/2 counter",
    ),
    Scene(
        "hn-code",
        (160, 45),
        ("tab", "tab"),
        "A Hacker News link post: code clipped with →, "
        "numbered links, a quote and a list, OP and [deleted]",
        ("hn_code.json",),
    ),
    Scene(
        "reddit-quotes",
        (160, 45),
        # The last comment folded: unfolded, the thread is exactly as tall as
        # the pane, where Textual shows its scrollbar or not by timing.
        ("tab", "tab", "G", "space"),
        "A Reddit thread: nested quotes, scores, edited, [removed] and more-replies stubs",
        ("reddit.json",),
    ),
    Scene(
        "mailing-list",
        (160, 45),
        ("tab", "tab", "j", "j"),
        "A mailing-list thread: quoted mail and a diff as code",
        ("garden.mbox",),
    ),
    Scene("hn-narrow", (80, 24), ("tab", "tab"), "Code and links at 80x24", ("hn_code.json",)),
)


async def settle(pilot: Pilot[None]) -> None:
    """Wait for the files to load (and any search to finish) before keys or a picture."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def play(scene: Scene):  # type: ignore[no-untyped-def]
    """A `run_before` for snap_compare: load, press the scene's keys, settle."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press(*scene.keys)
        await settle(pilot)

    return run_before
