"""A bad address, an unreachable server or a database that is not GLPI's: one line
naming the problem, a non-zero exit, nothing written."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from escalade.accounts.models import Entity, User
from escalade.glpiimport.models import ImportedItem
from tests.glpiimport.conftest import free_port

pytestmark = pytest.mark.django_db


def fails(dsn: str) -> str:
    with pytest.raises(CommandError) as error:
        call_command("import_glpi", "--database", dsn, "--no-progress", stdout=io.StringIO())
    message = str(error.value)
    assert "\n" not in message
    assert Entity.objects.count() == User.objects.count() == ImportedItem.objects.count() == 0
    return message


@pytest.mark.parametrize(
    "dsn",
    ["postgres://glpi:x@127.0.0.1/glpi", "mysql://glpi:x@127.0.0.1:port/glpi", "mysql:///glpi",
     "mysql://glpi:x@127.0.0.1:3306/"],
)  # fmt: skip
def test_a_bad_address_is_named(dsn):
    assert fails(dsn).startswith("adresse de la base GLPI invalide")


def test_an_unreachable_server_is_named():
    port = free_port()  # nobody listens there
    message = fails(f"mysql://glpi:x@127.0.0.1:{port}/glpi")
    assert message.startswith(f"serveur GLPI injoignable (127.0.0.1:{port})")


def test_a_wrong_password_is_named(glpi):
    message = fails(glpi.db.dsn(password="mauvais"))
    assert message.startswith(f"base GLPI refusée par 127.0.0.1:{glpi.db.port}")


def test_a_database_that_is_not_glpi_is_named(glpi):
    message = fails(glpi.db.dsn(database="notglpi"))
    assert message.startswith("la base notglpi n'est pas une base GLPI (tables absentes : ")
    assert "glpi_tickets" in message


def test_another_glpi_version_is_named(glpi):
    glpi.db.execute("UPDATE glpi_configs SET value = '9.5.13' WHERE name = 'version'")
    try:
        assert fails(glpi.dsn) == "la base glpi est celle de GLPI 9.5.13 : GLPI 10.0 attendu"
    finally:
        glpi.db.execute("UPDATE glpi_configs SET value = '10.0.15' WHERE name = 'version'")


def test_the_command_line_exits_non_zero_with_one_line(tmp_path):
    port = free_port()
    env = {**os.environ, "ESCALADE_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "escalade.cli", "import-glpi", "--database",
         f"mysql://glpi:x@127.0.0.1:{port}/glpi", "--no-progress"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode != 0
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(errors) == 1, done.stderr
    assert errors[0].startswith(f"CommandError: serveur GLPI injoignable (127.0.0.1:{port})")
