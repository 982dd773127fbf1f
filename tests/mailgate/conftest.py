"""Helpers for the mail gateway tests: real sample messages, addressed with real reply tokens."""

from __future__ import annotations

import grp
import imaplib
import io
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command

from escalade.accounts.models import User
from escalade.mailgate.tokens import make_reply_token
from escalade.tickets.models import Ticket

MESSAGES = Path(__file__).parent / "messages"
GATEWAY = "support@escalade.example"


def load(name: str) -> bytes:
    return (MESSAGES / name).read_bytes()


def token_for(ticket: Ticket, login: str) -> str:
    return make_reply_token(ticket.pk, User.objects.get(username=login).pk)


def readdress(raw: bytes, **headers: str | None) -> bytes:
    """Replace (or with None, remove) top-level headers; names use _ for - (In_Reply_To)."""
    head, sep, body = raw.partition(b"\r\n\r\n") if b"\r\n\r\n" in raw else raw.partition(b"\n\n")
    eol = b"\r\n" if sep == b"\r\n\r\n" else b"\n"
    lines = re.split(rb"\r?\n(?![ \t])", head)
    names = {name.replace("_", "-").lower().encode() for name in headers}
    kept = [line for line in lines if line.split(b":", 1)[0].strip().lower() not in names]
    added = [
        f"{name.replace('_', '-')}: {value}".encode()
        for name, value in headers.items()
        if value is not None
    ]
    return eol.join(added + kept) + sep + body


def reply(
    name: str,
    ticket: Ticket,
    *,
    sender: str,
    token_login: str | None = None,
    via: str = "reply-to",
) -> bytes:
    """The sample ``name`` as a reply to a notification of ``ticket`` sent to ``token_login``."""
    login = token_login or sender.split("@")[0]
    token = token_for(ticket, login)
    if via == "reply-to":
        return readdress(
            load(name), From=f"Someone <{sender}>", To=f"support+{token}@escalade.example"
        )
    message_id = f"<escalade.{token}.k3j2h1@escalade.example>"
    return readdress(
        load(name),
        From=f"Someone <{sender}>",
        To=f"Support <{GATEWAY}>",
        In_Reply_To=message_id,
        References=f"<ticket-{ticket.pk}@escalade.example> {message_id}",
    )


def mailgate(raw: bytes, *args: str) -> str:
    """Feed one message to ``escalade mailgate`` on its standard input; its output line."""
    out = io.StringIO()
    call_command("mailgate", *args, stdin=io.BytesIO(raw), stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture(autouse=True)
def _gateway_settings(settings):
    settings.ESCALADE_MAILGATE_ADDRESS = GATEWAY
    settings.DEFAULT_FROM_EMAIL = "Escalade <escalade@escalade.example>"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


# --- A real IMAP server: Debian's dovecot, run in the foreground for the test session --------

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
IMAP_USER, IMAP_PASSWORD = "gate", "secret-gate"

DOVECOT_CONF = """\
base_dir = {base}/run
state_dir = {base}/state
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = {base}/dovecot.log
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}
mail_location = maildir:{base}/mail/%u
first_valid_uid = 0
first_valid_gid = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {base}/passwd
}}
userdb {{
  driver = passwd-file
  args = {base}/passwd
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  chroot =
}}
"""


@dataclass(frozen=True)
class ImapServer:
    host: str
    port: int
    log: Path

    def connect(self) -> imaplib.IMAP4:
        conn = imaplib.IMAP4(self.host, self.port, timeout=10)
        conn.login(IMAP_USER, IMAP_PASSWORD)
        return conn

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else "(no log)"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _accounts() -> tuple[int, int, str, str, str]:
    """uid, gid of the mail owner, and the internal/login users: dovecot refuses root."""
    if os.geteuid() != 0:
        name = pwd.getpwuid(os.geteuid()).pw_name
        return os.geteuid(), os.getegid(), name, grp.getgrgid(os.getegid()).gr_name, name
    internal = pwd.getpwnam("dovecot")
    login = "dovenull" if _user_exists("dovenull") else "nobody"
    return internal.pw_uid, internal.pw_gid, "dovecot", grp.getgrgid(internal.pw_gid).gr_name, login


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture(scope="session")
def dovecot() -> Iterator[ImapServer]:
    if not Path(DOVECOT).exists():
        pytest.fail("dovecot is needed (scripts/system-deps.sh installs dovecot-imapd)")
    # Not under pytest's tmp dir: that one is private to root, and dovecot drops privileges.
    base = Path(tempfile.mkdtemp(prefix="escalade-dovecot-"))
    base.chmod(0o755)  # dovecot's auth process reads the passwd file as its own user
    uid, gid, internal_user, internal_group, login_user = _accounts()
    (base / "mail").mkdir()
    os.chown(base / "mail", uid, gid)
    (base / "passwd").write_text(
        f"{IMAP_USER}:{{PLAIN}}{IMAP_PASSWORD}:{uid}:{gid}::{base}/mail/{IMAP_USER}\n"
    )
    port = _free_port()
    (base / "dovecot.conf").write_text(
        DOVECOT_CONF.format(
            base=base,
            port=port,
            internal_user=internal_user,
            internal_group=internal_group,
            login_user=login_user,
        )
    )
    server = ImapServer("127.0.0.1", port, base / "dovecot.log")
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(base / "dovecot.conf")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                server.connect().logout()
                break
            except (OSError, imaplib.IMAP4.error) as exc:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    output = process.communicate()[0].decode(errors="replace")
                    pytest.fail(
                        f"dovecot did not start ({exc}).\nOutput:\n{output}\n"
                        f"Log:\n{server.log_text()}"
                    )
                time.sleep(0.1)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def imap(dovecot) -> Iterator[ImapServer]:
    """The IMAP server with an empty INBOX and no other folder."""
    conn = dovecot.connect()
    try:
        for line in conn.list()[1]:
            name = line.decode().rsplit(' "." ', 1)[-1].strip()
            if name.strip('"') != "INBOX":
                conn.delete(name)
        _typ, count = conn.select("INBOX")
        if int(count[0]):
            conn.store("1:*", "+FLAGS.SILENT", r"(\Deleted)")
            conn.expunge()
    finally:
        conn.logout()
    yield dovecot
