"""Invented blogs, feeds and a forum for the feed tests, in each real shape:
RSS 1.0 (RDF, Dublin Core), RSS 2.0 with `content:encoded`, `slash:comments`
and `wfw:commentRss`, Atom 1.0; a WordPress site (REST API `wp/v2/posts`
and `wp/v2/comments`, paged by `X-WP-TotalPages`, its page linking the API
and the post's comment feed); a Discourse topic (`/t/ID.json` with the first
20 posts inline and the ids of all in `stream`, the rest from
`/t/ID/posts.json?post_ids[]=`); a news page with a feed link; an OPML file.

Every name and word is made up here. The servers sit behind
`[network.hosts]`, like the web tests' (see `web_support`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader.config.network import Network
from reader.web.session import WebSession
from tests.web_support import TIMEOUT

BLOG = "blog.example"
FORUM = "forum.example"
PAPER = "paper.example"
FEEDS = "feeds.example"
HOSTS = (BLOG, FORUM, PAPER, FEEDS)


def network(server: HTTPServer, cache: Path) -> Network:
    return Network(
        timeout=TIMEOUT, hosts={host: server.url_for(f"/{host}") for host in HOSTS}, cache=cache
    )


def session(server: HTTPServer, cache: Path, offline: bool = False) -> WebSession:
    return WebSession(network(server, cache), offline)


def config_text(server: HTTPServer, cache: Path) -> str:
    hosts = "\n".join(f'"{host}" = "{server.url_for("/" + host)}"' for host in HOSTS)
    return f'[network]\ntimeout = {TIMEOUT}\ncache = "{cache}"\n[network.hosts]\n{hosts}\n'


# Feeds ----------------------------------------------------------------------------------------

RSS2 = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/">
<channel>
  <title>Tide Notes</title>
  <link>https://blog.example/</link>
  <description>Notes on tides and the shore</description>
  <item>
    <title>Spring tides &amp; neap tides</title>
    <link>https://blog.example/2024/06/spring-tides/</link>
    <dc:creator><![CDATA[Wren Ash]]></dc:creator>
    <pubDate>Sat, 01 Jun 2024 12:00:00 +0200</pubDate>
    <guid isPermaLink="false">https://blog.example/?p=41</guid>
    <description><![CDATA[Why the range of the tide changes through the month.]]></description>
    <content:encoded><![CDATA[<p>The range of the tide <em>changes</em> through the
month, as the <a href="/glossary/syzygy/">sun and moon align</a>.</p>
<figure><img src="/img/range.png" alt="Tidal range over a month"></figure>
<blockquote><p>Twice a month the tides run high.</p></blockquote>
<pre><code>range = high - low
  in metres</code></pre>
<ul><li>spring: large range</li><li>neap: small range</li></ul>
<h2>Further reading</h2>
<script>track()</script>]]></content:encoded>
    <slash:comments>4</slash:comments>
    <wfw:commentRss>https://blog.example/2024/06/spring-tides/feed/</wfw:commentRss>
  </item>
  <item>
    <title>A summary-only post</title>
    <link>https://blog.example/2024/05/gauges/</link>
    <dc:creator>Ola Brook</dc:creator>
    <pubDate>Wed, 15 May 2024 08:30:00 +0000</pubDate>
    <guid isPermaLink="false">https://blog.example/?p=37</guid>
    <description><![CDATA[<p>How a float gauge works, in brief.</p>]]></description>
  </item>
</channel>
</rss>
"""

