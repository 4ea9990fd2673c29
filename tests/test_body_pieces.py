"""Cutting the article body into pieces that wrap on their own, and guessing
their heights: long text is cut where a line may break, a guess is near the
wrapped height for narrow and wide characters alike, and the pieces of a
long body are numbers in arrays, not an object each (issue 23, item 18)."""

from __future__ import annotations

import tracemalloc

from rich.console import Console
from rich.style import Style

from reader.model import Article
from reader.search.fields import article_fields
from reader.text import CODE, Block
from reader.ui.body.blocks import ArticleBlocks
from reader.ui.body.piece_lines import Piece, piece_lines
from reader.ui.body.pieces import CHUNK, PieceTable, piece_ranges
from reader.ui.render.block_styles import BlockStyles
from reader.ui.render.line_heights import LineHeights

CONSOLE = Console(width=200, color_system=None)
STYLES = {"title": Style(), "match": Style(underline=True), "current-match": Style(reverse=True)}
BLOCK_STYLES = BlockStyles(*[Style()] * 13)


def body_pieces(string: str, layout: Block | None = None) -> tuple[PieceTable, list[int]]:
    """The pieces of an article whose body is `string`, and which are the body's."""
    article = Article(title="T", body=[string], body_blocks=None if layout is None else (layout,))
    table = PieceTable(ArticleBlocks(article))
    return table, list(table.of_block(table.blocks.body_start))


def body_piece_list(string: str, layout: Block | None = None) -> list[Piece]:
    table, indexes = body_pieces(string, layout)
    return [table.piece(index) for index in indexes]


def test_short_text_is_one_piece() -> None:
    assert piece_ranges("a few words", code=False) == [(0, 11)]


def test_long_prose_is_cut_at_spaces_and_loses_nothing_else() -> None:
    string = " ".join(f"word{n}" for n in range(5000))
    ranges = piece_ranges(string, code=False)
    assert len(ranges) > 5
    assert all(end - start <= CHUNK for start, end in ranges)
    assert all(string[end] == " " for _, end in ranges[:-1]), "cut at a space"
    assert " ".join(string[start:end] for start, end in ranges) == string


def test_code_is_cut_only_at_line_breaks() -> None:
    string = "\n".join(f"x = {n}  # a line of code" for n in range(2000))
    ranges = piece_ranges(string, code=True)
    assert len(ranges) > 5
    assert all(string[end] == "\n" for _, end in ranges[:-1])
    assert piece_ranges("x" * (3 * CHUNK), code=True) == [(0, 3 * CHUNK)], "never mid-line"


def test_a_word_of_kilobytes_is_cut_anyway() -> None:
    ranges = piece_ranges("x" * (3 * CHUNK), code=False)
    assert ranges == [(0, CHUNK), (CHUNK, 2 * CHUNK), (2 * CHUNK, 3 * CHUNK)]


def wrapped_height(string: str, measure: int) -> int:
    return sum(
        len(piece_lines(piece, measure, CONSOLE, STYLES, BLOCK_STYLES, [], None))
        for piece in body_piece_list(string)
    )


def estimated_height(string: str, measure: int) -> int:
    table, indexes = body_pieces(string)
    estimates = table.estimates(measure)
    return sum(estimates[index] for index in indexes)


def test_estimates_are_near_the_wrapped_height_for_wide_characters_too() -> None:
    latin = " ".join("garden" for _ in range(3000))
    cjk = " ".join("花园里的" for _ in range(3000))  # two cells a character
    for string in (latin, cjk):
        exact, guess = wrapped_height(string, 60), estimated_height(string, 60)
        assert 0.8 * exact <= guess <= 1.25 * exact, (string[:8], exact, guess)


def test_a_piece_of_code_is_as_tall_as_its_lines() -> None:
    code = "\n".join(f"print({n})" for n in range(30))
    table, (index,) = body_pieces(code, Block(CODE))
    piece = table.piece(index)
    # 30 lines and the blank line before the block.
    assert (
        table.estimates(40)[index]
        == 31
        == len(piece_lines(piece, 40, CONSOLE, STYLES, BLOCK_STYLES, [], None))
    )


