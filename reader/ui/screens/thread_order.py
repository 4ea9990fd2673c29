"""Which order the comments are read in, for each kind of source (Hacker
News, Reddit, a mailing list, ...): the reader's last choice (`s`), kept in
the state, else the source's own."""

from __future__ import annotations

from ...model import Article
from ...sorts import ORDERS, SAID, SOURCE
from ...state import State

# The state's name of the order chosen for a kind of source.
SETTING = "sort.{kind}"


class ThreadOrders:
    """The order chosen for each kind of source (an article's `format`)."""

    def __init__(self, state: State | None) -> None:
        self.state = state
        self._chosen: dict[str, str] = {}

    def of(self, article: Article) -> str:
        """The order `article`'s comments are read in."""
        kind = article.format
        order = self._chosen.get(kind)
        if order is None and self.state is not None:
            order = self.state.setting(SETTING.format(kind=kind))
        return order if order in ORDERS else SOURCE

    def next_for(self, article: Article) -> str:
        """The order after `article`'s, chosen (and kept) for its kind."""
        order = ORDERS[(ORDERS.index(self.of(article)) + 1) % len(ORDERS)]
        self._chosen[article.format] = order
        if self.state is not None:
            self.state.remember(SETTING.format(kind=article.format), order)
        return order


def said(order: str) -> str:
    """How a notice says `order`."""
    return SAID.get(order, "in the source's order")