RSS1 = """<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://feeds.example/estuary.rdf">
    <title>Estuary Log</title>
    <link>https://feeds.example/</link>
    <description>A log of the estuary</description>
    <items><rdf:Seq>
      <rdf:li rdf:resource="https://feeds.example/log/12"/>
      <rdf:li rdf:resource="https://feeds.example/log/11"/>
    </rdf:Seq></items>
  </channel>
  <item rdf:about="https://feeds.example/log/12">
    <title>Curlews at low water</title>
    <link>https://feeds.example/log/12</link>
    <description>Eleven curlews on the mud at low water.</description>
    <dc:creator>Mara Fenn</dc:creator>
    <dc:date>2024-06-03T06:15:00+01:00</dc:date>
  </item>
  <item rdf:about="https://feeds.example/log/11">
    <title>Fog</title>
    <link>https://feeds.example/log/11</link>
    <description>Fog all morning; nothing seen.</description>
    <dc:creator>Mara Fenn</dc:creator>
    <dc:date>2024-06-02T07:00:00+01:00</dc:date>
  </item>
</rdf:RDF>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Harbour Works</title>
  <link href="https://feeds.example/harbour/"/>
  <id>urn:uuid:5a1c0e00-0000-4000-8000-000000000001</id>
  <updated>2024-06-04T09:00:00Z</updated>
  <author><name>Harbour Office</name></author>
  <entry>
    <title type="html">Dredging &lt;em&gt;starts&lt;/em&gt; Monday</title>
    <link rel="alternate" href="https://feeds.example/harbour/dredging"/>
    <id>urn:uuid:5a1c0e00-0000-4000-8000-000000000002</id>
    <published>2024-06-04T09:00:00Z</published>
    <updated>2024-06-04T10:00:00Z</updated>
    <author><name>Ines Quay</name></author>
    <summary>Dredging of the channel.</summary>
    <content type="html">&lt;p&gt;The channel will be dredged from Monday.&lt;/p&gt;
    &lt;ol&gt;&lt;li&gt;north berth&lt;/li&gt;&lt;li&gt;south berth&lt;/li&gt;&lt;/ol&gt;</content>
  </entry>
  <entry>
    <title>Berth fees</title>
    <link rel="alternate" href="https://feeds.example/harbour/fees"/>
    <id>urn:uuid:5a1c0e00-0000-4000-8000-000000000003</id>
    <updated>2024-06-01T09:00:00Z</updated>
    <summary type="html">&lt;p&gt;New fees from July.&lt;/p&gt;</summary>
  </entry>
</feed>
"""

COMMENT_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Comments on: Spring tides &amp; neap tides</title>
  <link>https://blog.example/2024/06/spring-tides/</link>
  <description>Comments</description>
  <item>
    <title>By: Pia Strand</title>
    <link>https://blog.example/2024/06/spring-tides/#comment-3</link>
    <dc:creator>Pia Strand</dc:creator>
    <pubDate>Sun, 02 Jun 2024 09:00:00 +0000</pubDate>
    <guid isPermaLink="false">https://blog.example/?p=41#comment-3</guid>
    <description>And the equinoxes?</description>
    <content:encoded><![CDATA[<p>And the equinoxes?</p>]]></content:encoded>
  </item>
  <item>
    <title>By: Tom Reed</title>
    <link>https://blog.example/2024/06/spring-tides/#comment-1</link>
    <dc:creator>Tom Reed</dc:creator>
    <pubDate>Sat, 01 Jun 2024 13:00:00 +0000</pubDate>
    <guid isPermaLink="false">https://blog.example/?p=41#comment-1</guid>
    <description>Clear, thank you.</description>
  </item>
