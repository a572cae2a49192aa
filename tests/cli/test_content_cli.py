"""``socialplan content`` and ``calendar export`` end to end, through the real entry point."""

from __future__ import annotations

import json

from icalendar import Calendar

TODAY = {"SOCIALPLAN_TODAY": "2026-11-26"}  # a Thursday


def test_add_and_list_as_json(run_cli) -> None:
    hub = run_cli("content", "add", "Alps trip", "--on", "tomorrow", "--channel", "Blog",
                  "--kind", "article", "--status", "scheduled", env=TODAY)
    assert hub.returncode == 0, hub.stderr
    assert "Added content 1 on 2026-11-27: Alps trip" in hub.stdout
    child = run_cli("content", "add", "Alps photos", "--on", "+1d", "--channel", "flickr",
                    "--kind", "photo", "--parent", "1", env=TODAY)
    assert child.returncode == 0, child.stderr
    idea = run_cli("content", "add", "Someday a podcast", "--kind", "podcast", env=TODAY)
    assert idea.returncode == 0, idea.stderr

    rows = json.loads(run_cli("content", "list", "--json").stdout)
    assert [r["title"] for r in rows] == ["Alps trip", "Alps photos", "Someday a podcast"]
    assert set(rows[0]) >= {"id", "title", "date", "channel", "pillar", "kind", "status", "url",
                            "parent"}
    assert rows[0]["date"] == "2026-11-27" and rows[0]["status"] == "scheduled"
    assert rows[1]["parent"] == 1 and rows[1]["channel"] == "flickr"
    assert rows[2]["date"] is None and rows[2]["status"] == "idea"

    text = run_cli("content", "list").stdout
    assert "2026-11-27" in text and "[scheduled] Alps trip" in text and "(idea)" in text


def test_list_range_expands_series(run_cli) -> None:
    run_cli("content", "add", "Tuesday tips", "--on", "2026-11-03", "--repeat", "every tuesday",
            "--kind", "short post")
    run_cli("content", "add", "Outside", "--on", "2027-03-01")
    listed = run_cli("content", "list", "--json", "--from", "2026-12-01", "--to", "2026-12-31")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [r["date"] for r in rows] == [f"2026-12-{d:02d}" for d in (1, 8, 15, 22, 29)]
    assert all(r["title"] == "Tuesday tips" and r["id"] == 1 for r in rows)


def test_bad_input_is_refused_and_nothing_written(run_cli) -> None:
    for args, words in [
        (("--on", "someday"), "not a date: 'someday'"),
        (("--on", "today", "--channel", "orkut"), "unknown channel 'orkut'"),
        (("--on", "today", "--status", "finished"), "status must be one of"),
        (("--on", "today", "--parent", "42"), "no content item 42"),
        (("--repeat", "weekly"), "needs a first date"),
    ]:
        result = run_cli("content", "add", "X", *args)
        assert result.returncode != 0, args
        assert words in result.stderr and result.stdout == ""
    assert json.loads(run_cli("content", "list", "--json").stdout) == []
    backwards = run_cli("content", "list", "--from", "2026-12-01", "--to", "2026-11-01")
    assert backwards.returncode != 0 and "before" in backwards.stderr


def test_calendar_export_writes_an_icalendar_file(run_cli, tmp_path) -> None:
    run_cli("content", "add", "Post", "--on", "2026-12-01", "--channel", "blog")
    run_cli("content", "add", "Weekly tips", "--on", "2026-12-02", "--at", "9:30",
            "--repeat", "weekly")
    run_cli("content", "add", "An idea")
    target = tmp_path / "plan.ics"
    result = run_cli("calendar", "export", str(target))
    assert result.returncode == 0, result.stderr
    assert "Exported 2 events" in result.stdout
    cal = Calendar.from_ical(target.read_bytes())
    assert sorted(str(e["summary"]) for e in cal.walk("VEVENT")) == ["Post", "Weekly tips"]
