"""The README's backup and restore procedure, as an operator runs it: pg_dump, the
attachments directory in a tar file, pg_restore into another database, then an Escalade
on the restored copy serves the ticket and its attachment."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from escalade.demo.lsu import load_demo
from escalade.tickets.attachments import Upload
from tests.factories import as_, open_lsu_ticket
from tests.servers import Node, base_env, database_url, running
from tests.storages import BUCKET

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL (DATABASE_URL=postgres://…): pg_dump and pg_restore",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PNG = b"\x89PNG\r\n\x1a\n" + b"capture d'ecran LSU" * 50


def sh(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def sync(client, bucket: str, prefix: str, folder: Path, *, upload: bool) -> None:
    """What ``aws s3 sync`` does, both ways (the AWS command line is not installed here)."""
    if upload:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            client.upload_file(str(path), bucket, f"{prefix}/{path.relative_to(folder)}")
        return
    for item in client.list_objects_v2(Bucket=bucket, Prefix=prefix + "/").get("Contents", []):
        target = folder / item["Key"][len(prefix) + 1 :]
        target.parent.mkdir(parents=True, exist_ok=True)
        client.download_file(bucket, item["Key"], str(target))


@pytest.mark.parametrize("where", ["directory", "bucket"])
def test_backup_then_restore_serves_the_ticket_and_its_attachment(
    where, tmp_path, static_files, request, settings
):
    if where == "bucket":
        moto_s3 = request.getfixturevalue("moto_s3")
        settings.ESCALADE_S3 = moto_s3.config(prefix=f"avant-{tmp_path.name}")
    demo = load_demo()
    ticket = open_lsu_ticket(
        demo, as_(demo, "chef.etab"), attachments=[Upload("erreur LSU.png", PNG)]
    )
    attachment = ticket.attachments.get()

    # Backup: the database first, then the files (a file newer than the dump is harmless).
    dump, archive = tmp_path / "escalade.dump", tmp_path / "attachments.tar.gz"
    sh("pg_dump", "-Fc", "-d", database_url(), "-f", str(dump))
    if where == "directory":
        sh("tar", "-C", str(settings.ATTACHMENTS_DIR), "-czf", str(archive), ".")
    else:
        copy = tmp_path / "bucket-copy"
        sync(moto_s3.client(), BUCKET, settings.ESCALADE_S3["location"], copy, upload=False)
        assert len([p for p in copy.rglob("*") if p.is_file()]) == 1

    # Restore on "another machine": a new database and an empty attachments directory.
    restored = f"{connection.settings_dict['NAME']}_restored"
    admin = database_url("postgres")
    sh("psql", admin, "-c", f'DROP DATABASE IF EXISTS "{restored}"')
    sh("psql", admin, "-c", f'CREATE DATABASE "{restored}"')
    try:
        sh("pg_restore", "--no-owner", "-d", database_url(restored), str(dump))
        if where == "directory":
            files = tmp_path / "restored-attachments"
            files.mkdir()
            sh("tar", "-C", str(files), "-xzf", str(archive))
            storage = {"ESCALADE_ATTACHMENTS_DIR": str(files)}
        else:  # into another prefix (or bucket) than the one backed up
            prefix = f"apres-{tmp_path.name}"
            sync(moto_s3.client(), BUCKET, prefix, copy, upload=True)
            storage = moto_s3.env(prefix)

        env = base_env(
            tmp_path / "node",
            DATABASE_URL=database_url(restored),
            **storage,
            SECRET_KEY="k" * 50,
        )
        with running(Node(tmp_path / "node", env, worker=False, static=static_files)) as (node,):
            import requests

            auth = {"Authorization": "Token chef.etab-token"}
            got = requests.get(f"{node.url}/api/v1/tickets/{ticket.pk}/", headers=auth, timeout=10)
            assert got.status_code == 200, got.text
            assert got.json()["title"] == "Accès impossible à LSU"
            download = requests.get(
                f"{node.url}/api/v1/attachments/{attachment.pk}/", headers=auth, timeout=10
            )
            assert download.status_code == 200
            assert download.content == PNG
    finally:
        connection.close()
        sh("psql", admin, "-c", f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
