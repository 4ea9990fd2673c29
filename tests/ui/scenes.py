"""The screens worth a picture: used by the snapshot tests and by
`python tests/screenshots.py`, which writes them to `screenshots/`."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pytest_httpserver import HTTPServer
from textual import events
from textual.pilot import Pilot
from textual.worker import WorkerState

from reader.loading import Loading
from reader.prepared import prepare
from reader.state import State, open_state
from reader.ui.app import ReaderApp
from tests.builders import load_one
from tests.ui.conftest import make_app
from tests.web_support import (
    STORY,
    algolia_hit,
    serve_hn,
    session,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# A directory of invented articles: two that load, three that cannot be read.
MIXED = FIXTURES / "mixed"
# What relative times in a picture are counted from, so that it does not age.
SCENE_NOW = datetime(2024, 6, 3, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Scene:
    name: str
    size: tuple[int, int]
    keys: tuple[str, ...] = ()
    about: str = ""
    # What the app opens (default: the bundled seeds) and its theme (default: Textual's).
    paths: tuple[Path, ...] = ()
    theme: str | None = None
    # An earlier session, given a state database to leave its memory in; the
    # scene's app then opens that database (None: no state, as `--no-state`).
    earlier_session: Callable[[State], None] | None = None
    # A scene read from the web: what the local server serves (the scene's
    # server, `scene_server`) and the URLs the app opens, with a state made
    # in the folder; and what it serves once they are loaded, before the keys.
    web: Callable[[HTTPServer], list[str]] | None = None
    web_later: Callable[[HTTPServer], None] | None = None

    def app(self, folder: Path | None = None) -> ReaderApp:
        """The scene's app; with an earlier session, its state database is made
        in `folder` (close the app's state once done: `close_state`)."""
        if self.web is not None:
            assert folder is not None, f"{self.name} needs a folder for its cache and state"
            server = scene_server()
            urls = self.web(server)
            loading = Loading(urls, web=session(server, folder / "cache"))
            return ReaderApp(loading, state=open_scene_state(folder))
        # Relative to the working folder (the repository), so that file names in
        # the picture are the same on every machine.
        paths = [Path(os.path.relpath(path)) for path in self.paths] or None
        if self.earlier_session is None:
            app = make_app(paths)
        else:
            assert folder is not None, f"{self.name} needs a folder for its state"
            earlier = open_scene_state(folder)
            self.earlier_session(earlier)
            earlier.close()
            app = ReaderApp(Loading(paths or []), state=open_scene_state(folder))
        if self.theme is not None:
            app.theme = self.theme
        return app


_SERVER: list[HTTPServer] = []


def scene_server() -> HTTPServer:
    """The local server of the web scenes, started once (its thread a daemon),
    cleared for each scene."""
    if not _SERVER:
        server = HTTPServer(threaded=True)
        server.start()
        _SERVER.append(server)
    _SERVER[0].clear()
    return _SERVER[0]


FRONT_PAGE_TITLES = (
    "Show HN: A tide table in the terminal",
    "The gauges that measured the 1953 surge",
    "Ask HN: Favourite estuary?",
    "Salt marsh restoration, ten years on",
    "Why the Severn bore comes twice a day",
    "A field guide to mudflat birds (2019)",
    "Chart datum, explained with one diagram",
    "Show HN: Harmonic constants as a library",
    "The lighthouse keepers' logbooks, digitised",
    "Tell HN: Our tide app now works offline",
    "Sea level rise in one long chart",
    "Launch HN: Moorings (YC S24), buoy data for small harbours",
)


SCENE_AUTHORS = ("tern_watch", "gauge_keeper", "mudlark", "pier_keeper", "kelp_reader")
SCENE_REPLIES = (
    "We had the same gauge at the harbour until the nineties.",
    "The second chart is the one that surprised me.",
    "Does anyone know where the raw readings are kept?",
    "Lovely write-up. The photos of the old tide mill are worth the click.",
)


def hn_front_page(server: HTTPServer) -> list[str]:
    """An invented Hacker News front page of 12 stories, the first of which
    is the tide-table thread of the web tests."""
    ids = [STORY, *range(9400, 9400 + len(FRONT_PAGE_TITLES) - 1)]
    server.expect_request("/hacker-news.firebaseio.com/v0/topstories.json").respond_with_json(ids)
    counts = [6, *((number * 17) % 40 for number in range(1, len(ids)))]
    hits = [
        algolia_hit(story_id, title, count)
        for story_id, title, count in zip(ids, FRONT_PAGE_TITLES, counts, strict=True)
    ]
    server.expect_request("/hn.algolia.com/api/v1/search").respond_with_json(
        {"hits": hits, "nbHits": len(hits), "hitsPerPage": len(hits)}
    )
    serve_hn(server)
    for story_id, title, count in zip(ids[1:], FRONT_PAGE_TITLES[1:], counts[1:], strict=True):
        serve_scene_story(server, story_id, title, count)
    return ["https://news.ycombinator.com/"]


def serve_scene_story(server: HTTPServer, story_id: int, title: str, count: int) -> None:
    """A story's thread of `count` comments, each at the top level."""
    comments = [
        {
            "id": story_id * 1000 + number,
            "type": "comment",
            "author": SCENE_AUTHORS[number % len(SCENE_AUTHORS)],
            "created_at_i": 1717236000 + number * 600,
            "text": SCENE_REPLIES[number % len(SCENE_REPLIES)],
            "parent_id": story_id,
            "children": [],
        }
        for number in range(count)
    ]
    item = {
        "id": story_id,
        "type": "story",
        "title": title,
        "author": "fennel_ops",
        "created_at_i": 1717232400,
        "url": f"https://{story_id}.example/",
        "children": comments,
    }
    server.expect_request(f"/hn.algolia.com/api/v1/items/{story_id}").respond_with_json(item)
    server.expect_request(f"/hacker-news.firebaseio.com/v0/item/{story_id}.json").respond_with_json(
        {"id": story_id, "type": "story", "kids": [comment["id"] for comment in comments]}
    )


def hn_thread(server: HTTPServer) -> list[str]:
    serve_hn(server)
    return [f"https://news.ycombinator.com/item?id={STORY}"]


def hn_thread_grown(server: HTTPServer) -> None:
    """The thread once a reply has arrived."""
    server.clear()
    serve_hn(server, late_reply=True)


def open_scene_state(folder: Path) -> State:
    state, warnings = open_state(folder / "state.db")
    assert state is not None and not warnings, warnings
    return state


def close_state(app: ReaderApp) -> None:
    """Write and close the state a scene's app was given, if any."""
    if app.state is not None:
        app.state.close()


REDDIT = FIXTURES / "reddit.json"


def reddit_read_in_part(state: State) -> None:
    """A session that opened the reddit thread before two comments arrived (a
    reply to the second top-level comment's first reply, and the last top-level
    comment) and drew only its first three comments: those are read now, the
    two that arrived since are new, the rest unread; its stubs are neither."""
    article = load_one(REDDIT)
    del article.comments[-1]
    del article.comments[0].replies[1].replies[0]
    marks = state.prepare(article, prepare(article).thread)
    state.opened(marks)
    state.mark_seen(marks, range(3))


FEED_FILES = tuple(
    FIXTURES / "feeds" / name for name in ("tide-notes.rss", "estuary.xml", "harbour.atom")
)


def feeds_listed_before(state: State) -> None:
    """A launch that listed the three feeds before Tide Notes' post on neaps
    came out: at the next, that post is new."""
    from reader.formats.loader import load_articles

    for path in FEED_FILES:
        # The feed as the scene's app names it (relative to the repository).
        for article in load_articles(Path(os.path.relpath(path))):
            if article.title != "Neaps in June":
                state.prepare(article, prepare(article).thread)


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
        paths=(FIXTURES / "hn_code.json",),
    ),
    Scene(
        "reddit-quotes",
        (160, 45),
        # The last comment folded: unfolded, the thread is exactly as tall as
        # the pane, where Textual shows its scrollbar or not by timing.
        ("tab", "tab", "G", "space"),
        "A Reddit thread: nested quotes, scores, edited, [removed] and more-replies stubs",
        paths=(FIXTURES / "reddit.json",),
    ),
    Scene(
        "mailing-list",
        (160, 45),
        ("tab", "tab", "j", "j"),
        "A mailing-list thread: quoted mail and a diff as code",
        paths=(FIXTURES / "garden.mbox",),
    ),
    Scene(
        "patch-series",
        (140, 42),
        # All folded to their headers, then patch 2 unfolded under patch 1.
        ("tab", "tab", "C", "j", "space", "k"),
        "A patch series: each message's subject where it differs from its parent's, "
        "a patch's added and removed lines and hunks in colour",
        paths=(FIXTURES / "tidepool.mbox",),
    ),
    Scene(
        "hn-narrow",
        (80, 24),
        ("tab", "tab"),
        "Code and links at 80x24",
        paths=(FIXTURES / "hn_code.json",),
    ),
    Scene(
        "body-search",
        (140, 42),
        ("enter", "slash", *"mosul", "enter", "n"),
        "Searching the article body: every match highlighted, the current one reversed",
    ),
    Scene(
        "filter",
        (140, 42),
        ("tab", "tab", "slash", *"aleppo", "alt+f"),
        "The comments filter: only matching comments and their ancestors",
    ),
    Scene(
        "filter-no-match",
        (140, 42),
        ("tab", "tab", "slash", *"zeppelin", "alt+f"),
        "A filter that matches nothing says so inside the pane",
    ),
    Scene(
        "narrowed-list",
        (140, 42),
        ("slash", *"aleppo", "enter"),
        "Searching the article list narrows it to the articles that match",
    ),
    Scene(
        "folded",
        (140, 42),
        ("tab", "tab", "C"),
        "C folds the thread to the top level: each comment keeps its first line",
    ),
    Scene(
        "no-comments",
        (140, 42),
        ("j",),
        "An article without comments says so",
    ),
    Scene(
        "light",
        (140, 42),
        ("tab", "tab", "slash", *"aleppo", "enter"),
        "The light theme (textual-light): a search in the thread",
        theme="textual-light",
    ),
    Scene(
        "load-errors",
        (80, 24),
        (),
        "At 80x24, one notification for the files that could not be read",
        paths=(MIXED,),
    ),
    Scene(
        "load-log",
        (80, 24),
        ("question_mark",),
        "At 80x24 the help screen starts with the load log: each file and why",
        paths=(MIXED,),
    ),
    # 1.1 folded: unfolded, the thread is about as tall as the pane, where
    # Textual shows its scrollbar or not by timing.
    Scene(
        "new-unread",
        (160, 45),
        ("tab", "tab", "j", "space"),
        "A second visit: comments new since the last (● new) and unread ones (○); stubs neither",
        paths=(REDDIT,),
        earlier_session=reddit_read_in_part,
    ),
    Scene(
        "new-unread-light",
        (160, 45),
        ("tab", "tab", "j", "space"),
        "The new and unread marks in the light theme",
        paths=(REDDIT,),
        theme="textual-light",
        earlier_session=reddit_read_in_part,
    ),
    Scene(
        "wide",
        (240, 50),
        ("tab", "tab"),
        "At 240 columns the body and the comments side by side, the comments 120 wide or"
        " more: never narrower than the terminal gave them before",
        paths=(FIXTURES / "hn_code.json",),
    ),
    Scene(
        "link-picker",
        (80, 24),
        ("tab", "tab", "L", *["down"] * 6),
        "L at 80x24: each link's words and title over its URL; the list follows the highlight",
        paths=(FIXTURES / "hn_links.json",),
    ),
    Scene(
        "sorted-thread",
        (160, 45),
        ("tab", "tab", "s", "s", "C"),
        "s sorts the comments (here newest first, folded to a line each to show the order);"
        " the title says the order",
        paths=(REDDIT,),
    ),
    Scene(
        "feeds",
        (140, 42),
        (),
        "Three feeds: each item labelled with its feed, the one listed since the last"
        " launch marked new",
        paths=FEED_FILES,
        earlier_session=feeds_listed_before,
    ),
    Scene(
        "extracted-article",
        (140, 42),
        (),
        "A page's main text extracted, its feeds (F opens one), comments from its comment feed",
        paths=(FIXTURES / "spring-tides-page.json",),
    ),
    Scene(
        "wordpress-thread",
        (160, 45),
        ("tab", "tab", "j", "j"),
        "A WordPress post with its comments threaded by parent, the post's author's marked",
        paths=(FIXTURES / "spring-tides-wordpress.json",),
    ),
    Scene(
        "hn-front-page",
        (160, 45),
        ("tab", "tab"),
        "A Hacker News front page: its stories listed, the first ones' threads fetched ahead",
        web=hn_front_page,
    ),
    Scene(
        "refreshed",
        (160, 45),
        ("tab", "tab", "j", "j", "r"),
        "r fetched the thread again: the reply that arrived is marked ● new, the list and the"
        " title count it, the cursor stays on its comment",
        web=hn_thread,
        web_later=hn_thread_grown,
    ),
    Scene("narrow-list", (80, 24), (), "At 80x24 the article list alone"),
    Scene("narrow-body", (80, 24), ("enter",), "At 80x24 the article body alone"),
)


