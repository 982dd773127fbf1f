"""Real servers for the operations and nodes tests: Escalade nodes (``escalade run``),
PostgreSQL clusters (primary and streaming replica), PgBouncer and moto's S3.

Each is started by a fixture of the module or session that needs it, and stopped after.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import requests
from django.db import connection

SRC = Path(__file__).resolve().parents[1] / "src"
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, *, timeout: float = 60, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the server stopped (exit {process.returncode})")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, timeout=2).status_code < 500:
                return
        time.sleep(0.2)
    raise TimeoutError(url)


def database_url(name: str | None = None, *, port: int | None = None) -> str:
    """The URL of the test database (or of ``name`` on the same server)."""
    db = connection.settings_dict
    login = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{login}@{db['HOST']}:{port or db['PORT']}/{name or db['NAME']}"


def base_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ESCALADE_", "DATABASE_"))}
    env.update(
        PYTHONPATH=str(SRC),
        DJANGO_SETTINGS_MODULE="escalade.settings",
        ESCALADE_DATA_DIR=str(data_dir),
        ESCALADE_CSP="1",
        LOG_LEVEL="WARNING",
    )
    env.pop("PYTEST_CURRENT_TEST", None)
    env.update(extra)
    return env


class Node:
    """One ``escalade run`` (gunicorn and its worker) in its own process group."""

    def __init__(
        self,
        data_dir: Path,
        env: dict[str, str],
        *,
        worker: bool = True,
        static: Path | None = None,
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = data_dir
        self.log = data_dir / "node.log"
        command = [sys.executable, "-m", "escalade.cli", "run", "--host", "127.0.0.1"]
        command += ["--port", str(self.port), "--workers", "1"]
        if not worker:
            command.append("--no-worker")
        data_dir.mkdir(parents=True, exist_ok=True)
        if static is not None:  # collected once for the session (see collected_static)
            command.append("--no-collectstatic")
            with contextlib.suppress(FileNotFoundError):
                (data_dir / "static").rmdir()
            if not (data_dir / "static").exists():
                (data_dir / "static").symlink_to(static)
        self._out = self.log.open("wb")
        self.process = subprocess.Popen(
            command, env=env, stdout=self._out, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait(self, timeout: float = 90) -> Node:
        try:
            wait_for(f"{self.url}/sante/", timeout=timeout, process=self.process)
        except Exception:
            raise RuntimeError(self.output()) from None
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """The machine dies: every process of the node at once, no clean-up."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()
        with contextlib.suppress(ProcessLookupError):  # children left behind, if any
            os.killpg(self.process.pid, signal.SIGKILL)
        self._out.close()


def collect_static(root: Path) -> Path:
    """The static files, collected once (as a release build does) for every node."""
    data_dir = root / "collect"
    done = subprocess.run(
        [sys.executable, "-m", "escalade.cli", "collectstatic", "--noinput", "-v0"],
        env=base_env(data_dir),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return data_dir / "static"


def api(node_url: str, login: str) -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = f"Token {login}-token"
    session.base_url = node_url  # type: ignore[attr-defined]
    return session


class Cluster:
    """A PostgreSQL cluster of its own (run as the postgres user), on a free port, in a
    folder of /tmp that the postgres user owns (pytest's folders are root's alone)."""

    def __init__(self, name: str) -> None:
        self.root = Path(tempfile.mkdtemp(prefix=f"escalade-{name}-"))
        shutil.chown(self.root, "postgres")
        self.dir = self.root / "data"
        self.port = free_port()
        self.log = self.root / "postgresql.log"

    def _as_postgres(self, *command: str) -> None:
        done = subprocess.run(
            ["runuser", "-u", "postgres", "--", *command],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode:
            raise RuntimeError(f"{command[0]}: {done.stdout}{done.stderr}")

    def initdb(self) -> Cluster:
        self._as_postgres(
            str(PG_BIN / "initdb"), "-D", str(self.dir), "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        with (self.dir / "pg_hba.conf").open("a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
        return self

    def basebackup_of(self, primary: Cluster) -> Cluster:
        self._as_postgres(
            str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port),
            "-U", "postgres", "-D", str(self.dir), "-R", "-X", "stream", "-c", "fast",
        )  # fmt: skip
        return self

    def start(self) -> Cluster:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(self.dir), "-l", str(self.log), "-o", options,
            "-w", "start",
        )  # fmt: skip
        return self

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._as_postgres(
                str(PG_BIN / "pg_ctl"), "-D", str(self.dir), "-m", "immediate", "-w", "stop"
            )
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def sql(self, query: str, database: str = "postgres") -> str:
        done = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
             "-Atc", query],
            check=True, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        return done.stdout.strip()


class PgBouncer:
    """Debian's pgbouncer in transaction mode, in front of one database of the test server."""

    def __init__(self, *, host: str, port: int, database: str, pool_size: int = 2) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="escalade-pgbouncer-"))
        shutil.chown(self.root, "postgres")
        self.port = free_port()
        self.log = self.root / "pgbouncer.log"
        (self.root / "pgbouncer.ini").write_text(
            "[databases]\n"
            f"escalade = host={host} port={port} dbname={database} user=postgres\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.port}\n"
            f"unix_socket_dir = {self.root}\n"
            "auth_type = any\nadmin_users = postgres\n"
            "pool_mode = transaction\n"
            f"default_pool_size = {pool_size}\nmax_client_conn = 200\n"
            f"logfile = {self.log}\n"
        )
        self.process: subprocess.Popen | None = None

    def start(self) -> PgBouncer:
        self.process = subprocess.Popen(
            ["runuser", "-u", "postgres", "--", "/usr/sbin/pgbouncer",
             str(self.root / "pgbouncer.ini")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port)):
                return self
            time.sleep(0.1)
        raise TimeoutError(self.log.read_text() if self.log.exists() else "pgbouncer")

    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/escalade"

    def show(self, what: str) -> list[dict[str, str]]:
        """The admin console: SHOW POOLS, SHOW STATS…"""
        done = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d",
             "pgbouncer", "--csv", "-c", f"SHOW {what}"],
            check=True, capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        import csv
        import io

        return list(csv.DictReader(io.StringIO(done.stdout)))

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def running(*nodes: Node) -> Iterator[tuple[Node, ...]]:
    try:
        for node in nodes:
            node.wait()
        yield nodes
    finally:
        for node in nodes:
            node.stop()