def test_the_blocks_drawn_are_the_fields_searched_in_their_order() -> None:
    """A match's key names the block that shows it: the body's blocks are made
    on demand, and their keys and strings must be `article_fields`' own."""
    article = Article(
        title="Title",
        subtitle="Sub",
        author="Ann",
        source="The Bench",
        url="https://example.org/a",
        body=["one", "two", "three"],
        author_bio="first\n\nsecond",
    )
    blocks = ArticleBlocks(article)
    drawn = [blocks[number] for number in range(len(blocks))]
    assert [(key, block.string) for key, block in drawn if key is not None] == article_fields(
        article
    )
    for number, (key, _) in enumerate(drawn):
        assert blocks.key_of(number) == key
        if key is not None:
            assert blocks.number_of(key) == number
    assert blocks.number_of(("body", 3)) == blocks.number_of(("bio", 2)) == -1


def test_a_body_of_many_paragraphs_is_pieced_in_a_few_bytes_each() -> None:
    """A 251 MB text file is a million paragraphs: an object or two each took
    more memory than the text (3.6 times the file in the app)."""
    paragraphs = [f"Paragraph {n} of the long text, in a few plain words." for n in range(100_000)]
    paragraphs[500] = "x " * (3 * CHUNK)  # one long enough to be cut
    article = Article(title="Many paragraphs", body=paragraphs)
    tracemalloc.start()
    try:
        table = PieceTable(ArticleBlocks(article))
        heights = table.estimates(78)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held / len(paragraphs) <= 40, f"{held / len(paragraphs):.0f} bytes a paragraph"
    cut = list(table.of_block(table.blocks.body_start + 500))
    assert len(cut) == len(piece_ranges(paragraphs[500], code=False)) > 1
    assert len(table) == 1 + len(paragraphs) - 1 + len(cut) == len(heights)
    assert table.piece(cut[0]).gap and not table.piece(cut[1]).gap
    assert table.piece(cut[-1]).end == len(paragraphs[500])


def test_line_heights_find_items_by_line_as_heights_become_exact() -> None:
    heights = LineHeights([3] * 1000)
    assert heights.total == 3000 and heights.index_at(299) == 99
    assert heights.set(50, 10) == 7
    assert heights.line_of(51) == 51 * 3 + 7
    assert heights.index_at(51 * 3 + 7) == 51 and heights.index_at(51 * 3 + 6) == 50
    assert heights.total == 3007 and heights.index_at(10**6) == 999


def test_a_long_list_item_keeps_its_indent_and_its_link_style_across_pieces() -> None:
    from reader.text import ITEM, LINK, Span

    words = " ".join(f"word{n}" for n in range(2000))
    cut = piece_ranges(words, code=False)[0][1]
    span = Span(cut - 20, cut + 20, LINK)  # a link across the first cut
    styles = BlockStyles(*[Style()] * 4, Style(underline=True), *[Style()] * 8)
    pieces = body_piece_list(words, Block(ITEM, level=1, marker="•", spans=(span,)))
    assert len(pieces) > 2
    lines = [
        line
        for piece in pieces
        for line in piece_lines(piece, 40, CONSOLE, STYLES, styles, [], None)
        if line[1] >= 0
    ]
    texts = ["".join(segment.text for segment in segments) for segments, _ in lines]
    assert texts[0].startswith("• word0 ")
    assert all(text.startswith("  word") for text in texts[1:]), "later lines under the text"
    underlined = "".join(
        segment.text
        for segments, _ in lines
        for segment in segments
        if segment.style is not None and segment.style.underline
    )
    assert underlined.replace(" ", "") == words[cut - 20 : cut + 20].replace(" ", "")


def test_a_long_patch_cut_in_pieces_keeps_its_line_styles_in_every_piece() -> None:
    # 300 context lines, 300 removed and 300 added: 600 lines either side.
    patch = "@@ -1,600 +1,600 @@\n" + "\n".join(
        f"-old line {n}\n+new line {n}" if n % 2 else f" context {n}" for n in range(600)
    )
    added, removed = Style(color="green"), Style(color="red")
    styles = BLOCK_STYLES._replace(diff_added=added, diff_removed=removed)
    pieces = body_piece_list(patch, Block(CODE))
    assert len(pieces) > 2
    last = pieces[-1]
    lines = piece_lines(last, 80, CONSOLE, STYLES, styles, [], None)
    drawn = {
        "".join(segment.text for segment in segments): {s.style for s in segments if s.text}
        for segments, _ in lines
    }
    assert added in drawn["+new line 599"] and removed in drawn["-old line 599"]
    assert added not in drawn[" context 598"] and removed not in drawn[" context 598"]
