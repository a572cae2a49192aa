"""Community promises: a published article owes comments; each logged comment pays one."""

from __future__ import annotations

from datetime import date

import pytest

from storage.calendar import community
from storage.calendar import occurrences as content
from storage.errors import InputError

TODAY = date(2026, 11, 26)


def test_publishing_an_article_opens_a_promise_and_comments_close_it(plan) -> None:
    post = content.add_content(plan, "Why I walk", TODAY, kind="article")
    content.add_content(plan, "A photo", TODAY, kind="photo", status="published")
    assert content.open_promises(plan) == []
    content.set_status(plan, post.id, "published", today=TODAY)
    [promise] = content.open_promises(plan)
    assert (promise.item.id, promise.owed, promise.made, promise.left) == (post.id, 2, 0, 2)
    community.log_comment(plan, TODAY, "Anna's blog", "https://anna.example/p/1",
                          content_id=post.id)
    assert content.open_promises(plan)[0].left == 1
    community.log_comment(plan, TODAY, "forum", "", note="long answer", content_id=post.id)
    assert content.open_promises(plan) == []
    assert content.promise_for(plan, post.id).made == 2  # type: ignore[union-attr]


def test_the_number_of_comments_is_a_setting(plan) -> None:
    plan.update_settings(comments_per_post=3)
    post = content.add_content(plan, "Post", TODAY, status="published")
    assert content.open_promises(plan)[0].owed == 3
    assert content.open_promises(plan)[0].item.id == post.id


def test_a_comment_for_no_post_pays_the_oldest_open_promise(plan) -> None:
    old = content.add_content(plan, "Old", date(2026, 11, 1))
    new = content.add_content(plan, "New", date(2026, 11, 20))
    content.set_status(plan, new.id, "published", today=date(2026, 11, 20))
    content.set_status(plan, old.id, "published", today=date(2026, 11, 1))
    logged = community.log_comment(plan, TODAY, "somewhere", "")
    assert logged.content_id == old.id
    assert [c.id for c in community.list_comments(plan, old.id)] == [logged.id]


def test_deleting_a_comment_reopens_the_promise(plan) -> None:
    post = content.add_content(plan, "Post", TODAY, status="published")
    first = community.log_comment(plan, TODAY, "a", "", content_id=post.id)
    community.log_comment(plan, TODAY, "b", "", content_id=post.id)
    assert content.open_promises(plan) == []
    community.delete_comment(plan, first.id)
    assert content.open_promises(plan)[0].left == 1


def test_a_comment_needs_a_place(plan) -> None:
    with pytest.raises(InputError, match="where"):
        community.log_comment(plan, TODAY, "  ", "")
    with pytest.raises(InputError, match="no content item"):
        community.log_comment(plan, TODAY, "x", "", content_id=99)
    assert community.list_comments(plan) == []