</channel>
</rss>
"""


def serve_feeds(server: HTTPServer) -> None:
    server.expect_request(f"/{BLOG}/feed/").respond_with_data(
        RSS2, content_type="application/rss+xml; charset=UTF-8"
    )
    server.expect_request(f"/{FEEDS}/estuary.rdf").respond_with_data(
        RSS1, content_type="application/rdf+xml"
    )
    server.expect_request(f"/{FEEDS}/harbour.atom").respond_with_data(
        ATOM, content_type="application/atom+xml"
    )


# WordPress ------------------------------------------------------------------------------------

POST_URL = f"https://{BLOG}/2024/06/spring-tides/"
POST_ID = 41
# Over one page of 100: page 2 holds replies to comments of page 1.
COMMENT_COUNT = 103


def wordpress_page(*, api_link: bool = True, comment_feed: bool = True) -> str:
    """The post's page as WordPress writes its head (the API, the feeds)."""
    links = [
        '<link rel="alternate" type="application/rss+xml" title="Tide Notes &raquo; Feed" '
        'href="https://blog.example/feed/" />',
        '<link rel="alternate" type="application/rss+xml" '
        'title="Tide Notes &raquo; Comments Feed" href="https://blog.example/comments/feed/" />',
    ]
    if comment_feed:
        links.append(
            '<link rel="alternate" type="application/rss+xml" '
            'title="Tide Notes &raquo; Spring tides Comments Feed" '
            'href="https://blog.example/2024/06/spring-tides/feed/" />'
        )
    if api_link:
        links.append('<link rel="https://api.w.org/" href="https://blog.example/wp-json/" />')
    return article_page(
        "Spring tides &amp; neap tides",
        "Wren Ash",
        "Tide Notes",
        SPRING_TIDES_TEXT,
        "\n".join(links),
        generator="WordPress 6.5.3",
    )


SPRING_TIDES_TEXT = [
    "The range of the tide changes through the month, as the sun and the moon come "
    "into line and out of it again, and every tide table shows the pattern plainly.",
    "At full and new moon the pull of the two bodies adds up: the spring tides run "
    "higher and fall lower than at any other time in the fortnight.",
    "At the quarters they work against each other, and the neap tides that follow "
    "barely cover the mud at the head of the estuary.",
    "Gauges along the harbour wall record both, minute by minute, and the records "
    "go back more than a century for some of the older stations.",
]


def wp_post() -> dict[str, Any]:
    return {
        "id": POST_ID,
        "date": "2024-06-01T12:00:00",
        "date_gmt": "2024-06-01T10:00:00",
        "guid": {"rendered": f"https://{BLOG}/?p={POST_ID}"},
        "modified": "2024-06-01T12:00:00",
        "modified_gmt": "2024-06-01T10:00:00",
        "slug": "spring-tides",
        "status": "publish",
        "type": "post",
        "link": POST_URL,
        "title": {"rendered": "Spring tides &#038; neap tides"},
        "content": {
            "rendered": "<p>The range of the tide <em>changes</em> through the month.</p>\n"
            '<p>See <a href="/glossary/syzygy/">syzygy</a>.</p>\n',
            "protected": False,
        },
        "excerpt": {"rendered": "<p>The range of the tide changes.</p>\n", "protected": False},
        "author": 2,
        "comment_status": "open",
        "_embedded": {
            "author": [{"id": 2, "name": "Wren Ash", "url": "", "slug": "wren"}],
        },
    }


def wp_comment(number: int) -> dict[str, Any]:
    """Comment `number` (1-based): every third one answers the one before it;
    those past 100 answer comment 2."""
    parent = 2 if number > 100 else number - 1 if number % 3 == 0 else 0
    author = "Wren Ash" if number == 2 else f"Reader {number}"
    return {
        "id": 1000 + number,
        "post": POST_ID,
        "parent": 1000 + parent if parent else 0,
        "author": 2 if number == 2 else 0,
        "author_name": author,
        "author_url": "",
        "date": f"2024-06-02T{8 + number // 60:02d}:{number % 60:02d}:00",
        "date_gmt": f"2024-06-02T{6 + number // 60:02d}:{number % 60:02d}:00",
        "content": {"rendered": f"<p>Comment number {number}.</p>\n"},
        "link": f"{POST_URL}#comment-{1000 + number}",
        "status": "approved",
        "type": "comment",
    }


