"""gunicorn settings that ``escalade run`` loads (``--config python:…``)."""

from __future__ import annotations

import os


def child_exit(server, worker) -> None:
    # Prometheus' multiprocess files of a dead worker: its gauges no longer count.
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
