"""Two Escalade nodes (``escalade run``: gunicorn and a worker each, separate data
directories) against one PostgreSQL database, one S3 bucket and one SECRET_KEY serve the
same people: sessions, lock-outs, GLPI sessions, attachments, periodic jobs (once in total)
and notifications (exactly once) work across them, and go on when one node dies."""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter

import pytest
import requests
from django.conf import settings
from django.db import connection

from tests.notifications.conftest import SmtpServer
from tests.operations.test_read_replica import create, titles, web
from tests.servers import Node, base_env, database_url

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL (DATABASE_URL=postgres://…): several nodes share one database",
)
SECRET = "n" * 50
PNG = b"\x89PNG\r\n\x1a\n" + b"capture du noeud A" * 300


def psql(url: str, query: str) -> str:
    done = subprocess.run(
        ["psql", url, "-Atc", query], capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout.strip()


class Cluster:
    def __init__(self, a: Node, b: Node, smtp: SmtpServer, db: str, bucket) -> None:
        self.a, self.b, self.smtp, self.db, self.bucket = a, b, smtp, db, bucket


@pytest.fixture(scope="module")
def nodes(tmp_path_factory, static_files, moto_s3):
    root = tmp_path_factory.mktemp("nodes")
    name = f"{connection.settings_dict['NAME']}_nodes"
    admin = database_url("postgres")
    psql(admin, f'DROP DATABASE IF EXISTS "{name}"')
    psql(admin, f'CREATE DATABASE "{name}"')
    smtp = SmtpServer()
    smtp.start()
    started: list[Node] = []
    try:
        shared = {
            "DATABASE_URL": database_url(name),
            "SECRET_KEY": SECRET,
            "ESCALADE_MULTI_NODE": "1",
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
            **moto_s3.env("deux-noeuds"),
        }
        for command in (["migrate", "-v0"], ["demo"]):
            done = subprocess.run(
                [sys.executable, "-m", "escalade.cli", *command],
                env=base_env(root / "setup", **shared),
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert done.returncode == 0, done.stderr
        for n in ("a", "b"):
            started.append(Node(root / n, base_env(root / n, **shared), static=static_files))
        for node in started:
            node.wait()
        yield Cluster(started[0], started[1], smtp, database_url(name), moto_s3)
    finally:
        for node in started:
            node.stop()
        smtp.stop()
        psql(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_node(tmp_path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "escalade.cli", "run", "--port", "1"],
        env=base_env(tmp_path, ESCALADE_MULTI_NODE="1", **env),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_node_refuses_to_start_without_the_shared_secret_key(tmp_path):
    done = run_node(tmp_path)
    assert done.returncode != 0
    assert "SECRET_KEY: ESCALADE_MULTI_NODE=1 needs the same SECRET_KEY on every node" in (
        done.stderr
    )
    assert not (tmp_path / "secret_key").exists()  # no key of its own was made
    worker = subprocess.run(
        [sys.executable, "-m", "escalade.cli", "worker", "--batch"],
        env=base_env(tmp_path, ESCALADE_MULTI_NODE="1"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert worker.returncode != 0 and "ESCALADE_MULTI_NODE=1 needs" in worker.stderr


def test_a_node_refuses_a_database_or_storage_of_its_own(tmp_path):
    done = run_node(tmp_path, SECRET_KEY=SECRET)
    assert done.returncode != 0
    assert "ESCALADE_MULTI_NODE=1 : ce nœud ne peut pas démarrer." in done.stderr
    assert "DATABASE_URL: every node needs the same PostgreSQL database." in done.stderr
    assert "ESCALADE_S3_BUCKET or ESCALADE_ATTACHMENTS_DIR" in done.stderr


def test_a_session_opened_on_one_node_works_on_the_other(nodes):
    tech = web(nodes.a, "tech.bai")
    page = tech.get(f"{nodes.b.url}/tickets/?onglet=tous", timeout=10)
    assert page.status_code == 200 and "/compte/connexion/" not in page.url
    assert "Thomas Leroy" in page.text


def test_a_lock_out_counts_failures_on_every_node(nodes):
    def attempt(node: Node, password: str) -> requests.Response:
        session = requests.Session()
        session.get(f"{node.url}/compte/connexion/", timeout=10)
        return session.post(
            f"{node.url}/compte/connexion/",
            data={
                "username": "referent2.lsu",
                "password": password,
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
            },
            timeout=10,
            allow_redirects=False,
        )

    for n in range(4):  # ESCALADE_LOGIN_FAILURE_LIMIT is 5: four, split over both nodes
        assert attempt(nodes.a if n % 2 else nodes.b, "mauvais").status_code == 200
    assert attempt(nodes.b, "mauvais").status_code == 429  # the fifth locks, on every node
    for node in (nodes.a, nodes.b):
        locked = attempt(node, "demo")
        assert locked.status_code == 429
        assert "Trop de tentatives de connexion échouées" in locked.text


def test_a_glpi_session_opened_on_one_node_works_on_the_other(nodes):
    app = {"App-Token": "demo-app-token"}
    opened = requests.get(
        f"{nodes.a.url}/apirest.php/initSession",
        headers={**app, "Authorization": "user_token referent.lsu-token"},
        timeout=10,
    )
    assert opened.status_code == 200, opened.text
    token = {**app, "Session-Token": opened.json()["session_token"]}
    full = requests.get(f"{nodes.b.url}/apirest.php/getFullSession", headers=token, timeout=10)
    assert full.status_code == 200
    assert full.json()["session"]["glpiname"] == "referent.lsu"
    killed = requests.get(f"{nodes.b.url}/apirest.php/killSession", headers=token, timeout=10)
    assert killed.status_code == 200
    again = requests.get(f"{nodes.a.url}/apirest.php/getFullSession", headers=token, timeout=10)
    assert again.status_code == 401


def test_an_attachment_sent_to_one_node_downloads_from_the_other(nodes):
    chef = requests.Session()
    chef.headers["Authorization"] = "Token chef.etab-token"
    pk = create(nodes.a, chef, 10)
    added = chef.post(
        f"{nodes.a.url}/api/v1/tickets/{pk}/followups/",
        data={"content": "La capture jointe."},
        files={"attachments": ("erreur.png", PNG, "image/png")},
        timeout=10,
    )
    assert added.status_code == 201, added.text
    detail = chef.get(f"{nodes.b.url}/api/v1/tickets/{pk}/", timeout=10).json()
    attachment = detail["attachments"][0]["id"]
    download = chef.get(f"{nodes.b.url}/api/v1/attachments/{attachment}/", timeout=10)
    assert download.status_code == 200 and download.content == PNG
    assert any(nodes.bucket.read(key) == PNG for key in nodes.bucket.keys("deux-noeuds"))
    assert not list((nodes.a.data_dir).glob("attachments/**/*.*"))


def about(nodes: Cluster, pks: list[int]) -> list:
    """The mails about these tickets: those of an earlier test may still be on their way."""
    marks = tuple(f"#{pk}]" for pk in pks)
    return [m for m in nodes.smtp.received if any(mark in m.header("Subject") for mark in marks)]


def delivered(nodes: Cluster, pks: list[int], expected: int, timeout: float = 90) -> Counter:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and len(about(nodes, pks)) < expected:
        time.sleep(0.3)
    time.sleep(2)  # a second copy, if any, would arrive now
    return Counter((m.to, m.header("Message-ID")) for m in about(nodes, pks))


def test_mails_once_and_periodic_jobs_once_and_a_node_dies_midway(nodes):
    nodes.smtp.clear()
    chef = requests.Session()
    chef.headers["Authorization"] = "Token chef.etab-token"
    tech = web(nodes.a, "tech.bai")  # signed in on node A
    pks = [create(nodes.a if n % 2 else nodes.b, chef, 20 + n) for n in range(4)]  # both nodes
    copies = delivered(nodes, pks, 12)
    assert len(about(nodes, pks)) == 12  # per ticket: the receipt and the two referents
    assert set(copies.values()) == {1}

    nodes.a.kill()  # node A's machine dies: gunicorn and its worker, at once
    with pytest.raises(requests.ConnectionError):
        create(nodes.a, chef, 30)
    pks += [create(nodes.b, chef, 30 + n) for n in range(3)]  # the load balancer: all to B
    copies = delivered(nodes, pks, 21)
    assert len(about(nodes, pks)) == 21
    assert set(copies.values()) == {1}
    # The session opened on node A goes on on node B.
    page = tech.get(f"{nodes.b.url}/tickets/?onglet=tous", timeout=10)
    assert page.status_code == 200 and "Bulletin LSU introuvable (32)" in page.text
    assert "Bulletin LSU introuvable (32)" in titles(chef.get(f"{nodes.b.url}/api/v1/tickets/"))
    assert requests.get(f"{nodes.b.url}/sante/pret/", timeout=10).status_code == 200

    # Every periodic job of 15 minutes or more ran once in total, whichever node won it.
    runs = psql(
        nodes.db,
        "SELECT task_path, count(*) FROM django_tasks_database_dbtaskresult "
        "WHERE task_path IN ('escalade.tickets.tasks.close_expired_solutions', "
        "'escalade.satisfaction.tasks.open_due_surveys', "
        "'escalade.stats.tasks.send_monthly_reports') GROUP BY task_path ORDER BY 1",
    )
    assert runs.splitlines() == [
        "escalade.satisfaction.tasks.open_due_surveys|1",
        "escalade.stats.tasks.send_monthly_reports|1",
        "escalade.tickets.tasks.close_expired_solutions|1",
    ]
    workers = psql(nodes.db, "SELECT count(*) FROM operations_workerheartbeat")
    assert int(workers) == 2  # both nodes' workers beat (A's last beat stays, ageing)
