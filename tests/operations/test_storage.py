"""Attachments in an S3-compatible bucket (moto in server mode): stored under the prefix,
never public, streamed through the access-checked views or handed out as short-lived
signed URLs; configured by environment variables."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.exceptions import ImproperlyConfigured

from escalade.core.storage import StreamedFile
from escalade.operations import config
from escalade.operations.models import WorkerHeartbeat
from escalade.tickets import workflow
from escalade.tickets.attachments import Upload
from escalade.tickets.models import Attachment
from tests.storages import BUCKET, stored_files
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 256  # 64 KiB


@pytest.fixture
def bucket(settings, moto_s3):
    settings.ESCALADE_S3 = moto_s3.config()
    settings.ESCALADE_S3_SIGNED_URL_SECONDS = 0
    return settings.ESCALADE_S3


def test_files_go_to_the_bucket_under_the_prefix_not_to_the_directory(
    bucket, moto_s3, settings, lsu_ticket, referent
):
    workflow.add_followup(
        lsu_ticket, by=referent, content="Voir", attachments=[Upload("capture.png", PNG)]
    )
    attachment = Attachment.objects.get()
    assert moto_s3.keys(bucket["location"]) == [f"{bucket['location']}/{attachment.file.name}"]
    assert moto_s3.read(f"{bucket['location']}/{attachment.file.name}") == PNG
    assert not settings.ATTACHMENTS_DIR.exists()


def test_downloads_stream_from_the_bucket_after_the_access_check(
    bucket, demo, lsu_ticket, referent, outsider
):
    workflow.add_followup(
        lsu_ticket, by=referent, content="Voir", attachments=[Upload("capture.png", PNG)]
    )
    attachment = Attachment.objects.get()
    assert isinstance(attachment.file.storage.open(attachment.file.name), StreamedFile)
    response = signed_in(demo, "referent.lsu", "Référent fonctionnel").get(
        f"/documents/{attachment.pk}/"
    )
    assert response.status_code == 200 and response.streaming
    chunks = list(response.streaming_content)
    assert len(chunks) > 1  # sent as it is read, not loaded whole
    assert b"".join(chunks) == PNG
    assert response["Content-Type"] == "image/png"
    page = (
        signed_in(demo, "referent.lsu", "Référent fonctionnel")
        .get(f"/tickets/{lsu_ticket.pk}/")
        .content.decode()
    )
    assert bucket["endpoint_url"] not in page and BUCKET not in page  # no direct link
    assert signed_in(demo, "tech.bzh").get(f"/documents/{attachment.pk}/").status_code == 404


def test_signed_urls_when_configured(bucket, settings, demo, lsu_ticket, referent, outsider):
    settings.ESCALADE_S3_SIGNED_URL_SECONDS = 30
    workflow.add_followup(
        lsu_ticket, by=referent, content="Voir", attachments=[Upload("journal LSU.txt", b"l1")]
    )
    attachment = Attachment.objects.get()
    response = signed_in(demo, "referent.lsu", "Référent fonctionnel").get(
        f"/documents/{attachment.pk}/"
    )
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    url = response["Location"]
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Expires"] == ["30"]
    assert query["response-content-type"] == ["application/octet-stream"]
    assert query["response-content-disposition"][0].startswith("attachment;")
    fetched = requests.get(url, timeout=10)
    assert fetched.status_code == 200 and fetched.content == b"l1"
    assert fetched.headers["Content-Disposition"].startswith("attachment;")
    unsigned = requests.get(url.split("?", 1)[0], timeout=10)
    assert unsigned.content != b"l1"  # the object itself is not public
    # Someone else gets no URL at all, the same 404 as for a document that does not exist.
    assert signed_in(demo, "tech.bzh").get(f"/documents/{attachment.pk}/").status_code == 404


def test_api_downloads_read_the_bucket(bucket, demo, lsu_ticket, referent):
    from rest_framework.test import APIClient

    workflow.add_followup(
        lsu_ticket, by=referent, content="Voir", attachments=[Upload("capture.png", PNG)]
    )
    attachment = Attachment.objects.get()
    api = APIClient()
    api.credentials(
        HTTP_AUTHORIZATION="Token referent.lsu-token",
        HTTP_X_ESCALADE_PROFILE=str(demo.referent_profile.pk),
    )
    response = api.get(f"/api/v1/attachments/{attachment.pk}/")
    assert b"".join(response.streaming_content) == PNG
    assert stored_files() == [attachment.file.name]


def test_readiness_checks_the_bucket(bucket, settings, client):
    WorkerHeartbeat.objects.create(worker="bai-1:42")
    assert client.get("/sante/pret/").json()["checks"]["storage"] == "ok"
    assert stored_files() == []  # the probe cleaned up after itself
    settings.ESCALADE_S3 = {**bucket, "bucket_name": "no-such-bucket"}
    response = client.get("/sante/pret/")
    assert response.status_code == 503
    assert "NoSuchBucket" in response.json()["checks"]["storage"]


def test_the_bucket_comes_from_environment_variables(monkeypatch):
    monkeypatch.setenv("ESCALADE_S3_BUCKET", "pj-escalade")
    monkeypatch.setenv("ESCALADE_S3_PREFIX", "/normandie/")
    monkeypatch.setenv("ESCALADE_S3_ENDPOINT_URL", "https://s3.ac-normandie.fr")
    monkeypatch.setenv("ESCALADE_S3_ACCESS_KEY_ID", "AKIA")
    monkeypatch.setenv("ESCALADE_S3_SECRET_ACCESS_KEY", "secret")
    monkeypatch.setenv("ESCALADE_S3_SIGNED_URL_SECONDS", "45")
    got = config._s3()
    assert got["ESCALADE_S3_SIGNED_URL_SECONDS"] == 45
    s3 = got["ESCALADE_S3"]
    assert (s3["bucket_name"], s3["location"], s3["endpoint_url"]) == (
        "pj-escalade",
        "normandie",
        "https://s3.ac-normandie.fr",
    )
    assert (s3["access_key"], s3["secret_key"], s3["addressing_style"]) == (
        "AKIA",
        "secret",
        "path",
    )
    assert s3["default_acl"] is None and s3["querystring_expire"] == 45
    monkeypatch.setenv("ESCALADE_S3_ENDPOINT_URL", "s3.ac-normandie.fr")
    with pytest.raises(ImproperlyConfigured, match="ESCALADE_S3_ENDPOINT_URL"):
        config._s3()
    monkeypatch.delenv("ESCALADE_S3_BUCKET")
    assert config._s3() == {"ESCALADE_S3": None}
