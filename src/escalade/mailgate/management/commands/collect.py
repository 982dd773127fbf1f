"""``escalade collect``: collect the active IMAP mailboxes once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from escalade.mailgate.imap import collect_all


class Command(BaseCommand):
    help = "Relève une fois les boîtes IMAP actives."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--mailbox", help="Ne relever que cette boîte (nom).")

    def handle(self, *args: Any, **options: Any) -> None:
        reports = collect_all(name=options.get("mailbox"))
        if options.get("mailbox") and not reports:
            raise CommandError(f"Boîte active inconnue : {options['mailbox']}")
        failed = False
        for report in reports:
            self.stdout.write(report.summary())
            failed = failed or bool(report.error)
        if failed:
            raise CommandError("Au moins une boîte n'a pas pu être relevée.")