def serve_wordpress(server: HTTPServer, *, api: str = "on", header_only: bool = False) -> None:
    """The post's page and the API. `api`: "on", "forbidden" (401 for the
    posts, as a security plugin does) or "html" (the site's HTML where JSON
    was expected)."""
    headers = {"Link": '<https://blog.example/wp-json/>; rel="https://api.w.org/"'}
    server.expect_request(f"/{BLOG}/2024/06/spring-tides/").respond_with_data(
        wordpress_page(api_link=not header_only),
        content_type="text/html; charset=UTF-8",
        headers=headers,
    )
    posts = f"/{BLOG}/wp-json/wp/v2/posts"
    if api == "forbidden":
        server.expect_request(posts).respond_with_json(
            {"code": "rest_forbidden", "message": "Sorry.", "data": {"status": 401}}, status=401
        )
    elif api == "html":
        server.expect_request(posts).respond_with_data(
            "<!DOCTYPE html><html><body>Not here</body></html>", content_type="text/html"
        )
    else:
        server.expect_request(
            posts, query_string={"slug": "spring-tides", "_embed": "author"}
        ).respond_with_json([wp_post()])

    def comments(request: Request) -> Response:
        page = int(request.args.get("page", "1"))
        numbers = range(1 + (page - 1) * 100, min(page * 100, COMMENT_COUNT) + 1)
        return Response(
            json.dumps([wp_comment(n) for n in numbers]),
            content_type="application/json; charset=UTF-8",
            headers={"X-WP-Total": str(COMMENT_COUNT), "X-WP-TotalPages": "2"},
        )

    server.expect_request(f"/{BLOG}/wp-json/wp/v2/comments").respond_with_handler(comments)
    server.expect_request(f"/{BLOG}/2024/06/spring-tides/feed/").respond_with_data(
        COMMENT_FEED, content_type="application/rss+xml; charset=UTF-8"
    )


# Discourse ------------------------------------------------------------------------------------

TOPIC_ID = 77
TOPIC_URL = f"https://{FORUM}/t/tide-gauge-drift/{TOPIC_ID}"
POST_COUNT = 23


def discourse_post(number: int) -> dict[str, Any]:
    """Post `number`: 1 opens the topic; 5 answers 3, 22 answers 21, the rest the topic."""
    reply_to = {5: 3, 22: 21}.get(number)
    return {
        "id": 500 + number,
        "name": f"Gauge Keeper {number}",
        "username": "kelda" if number in (1, 6) else f"keeper{number}",
        "avatar_template": "/user_avatar/forum.example/k/{size}/1_2.png",
        "created_at": f"2024-06-05T10:{number:02d}:00.000Z",
        "cooked": f"<p>Post {number} on gauge drift.</p>"
        + (
            '<aside class="quote"><blockquote><p>quoted</p></blockquote></aside>'
            if number == 5
            else ""
        ),
        "post_number": number,
        "post_type": 1,
        "updated_at": f"2024-06-05T10:{number:02d}:00.000Z",
        "reply_count": 1 if number in (3, 21) else 0,
        "reply_to_post_number": reply_to,
        "quote_count": 0,
        "reads": 12,
        "score": 2.4,
        "topic_id": TOPIC_ID,
        "topic_slug": "tide-gauge-drift",
        "actions_summary": [{"id": 2, "count": number % 4}] if number % 4 else [],
        "deleted_at": None,
        "user_deleted": False,
        "hidden": False,
    }


def discourse_topic() -> dict[str, Any]:
    return {
        "post_stream": {
            "posts": [discourse_post(n) for n in range(1, 21)],
            "stream": [500 + n for n in range(1, POST_COUNT + 1)],
        },
        "id": TOPIC_ID,
        "title": "Tide gauge drift after the storm",
        "fancy_title": "Tide gauge drift after the storm",
        "posts_count": POST_COUNT,
        "created_at": "2024-06-05T10:01:00.000Z",
        "slug": "tide-gauge-drift",
        "category_id": 4,
        "details": {"created_by": {"id": 9, "username": "kelda"}},
    }


def discourse_page() -> str:
    return (
        "<!DOCTYPE html><html><head><title>Tide gauge drift after the storm - Shore Forum"
        '</title><meta name="generator" content="Discourse 3.3.0 - https://github.com/'
        'discourse/discourse version 1234">'
        '<meta property="og:site_name" content="Shore Forum"></head>'
        "<body><noscript><p>Post 1 on gauge drift.</p></noscript></body></html>"
    )