# How many times the app may go idle before `wait_for` gives up.
WAIT_CYCLES = 500
# A worker in these states is work `settle` waits for.
_ACTIVE = (WorkerState.PENDING, WorkerState.RUNNING)


async def settle(pilot: Pilot[None]) -> None:
    """Wait for the files to load (and any search to finish, and anything
    fetched from the web) before keys or a picture."""
    app = pilot.app
    for _ in range(WAIT_CYCLES):
        await app.workers.wait_for_complete()
        await pilot.pause()
        # What that ran may start more work after the frame it drew (a search
        # starts after the frame that echoes its keystroke): a second pause
        # runs what waited for the frame, and any work it started is awaited.
        await pilot.pause()
        if not any(worker.state in _ACTIVE for worker in app.workers):
            break
    screen = app.screen_stack[0] if app.screen_stack else None
    web = getattr(screen, "web", None)
    if web is not None:
        await wait_for(pilot, lambda: not web.busy, "the fetches")
        await pilot.pause()


async def burst(pilot: Pilot[None], keys: Iterable[tuple[str, str]]) -> None:
    """`keys` (each a key's name and its character) as a terminal hands fast
    typing or a paste over: all posted before the app handles the first;
    then the app settles."""
    for key, character in keys:
        pilot.app.post_message(events.Key(key, character))
    await settle(pilot)


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Let the app run until `condition` holds: a loaded machine takes more
    message cycles, never a different outcome. Fails, saying `what` was awaited,
    if the app goes idle that many times without it."""
    for _ in range(WAIT_CYCLES):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"still waiting for {what} after {WAIT_CYCLES} idle cycles")


def play(scene: Scene):  # type: ignore[no-untyped-def]
    """A `run_before` for snap_compare: load, press the scene's keys, settle."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if scene.web_later is not None:
            scene.web_later(scene_server())
        await pilot.press(*scene.keys)
        await settle(pilot)
        # A notification's toast is mounted one message cycle after `notify`.
        await pilot.pause()

    return run_before
