"""Text with many links is built without making its spans over and over: a
block keeps its spans flat, and making them (`Block.spans`) is for the views
that paint them (an HN comment of 40,000 links took a third longer to read
while the builder asked for them to tell whether a block is styled)."""

from __future__ import annotations

import pytest

from reader.formats.text.html import html_to_text
from reader.text import LINK, Block


def test_reading_linked_html_never_makes_a_blocks_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[Block] = []
    spans = Block.spans

    def counted(block: Block):  # type: ignore[no-untyped-def]
        made.append(block)
        return spans.fget(block)  # type: ignore[attr-defined]

    monkeypatch.setattr(Block, "spans", property(counted))
    html = " ".join(f'<a href="http://example.org/{n}">link {n}</a>' for n in range(50))
    _strings, blocks = html_to_text(html)
    assert blocks is not None
    assert made == []
    assert [span.kind for span in blocks[0].spans].count(LINK) == 50
