"""Reading the web: threads and front pages of Hacker News, Reddit, Lobsters and
public-inbox mail archives, fetched by URL and kept in a cache.

One HTTP client (`client`) for everything, polite per host (`gate`), bounded
in what it reads (`body`), its requests sent where `[network.hosts]` says
(`hosts`); every response kept as the file it came as (`cache`). Each
service's module (`hn`, `reddit`, `lobsters`, `public_inbox`) knows its URLs
and what to request for them; `links` tells which service a URL is for, and
`session` fetches a URL's document, from the cache when the network fails, for
the format readers to parse like any saved file.

Nothing here imports Textual or Rich, and nothing imports httpx until a URL is
fetched: reading files never pays for it.
"""
