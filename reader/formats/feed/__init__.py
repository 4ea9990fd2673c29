"""Blogs and their readers: feeds (`items`: RSS and Atom, a list of articles),
a web page's extracted article with its comment feed (`page`), and a
WordPress post with its threaded comments (`wordpress`)."""
