"""Hypothesis strategies for articles and for seed-text-like noise.

`articles()` only produces articles the seed-text format can represent (see
reader/formats/GRAMMAR.md): single-line titles, subtitles and bylines; no
paragraph line that is blank, carries a line break of its own or, in a comment,
starts like a marker; a first body paragraph that reads as a sentence so that
it is not taken for a subtitle or byline. The patterns below restate the
grammar independently of the parser, so a drift between the two shows up.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

from reader.model import Article, Comment

BULLETS = "•◦▪-*–"
# GRAMMAR.md R6 and R7, restated.
MARKER_LIKE = re.compile(r"(?:\d+[.)]|[•◦▪\-*–])(?:\s|$)")
AUTHOR_LIKE = re.compile(r"author:", re.IGNORECASE)
BYLINE_LIKE = re.compile(r"(?:By|BY)\s")

_REAL_WORDS = [
    "Mosul", "civilians", "the", "report", "airstrike", "coalition", "policy", "(ISIL)",
    "café", "naïve", "Straße", "Łódź", "déjà", "“quoted”", "it’s", "1,000", "10%", "3.5",
    "中文", "東京の", "日本語", "한국어", "新闻报道", "مرحبا", "السلام", "الموصل", "עברית",
    "Привет", "Ελλάδα", "—", "–", "…", "?", "!", "e.g.", "U.S.", "#tag", "@user", "$20",
    "1.", "2)", "•", "-", "*", "Author:", "By",
]  # fmt: skip
_NAMES = ["Juan", "Cole", "Jason", "Ditz", "María", "José", "李", "小明", "محمد", "علي", "Zoë"]
_PLAIN = ["Over", "Mosul", "today", "東京", "مرحبا", "Video", "Feeds", "Straße"]

# Letters, digits, punctuation and symbols: no whitespace, no controls, no BOM;
# no `|` either, which only bylines use (to separate their fields).
_ANY_WORD = st.text(
    st.characters(categories=("L", "N", "P", "S"), exclude_characters="|"),
    min_size=1,
    max_size=8,
)
words = st.sampled_from(_REAL_WORDS) | _ANY_WORD
_name_words = st.sampled_from(_NAMES) | st.text(
    st.characters(categories=("L",)), min_size=1, max_size=6
)


def _line(min_words: int = 1, max_words: int = 8) -> st.SearchStrategy[str]:
    return st.lists(words, min_size=min_words, max_size=max_words).map(" ".join)


def _paragraph(line: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """One to three lines: a single line break inside a paragraph is kept."""
    return st.lists(line, min_size=1, max_size=3).map("\n".join)


# Body and bio lines never look like an `Author:` line; comment lines never
# start with a marker.
body_line = _line().filter(lambda line: AUTHOR_LIKE.match(line) is None)
comment_line = _line().filter(lambda line: MARKER_LIKE.match(line) is None)
body_paragraph = _paragraph(body_line)
# The first body paragraph ends a sentence and is not a byline, so that
# neither R5 rule claims it.
first_body_paragraph = body_paragraph.map(lambda text: text + ".").filter(
    lambda text: BYLINE_LIKE.match(text) is None
)

subtitles = st.builds(
    lambda head, last: " ".join([*head, last]),
    st.lists(words, max_size=5),
    st.sampled_from(_PLAIN),
).filter(
    lambda line: (
        BYLINE_LIKE.match(line) is None and AUTHOR_LIKE.match(line) is None and len(line) <= 160
    )
)
names = st.lists(_name_words, min_size=1, max_size=3).map(" ".join)
sources = st.lists(_name_words, min_size=1, max_size=3).map(" ".join)


@st.composite
def bylines(draw: st.DrawFn) -> tuple[str, str, str | None]:
    """(byline, its author, its source) for `By NAME | (SOURCE) | EXTRA`."""
    author = draw(names)
    source = draw(st.none() | sources)
    parts = [f"By {author}"]
    if source is not None:
        parts.append(f"({source})")
    extra = draw(st.none() | st.sampled_from(["– –", "March 27, 2017", "Updated"]))
    if extra is not None:
        parts.append(extra)
    return " | ".join(parts), author, source


@st.composite
def comment_forests(draw: st.DrawFn, max_comments: int = 25) -> list[Comment]:
    """A forest of random depth and branching, built from preorder depths."""
    requested = draw(st.lists(st.integers(0, 8), max_size=max_comments))
    roots: list[Comment] = []
    chain: list[Comment] = []  # the path from a root to the latest comment
    for depth in requested:
        depth = min(depth, len(chain))
        del chain[depth:]
        texts = draw(st.lists(_paragraph(comment_line), max_size=3))
        comment = Comment(text=texts)
        (chain[-1].replies if chain else roots).append(comment)
        chain.append(comment)
    return roots


@st.composite
def articles(draw: st.DrawFn) -> Article:
    """An article the seed-text format can represent, with realistic text."""
    title = draw(_line(1, 10))
    subtitle = draw(st.none() | subtitles)
    byline = author = source = None
    if draw(st.booleans()):
        byline, author, source = draw(bylines())
    body = draw(st.lists(body_paragraph, max_size=5))
    if body:
        body[0] = draw(first_body_paragraph)
    author_bio = None
    if draw(st.booleans()):
        author = author or draw(names)
        author_bio = "\n\n".join(draw(st.lists(body_paragraph, min_size=1, max_size=3)))
    return Article(
        title=title,
        subtitle=subtitle,
        byline=byline,
        author=author,
        source=source,
        body=body,
        author_bio=author_bio,
        comments=draw(comment_forests()),
    )


render_styles = st.fixed_dictionaries(
    {
        "indent": st.integers(1, 9),
        "bullet": st.sampled_from(BULLETS),
        "numbering": st.sampled_from([".", ")"]),
        "use_tabs": st.booleans(),
        "newline": st.sampled_from(["\n", "\r\n", "\r"]),
        "bom": st.booleans(),
    }
)

_noise_line = st.builds(
    lambda indent, marker, gap, text: indent + marker + gap + text,
    st.sampled_from(["", "", " ", "  ", "    ", "\t", " \t", "\u3000", "      "]),
    st.sampled_from(
        ["", "", "1.", "2)", "10.", "•", "◦", "▪", "-", "*", "–", "Author:", "By ", "By "]
    ),
    st.sampled_from(["", " ", "  ", "\t"]),
    st.text(st.sampled_from("ab Z9.)|()•-中ب:\ufeff\u2028\x0c"), max_size=12),
)


@st.composite
def seedish_texts(draw: st.DrawFn) -> str:
    """Text made of seed-text fragments (markers, indentation, bylines, mixed
    line endings, a BOM) in arbitrary order, to reach the parser's odd corners."""
    lines = draw(st.lists(_noise_line, max_size=20))
    endings = draw(
        st.lists(
            st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n \n"]),
            min_size=len(lines),
            max_size=len(lines),
        )
    )
    text = "".join(line + ending for line, ending in zip(lines, endings, strict=True))
    return ("\ufeff" if draw(st.booleans()) else "") + text
