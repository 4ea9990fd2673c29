"""Deterministic corpora for the benchmark: realistic threads, made the same every run.

Comments have one to four paragraphs of varied length (some non-ASCII: accented
Latin, Arabic, CJK), replies nest with a long tail of depth up to about 20, and
a few reply chains run hundreds deep.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from reader.formats.seedtext import render_seed_text
from reader.formats.yaml.dump import dump_yaml
from reader.model import Article, Comment

SEED = 20261121
WORDS = (
    "the of and to in is that it for was on with as by this be are from at or an have "
    "not they which one you were all we there their has been if more when will would "
    "who so no people war city army report civilians strike coalition government "
    "question policy evidence record history answer reason believe understand "
    "remember consider important different possible however although because "
    "during without between against another through whether support military"
).split()
FOREIGN = ["café", "naïve", "Zürich", "élève", "مرحبا", "العالم", "你好", "世界", "Ελλάδα", "Łódź"]
# A word that appears exactly once per article, in its last comment.
RARE_WORD = "zyzzyva"
MAX_DEPTH = 20


@dataclass(frozen=True)
class Shape:
    """How big to make things."""

    articles: int
    comments: int
    xl_comments: int
    deep_chains: int
    chain_depth: int


FULL = Shape(articles=100, comments=1_000, xl_comments=100_000, deep_chains=3, chain_depth=300)
QUICK = Shape(articles=10, comments=200, xl_comments=10_000, deep_chains=1, chain_depth=100)


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [
        rng.choice(FOREIGN) if rng.random() < 0.02 else rng.choice(WORDS) for _ in range(words)
    ]
    return " ".join(chosen).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    # Log-normal lengths: mostly short paragraphs, now and then a long one.
    words = max(3, min(400, int(rng.lognormvariate(2.6, 0.8))))
    sentences = []
    while words > 0:
        length = min(words, rng.randint(6, 24))
        sentences.append(_sentence(rng, length))
        words -= length
    return " ".join(sentences)


def _comment(rng: random.Random) -> Comment:
    paragraphs = rng.choices([1, 2, 3, 4], weights=[65, 24, 8, 3])[0]
    return Comment(text=[_paragraph(rng) for _ in range(paragraphs)])


def make_article(rng: random.Random, title: str, comments: int, chains: int, depth: int) -> Article:
    """An article with `comments` comments, `chains` of them starting chains `depth` deep."""
    roots: list[Comment] = []
    placed: list[tuple[Comment, int]] = []
    chain_budget = chains * depth
    for _ in range(comments - chain_budget - 1):
        comment = _comment(rng)
        if not placed or rng.random() < 0.25:
            roots.append(comment)
            placed.append((comment, 0))
            continue
        # Reply to a recent comment, more likely the more recent: a long tail of depth.
        back = min(len(placed) - 1, int(rng.expovariate(0.15)))
        parent, parent_depth = placed[-1 - back]
        if parent_depth + 1 >= MAX_DEPTH:
            parent, parent_depth = placed[rng.randrange(len(placed))]
            if parent_depth + 1 >= MAX_DEPTH:
                roots.append(comment)
                placed.append((comment, 0))
                continue
        parent.replies.append(comment)
        placed.append((comment, parent_depth + 1))
    for _ in range(chains):
        node = rng.choice(roots)
        for _ in range(depth):
            reply = Comment(text=[_sentence(rng, rng.randint(4, 20))])
            node.replies.append(reply)
            node = reply
    roots.append(Comment(text=[f"The last word is {RARE_WORD}."]))
    body = [_paragraph(rng) for _ in range(rng.randint(6, 12))]
    return Article(
        title=title,
        byline=f"By {rng.choice(['Ana', 'Bo', 'Chen', 'Dara'])} Writer | (The Bench)",
        author=None,
        body=body,
        comments=roots,
    )


@dataclass(frozen=True)
class Corpus:
    """Where the generated files are."""

    large_txt: list[Path]
    large_yaml: list[Path]
    xl_txt: Path
    thousand_txt: Path


def generate(folder: Path, shape: Shape) -> Corpus:
    """Write the corpora into `folder` (deterministically) and say where they are."""
    rng = random.Random(SEED)
    large_txt, large_yaml = [], []
    (folder / "L-txt").mkdir(parents=True, exist_ok=True)
    (folder / "L-yaml").mkdir(parents=True, exist_ok=True)
    for number in range(shape.articles):
        article = make_article(
            rng,
            f"Large article {number:03d}",
            shape.comments,
            chains=1 if number % 3 == 0 else 0,
            depth=150,
        )
        txt = folder / "L-txt" / f"{number:03d}.txt"
        txt.write_text(render_seed_text(article), encoding="utf-8")
        large_txt.append(txt)
        yaml_path = folder / "L-yaml" / f"{number:03d}.yaml"
        yaml_path.write_text(dump_yaml(article), encoding="utf-8")
        large_yaml.append(yaml_path)
    xl = make_article(rng, "The XL thread", shape.xl_comments, shape.deep_chains, shape.chain_depth)
    xl_txt = folder / "XL.txt"
    xl_txt.write_text(render_seed_text(xl), encoding="utf-8")
    thousand = make_article(rng, "A thousand comments", 1_000, 1, 100)
    thousand_txt = folder / "thousand.txt"
    thousand_txt.write_text(render_seed_text(thousand), encoding="utf-8")
    return Corpus(large_txt, large_yaml, xl_txt, thousand_txt)
