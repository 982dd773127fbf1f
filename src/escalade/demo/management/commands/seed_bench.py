"""``escalade seed-bench --tickets N``: fill the database with realistic data in bulk."""

from __future__ import annotations

import random
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from escalade.demo.bench import Sizes, generate, seed_directory


class Command(BaseCommand):
    help = (
        "Remplit la base de données de tickets réalistes pour les mesures de performance "
        "(COPY sur PostgreSQL). À ne jamais lancer sur une base de production."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--tickets", type=int, required=True)
        parser.add_argument("--entities", type=int, default=2000)
        parser.add_argument("--groups", type=int, default=500)
        parser.add_argument("--users", type=int, default=20000)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--no-progress", action="store_true")

    def handle(
        self,
        *args,
        tickets: int,
        entities: int,
        groups: int,
        users: int,
        batch: int,
        seed: int,
        no_progress: bool,
        **options,
    ) -> None:
        for name, value, minimum in (
            ("--tickets", tickets, 1),
            ("--entities", entities, 21),
            ("--groups", groups, 1),
            ("--users", users, 2),
            ("--batch", batch, 1),
        ):
            if value < minimum:
                raise CommandError(f"{name} doit valoir au moins {minimum} (reçu {value}).")
        rng = random.Random(seed)
        sizes = Sizes(tickets=tickets, entities=entities, groups=groups, users=users)
        started = time.monotonic()
        self.stdout.write(f"Annuaire : {entities} entités, {groups} groupes, {users} comptes…")
        directory = seed_directory(sizes, rng)
        with tqdm(total=tickets, unit="ticket", disable=no_progress) as bar:
            counts = generate(sizes, directory, rng, batch=batch, progress=bar.update)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['tickets']} tickets, {counts['actors']} acteurs, "
                f"{counts['followups']} suivis, {counts['events']} événements en {elapsed:.0f} s."
            )
        )
