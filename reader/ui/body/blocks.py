"""The article as the body pane shows it: a run of text blocks (title,
subtitle, byline, facts, URL, a page's feeds, the body's blocks, the author's
bio), each with
its search key, made when asked for.

The body's blocks are the article's own strings: no object is made for one
until it is drawn (a 251 MB text file is a million paragraphs; an object or
two for each took more memory than the text). The few blocks around the body
are made at once.
"""

from __future__ import annotations

from typing import NamedTuple

from ... import times
from ...model import Article
from ...sanitize import neutralise
from ...search.fields import BIO, BODY, SUBTITLE, TITLE
from ...text import LINK, PARAGRAPH, Block, Span, block_at
from ...times import posted_text

BlockKey = tuple[str, int] | None


class PlainBlock(NamedTuple):
    """A block of the article in one style (title, byline, bio, ...)."""

    string: str
    style: str  # its name in the view's styles, which a theme changes


class StructuredBlock(NamedTuple):
    """A block of the body laid out by the block renderer (a link post's note too)."""

    string: str
    layout: Block
    previous: Block | None  # the block before it, for the gap between them


AnyBlock = PlainBlock | StructuredBlock
KeyedBlock = tuple[BlockKey, AnyBlock]


def comments_in_file(article: Article) -> int:
    """The article's comments the file holds (stubs for missing ones are none),
    as the store counted them when it indexed the thread: no walk of the tree
    each time an article is shown."""
    thread = article.comments[0].thread if article.comments else None
    return thread.comment_count if thread is not None else 0


def article_facts(article: Article, in_file: int) -> str:
    """What the source says about the article, on one line: when, its score and
    how many comments it claims (and how many the file holds when fewer)."""
    facts = []
    if article.published:
        facts.append(posted_text(article.published, times.now()))
    if article.score is not None:
        facts.append(f"{article.score} point{'' if article.score == 1 else 's'}")
    claimed = article.comment_count
    if claimed is not None:
        said = f"{claimed} comment{'' if claimed == 1 else 's'}"
        facts.append(said if claimed == in_file else f"{said} ({in_file} in this file)")
    return " · ".join(facts)


class ArticleBlocks:
    """The article's blocks in reading order, to be separated by blank lines;
    each with its search key, None if not searched. The searched ones are
    exactly `reader.search.fields.article_fields` (what search reads), in its
    order: the title, the subtitle, the body's blocks, the bio's paragraphs;
    the byline, the facts, the URL and the bio's heading go around them."""

    def __init__(self, article: Article, in_file: int = 0) -> None:
        self.body = article.body
        self.layouts = article.body_blocks
        head: list[KeyedBlock] = [((TITLE, 0), PlainBlock(neutralise(article.title), "title"))]
        if article.subtitle:
            head.append(((SUBTITLE, 0), PlainBlock(neutralise(article.subtitle), "subtitle")))
        head.extend(_header_blocks(article, in_file))
        self.head = head
        self.tail: list[KeyedBlock] = []
        if article.author_bio:
            heading = f"About {article.author}" if article.author else "About the author"
            self.tail.append((None, PlainBlock("─── " + neutralise(heading), "bio-heading")))
            self.tail.extend(
                ((BIO, number), PlainBlock(neutralise(text), "bio"))
                for number, text in enumerate(article.author_bio.split("\n\n"))
            )
        self.body_start = len(head)
        self.tail_start = self.body_start + len(self.body)

    def __len__(self) -> int:
        return self.tail_start + len(self.tail)

    def __getitem__(self, number: int) -> KeyedBlock:
        """Block `number`, made now if it is one of the body's."""
        if number < self.body_start:
            return self.head[number]
        if number >= self.tail_start:
            return self.tail[number - self.tail_start]
        within = number - self.body_start
        layouts = self.layouts
        previous = block_at(layouts, within - 1) if within else None
        # Plain paragraphs too: the block renderer breaks a long URL at its `/`.
        block = StructuredBlock(self.body[within], block_at(layouts, within), previous)
        return (BODY, within), block

    def key_of(self, number: int) -> BlockKey:
        """Block `number`'s search key, without making the block."""
        if self.body_start <= number < self.tail_start:
            return BODY, number - self.body_start
        return self[number][0]

    def number_of(self, key: tuple[str, int]) -> int:
        """The block a search key names (-1: none)."""
        kind, number = key
        if kind == BODY:
            return self.body_start + number if 0 <= number < len(self.body) else -1
        if kind == BIO:
            return self.tail_start + 1 + number if 0 <= number < len(self.tail) - 1 else -1
        return next(
            (index for index, (found, _) in enumerate(self.head) if found == key),
            -1,
        )


def _url_layout(url: str) -> Block:
    """The article's URL shown in full, as a link (wrapped at `/`, never cut)."""
    return Block(PARAGRAPH, spans=(Span(0, len(url), LINK),))


def _header_blocks(article: Article, in_file: int) -> list[KeyedBlock]:
    """Who wrote the article and where, what the source says of it, and its URL."""
    blocks: list[KeyedBlock] = []
    if article.byline:
        byline = article.byline
        if article.source and article.source not in byline:
            byline = f"{byline} · {article.source}"  # the site or list, where it is not said
        blocks.append((None, PlainBlock(neutralise(byline), "byline")))
    elif article.author or article.source:
        names = " · ".join(filter(None, [article.author, article.source]))
        blocks.append((None, PlainBlock(neutralise(names), "byline")))
    facts = article_facts(article, in_file)
    if facts:
        blocks.append((None, PlainBlock(facts, "byline")))
    if article.url and article.body:
        blocks.append((None, StructuredBlock(article.url, _url_layout(article.url), None)))
    elif article.url:
        note = "Link post: press o to open "
        layout = Block(PARAGRAPH, spans=(Span(len(note), len(note) + len(article.url), LINK),))
        blocks.append((None, StructuredBlock(note + article.url, layout, None)))
    if article.feeds:
        blocks.append((None, _feeds_block(article.feeds)))
    return blocks


def _feeds_block(feeds: tuple[str, ...]) -> StructuredBlock:
    """The page's feeds (RSS, Atom), each a link, and the key that opens them."""
    text = "Feed: " if len(feeds) == 1 else "Feeds: "
    spans = []
    for number, feed in enumerate(feeds):
        if number:
            text += " · "
        spans.append(Span(len(text), len(text) + len(feed), LINK))
        text += feed
    text += " (F opens it)" if len(feeds) == 1 else " (F opens each in turn)"
    return StructuredBlock(text, Block(PARAGRAPH, spans=tuple(spans)), None)
