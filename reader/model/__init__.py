"""The document model: articles, their comments and the thread that orders them.

Pure data, no I/O and no UI. The parsers build `Article`s and `Comment`s; a
`Thread` (made as the article is prepared for the store) places each comment
(`thread`, `index`), whose arrays then say its `parent`, `depth`, `ordinal`
and `replies`.
"""

from .article import Article
from .tree import Comment, Thread, iter_comments

__all__ = ["Article", "Comment", "Thread", "iter_comments"]
