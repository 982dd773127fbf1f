"""ESCALADE_LOG_FORMAT=json: one JSON object per line, secrets still masked."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.servers import base_env

LOG = (
    "import logging; logging.getLogger('escalade.worker').warning("
    "'GET /apirest.php/initSession?user_token=abc123&x=1', extra={'ticket': 12})"
)


def run_shell(tmp_path, command: str = "shell", **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "escalade.cli",
            command,
            *(["-c", LOG] if command == "shell" else []),
        ],
        env=base_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_json_lines_on_demand(tmp_path):
    done = run_shell(tmp_path, ESCALADE_LOG_FORMAT="json")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    assert len(lines) == 1, done.stderr
    entry = lines[0]
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "escalade.worker"
    assert entry["message"] == "GET /apirest.php/initSession?user_token=[masqué]&x=1"
    assert entry["ticket"] == 12
    assert entry["time"].endswith("+00:00")
    assert "abc123" not in done.stderr


def test_plain_lines_by_default(tmp_path):
    done = run_shell(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "WARNING escalade.worker GET /apirest.php/initSession?user_token=[masqué]" in done.stderr
    assert not done.stderr.lstrip().startswith("{")


def test_an_unknown_format_stops_start_up(tmp_path):
    done = run_shell(tmp_path, "check", ESCALADE_LOG_FORMAT="xml")
    assert done.returncode != 0
    assert "ESCALADE_LOG_FORMAT='xml': expected plain or json." in done.stderr
