"""Real servers for the identity tests: OpenLDAP (slapd), an OpenID Connect provider, SMTP."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from escalade.identity.config import LDAP_BACKEND, OIDC_BACKEND, ldap_settings, oidc_settings
from tests.identity.oidc_provider import OIDCProvider

DATA = Path(__file__).parent / "data"
SUFFIX = "dc=example,dc=org"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PASSWORD = "admin-secret"
SLAPD = shutil.which("slapd") or "/usr/sbin/slapd"
SCHEMAS = Path("/etc/ldap/schema")
MODULES = Path("/usr/lib/ldap")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


SLAPD_CONF = """\
include {schemas}/core.schema
include {schemas}/cosine.schema
include {schemas}/inetorgperson.schema
include {schemas}/nis.schema
pidfile {run}/slapd.pid
modulepath {modules}
moduleload back_mdb
database mdb
maxsize 10485760
suffix "{suffix}"
rootdn "{rootdn}"
rootpw {rootpw}
directory {run}/db
access to attrs=userPassword by anonymous auth by * none
access to * by dn.exact="cn=lecteur,{suffix}" read by self read by * none
"""


@pytest.fixture(scope="session")
def slapd():
    """A real OpenLDAP server on a free port, loaded with tests/identity/data/directory.ldif."""
    if not Path(SLAPD).exists() or not shutil.which("ldapadd"):
        pytest.fail("slapd and ldap-utils are needed (scripts/system-deps.sh installs them)")
    run = Path(tempfile.mkdtemp(prefix="escalade-slapd-"))
    (run / "db").mkdir()
    conf = run / "slapd.conf"
    conf.write_text(
        SLAPD_CONF.format(
            schemas=SCHEMAS,
            run=run,
            modules=MODULES,
            suffix=SUFFIX,
            rootdn=ROOT_DN,
            rootpw=ROOT_PASSWORD,
        )
    )
    port = free_port()
    uri = f"ldap://127.0.0.1:{port}"
    log = (run / "slapd.log").open("wb")
    process = subprocess.Popen(
        [SLAPD, "-f", str(conf), "-h", f"{uri}/", "-d", "0"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        try:
            wait_for_port(port)
        except RuntimeError:
            process.kill()
            process.wait()
            raise RuntimeError(f"slapd did not start: {(run / 'slapd.log').read_text()}") from None
        subprocess.run(
            [
                "ldapadd",
                "-x",
                "-H",
                uri,
                "-D",
                ROOT_DN,
                "-w",
                ROOT_PASSWORD,
                "-f",
                str(DATA / "directory.ldif"),
            ],
            check=True,
            capture_output=True,
        )
        yield uri
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        shutil.rmtree(run, ignore_errors=True)


@pytest.fixture
def ldap_admin(slapd):
    """A python-ldap connection bound as the directory's manager, to change entries in a test."""
    import ldap

    conn = ldap.initialize(slapd)
    conn.simple_bind_s(ROOT_DN, ROOT_PASSWORD)
    yield conn
    conn.unbind_s()


@pytest.fixture
def ldap_on(slapd, settings, monkeypatch, db):
    """Escalade configured through the LDAP_* variables to sign in against the test slapd."""
    monkeypatch.setenv("LDAP_SERVER_URI", slapd)
    monkeypatch.setenv("LDAP_BIND_DN", f"cn=lecteur,{SUFFIX}")
    monkeypatch.setenv("LDAP_BIND_PASSWORD", "lecteur-secret")
    monkeypatch.setenv("LDAP_USER_SEARCH_BASE", f"ou=people,{SUFFIX}")
    monkeypatch.setenv("LDAP_GROUP_SEARCH_BASE", f"ou=groups,{SUFFIX}")
    for name, value in ldap_settings().items():
        setattr(settings, name, value)
    backends = list(settings.AUTHENTICATION_BACKENDS)
    backends.insert(backends.index("django.contrib.auth.backends.ModelBackend"), LDAP_BACKEND)
    settings.AUTHENTICATION_BACKENDS = backends
    return slapd


@pytest.fixture
def oidc_provider(monkeypatch):
    """A real OpenID Connect provider (authorization code flow, RS256) on a free port."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    provider = OIDCProvider(client_id="escalade", client_secret="s3cret-client")
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture
def oidc_on(oidc_provider, settings, monkeypatch, db):
    monkeypatch.setenv("OIDC_RP_CLIENT_ID", "escalade")
    monkeypatch.setenv("OIDC_RP_CLIENT_SECRET", "s3cret-client")
    base = oidc_provider.url
    monkeypatch.setenv("OIDC_OP_AUTHORIZATION_ENDPOINT", f"{base}/authorize")
    monkeypatch.setenv("OIDC_OP_TOKEN_ENDPOINT", f"{base}/token")
    monkeypatch.setenv("OIDC_OP_USER_ENDPOINT", f"{base}/userinfo")
    monkeypatch.setenv("OIDC_OP_JWKS_ENDPOINT", f"{base}/jwks")
    monkeypatch.setenv("OIDC_PROVIDER_NAME", "ÉduConnect test")
    for name, value in oidc_settings().items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, OIDC_BACKEND]
    return oidc_provider


class Inbox:
    """Messages received by the test SMTP server."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)  # type: ignore[arg-type]
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """A real SMTP server (aiosmtpd); Escalade's mail settings point at it."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, ready_timeout=30)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()
