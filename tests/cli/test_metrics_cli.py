"""``socialplan metrics import|export`` end to end, through the real entry point."""

from __future__ import annotations

from pathlib import Path

import orjson

GOOD = """date,channel,metric,value
2026-01-01,youtube,subscribers,100
2026-02-01,youtube,subscribers,130
2026-02-01,blog,visits,"1,240"
"""


def test_import_then_export_round_trips(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(GOOD, encoding="utf-8")
    done = run_cli("metrics", "import", str(source))
    assert done.returncode == 0, done.stderr
    assert "Imported 3 snapshots" in done.stdout

    target = tmp_path / "out.csv"
    exported = run_cli("metrics", "export", str(target))
    assert exported.returncode == 0, exported.stderr
    assert target.read_text(encoding="utf-8").splitlines() == [
        "date,channel,metric,value",
        "2026-01-01,youtube,subscribers,100",
        "2026-02-01,blog,visits,1240",
        "2026-02-01,youtube,subscribers,130",
    ]


def test_a_bad_row_names_its_line_and_imports_nothing(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(GOOD + "2026-03-01,youtube,subscribers,many\n", encoding="utf-8")
    failed = run_cli("metrics", "import", str(source))
    assert failed.returncode != 0
    assert "line 5" in failed.stderr and "not a number: 'many'" in failed.stderr
    assert failed.stdout == ""

    target = tmp_path / "out.csv"
    assert run_cli("metrics", "export", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8") == "date,channel,metric,value\n"


def test_a_missing_file_is_a_clear_error(run_cli, tmp_path: Path) -> None:
    failed = run_cli("metrics", "import", str(tmp_path / "nope.csv"))
    assert failed.returncode != 0 and "cannot read" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_formula_looking_names_are_exported_as_text_and_imported_back(
    run_cli, tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "date,channel,metric,value\n"
        '2026-11-01,"=HYPERLINK(""http://evil.example"",""x"")",followers,10\n'
        "2026-11-02,@blog,+views,-3\n"
        "2026-11-03,'plain,views,4\n",
        encoding="utf-8",
    )
    assert run_cli("metrics", "import", str(source)).returncode == 0
    first = tmp_path / "first.csv"
    assert run_cli("metrics", "export", str(first)).returncode == 0
    lines = first.read_text(encoding="utf-8").splitlines()
    # no exported cell starts a formula: a spreadsheet shows these names, never runs them
    for line in lines[1:]:
        cells = next(__import__("csv").reader([line]))
        assert not cells[1].startswith(("=", "+", "-", "@"))
        assert not cells[2].startswith(("=", "+", "-", "@"))
    assert any(line.split(",", 2)[1].startswith("\"'=hyperlink") for line in lines)
    assert "2026-11-02,'@blog,'+views,-3" in lines  # the number stays a number
    # a round trip through a second data file gives the same values back
    other = tmp_path / "other.json"
    assert run_cli("--data", str(other), "metrics", "import", str(first)).returncode == 0
    second = tmp_path / "second.csv"
    assert run_cli("--data", str(other), "metrics", "export", str(second)).returncode == 0
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    stored = {doc["channel"] for doc in orjson.loads(other.read_bytes())["metrics"].values()}
    assert stored == {'=hyperlink("http://evil.example","x")', "@blog", "'plain"}
