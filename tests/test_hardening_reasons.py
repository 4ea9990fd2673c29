"""Issue 23 §15 and §16: every reason is in the format's terms, never Python's
(`TypeError: unhashable type: 'list'`, `KeyError: 'data'`, `Exceeds the limit
(4300 digits)`, `'str' object has no attribute 'token_type'`), and a number
that is not a whole one says what it is."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader.errors import LoadError
from reader.formats.loader import load_articles
from tests.builders import load_one, write

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# What a Python exception's name or words look like in a reason.
PYTHON_WORDS = re.compile(
    r"[A-Z][a-z]+Error\b|object has no attribute|unhashable|Exceeds the limit"
)


def reason_of(path: Path) -> str:
    with pytest.raises(LoadError) as raised:
        load_articles(path)
    assert not PYTHON_WORDS.search(raised.value.reason), raised.value.reason
    return str(raised.value)


def firebase_items(**changes: object) -> list[dict[str, object]]:
    items = [json.loads(line) for line in (FIXTURES / "hn_firebase.jsonl").read_text().splitlines()]
    reply = next(item for item in items if item.get("parent") is not None)
    reply.update(changes)
    return items


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"parent": [1, 2]}, "`parent` must be an item id"),
        ({"parent": {"id": 1}}, "`parent` must be an item id"),
        ({"kids": [[1]]}, "`kids` must be a list of item ids"),
        ({"kids": "3, 4"}, "`kids` must be a list of item ids"),
    ],
)
def test_hn_firebase_ids_that_are_not_ids_are_named(
    tmp_path: Path, changes: dict[str, object], reason: str
) -> None:
    items = firebase_items(**changes)
    path = write(tmp_path / "items.json", json.dumps(items))
    item_id = next(
        item["id"] for item in items if any(item.get(k) == v for k, v in changes.items())
    )
    assert reason_of(path) == f"{path}: item {item_id}: {reason}"


def test_hn_firebase_type_of_another_kind_is_no_type(tmp_path: Path) -> None:
    items = firebase_items(type=["comment"])
    path = write(tmp_path / "items.json", json.dumps(items))
    assert load_one(path).comments


def reddit_with_post(post: object) -> str:
    thread = json.loads((FIXTURES / "reddit.json").read_text())
    thread[0]["data"]["children"] = post
    return json.dumps(thread)


def test_a_reddit_post_entry_without_data_is_named(tmp_path: Path) -> None:
    path = write(tmp_path / "thread.json", reddit_with_post([{"kind": "t3"}]))
    assert reason_of(path) == f"{path}: the post (t3 entry) has no `data` object"


def test_reddit_entries_that_are_not_objects_are_passed_over(tmp_path: Path) -> None:
    thread = json.loads((FIXTURES / "reddit.json").read_text())
    children = thread[0]["data"]["children"]
    path = write(tmp_path / "thread.json", reddit_with_post([[1], 2, "x", *children]))
    assert load_one(path).title == children[0]["data"]["title"]
    path = write(tmp_path / "lists.json", reddit_with_post([[1], 2.5]))
    assert reason_of(path) == f"{path}: Reddit thread without its post (no t3 entry)"


def test_a_json_number_of_5000_digits_is_named_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", '{"title": "T",\n"body": "b",\n"score": ' + "9" * 5000 + "}")
    assert reason_of(path) == f"{path}:3: a number of more than 4,300 digits"


def test_a_yaml_number_of_5000_digits_is_named_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", "title: T\nbody: b\nscore: " + "9" * 5000 + "\n")
    assert reason_of(path) == f"{path}:3: score: a number of more than 4,300 digits"


@pytest.mark.parametrize(
    ("value", "got"),
    [
        (".inf", "infinity"),
        ("-.Inf", "infinity"),
        (".nan", "NaN (not a number)"),
        ("1.5", "a decimal number (1.5)"),
    ],
)
def test_a_yaml_score_that_is_not_whole_says_what_it_is(
    tmp_path: Path, value: str, got: str
) -> None:
    path = write(tmp_path / "a.yaml", f"title: T\nbody: b\nscore: {value}\n")
    assert reason_of(path) == f"{path}:3: score: expected a whole number, got {got}"


@pytest.mark.parametrize(
    ("value", "got"), [("Infinity", "infinity"), ("NaN", "NaN (not a number)")]
)
def test_a_json_score_of_infinity_says_so(tmp_path: Path, value: str, got: str) -> None:
    """§16: `"score": Infinity` said `expected a number, got a number`."""
    path = write(tmp_path / "a.json", f'{{"title": "T", "body": "b", "score": {value}}}')
    assert reason_of(path) == f"{path}: score: expected a whole number, got {got}"


MAIL = (
    "From ann@example.org Mon Jan  1 00:00:00 2024\n"
    "From: {sender}\n"
    "Subject: Subject {number}\n"
    "Message-ID: {message_id}\n"
    "Date: Mon, 1 Jan 2024 00:00:00 +0000\n"
    "\n"
    "Body {number}.\n"
    "\n"
)


@pytest.mark.parametrize(
    ("sender", "message_id", "reason"),
    [
        ('"', "<2@example.org>", "its From header could not be parsed"),
        (':;"', "<2@example.org>", "its From header could not be parsed"),
        ("=?utf-8?q?@[", "<2@example.org>", "its From header could not be parsed"),
        ("Bo <bo@example.org>", "<", "its Message-ID header could not be parsed"),
    ],
)
def test_a_mail_header_email_cannot_parse_skips_that_message_in_mails_terms(
    tmp_path: Path, sender: str, message_id: str, reason: str
) -> None:
    good = MAIL.format(sender="Ann <ann@example.org>", number=1, message_id="<1@example.org>")
    bad = MAIL.format(sender=sender, number=2, message_id=message_id)
    path = write(tmp_path / "list.mbox", good + bad)
    warnings: list[str] = []
    articles = load_articles(path, warnings)
    assert [article.title for article in articles] == ["Subject 1"]
    assert warnings == [f"{path}: line 9: message skipped: {reason}"]
