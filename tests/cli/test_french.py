"""The command line in French: chosen by the environment, by --lang or by the plan's setting,
with no English sentence left in what a French blogger reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from storage.datafile import open_plan

ROOT = Path(__file__).resolve().parents[2]
FR = {"LANG": "fr_CA.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "",
      "SOCIALPLAN_TODAY": "2026-11-26"}  # fmt: skip
EN = {**FR, "LANG": "C.UTF-8"}
COMMANDS = [
    [], ["paths"], ["checkin"], ["export"], ["import"], ["backups"], ["restore"],
    ["tasks"], ["tasks", "list"], ["tasks", "add"], ["tasks", "edit"], ["tasks", "done"],
    ["channels"], ["guide"], ["guide", "export"], ["content"], ["content", "add"],
    ["content", "edit"], ["content", "list"], ["calendar"], ["feeds"], ["feeds", "add"],
    ["fetch"], ["watch"], ["mentions"], ["mentions", "list"], ["metrics"],
]  # fmt: skip


@pytest.fixture
def run_cli(run_cli: Any) -> Any:
    """The real command line, its no-break spaces (French typography) read as spaces."""
    import subprocess

    def run(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        done = run_cli(*args, **kwargs)
        done.stdout = done.stdout.replace("\u00a0", " ").replace("\u202f", " ")
        done.stderr = done.stderr.replace("\u00a0", " ").replace("\u202f", " ")
        return done

    return run


def english_sentences() -> list[str]:
    """English messages whose French reads differently (long enough to be a sentence)."""
    with (ROOT / "storage/locale/fr/LC_MESSAGES/socialplan.po").open("rb") as handle:
        catalogue = read_po(handle)
    found = []
    for message in catalogue:
        text = message.id[0] if isinstance(message.id, tuple) else message.id
        french = message.string[0] if isinstance(message.string, tuple) else message.string
        plain = text.split("{")[0].strip()
        if message.id and french != text and len(plain) >= 14 and "%" not in plain:
            found.append(plain)
    return found


def test_a_new_plan_made_in_french_reads_french(run_cli: Any, data_file: Path) -> None:
    shown = run_cli("checkin", env=FR)
    assert shown.returncode == 0, shown.stderr
    assert "Point du jour : jeudi 26 novembre 2026" in shown.stdout
    assert "Phase 1 · Écouter et faire de la veille" in shown.stdout
    assert "Noter le point de départ de vos statistiques web" in shown.stdout
    assert "Engagements envers la communauté" in shown.stdout
    leaks = [s for s in english_sentences() if s in shown.stdout]
    assert leaks == []
    plan = open_plan(data_file, write=False)
    guide = plan.get_single("guide")
    assert "médias sociaux" in guide["purpose"]
    assert plan.rows("pillars")[0][1]["name"] == "Trucs pratiques"
    plan.close()


def test_lang_en_gives_english_back_under_a_french_environment(run_cli: Any) -> None:
    run_cli("checkin", env=FR)  # the plan is made in French...
    shown = run_cli("--lang", "en", "checkin", env=FR)
    assert shown.returncode == 0, shown.stderr
    assert "Check-in for Thursday 26 November 2026" in shown.stdout  # ...the words are English
    after = run_cli("checkin", "--lang", "en", env=FR)  # after the command too, like --data
    assert after.stdout == shown.stdout


def test_the_plans_language_setting_wins_over_the_environment(
    run_cli: Any, data_file: Path
) -> None:
    plan = open_plan(data_file)
    plan.update_settings(language="fr")
    plan.close()
    shown = run_cli("tasks", "list", env=EN)
    assert "Phase 1 : Écouter et faire de la veille" in shown.stdout
    assert run_cli("--lang", "en", "tasks", "list", env=EN).stdout.startswith("Phase 1: Listen")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "socialplan")
def test_every_help_is_french(run_cli: Any, command: list[str]) -> None:
    shown = run_cli(*command, "--help", env=FR)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("utilisation : socialplan")
    assert "afficher cette aide et quitter" in shown.stdout
    english = run_cli(*command, "--help", env=EN).stdout
    assert english.startswith("usage: socialplan")
    leaks = [s for s in english_sentences() if s in shown.stdout]
    assert leaks == []


def test_argparse_refuses_in_french(run_cli: Any) -> None:
    shown = run_cli("tasks", "add", "Réserver mon nom sur Bluesky", env=FR)
    assert shown.returncode == 2
    assert "erreur : ces arguments sont obligatoires : --phase" in shown.stderr
    wrong = run_cli("--lang", "de", "checkin", env=FR)
    assert "choix non valide : 'de'" in wrong.stderr


@pytest.mark.parametrize("env", [FR, EN], ids=["fr", "en"])
def test_dates_are_typed_in_french_in_either_language(run_cli: Any, env: dict[str, str]) -> None:
    for typed, expected in [("demain", "2026-11-27"), ("après-demain", "2026-11-28"),
                            ("vendredi", "2026-11-27"), ("+3j", "2026-11-29"),
                            ("3 décembre", "2026-12-03"), ("aujourd’hui", "2026-11-26")]:
        added = run_cli("tasks", "add", f"Tâche {typed}", "--phase", "5", "--due", typed, env=env)
        assert added.returncode == 0, added.stderr
        listed = run_cli("tasks", "list", "--phase", "5", env=env).stdout
        assert f"Tâche {typed}" in listed and expected in listed


def test_day_first_in_french_and_a_bad_date_named_in_french(run_cli: Any) -> None:
    assert run_cli("tasks", "add", "A", "--phase", "5", "--due", "3/12", env=FR).returncode == 0
    assert "2026-12-03" in run_cli("tasks", "list", "--phase", "5", env=FR).stdout
    bad = run_cli("tasks", "add", "B", "--phase", "5", "--due", "le jour J", env=FR)
    assert bad.returncode != 0
    assert "date non reconnue : 'le jour J'" in bad.stderr


def test_repeat_rules_are_typed_and_described_in_french(run_cli: Any) -> None:
    added = run_cli("content", "add", "Chronique", "--on", "1 décembre",
                    "--repeat", "un mardi sur deux", env=FR)  # fmt: skip
    assert added.returncode == 0, added.stderr
    listed = run_cli("content", "list", env=FR).stdout
    assert "(un mardi sur deux)" in listed and "[brouillon]" in listed
    english = run_cli("content", "list", env=EN).stdout
    assert "(every other Tuesday)" in english and "[draft]" in english


@pytest.mark.parametrize("env", [FR, EN], ids=["fr", "en"])
def test_status_and_kind_are_typed_in_french_in_either_language(
    run_cli: Any, env: dict[str, str]
) -> None:
    added = run_cli("content", "add", "Balade en forêt", "--on", "demain", "--status",
                    "planifie", "--kind", "vidéo", env=env)  # fmt: skip
    assert added.returncode == 0, added.stderr
    listed = run_cli("--lang", "en", "content", "list", "--json", env=env).stdout
    assert '"status": "scheduled"' in listed and '"kind": "video"' in listed
    wrong = run_cli("content", "add", "X", "--status", "peut-être", env=FR)
    assert "idée, brouillon, planifié, publié" in wrong.stderr


def test_the_baselines_metrics_are_typed_in_french(run_cli: Any, tmp_path: Path) -> None:
    rows = tmp_path / "releves.csv"
    rows.write_text("date,channel,metric,value\n2026-11-01,blog,visites,1200\n"
                    "2026-11-01,mastodon,abonnés,340\n", encoding="utf-8")  # fmt: skip
    assert run_cli("metrics", "import", str(rows), env=FR).returncode == 0
    out = tmp_path / "out.csv"
    assert run_cli("metrics", "export", str(out), env=FR).returncode == 0
    written = out.read_text(encoding="utf-8")
    assert "blog,visits,1200" in written and "mastodon,followers,340" in written


def test_the_app_starts_in_the_plans_language(data_file: Path) -> None:
    """The command line learns the plan's language before it imports the app, whose keys and
    tab names are made at import."""
    import subprocess
    import sys

    plan = open_plan(data_file)
    plan.update_settings(language="fr")
    plan.close()
    code = (
        "import sys, types\n"
        "from storage import i18n\n"
        "fake = types.ModuleType('tui.app')\n"
        "fake.run_app = lambda path: print(i18n.language(), i18n._('Today')) or 0\n"
        "sys.modules['tui.app'] = fake\n"
        "from tui.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    env = {**EN, "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    for argv, expected in ((["--data", str(data_file)], "fr Aujourd'hui"),
                           (["--lang", "en", "--data", str(data_file)], "en Today")):  # fmt: skip
        done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True,
                              text=True, env=env, cwd=ROOT, timeout=60)  # fmt: skip
        assert done.stdout.strip() == expected, done.stderr


def test_the_checkin_writes_dates_as_a_francophone_reads_them(run_cli: Any) -> None:
    added = run_cli("tasks", "add", "Remercier les participants", "--phase", "5", "--due",
                    "2026-11-24", env=FR)  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "[phase 5 · pour le 24 nov.]" in run_cli("checkin", env=FR).stdout
    assert "[phase 5 · due 2026-11-24]" in run_cli("checkin", env=EN).stdout, "English as before"


def test_kinds_read_in_french_in_the_sentences_of_measure() -> None:
    from storage import i18n
    from storage.measure.reactions import kind_plural

    i18n.set_language("fr")
    assert [kind_plural(k) for k in ("video", "short post", "podcast")] == [
        "vidéos", "publications courtes", "balados"]
    i18n.set_language("en")
    assert kind_plural("short post") == "short posts"
