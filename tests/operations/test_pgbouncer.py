"""Escalade behind a real PgBouncer in transaction mode (two server connections for many
clients): pages, API, CSV export, attachments and the worker's mails all work, with
ESCALADE_DB_POOLER=pgbouncer (no server-side cursor, no prepared statement, no startup
option); without it the connection is refused, which the operator sees at once."""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.conf import settings
from django.db import connection

from tests.notifications.conftest import SmtpServer
from tests.operations.test_read_replica import create, titles, web
from tests.servers import Node, PgBouncer, base_env, database_url, running

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL (DATABASE_URL=postgres://…): PgBouncer",
)
PNG = b"\x89PNG\r\n\x1a\n" + b"capture" * 500


def sh(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "escalade.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def bouncer(tmp_path_factory, static_files):
    root = tmp_path_factory.mktemp("pgbouncer")
    name = f"{connection.settings_dict['NAME']}_pgbouncer"
    admin = database_url("postgres")
    subprocess.run(["psql", admin, "-c", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run(["psql", admin, "-c", f'CREATE DATABASE "{name}"'], check=True)
    db = connection.settings_dict
    pool = PgBouncer(host=db["HOST"], port=int(db["PORT"]), database=name).start()
    smtp = SmtpServer()
    smtp.start()
    try:
        env = base_env(
            root / "node",
            DATABASE_URL=pool.url(),
            ESCALADE_DB_POOLER="pgbouncer",
            EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}",
            SECRET_KEY="p" * 50,
        )
        for command in (["migrate", "-v0"], ["demo"]):
            done = sh(env, *command)  # migrations too go through the pool
            assert done.returncode == 0, done.stderr
        with running(Node(root / "node", env, static=static_files)) as (node,):
            yield node, pool, smtp, env
    finally:
        smtp.stop()
        pool.stop()
        subprocess.run(["psql", admin, "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'])


def test_pages_api_export_attachments_and_mails_through_the_pool(bouncer):
    node, pool, smtp, _ = bouncer
    chef = requests.Session()
    chef.headers["Authorization"] = "Token chef.etab-token"
    pk = create(node, chef, 1)
    added = chef.post(
        f"{node.url}/api/v1/tickets/{pk}/followups/",
        data={"content": "La capture jointe."},
        files={"attachments": ("erreur.png", PNG, "image/png")},
        timeout=10,
    )
    assert added.status_code == 201, added.text

    tech = web(node, "tech.bai")
    page = tech.get(f"{node.url}/tickets/{pk}/", timeout=10)
    assert page.status_code == 200 and "erreur.png" in page.text
    export = tech.get(f"{node.url}/tickets/export.csv?onglet=tous", timeout=10)
    assert export.status_code == 200 and "Bulletin LSU introuvable (1)" in export.text

    # Twenty readers at once share the pool's two server connections.
    def read(_: int) -> int:
        return chef.get(f"{node.url}/api/v1/tickets/", timeout=30).status_code

    with ThreadPoolExecutor(8) as threads:
        assert set(threads.map(read, range(20))) == {200}
    assert "Bulletin LSU introuvable (1)" in titles(chef.get(f"{node.url}/api/v1/tickets/"))

    # The worker (periodic jobs and the outbox) works through the pool too.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and not any("bien reçu" in m.subject for m in smtp.received):
        time.sleep(0.5)
    receipts = [m for m in smtp.received if "bien reçu" in m.subject]
    assert len(receipts) == 1, [m.subject for m in smtp.received]

    pools = [p for p in pool.show("POOLS") if p["database"] == "escalade"]
    assert pools and int(pools[0]["sv_active"]) + int(pools[0]["sv_idle"]) <= 2
    stats = {s["database"]: s for s in pool.show("STATS")}
    assert int(stats["escalade"]["total_xact_count"]) > 50


def test_without_the_pooler_setting_the_connection_is_refused(bouncer):
    *_, env = bouncer
    probe = "from django.db import connection; connection.ensure_connection(); print('ok')"
    refused = sh({**env, "ESCALADE_DB_POOLER": ""}, "shell", "-c", probe)
    assert refused.returncode != 0
    assert "unsupported startup parameter" in refused.stderr
    accepted = sh(env, "shell", "-c", probe)
    assert accepted.returncode == 0 and accepted.stdout.strip().endswith("ok"), accepted.stderr
