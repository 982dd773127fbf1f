"""Two real ``escalade worker --batch`` processes on the test database (PostgreSQL).

The jobs that must run once whatever the number of workers (notifications, levels,
surveys, statistics) are tested with this one launcher.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

SRC = Path(__file__).resolve().parents[1] / "src"


def run_two_workers(
    tmp_path: Path, *, extra_env: dict[str, str] | None = None, timeout: int = 180
) -> list[str]:
    """Start two workers at once on this test's database; both must end well.

    Returns what each printed (for the assertion messages).
    """
    db = connection.settings_dict
    login = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DATABASE_URL": f"postgres://{login}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "ESCALADE_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "escalade.settings",
        **(extra_env or {}),
    }
    command = [sys.executable, "-m", "escalade.cli", "worker", "--batch"]
    workers = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        for _ in range(2)
    ]
    outputs = [w.communicate(timeout=timeout)[0].decode() for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    return outputs
