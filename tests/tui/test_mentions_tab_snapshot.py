"""What the Mentions tab looks like: marks, dates, feeds, a starred match and its detail."""

from __future__ import annotations

from datetime import date
from typing import Any

from storage.datafile.plan import open_plan
from storage.mentions import inbox as mentions
from tests.tui.mentions_seed import seed, settle

TODAY = date(2026, 11, 26)


def test_mentions_tab(data_file: Any, app_factory: Any, snap_compare: Any) -> None:
    with open_plan(data_file, today=TODAY) as plan:
        seed(plan, ["Lena's post on slow travel is the best thing I read this week",
                    "Un été sans avion: night trains", "Weekly roundup: travel blogs",
                    "Packing light for the Alps"],
             feed_name="#slowtravel", source="https://mastodon.social/tags/slowtravel.rss")
        seed(plan, ["Show HN: a terminal planner", "Ask HN: blogging in 2026?"],
             feed_name="Hacker News: lena", source="https://hnrss.org/newest?q=lena")
        for word in ("lena", "été"):
            mentions.add_watch(plan, word)
        listed = mentions.list_mentions(plan)
        mentions.set_starred(plan, listed[1].id, True)
        mentions.mark_read(plan, [listed[3].id, listed[4].id])
    app = app_factory()

    async def show(pilot: Any) -> None:
        app.sub_title = "socialplan.json"  # the temporary path differs on every run
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("j")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 32), run_before=show)