def serve_discourse(server: HTTPServer, *, api: str = "on") -> None:
    server.expect_request(f"/{FORUM}/t/tide-gauge-drift/{TOPIC_ID}").respond_with_data(
        discourse_page(), content_type="text/html; charset=utf-8"
    )
    server.expect_request(f"/{FORUM}/t/tide-gauge-drift/{TOPIC_ID}/5").respond_with_data(
        discourse_page(), content_type="text/html; charset=utf-8"
    )
    if api == "forbidden":
        server.expect_request(f"/{FORUM}/t/{TOPIC_ID}.json").respond_with_data("", status=403)
        return
    server.expect_request(f"/{FORUM}/t/{TOPIC_ID}.json").respond_with_json(discourse_topic())

    def posts(request: Request) -> Response:
        wanted = [int(value) for value in request.args.getlist("post_ids[]")]
        found = [discourse_post(post_id - 500) for post_id in wanted]
        return Response(
            json.dumps({"post_stream": {"posts": found}, "id": TOPIC_ID}),
            content_type="application/json",
        )

    server.expect_request(f"/{FORUM}/t/{TOPIC_ID}/posts.json").respond_with_handler(posts)


# A news page ----------------------------------------------------------------------------------

ARTICLE_URL = f"https://{PAPER}/2024/06/curlews-return.html"
CURLEW_TEXT = [
    "Curlews have returned to the estuary in numbers not seen for a decade, according "
    "to the volunteers who count the birds on the mudflats every month of the year.",
    "The count on Sunday found more than three hundred, most of them feeding along the "
    "channel edge as the tide fell away from the saltmarsh in the early morning light.",
    "Wardens credit the quieter shore: a stretch of the path has been closed during "
    "the nesting season since the spring, and dogs are kept on leads near the marsh.",
    "The volunteers will count again next month, and they ask walkers who see ringed "
    "birds to report the colours of the rings to the estuary office as soon as they can.",
]


def article_page(
    title: str,
    author: str,
    site: str,
    paragraphs: list[str],
    head_links: str = "",
    generator: str | None = None,
) -> str:
    """A page as news and blog sites make them: navigation, the article in its
    `<article>`, a sidebar, a footer, metadata in the head."""
    text = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    meta = f'<meta name="generator" content="{generator}">' if generator else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="2024-06-02T08:00:00+00:00">
{meta}
{head_links}
</head><body>
<header><nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/sport/">Sport</a>
<a href="/weather/">Weather</a> <a href="/subscribe/">Subscribe</a></nav></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By {author}</p>
{text}
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Ferry timetable changes</a></li>
<li><a href="/b">Harbour fees to rise</a></li></ul></aside></main>
<footer><p>Copyright {site}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def news_page() -> str:
    return article_page(
        "Curlews return to the estuary",
        "Mara Fenn",
        "The Estuary Paper",
        CURLEW_TEXT,
        '<link rel="alternate" type="application/rss+xml" title="The Estuary Paper" '
        'href="/feed.xml">\n<link rel="alternate" type="application/atom+xml" '
        'title="Nature desk" href="https://paper.example/nature.atom">',
    )


def serve_news_page(server: HTTPServer) -> None:
    server.expect_request(f"/{PAPER}/2024/06/curlews-return.html").respond_with_data(
        news_page(), content_type="text/html; charset=utf-8"
    )


# OPML -----------------------------------------------------------------------------------------

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="Shore" title="Shore">
      <outline type="rss" text="Tide Notes" title="Tide Notes"
        xmlUrl="https://blog.example/feed/" htmlUrl="https://blog.example/"/>
      <outline type="rss" text="Estuary Log" xmlUrl="https://feeds.example/estuary.rdf"/>
    </outline>
    <outline type="rss" text="Harbour Works" xmlUrl="https://feeds.example/harbour.atom"/>
    <outline text="A folder with no feed"/>
  </body>
</opml>
"""
