"""What mutt does with the message under the cursor, for a mail thread: `|`
pipes it, raw, to a command typed at a prompt (`git am`) and shows what the
command said; `S` saves it, raw, to a file. The message under the cursor is
the comment's in the comments, the thread's first message elsewhere.

Nothing runs but the command typed, once; nothing is written but the file
named, and never over a file that is there (a document above all).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from rich.text import Text
from textual.screen import Screen

from ...model import Article
from ...piping import Piped, pipe_to
from ...sanitize import neutralise
from ..messages import ShowFullText
from ..thread.view import ThreadView

# What a saved message's file is named after its subject, at most.
NAME_LENGTH = 60


class MessageActions:
    """Pipes and saves the message under the cursor of `screen`."""

    def __init__(self, screen: Screen[None]) -> None:
        self.screen = screen

    def _message(self, article: Article) -> tuple[str, str | None]:
        """The Message-ID of the message under the cursor, and its subject."""
        focused = self.screen.focused
        if isinstance(focused, ThreadView) and focused.cursor_comment is not None:
            comment = focused.cursor_comment
            return comment.source_id or "", comment.subject or article.subject or article.title
        return article.source_id or "", article.subject or article.title

    def _raw(self, article: Article | None) -> tuple[bytes, str] | None:
        """The raw message under the cursor and its subject; None having said
        why not (or with no article open: the keys are offered only with one)."""
        if article is None:
            return None
        # Here, not at start-up: reading mail imports Python's mail parsing.
        from ...formats.mail.raw import raw_message

        message_id, subject = self._message(article)
        if not message_id or article.path is None:
            self.screen.notify("This message has no Message-ID to find it by", timeout=3)
            return None
        raw = raw_message(article.path, message_id)
        if isinstance(raw, str):
            self.screen.notify(neutralise(raw), severity="error", timeout=4, markup=False)
            return None
        return raw, subject or ""

    def pipe(self, article: Article | None) -> None:
        """Ask for a command, then run it with the message on its input."""
        self._ask(article, "Pipe the message to:", lambda subject: "", self._start)

    def _start(self, command: str, raw: bytes) -> None:
        self.screen.notify(f"Running: {neutralise(command)}", timeout=2, markup=False)
        # A thread of its own: a command may take long, and quitting must not wait for it.
        threading.Thread(
            target=self._run, args=(command, raw), name="reader-pipe", daemon=True
        ).start()

    def _run(self, command: str, raw: bytes) -> None:
        piped = pipe_to(command, raw)
        with suppress(RuntimeError):  # the app has ended meanwhile
            self.screen.app.call_from_thread(self._show, command, piped)

    def _show(self, command: str, piped: Piped) -> None:
        status = "could not run" if piped.status is None else f"exit status {piped.status}"
        said = neutralise(piped.said) or "(it said nothing)"
        self.screen.post_message(ShowFullText(f"| {command}: {status}", Text(said)))

    def save(self, article: Article | None) -> None:
        """Ask for a file name, then write the raw message there (never over a file)."""
        self._ask(
            article,
            "Save the message to:",
            file_name,
            lambda name, raw: self._write(Path(name).expanduser(), raw),
        )

    def _ask(
        self,
        article: Article | None,
        question: str,
        suggested: Callable[[str], str],
        then: Callable[[str, bytes], None],
    ) -> None:
        """Ask `question` (the answer offered: `suggested` from the message's
        subject), then, given an answer, `then` with it and the raw message
        under the cursor."""
        found = self._raw(article)
        if found is None:
            return
        raw, subject = found

        def answered(answer: str | None) -> None:
            if answer:
                then(answer, raw)

        self.screen.app.push_screen(_prompt(question, suggested(subject)), answered)

    def _write(self, path: Path, raw: bytes) -> None:
        try:
            # `x`: a file that is there (a mailbox read now, above all) is never written over.
            with path.open("xb") as file:
                file.write(raw)
        except FileExistsError:
            self.screen.notify(f"{path} is there already: not written", timeout=4, markup=False)
        except OSError as error:
            reason = error.strerror or str(error)
            self.screen.notify(f"{path}: {reason}", severity="error", timeout=4, markup=False)
        else:
            self.screen.notify(f"Saved to {path}", timeout=3, markup=False)


def _prompt(question: str, value: str = "") -> Screen[str | None]:
    from .prompt import PromptScreen  # here: the first frame has no use for it

    return PromptScreen(question, value)


def file_name(subject: str) -> str:
    """A file name for a message: its subject's words, as `git format-patch`
    names patches (`tides-add-a-reader.eml`)."""
    words = "".join(c if c.isalnum() else " " for c in subject.lower()).split()
    stem = "-".join(words)[:NAME_LENGTH].strip("-") or "message"
    return f"{stem}.eml"
