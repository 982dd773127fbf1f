"""``escalade import-glpi --database mysql://USER:PASS@HOST:PORT/DB [--files DIR] [--dry-run]``."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from escalade.glpiimport.importer import Importer
from escalade.glpiimport.source import GlpiImportError, GlpiSource, parse_dsn


class Command(BaseCommand):
    help = (
        "Importe une base GLPI 10.0 (entités, utilisateurs, groupes, catégories, profils, "
        "tickets avec leurs identifiants, suivis, tâches, solutions, documents, historique). "
        "Relançable : une nouvelle exécution n'apporte que ce qui a changé."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--database",
            required=True,
            help="Base GLPI : mysql://UTILISATEUR:MOT_DE_PASSE@HÔTE:PORT/BASE",
        )
        parser.add_argument(
            "--files",
            type=Path,
            help="Dossier « files » de GLPI (GLPI_DOC_DIR), pour les documents",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="N'écrit rien : affiche ce qui serait importé"
        )
        parser.add_argument(
            "--timezone",
            help="Fuseau horaire du serveur GLPI (ex. Europe/Paris) pour des dates DATETIME ; "
            "par défaut celui de GLPI ou du serveur MySQL",
        )
        parser.add_argument("--no-progress", action="store_true", help="Sans barre de progression")

    def handle(self, *args: Any, **options: Any) -> None:
        files = options.get("files")
        if files is not None and not files.is_dir():
            raise CommandError(f"dossier de fichiers GLPI introuvable : {files}")
        started = time.monotonic()
        try:
            source = GlpiSource(parse_dsn(options["database"]), timezone=options.get("timezone"))
        except GlpiImportError as exc:
            raise CommandError(str(exc)) from None
        try:
            importer = Importer(
                source,
                files_dir=files,
                dry_run=options["dry_run"],
                progress=not options["no_progress"],
                out=sys.stderr,
            )
            report = importer.run()
        finally:
            source.close()
        elapsed = time.monotonic() - started
        if options["dry_run"]:
            self.stdout.write("Simulation (--dry-run) : rien n'a été écrit. Ce qui serait fait :")
        self.stdout.write(f"GLPI {source.version}, base {source.database}")
        self.stdout.write(report.table())
        not_imported = report.not_imported()
        if not_imported:
            self.stdout.write("Non importé :")
            self.stdout.write(not_imported)
        self.stdout.write(f"Durée : {elapsed:.1f} s")
