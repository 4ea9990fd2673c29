"""The bundled seed articles the tests read: one place for their paths."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
# The first seed has a 12-comment thread; the second has no comments.
FIRST_SEED = "000_586aeb7344f3125a"
SECOND_SEED = "004_db257b406ba59def"
FIRST_SEED_FILE = SEEDS / f"{FIRST_SEED}.txt"
SECOND_SEED_FILE = SEEDS / f"{SECOND_SEED}.txt"
