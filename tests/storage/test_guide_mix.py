"""The mix check over a hand-made calendar whose shares are known."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from storage.guide import add_pillar, list_pillars, mix_report, mix_warning, update_guide
from storage.guide.mix import NO_PILLAR

TODAY = date(2026, 11, 26)


def _day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def _pillars(plan: Any) -> None:
    """Three pillars: Tips 50%, Stories 30%, Offers 20% (promotional)."""
    plan.table("pillars").truncate()
    add_pillar(plan, "Tips", target=50)
    add_pillar(plan, "Stories", target=30)
    add_pillar(plan, "Offers", target=20, promotional=True)


def _add(plan: Any, pillar: str | None, status: str, offset: int, **more: Any) -> int:
    doc = {"title": f"{pillar} {offset}", "pillar": pillar, "status": status,
           "date": _day(offset), "published_on": None, **more}
    return int(plan.table("content").insert(doc))


def test_an_empty_calendar_says_so_and_warns_nothing(plan: Any) -> None:
    report = mix_report(plan, TODAY)
    assert report.content_count == 0
    assert report.published.total == 0 and report.planned.total == 0
    assert mix_warning(plan, TODAY) is None


def test_shares_over_a_hand_made_calendar(plan: Any) -> None:
    _pillars(plan)
    # Published in the last 30 days: 4 Tips, 2 Stories, 4 Offers -> 40/20/40, promo 40%.
    for offset in (0, -1, -5, -29):
        _add(plan, "Tips", "published", offset)
    _add(plan, "Stories", "published", -3)
    _add(plan, "Stories", "published", -40, published_on=_day(-2))  # went out late: counts
    for offset in (-6, -7, -8):
        _add(plan, "Offers", "published", offset)
    hub = _add(plan, "Offers", "published", -9)
    # Outside the window or not published: not counted.
    _add(plan, "Tips", "published", -30)
    _add(plan, "Tips", "draft", -2)
    # Planned for the next 30 days: a spin-off inherits its hub's pillar.
    _add(plan, None, "scheduled", 30, parent=hub)
    _add(plan, "Tips", "idea", 1)
    _add(plan, "Tips", "draft", 2)
    _add(plan, None, "scheduled", 3)
    _add(plan, "Old name", "draft", 4)
    _add(plan, "Tips", "scheduled", 31)  # beyond the window
    plan.table("content").insert({"title": "Backlog idea", "pillar": "Tips", "date": None,
                                  "status": "idea"})

    report = mix_report(plan, TODAY)
    past = report.published
    assert past.total == 10
    assert [(r.name, r.count, r.share, r.target) for r in past.rows] == [
        ("Tips", 4, 40.0, 50), ("Stories", 2, 20.0, 30), ("Offers", 4, 40.0, 20)
    ]
    assert past.promo_share == 40.0 and past.over_ceiling
    assert [r.name for r in past.rows if r.off_target] == ["Offers"]

    ahead = report.planned
    assert ahead.total == 5
    assert {r.name: r.count for r in ahead.rows} == {
        "Tips": 2, "Stories": 0, "Offers": 1, "Old name": 1, NO_PILLAR: 1
    }
    assert ahead.row("Old name") is not None and not ahead.row("Old name").known  # type: ignore[union-attr]
    assert ahead.promo_share == 20.0 and not ahead.over_ceiling

    warning = mix_warning(plan, TODAY)
    assert warning is not None
    assert "40% promotional published in the last 30 days (ceiling 20%)" in warning
    assert "Offers at 40% published in the last 30 days (target 20%)" in warning
    assert "Stories at 0% planned for the next 30 days (target 30%)" in warning


def test_a_mix_on_target_gives_no_warning(plan: Any) -> None:
    _pillars(plan)
    for pillar, n in (("Tips", 5), ("Stories", 3), ("Offers", 2)):
        for i in range(n):
            _add(plan, pillar, "published", -i)
    assert mix_report(plan, TODAY).published.rows[0].share == 50.0
    assert mix_warning(plan, TODAY) is None


def test_a_raised_ceiling_silences_the_promo_warning(plan: Any) -> None:
    _pillars(plan)
    for pillar, n in (("Tips", 3), ("Stories", 1), ("Offers", 2)):
        for i in range(n):
            _add(plan, pillar, "published", -i)
    warning = mix_warning(plan, TODAY)
    assert warning is not None and "ceiling 20%" in warning
    update_guide(plan, promo_ceiling=40)
    warning = mix_warning(plan, TODAY)
    assert warning is None or "promotional" not in warning


def test_a_few_items_are_too_few_to_warn(plan: Any) -> None:
    _pillars(plan)
    for i in range(4):
        _add(plan, "Offers", "published", -i)
    assert mix_report(plan, TODAY).published.over_ceiling
    assert mix_warning(plan, TODAY) is None
    assert len(list_pillars(plan)) == 3


def test_a_repeating_series_counts_once_per_day_with_its_own_status(plan: Any) -> None:
    _pillars(plan)
    # Every Thursday (26 Nov 2026 is a Thursday), from 4 weeks ago; two past days published.
    start = TODAY - timedelta(days=28)
    plan.table("content").insert({
        "title": "Weekly tip", "pillar": "Tips", "status": "scheduled", "date": start.isoformat(),
        "rrule": "FREQ=WEEKLY;BYDAY=TH", "skipped": [_day(14)],
        "overrides": {_day(-7): {"status": "published"}, _day(-14): {"status": "published"}},
    })
    report = mix_report(plan, TODAY)
    assert report.published.row("Tips").count == 2  # type: ignore[union-attr]
    # Next 30 days: 3, 10, 17, 24 Dec, minus the skipped 10 Dec.
    assert report.planned.row("Tips").count == 3  # type: ignore[union-attr]
