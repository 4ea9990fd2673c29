"""The list of loaded articles: title, then source/author and comment count.

With a state this session, an article never opened (before or now) is
unread: its title is bold behind a `●`; the others' titles are plain, and each entry says
how many of its comments are new since the last session. The counts come from
the `ArticleState`s the load worker made: no query per entry.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...model import Article
from ...sanitize import neutralise
from ...state import ArticleState
from ..commands import ARTICLE_LIST_COMMANDS, bindings

UNREAD_MARKER = "● "


def article_prompt(
    article: Article,
    comment_count: int,
    matching: int | None = None,
    marks: ArticleState | None = None,
    opened: bool = False,
) -> Text:
    """An entry: the title, then who wrote it, how many comments (and how many
    match); with `marks`, whether it is unread (and not `opened` this session)
    and how many comments are new."""
    title = neutralise(article.title)
    if marks is None:
        prompt = Text(title, style="bold")
    elif marks.unread and not opened:
        prompt = Text(UNREAD_MARKER + title, style="bold")
    else:
        prompt = Text(title)
    names = " · ".join(neutralise(name) for name in (article.source, article.author) if name)
    count = f"{comment_count} comment{'' if comment_count == 1 else 's'}"
    if marks is not None and marks.new_count:
        count += f" · {marks.new_count} new"
    if matching is not None:
        count += f", {matching} matching"
    prompt.append("\n")
    prompt.append(" · ".join(filter(None, [names, count])), style="dim")
    return prompt


class ArticleList(OptionList):
    """The articles in load order, or only those a search found; option ids are
    article ids."""

    BINDINGS = bindings(ARTICLE_LIST_COMMANDS)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: list[tuple[Article, int]] = []
        self.narrowed = False
        # Each article's state by article id (the screen's; empty: no state).
        self.marks: dict[str, ArticleState] = {}
        # The articles opened this session: no longer shown as unread.
        self.opened: set[str] = set()

    def _prompt(self, article: Article, count: int, matching: int | None = None) -> Text:
        return article_prompt(
            article, count, matching, self.marks.get(article.id), article.id in self.opened
        )

    def add_articles(self, entries: list[tuple[Article, int]]) -> None:
        """Append articles (with their comment counts) in one go: one re-measure."""
        self._entries.extend(entries)
        if not self.narrowed:
            self.add_options(
                Option(self._prompt(article, count), id=article.id) for article, count in entries
            )

    def mark_opened(self, article_id: str) -> None:
        if article_id not in self.opened and article_id in self.marks:
            self.opened.add(article_id)
            self.refresh_marks({article_id})

    def refresh_marks(self, article_ids: set[str] | None = None) -> None:
        """Redraw the entries of `article_ids` (None: all): opened or marked read.
        A list narrowed by a search is redrawn in full when the search ends."""
        if self.narrowed:
            return
        entries = {
            article.id: (article, count)
            for article, count in self._entries
            if article_ids is None or article.id in article_ids
        }
        for index, option in enumerate(self.options):
            if option.id in entries:
                self.replace_option_prompt_at_index(index, self._prompt(*entries[option.id]))

    # OptionList wraps from one end to the other; a list of articles stops at its ends.
    def action_cursor_up(self) -> None:
        if self.highlighted != 0:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        if self.highlighted != self.option_count - 1:
            super().action_cursor_down()

    @property
    def highlighted_id(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def highlight_id(self, article_id: str | None) -> None:
        if article_id is not None and article_id in self._option_ids():
            self.highlighted = self.get_option_index(article_id)

    def _option_ids(self) -> set[str]:
        return {option.id for option in self.options if option.id is not None}

    def narrow(self, found: list[tuple[str, int]]) -> None:
        """Show only the articles in `found` (article id, matching comments)."""
        entries = {article.id: (article, count) for article, count in self._entries}
        self.narrowed = True
        self.clear_options()
        self.add_options(
            Option(self._prompt(*entries[article_id], matching), id=article_id)
            for article_id, matching in found
        )

    def show_all(self) -> None:
        self.narrowed = False
        self.clear_options()
        self.add_options(
            Option(self._prompt(article, count), id=article.id) for article, count in self._entries
        )
