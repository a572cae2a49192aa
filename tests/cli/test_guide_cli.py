"""``socialplan guide export`` and ``guide import`` end to end, through the real entry point."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_export_edit_import_export(run_cli: Any, tmp_path: Path) -> None:
    first = tmp_path / "guide.md"
    done = run_cli("guide", "export", str(first))
    assert done.returncode == 0, done.stderr
    text = first.read_text("utf-8")
    assert text.startswith("# Editorial guide") and "## Pillars" in text

    edited = text.replace("- Argue with trolls in public",
                          "- Argue with trolls in public\n- Répondre « à chaud » | jamais")
    edited = edited.replace("| How-to | 40% |", "| Recettes d'été | 40% |")
    (tmp_path / "edited.md").write_text(edited, "utf-8")
    done = run_cli("guide", "import", str(tmp_path / "edited.md"))
    assert done.returncode == 0, done.stderr
    assert "4 pillars" in done.stdout

    second = run_cli("guide", "export", "-")
    assert second.returncode == 0, second.stderr
    assert second.stdout == edited
    assert "| Recettes d'été | 40% | no |" in second.stdout


def test_a_bad_document_is_refused_with_its_line_and_nothing_changes(
    run_cli: Any, tmp_path: Path
) -> None:
    before = run_cli("guide", "export", "-").stdout
    lines = before.split("\n")
    lines[lines.index("## Hashtags")] = "## Tags"
    bad = tmp_path / "bad.md"
    bad.write_text("\n".join(lines), "utf-8")
    done = run_cli("guide", "import", str(bad))
    assert done.returncode == 1
    at = lines.index("## Tags") + 1
    assert f"bad.md, line {at}: unknown section" in done.stderr
    assert "nothing was changed" in done.stderr
    assert done.stdout == ""
    assert run_cli("guide", "export", "-").stdout == before


def test_a_missing_file_is_a_clear_error(run_cli: Any, tmp_path: Path) -> None:
    done = run_cli("guide", "import", str(tmp_path / "nope.md"))
    assert done.returncode == 1 and "cannot read" in done.stderr and "nope.md" in done.stderr
