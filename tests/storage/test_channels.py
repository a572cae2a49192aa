"""The channel registry: starter list, handles, status and the profile checklist."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storage.errors import InputError
from storage.phases import channels


def test_starter_registry_lists_the_platforms(plan) -> None:
    names = [c.name for c in channels.list_channels(plan)]
    for name in ("Blog", "Facebook", "X/Twitter", "YouTube", "Dailymotion", "Flickr", "LinkedIn",
                 "Viadeo", "Mastodon", "Bluesky", "Instagram", "Threads", "TikTok"):
        assert name in names
    assert all(c.status == "unclaimed" and c.profile_done == 0 for c in channels.list_channels(plan))


@pytest.mark.parametrize(
    ("handle", "brand", "differs"),
    [
        ("@ann_writes", "ann_writes", False),
        ("@Ann_Writes@mastodon.social", "@ann_writes", False),
        ("ann_writes.bsky.social", "ann_writes", False),
        ("https://www.youtube.com/@ann_writes", "ann_writes", False),
        ("annwrites2", "ann_writes", True),
        ("@annwrites", "ann_writes", True),
        ("", "ann_writes", False),
        ("anything", "", False),
    ],
)
def test_handles_that_differ_from_the_brand_are_flagged(handle, brand, differs) -> None:
    assert channels.handle_differs(handle, brand) is differs


def test_claim_then_complete_the_profile(plan) -> None:
    x = next(c for c in channels.list_channels(plan) if c.key == "x")
    claimed = channels.set_status(plan, x.id, channels.next_status(x.status))
    assert claimed.status == "claimed"
    half = channels.save_channel(plan, replace(claimed, handle=" @ann ", profile={"bio": True}))
    assert half.status == "claimed" and half.handle == "@ann" and half.profile_done == 1
    full = channels.save_channel(plan, replace(half, profile=dict.fromkeys(channels.PROFILE_ITEMS, True)))
    assert full.status == "complete"
    undone = channels.save_channel(plan, replace(full, profile={**full.profile, "contact": False}))
    assert undone.status == "claimed"
    # a status chosen by hand stays when the profile is not touched
    chosen = channels.set_status(plan, x.id, "complete")
    assert channels.save_channel(plan, replace(chosen, url="https://x.com/ann")).status == "complete"


def test_custom_channels_get_unique_keys_and_can_be_restored(plan) -> None:
    first = channels.add_channel(plan, "Pixelfed", handle="@ann")
    second = channels.add_channel(plan, "Pixelfed")
    assert first.custom and (first.key, second.key) == ("pixelfed", "pixelfed-2")
    with pytest.raises(InputError):
        channels.add_channel(plan, "  ")
    removed = channels.delete_channel(plan, first.id)
    assert first.id not in [c.id for c in channels.list_channels(plan)]
    assert channels.restore_channel(plan, removed) == first


def test_brand_handle_and_json(plan) -> None:
    channels.set_brand_handle(plan, " ann_writes ")
    assert channels.brand_handle(plan) == "ann_writes"
    blog = channels.list_channels(plan)[0]
    data = channels.save_channel(plan, replace(blog, handle="other")).to_json("ann_writes")
    assert data["handle_differs"] is True and data["key"] == "blog" and data["profile_done"] == 0
