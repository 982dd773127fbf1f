"""DATABASE_REPLICA_URL against a real streaming replica: a PostgreSQL cluster of the test's
own, and a second one made from it by pg_basebackup, on other ports. Replaying is paused on
the replica to make its lag visible: what the lists, exports and API reads show then comes
from the replica, what the ticket page and the author of a change see from the primary."""

from __future__ import annotations

import time

import pytest
import requests
from django.conf import settings

from tests.servers import Cluster, Node, base_env, running

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL (DATABASE_URL=postgres://…): streaming replication",
)
PIN_SECONDS = 2
TITLE = "Bulletin LSU introuvable ({})"


def escalade(env: dict[str, str], *args: str) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "escalade.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


class Replicated:
    def __init__(self, node: Node, primary: Cluster, replica: Cluster) -> None:
        self.node, self.primary, self.replica = node, primary, replica

    def pause(self) -> None:
        self.replica.sql("SELECT pg_wal_replay_pause()")

    def resume(self) -> None:
        self.replica.sql("SELECT pg_wal_replay_resume()")
        target = self.primary.sql("SELECT pg_current_wal_lsn()")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            behind = self.replica.sql(f"SELECT pg_last_wal_replay_lsn() < '{target}'::pg_lsn")
            if behind == "f":
                return
            time.sleep(0.1)
        raise TimeoutError("the replica did not catch up")


@pytest.fixture(scope="module")
def replicated(tmp_path_factory, static_files):
    root = tmp_path_factory.mktemp("replication")
    primary = Cluster("primary").initdb().start()
    replica = None
    try:
        primary.sql("CREATE DATABASE escalade")
        setup = base_env(root / "setup", DATABASE_URL=primary.url("escalade"), SECRET_KEY="s" * 50)
        escalade(setup, "migrate", "-v0")
        escalade(setup, "demo")
        replica = Cluster("replica").basebackup_of(primary).start()
        assert replica.sql("SELECT pg_is_in_recovery()") == "t"
        env = base_env(
            root / "node",
            DATABASE_URL=primary.url("escalade"),
            DATABASE_REPLICA_URL=replica.url("escalade"),
            ESCALADE_READ_YOUR_WRITES_SECONDS=str(PIN_SECONDS),
            SECRET_KEY="s" * 50,
        )
        with running(Node(root / "node", env, static=static_files)) as (node,):
            yield Replicated(node, primary, replica)
    finally:
        if replica is not None:
            replica.stop()
        primary.stop()


def api(login: str, **headers: str) -> requests.Session:
    session = requests.Session()
    session.headers.update({"Authorization": f"Token {login}-token", **headers})
    return session


def web(node: Node, login: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{node.url}/compte/connexion/", timeout=10)
    assert page.status_code == 200
    signed = session.post(
        f"{node.url}/compte/connexion/",
        data={
            "username": login,
            "password": "demo",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        timeout=10,
    )
    assert signed.status_code == 200 and "/compte/connexion/" not in signed.url
    return session


def titles(response: requests.Response) -> list[str]:
    assert response.status_code == 200, response.text[:500]
    return [t["title"] for t in response.json()["results"]]


def create(node: Node, chef: requests.Session, n: int) -> int:
    category = next(
        c["id"]
        for c in chef.get(f"{node.url}/api/v1/categories/", timeout=10).json()["results"]
        if c["name"] == "LSU"
    )
    created = chef.post(
        f"{node.url}/api/v1/tickets/",
        json={
            "type": 1,
            "category": category,
            "urgency": 3,
            "title": TITLE.format(n),
            "content": "Le bulletin du 1er trimestre ne s'affiche plus.",
        },
        timeout=10,
    )
    assert created.status_code == 201, created.text
    return created.json()["id"]


def test_lists_exports_and_api_reads_come_from_the_replica(replicated):
    node = replicated.node
    tech = web(node, "tech.bai")
    chef = api("chef.etab")
    referent_profile = next(
        p["id"]
        for p in api("referent.lsu").get(f"{node.url}/api/v1/me/", timeout=10).json()["profiles"]
        if p["name"] == "Référent fonctionnel"
    )
    referent = api("referent.lsu", **{"X-Escalade-Profile": str(referent_profile)})
    time.sleep(PIN_SECONDS + 0.5)  # signing in was a write: tech.bai's pin ends first

    replicated.pause()
    try:
        pk = create(node, chef, 1)
        title = TITLE.format(1)
        # Readers other than the author: the lists come from the replica, which lags.
        assert title not in tech.get(f"{node.url}/tickets/?onglet=tous", timeout=10).text
        export = tech.get(f"{node.url}/tickets/export.csv?onglet=tous", timeout=10)
        assert export.status_code == 200 and title not in export.text
        assert title not in titles(referent.get(f"{node.url}/api/v1/tickets/", timeout=10))
        # The ticket page reads the primary: it is there.
        page = tech.get(f"{node.url}/tickets/{pk}/", timeout=10)
        assert page.status_code == 200 and title in page.text
        # Its author reads the primary for a while: read-your-writes.
        assert title in titles(chef.get(f"{node.url}/api/v1/tickets/", timeout=10))
    finally:
        replicated.resume()
    # Once the replica has replayed, everyone's lists show it.
    assert title in tech.get(f"{node.url}/tickets/?onglet=tous", timeout=10).text
    assert title in titles(referent.get(f"{node.url}/api/v1/tickets/", timeout=10))


def test_the_authors_pin_to_the_primary_ends_after_its_delay(replicated):
    node = replicated.node
    chef = api("chef.etab")
    replicated.pause()
    try:
        create(node, chef, 2)
        assert TITLE.format(2) in titles(chef.get(f"{node.url}/api/v1/tickets/", timeout=10))
        time.sleep(PIN_SECONDS + 0.5)
        # Back on the replica, still paused: the author's list is the replica's again.
        assert TITLE.format(2) not in titles(chef.get(f"{node.url}/api/v1/tickets/", timeout=10))
    finally:
        replicated.resume()
    assert TITLE.format(2) in titles(chef.get(f"{node.url}/api/v1/tickets/", timeout=10))


def test_the_node_is_ready_with_both_databases(replicated):
    ready = requests.get(f"{replicated.node.url}/sante/pret/", timeout=10)
    assert ready.json()["checks"]["database"] == "ok"
    clients = replicated.replica.sql(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = 'escalade'"
    )
    assert int(clients) >= 1  # the node holds connections to the replica
