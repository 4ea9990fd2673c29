"""Memory between sessions: a SQLite database of seen comments, positions,
search history and theme. No Textual, no Rich: the UI calls `State`."""

from .article_state import ArticleState
from .location import default_state_path, state_path
from .reading import Reading
from .session import State, open_state

__all__ = ["ArticleState", "Reading", "State", "default_state_path", "open_state", "state_path"]
