"""The article list: each entry says where the article is from (its site,
subreddit or list, else its file; two copies of a thread name their files);
`s` sorts it by time, activity (latest comment) or comment count; `l` shows only
the articles with new or unread comments, as mutt's limit."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.loading import Loading
from reader.state import open_state
from reader.times import parse_time
from reader.ui.app import ReaderApp
from reader.ui.articles.list import ArticleList

from .conftest import make_app, record_notifications
from .scenes import FIXTURES, settle


def shown(articles: ArticleList) -> list[str]:
    return [articles.prompt_at(index).plain for index in range(articles.entry_count)]


async def test_two_copies_of_a_thread_name_their_files(tmp_path: Path) -> None:
    first = shutil.copy(FIXTURES / "reddit.json", tmp_path / "books.json")
    second = shutil.copy(FIXTURES / "reddit.json", tmp_path / "books-again.json")
    app = make_app([Path(first), Path(second)])
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        lines = [entry.splitlines()[1] for entry in shown(app.query_one(ArticleList))]
        assert lines[0].startswith("r/books · books.json"), lines
        assert lines[1].startswith("r/books · books-again.json"), lines


async def test_an_article_without_a_source_names_its_file(nested_file: Path) -> None:
    app = make_app([nested_file])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert shown(app.query_one(ArticleList))[0].splitlines()[1].startswith("nested.txt ·")


FILES = [FIXTURES / name for name in ("hn_algolia.json", "reddit.json", "hn_code.json")]


async def test_s_sorts_by_time_activity_and_comment_count_and_groups_by_feed() -> None:
    app = make_app(FILES)
    notes = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        store = articles.store
        loaded = [article.id for article in store]
        ids = lambda: [articles.id_at(i) for i in range(articles.entry_count)]  # noqa: E731
        assert ids() == loaded
        highlighted = articles.highlighted_id
        await pilot.press("s")
        published = {a.id: parse_time(a.published or "") for a in store}
        assert ids() == sorted(loaded, key=lambda i: published[i], reverse=True)  # type: ignore[arg-type, return-value]
        assert articles.highlighted_id == highlighted, "the cursor keeps its article"
        await pilot.press("s")
        assert "Articles latest comment first" in [note["message"] for note in notes]
        await pilot.press("s")
        counts = {article.id: store.comment_count(article.id) for article in store}
        assert [counts[i] for i in ids()] == sorted(counts.values(), reverse=True)
        await pilot.press("s")
        # By feed: articles of no feed go with their source's (both HN threads
        # together, before the subreddit's, which loaded after the first).
        sources = [store.article(i).source for i in ids()]
        assert (
            sources
            == ["Hacker News", "Hacker News", sources[2]]
            != [store.article(i).source for i in loaded]
        )
        assert "Articles by feed, newest first" in [note["message"] for note in notes]
        await pilot.press("s")
        assert ids() == loaded


async def test_l_shows_only_the_articles_with_new_or_unread_comments(tmp_path: Path) -> None:
    state, _ = open_state(tmp_path / "state.db")
    assert state is not None
    app = ReaderApp(Loading([FIXTURES.parent.parent / "seeds"]), state=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        first = articles.id_at(0)
        await pilot.press("enter", "m", "escape")  # the first read, every comment
        await settle(pilot)
        await pilot.press("l")
        assert first not in [articles.id_at(i) for i in range(articles.entry_count)]
        assert articles.entry_count == 1
        await pilot.press("l")
        assert articles.entry_count == 2
    state.close()


async def test_without_state_the_limit_says_why_it_cannot() -> None:
    app = make_app()
    notes = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        assert app.query_one(ArticleList).entry_count == 2
        assert any("saved state" in note["message"] for note in notes)
