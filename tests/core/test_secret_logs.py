"""Secrets in query strings (password, user_token, session_token, app_token) never reach a log."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from escalade.core.logs import RedactingFilter, redact
from tests.core.test_commands import free_port
from tests.core.test_configuration import clean_environment, run_escalade

SECRETS = ("Sup3r-Secret", "tok-5ecret", "sess-5ecret", "app-5ecret")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "GET /apirest.php/initSession?login=chef&password=Sup3r-Secret HTTP/1.1",
            "GET /apirest.php/initSession?login=chef&password=[masqué] HTTP/1.1",
        ),
        (
            '"GET /apirest.php/Ticket?session_token=sess-5ecret&app_token=app-5ecret&range=0-9"',
            '"GET /apirest.php/Ticket?session_token=[masqué]&app_token=[masqué]&range=0-9"',
        ),
        ("/x?USER_TOKEN=tok-5ecret", "/x?USER_TOKEN=[masqué]"),
        ("/x?user%5Ftoken=tok-5ecret;a=1", "/x?user%5Ftoken=[masqué];a=1"),
        ("/x?password[]=Sup3r-Secret", "/x?password[]=[masqué]"),
        ("/tickets/?status=notold&page=2", "/tickets/?status=notold&page=2"),
        (
            "/identite/connexion/?next=/tickets/%3Fpassword%3DSup3r-Secret%26status%3D1",
            "/identite/connexion/?next=/tickets/%3Fpassword%3D%5Bmasqu%C3%A9%5D%26status%3D1",
        ),
        ("no url here: password=1", "no url here: password=1"),
    ],
)
def test_secret_values_are_masked_in_any_url(line, expected):
    assert redact(line) == expected


def _console_handler() -> logging.Handler:
    for handler in logging.getLogger().handlers:
        if any(isinstance(f, RedactingFilter) for f in handler.filters):
            return handler
    raise AssertionError("settings.LOGGING's console handler has no RedactingFilter")


@pytest.mark.parametrize("logger_name", ["django.request", "django.server", "escalade.glpi"])
def test_django_logs_mask_secrets(logger_name):
    handler = _console_handler()
    stream = io.StringIO()
    old = handler.setStream(stream)  # type: ignore[attr-defined]
    try:
        logging.getLogger(logger_name).warning(
            '"%s" %s', "GET /apirest.php/initSession?login=chef&password=Sup3r-Secret", 400
        )
    finally:
        handler.setStream(old)  # type: ignore[attr-defined]
    written = stream.getvalue()
    assert "password=[masqué]" in written
    assert "Sup3r-Secret" not in written


def test_the_real_server_access_log_holds_no_secret(tmp_path):
    """``escalade run`` (gunicorn and its access log), requests carrying every secret."""
    assert run_escalade("migrate", "--noinput", tmp_path=tmp_path).returncode == 0
    port = free_port()
    environment = clean_environment(tmp_path)
    environment["DEBUG"] = "0"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "escalade.cli",
            "run",
            "--port",
            str(port),
            "--workers",
            "1",
            "--no-worker",
        ],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180  # collectstatic first; the machine may be busy
        while True:
            try:
                urllib.request.urlopen(f"{base}/sante/", timeout=5).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("escalade run did not answer /sante/ in time")
                time.sleep(0.3)
        paths = [
            "/apirest.php/initSession?login=chef.etab&password=Sup3r-Secret",
            "/apirest.php/initSession?user_token=tok-5ecret&app_token=app-5ecret",
            "/apirest.php/getFullSession?session_token=sess-5ecret",
            "/tickets/?password=Sup3r-Secret&status=notold",
        ]
        for path in paths:
            request = urllib.request.Request(base + path, headers={"Referer": base + path})
            try:
                urllib.request.urlopen(request, timeout=10).read()
            except urllib.error.HTTPError as error:
                assert error.code < 500
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode(errors="replace")
    assert "/apirest.php/initSession?login=chef.etab&password=[masqué]" in output, output
    assert "user_token=[masqué]&app_token=[masqué]" in output
    for secret in SECRETS:
        assert secret not in output, output
