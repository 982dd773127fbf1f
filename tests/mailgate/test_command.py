"""``escalade mailgate`` as an MTA runs it: a real process, the message on standard input."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.mailgate.conftest import MESSAGES, load, readdress

ROOT = Path(__file__).resolve().parents[2]


def run(
    args: list[str], env: dict[str, str], stdin: bytes = b"", *, path: Path | None = None
) -> subprocess.CompletedProcess:
    """Run ``escalade <args>``; the message comes from ``path`` (as ``< file``) or ``stdin``."""
    if path is not None:
        with path.open("rb") as handle:
            return subprocess.run(
                [sys.executable, "-m", "escalade.cli", *args],
                stdin=handle,
                env=env,
                capture_output=True,
                timeout=120,
                cwd=ROOT,
            )
    return subprocess.run(
        [sys.executable, "-m", "escalade.cli", *args],
        input=stdin,
        env=env,
        capture_output=True,
        timeout=120,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    directory = tmp_path_factory.mktemp("mailgate-cli")
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)},
        "PYTHONPATH": str(ROOT / "src"),
        "ESCALADE_DATA_DIR": str(directory),
        "DJANGO_SETTINGS_MODULE": "escalade.settings",
        "ESCALADE_MAILGATE_ADDRESS": "support@escalade.example",
    }
    migrated = run(["migrate", "--no-input"], env)
    assert migrated.returncode == 0, migrated.stderr.decode()
    demo = run(["demo"], env)
    assert demo.returncode == 0, demo.stderr.decode()
    return directory, env


def records(directory: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(directory / "escalade.sqlite3") as db:
        return db.execute(
            "select outcome, reason from mailgate_inboundmessage order by id"
        ).fetchall()


def test_malformed_and_unknown_messages_exit_0_without_traceback(data_dir):
    directory, env = data_dir
    nested = run(["mailgate"], env, path=MESSAGES / "deeply_nested_15_levels.eml")
    unknown = run(["mailgate"], env, load("iso_8859_1_accents.eml"))
    garbage = run(["mailgate"], env, b"\x00\xff\xfe")

    for done in (nested, unknown, garbage):
        assert done.returncode == 0, done.stderr.decode()
        assert b"Traceback" not in done.stderr + done.stdout
    assert b"refused" in nested.stdout and b"structure MIME trop profonde" in nested.stdout
    assert [outcome for outcome, _ in records(directory)] == ["refused"] * 3
    assert records(directory)[1][1] == "expéditeur inconnu : renee.lefevre@ac-exemple.fr"


def test_database_down_asks_the_mta_to_retry_without_traceback(data_dir):
    _, env = data_dir
    down = {**env, "DATABASE_URL": "postgres://postgres@127.0.0.1:1/escalade"}

    done = run(["mailgate"], down, readdress(load("gmail_reply_fr.eml")))

    assert done.returncode == 75, done.stderr.decode()
    assert b"Traceback" not in done.stderr + done.stdout
    assert "échec temporaire (OperationalError)".encode() in done.stderr


def test_mail_from_a_known_user_opens_a_ticket_through_the_pipe(data_dir, tmp_path):
    directory, env = data_dir
    message = tmp_path / "message.eml"
    message.write_bytes(readdress(load("thunderbird_reply_en.eml"), From="<chef.etab@example.org>"))

    done = run(["mailgate"], env, path=message)

    assert done.returncode == 0, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    assert done.stdout.startswith(b"escalade mailgate: accepted")
    with sqlite3.connect(directory / "escalade.sqlite3") as db:
        title, source = db.execute(
            "select title, source from tickets_ticket order by id desc limit 1"
        ).fetchone()
    assert (title, source) == ("[Escalade #1046] Wi-Fi in the staff room", "email")
