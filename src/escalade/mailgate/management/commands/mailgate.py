"""``escalade mailgate``: handle ONE message read on standard input (for an MTA pipe or alias).

Exit 0 once the message is handled (accepted, or refused and recorded with the reason);
exit 75 (EX_TEMPFAIL) when it should be delivered again later, e.g. the database is down.
No traceback reaches the MTA: errors are logged and summed up in one line on stderr.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from django.core.management.base import BaseCommand

from escalade.mailgate.models import Mailbox

logger = logging.getLogger("escalade.mailgate")

EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = "Lit un message (RFC 5322) sur l'entrée standard et le transmet à la passerelle."
    stealth_options = ("stdin",)

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--mailbox",
            help="Nom d'une boîte configurée dont prendre l'entité, la catégorie et le type.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stream = options.get("stdin") or sys.stdin.buffer
        raw = stream.read()
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        try:
            from escalade.mailgate.gateway import handle_message, record_failure

            mailbox = None
            if options.get("mailbox"):
                mailbox = Mailbox.objects.filter(name=options["mailbox"]).first()
                if mailbox is None:  # a configuration error: keep the mail queued meanwhile
                    self.stderr.write(f"escalade mailgate: boîte inconnue : {options['mailbox']}")
                    sys.exit(EX_TEMPFAIL)
            result = handle_message(raw, mailbox=mailbox)
        except Exception as exc:
            # One line in the log, no traceback: the MTA may mail stderr back to the sender.
            logger.error("mailgate: message not handled: %s: %s", type(exc).__name__, exc)
            # Keep the message for an administrator when the database still answers;
            # otherwise ask the MTA to deliver it again later.
            if not record_failure(raw, exc):
                self.stderr.write(f"escalade mailgate: échec temporaire ({type(exc).__name__})")
                sys.exit(EX_TEMPFAIL)
            self.stderr.write(f"escalade mailgate: message conservé, erreur {type(exc).__name__}")
            return
        line = f"escalade mailgate: {result.outcome}"
        if result.reason:
            line += f" — {result.reason}"
        if result.ticket_id:
            line += f" (ticket {result.ticket_id})"
        self.stdout.write(line)
