"""A real SMTP server (aiosmtpd) on a free localhost port, and helpers to read what it got."""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from escalade.notifications import delivery
from escalade.notifications.models import Notification


@dataclass
class Received:
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def to(self) -> str:
        return self.rcpt_tos[0]

    # Long headers are folded ("Subject:\r\n =?utf-8?…"); mail clients drop the
    # folding white space, and so do these helpers.
    @property
    def subject(self) -> str:
        return str(self.message["Subject"]).strip()

    def header(self, name: str) -> str:
        return str(self.message[name] or "").strip()

    @property
    def text(self) -> str:
        return self.message.get_body(preferencelist=("plain",)).get_content()

    @property
    def html(self) -> str:
        return self.message.get_body(preferencelist=("html",)).get_content()


class Inbox:
    """The aiosmtpd handler: keeps every accepted message."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.delay = 0.0
        self.peers: set[tuple] = set()  # one per SMTP connection
        self._lock = threading.Lock()

    @property
    def sessions(self) -> int:
        return len(self.peers)

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.peers.add(tuple(session.peer))
            self.received.append(Received(list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(
            self.inbox, hostname="127.0.0.1", port=self.port, ready_timeout=30
        )
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def received(self) -> list[Received]:
        return self.inbox.received

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.rcpt_tos]

    def recipients(self) -> list[str]:
        return sorted(a for r in self.received for a in r.rcpt_tos)

    def clear(self) -> None:
        self.inbox.received.clear()
        self.inbox.peers.clear()


@pytest.fixture
def smtp(settings):
    """A running aiosmtpd server; Django's EMAIL settings point at it."""
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "Escalade <assistance@ac-normandie.fr>"
    settings.ESCALADE_BASE_URL = "https://assistance.ac-normandie.fr"
    yield server
    server.stop()


# Tests that run the real worker (db_worker closes the connection it finds inside a
# transaction, as it must) use a transactional database; the seeded rows come back after.
worker_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def send_all() -> int:
    """What the worker does for rows that are due (the tasks and the safety net call it)."""
    return delivery.deliver_due()


def mails_of(ticket) -> list[Notification]:
    return list(Notification.objects.filter(ticket_number=ticket.pk).order_by("pk"))
