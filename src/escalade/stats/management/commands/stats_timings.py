"""``escalade stats_timings``: compute the working times of the statistics now."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from escalade.stats import timings


class Command(BaseCommand):
    help = (
        "Calcule les durées ouvrées (prise en compte, résolution) des tickets modifiés "
        "depuis le dernier calcul ; --all : de tous les tickets (après un changement de "
        "calendrier)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--all", action="store_true", help="Tout recalculer.")
        parser.add_argument("--batch", type=int, default=timings.BATCH)

    def handle(self, *args, all: bool, batch: int, **options) -> None:
        done = timings.refresh_timings(full=all, batch=batch, budget_seconds=float("inf"))
        self.stdout.write(f"{done} ticket(s) calculé(s).")
