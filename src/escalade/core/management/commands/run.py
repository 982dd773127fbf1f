"""``escalade run``: the production web server (gunicorn) and a worker, side by side."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


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

    def handle(self, *args, host: str, port: int, workers: int, no_worker: bool, **options) -> None:
        if not settings.DEBUG:
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
