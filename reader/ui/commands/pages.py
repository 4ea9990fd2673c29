"""Commands of an article from the web: its page's whole text in place of a
summary, and the page's feeds opened as lists of articles. Offered by the
main screen, each only where it acts (a summary or a link post; a page that
lists feeds)."""

from .base import Command

PAGE_COMMANDS: tuple[Command, ...] = (
    Command(
        "page.whole_article",
        "w",
        "whole_article",
        "Whole article",
        "Fetch the article's page and show its main text in place of the summary"
        " (a feed's summary, a link post); kept to read offline",
    ),
    Command(
        "page.open_feed",
        "F",
        "open_feed",
        "Open feed",
        "Open the page's feed as a list of articles (a page with several: the next each time)",
    ),
)
