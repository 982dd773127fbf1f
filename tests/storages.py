"""The two attachment storages the attachment tests run with: the local directory and an
S3 bucket served by moto in server mode (a real HTTP endpoint, started once per session)."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import boto3

from tests.servers import free_port

BUCKET = "escalade-pieces-jointes"
KEYS = {"access_key": "testing-key", "secret_key": "testing-secret"}


class MotoS3:
    def __init__(self) -> None:
        from moto.server import ThreadedMotoServer

        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)

    def start(self) -> MotoS3:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request
        self.server.start()
        self.client().create_bucket(Bucket=BUCKET)
        return self

    def stop(self) -> None:
        self.server.stop()

    def client(self) -> Any:
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=KEYS["access_key"],
            aws_secret_access_key=KEYS["secret_key"],
            region_name="us-east-1",
        )

    def config(self, prefix: str | None = None) -> dict[str, Any]:
        """ESCALADE_S3 as escalade.operations.config builds it, under a prefix of its own."""
        return {
            "bucket_name": BUCKET,
            "location": prefix or f"test-{uuid.uuid4().hex[:12]}",
            "endpoint_url": self.endpoint,
            "region_name": "us-east-1",
            **KEYS,
            "addressing_style": "path",
            "default_acl": None,
            "querystring_auth": True,
            "signature_version": "s3v4",
            "file_overwrite": False,
            "querystring_expire": 60,
        }

    def env(self, prefix: str) -> dict[str, str]:
        """The same, as an operator's environment variables."""
        return {
            "ESCALADE_S3_BUCKET": BUCKET,
            "ESCALADE_S3_PREFIX": prefix,
            "ESCALADE_S3_ENDPOINT_URL": self.endpoint,
            "ESCALADE_S3_REGION": "us-east-1",
            "ESCALADE_S3_ACCESS_KEY_ID": KEYS["access_key"],
            "ESCALADE_S3_SECRET_ACCESS_KEY": KEYS["secret_key"],
        }

    def keys(self, prefix: str) -> list[str]:
        found = self.client().list_objects_v2(Bucket=BUCKET, Prefix=prefix + "/")
        return sorted(item["Key"] for item in found.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client().get_object(Bucket=BUCKET, Key=key)["Body"].read()


def stored_files() -> list[str]:
    """The names of the files in the attachment storage of this test (either kind)."""
    from django.conf import settings

    config = settings.ESCALADE_S3
    if config:
        from escalade.core.storage import backend

        client = backend().connection.meta.client  # type: ignore[attr-defined]
        found = client.list_objects_v2(Bucket=config["bucket_name"], Prefix=config["location"])
        return sorted(
            item["Key"][len(config["location"]) + 1 :] for item in found.get("Contents", [])
        )
    root = settings.ATTACHMENTS_DIR
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
