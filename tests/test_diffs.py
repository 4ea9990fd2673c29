"""Unified diffs in code blocks: which lines are added, removed and hunk
headers (issue 18), told apart as `git` counts them."""

from __future__ import annotations

from reader.diffs import ADDED, HUNK, REMOVED, diff_lines, is_diff

PATCH = """\
---
 a.sql | 3 ++-
 1 file changed, 2 insertions(+), 1 deletion(-)

diff --git a/a.sql b/a.sql
--- a/a.sql
+++ b/a.sql
@@ -1,3 +1,4 @@
 select 1;
--- a comment, removed
+-- a comment, kept
+select 2;

\\ No newline at end of file
diff --git a/b.sql b/b.sql
--- a/b.sql
+++ b/b.sql
@@ -7 +7 @@ select
-x
+y
-- \n2.43.0"""


def kinds_by_line(code: str) -> list[str | None]:
    """Each line's kind (None: not styled as a change or a hunk)."""
    found = {code.count("\n", 0, start): kind for start, _, kind in diff_lines(code)}
    return [found.get(number) for number in range(code.count("\n") + 1)]


def test_each_hunk_line_is_told_apart_by_its_count() -> None:
    kinds = kinds_by_line(PATCH)
    lines = PATCH.split("\n")
    assert [lines[n] for n, kind in enumerate(kinds) if kind == HUNK] == [
        "@@ -1,3 +1,4 @@",
        "@@ -7 +7 @@ select",
    ]
    # `--- a comment`, inside the hunk, is a removed line; the next file's
    # `--- a/b.sql`, past the hunk's counted lines, is a header.
    assert [lines[n] for n, kind in enumerate(kinds) if kind == REMOVED] == [
        "--- a comment, removed",
        "-x",
    ]
    assert [lines[n] for n, kind in enumerate(kinds) if kind == ADDED] == [
        "+-- a comment, kept",
        "+select 2;",
        "+y",
    ]
    # The diffstat, the file headers, the context (its space dropped by a
    # mailer too) and the signature after the last hunk are not changes.
    assert kinds[lines.index("-- ")] is None and kinds[0] is None


def test_ranges_cover_their_lines_exactly() -> None:
    for start, end, _ in diff_lines(PATCH):
        assert "\n" not in PATCH[start:end] and PATCH[start - 1] == "\n"
        assert end == len(PATCH) or PATCH[end] == "\n"


def test_code_without_a_hunk_header_is_no_diff() -> None:
    code = "- item\n+ other\n--- not a file"
    assert not is_diff(code) and diff_lines(code) == ()
    assert is_diff("@@ -0,0 +1 @@\n+x")
