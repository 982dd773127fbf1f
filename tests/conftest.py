"""Shared fixtures: the LSU demo organisation and its personas.

Personas are built from the demo (the same data as `escalade demo`):
- chef.etab (Self-Service, requester), referent.lsu / referent2.lsu (Référents-LSU,
  "Référent fonctionnel" profile), tech.bai (DSI-BAI, Technicien), admin (Super-Admin),
- outsider: a Technicien of another académie who must see nothing of the demo.
"""

from __future__ import annotations

import copy

import pytest

from escalade.accounts.models import User
from escalade.accounts.who import Who
from escalade.demo.lsu import Demo, load_demo
from escalade.tickets.models import Ticket
from tests.factories import as_, make_outsider, open_lsu_ticket

__all__ = ["as_", "open_lsu_ticket"]  # tests written before tests/factories.py import them here


_loaded: list[Demo] = []

# Tests sharing a server that holds fixed names (MariaDB's glpi database) run on one
# xdist worker (`pytest -n 2 --dist loadgroup`, as `make test` does); the others spread.
# The operations and nodes tests start their servers (clusters, PgBouncer, nodes) once per
# module: one worker runs them all, one module after the other.
XDIST_GROUPS = {"glpiimport": "mariadb", "operations": "servers", "nodes": "servers"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        parts = item.path.parts
        for folder, group in XDIST_GROUPS.items():
            if folder in parts:
                item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the LSU demo loaded once for the whole session.

    Each test runs in a transaction rolled back at its end, so it sees the demo as loaded.
    Transactional tests (live server, threads) empty the tables when they end; pytest-django
    runs them after the others, and the `demo` fixture loads the demo again for them.
    """
    with django_db_blocker.unblock():
        _loaded.append(load_demo())


@pytest.fixture
def demo(db) -> Demo:
    loaded = _loaded[0] if _loaded else None
    if loaded is not None and User.objects.filter(pk=loaded.users["admin"].pk).exists():
        # A copy, so that a test changing an instance does not change the next test's.
        return copy.deepcopy(loaded)
    return load_demo()


@pytest.fixture
def chef(demo) -> Who:
    return as_(demo, "chef.etab")


@pytest.fixture
def referent(demo) -> Who:
    return as_(demo, "referent.lsu", "Référent fonctionnel")


@pytest.fixture
def referent2(demo) -> Who:
    return as_(demo, "referent2.lsu", "Référent fonctionnel")


@pytest.fixture
def tech(demo) -> Who:
    return as_(demo, "tech.bai")


@pytest.fixture
def admin_who(demo) -> Who:
    return as_(demo, "admin")


@pytest.fixture
def outsider(demo) -> Who:
    """A technician of another académie, with the same profile as tech.bai."""
    return make_outsider(demo)


@pytest.fixture
def lsu_ticket(demo, chef) -> Ticket:
    return open_lsu_ticket(demo, chef)


@pytest.fixture(autouse=True)
def _attachments_in_tmp(settings, tmp_path):
    settings.ATTACHMENTS_DIR = tmp_path / "attachments"


def pytest_generate_tests(metafunc):
    """Tests marked ``attachments`` run twice: local directory, then S3 bucket (moto)."""
    if metafunc.definition.get_closest_marker("attachments"):
        metafunc.fixturenames.append("attachment_storage")
        metafunc.parametrize("attachment_storage", ["local", "s3"], indirect=True)


@pytest.fixture(scope="session")
def moto_s3():
    """moto's S3 in server mode (real HTTP on a free port), for the whole session."""
    from tests.storages import MotoS3

    server = MotoS3().start()
    yield server
    server.stop()


@pytest.fixture
def attachment_storage(request, settings):
    """Where this test's attachments go: "local" (the default) or "s3" (moto's bucket)."""
    kind = getattr(request, "param", "local")
    if kind == "s3":
        settings.ESCALADE_S3 = request.getfixturevalue("moto_s3").config()
    else:
        settings.ESCALADE_S3 = None
    return kind


@pytest.fixture(autouse=True)
def _one_writer(request):
    """Fails a test in which a page, an API or the mail gateway writes tickets itself
    (tests/one_writer.py)."""
    if "django_db_setup" not in request.fixturenames:
        yield
        return
    from django.db import connection

    from tests.one_writer import guard

    with connection.execute_wrapper(guard):
        yield


@pytest.fixture(scope="session")
def static_files(tmp_path_factory):
    """Static files collected once for the Escalade nodes the tests start (tests/servers.py)."""
    from tests.servers import collect_static

    return collect_static(tmp_path_factory.mktemp("static"))
