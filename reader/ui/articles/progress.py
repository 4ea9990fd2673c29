"""What the article list shows while the files load: how many files and MB
have been read of the total, as a line of text over a progress bar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ProgressBar, Static

MB = 1e6


def count_text(count: int | None) -> str:
    """A total, or `…` while it is still being counted (the walk of the folders)."""
    return "…" if count is None else str(count)


def progress_text(
    files_done: int, file_count: int | None, bytes_done: int, byte_count: int | None
) -> str:
    files = f"files {files_done}/{count_text(file_count)}"
    if byte_count is None:
        return files
    return f"{files} · {bytes_done / MB:.1f}/{byte_count / MB:.1f} MB"


class LoadProgress(Vertical):
    """The load's progress, by bytes read (a file counts once it is read)."""

    DEFAULT_CSS = """
    LoadProgress {
        dock: bottom;
        height: auto;
        padding: 0 1;
        background: $surface;
        & > Static { color: $text-muted; }
        & > ProgressBar { width: 1fr; }
        & > ProgressBar > Bar { width: 1fr; }
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(markup=False)
        yield ProgressBar(show_percentage=False, show_eta=False)

    def show(
        self, files_done: int, file_count: int | None, bytes_done: int, byte_count: int | None
    ) -> None:
        """`byte_count` None: the total is not measured yet (the rest of the
        walk and a stat of every file, left to the load worker); until it is,
        the bar goes by files."""
        self._say(progress_text(files_done, file_count, bytes_done, byte_count))
        # By bytes: a large mailbox weighs more than a small text file.
        if byte_count is None:
            # Of a count still unknown, no share can be shown yet: empty.
            total, done = (1, 0) if file_count is None else (max(file_count, 1), files_done)
            self.query_one(ProgressBar).update(total=total, progress=done)
        else:
            self.query_one(ProgressBar).update(total=max(byte_count, 1), progress=bytes_done)

    def _say(self, text: str) -> None:
        """Show `text`, laying the screen out again only if it takes another
        number of lines: a layout of the whole screen at every batch of a load
        (each some 10 ms) took the GIL from the load worker."""
        line = self.query_one(Static)
        line.update(text, layout=False)
        size = line.content_size
        if not size.width or line.get_content_height(size, size, size.width) != size.height:
            line.refresh(layout=True)
