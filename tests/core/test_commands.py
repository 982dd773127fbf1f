"""The `escalade` command: demo, run, worker."""

import socket
import time
import urllib.request

from django.core.management import call_command

from escalade.accounts.models import ProfileGrant, SupportGroup, User
from escalade.tickets.models import Category, Rule
from tests.core.test_configuration import clean_environment, run_escalade


def test_demo_is_idempotent_and_prints_the_logins(db, capsys):
    call_command("demo")
    counts = [
        User.objects.count(),
        ProfileGrant.objects.count(),
        Category.objects.count(),
        SupportGroup.objects.count(),
        Rule.objects.count(),
    ]
    call_command("demo")
    assert [
        User.objects.count(),
        ProfileGrant.objects.count(),
        Category.objects.count(),
        SupportGroup.objects.count(),
        Rule.objects.count(),
    ] == counts
    out = capsys.readouterr().out
    for login in ("chef.etab", "referent.lsu", "referent2.lsu", "tech.bai", "admin"):
        assert login in out
    assert User.objects.get(username="referent.lsu").check_password("demo")
    lsu = Category.objects.get(name="LSU")
    assert lsu.full_name == "Scolarité > LSU"
    assert lsu.group_in_charge.name == "Référents-LSU"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_run_serves_pages_and_static_files_with_debug_off(tmp_path):
    import subprocess
    import sys

    assert run_escalade("migrate", "--noinput", tmp_path=tmp_path).returncode == 0
    port = free_port()
    environment = clean_environment(tmp_path)
    environment["DEBUG"] = "0"
    server = subprocess.Popen(
        [sys.executable, "-m", "escalade.cli", "run", "--port", str(port), "--workers", "1"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        body = None
        deadline = time.monotonic() + 90  # gunicorn boots slowly on a busy machine
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/sante/", timeout=2) as r:
                    body = r.read()
                break
            except OSError:
                time.sleep(0.2)
        assert body == b'{"status": "ok"}'
        css = f"http://127.0.0.1:{port}/static/bootstrap/css/bootstrap.min.css"
        with urllib.request.urlopen(css, timeout=5) as response:
            assert b"Bootstrap" in response.read(2000)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert "connexion" in response.geturl()  # anonymous users are sent to sign in
    finally:
        server.terminate()
        server.wait(timeout=30)
