"""``escalade run``: the production web server (gunicorn) and a worker, side by side."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from escalade.operations.config import multi_node_problems


class Command(BaseCommand):
    help = "Sert Escalade (gunicorn, fichiers statiques inclus) avec un worker de tâches."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", "2")),
            help="Processus web (défaut : WEB_CONCURRENCY ou 2).",
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Ne pas lancer de worker de tâches."
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="Fichiers statiques déjà rassemblés (escalade collectstatic à la livraison).",
        )

    def handle(
        self,
        *args,
        host: str,
        port: int,
        workers: int,
        no_worker: bool,
        no_collectstatic: bool = False,
        **options,
    ) -> None:
        if settings.ESCALADE_MULTI_NODE and (problems := multi_node_problems()):
            raise CommandError(
                "ESCALADE_MULTI_NODE=1 : ce nœud ne peut pas démarrer.\n- " + "\n- ".join(problems)
            )
        # Request metrics of every gunicorn process of this node, added up at each scrape.
        metrics_dir = Path(settings.DATA_DIR) / "prometheus"
        shutil.rmtree(metrics_dir, ignore_errors=True)
        metrics_dir.mkdir(parents=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
        if not settings.DEBUG and not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        escalade = [sys.executable, "-m", "escalade.cli"]
        processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "escalade.wsgi:application",
                    "--bind",
                    f"{host}:{port}",
                    "--workers",
                    str(workers),
                    "--access-logfile",
                    "-",
                    # Masks password, user_token, session_token, app_token in every line.
                    "--logger-class",
                    "escalade.core.logs.GunicornLogger",
                    "--timeout",
                    "60",
                    "--graceful-timeout",
                    "10",
                    "--config",
                    "python:escalade.operations.gunicorn_conf",
                ]
            )
        ]
        if not no_worker:
            processes.append(subprocess.Popen([*escalade, "worker"]))
        self.stdout.write(f"Escalade : http://{host}:{port}/  (Ctrl+C pour arrêter)")

        def stop(signum, frame) -> None:
            for process in processes:
                if process.poll() is None:
                    process.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while all(p.poll() is None for p in processes):
                time.sleep(0.5)
        finally:
            stop(None, None)
            for process in processes:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        codes = [p.returncode for p in processes]
        if any(code not in (0, -signal.SIGTERM, None) for code in codes):
            sys.exit(1)
