"""Write a three-year data file of a busy blogger, for benchmarks and scale checks.

2,000 content items (hubs with spin-offs, and recurring series), 500 tasks, 5,000 metric
snapshots, 3,000 community log entries, 60 feeds and 20,000 mentions in the mentions file, with
text lengths like real ones. Deterministic (seeded), so two runs give the same file.

Usage: ``python scripts/bigdata.py OUT.json [--mentions N] [--today YYYY-MM-DD]``
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storage.datafile import open_plan  # noqa: E402
from storage.mentions import changing  # noqa: E402

WORDS = ["blog", "social", "media", "strategy", "audience", "community", "photo", "video", "podcast", "editorial", "voice", "comment", "share", "follower", "newsletter", "growth", "mastodon", "bluesky", "linkedin", "youtube", "flickr", "instagram", "travel", "recipe", "garden", "city", "weekend", "review", "guide", "tips", "story", "launch", "event", "meetup", "question", "contest", "été", "café", "déjà", "naïve", "crème", "brûlée"]
CHANNELS = ["blog", "facebook", "x", "youtube", "flickr", "linkedin", "mastodon", "bluesky",
            "instagram"]
KINDS = ["article", "photo", "video", "podcast", "short post", "event"]
STATUSES = ["idea", "draft", "scheduled", "published"]
METRICS = ["followers", "visits", "subscribers", "comments", "shares", "likes"]


def sentence(rng: random.Random, lo: int, hi: int) -> str:
    """Some words, capitalised."""
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))
    return text[:1].upper() + text[1:]


def content_docs(rng: random.Random, today: date, count: int, pillars: list[str],
                 years: int = 3) -> list[dict[str, Any]]:
    """Hubs, their spin-offs and some recurring series over ``years`` years."""
    docs: list[dict[str, Any]] = []
    start = today - timedelta(days=years * 365)
    while len(docs) < count:
        day = start + timedelta(days=rng.randint(0, years * 365 + 90))
        hub_id = len(docs) + 1
        status = "published" if day < today else rng.choice(STATUSES[:3])
        url = f"https://lena.example/{day:%Y/%m}/{hub_id}" if status == "published" else None
        docs.append(_content(rng, sentence(rng, 4, 10), day, "blog", rng.choice(pillars),
                             "article", status, url, None))
        for offset in range(rng.randint(0, 4)):
            if len(docs) >= count:
                break
            channel = rng.choice(CHANNELS[1:])
            spin_day = day + timedelta(days=offset)
            spin_status = "published" if spin_day < today else "scheduled"
            docs.append(_content(rng, sentence(rng, 3, 8), spin_day, channel, docs[hub_id - 1]["pillar"],
                                 rng.choice(KINDS[1:]), spin_status, None, hub_id))
    for n in range(12):  # recurring series among them
        doc = docs[rng.randrange(len(docs))]
        doc["rrule"] = rng.choice(["FREQ=WEEKLY;BYDAY=TU", "FREQ=MONTHLY;BYDAY=1MO",
                                   "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"])
        doc["skipped"] = []
        doc["parent"] = None
        doc["status"] = "scheduled"
        doc["title"] = f"Series {n}: {doc['title']}"
    return docs


def _content(rng: random.Random, title: str, day: date, channel: str, pillar: str, kind: str,
             status: str, url: str | None, parent: int | None) -> dict[str, Any]:
    return {
        "title": title, "date": day.isoformat(), "time": rng.choice([None, "09:00", "18:30"]),
        "channel": channel, "pillar": pillar, "kind": kind, "status": status,
        "notes": sentence(rng, 0, 40), "url": url, "parent": parent, "rrule": None,
        "skipped": [], "overrides": {},
        "published_on": day.isoformat() if status == "published" else None,
        "reactions": {"comments": rng.randint(0, 30), "shares": rng.randint(0, 50),
                      "likes": rng.randint(0, 300)} if status == "published" else {},
    }


def build(path: Path, today: date, mentions: int = 20_000, seed: int = 7, scale: int = 1) -> Path:
    """Write the big data file at ``path`` (and its mentions file beside it).

    ``scale`` N gives N times the three-year file: N times as many records of every kind
    (``mentions`` included) over N times three years, as a blog that has kept going.
    """
    rng = random.Random(seed)
    plan = open_plan(path, today=today)
    years = 3 * scale
    mentions *= scale
    try:
        pillars = [str(p.get("name")) for p in plan.table("pillars").all()] or ["Tips"]
        start = today - timedelta(days=years * 365)
        with plan.batch():
            plan.table("content").insert_multiple(
                content_docs(rng, today, 2_000 * scale, pillars, years)
            )
            plan.table("tasks").insert_multiple(
                {"phase": rng.randint(1, 6), "title": sentence(rng, 3, 9),
                 "notes": sentence(rng, 0, 30), "done": rng.random() < 0.7,
                 "due": (start + timedelta(days=rng.randint(0, 1100 * scale))).isoformat()
                 if rng.random() < 0.4 else None,
                 "position": 100 + n, "link": None, "created": start.isoformat(),
                 "source": "user"}
                for n in range(500 * scale)
            )
            plan.table("metrics").insert_multiple(
                {"date": (start + timedelta(days=n // 5)).isoformat(),
                 "channel": rng.choice(CHANNELS), "metric": rng.choice(METRICS),
                 "value": rng.randint(10, 20_000)}
                for n in range(5_000 * scale)
            )
            plan.table("community").insert_multiple(
                {"date": (start + timedelta(days=rng.randint(0, 1095 * scale))).isoformat(),
                 "where": rng.choice(["a friend's blog", "a forum", "Mastodon", "LinkedIn"]),
                 "url": f"https://elsewhere.example/{n}", "note": sentence(rng, 0, 12),
                 "content_id": rng.randint(1, 2_000 * scale) if rng.random() < 0.8 else None}
                for n in range(3_000 * scale)
            )
            plan.table("feeds").insert_multiple(
                {"name": f"Feed {n}: {sentence(rng, 1, 3)}",
                 "source": f"https://feeds.example/{n}.xml", "kind": "url", "tags": [],
                 "etag": None, "last_modified": None, "last_fetch": None, "last_error": None,
                 "count": mentions // 60}
                for n in range(60)
            )
            plan.table("watch").insert_multiple({"word": w} for w in ("lena", "café", "mastodon"))
        feed_ids = [d.doc_id for d in plan.table("feeds").all()]
        now = datetime.combine(today, datetime.min.time(), UTC)
        with changing(plan):  # as a fetch stores them: watch-word matches computed once
            plan.mentions_table().insert_multiple(
                {"feed": rng.choice(feed_ids), "key": f"urn:bench:{n}",
                 "title": sentence(rng, 4, 14), "link": f"https://elsewhere.example/post/{n}",
                 "published": (now - timedelta(minutes=37 * n)).isoformat(),
                 "summary": sentence(rng, 20, 80), "author": sentence(rng, 1, 2),
                 "first_seen": (now - timedelta(minutes=37 * n)).isoformat(),
                 "last_seen": now.isoformat(), "in_feed": n < 3_000, "read": n > 200}
                for n in range(mentions)
            )
    finally:
        plan.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--mentions", type=int, default=20_000)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 26))
    args = parser.parse_args()
    build(args.out, args.today, args.mentions)
    for file in sorted(args.out.parent.glob(args.out.stem + "*.json")):
        print(f"{file}  {file.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
